//! `groundwork completions` and `groundwork man`: each shell's completion script and the man page.

use crate::support::Test;
use std::fs;
use std::process::Command;

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
