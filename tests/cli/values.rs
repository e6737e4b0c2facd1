//! Values that reach a build tool, a Markdown renderer, git or a message: escaped where a tool
//! would evaluate them, refused where they hide text, and short in messages.

use crate::skip;
use crate::support::{Test, entries, git};
use std::fs;
use std::process::Command;

/// The line of `path` that contains `needle`.
fn line_with(path: &std::path::Path, needle: &str) -> String {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in {}", path.display()))
        .to_string()
}

#[test]
fn maven_does_not_expand_a_description() {
    let description = "${env.HOME} and ${project.description}";
    let t = Test::new().args([
        "new",
        "svc",
        "-f",
        "spring-boot",
        "-y",
        "--no-git",
        "--set",
        &format!("description={description}"),
        "--name",
        "${user.home}",
    ]);
    t.run().status(0);
    let pom = t.path("svc/pom.xml");
    assert_eq!(
        line_with(&pom, "<description>"),
        "  <description>$ {env.HOME} and $ {project.description}</description>"
    );
    assert_eq!(line_with(&pom, "<name>"), "  <name>$ {user.home}</name>");
    // The README shows the value as given.
    let readme = fs::read_to_string(t.path("svc/README.md")).unwrap();
    assert!(
        readme.starts_with("# ${user.home}\n\n${env.HOME} and ${project.description}\n"),
        "{readme}"
    );

    // Maven itself: the model's description is the text, not the builder's HOME, and no cycle.
    let evaluated = Command::new("mvn")
        .args([
            "-B",
            "-q",
            "help:evaluate",
            "-Dexpression=project.description",
            "-Doutput=evaluated.txt",
        ])
        .current_dir(t.path("svc"))
        .output();
    let Some(output) = skip::or_skip(evaluated.map_err(|e| e.to_string()), "mvn is not installed")
    else {
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() && stdout.contains("Non-resolvable parent POM") {
        skip::skipped("Maven cannot fetch the Spring Boot parent POM (offline?)");
        return;
    }
    assert!(output.status.success(), "mvn failed:\n{stdout}");
    assert_eq!(
        fs::read_to_string(t.path("svc/evaluated.txt")).unwrap(),
        "$ {env.HOME} and $ {project.description}"
    );
}

#[test]
fn msbuild_metacharacters_are_escaped_in_the_csproj() {
    let t = Test::new().args([
        "new",
        "svc",
        "-f",
        "aspnet-core",
        "-y",
        "--no-git",
        "--set",
        "description=$([System.IO.File]::ReadAllText('/etc/passwd')) @(Compile) %(Identity); 100% <b>",
    ]);
    t.run().status(0);
    let csproj = t.path("svc/src/Svc.Api/Svc.Api.csproj");
    assert_eq!(
        line_with(&csproj, "<Description>"),
        "    <Description>%24([System.IO.File]::ReadAllText(%27/etc/passwd%27)) %40(Compile) %25(Identity)%3B 100%25 &lt;b&gt;</Description>"
    );
}

#[test]
fn readme_values_are_markdown_escaped() {
    let t = Test::new().args([
        "new",
        "svc",
        "-f",
        "fastapi",
        "-y",
        "--no-git",
        "--name",
        "svc #1",
        "--set",
        "description=- <img src=x onerror=alert(1)> [click](https://evil.example) *now* & `rm`",
    ]);
    t.run().status(0);
    let readme = fs::read_to_string(t.path("svc/README.md")).unwrap();
    let head: Vec<&str> = readme.lines().take(3).collect();
    assert_eq!(
        head,
        [
            "# svc \\#1",
            "",
            "\\- &lt;img src=x onerror=alert(1)&gt; \\[click\\](https://evil.example) \\*now\\* &amp; \\`rm\\`",
        ]
    );
}

#[test]
fn a_bidi_override_in_a_value_is_refused() {
    let t = Test::new().args([
        "new",
        "svc",
        "-f",
        "fastapi",
        "-y",
        "--set",
        "description=admin\u{202e}txt.exe",
    ]);
    t.run().status(2).stderr(
        "error: invalid value for `description` (from the flag): it contains U+202E (RIGHT-TO-LEFT OVERRIDE) at character 6: a bidirectional control, which makes text read differently from what it is; remove it\n",
    );
    assert!(entries(&t.work()).is_empty());
}

#[test]
fn a_zero_width_character_in_an_answers_file_is_refused_naming_the_file_as_source() {
    let t = Test::new().args([
        "new",
        "svc",
        "-f",
        "fastapi",
        "-y",
        "--answers",
        "answers.toml",
    ]);
    fs::write(
        t.path("answers.toml"),
        "[answers]\nauthor_name = \"Ann\u{200b}\"\n",
    )
    .unwrap();
    t.run().status(2).stderr(
        "error: invalid value for `author_name` (from the answers file): it contains U+200B (ZERO WIDTH SPACE) at character 4: an invisible character, which makes two different texts look the same; remove it\n",
    );
    assert_eq!(entries(&t.work()), ["answers.toml"]);
}

#[test]
fn a_non_character_in_a_git_identity_or_a_name_is_refused() {
    let t = Test::new()
        .args(["new", "svc", "-f", "spring-boot", "-y"])
        .env("GIT_AUTHOR_NAME", "Ann\u{ffff}");
    t.run().status(2).stderr(
        "error: invalid value for `author_name` (from the git config): it contains U+FFFF (a Unicode non-character) at character 4: not meant for text exchange, and XML files (pom.xml, .csproj) may not contain it; remove it\n",
    );
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y", "--name", "a\u{2066}b"]);
    t.run()
        .status(2)
        .stderr_has("error: invalid value for `name` (from the flag): it contains U+2066 (LEFT-TO-RIGHT ISOLATE) at character 2");
    assert!(entries(&t.work()).is_empty());
}

#[test]
fn a_bad_default_branch_falls_back_to_main_with_a_warning() {
    for (branch, problem) in [
        (
            "a//b",
            "it starts or ends with `/`, or has an empty part between two `/`",
        ),
        (
            "/abs",
            "it starts or ends with `/`, or has an empty part between two `/`",
        ),
        ("HEAD", "git reserves it"),
        ("-x", "it starts with `-`"),
        ("..", "it contains `..` or `@{`"),
    ] {
        let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y"]);
        fs::write(
            t.home().join(".gitconfig"),
            format!(
                "[user]\n\tname = T\n\temail = t@example.com\n[init]\n\tdefaultBranch = {branch}\n"
            ),
        )
        .unwrap();
        t.run().status(0).stderr_has("Initialised git on branch main with commit").stderr_has(&format!(
            "warning: init.defaultBranch `{branch}` is not a branch name git accepts ({problem}), so the branch is main; fix it with git config --global init.defaultBranch <name>\n"
        ));
        let project = t.path("svc");
        assert_eq!(
            git(&project, &["branch", "--show-current"]),
            "main",
            "{branch}"
        );
        assert_eq!(git(&project, &["rev-list", "--count", "HEAD"]), "1");
        assert_eq!(git(&project, &["status", "--porcelain"]), "");
    }
}

#[test]
fn a_valid_default_branch_is_kept_without_a_warning() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y"]);
    fs::write(
        t.home().join(".gitconfig"),
        "[user]\n\tname = T\n\temail = t@example.com\n[init]\n\tdefaultBranch = release/v1.0\n",
    )
    .unwrap();
    let run = t.run();
    run.status(0)
        .stderr_has("Initialised git on branch release/v1.0 with commit");
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
    assert_eq!(
        git(&t.path("svc"), &["branch", "--show-current"]),
        "release/v1.0"
    );
}

#[test]
fn json_is_printed_when_git_fails() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y", "--json"]);
    fs::write(
        t.home().join(".gitconfig"),
        "[user]\n\tname = A <b>\n\temail = t@example.com\n",
    )
    .unwrap();
    let run = t.run();
    run.status(1)
        .stderr_has("error: git failed in svc: failed to parse signature");
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert_eq!(
        summary["git"],
        serde_json::json!({
            "status": "failed",
            "error": "git failed in svc: failed to parse signature - Neither `name` nor `email` should contain angle brackets chars."
        })
    );
    assert_eq!(summary["path"], "svc");
    assert!(summary["files"].as_array().unwrap().len() > 10);
    assert!(t.path("svc/app/main.py").is_file());
    assert!(!t.path("svc/.git").exists());
}

#[test]
fn git_author_env_is_honoured() {
    let t = Test::new()
        .args(["new", "svc", "-f", "fastapi", "-y", "--json"])
        .env("GIT_AUTHOR_NAME", "Ann Author")
        .env("GIT_AUTHOR_EMAIL", "ann@example.org")
        .env("GIT_COMMITTER_NAME", "Cy Committer")
        .env("GIT_COMMITTER_EMAIL", "cy@example.org");
    let run = t.run();
    run.status(0);
    let project = t.path("svc");
    assert_eq!(
        git(&project, &["log", "-1", "--format=%an <%ae>|%cn <%ce>"]),
        "Ann Author <ann@example.org>|Cy Committer <cy@example.org>"
    );
    // The author answers come from the same identity.
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(summary["answers"]["author_name"]["value"], "Ann Author");
    assert_eq!(
        summary["answers"]["author_email"]["value"],
        "ann@example.org"
    );
    let record = fs::read_to_string(project.join(".groundwork.toml")).unwrap();
    assert!(
        record.contains("author_name = \"Ann Author\"\n"),
        "{record}"
    );
}

#[test]
fn git_author_env_alone_leaves_the_committer_to_the_configuration() {
    let t = Test::new()
        .args(["new", "svc", "-f", "fastapi", "-y"])
        .env("GIT_AUTHOR_NAME", "Ann Author")
        .env("GIT_AUTHOR_EMAIL", "ann@example.org")
        .env("GIT_COMMITTER_NAME", " ");
    t.run().status(0);
    assert_eq!(
        git(
            &t.path("svc"),
            &["log", "-1", "--format=%an <%ae>|%cn <%ce>"]
        ),
        "Ann Author <ann@example.org>|Test User <test@example.com>"
    );
}

#[test]
fn a_huge_value_is_cut_in_the_message() {
    let t = Test::new().args([
        "new",
        "svc",
        "-f",
        "fastapi",
        "-y",
        "--answers",
        "answers.toml",
    ]);
    let huge = "x".repeat(5 * 1024 * 1024);
    fs::write(
        t.path("answers.toml"),
        format!("[answers]\ndescription = \"{huge}\"\n"),
    )
    .unwrap();
    let run = t.run();
    run.status(2).stderr(&format!(
        "error: cannot use answers file answers.toml: invalid value `{}… (5242880 bytes)` for `description`: it is 5242880 characters long; the limit is 200\n",
        "x".repeat(80)
    ));
    let t = Test::new().args([
        "new",
        "svc",
        "-f",
        "fastapi",
        "-y",
        "--set",
        &format!("port={}", "9".repeat(100_000)),
    ]);
    t.run().status(2).stderr(&format!(
        "error: invalid value `{}… (100000 bytes)` for `port`: expected a whole number from 1 to 65535\n",
        "9".repeat(80)
    ));
}

#[cfg(unix)]
#[test]
fn a_non_utf8_folder_name_is_refused() {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::OsStr::from_bytes(b"svc\xff");
    let t = Test::new().args([
        std::ffi::OsStr::new("new"),
        name,
        "-f".as_ref(),
        "fastapi".as_ref(),
        "-y".as_ref(),
    ]);
    t.run().status(2).stderr(
        "error: the folder svc\u{fffd} is not UTF-8 text: its name would be recorded with U+FFFD in place of the bytes, and the printed `cd` would not find it\nhint: choose a folder whose path is UTF-8 text; nothing was written\n",
    );
    assert!(entries(&t.work()).is_empty());
}

#[test]
fn a_value_that_makes_a_path_the_record_is_blamed_on_the_value() {
    let t = Test::new().args(["blueprint", "new", "house"]);
    t.run().status(0);
    let house = t.path("house");
    let mut manifest = fs::read_to_string(house.join("blueprint.toml")).unwrap();
    manifest.push_str(
        "\n[[options]]\nkey = \"settings\"\ntype = \"string\"\ndefault = \"settings.toml\"\nhelp = \"The settings file\"\n",
    );
    fs::write(house.join("blueprint.toml"), manifest).unwrap();
    fs::write(house.join("template/{{settings}}"), "x = 1\n").unwrap();
    let t = t.then([
        "new",
        "svc",
        "-f",
        "house",
        "--blueprints-dir",
        ".",
        "-y",
        "--set",
        "settings=.groundwork.toml",
    ]);
    t.run().status(2).stderr(
        "error: `settings` = `.groundwork.toml` (from the flag) turns the blueprint's file `{{settings}}` into `.groundwork.toml`, the project's record, which groundwork writes itself\nhint: choose another value for `settings`; nothing was written\n",
    );
    assert!(!t.path("svc").exists());
}
