//! `groundwork list` and `groundwork show`.

use crate::skip::skipped;
use crate::support::Test;
use groundwork::blueprint::Catalogue;

const ALL: [&str; 10] = [
    "aspnet-core",
    "django",
    "express",
    "fastapi",
    "flask",
    "koa",
    "laravel",
    "node",
    "rails",
    "spring-boot",
];

#[test]
fn list_prints_a_table_that_fits_80_columns() {
    let run = Test::new().args(["list"]).env("COLUMNS", "80").run();
    run.status(0).stdout_has("ID").stdout_has("fastapi");
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 80, "{line:?}");
    }
}

#[test]
fn list_json_has_every_field() {
    let run = Test::new().args(["list", "--json"]).run();
    run.status(0);
    let entries: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let entries = entries.as_array().unwrap();
    for entry in entries {
        for field in [
            "id",
            "name",
            "language",
            "description",
            "version",
            "proof",
            "source",
        ] {
            assert!(entry.get(field).is_some(), "{field} missing in {entry}");
        }
    }
    let mut listed: Vec<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
    listed.sort_unstable();
    // The list is exactly the embedded catalogue, and the catalogue is exactly the ten
    // blueprints: a dropped or an extra blueprint fails one of the two.
    let mut embedded = Catalogue::embedded().expect("the catalogue loads").ids();
    embedded.sort_unstable();
    assert_eq!(
        listed, embedded,
        "list --json against the embedded catalogue"
    );
    assert_eq!(
        listed, ALL,
        "the embedded catalogue against the ten blueprints"
    );
}

#[test]
fn show_json_exposes_options_files_and_commands() {
    let run = Test::new().args(["show", "fastapi", "--json"]).run();
    run.status(0);
    let shown: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for command in ["install", "test", "run"] {
        assert!(shown["commands"][command].is_string(), "commands.{command}");
    }
    let port = shown["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["key"] == "port")
        .expect("a port option");
    assert_eq!(port["type"], "int");
    assert!(port["default"].is_number());
    assert!(port["help"].is_string());
    assert!(
        shown["files"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["path"] == "Dockerfile" && f["when"] == "docker")
    );
}

#[test]
fn show_text_names_the_proof_level() {
    Test::new()
        .args(["show", "FastAPI"])
        .run()
        .status(0)
        .stdout_has("Proven: end-to-end")
        .stdout_has("Options (--set KEY=VALUE):");
}

#[test]
fn aliases_and_case_are_accepted() {
    let t = Test::new().args(["list", "--json"]).run();
    let ids: Vec<String> = serde_json::from_str::<serde_json::Value>(&t.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    let aliases = [
        ("nodejs", "node"),
        ("Node.js", "node"),
        ("expressjs", "express"),
        ("koajs", "koa"),
        ("ror", "rails"),
        ("springboot", "spring-boot"),
        ("spring", "spring-boot"),
        ("aspnetcore", "aspnet-core"),
        ("asp.net", "aspnet-core"),
        ("dotnet", "aspnet-core"),
        ("FASTAPI", "fastapi"),
        ("Django", "django"),
    ];
    for (alias, id) in aliases {
        if !ids.iter().any(|i| i == id) {
            skipped(&format!(
                "{id} is not embedded, so the alias {alias:?} was not tried"
            ));
            continue;
        }
        let run = Test::new().args(["show", alias, "--json"]).run();
        run.status(0);
        let shown: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(shown["id"], id, "{alias}");
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_groundwork"))
        .args(["show", "fastapi"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
