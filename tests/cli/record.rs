//! What a project keeps of the recommendation it was made through, the warnings `new` gives about
//! a blueprint's proof level and this machine's toolchain, and `list` within its terminal.

use crate::support::Test;

const PROOF_HEADING: &str = "ID           FRAMEWORK      LANGUAGE    PROOF        DESCRIPTION";

fn list_with_columns(columns: &str) -> String {
    let run = Test::new().args(["list"]).env("COLUMNS", columns).run();
    run.status(0);
    run.stdout.clone()
}

#[test]
fn list_uses_a_120_column_terminal_and_cuts_no_description() {
    let out = list_with_columns("120");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], PROOF_HEADING);
    for line in &lines {
        assert!(line.chars().count() <= 120, "{line:?}");
    }
    assert!(!out.contains('…'), "nothing is cut:\n{out}");
    assert_eq!(
        lines[1],
        "aspnet-core  ASP.NET Core   csharp      syntax only  ASP.NET Core 10 minimal API: health checks, problem-details errors,"
    );
    assert_eq!(
        lines[2],
        "                                                     xUnit with WebApplicationFactory"
    );
    assert!(
        out.contains("\nfastapi      FastAPI        python      end-to-end   Async Python API with pydantic models, uvicorn and pytest\n"),
        "{out}"
    );
}

#[test]
fn list_on_60_columns_puts_each_description_under_its_row() {
    let out = list_with_columns("60");
    for line in out.lines() {
        assert!(line.chars().count() <= 60, "{line:?}");
    }
    assert!(!out.contains('…'), "nothing is cut:\n{out}");
    assert!(
        out.starts_with(
            "ID           FRAMEWORK      LANGUAGE    PROOF\n\
             aspnet-core  ASP.NET Core   csharp      syntax only\n    \
             ASP.NET Core 10 minimal API: health checks,\n    \
             problem-details errors, xUnit with WebApplicationFactory\n"
        ),
        "{out}"
    );
    assert!(out.contains("\nrails        Ruby on Rails  ruby        syntax only\n"));
}

#[test]
fn list_into_a_pipe_gives_every_description_whole_on_its_line() {
    let run = Test::new().args(["list"]).run();
    run.status(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], PROOF_HEADING);
    assert_eq!(
        lines.len(),
        11,
        "a heading and ten blueprints:\n{}",
        run.stdout
    );
    assert_eq!(
        lines[10],
        "spring-boot  Spring Boot    java        end-to-end   Spring Boot 4 JSON API: Spring MVC, Spring Data JPA with Flyway (H2 or PostgreSQL), Bean Validation, Actuator health, JUnit and MockMvc, Maven wrapper"
    );
}

#[test]
fn a_columns_value_that_is_not_a_width_is_ignored() {
    let run = Test::new().args(["list"]).env("COLUMNS", "wide").run();
    run.status(0);
    assert_eq!(run.stdout.lines().count(), 11, "{}", run.stdout);
}

/// A folder of stand-in tools, each printing the version given, to be the whole PATH of a run.
fn tools_on_path(t: Test, tools: &[(&str, &str)]) -> Test {
    let bin = t.dir.path().join("tools");
    std::fs::create_dir_all(&bin).unwrap();
    for (name, version_line) in tools {
        let script = bin.join(name);
        std::fs::write(&script, format!("#!/bin/sh\necho '{version_line}'\n")).unwrap();
        let mut permissions = std::fs::metadata(&script).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
        std::fs::set_permissions(&script, permissions).unwrap();
    }
    let path = bin.to_str().unwrap().to_string();
    t.env("PATH", &path)
}

const RAILS_PROOF: &str = "warning: rails: syntax only here: groundwork's CI parses every generated file but never installs, builds or runs the project (see `groundwork show rails`)\n";

#[test]
fn new_warns_once_about_a_ruby_older_than_rails_needs_and_about_the_proof_level() {
    let t = Test::new().args(["new", "svc", "-f", "rails", "-y", "--no-git"]);
    let run = tools_on_path(
        t,
        &[("ruby", "ruby 3.1.2p20 (2022-04-12 revision 4491bb740a)")],
    )
    .run();
    run.status(0);
    let too_old = "warning: ruby 3.1.2 is too old: the project's commands need it, version 3.2 or newer (see `groundwork doctor rails`)\n";
    assert_eq!(run.stderr.matches(too_old).count(), 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches(RAILS_PROOF).count(), 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("warning:").count(), 2, "{}", run.stderr);
}

#[test]
fn with_a_ruby_that_fits_only_the_proof_level_is_said() {
    let t = Test::new().args(["new", "svc", "-f", "rails", "-y", "--no-git"]);
    let run = tools_on_path(
        t,
        &[("ruby", "ruby 3.3.6 (2024-11-05 revision 75015d4c1f)")],
    )
    .run();
    run.status(0);
    assert_eq!(run.stderr.matches("warning:").count(), 1, "{}", run.stderr);
    run.stderr_has(RAILS_PROOF);
}

#[test]
fn an_end_to_end_blueprint_with_its_tools_gets_no_warning() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y", "--no-git"]);
    let run = tools_on_path(t, &[("python3", "Python 3.12.1")]).run();
    run.status(0);
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
}

#[test]
fn new_json_lists_the_same_warnings() {
    let t = Test::new().args(["new", "svc", "-f", "laravel", "-y", "--no-git", "--json"]);
    let run = tools_on_path(t, &[("php", "PHP 8.2.36 (cli) (NTS)")]).run();
    run.status(0);
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        summary["warnings"],
        serde_json::json!([
            "laravel: syntax only here: groundwork's CI parses every generated file but never installs, builds or runs the project (see `groundwork show laravel`)",
            "php 8.2.36 is too old: the project's commands need it, version 8.3 or newer (see `groundwork doctor laravel`)",
            "composer not found: the project's commands need it, version 2.0 or newer (see `groundwork doctor laravel`)"
        ])
    );
}

#[test]
fn a_dry_run_says_the_warnings_too() {
    let t = Test::new().args(["new", "svc", "-f", "rails", "-y", "--dry-run"]);
    let run = tools_on_path(t, &[("ruby", "ruby 3.1.2p20")]).run();
    run.status(0).stderr_has(RAILS_PROOF).stderr_has(
        "warning: ruby 3.1.2 is too old: the project's commands need it, version 3.2 or newer",
    );
    assert!(!run.stdout.contains("warning"), "{}", run.stdout);
}

#[test]
fn doctor_and_new_agree_on_what_fails() {
    let t = Test::new().args(["doctor", "rails"]);
    let t = tools_on_path(t, &[("ruby", "ruby 3.1.2p20")]);
    t.run()
        .status(1)
        .stdout_has("3.1.2 is older than the 3.2 it needs");
}
