//! Quick checks of the harness itself, run by a plain `cargo test` (no network, a few seconds):
//! the process groups really end, the HTTP client reads the framings servers use, the endpoint
//! and contract checks catch broken promises, the row rules never pass what did not run, `prove`
//! reports a machine without toolchains as skipped (failed under CI), and the private `PostgreSQL`
//! server starts, serves a password login, stops and starts again. A harness that cannot fail
//! proves nothing.

use crate::http;
use crate::process::{Group, members, run_to_end};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::thread;
use std::time::Duration;

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// Waits (a loaded machine may be slow to fork) until the group has at least `count` live members.
fn wait_for_members(group: &Group, count: usize) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while members(group.pgid()).len() < count {
        assert!(
            std::time::Instant::now() < deadline,
            "{:?}",
            members(group.pgid())
        );
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_group_that_stops_on_sigterm_stops_cleanly() {
    let dir = scratch();
    let mut group = Group::spawn(
        "sleep 30 & sleep 30",
        dir.path(),
        &[],
        &dir.path().join("log"),
    );
    assert!(group.try_wait().is_none());
    group
        .stop(Duration::from_secs(5))
        .expect("sleep ends on SIGTERM");
}

#[test]
fn a_group_that_ignores_sigterm_is_killed_and_reported() {
    let dir = scratch();
    // An ignored signal stays ignored in the children, so the background sleep ignores it too.
    let mut group = Group::spawn(
        "trap '' TERM; sleep 30 & sleep 30",
        dir.path(),
        &[],
        &dir.path().join("log"),
    );
    // Once the background sleep runs, the trap is set.
    wait_for_members(&group, 2);
    let error = group
        .stop(Duration::from_millis(500))
        .expect_err("SIGTERM is ignored");
    assert!(error.contains("sleep 30"), "{error}");
}

#[test]
fn dropping_a_group_kills_everything_in_it() {
    let dir = scratch();
    let group = Group::spawn(
        "sleep 30 & sleep 30",
        dir.path(),
        &[],
        &dir.path().join("log"),
    );
    let pgid = group.pgid();
    wait_for_members(&group, 2);
    drop(group);
    assert!(members(pgid).is_empty(), "{:?}", members(pgid));
}

#[test]
fn commands_report_failure_and_timeout_and_log_their_output() {
    let dir = scratch();
    let log = dir.path().join("log");
    run_to_end("echo hello", dir.path(), &[], &log, Duration::from_secs(10)).expect("echo runs");
    let error = run_to_end("exit 3", dir.path(), &[], &log, Duration::from_secs(10))
        .expect_err("exit 3 fails");
    assert!(error.contains("exit status: 3"), "{error}");
    let error = run_to_end(
        "sleep 30",
        dir.path(),
        &[],
        &log,
        Duration::from_millis(300),
    )
    .expect_err("sleep outlasts its time");
    assert!(error.contains("did not finish"), "{error}");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("$ echo hello\nhello\n"), "{text}");
}

/// Serves one canned answer on a loopback port.
fn serve_once(answer: &'static [u8]) -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request);
        // In pieces, as a real server may send them.
        for piece in answer.chunks(7) {
            stream.write_all(piece).unwrap();
            stream.flush().unwrap();
        }
        // Keep the connection open a little: a framed body is complete before the close.
        thread::sleep(Duration::from_millis(300));
    });
    port
}

#[test]
fn the_client_reads_content_length_chunked_and_close_framed_bodies() {
    let timeout = Duration::from_secs(5);
    let port = serve_once(
        b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"id\":42}",
    );
    let r = http::request(port, "POST", "/api/items", Some("{}"), timeout).unwrap();
    assert_eq!(r.status, 201);
    assert_eq!(r.json().unwrap()["id"], 42);

    let port = serve_once(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json;charset=UTF-8\r\n\
          Transfer-Encoding: chunked\r\n\r\n4\r\n[1, \r\n2;ext=1\r\n2]\r\n0\r\n\r\n",
    );
    let r = http::request(port, "GET", "/api/items", None, timeout).unwrap();
    assert_eq!(r.json().unwrap(), serde_json::json!([1, 2]));

    let port = serve_once(b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\nNot Found");
    let r = http::request(port, "GET", "/x", None, timeout).unwrap();
    assert_eq!((r.status, r.text().as_str()), (404, "Not Found"));
    let error = r.json().expect_err("text/plain is not JSON");
    assert!(error.contains("text/plain"), "{error}");
}

/// A stand-in for a generated server, answering on loopback until the test process ends: `good`
/// keeps every promise of the standard, otherwise it breaks several.
fn fake_api(good: bool) -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        let mut items: Vec<String> = Vec::new();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut raw = Vec::new();
            let mut buf = [0u8; 1024];
            // The head, then as much body as Content-Length says.
            let (head, body) = loop {
                let n = stream.read(&mut buf).unwrap_or(0);
                raw.extend_from_slice(&buf[..n]);
                if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&raw[..end]).to_lowercase();
                    let length = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .map_or(0, |v| v.trim().parse().unwrap());
                    if raw.len() >= end + 4 + length || n == 0 {
                        break (head, String::from_utf8_lossy(&raw[end + 4..]).into_owned());
                    }
                } else if n == 0 {
                    break (String::new(), String::new());
                }
            };
            let line = head.lines().next().unwrap_or_default().to_string();
            let mut location = String::new();
            let one = line
                .strip_prefix("get /api/items/")
                .and_then(|rest| rest.strip_suffix(" http/1.1"))
                .and_then(|id| id.parse::<usize>().ok());
            let (status, content_type, text) = match (good, line.as_str(), one) {
                (true, _, Some(id)) => match items.get(id.wrapping_sub(1)) {
                    Some(item) => (200, "application/json", item.clone()),
                    None => (
                        404,
                        "application/json",
                        r#"{"error":"no such item"}"#.into(),
                    ),
                },
                (true, "get /api/items http/1.1", _) => {
                    (200, "application/json", format!("[{}]", items.join(",")))
                }
                (true, "post /api/items http/1.1", _) if body.contains("\"e2e\"") => {
                    items.push(format!("{{\"id\":{},\"name\":\"e2e\"}}", items.len() + 1));
                    location = format!("Location: /api/items/{}\r\n", items.len());
                    (201, "application/json", items.last().unwrap().clone())
                }
                (true, "post /api/items http/1.1", _) => {
                    (422, "application/json", r#"{"error":"name"}"#.into())
                }
                (true, _, _) => (404, "application/json", r#"{"error":"not found"}"#.into()),
                (false, "get /api/items http/1.1", _) => (200, "text/html", "[]".into()),
                (false, "post /api/items http/1.1", _) => {
                    (200, "application/json", r#"{"name":"e2e"}"#.into())
                }
                (false, _, _) => (404, "text/plain", "Not Found".into()),
            };
            let banner = if good { "" } else { "X-Powered-By: Fake\r\n" };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\n{banner}{location}\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{text}",
                text.len()
            );
        }
    });
    port
}

#[test]
fn the_api_checks_pass_a_server_that_keeps_the_standard() {
    let outcome = crate::api_checks(fake_api(true));
    assert!(outcome.problems.is_empty(), "{:#?}", outcome.problems);
    assert_eq!(outcome.created.expect("an item was created")["id"], 1);
}

#[test]
fn the_api_checks_report_each_broken_promise() {
    let outcome = crate::api_checks(fake_api(false));
    assert!(outcome.created.is_none());
    let problems = outcome.problems.join("\n");
    for expected in [
        "GET /api/items: Content-Type is text/html, not JSON",
        r#"POST /api/items {"name":"e2e"}: HTTP 200, expected 201"#,
        r#"POST /api/items {"name":""}: HTTP 200, expected 400 or 422"#,
        "GET /no-such-route: Content-Type is text/plain, not JSON",
        "GET /api/items/999999999: Content-Type is text/plain, not JSON",
        "sends X-Powered-By: Fake",
    ] {
        assert!(
            problems.contains(expected),
            "no `{expected}` in:\n{problems}"
        );
    }
}

#[test]
fn a_server_whose_location_points_nowhere_is_reported() {
    // Answers the create with a Location that no route serves, as a broken blueprint did.
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 4096];
            let n = stream.read(&mut request).unwrap_or(0);
            let line = String::from_utf8_lossy(&request[..n]).to_string();
            let (status, text, extra) = if line.starts_with("POST") {
                (201, r#"{"id":7,"name":"e2e"}"#, "Location: /items/7\r\n")
            } else if line.starts_with("GET /api/items ") {
                (200, r#"[{"id":7,"name":"e2e"}]"#, "")
            } else {
                (404, r#"{"error":"not found"}"#, "")
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n{extra}\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{text}",
                text.len()
            );
        }
    });
    let problems = crate::api_checks(port).problems.join("\n");
    for expected in [
        "GET /api/items/7: HTTP 404, expected 200",
        "Location is /items/7, not /api/items/7",
    ] {
        assert!(
            problems.contains(expected),
            "no `{expected}` in:\n{problems}"
        );
    }
}

mod rows {
    use crate::row::{Row, Verdict, counts};

    fn ran() -> Row {
        let mut row = Row::new("flask", Some("postgres"));
        row.ran = true;
        row
    }

    #[test]
    fn a_row_passes_only_when_its_proof_ran_with_every_checker() {
        assert_eq!(ran().verdict(), Verdict::Passed);
        assert_eq!(ran().name(), "flask/postgres");
        assert_eq!(Row::new("node", None).verdict(), Verdict::Skipped);

        let mut incomplete = ran();
        incomplete.missing = vec!["hadolint".into(), "shellcheck".into()];
        assert_eq!(
            incomplete.result(),
            "incomplete (no hadolint, no shellcheck)"
        );

        let mut gaps = ran();
        gaps.known_gaps.push("5xx x1".into());
        assert_eq!(gaps.result(), "passed, 1 known gap(s)");

        // A failure wins over everything, even a proof that never ran.
        let mut failed = Row::new("node", None);
        failed.missing.push("actionlint".into());
        failed.failures.push("hadolint: DL3008".into());
        assert_eq!(failed.verdict(), Verdict::Failed);
    }

    #[test]
    fn under_ci_skipped_and_incomplete_rows_fail_and_outside_they_are_counted() {
        let mut skipped = Row::new("node", None);
        skipped.proof = "skipped (no node)".into();
        let mut incomplete = ran();
        incomplete.missing.push("actionlint".into());
        let rows = [skipped, incomplete, ran()];
        assert_eq!(counts(&rows), (1, 0, 1, 1));

        let [mut skipped, mut incomplete, mut passed] = rows;
        for row in [&mut skipped, &mut incomplete, &mut passed] {
            row.require(false);
        }
        assert!(skipped.failures.is_empty() && incomplete.failures.is_empty());
        for row in [&mut skipped, &mut incomplete, &mut passed] {
            row.require(true);
        }
        assert_eq!(skipped.verdict(), Verdict::Failed);
        assert!(
            skipped.failures[0].contains("skipped (no node)"),
            "{:?}",
            skipped.failures
        );
        assert!(
            incomplete.failures[0].contains("no actionlint"),
            "{:?}",
            incomplete.failures
        );
        assert_eq!(passed.verdict(), Verdict::Passed);
    }
}

mod proving {
    use crate::tools::Machine;
    use crate::{Postgres, prove};
    use groundwork::blueprint::Catalogue;

    fn bare(ci: bool) -> Machine {
        Machine {
            ci,
            only: Some(Vec::new()),
        }
    }

    fn prove_on(id: &str, machine: &Machine) -> Vec<crate::row::Row> {
        let catalogue = Catalogue::embedded().unwrap();
        let blueprint = catalogue
            .blueprints()
            .unwrap()
            .into_iter()
            .find(|b| b.id() == id)
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut postgres = Postgres::Missing("not started by the self-tests".into());
        prove(blueprint, &dir.path().join(id), machine, &mut postgres)
    }

    #[test]
    fn a_machine_without_the_toolchain_skips_and_ci_fails_it() {
        let rows = prove_on("node", &bare(false));
        assert!(!rows.is_empty());
        for row in &rows {
            assert_eq!(
                row.result(),
                "skipped",
                "{}: {:?}",
                row.name(),
                row.failures
            );
            assert_eq!(row.proof, "skipped (no node)");
            for checker in ["hadolint", "actionlint"] {
                assert!(
                    row.missing.iter().any(|m| m == checker),
                    "{:?}",
                    row.missing
                );
            }
        }
        for row in prove_on("node", &bare(true)) {
            assert_eq!(row.result(), "FAILED");
            assert!(
                row.failures
                    .iter()
                    .any(|f| f.contains("required under CI=true")),
                "{:?}",
                row.failures
            );
        }
    }

    #[test]
    fn aspnet_core_gets_a_syntax_row_that_is_incomplete_without_its_linters() {
        for row in prove_on("aspnet-core", &bare(false)) {
            assert!(row.ran, "{}", row.proof);
            assert!(row.proof.contains("tree-sitter C#"), "{}", row.proof);
            assert!(row.proof.contains("files ok"), "{}", row.proof);
            assert!(
                row.result().starts_with("incomplete (no hadolint"),
                "{}",
                row.result()
            );
        }
    }

    #[test]
    fn the_missing_tool_is_named() {
        let catalogue = Catalogue::embedded().unwrap();
        let node = catalogue
            .blueprints()
            .unwrap()
            .into_iter()
            .find(|b| b.id() == "node")
            .unwrap();
        let commands = crate::Commands::for_tests("npm install", "npm test", "npm start");
        let only_npm = Machine {
            ci: false,
            only: Some(vec!["npm".into()]),
        };
        assert_eq!(
            crate::missing_toolchain(node, &commands, &only_npm).as_deref(),
            Some("no node")
        );
    }
}

mod shell {
    use crate::checks::is_shell_script;

    #[test]
    fn shell_scripts_are_found_by_extension_and_shebang() {
        assert!(is_shell_script("docker/start.sh", b"echo hi\n"));
        assert!(is_shell_script("mvnw", b"#!/bin/sh\n"));
        assert!(is_shell_script(
            "bin/setup",
            b"#!/usr/bin/env bash\nset -e\n"
        ));
        assert!(!is_shell_script("bin/rails", b"#!/usr/bin/env ruby\n"));
        assert!(!is_shell_script("README.md", b"# hi\n"));
    }
}

mod contract_checks {
    use super::serve_once;
    use crate::contract::{Contract, Kind, Rng, judge};
    use crate::http;
    use std::time::Duration;

    #[test]
    fn the_description_documents_each_route_and_the_fallbacks() {
        let contract = Contract::load();
        let allowed = |method, path| contract.allowed(method, path).0.to_vec();
        assert!(allowed("POST", "/api/items").contains(&201));
        assert!(allowed("POST", "/api/items").contains(&413));
        assert!(allowed("GET", "/api/items/42").contains(&404));
        assert!(allowed("GET", "/health?x=1").contains(&503));
        assert!(!allowed("GET", "/api/items").contains(&404));
        assert_eq!(
            allowed("TRACE", "/api/items"),
            vec![400, 404, 405, 406, 413, 415]
        );
        assert!(allowed("GET", "/%ff").contains(&404));
        assert!(!allowed("GET", "/%ff").contains(&200));
    }

    fn answer(raw: &'static [u8], method: &str, path: &str) -> Vec<Kind> {
        let port = serve_once(raw);
        let response = http::request(port, method, path, None, Duration::from_secs(5));
        let case = crate::contract::tests_case(method, path);
        judge(&Contract::load(), &case, &response)
            .into_iter()
            .map(|(kind, _)| kind)
            .collect()
    }

    #[test]
    fn broken_answers_are_found_and_good_ones_pass() {
        let json_404 = b"HTTP/1.1 404 X\r\nContent-Type: application/problem+json\r\nContent-Length: 2\r\n\r\n{}";
        assert_eq!(answer(json_404, "GET", "/nope"), vec![]);
        let html_400 =
            b"HTTP/1.1 400 X\r\nContent-Type: text/html\r\nContent-Length: 4\r\n\r\n<p/>";
        assert_eq!(answer(html_400, "GET", "/%ff"), vec![Kind::NonJsonError]);
        let not_implemented =
            b"HTTP/1.1 501 X\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nno";
        assert_eq!(
            answer(not_implemented, "TRACE", "/api/items"),
            vec![Kind::ServerError, Kind::NonJsonError]
        );
        let missing =
            b"HTTP/1.1 404 X\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
        assert_eq!(
            answer(missing, "GET", "/health"),
            vec![Kind::UndocumentedStatus]
        );
    }

    #[test]
    fn the_fuzzer_is_deterministic_for_a_seed() {
        let (mut a, mut b, mut c) = (Rng::new(7), Rng::new(7), Rng::new(8));
        let first: Vec<u64> = (0..5).map(|_| a.next()).collect();
        assert_eq!(first, (0..5).map(|_| b.next()).collect::<Vec<_>>());
        assert_ne!(first, (0..5).map(|_| c.next()).collect::<Vec<_>>());
    }
}

#[test]
fn the_private_postgres_server_serves_a_password_login_and_stops() {
    let Some(bin) = crate::postgres::binaries() else {
        assert!(
            !crate::tools::Machine::here().ci,
            "CI=true but no PostgreSQL: apt-get install postgresql"
        );
        println!("skipped (no PostgreSQL on this machine)");
        return;
    };
    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("selftest-pg-{}", std::process::id()));
    let mut cluster = crate::postgres::Cluster::start(&bin, &root).expect("the cluster starts");
    let database = cluster.fresh_database("selftest/one").expect("a database");
    assert_eq!(database.name, "e2e_selftest_one");
    let env = database.env();
    let psql = |env: &[(&str, String)]| {
        std::process::Command::new(bin.join("psql"))
            .args([
                "-X",
                "-tA",
                "-c",
                "SELECT current_user || '@' || current_database()",
            ])
            .env_clear()
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .output()
            .expect("psql runs")
    };
    let out = psql(&env);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("{}@e2e_selftest_one", crate::postgres::USER)
    );
    let url = &env.iter().find(|(k, _)| *k == "DATABASE_URL").unwrap().1;
    assert!(url.starts_with("postgresql://groundwork_e2e:"), "{url}");
    // A wrong password is refused: the role really needs it.
    let mut wrong = env.clone();
    wrong.retain(|(k, _)| *k != "PGPASSWORD");
    wrong.push(("PGPASSWORD", "wrong".into()));
    assert!(!psql(&wrong).status.success());

    cluster.pause().expect("the cluster stops");
    assert!(!psql(&env).status.success(), "the database is unreachable");
    cluster.resume().expect("the cluster starts again");
    assert!(psql(&env).status.success());
    drop(cluster);
    assert!(
        !root.join("data/postmaster.pid").exists(),
        "dropping stops the server"
    );
    let _ = std::fs::remove_dir_all(&root);
}

/// A stand-in server for the fuzzer: `conforming` answers every request as the contract says
/// (reading each body in full first); otherwise it answers everything with an HTML 500.
fn fake_contract_server(conforming: bool) -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            thread::spawn(move || {
                let mut raw = Vec::new();
                let mut buf = vec![0u8; 65536];
                let end = loop {
                    if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                        break end;
                    }
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => raw.extend_from_slice(&buf[..n]),
                    }
                };
                let head = String::from_utf8_lossy(&raw[..end]).to_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .map_or(0, |v| v.trim().parse().unwrap_or(0));
                let chunked = head.contains("transfer-encoding: chunked");
                // Read the whole body, so that the answer is not lost to a reset.
                loop {
                    let body = &raw[end + 4..];
                    let done = if chunked {
                        body.ends_with(b"0\r\n\r\n")
                    } else {
                        body.len() >= length
                    };
                    if done {
                        break;
                    }
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => raw.extend_from_slice(&buf[..n]),
                    }
                }
                let line = head.lines().next().unwrap_or_default().to_string();
                let mut words = line.split(' ');
                let method = words.next().unwrap_or_default().to_uppercase();
                let path = words.next().unwrap_or_default();
                let path = path.split('?').next().unwrap_or_default();
                let read = method == "GET" || method == "HEAD";
                let (status, text) = if !conforming {
                    (500, "<html>oops</html>")
                } else if raw.len() - end - 4 > 1024 * 1024 {
                    (413, r#"{"error":"too large"}"#)
                } else {
                    match path {
                        "/health" if read => (200, r#"{"status":"ok"}"#),
                        "/api/items" if read => (200, "[]"),
                        "/api/items" if method == "POST" => (422, r#"{"error":"name"}"#),
                        "/health" | "/api/items" => (405, r#"{"error":"method"}"#),
                        _ if path.starts_with("/api/items/") && path.len() > 11 => {
                            if read {
                                (404, r#"{"error":"no item"}"#)
                            } else {
                                (405, r#"{"error":"method"}"#)
                            }
                        }
                        _ => (404, r#"{"error":"not found"}"#),
                    }
                };
                let content_type = if conforming {
                    "application/json"
                } else {
                    "text/html"
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n",
                    text.len()
                );
                if method != "HEAD" {
                    let _ = stream.write_all(text.as_bytes());
                }
            });
        }
    });
    port
}

#[test]
fn the_fuzzer_finds_nothing_in_a_conforming_server_and_flags_a_broken_one() {
    use crate::contract::{Contract, DEFAULT_SEED, Kind, MAX_REQUESTS, fuzz};
    let contract = Contract::load();
    let good = fuzz(
        fake_contract_server(true),
        &contract,
        DEFAULT_SEED,
        Some("1"),
    );
    assert!(good.findings.is_empty(), "{:#?}", good.log);
    assert!(good.requests >= MAX_REQUESTS / 2, "{}", good.requests);

    let bad = fuzz(
        fake_contract_server(false),
        &contract,
        DEFAULT_SEED,
        Some("1"),
    );
    for kind in [
        Kind::ServerError,
        Kind::NonJsonError,
        Kind::OversizeAccepted,
        Kind::Unhealthy,
    ] {
        assert!(
            bad.findings.contains_key(&kind),
            "no {kind:?} in {:#?}",
            bad.findings.keys()
        );
    }
}
