//! Bad input: each gets exit 2, a message that names the problem and the fix, and writes nothing.
//! Messages are compared word for word, so a worse message is a failing test.

use crate::support::{Test, entries, refused};
use std::fs;

/// Runs `args` in a fresh folder, expecting exit 2 with exactly `expected_stderr`, and nothing
/// written.
#[track_caller]
fn refused_args(args: &[&str], expected_stderr: &str) -> Test {
    let t = Test::new().args(args.iter().copied());
    refused(&t, expected_stderr);
    t
}

#[test]
fn unknown_framework_names_the_closest_and_the_valid_ones() {
    let t = Test::new().args(["new", "svc", "--framework", "fastap", "-y"]);
    let run = t.run();
    run.status(2)
        .stderr_has(
            "error: unknown framework `fastap`; did you mean `fastapi`?\nhint: valid frameworks: ",
        )
        .stderr_has("; `groundwork list` describes them\n");
    assert!(entries(&t.work()).is_empty());
}

#[test]
fn unknown_option_names_the_valid_keys() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "--set", "prot=9000", "-y"]);
    t.run()
        .status(2)
        .stderr_has("error: blueprint `fastapi` has no option `prot`; did you mean `port`?\nhint: valid options: name, author_name, author_email, ")
        .stderr_has("; `groundwork show fastapi` describes them\n");
}

#[test]
fn set_without_equals() {
    refused_args(
        &["new", "svc", "-f", "fastapi", "--set", "port", "-y"],
        "error: `--set port` has no `=`: expected key=value\nhint: write it as --set key=value\n",
    );
}

#[test]
fn out_of_range_port() {
    refused_args(
        &["new", "svc", "-f", "fastapi", "--set", "port=70000", "-y"],
        "error: invalid value `70000` for `port`: expected a whole number from 1 to 65535\n",
    );
}

#[test]
fn wrong_type_for_a_bool() {
    refused_args(
        &["new", "svc", "-f", "fastapi", "--set", "docker=maybe", "-y"],
        "error: invalid value `maybe` for `docker`: expected true or false (also yes/no, on/off, 1/0)\n",
    );
}

#[test]
fn missing_framework_without_a_terminal_names_the_flag() {
    refused_args(
        &["new", "svc"],
        "error: no answer for the framework and no terminal to ask on: pass --framework <id> (see `groundwork list`), or --yes to take the top recommendation\n",
    );
    refused_args(
        &["new", "-f", "fastapi"],
        "error: no answer for the project folder and no terminal to ask on: pass a folder: groundwork new <DIR>\n",
    );
}

#[test]
fn missing_answers_file() {
    let t = Test::new().args([
        "new",
        "svc",
        "-f",
        "fastapi",
        "--answers",
        "nope.toml",
        "-y",
    ]);
    t.run()
        .status(2)
        .stderr_has("error: cannot use answers file nope.toml: No such file or directory");
}

#[test]
fn malformed_answers_file_gives_line_and_column() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "--answers", "a.toml", "-y"]);
    fs::write(t.dir.path().join("work/a.toml"), "[answers]\nport = = 3\n").unwrap();
    let run = t.run();
    run.status(2)
        .stderr_has("cannot use answers file a.toml: ")
        .stderr_has("line 2, column");
    assert_eq!(entries(&t.work()), vec!["a.toml"]);
}

#[test]
fn answers_file_values_are_validated_like_flags() {
    let t = Test::new().args(["new", "svc", "--answers", "a.toml", "-y"]);
    fs::write(
        t.dir.path().join("work/a.toml"),
        "[groundwork]\nblueprint = \"fastapi\"\n[answers]\nport = 0\n",
    )
    .unwrap();
    t.run().status(2).stderr(
        "error: cannot use answers file a.toml: invalid value `0` for `port`: expected a whole number from 1 to 65535\n",
    );
}

#[test]
fn answers_file_for_another_blueprint_conflicts_with_the_flag() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "--answers", "a.toml", "-y"]);
    fs::write(
        t.dir.path().join("work/a.toml"),
        "[groundwork]\nblueprint = \"node\"\n",
    )
    .unwrap();
    t.run()
        .status(2)
        .stderr("error: the answers file is for blueprint `node` but --framework says `fastapi`\n");
}

#[test]
fn target_that_is_a_file() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y"]);
    fs::write(t.dir.path().join("work/svc"), "x").unwrap();
    t.run().status(2).stderr(
        "error: destination svc exists and is not a folder\nhint: choose a folder name that does not exist yet\n",
    );
}

#[test]
fn names_that_cannot_make_identifiers_are_refused() {
    refused_args(
        &["new", "svc", "-f", "fastapi", "--name", "日本", "-y"],
        "error: invalid project name `日本`: it needs at least one letter or digit (A-Z, a-z, 0-9)\n",
    );
    let long = "x".repeat(300);
    refused_args(
        &["new", "svc", "-f", "fastapi", "--name", &long, "-y"],
        &format!(
            "error: invalid project name `{}… (300 bytes)`: it is 300 characters long; the limit is 64\n",
            "x".repeat(80)
        ),
    );
}

#[test]
fn a_folder_name_that_cannot_be_a_project_name_points_to_name() {
    refused_args(
        &["new", "___", "-f", "fastapi", "-y"],
        "error: invalid project name `___`: it needs at least one letter or digit (A-Z, a-z, 0-9) (the name comes from the folder; pass --name to choose another)\n",
    );
}

#[test]
fn control_characters_in_values_are_refused() {
    refused_args(
        &[
            "new",
            "svc",
            "-f",
            "fastapi",
            "--set",
            "description=a\u{1b}[31mred",
            "-y",
        ],
        "error: invalid value `a\\u{1b}[31mred` for `description`: it contains the control character '\\u{1b}'; values are one line of text\n",
    );
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let run = Test::new().args(["nwe"]).run();
    run.status(2).stderr_has("unrecognized subcommand 'nwe'");
}

#[test]
fn unknown_goal_words_list_the_valid_ones() {
    refused_args(
        &["new", "svc", "--use-case", "realtme", "-y"],
        "error: unknown use case `realtme`; valid: realtime, api, microservices, enterprise, cloud, web-app, ecommerce, mvp, data, ml, lightweight, middleware; did you mean `realtime`?\n",
    );
    let run = Test::new().args(["recommend", "--language", "rust"]).run();
    run.status(2).stderr_has(
        "error: unknown language `rust`; valid: javascript, python, ruby, php, java, csharp",
    );
}

#[test]
fn an_unknown_key_in_an_answers_file_names_the_file() {
    let t = Test::new().args(["new", "svc", "-f", "node", "--answers", "a.toml", "-y"]);
    fs::write(t.dir.path().join("work/a.toml"), "[answers]\nprot = 1\n").unwrap();
    t.run().status(2).stderr(
        "error: cannot use answers file a.toml: blueprint `node` has no option `prot`; did you mean `port`?; valid options: name, author_name, author_email, port, description, database, docker, ci\n",
    );
}

#[test]
fn yes_without_a_folder_names_the_argument() {
    refused_args(
        &["new", "-f", "fastapi", "--yes"],
        "error: --yes takes defaults, but the project folder has none: pass a folder: groundwork new <DIR>\n",
    );
}

#[test]
fn goal_flags_are_checked_even_with_a_framework() {
    refused_args(
        &["new", "svc", "-f", "node", "--use-case", "bogus", "-y"],
        "error: unknown use case `bogus`; valid: realtime, api, microservices, enterprise, cloud, web-app, ecommerce, mvp, data, ml, lightweight, middleware\n",
    );
}

#[test]
fn set_with_an_empty_key() {
    refused(
        &Test::new().args(["new", "svc", "-f", "fastapi", "--set", "=3", "-y"]),
        "error: `--set =3` has no key before `=`: expected key=value\nhint: write it as --set key=value\n",
    );
}

#[test]
fn set_text_is_shown_escaped() {
    refused(
        &Test::new().args(["new", "svc", "-f", "fastapi", "--set", "\u{1b}[2J", "-y"]),
        "error: `--set \\u{1b}[2J` has no `=`: expected key=value\nhint: write it as --set key=value\n",
    );
}

#[test]
fn ports_at_and_past_the_edges() {
    for port in [
        "0",
        "-1",
        "65536",
        "99999999999999999999999",
        "8080.5",
        "abc",
        "",
    ] {
        refused(
            &Test::new().args([
                "new",
                "svc",
                "-f",
                "fastapi",
                "--set",
                &format!("port={port}"),
                "-y",
            ]),
            &format!(
                "error: invalid value `{port}` for `port`: expected a whole number from 1 to 65535\n"
            ),
        );
    }
    for port in ["1", "65535"] {
        Test::new()
            .args([
                "new",
                "svc",
                "-f",
                "fastapi",
                "--set",
                &format!("port={port}"),
                "-y",
                "--dry-run",
            ])
            .run()
            .status(0);
    }
}

#[test]
fn answers_file_with_the_wrong_toml_type() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "--answers", "a.toml", "-y"]);
    fs::write(t.path("a.toml"), "[answers]\nport = true\n").unwrap();
    refused(
        &t,
        "error: cannot use answers file a.toml: invalid value `true` for `port`: expected a whole number, found a TOML boolean\n",
    );
    fs::write(t.path("a.toml"), "[answers]\ndocker = 1\n").unwrap();
    refused(
        &t,
        "error: cannot use answers file a.toml: invalid value `1` for `docker`: expected true or false, found a TOML integer\n",
    );
    fs::write(t.path("a.toml"), "[answers]\nname = 3\n").unwrap();
    refused(
        &t,
        "error: cannot use answers file a.toml: invalid value `3` for `name`: expected a string\n",
    );
}

#[test]
fn answers_file_that_is_not_a_readable_text_file() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "--answers", "a.toml", "-y"]);
    fs::create_dir(t.path("a.toml")).unwrap();
    refused(
        &t,
        "error: cannot use answers file a.toml: Is a directory (os error 21)\n",
    );
    fs::remove_dir(t.path("a.toml")).unwrap();
    fs::write(t.path("a.toml"), b"\xff\xfe[answers]\n").unwrap();
    refused(
        &t,
        "error: cannot use answers file a.toml: stream did not contain valid UTF-8\n",
    );
}

#[test]
fn answers_file_with_a_multi_line_value_shows_it_escaped() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "--answers", "a.toml", "-y"]);
    fs::write(
        t.path("a.toml"),
        "[answers]\ndescription = \"\"\"\nline one\nline two\"\"\"\n",
    )
    .unwrap();
    refused(
        &t,
        "error: cannot use answers file a.toml: invalid value `line one\\nline two` for `description`: it contains the control character '\\n'; values are one line of text\n",
    );
}

#[test]
fn an_author_from_git_config_that_breaks_the_rules_says_where_it_came_from() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y", "--no-git"]);
    fs::write(
        t.home().join(".gitconfig"),
        "[user]\n\tname = \"Evil\\nName\"\n\temail = t@example.com\n",
    )
    .unwrap();
    refused(
        &t,
        "error: invalid value `Evil\\nName` for `author_name`: it must be one line of text (it comes from your git configuration or defaults file; pass --set author_name=<value> to choose another)\n",
    );
    let t = t.args(["--set", "author_name=Someone"]);
    t.run().status(0);
}
