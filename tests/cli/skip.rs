//! The one way a test says it cannot run here.
//!
//! Under `CI=true` a skip is a failure: the machine is meant to run everything, so the test panics
//! with the reason. Elsewhere the test passes, and the skip is written straight to the process's
//! standard error with a running count: libtest captures `print!` and `eprint!` of passing tests,
//! but not direct writes, so every skip shows in plain `cargo test` output as one line starting
//! `skipped (`, and the count on the last such line is the run's tally. libtest offers no hook
//! that runs after the last test, so a separate summary test could not be sure to see every skip.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

static SKIPS: AtomicUsize = AtomicUsize::new(0);

/// True when the `CI` variable asks for every check to run (`CI=true`, as CI services set it).
pub(crate) fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| ci_value_is_on(&v))
}

fn ci_value_is_on(value: &str) -> bool {
    !matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "" | "0" | "false" | "no"
    )
}

/// Records that the calling test cannot do its work here, for the reason `why`. Under CI this
/// panics; elsewhere it returns, and the caller returns (or moves on) without asserting.
#[track_caller]
pub(crate) fn skipped(why: &str) {
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    assert!(
        !in_ci(),
        "{test} cannot run, and under CI=true a skip is a failure: {why}"
    );
    let count = SKIPS.fetch_add(1, Ordering::SeqCst) + 1;
    let line =
        format!("skipped ({why}) in {test} [{count} skipped so far; CI=true makes a skip fail]\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Unwraps `outcome`, or records the skip with its reason and gives `None`.
#[track_caller]
pub(crate) fn or_skip<T>(outcome: Result<T, String>, what: &str) -> Option<T> {
    match outcome {
        Ok(value) => Some(value),
        Err(why) => {
            skipped(&format!("{what}: {why}"));
            None
        }
    }
}

#[test]
fn ci_values_that_mean_on() {
    for on in ["true", "1", "TRUE", "yes"] {
        assert!(ci_value_is_on(on), "{on}");
    }
    for off in ["", " ", "0", "false", "False", "no"] {
        assert!(!ci_value_is_on(off), "{off:?}");
    }
}

/// Run only by `a_skip_fails_under_ci_and_is_counted_elsewhere`, in a child test process.
#[test]
#[ignore = "a fixture of the skip self-test"]
fn skips_when_asked() {
    if std::env::var_os("GROUNDWORK_SKIP_FIXTURE").is_some() {
        skipped("the fixture was asked to skip");
    }
}

#[test]
fn a_skip_fails_under_ci_and_is_counted_elsewhere() {
    let run = |ci: &str| {
        std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", "skip::skips_when_asked"])
            .env("GROUNDWORK_SKIP_FIXTURE", "1")
            .env("CI", ci)
            .output()
            .unwrap()
    };
    let strict = run("true");
    let stdout = String::from_utf8_lossy(&strict.stdout);
    assert!(!strict.status.success(), "{stdout}");
    assert!(
        stdout.contains(
            "skip::skips_when_asked cannot run, and under CI=true a skip is a failure: the fixture was asked to skip"
        ),
        "{stdout}"
    );
    let lenient = run("false");
    let stderr = String::from_utf8_lossy(&lenient.stderr);
    assert!(lenient.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "skipped (the fixture was asked to skip) in skip::skips_when_asked [1 skipped so far; CI=true makes a skip fail]\n"
        ),
        "{stderr}"
    );
}
