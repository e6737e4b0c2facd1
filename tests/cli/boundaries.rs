//! The edges of every limit, through the real binary: the last value accepted and the first one
//! refused, each refusal by its exact message.

use crate::support::Test;
use std::fs;

fn new_svc(extra: &[&str]) -> Test {
    Test::new()
        .args(["new", "svc", "-f", "fastapi", "-y", "--no-git"])
        .args(extra)
}

#[test]
fn a_64_character_name_is_accepted_and_65_is_refused() {
    let longest = "a".repeat(64);
    let t = new_svc(&["--name", &longest]);
    t.run().status(0);
    let recorded = fs::read_to_string(t.path("svc/.groundwork.toml")).unwrap();
    assert!(
        recorded.contains(&format!("name = \"{longest}\"\n")),
        "{recorded}"
    );

    let too_long = "a".repeat(65);
    let t = new_svc(&["--name", &too_long]);
    t.run().status(2).stderr(&format!(
        "error: invalid project name `{too_long}`: it is 65 characters long; the limit is 64\n"
    ));
    assert!(!t.path("svc").exists());
}

#[test]
fn ports_1_and_65535_are_accepted_and_0_and_65536_are_refused() {
    for port in ["1", "65535"] {
        let t = new_svc(&["--set", &format!("port={port}")]);
        t.run().status(0);
        let recorded = fs::read_to_string(t.path("svc/.groundwork.toml")).unwrap();
        assert!(recorded.contains(&format!("port = {port}\n")), "{recorded}");
    }
    for port in ["0", "65536"] {
        let t = new_svc(&["--set", &format!("port={port}")]);
        t.run().status(2).stderr(&format!(
            "error: invalid value `{port}` for `port`: expected a whole number from 1 to 65535\n"
        ));
        assert!(!t.path("svc").exists());
    }
}

#[test]
fn a_value_at_max_length_is_accepted_and_one_more_character_is_refused() {
    let limit = groundwork::blueprint::Catalogue::embedded()
        .unwrap()
        .find("fastapi")
        .unwrap()
        .option("description")
        .and_then(|o| o.max_length)
        .expect("fastapi's description has a max_length");
    let at_limit = "d".repeat(limit);
    let t = new_svc(&["--set", &format!("description={at_limit}")]);
    t.run().status(0);
    let readme = fs::read_to_string(t.path("svc/README.md")).unwrap();
    assert!(readme.contains(&at_limit), "{readme}");

    let past = "d".repeat(limit + 1);
    let t = new_svc(&["--set", &format!("description={past}")]);
    t.run().status(2).stderr(&format!(
        "error: invalid value `{}… ({} bytes)` for `description`: it is {} characters long; the limit is {limit}\n",
        &past[..80],
        limit + 1,
        limit + 1
    ));
    assert!(!t.path("svc").exists());
}
