//! Fitting in: completions, the man page, JSON everywhere, colour that follows the terminal,
//! doctor, the defaults file, --install, and suggestions for typos.

use crate::support::{Test, git};
use std::fs;
use std::process::Command;

fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[test]
fn bash_completion_script_parses() {
    let run = Test::new().args(["completions", "bash"]).run();
    run.status(0).stdout_has("groundwork");
    let t = Test::new();
    let script = t.dir.path().join("groundwork.bash");
    fs::write(&script, &run.stdout).unwrap();
    let status = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    assert!(status.success());
}

/// Each shell's script registers itself for `groundwork` and offers every subcommand and a few
/// flags, in that shell's own syntax.
#[test]
fn every_completion_script_offers_every_subcommand_and_flag() {
    type Form = fn(&str) -> String;
    // A flag's spec takes one of several forms (zsh marks a repeatable one with `*`).
    type Forms = fn(&str) -> Vec<String>;
    let shells: [(&str, &str, Form, Forms); 4] = [
        (
            "zsh",
            "#compdef groundwork\n",
            |c| format!("'{c}:"),
            |f| vec![format!("'--{f}"), format!("'*--{f}")],
        ),
        (
            "fish",
            "complete -c groundwork ",
            |c| format!("-f -a \"{c}\" -d '"),
            |f| vec![format!(" -l {f} ")],
        ),
        (
            "powershell",
            "Register-ArgumentCompleter -Native -CommandName 'groundwork'",
            |c| {
                format!(
                    "[CompletionResult]::new('{c}', '{c}', [CompletionResultType]::ParameterValue"
                )
            },
            |f| {
                vec![format!(
                    "[CompletionResult]::new('--{f}', '--{f}', [CompletionResultType]::ParameterName"
                )]
            },
        ),
        (
            "elvish",
            "set edit:completion:arg-completer[groundwork] = ",
            |c| format!("cand {c} '"),
            |f| vec![format!("cand --{f} '")],
        ),
    ];
    let subcommands = [
        "list",
        "show",
        "new",
        "recommend",
        "doctor",
        "config",
        "completions",
        "man",
        "blueprint",
    ];
    let flags = ["color", "framework", "set", "dry-run", "no-git", "use-case"];
    for (shell, header, subcommand, flag) in shells {
        let run = Test::new().args(["completions", shell]).run();
        run.status(0).stderr("");
        assert!(run.stdout.contains(header), "{shell}: no {header:?}");
        for name in subcommands {
            let form = subcommand(name);
            assert!(run.stdout.contains(&form), "{shell}: no {form:?}");
        }
        for name in flags {
            let forms = flag(name);
            assert!(
                forms.iter().any(|form| run.stdout.contains(form)),
                "{shell}: none of {forms:?}"
            );
        }
    }
}

#[test]
fn man_page_is_roff() {
    let run = Test::new().args(["man"]).run();
    run.status(0);
    // clap_mangen opens with two groff quoting lines, then the title.
    let first_command = run
        .stdout
        .lines()
        .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"))
        .unwrap();
    assert!(
        first_command.starts_with(".TH groundwork 1"),
        "{first_command}"
    );
    run.stdout_has(".SH NAME").stdout_has("completions");
}

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
fn doctor_json_reports_every_blueprint() {
    let run = Test::new().args(["doctor", "--json"]).run();
    assert!(run.status == 0 || run.status == 1, "{}", run.stderr);
    let report = json(&run.stdout);
    assert!(report["git"]["ok"].is_boolean());
    for b in report["blueprints"].as_array().unwrap() {
        assert!(b["id"].is_string() && b["ready"].is_boolean());
        for tool in b["tools"].as_array().unwrap() {
            assert!(tool["command"].is_string() && tool["ok"].is_boolean());
        }
    }
    let node = Test::new().args(["doctor", "node", "--json"]).run();
    let report = json(&node.stdout);
    assert_eq!(report["blueprints"].as_array().unwrap().len(), 1);
    let ready = report["blueprints"][0]["ready"].as_bool().unwrap();
    node.status(if ready { 0 } else { 1 });
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

#[test]
fn config_path_follows_xdg() {
    let t = Test::new().args(["config", "path"]);
    let run = t.run();
    run.status(0);
    assert_eq!(
        run.stdout.trim(),
        t.home()
            .join(".config/groundwork/config.toml")
            .display()
            .to_string()
    );
}

#[test]
fn the_defaults_file_beats_blueprint_defaults_and_flags_beat_it() {
    let t = Test::new().args([
        "new", "svc", "-f", "node", "-y", "--no-git", "--set", "ci=true",
    ]);
    let folder = t.home().join(".config/groundwork");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("config.toml"),
        "[author]\nname = \"Config Author\"\n[defaults]\ndocker = false\nci = false\n",
    )
    .unwrap();
    t.run().status(0);
    let record = fs::read_to_string(t.path("svc/.groundwork.toml")).unwrap();
    assert!(record.contains("docker = false"), "{record}");
    assert!(record.contains("ci = true"), "{record}");
    assert!(
        record.contains("author_name = \"Config Author\""),
        "{record}"
    );
    assert!(!t.path("svc/Dockerfile").exists());
}

#[test]
fn a_bad_defaults_file_is_named() {
    let t = Test::new().args(["new", "svc", "-f", "node", "-y"]);
    let folder = t.home().join(".config/groundwork");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("config.toml"), "[defaults]\nport = 0\n").unwrap();
    t.run().status(2).stderr_has(&format!(
        "error: cannot use the defaults file {}: [defaults] port = 0: expected a whole number from 1 to 65535",
        folder.join("config.toml").display()
    ));
    assert!(!t.path("svc").exists());
}

#[test]
fn config_languages_steer_the_recommendation() {
    let t = Test::new().args(["recommend", "--json", "--use-case", "api"]);
    let folder = t.home().join(".config/groundwork");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("config.toml"),
        "[goals]\nlanguages = [\"java\"]\n",
    )
    .unwrap();
    let run = t.run();
    run.status(0);
    assert_eq!(json(&run.stdout)[0]["language"], "java");
}

#[test]
fn a_failed_install_keeps_the_project_and_says_how_to_retry() {
    let t = Test::new().args(["new", "svc", "-f", "node", "-y", "--install"]);
    // A PATH with a shell but no npm: the install command fails at once.
    let bin = t.dir.path().join("bin");
    fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink("/bin/sh", bin.join("sh")).unwrap();
    let t = t.env("PATH", bin.to_str().unwrap());
    let run = t.run();
    run.status(1)
        .stderr_has("error: the install command `npm install` failed; the end of svc/groundwork-install.log:")
        .stderr_has("npm: not found")
        .stderr_has("hint: the project is complete; to retry: cd svc && npm install");
    assert!(t.path("svc/package.json").is_file());
    assert_eq!(
        git(&t.path("svc"), &["status", "--porcelain"]),
        "",
        "the log is ignored"
    );
}

#[test]
fn new_warns_when_the_toolchain_is_missing_but_still_succeeds() {
    let t = Test::new().args(["new", "svc", "-f", "node", "-y", "--no-git"]);
    let empty = t.dir.path().join("empty-bin");
    fs::create_dir(&empty).unwrap();
    let t = t.env("PATH", empty.to_str().unwrap());
    t.run()
        .status(0)
        .stderr_has("warning: node not found: the project's commands need it, version 20 or newer (see `groundwork doctor node`)");
    assert!(t.path("svc/package.json").is_file());
}

#[test]
fn an_unknown_language_in_the_defaults_file_names_the_file() {
    let t = Test::new().args(["recommend"]);
    let folder = t.home().join(".config/groundwork");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("config.toml"),
        "[goals]\nlanguages = [\"cobol\"]\n",
    )
    .unwrap();
    t.run().status(2).stderr_has(&format!(
        "error: cannot use the defaults file {}: [goals] languages: unknown language `cobol`",
        folder.join("config.toml").display()
    ));
}
