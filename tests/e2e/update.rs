//! `groundwork update` end to end, one project per ecosystem (Python, JavaScript, Java): generate
//! with `database=none` and commit, make a team edit and commit it, update to
//! `database=embedded` with `--commit`, then run the updated project's own install, migrate and
//! test commands. Seconds per step are printed.

use super::process::{run_to_end, tail};
use super::tools::Machine;
use super::{INSTALL_TIMEOUT, LOG_TAIL, TEST_TIMEOUT, missing_toolchain, read_commands};
use groundwork::blueprint::Catalogue;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// One blueprint per ecosystem that runs end to end here.
const PROJECTS: &[&str] = &["fastapi", "express", "spring-boot"];

#[test]
#[ignore = "installs from the registries: cargo test --test e2e -- --ignored --nocapture"]
fn one_project_per_ecosystem_updates_from_no_database_to_embedded_and_passes_its_tests() {
    let machine = Machine::here();
    let catalogue = Catalogue::embedded().expect("every embedded blueprint loads");
    let wanted = std::env::var("GROUNDWORK_E2E").unwrap_or_default();
    let selected: Vec<&str> = PROJECTS
        .iter()
        .copied()
        .filter(|id| wanted.trim().is_empty() || wanted.split(',').any(|w| w.trim() == *id))
        .collect();
    if selected.is_empty() {
        println!(
            "update: skipped (GROUNDWORK_E2E names none of {})",
            PROJECTS.join(", ")
        );
        return;
    }
    // Outside any work tree (CARGO_TARGET_TMPDIR lies inside this repository's), so that `new`
    // makes the project a repository of its own.
    let root = tempfile::Builder::new()
        .prefix("groundwork-e2e-update-")
        .tempdir()
        .expect("a temporary folder");
    let mut failures = Vec::new();
    let mut ran = 0;
    for id in selected {
        let blueprint = catalogue.find(id).expect("an embedded blueprint");
        let dir = root.path().join(id);
        println!("\n== update {id}: database none -> embedded");
        match prove(id, blueprint, &dir, &machine) {
            Ok(Some(timings)) => {
                ran += 1;
                println!("   update {id}: passed ({timings})");
            }
            Ok(None) => {}
            Err(e) => {
                println!("   update {id}: FAILED");
                failures.push(format!("{id}: {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(ran > 0, "no project could be updated and tested here");
}

/// `Ok(None)`: skipped (outside CI) for a missing toolchain; `Ok(Some(seconds))`: passed.
fn prove(
    id: &str,
    blueprint: &groundwork::blueprint::Blueprint,
    dir: &Path,
    machine: &Machine,
) -> Result<Option<String>, String> {
    let home = dir.join("home");
    let logs = dir.join("logs");
    fs::create_dir_all(&home)
        .and_then(|()| fs::create_dir_all(&logs))
        .expect("create folders");
    fs::write(
        home.join(".gitconfig"),
        "[user]\n\tname = E2E Test\n\temail = e2e@example.com\n",
    )
    .expect("write .gitconfig");
    let project = dir.join("app");
    let started = Instant::now();
    groundwork(
        &home,
        dir,
        &["new", "app", "-f", id, "-y", "--set", "database=none"],
        0,
    )?;
    if !project.join(".git").is_dir() {
        return Err(format!(
            "{} is not a repository of its own",
            project.display()
        ));
    }
    let commands = read_commands(&project)?;
    if commands.migrate.is_some() {
        return Err("with database=none the project has no migrate command".into());
    }
    let readme = fs::read_to_string(project.join("README.md")).map_err(|e| e.to_string())?;
    // A line of the team's at the top, away from what the database changes.
    fs::write(
        project.join("README.md"),
        format!("<!-- Team: see TEAM.md -->\n{readme}"),
    )
    .map_err(|e| e.to_string())?;
    fs::write(project.join("TEAM.md"), "Our notes\n").map_err(|e| e.to_string())?;
    git(&home, &project, &["add", "-A"])?;
    git(&home, &project, &["commit", "-q", "-m", "Team notes"])?;
    let output = groundwork(
        &home,
        dir,
        &["update", "app", "--set", "database=embedded", "--commit"],
        0,
    )?;
    let updated = started.elapsed();
    println!("{}", output.trim_end());
    let status = git(&home, &project, &["status", "--porcelain"])?;
    if !status.is_empty() {
        return Err(format!("the update's commit left changes:\n{status}"));
    }
    if fs::read_to_string(project.join("TEAM.md")).ok().as_deref() != Some("Our notes\n") {
        return Err("the team's TEAM.md was lost".into());
    }
    let readme = fs::read_to_string(project.join("README.md")).map_err(|e| e.to_string())?;
    if !readme.starts_with("<!-- Team: see TEAM.md -->\n") {
        return Err("the team's line in README.md was lost".into());
    }
    let commands = read_commands(&project)?;
    let Some(migrate) = commands.migrate.clone() else {
        return Err("after the update to embedded, .groundwork.toml has no migrate command".into());
    };
    if let Some(missing) = missing_toolchain(blueprint, &commands, machine) {
        if machine.ci {
            return Err(format!("cannot run its commands: {missing}"));
        }
        println!("   update {id}: skipped ({missing})");
        return Ok(None);
    }
    let mut timings = vec![format!("generate+update {:.1} s", updated.as_secs_f64())];
    for (name, command, timeout) in [
        ("install", commands.install.as_str(), INSTALL_TIMEOUT),
        ("migrate", migrate.as_str(), TEST_TIMEOUT),
        ("test", commands.test.as_str(), TEST_TIMEOUT),
    ] {
        let log = logs.join(format!("{name}.log"));
        println!("   {name}: {command}");
        let took = run_to_end(command, &project, &[], &log, timeout)
            .map_err(|e| format!("{name}: {e}\n{}", tail(&log, LOG_TAIL)))?;
        timings.push(format!("{name} {:.1} s", took.as_secs_f64()));
    }
    Ok(Some(timings.join(", ")))
}

/// Runs groundwork in `dir` with a private HOME; `Err` unless it exits with `expected`.
fn groundwork(home: &Path, dir: &Path, args: &[&str], expected: i32) -> Result<String, String> {
    let output = Command::new(env!("CARGO_BIN_EXE_groundwork"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .output()
        .map_err(|e| format!("groundwork did not start: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if output.status.code() != Some(expected) {
        return Err(format!(
            "groundwork {} exited with {} (expected {expected}):\n{stderr}",
            args.join(" "),
            output.status
        ));
    }
    Ok(stderr)
}

fn git(home: &Path, dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        // Never a repository above the project.
        .env("GIT_CEILING_DIRECTORIES", dir.parent().unwrap_or(dir))
        .output()
        .map_err(|e| format!("git did not start: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}
