//! The chroot tier: blueprints whose package registry this machine cannot reach (Packagist for
//! Laravel, `RubyGems` for Rails) are run on their framework as Debian packages it, in a Debian
//! forky chroot made by `scripts/e2e-chroot.sh` (`GROUNDWORK_E2E_CHROOT` names another than
//! `/var/cache/groundwork/forky`; the chroot counts only with the script's stamp).
//!
//! The project is generated on the host and copied to `<chroot>/work/<row>-<pid>` (removed after
//! the row; the generated project and the logs stay on the host); the harness adds its shims to
//! that copy only, never to the generated project (`shims.rs`): an autoloader and a replaced
//! `composer install` for Laravel, a Gemfile pinned to Debian's Rails 7.2 for Rails. Every
//! project command then runs as `chroot <chroot> sh -c 'cd /work/<row>-<pid> && COMMAND'`,
//! through the same steps and checks as the end-to-end tier (`Run` in `main.rs`): install,
//! migrate, own tests, run on a free loopback port (the chroot shares the host's network), the
//! endpoint checks, the contract fuzzing, the restart and, for `postgres`, the harness's own
//! `PostgreSQL` cluster stopped under it.
//!
//! Each command gets `/proc` and `/dev` bind-mounted in a mount namespace of its own
//! (`unshare --mount`): the mounts end with the command, whatever happened, and neither the host
//! nor another run sharing the chroot ever sees them, so two runs cannot unmount each other's.

mod shims;

use crate::row::Row;
use crate::{Commands, Postgres, Run, read_commands};
use groundwork::blueprint::Blueprint;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const DEFAULT_ROOT: &str = "/var/cache/groundwork/forky";
/// Written by `scripts/e2e-chroot.sh` once every package of its list is installed.
const STAMP: &str = "etc/groundwork-chroot";
/// The chroot's own PATH: the host's points at folders the chroot does not have.
const CHROOT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// The chroot to use, or why there is none (for a "skipped (why)").
pub(crate) fn root() -> Result<PathBuf, String> {
    let root = std::env::var_os("GROUNDWORK_E2E_CHROOT")
        .map_or_else(|| PathBuf::from(DEFAULT_ROOT), PathBuf::from);
    if !is_root() {
        return Err("not root: chroot and mount need root".into());
    }
    if !Command::new("unshare")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
    {
        return Err("no unshare (apt-get install util-linux)".into());
    }
    if !root.join(STAMP).is_file() {
        return Err(format!(
            "no Debian chroot at {} (bash scripts/e2e-chroot.sh makes it)",
            root.display()
        ));
    }
    Ok(root)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The chroot tier for one row: the project (already generated in `project`) copied into the
/// chroot, shimmed, and proven there.
pub(crate) fn prove(
    blueprint: &Blueprint,
    project: &Path,
    logs: &Path,
    postgres: &mut Postgres,
    row: &mut Row,
) {
    let root = match root() {
        Ok(root) => root,
        Err(why) => {
            row.proof = format!("skipped ({why})");
            println!("   {}", row.proof);
            return;
        }
    };
    let commands = match read_commands(project) {
        Ok(commands) => commands,
        Err(e) => {
            row.proof = "chroot".into();
            row.failures.push(e);
            return;
        }
    };
    let Some((mut env, cluster)) = postgres.for_row(row, "chroot") else {
        return;
    };
    row.proof = format!("chroot ({})", root.display());
    // The process id keeps two runs that share the chroot out of each other's copy.
    let inside = Path::new("/work").join(format!(
        "{}-{}",
        row.name().replace('/', "-"),
        std::process::id()
    ));
    let copy = root.join(inside.strip_prefix("/").expect("an absolute path"));
    let shimmed = copy_project(project, &copy).and_then(|()| {
        shims::apply(blueprint.id(), &root, &copy, &inside, &commands)
            .map_err(|e| format!("shims: {e}"))
    });
    let shimmed = match shimmed {
        Ok(shimmed) => shimmed,
        Err(e) => {
            row.failures.push(e);
            let _ = fs::remove_dir_all(&copy);
            return;
        }
    };
    for note in &shimmed.notes {
        println!("   shim: {note}");
    }
    env.extend(shimmed.env);
    env.push(("PATH", CHROOT_PATH.into()));
    let commands = Commands {
        install: enter(&root, &inside, &shimmed.commands.install),
        test: enter(&root, &inside, &shimmed.commands.test),
        run: enter(&root, &inside, &shimmed.commands.run),
        migrate: shimmed.commands.migrate.map(|c| enter(&root, &inside, &c)),
        lint: shimmed.commands.lint.map(|c| enter(&root, &inside, &c)),
    };
    row.ran = true;
    let run = Run {
        blueprint,
        project: &copy,
        logs,
        commands: &commands,
        env: &env,
    };
    if let Err(e) = run.end_to_end(row, cluster) {
        row.failures.push(e);
    }
    if let Err(e) = fs::remove_dir_all(&copy) {
        row.failures
            .push(format!("remove the copy {}: {e}", copy.display()));
    }
}

/// `command` run inside the chroot, in the copy of the project, with `/proc` and `/dev` mounted
/// in a private mount namespace. `unshare` and both shells `exec`, so the command stays in the
/// process group the harness signals.
fn enter(root: &Path, inside: &Path, command: &str) -> String {
    let root_text = root.to_string_lossy();
    let in_copy = format!("cd {} && {command}", quote(&inside.to_string_lossy()));
    let mounted = format!(
        "mount --bind /proc {proc} && mount --bind /dev {dev} && exec /usr/sbin/chroot {root} /bin/sh -c {in_copy}",
        proc = quote(&format!("{root_text}/proc")),
        dev = quote(&format!("{root_text}/dev")),
        root = quote(&root_text),
        in_copy = quote(&in_copy),
    );
    format!("{UNSHARE} {}", quote(&mounted))
}

/// How `enter` starts a command's own mount namespace.
const UNSHARE: &str = "exec unshare --mount --propagation private /bin/sh -c";

/// `text` as one word for `sh`.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// A fresh copy of the generated project at `copy`.
fn copy_project(project: &Path, copy: &Path) -> Result<(), String> {
    if copy.exists() {
        fs::remove_dir_all(copy).map_err(|e| format!("empty {}: {e}", copy.display()))?;
    }
    let parent = copy.parent().expect("the copy has a parent");
    fs::create_dir_all(parent).map_err(|e| format!("create {}: {e}", parent.display()))?;
    let status = Command::new("cp")
        .arg("-a")
        .arg(project)
        .arg(copy)
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("cp: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "cp -a {} {} failed ({status})",
            project.display(),
            copy.display()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_command_reaches_sh_as_one_word() {
        let text = r#"cd /work/x && php -r "file_exists('.env') || copy('.env.example', '.env');""#;
        let output = Command::new("sh")
            .arg("-c")
            .arg(format!("printf %s {}", quote(text)))
            .output()
            .expect("sh runs");
        assert_eq!(String::from_utf8_lossy(&output.stdout), text);
    }

    /// What `sh` makes of `words`: the text with one level of quoting taken off.
    fn unquoted(words: &str) -> String {
        let output = Command::new("sh")
            .arg("-c")
            .arg(format!("printf %s {words}"))
            .output()
            .expect("sh runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    #[test]
    fn a_command_enters_the_chroot_in_the_copy_with_its_own_mounts() {
        let root = Path::new("/srv/forky");
        let command = enter(root, Path::new("/work/laravel-none-1"), "phpunit");
        let mounted = unquoted(
            command
                .strip_prefix(UNSHARE)
                .expect("starts its own mount namespace"),
        );
        let chrooted = mounted
            .strip_prefix(
                "mount --bind /proc '/srv/forky/proc' && mount --bind /dev '/srv/forky/dev' && \
                 exec /usr/sbin/chroot '/srv/forky' /bin/sh -c ",
            )
            .unwrap_or_else(|| panic!("mounts, then enters the chroot: {mounted}"));
        assert_eq!(unquoted(chrooted), "cd '/work/laravel-none-1' && phpunit");
    }
}
