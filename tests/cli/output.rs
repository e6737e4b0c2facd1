//! What the commands print for scripts and terminals: `--json` from `recommend` and `new`, colour
//! only on a terminal or with `--color always`, and suggestions for mistyped commands.

use crate::support::{Test, git, json};

#[test]
fn recommend_json_is_an_array_with_reasons() {
    let run = Test::new()
        .args([
            "recommend",
            "--use-case",
            "api",
            "--language",
            "python",
            "--json",
        ])
        .run();
    run.status(0);
    let ranking = json(&run.stdout);
    let top = &ranking.as_array().unwrap()[0];
    for field in [
        "id",
        "name",
        "language",
        "score",
        "reasons",
        "contributions",
    ] {
        assert!(top.get(field).is_some(), "{field}");
    }
    assert_eq!(run.stderr, "", "JSON mode keeps stderr quiet");
}

#[test]
fn new_json_summarises_what_was_made() {
    let t = Test::new().args(["new", "svc", "-f", "node", "-y", "--json"]);
    let run = t.run();
    run.status(0);
    let summary = json(&run.stdout);
    assert_eq!(summary["path"], "svc");
    assert_eq!(summary["blueprint"], "node");
    assert_eq!(summary["git"]["status"], "committed");
    assert_eq!(
        summary["git"]["commit"].as_str().unwrap(),
        git(&t.path("svc"), &["rev-parse", "HEAD"])
    );
    assert_eq!(summary["commands"]["install"], "npm install");
    assert!(
        summary["files"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["path"] == "package.json")
    );

    let dry = Test::new().args(["new", "svc", "-f", "node", "-y", "--json", "--dry-run"]);
    let summary = json(&dry.run().stdout);
    assert_eq!(summary["dry_run"], true);
    assert!(!dry.path("svc").exists());
}

#[test]
fn no_escape_codes_without_a_terminal_or_with_no_color() {
    for args in [
        vec!["list"],
        vec!["show", "node"],
        vec!["recommend", "--use-case", "api"],
        vec!["doctor"],
        vec!["new", "svc", "-f", "nope"],
    ] {
        let run = Test::new().args(args.clone()).run();
        assert!(
            !run.stdout.contains('\x1b') && !run.stderr.contains('\x1b'),
            "{args:?}"
        );
    }
    let forced = Test::new()
        .args(["new", "svc", "-f", "nope", "--color", "always"])
        .run();
    assert!(
        forced.stderr.contains("\x1b[1;31merror:\x1b[0m"),
        "{:?}",
        forced.stderr
    );
}

#[test]
fn mistyped_commands_get_a_suggestion() {
    Test::new()
        .args(["lst"])
        .run()
        .status(2)
        .stderr_has("similar subcommand exists: 'list'");
}
