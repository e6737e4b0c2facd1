//! Quick checks of the harness itself, run by a plain `cargo test` (no network, a few seconds):
//! the process groups really end, and the HTTP client reads the framings servers use. A harness
//! that cannot fail proves nothing.

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
            let (status, content_type, text) = match (good, line.as_str()) {
                (true, "get /api/items http/1.1") => {
                    (200, "application/json", format!("[{}]", items.join(",")))
                }
                (true, "post /api/items http/1.1") if body.contains("\"e2e\"") => {
                    items.push(format!("{{\"id\":{},\"name\":\"e2e\"}}", items.len() + 1));
                    (201, "application/json", items.last().unwrap().clone())
                }
                (true, "post /api/items http/1.1") => {
                    (422, "application/json", r#"{"error":"name"}"#.into())
                }
                (true, _) => (404, "application/json", r#"{"error":"not found"}"#.into()),
                (false, "get /api/items http/1.1") => (200, "text/html", "[]".into()),
                (false, "post /api/items http/1.1") => {
                    (200, "application/json", r#"{"name":"e2e"}"#.into())
                }
                (false, _) => (404, "text/plain", "Not Found".into()),
            };
            let banner = if good { "" } else { "X-Powered-By: Fake\r\n" };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\n{banner}\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{text}",
                text.len()
            );
        }
    });
    port
}

#[test]
fn the_api_checks_pass_a_server_that_keeps_the_standard() {
    let problems = crate::api_problems(fake_api(true));
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_api_checks_report_each_broken_promise() {
    let problems = crate::api_problems(fake_api(false)).join("\n");
    for expected in [
        "GET /api/items: Content-Type is text/html, not JSON",
        r#"POST /api/items {"name":"e2e"}: HTTP 200, expected 201"#,
        r#"POST /api/items {"name":""}: HTTP 200, expected 400 or 422"#,
        "GET /no-such-route: Content-Type is text/plain, not JSON",
        "sends X-Powered-By: Fake",
    ] {
        assert!(
            problems.contains(expected),
            "no `{expected}` in:\n{problems}"
        );
    }
}
