//! The interactive flow in a real pseudo-terminal: a whole session answered with Enter, and Ctrl-C
//! at the first question.

use crate::support::{Test, blueprint_with_a_database_option, entries, git};
use rexpect::session::spawn_command;
use std::process::Command;

/// The binary in a pseudo-terminal, in the test's work folder with its private HOME.
/// Each wait for expected output gives up after this long.
const WAIT_MS: u64 = 3_000;

fn terminal_session(t: &Test, args: &[&str]) -> rexpect::session::PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_groundwork"));
    command
        .args(args)
        .current_dir(t.work())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", t.home())
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    spawn_command(command, Some(WAIT_MS)).expect("the binary starts in a pseudo-terminal")
}

fn exit_code(session: &mut rexpect::session::PtySession) -> i32 {
    match session.process().wait().expect("the process ends") {
        rexpect::process::WaitStatus::Exited(_, code) => code,
        other => panic!("ended by {other:?}"),
    }
}

#[test]
fn enter_at_every_question_creates_a_working_project() {
    let t = Test::new();
    let mut session = terminal_session(&t, &["new"]);
    session.exp_string("What are you building?").unwrap();
    // Enter takes the default of every question until the project is created (extra presses
    // after the end are read by nobody).
    for _ in 0..20 {
        session.send("\r").unwrap();
        session.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    session.exp_string("Next steps:").unwrap();
    let _ = session.exp_eof();
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(entries(&t.work()), vec!["my-service"]);
    let project = t.path("my-service");
    assert!(project.join(".groundwork.toml").is_file());
    assert_eq!(git(&project, &["rev-list", "--count", "HEAD"]), "1");
    // Enter at the framework question takes the first, recommended one: the top of the ranking
    // for no goals at all.
    let ranking = Test::new().args(["recommend", "--json"]).run();
    let ranking: serde_json::Value = serde_json::from_str(&ranking.stdout).unwrap();
    let recorded: toml::Table =
        toml::from_str(&std::fs::read_to_string(project.join(".groundwork.toml")).unwrap())
            .unwrap();
    let top = ranking[0]["id"]
        .as_str()
        .expect("recommend --json ranks the blueprints");
    assert_eq!(
        recorded["groundwork"]["blueprint"].as_str(),
        Some(top),
        "the framework chosen by Enter"
    );
}

#[test]
fn ctrl_c_at_the_first_question_writes_nothing() {
    let t = Test::new();
    let mut session = terminal_session(&t, &["new"]);
    session.exp_string("What are you building?").unwrap();
    session.send_control('c').unwrap();
    let rest = session.exp_eof().unwrap_or_default();
    assert_eq!(exit_code(&mut session), 130, "{rest}");
    assert!(entries(&t.work()).is_empty());
    assert!(
        rest.contains("\x1b[?25h"),
        "the cursor is shown again: {rest:?}"
    );
}

#[test]
fn the_database_is_asked_right_after_the_framework_with_the_goals_reason() {
    let t = Test::new();
    let dir = blueprint_with_a_database_option(&t);
    let args = [
        "new",
        "svc",
        "-f",
        "house",
        "--blueprints-dir",
        dir.as_str(),
        "--scale",
        "large",
    ];
    let mut session = terminal_session(&t, &args);
    session
        .exp_string("Where the items are stored (postgres: chosen for --scale large)")
        .unwrap();
    for _ in 0..6 {
        session.send("\r").unwrap();
        session.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    session
        .exp_string("database = postgres (chosen for --scale large)")
        .unwrap();
    session.exp_string("Next steps:").unwrap();
    let _ = session.exp_eof();
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(
        std::fs::read_to_string(t.path("svc/README.md")).unwrap(),
        "Items live in: postgres\n"
    );
}
