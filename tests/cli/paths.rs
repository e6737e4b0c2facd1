//! Paths: no value makes a file land outside the target (escaping values, a blueprint that puts
//! an option in a path, symbolic links), long values and deep targets are refused up front, and
//! `new .` keeps the current folder.

use crate::support::{HOSTILE_MANIFEST, Test, entries, folder_blueprint, refused};
use std::fs;
use std::path::Path;

#[test]
fn values_that_would_leave_the_target_are_refused_before_writing() {
    let pattern_rule = "it must match the pattern ^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$";
    for value in ["../../etc", "/abs", "a\\b", "com/../../x", "C:x"] {
        let t = Test::new().args([
            "new",
            "svc",
            "-f",
            "spring-boot",
            "--set",
            &format!("group_id={value}"),
            "-y",
            "--no-git",
        ]);
        refused(
            &t,
            &format!("error: invalid value `{value}` for `group_id`: {pattern_rule}\n"),
        );
    }
    // NUL and other control characters cannot come through argv; an answers file can carry them.
    for (escaped, shown) in [
        ("com.\\u0000x", "com.\\u{0}x"),
        ("com.\\u001bx", "com.\\u{1b}x"),
    ] {
        let t = Test::new().args([
            "new",
            "svc",
            "-f",
            "spring-boot",
            "--answers",
            "a.toml",
            "-y",
            "--no-git",
        ]);
        fs::write(
            t.path("a.toml"),
            format!("[answers]\ngroup_id = \"{escaped}\"\n"),
        )
        .unwrap();
        let control = if shown.contains("\\u{0}") {
            "'\\0'"
        } else {
            "'\\u{1b}'"
        };
        refused(
            &t,
            &format!(
                "error: cannot use answers file a.toml: invalid value `{shown}` for `group_id`: it contains the control character {control}; values are one line of text\n"
            ),
        );
    }
}

/// A blueprint from a folder whose string option, with no pattern at all, names a folder: the
/// engine's own path check is the only line of defence.
fn hostile_blueprint(t: &Test) -> String {
    folder_blueprint(t, "hostile", HOSTILE_MANIFEST, &[("{{dir}}/x.txt", "x\n")])
}

#[test]
fn the_path_check_refuses_escaping_values_even_without_a_pattern() {
    let cases = [
        ("../../etc", "../../etc/x.txt", "has a `.` or `..` segment"),
        ("..", "../x.txt", "has a `.` or `..` segment"),
        ("a/../../b", "a/../../b/x.txt", "has a `.` or `..` segment"),
        (
            "/abs",
            "/abs/x.txt",
            "is absolute or uses a separator other than `/`",
        ),
        (
            "a\\b",
            "a\\\\b/x.txt",
            "is absolute or uses a separator other than `/`",
        ),
        (
            "C:x",
            "C:x/x.txt",
            "is absolute or uses a separator other than `/`",
        ),
        (".git", ".git/x.txt", "would write inside .git"),
        (
            ".GIT",
            ".GIT/x.txt",
            "would write inside .git (git and some file systems read this name as `.git`)",
        ),
        (
            ".git.",
            ".git./x.txt",
            "would write inside .git (git and some file systems read this name as `.git`)",
        ),
        (
            "NUL",
            "NUL/x.txt",
            "is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9)",
        ),
    ];
    for (value, rendered, rule) in cases {
        let t = Test::new();
        let dir = hostile_blueprint(&t);
        let t = t.args([
            "new".into(),
            "svc".into(),
            "--blueprints-dir".into(),
            std::ffi::OsString::from(dir),
            "-f".into(),
            "hostile".into(),
            "--set".into(),
            format!("dir={value}").into(),
            "-y".into(),
            "--no-git".into(),
        ]);
        refused(
            &t,
            &format!(
                "error: blueprint `hostile`: file `{{{{dir}}}}/x.txt` would be written as `{rendered}`, which {rule}\nhint: choose another value for the option used in that path: no leading `/`, no empty, `.` or `..` segment, nothing git reads as `.git` (`.GIT`, `.git.`, `git~1`), no Windows device name (CON, NUL, COM1...), no `\\`, `:` or control character, no two paths that differ only by case; nothing was written\n"
            ),
        );
        assert!(!t.dir.path().join("etc").exists());
        assert!(!Path::new("/abs").exists());
    }
    // A `/` inside the value only makes a deeper folder, inside the target.
    let t = Test::new();
    let dir = hostile_blueprint(&t);
    let t = t.args([
        "new".into(),
        "svc".into(),
        "--blueprints-dir".into(),
        std::ffi::OsString::from(dir),
        "-f".into(),
        "hostile".into(),
        "--set".into(),
        "dir=a/b".into(),
        "-y".into(),
        "--no-git".into(),
    ]);
    t.run().status(0);
    assert!(t.path("svc/a/b/x.txt").is_file());
}

#[test]
fn force_never_writes_through_a_symbolic_link_in_the_target() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y", "--no-git", "--force"]);
    let outside = t.dir.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::create_dir(t.path("svc")).unwrap();
    fs::write(t.path("svc/notes.txt"), "mine\n").unwrap();
    std::os::unix::fs::symlink(&outside, t.path("svc/app")).unwrap();
    t.run().status(2).stderr(
        "error: cannot write to svc/app: it is a symbolic link, and groundwork never writes through one (a file could land outside the project folder); remove the link or generate into a new folder\n",
    );
    assert!(entries(&outside).is_empty(), "wrote through the link");
    assert_eq!(entries(&t.path("svc")), vec!["app", "notes.txt"]);
}

// ---------------------------------------------------------------------------------------------
// Very long values: refused with the limit, never an OS error half-way.

#[test]
fn very_long_values_are_refused_with_the_limit() {
    let long = "x".repeat(300);
    // Messages show the first 80 characters and the length.
    let shown = format!("{}… (300 bytes)", "x".repeat(80));
    for (args, expected) in [
        (
            vec!["-f", "fastapi", "--set", &format!("description={long}")],
            format!(
                "error: invalid value `{shown}` for `description`: it is 300 characters long; the limit is 200\n"
            ),
        ),
        (
            vec!["-f", "spring-boot", "--set", &format!("group_id={long}")],
            format!(
                "error: invalid value `{shown}` for `group_id`: it is 300 characters long; the limit is 100\n"
            ),
        ),
        (
            vec!["-f", "fastapi", "--set", &format!("author_name={long}")],
            format!(
                "error: invalid value `{shown}` for `author_name`: the limit is 200 characters\n"
            ),
        ),
        (
            vec!["-f", "fastapi", "--name", &long],
            format!(
                "error: invalid project name `{shown}`: it is 300 characters long; the limit is 64\n"
            ),
        ),
    ] {
        let mut argv = vec!["new", "svc", "-y", "--no-git"];
        argv.extend(args);
        refused(&Test::new().args(argv), &expected);
    }
}

#[test]
fn a_folder_name_too_long_for_the_file_system_is_refused_up_front() {
    let long = "y".repeat(300);
    let t = Test::new().args([
        "new", &long, "-f", "fastapi", "--name", "ok", "-y", "--no-git",
    ]);
    refused(
        &t,
        &format!(
            "error: cannot write to {long}: a folder name in it is 300 bytes long; file systems allow 255\n"
        ),
    );
}

#[test]
fn a_folder_name_near_the_limit_still_works() {
    // The staging folder's name (`.<name>.groundwork-<pid>`) would pass 255 bytes: it is shortened.
    let long = "y".repeat(250);
    let t = Test::new().args([
        "new", &long, "-f", "fastapi", "--name", "ok", "-y", "--no-git",
    ]);
    t.run().status(0);
    assert_eq!(entries(&t.work()), vec![long.clone()]);
    assert!(t.path(&long).join("app/main.py").is_file());
}

#[test]
fn a_target_path_too_deep_for_the_system_is_refused_before_anything_is_written() {
    let deep: Vec<String> = (0..20).map(|i| format!("{i:0>203}")).collect();
    let target = deep.join("/");
    let t = Test::new().args([
        "new",
        &target,
        "-f",
        "spring-boot",
        "--name",
        "ok",
        "-y",
        "--no-git",
    ]);
    let run = t.run();
    run.status(2)
        .stderr_has(&format!(
            "error: cannot write to {target}: its deepest file would have a path of "
        ))
        .stderr_has("; the system allows 4095 (choose a shorter folder path)\n");
    assert!(entries(&t.work()).is_empty(), "parent folders were created");
}

#[test]
fn new_in_the_current_empty_folder_keeps_that_folder() {
    use std::os::unix::fs::MetadataExt;
    let t = Test::new().args([
        "new", ".", "-f", "fastapi", "--name", "svc", "-y", "--no-git",
    ]);
    let before = fs::metadata(t.work()).unwrap().ino();
    t.run().status(0);
    assert_eq!(
        fs::metadata(t.work()).unwrap().ino(),
        before,
        "the folder was replaced"
    );
    assert!(t.path("app/main.py").is_file());
    assert!(
        !entries(&t.work()).iter().any(|e| e.contains("groundwork-")),
        "{:?}",
        entries(&t.work())
    );
}
