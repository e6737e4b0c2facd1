//! The interactive flow in a real pseudo-terminal: a whole session answered with Enter, Ctrl-C at
//! the first question, Esc to go back, editing an answer from the summary, yes/no questions that
//! wait for Enter, and a cancelled run that saves its answers.

use crate::support::{Test, blueprint_with_a_database_option, entries, git};
use rexpect::session::spawn_command;
use std::process::Command;

/// The binary in a pseudo-terminal, in the test's work folder with its private HOME.
/// Each wait for expected output gives up after this long.
const WAIT_MS: u64 = 3_000;

fn terminal_session(t: &Test, args: &[&str]) -> rexpect::session::PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_groundwork"));
    t.in_its_folders(&mut command)
        .args(args)
        .env("TERM", "xterm");
    spawn_command(command, Some(WAIT_MS)).expect("the binary starts in a pseudo-terminal")
}

/// Sends keys, then waits a little so that each arrives as its own key press (an Esc followed
/// at once by more bytes would read as one escape sequence).
fn press(session: &mut rexpect::session::PtySession, keys: &str) {
    session.send(keys).unwrap();
    session.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
}

const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const DOWN: &str = "\x1b[B";
const BACKSPACE: &str = "\x7f";

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
        .exp_string("database = postgres (goal: chosen for --scale large)")
        .unwrap();
    session.exp_string("Next steps:").unwrap();
    let _ = session.exp_eof();
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(
        std::fs::read_to_string(t.path("svc/README.md")).unwrap(),
        "Items live in: postgres\n"
    );
}

#[test]
fn esc_goes_back_one_question() {
    let t = Test::new();
    let mut session = terminal_session(&t, &["new", "svc", "-f", "fastapi"]);
    session.exp_string("Where items are stored").unwrap();
    press(&mut session, ENTER); // embedded
    session.exp_string("Project name").unwrap();
    press(&mut session, ESC);
    // Back at the database, which now takes postgres.
    session.exp_string("Where items are stored").unwrap();
    press(&mut session, DOWN);
    press(&mut session, ENTER);
    session.exp_string("Project name").unwrap();
    // The name, four options and "Create it?".
    for _ in 0..7 {
        press(&mut session, ENTER);
    }
    session.exp_string("database = postgres (prompt)").unwrap();
    session.exp_string("Next steps:").unwrap();
    let _ = session.exp_eof();
    assert_eq!(exit_code(&mut session), 0);
    let record = std::fs::read_to_string(t.path("svc/.groundwork.toml")).unwrap();
    assert!(record.contains("database = \"postgres\""), "{record}");
}

#[test]
fn no_at_the_summary_edits_an_answer_checked_again() {
    let t = Test::new();
    let args = [
        "new",
        "svc",
        "-f",
        "fastapi",
        "--name",
        "x",
        "--set",
        "description=d",
        "--set",
        "python_version=3.11",
        "--set",
        "ci=false",
        "--set",
        "database=embedded",
        "--no-git",
    ];
    let mut session = terminal_session(&t, &args);
    // The port, then docker: Enter keeps their defaults.
    session
        .exp_string("Port the development server listens on")
        .unwrap();
    press(&mut session, ENTER);
    session.exp_string("Include a Dockerfile").unwrap();
    press(&mut session, ENTER);
    session
        .exp_string("port = 8000 (blueprint default)")
        .unwrap();
    session.exp_string("Create it?").unwrap();
    press(&mut session, "n");
    press(&mut session, ENTER);
    session.exp_string("What now?").unwrap();
    press(&mut session, ENTER); // edit an answer
    session.exp_string("Which answer?").unwrap();
    // author_email, author_name, docker, port: the answers no flag gave, by key.
    for _ in 0..3 {
        press(&mut session, DOWN);
    }
    press(&mut session, ENTER);
    session
        .exp_string("Port the development server listens on")
        .unwrap();
    press(&mut session, "0");
    press(&mut session, ENTER);
    session
        .exp_string("expected a whole number from 1 to 65535")
        .unwrap();
    press(&mut session, BACKSPACE);
    press(&mut session, "9100");
    press(&mut session, ENTER);
    session.exp_string("port = 9100 (prompt)").unwrap();
    session.exp_string("Create it?").unwrap();
    press(&mut session, ENTER);
    session.exp_string("Next steps:").unwrap();
    let _ = session.exp_eof();
    assert_eq!(exit_code(&mut session), 0);
    let record = std::fs::read_to_string(t.path("svc/.groundwork.toml")).unwrap();
    assert!(record.contains("port = 9100"), "{record}");
}

#[test]
fn a_yes_or_no_question_waits_for_enter() {
    let t = Test::new();
    let args = [
        "new",
        "svc",
        "-f",
        "fastapi",
        "--name",
        "x",
        "--set",
        "port=1234",
        "--set",
        "description=d",
        "--set",
        "python_version=3.11",
        "--set",
        "docker=false",
        "--set",
        "database=embedded",
        "--no-git",
    ];
    let mut session = terminal_session(&t, &args);
    session
        .exp_string("Include a GitHub Actions workflow")
        .unwrap();
    // Were a key an answer, `y` would answer this question and `n` decline "Create it?".
    press(&mut session, "y");
    press(&mut session, "n");
    press(&mut session, ENTER);
    let before = session.exp_string("Create it?").unwrap();
    assert!(
        before.contains("  ci = false (prompt)") && !before.contains("What now?"),
        "{before:?}"
    );
    // `y` alone does not create it either; Enter does.
    press(&mut session, "y");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!t.path("svc").exists(), "a single key answered");
    press(&mut session, ENTER);
    let after = session.exp_string("Next steps:").unwrap();
    assert!(!after.contains("What now?"), "{after:?}");
    let _ = session.exp_eof();
    assert_eq!(exit_code(&mut session), 0);
    let record = std::fs::read_to_string(t.path("svc/.groundwork.toml")).unwrap();
    assert!(record.contains("ci = false"), "{record}");
}

#[test]
fn ctrl_c_after_an_answer_offers_to_save_the_answers() {
    let t = Test::new();
    let mut session = terminal_session(&t, &["new", "svc", "-f", "fastapi"]);
    session.exp_string("Where items are stored").unwrap();
    press(&mut session, DOWN);
    press(&mut session, ENTER); // postgres
    session.exp_string("Project name").unwrap();
    session.send_control('c').unwrap();
    session.exp_string("Save your answers so far").unwrap();
    press(&mut session, ENTER);
    session.exp_string("Answers file").unwrap();
    press(&mut session, ENTER);
    session
        .exp_string("Resume with:\r\n  groundwork new svc --answers groundwork-answers.toml")
        .unwrap();
    let _ = session.exp_eof();
    assert_eq!(exit_code(&mut session), 130);
    assert_eq!(entries(&t.work()), vec!["groundwork-answers.toml"]);
    let saved = std::fs::read_to_string(t.path("groundwork-answers.toml")).unwrap();
    assert!(
        saved.contains("[groundwork]\nblueprint = \"fastapi\"\n")
            && saved.contains("database = \"postgres\""),
        "{saved}"
    );
}
