//! The README's promise, kept: every `sh` block in README.md runs as written, in order, in one
//! shell, in a fresh copy of the repository, with a private HOME.
//!
//! A block preceded by `<!-- readme: slow -->` installs from a registry or builds in release mode;
//! it runs under `CI=true` or `GROUNDWORK_README_SLOW=1`, and is reported "skipped (slow)"
//! otherwise, with the binary under test standing in for `cargo install`. A block preceded by
//! `<!-- readme: ci -->` is the test command itself: it is not run here (that would recurse), but
//! `.ci/run` must run it exactly as written.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const SLOW: &str = "<!-- readme: slow -->";
const RUN_BY_CI: &str = "<!-- readme: ci -->";

#[derive(Debug, PartialEq)]
enum Kind {
    Quick,
    Slow,
    RunByCi,
}

#[derive(Debug)]
struct Block {
    kind: Kind,
    line: usize,
    text: String,
}

/// The README's `sh` blocks, in order, each with the marker on the line before its fence.
fn sh_blocks(readme: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut marker = None;
    let mut open: Option<Block> = None;
    for (index, line) in readme.lines().enumerate() {
        if let Some(block) = open.as_mut() {
            if line.trim_start().starts_with("```") {
                blocks.push(open.take().expect("a block is open"));
            } else {
                block.text.push_str(line);
                block.text.push('\n');
            }
            continue;
        }
        match line.trim() {
            SLOW => marker = Some(Kind::Slow),
            RUN_BY_CI => marker = Some(Kind::RunByCi),
            "```sh" => {
                open = Some(Block {
                    kind: marker.take().unwrap_or(Kind::Quick),
                    line: index + 1,
                    text: String::new(),
                });
            }
            "" => {}
            _ => marker = None,
        }
    }
    assert!(open.is_none(), "README.md ends inside a code block");
    blocks
}

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the files git tracks, as they are in the work tree: what a fresh clone holds.
fn fresh_copy(into: &Path) {
    let listed = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(repository())
        .output()
        .expect("git ls-files runs");
    assert!(listed.status.success(), "git ls-files failed");
    for path in listed.stdout.split(|b| *b == 0).filter(|p| !p.is_empty()) {
        let path = std::str::from_utf8(path).expect("tracked paths are UTF-8");
        let source = repository().join(path);
        if !source.is_file() {
            continue; // deleted in the work tree, not yet committed
        }
        let target = into.join(path);
        fs::create_dir_all(target.parent().expect("a file has a parent")).expect("mkdir");
        fs::copy(&source, &target).expect("copy a tracked file");
    }
}

#[test]
fn every_readme_shell_block_runs_in_order_in_a_fresh_copy() {
    let readme = fs::read_to_string(repository().join("README.md")).expect("README.md reads");
    let blocks = sh_blocks(&readme);
    assert!(
        blocks.iter().any(|b| b.kind == Kind::Quick),
        "README.md has no runnable sh block"
    );
    let ci_script = fs::read_to_string(repository().join(".ci/run")).expect(".ci/run reads");
    for block in blocks.iter().filter(|b| b.kind == Kind::RunByCi) {
        for command in block
            .text
            .lines()
            .map(|l| l.split(" #").next().unwrap_or(l).trim())
        {
            if !command.is_empty() {
                assert!(
                    ci_script.lines().any(|l| l.trim() == command),
                    "README.md line {}: `{command}` is the test command, but .ci/run does not run it as written",
                    block.line
                );
            }
        }
    }

    let run_slow = std::env::var("CI").is_ok_and(|v| v == "true")
        || std::env::var_os("GROUNDWORK_README_SLOW").is_some();
    let work = tempfile::tempdir().expect("a temporary folder");
    let clone = work.path().join("groundwork");
    fresh_copy(&clone);
    let home = work.path().join("home");
    fs::create_dir_all(&home).expect("mkdir HOME");
    fs::write(
        home.join(".gitconfig"),
        "[user]\n\tname = Readme Reader\n\temail = reader@example.com\n[init]\n\tdefaultBranch = main\n",
    )
    .expect("write .gitconfig");

    let mut script = String::from("set -euo pipefail\n");
    let mut skipped = Vec::new();
    for block in &blocks {
        match block.kind {
            Kind::Quick => script.push_str(&block.text),
            Kind::Slow if run_slow => script.push_str(&block.text),
            Kind::Slow => skipped.push(block.line),
            Kind::RunByCi => {}
        }
    }

    // `cargo install` puts the binary in CARGO_INSTALL_ROOT/bin; when that block is skipped, the
    // binary under test stands in for it, later on PATH.
    let installed = work.path().join("cargo-root");
    let under_test = Path::new(env!("CARGO_BIN_EXE_groundwork"))
        .parent()
        .expect("the binary has a folder")
        .to_path_buf();
    let real_home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let path = std::env::join_paths([installed.join("bin"), under_test].into_iter().chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH joins");
    let cargo_home =
        std::env::var_os("CARGO_HOME").map_or_else(|| real_home.join(".cargo"), PathBuf::from);
    let output = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(&clone)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("CARGO_HOME", cargo_home)
        .env("CARGO_INSTALL_ROOT", &installed)
        // Reuses earlier release builds, and keeps the registries' caches warm.
        .env("CARGO_TARGET_DIR", repository().join("target/readme"))
        .env("PIP_CACHE_DIR", real_home.join(".cache/pip"))
        .env("npm_config_cache", real_home.join(".npm"))
        .output()
        .expect("bash runs");
    let shown = format!(
        "--- script:\n{script}\n--- stdout:\n{}\n--- stderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "the README's commands failed:\n{shown}"
    );
    for line in skipped {
        println!(
            "skipped (slow: README.md line {line} installs or builds; set GROUNDWORK_README_SLOW=1)"
        );
    }
}

#[test]
fn markers_attach_to_the_next_block_only() {
    let blocks = sh_blocks(
        "<!-- readme: slow -->\n\n```sh\nnpm install\n```\ntext\n```sh\nls\n```\n<!-- readme: ci -->\n```sh\ncargo test\n```\n",
    );
    let kinds: Vec<&Kind> = blocks.iter().map(|b| &b.kind).collect();
    assert_eq!(kinds, [&Kind::Slow, &Kind::Quick, &Kind::RunByCi]);
    assert_eq!(blocks[0].text, "npm install\n");
}
