//! Rebuilds the binary when anything under `blueprints/` changes (`include_dir` alone does not tell
//! cargo), and records which template files are executable, since `include_dir` keeps contents only.

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new("blueprints");
    println!("cargo:rerun-if-changed=blueprints");
    let mut executables = Vec::new();
    collect(root, root, &mut executables);
    executables.sort();
    let mut list = String::new();
    for path in &executables {
        list.push_str(&format!("    {path:?},\n"));
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("executables.rs"), format!("&[\n{list}]\n")).expect("write executables.rs");
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            collect(root, &path, out);
        } else if is_executable(&meta) {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[cfg(unix)]
fn is_executable(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_meta: &fs::Metadata) -> bool {
    false
}
