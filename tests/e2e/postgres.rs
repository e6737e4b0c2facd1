//! The private `PostgreSQL` server of one proof run: found on this machine (`PATH`, then
//! `/usr/lib/postgresql/*/bin`), initialised into `<target>/tmp/e2e/pg`, listening on 127.0.0.1
//! only (a free port, or `GROUNDWORK_E2E_PG_PORT`), its socket in a private folder, with one login
//! role that has a password and a fresh database per (blueprint, database) run. As root, the
//! server runs as the `postgres` user (`PostgreSQL` refuses to run as root). Dropping the
//! `Cluster` stops the server, so a panic does not leave it running.

use std::fs;
use std::net::{Ipv4Addr, TcpListener};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

/// The superuser made by `initdb`; it logs in only through the private socket.
const ADMIN: &str = "e2e_admin";
/// The role the projects log in as, over TCP with a password.
pub(crate) const USER: &str = "groundwork_e2e";

/// The folder with `PostgreSQL`'s server programs: the one `initdb` on `PATH` lives in (symlinks
/// resolved, so that `postgres` sits beside it), else the newest `/usr/lib/postgresql/*/bin`.
pub(crate) fn binaries() -> Option<PathBuf> {
    let complete = |dir: &Path| {
        ["initdb", "pg_ctl", "postgres", "psql"]
            .iter()
            .all(|tool| dir.join(tool).is_file())
    };
    let from_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join("initdb"))
            .find(|candidate| candidate.is_file())
            .and_then(|initdb| fs::canonicalize(initdb).ok())
            .and_then(|initdb| initdb.parent().map(Path::to_path_buf))
            .filter(|dir| complete(dir))
    });
    from_path.or_else(|| {
        let mut versions: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .flatten()
            .filter_map(|e| {
                let version = e.file_name().to_str()?.parse().ok()?;
                Some((version, e.path().join("bin")))
            })
            .filter(|(_, dir)| complete(dir))
            .collect();
        versions.sort();
        versions.pop().map(|(_, dir)| dir)
    })
}

/// Whether this process runs as root (the owner of `/proc/self` is the effective user).
fn running_as_root() -> bool {
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// One database of the cluster, and the variables that point a project at it.
pub struct Database {
    pub name: String,
    pub port: u16,
    password: String,
}

impl Database {
    /// What a project's commands get for a `database=postgres` run; a blueprint reads the one its
    /// ecosystem uses.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        let (user, password, port, name) = (USER, &self.password, self.port, &self.name);
        let url = format!("postgresql://{user}:{password}@127.0.0.1:{port}/{name}");
        vec![
            ("DATABASE_URL", url.clone()),
            ("DB_URL", url),
            ("PGHOST", "127.0.0.1".into()),
            ("PGPORT", port.to_string()),
            ("PGUSER", user.into()),
            ("PGPASSWORD", password.clone()),
            ("PGDATABASE", name.clone()),
            (
                "SPRING_DATASOURCE_URL",
                format!("jdbc:postgresql://127.0.0.1:{port}/{name}"),
            ),
            ("SPRING_DATASOURCE_USERNAME", user.into()),
            ("SPRING_DATASOURCE_PASSWORD", password.clone()),
            ("DB_CONNECTION", "pgsql".into()),
            (
                "ConnectionStrings__Default",
                format!(
                    "Host=127.0.0.1;Port={port};Database={name};Username={user};Password={password}"
                ),
            ),
        ]
    }
}

pub struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    socket: PathBuf,
    log: PathBuf,
    pub port: u16,
    password: String,
    as_postgres: bool,
    running: bool,
}

impl Cluster {
    /// Initialises and starts a cluster in `root` (emptied first).
    pub fn start(bin: &Path, root: &Path) -> Result<Cluster, String> {
        if root.exists() {
            fs::remove_dir_all(root).map_err(|e| format!("empty {}: {e}", root.display()))?;
        }
        let data = root.join("data");
        let socket = root.join("socket");
        for dir in [&data, &socket] {
            fs::create_dir_all(dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
        }
        let as_postgres = running_as_root();
        if as_postgres {
            let (ok, text) = output(
                Command::new("chown")
                    .args(["-R", "postgres:postgres"])
                    .arg(root),
            );
            if !ok {
                return Err(format!(
                    "chown {} to the postgres user: {text} (PostgreSQL will not run as root)",
                    root.display()
                ));
            }
        }
        let port = match std::env::var("GROUNDWORK_E2E_PG_PORT") {
            Ok(port) => port
                .parse()
                .map_err(|_| format!("GROUNDWORK_E2E_PG_PORT={port:?} is not a port number"))?,
            Err(_) => TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                .and_then(|l| l.local_addr())
                .map_err(|e| format!("find a free port: {e}"))?
                .port(),
        };
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let mut cluster = Cluster {
            bin: bin.to_path_buf(),
            log: root.join("server.log"),
            data,
            socket,
            port,
            password: format!("e2e{nanos:x}{}", std::process::id()),
            as_postgres,
            running: false,
        };
        cluster.run(
            "initdb",
            &[
                "-D",
                &path_arg(&cluster.data),
                "-U",
                ADMIN,
                "-E",
                "UTF8",
                "--locale=C",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
            ],
        )?;
        // Loopback TCP and a private socket only; durability does not matter for a proof run.
        let settings = format!(
            "\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{}'\n\
             fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n",
            cluster.socket.display()
        );
        let conf = cluster.data.join("postgresql.conf");
        let mut text = fs::read_to_string(&conf).map_err(|e| format!("{}: {e}", conf.display()))?;
        text.push_str(&settings);
        fs::write(&conf, text).map_err(|e| format!("{}: {e}", conf.display()))?;
        cluster.resume()?;
        // CREATEDB: Django's test runner makes and drops its own `test_<name>` database.
        let create_role = format!(
            "CREATE ROLE {USER} LOGIN CREATEDB PASSWORD '{}'",
            cluster.password
        );
        cluster.sql(&create_role)?;
        Ok(cluster)
    }

    /// A new, empty database owned by the projects' role, named after the run.
    pub fn fresh_database(&self, run: &str) -> Result<Database, String> {
        let name: String = format!("e2e_{run}")
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        self.sql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
        self.sql(&format!("CREATE DATABASE {name} OWNER {USER}"))?;
        Ok(Database {
            name,
            port: self.port,
            password: self.password.clone(),
        })
    }

    /// Stops the server (`pg_ctl stop -m fast`): every database becomes unreachable.
    pub fn pause(&mut self) -> Result<(), String> {
        self.run(
            "pg_ctl",
            &["-D", &path_arg(&self.data), "-m", "fast", "-w", "stop"],
        )?;
        self.running = false;
        Ok(())
    }

    /// Starts the server again (or the first time), waiting until it accepts connections.
    pub fn resume(&mut self) -> Result<(), String> {
        let result = self.run(
            "pg_ctl",
            &[
                "-D",
                &path_arg(&self.data),
                "-l",
                &path_arg(&self.log),
                "-w",
                "-t",
                "60",
                "start",
            ],
        );
        if let Err(e) = result {
            let log = fs::read_to_string(&self.log).unwrap_or_default();
            return Err(format!("{e}\n-- {}:\n{log}", self.log.display()));
        }
        self.running = true;
        Ok(())
    }

    /// Runs one statement as the superuser, over the private socket.
    fn sql(&self, statement: &str) -> Result<(), String> {
        self.run(
            "psql",
            &[
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                &path_arg(&self.socket),
                "-p",
                &self.port.to_string(),
                "-U",
                ADMIN,
                "-d",
                "postgres",
                "-c",
                statement,
            ],
        )
    }

    /// Runs one of `PostgreSQL`'s programs, as the `postgres` user when this process is root.
    fn run(&self, tool: &str, args: &[&str]) -> Result<(), String> {
        let program = self.bin.join(tool);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        command.args(args).current_dir("/");
        let (ok, text) = output(&mut command);
        if ok {
            Ok(())
        } else {
            Err(format!("{} {}: {text}", program.display(), args.join(" ")))
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if self.running {
            let _ = self.pause();
        }
    }
}

fn path_arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

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
