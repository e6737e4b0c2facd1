//! Commands run with `sh -c` in a process group of their own, so that a command and everything it
//! starts (npm -> node, mvnw -> java -> the forked app) can be signalled together. A `Group` kills
//! whatever is left of its group when dropped, so no process outlives a step, even one that
//! panics.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Variables taken out of the inherited environment before a project command runs: each would
/// change what the command does (`NODE_ENV=production` skips devDependencies, a stray
/// `VIRTUAL_ENV` or `PORT` points elsewhere).
const CLEARED: &[&str] = &["PORT", "HOST", "NODE_ENV", "VIRTUAL_ENV", "PYTHONPATH"];

pub(crate) struct Group {
    child: Child,
    pgid: u32,
}

impl Group {
    /// Starts `sh -c COMMAND` in `dir`, appending its stdout and stderr to `log`.
    pub(crate) fn spawn(command: &str, dir: &Path, env: &[(&str, String)], log: &Path) -> Group {
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .unwrap_or_else(|e| panic!("open {}: {e}", log.display()));
        writeln!(file, "\n$ {command}").expect("write the log");
        let mut sh = Command::new("sh");
        sh.arg("-c")
            .arg(command)
            .current_dir(dir)
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(file.try_clone().expect("clone the log handle"))
            .stderr(file);
        for name in CLEARED {
            sh.env_remove(name);
        }
        for (key, value) in env {
            sh.env(key, value);
        }
        let child = sh
            .spawn()
            .unwrap_or_else(|e| panic!("start `sh -c {command}`: {e}"));
        Group {
            pgid: child.id(),
            child,
        }
    }

    /// The process group id (the pid of `sh`).
    pub(crate) fn pgid(&self) -> u32 {
        self.pgid
    }

    /// The command's own exit status once it has ended (it stays in its group until reaped).
    pub(crate) fn try_wait(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().expect("wait for the child")
    }

    /// Waits for the command to end, or gives up after `timeout`.
    pub(crate) fn wait_for(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            sleep(Duration::from_millis(100));
        }
    }

    /// Sends SIGTERM to the whole group and waits up to `grace` for every member to end; what is
    /// still there then gets SIGKILL. `Err` lists the processes that ignored SIGTERM.
    pub(crate) fn stop(&mut self, grace: Duration) -> Result<Duration, String> {
        let started = Instant::now();
        signal(self.pgid, "TERM");
        loop {
            let _ = self.try_wait();
            let alive = members(self.pgid);
            if alive.is_empty() {
                return Ok(started.elapsed());
            }
            if started.elapsed() >= grace {
                self.kill();
                return Err(format!(
                    "still running {} s after SIGTERM, killed: {}",
                    grace.as_secs(),
                    alive.join("; ")
                ));
            }
            sleep(Duration::from_millis(100));
        }
    }

    /// SIGKILL to whatever is left of the group, then reaps the command.
    pub(crate) fn kill(&mut self) {
        if !members(self.pgid).is_empty() {
            signal(self.pgid, "KILL");
        }
        let _ = self.child.wait();
        let deadline = Instant::now() + Duration::from_secs(5);
        while !members(self.pgid).is_empty() && Instant::now() < deadline {
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.kill();
    }
}

/// `kill -SIGNAL -- -PGID`: the negative id addresses the whole group.
fn signal(pgid: u32, name: &str) {
    let _ = Command::new("kill")
        .args(["-s", name, "--", &format!("-{pgid}")])
        .stderr(Stdio::null())
        .status();
}

/// The live (not zombie) processes of group `pgid`, as `PID COMMAND LINE`, from `/proc`. A
/// zombie whose parent is gone may never be reaped in a container whose init does not reap, so
/// zombies do not count.
pub(crate) fn members(pgid: u32) -> Vec<String> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(process) = name.to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "PID (COMM) STATE PPID PGRP ...": COMM may hold spaces and parentheses.
        let Some(after) = stat.rsplit_once(')').map(|(_, rest)| rest) else {
            continue;
        };
        let fields: Vec<&str> = after.split_whitespace().collect();
        if fields.len() < 3 || fields[0] == "Z" || fields[2] != pgid.to_string() {
            continue;
        }
        let cmdline = fs::read(entry.path().join("cmdline"))
            .map(|raw| String::from_utf8_lossy(&raw).replace('\0', " "))
            .unwrap_or_default();
        found.push(format!("{process} {}", cmdline.trim()));
    }
    found
}

/// Runs a command to its end within `timeout`. `Err` says how it failed.
pub(crate) fn run_to_end(
    command: &str,
    dir: &Path,
    env: &[(&str, String)],
    log: &Path,
    timeout: Duration,
) -> Result<Duration, String> {
    let started = Instant::now();
    let mut group = Group::spawn(command, dir, env, log);
    match group.wait_for(timeout) {
        Some(status) if status.success() => Ok(started.elapsed()),
        Some(status) => Err(format!("`{command}` failed ({status})")),
        None => Err(format!(
            "`{command}` did not finish within {} s",
            timeout.as_secs()
        )),
    }
    // `group` drops here: anything the command left running (a build daemon) is killed.
}

/// The last `lines` lines of a log file, for a failure message.
pub(crate) fn tail(log: &Path, lines: usize) -> String {
    let text = fs::read(log).map_or_else(
        |e| format!("(no log at {}: {e})", log.display()),
        |raw| String::from_utf8_lossy(&raw).into_owned(),
    );
    let all: Vec<&str> = text.lines().collect();
    let start = all.len().saturating_sub(lines);
    all[start..].join("\n")
}
