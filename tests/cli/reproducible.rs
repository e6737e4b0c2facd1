//! `SOURCE_DATE_EPOCH` pins the time of the first commit, so the same answers give the same commit.

use crate::support::{Test, git};

/// 2023-11-14T22:13:20Z: not this year, so a clock reading cannot pass for it.
const EPOCH: &str = "1700000000";

fn commit_with_epoch(dir: &str) -> (Test, String) {
    let t = Test::new()
        .args(["new", dir, "-f", "fastapi", "-y"])
        .env("SOURCE_DATE_EPOCH", EPOCH);
    t.run().status(0);
    let head = git(&t.path(dir), &["rev-parse", "HEAD"]);
    (t, head)
}

#[test]
fn the_commit_time_is_the_epoch_given() {
    let (t, _) = commit_with_epoch("svc");
    let times = git(&t.path("svc"), &["log", "-1", "--format=%at %ct"]);
    assert_eq!(
        times,
        format!("{EPOCH} {EPOCH}"),
        "author and committer time"
    );
}

#[test]
fn the_same_epoch_in_another_second_gives_the_same_commit() {
    let (_, first) = commit_with_epoch("svc");
    // Past the next second of the clock, so that only the epoch can make the ids agree.
    std::thread::sleep(std::time::Duration::from_millis(1_100));
    let (_, second) = commit_with_epoch("svc");
    assert_eq!(first, second);
}

#[test]
fn without_the_epoch_the_commit_carries_the_current_time() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y"]);
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    t.run().status(0);
    let time: u64 = git(&t.path("svc"), &["log", "-1", "--format=%ct"])
        .parse()
        .unwrap();
    assert!(
        time + 1 >= before && time <= before + 600,
        "commit time {time}, test started at {before}"
    );
}
