//! Your own blueprints: folders given with `--blueprints-dir` or `GROUNDWORK_BLUEPRINTS`, in the
//! embedded format; `groundwork blueprint check` and `groundwork blueprint new`.

use crate::support::{Test, entries, git};
use std::fs;
use std::path::Path;

const MANIFEST: &str = r#"id = "ID"
name = "House"
language = "python"
description = "Our house stack"
version = "1.2.0"
proof = "syntax"

[commands]
install = "make install"
test = "make test"
run = "make run"

[[options]]
key = "port"
type = "int"
default = 8000
min = 1
max = 65535
help = "Port the server listens on"

[[options]]
key = "docker"
type = "bool"
default = true
help = "Include a Dockerfile"

[[options]]
key = "ci"
type = "bool"
default = true
help = "Include a CI workflow"

[[files]]
path = "Dockerfile"
when = "docker"

[[files]]
path = ".dockerignore"
when = "docker"

[[files]]
path = ".github"
when = "ci"
"#;

const TEMPLATE: &[(&str, &str)] = &[
    (
        "README.md.hbs",
        "# {{project_name}}\n\nmake install\nmake test\nmake run\n",
    ),
    (".gitignore.hbs", ".env\n"),
    (".editorconfig", "root = true\n"),
    (".env.example.hbs", "PORT={{port}}\n"),
    (
        "Dockerfile.hbs",
        "FROM scratch\nUSER app\nEXPOSE {{port}}\n",
    ),
    (".dockerignore", ".env\n"),
    (
        ".github/workflows/ci.yml",
        "on: push\njobs:\n  test:\n    runs-on: ${{ matrix.os }}\n",
    ),
];

/// Writes a clean blueprint `id` into `dir` (which is created): the manifest above and its
/// template, which pass `groundwork blueprint check`.
fn write_blueprint(dir: &Path, id: &str) {
    write(dir, "blueprint.toml", &MANIFEST.replace("ID", id));
    for (path, contents) in TEMPLATE {
        write(dir, &format!("template/{path}"), contents);
    }
}

fn write(dir: &Path, path: &str, contents: &str) {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

/// Replaces `from` with `to` in the file at `path` (below `dir`); `from` must be there.
fn edit(dir: &Path, path: &str, from: &str, to: &str) {
    let file = dir.join(path);
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains(from), "{path} lacks {from:?}");
    fs::write(file, text.replacen(from, to, 1)).unwrap();
}

const CLEAN: &str = "Checked blueprint `house` in house: rendered all 4 combinations of its bool and choice options.\nok: no problems\n";

#[test]
fn list_shows_a_folder_blueprint_and_where_it_comes_from() {
    let t = Test::new();
    write_blueprint(&t.path("mine/house"), "house");
    let t = t
        .args(["list", "--blueprints-dir", "mine"])
        .env("COLUMNS", "80");
    let run = t.run();
    run.status(0)
        .stdout_has("\nhouse        House          python      syntax only   Our house stack\n")
        .stdout_has("\n\nFrom folders:\n  house  mine/house\n");
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 80, "{line:?}");
    }
    let run = t.then(["list", "--json", "--blueprints-dir", "mine"]).run();
    run.status(0);
    let entries: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let source = |id: &str| {
        entries
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .map(|e| e["source"].clone())
            .unwrap()
    };
    assert_eq!(source("house"), "mine/house");
    assert_eq!(source("fastapi"), "embedded");
}

#[test]
fn a_folder_blueprint_replaces_the_embedded_one_of_its_id() {
    let t = Test::new();
    write_blueprint(&t.path("ours/fastapi"), "fastapi");
    let t = t.args(["list", "--blueprints-dir", "ours"]);
    t.run()
        .status(0)
        .stdout_has("\nfastapi      House          python      syntax only   Our house stack\n")
        .stdout_has("\n\nFrom folders:\n  fastapi  ours/fastapi (replaces the embedded one)\n");
    let t = t.then(["--blueprints-dir", "ours", "show", "fastapi"]);
    t.run()
        .status(0)
        .stdout_has("House (fastapi) 1.2.0, python\nOur house stack\n")
        .stdout_has("From the folder: ours/fastapi\n");
    let t = t.then([
        "new",
        "svc",
        "-f",
        "fastapi",
        "--yes",
        "--blueprints-dir",
        "ours",
    ]);
    t.run()
        .status(0)
        .stderr_has("Created svc from fastapi 1.2.0 (8 files).\n");
    assert_eq!(
        git(&t.path("svc"), &["log", "--format=%s"]),
        "Initial commit from groundwork (fastapi@1.2.0)"
    );
    assert!(t.path("svc/Dockerfile").is_file());
    assert!(!t.path("svc/requirements.txt").exists());
}

#[test]
fn groundwork_blueprints_adds_a_path_list_of_folders_and_the_flag_comes_first() {
    let t = Test::new();
    write_blueprint(&t.path("a/house"), "house");
    write_blueprint(&t.path("b/shed"), "shed");
    write_blueprint(&t.path("c/house"), "house");
    edit(
        &t.path("c/house"),
        "blueprint.toml",
        "Our house stack",
        "From c",
    );
    let list = std::env::join_paths(["a", "b"]).unwrap();
    let t = t
        .env("GROUNDWORK_BLUEPRINTS", list.to_str().unwrap())
        .args(["list"]);
    t.run()
        .status(0)
        .stdout_has("\n\nFrom folders:\n  house  a/house\n  shed   b/shed\n");
    let t = t.then(["list", "--blueprints-dir", "c"]);
    t.run()
        .status(0)
        .stdout_has("From c\n")
        .stdout_has("\n\nFrom folders:\n  house  c/house\n  shed   b/shed\n");
}

#[test]
fn show_and_new_from_a_folder_holding_one_blueprint() {
    let t = Test::new();
    write_blueprint(&t.path("house"), "house");
    let t = t.args(["show", "house", "--blueprints-dir", "house"]);
    t.run()
        .status(0)
        .stdout_has("House (house) 1.2.0, python\nOur house stack\nProven: syntax only.\nFrom the folder: house\n")
        .stdout_has("  port    Port the server listens on. Default: 8000.");
    let t = t.then([
        "new",
        "svc",
        "--framework",
        "house",
        "--set",
        "port=9000",
        "--yes",
        "--blueprints-dir",
        "house",
    ]);
    t.run().status(0).stderr_has("  make install");
    assert_eq!(
        fs::read_to_string(t.path("svc/.env.example")).unwrap(),
        "PORT=9000\n"
    );
    assert_eq!(
        fs::read_to_string(t.path("svc/.github/workflows/ci.yml")).unwrap(),
        "on: push\njobs:\n  test:\n    runs-on: ${{ matrix.os }}\n",
        "a file without .hbs is copied byte for byte"
    );
    assert!(
        fs::read_to_string(t.path("svc/.groundwork.toml"))
            .unwrap()
            .contains("blueprint = \"house\"")
    );
}

#[cfg(unix)]
#[test]
fn executable_bits_come_from_the_files_mode() {
    use std::os::unix::fs::PermissionsExt;
    let t = Test::new();
    write_blueprint(&t.path("house"), "house");
    write(
        &t.path("house"),
        "template/bin/start",
        "#!/bin/sh\nexec make run\n",
    );
    fs::set_permissions(
        t.path("house/template/bin/start"),
        fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let t = t.args([
        "new",
        "svc",
        "-f",
        "house",
        "--yes",
        "--no-git",
        "--blueprints-dir",
        "house",
    ]);
    t.run().status(0);
    let mode = |path: &str| fs::metadata(t.path(path)).unwrap().permissions().mode();
    assert_ne!(mode("svc/bin/start") & 0o111, 0, "bin/start is executable");
    assert_eq!(mode("svc/README.md") & 0o111, 0, "README.md is not");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_in_a_blueprint_is_refused() {
    let t = Test::new();
    write_blueprint(&t.path("house"), "house");
    std::os::unix::fs::symlink("/etc/passwd", t.path("house/template/passwd")).unwrap();
    let t = t.args(["show", "house", "--blueprints-dir", "house"]);
    t.run().status(2).stderr(
        "error: the blueprint in house is invalid: template/passwd is a symbolic link; a blueprint is data and may not point outside its folder (put the file itself there)\n\
         hint: `groundwork blueprint check house` lists every problem\n",
    );
    let t = t.then([
        "new",
        "svc",
        "-f",
        "house",
        "--yes",
        "--blueprints-dir",
        "house",
    ]);
    t.run().status(2);
    assert!(!t.path("svc").exists());
    let t = t.then(["blueprint", "check", "house"]);
    t.run().status(1).stdout(
        "Checked blueprint `house` in house: rendered all 4 combinations of its bool and choice options.\n\
         problem: template/passwd is a symbolic link; a blueprint is data and may not point outside its folder (put the file itself there)\n",
    );
}

#[test]
fn a_missing_or_unusable_blueprint_folder_is_a_usage_error_naming_it() {
    let t = Test::new();
    fs::create_dir(t.path("empty")).unwrap();
    fs::write(t.path("file"), "").unwrap();
    for (dir, message) in [
        ("nope", "it does not exist"),
        ("file", "it is not a folder"),
        (
            "empty",
            "it holds no blueprint.toml, and no subfolder holds one",
        ),
    ] {
        let run = Test::new()
            .args(["list", "--blueprints-dir", &t.path(dir).to_string_lossy()])
            .run();
        run.status(2).stderr(&format!(
            "error: cannot use blueprint folder {}: {message}\n",
            t.path(dir).display()
        ));
    }
    let t = t.args(["list"]).env("GROUNDWORK_BLUEPRINTS", "nope");
    t.run()
        .status(2)
        .stderr("error: cannot use blueprint folder nope: it does not exist\n");
    let t = t.then(["blueprint", "check", "nope"]);
    t.run()
        .status(2)
        .stderr("error: cannot use blueprint folder nope: it does not exist\n");
}

#[test]
fn an_invalid_folder_blueprint_points_at_blueprint_check() {
    let t = Test::new();
    write_blueprint(&t.path("house"), "house");
    edit(
        &t.path("house"),
        "blueprint.toml",
        "default = 8000",
        "default = 0",
    );
    let t = t.args(["list", "--blueprints-dir", "house"]);
    t.run().status(2).stderr(
        "error: the blueprint in house is invalid: the default of option `port` fails its own rule: expected a whole number from 1 to 65535\n\
         hint: `groundwork blueprint check house` lists every problem\n",
    );
}

#[test]
fn blueprint_check_passes_a_good_blueprint() {
    let t = Test::new();
    write_blueprint(&t.path("house"), "house");
    let t = t.args(["blueprint", "check", "house"]);
    t.run().status(0).stdout(CLEAN).stderr("");
    let run = t.then(["blueprint", "check", "house", "--json"]).run();
    run.status(0);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        report,
        serde_json::json!({
            "blueprint": "house",
            "ok": true,
            "problems": [],
            "warnings": [],
            "combinations": 4,
            "total_combinations": 4
        })
    );
}

/// Checks the blueprint in `house/` after `change`, expecting exit 1 and these problems.
#[track_caller]
fn check_finds(change: impl FnOnce(&Path), rendered: &str, problems: &[&str]) {
    let t = Test::new();
    write_blueprint(&t.path("house"), "house");
    change(&t.path("house"));
    let t = t.args(["blueprint", "check", "house"]);
    let mut expected = format!("Checked blueprint `house` in house: {rendered}.\n");
    for problem in problems {
        expected.push_str(&format!("problem: {problem}\n"));
    }
    let plural = if problems.len() == 1 { "" } else { "s" };
    t.run().status(1).stdout(&expected).stderr(&format!(
        "error: blueprint `house` has {} problem{plural}\n",
        problems.len()
    ));
}

#[test]
fn blueprint_check_reports_bad_toml_with_its_line_and_column() {
    check_finds(
        |dir| edit(dir, "blueprint.toml", "name = \"House\"", "name = House"),
        "it could not be rendered",
        &[
            "blueprint.toml, line 2, column 8: string values must be quoted, expected literal string",
        ],
    );
}

#[test]
fn blueprint_check_reports_a_default_that_fails_its_own_rule() {
    check_finds(
        |dir| edit(dir, "blueprint.toml", "default = 8000", "default = 70000"),
        "it could not be rendered",
        &[
            "blueprint.toml, line 16, column 11: the default of option `port` fails its own rule: expected a whole number from 1 to 65535",
        ],
    );
}

#[test]
fn blueprint_check_names_the_file_and_the_missing_variable() {
    check_finds(
        |dir| edit(dir, "template/.env.example.hbs", "{{port}}", "{{prot}}"),
        "rendered all 4 combinations of its bool and choice options",
        &["template/.env.example.hbs: no variable `prot` (line 1, column 6)"],
    );
}

#[test]
fn blueprint_check_refuses_a_path_that_leaves_the_project() {
    check_finds(
        |dir| {
            edit(
                dir,
                "blueprint.toml",
                "[[files]]",
                "[[options]]\nkey = \"layout\"\ntype = \"choice\"\nchoices = [\"src\", \"..\"]\ndefault = \"src\"\nhelp = \"Where the code goes\"\n\n[[files]]",
            );
            write(dir, "template/{{layout}}/main.py", "print('hi')\n");
        },
        "rendered all 8 combinations of its bool and choice options",
        &[
            "template/{{layout}}/main.py: would be written as `../main.py`, which has a `.` or `..` segment (with layout=..)",
        ],
    );
}

#[test]
fn blueprint_check_finds_a_brace_left_in_a_rendered_file() {
    check_finds(
        |dir| {
            edit(
                dir,
                "template/README.md.hbs",
                "make run\n",
                "make run\nHello \\{{name}}\n",
            );
        },
        "rendered all 4 combinations of its bool and choice options",
        &[
            "template/README.md.hbs: the rendered README.md keeps a `{{` or `}}` at line 6; write a literal one as `\\{{`, and a GitHub Actions expression as `$\\{{ ... }}`",
        ],
    );
}

#[test]
fn blueprint_check_holds_the_blueprint_standard() {
    check_finds(
        |dir| {
            fs::remove_file(dir.join("template/.editorconfig")).unwrap();
            edit(dir, "template/.gitignore.hbs", ".env\n", "node_modules/\n");
            edit(dir, "template/Dockerfile.hbs", "USER app", "USER root");
        },
        "rendered all 4 combinations of its bool and choice options",
        &[
            "the generated project has no .editorconfig (the blueprint standard asks for one)",
            "the generated .gitignore does not ignore .env (add a line `.env`)",
            "the generated Dockerfile's last USER is root",
        ],
    );
}

#[test]
fn blueprint_check_json_lists_the_problems() {
    let t = Test::new();
    write_blueprint(&t.path("house"), "house");
    edit(
        &t.path("house"),
        "template/Dockerfile.hbs",
        "USER app\n",
        "",
    );
    let run = t.args(["blueprint", "check", "house", "--json"]).run();
    run.status(1)
        .stderr("error: blueprint `house` has 1 problem\n");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        report,
        serde_json::json!({
            "blueprint": "house",
            "ok": false,
            "problems": ["the generated Dockerfile never sets USER, so it runs as root"],
            "warnings": [],
            "combinations": 4,
            "total_combinations": 4
        })
    );
}

#[test]
fn blueprint_new_then_check_then_new() {
    let t = Test::new().args(["blueprint", "new", "acme"]);
    t.run().status(0).stdout("").stderr(
        "Created blueprint `acme` in acme (10 files).\n\n\
         Next steps:\n  \
         groundwork blueprint check acme\n  \
         groundwork new my-service --framework acme --blueprints-dir acme\n",
    );
    let t = t.then(["blueprint", "check", "acme"]);
    t.run().status(0).stdout(
        "Checked blueprint `acme` in acme: rendered all 4 combinations of its bool and choice options.\nok: no problems\n",
    );
    let t = t.then([
        "new",
        "my-service",
        "--framework",
        "acme",
        "--blueprints-dir",
        "acme",
        "--yes",
    ]);
    t.run()
        .status(0)
        .stderr_has("Created my-service from acme 0.1.0 (10 files).\n");
    assert_eq!(
        entries(&t.path("my-service")),
        [
            ".dockerignore",
            ".editorconfig",
            ".env.example",
            ".git",
            ".github",
            ".gitignore",
            ".groundwork.toml",
            "Dockerfile",
            "README.md",
            "server.py",
            "test_server.py"
        ]
    );
    let t = t.then(["blueprint", "new", "acme"]);
    t.run().status(2).stderr(
        "error: cannot use blueprint folder acme: it exists and is not empty; choose a new name\n",
    );
}

#[test]
fn blueprint_new_needs_a_valid_id() {
    let t = Test::new().args(["blueprint", "new", "Acme API"]);
    t.run().status(2).stderr(
        "error: cannot use blueprint folder Acme API: its name is the blueprint's id, so it must use only a-z, 0-9 and -\n",
    );
    assert!(entries(&t.work()).is_empty());
}

#[test]
fn recommend_ranks_a_folder_blueprint_that_has_a_profile() {
    let t = Test::new();
    write_blueprint(&t.path("house"), "house");
    write(
        &t.path("house"),
        "profile.toml",
        include_str!("../../blueprints/fastapi/profile.toml"),
    );
    let run = t
        .args([
            "recommend",
            "--json",
            "--top",
            "10",
            "--blueprints-dir",
            "house",
        ])
        .run();
    run.status(0);
    let ranking: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        ranking
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "house"),
        "{ranking}"
    );
}

#[test]
fn install_never_runs_a_command_of_a_folder_blueprint() {
    let t = Test::new();
    write_blueprint(&t.path("house"), "house");
    edit(
        &t.path("house"),
        "blueprint.toml",
        "make install",
        "touch ran",
    );
    let t = t.args([
        "new",
        "svc",
        "-f",
        "house",
        "--yes",
        "--install",
        "--blueprints-dir",
        "house",
    ]);
    t.run().status(2).stderr(
        "error: cannot use blueprint folder house: --install runs only an embedded blueprint's install command; a blueprint from a folder is data, so run its install command yourself\n",
    );
    assert_eq!(entries(&t.work()), ["house"]);
}

#[test]
fn nothing_of_a_folder_blueprint_is_ever_run() {
    let t = Test::new();
    write_blueprint(&t.path("house"), "house");
    edit(
        &t.path("house"),
        "blueprint.toml",
        "make install",
        "touch ../ran",
    );
    edit(
        &t.path("house"),
        "blueprint.toml",
        "make test",
        "touch ../ran",
    );
    edit(
        &t.path("house"),
        "blueprint.toml",
        "make run",
        "touch ../ran",
    );
    edit(
        &t.path("house"),
        "blueprint.toml",
        "[[options]]",
        "[[toolchain]]\ncommand = \"sh\"\nversion_args = [\"-c\", \"touch ran\"]\n\n[[options]]",
    );
    let mut t = t.args(["list"]);
    for args in [
        &["list", "--blueprints-dir", "house"][..],
        &["show", "house", "--blueprints-dir", "house"],
        &["doctor", "house", "--blueprints-dir", "house"],
        &[
            "new",
            "svc",
            "-f",
            "house",
            "--yes",
            "--blueprints-dir",
            "house",
        ],
    ] {
        t = t.then(args.iter().copied());
        t.run();
    }
    assert!(t.path("svc/README.md").is_file());
    assert!(!t.path("ran").exists() && !t.path("svc/ran").exists());
}

/// A folder blueprint cannot pair a known tool with arguments that run something else
/// (`python3 version` would run a file named `version`).
#[test]
fn doctor_uses_its_own_version_flag_whatever_the_blueprint_says() {
    let skeleton = Test::new().args(["blueprint", "new", "house"]);
    skeleton.run().status(0);
    let manifest = fs::read_to_string(skeleton.path("house/blueprint.toml")).unwrap();
    let manifest =
        format!("{manifest}\n[[toolchain]]\ncommand = \"python3\"\nversion_args = [\"version\"]\n");
    fs::write(skeleton.path("house/blueprint.toml"), manifest).unwrap();
    fs::write(skeleton.path("version"), "open('ran', 'w').write('x')\n").unwrap();
    let ran = skeleton.path("ran");
    let run = skeleton
        .then(["doctor", "house", "--blueprints-dir", "house"])
        .run();
    assert!(run.status == 0 || run.status == 1, "{}", run.stderr);
    assert!(!ran.exists(), "a file named by the blueprint was run");
}
