//! Contract fuzzing of a running server: `contract.openapi.json` (beside this file) describes
//! the standard's routes, the statuses each may answer, and that errors are JSON. `fuzz` sends a
//! bounded, seeded, deterministic stream of hostile requests (odd methods, malformed paths,
//! wrong or missing content types, deep, non-UTF-8 and oversized bodies) and checks every answer
//! against the description: no 5xx, only documented statuses, JSON error bodies, a 413 for a
//! 20 MiB body, and `/health` still answering afterwards. What a blueprint is known to break and
//! its owner is not fixing yet is listed in `KNOWN_CONTRACT_GAPS`, printed every run as a known
//! gap and never counted as passed.

use crate::http;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// At most this many requests per server...
pub(crate) const MAX_REQUESTS: usize = 300;
/// ...and at most this long (the 20 MiB request and the fixed cases always go).
pub(crate) const TIME_BUDGET: Duration = Duration::from_secs(30);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// The seed when `GROUNDWORK_FUZZ_SEED` does not give one: the same requests every run.
pub(crate) const DEFAULT_SEED: u64 = 0x6772_6f75_6e64_776b;
const OVERSIZED_BODY: usize = 20 * 1024 * 1024;

/// Findings that a blueprint is known to give and that are not fixed yet: each is reported as
/// "known gap" (never as passed) instead of failing the row. Remove an entry when its blueprint
/// is fixed; an entry that no longer matches a finding is reported too.
pub(crate) const KNOWN_CONTRACT_GAPS: &[(&str, Kind)] = &[
    // `php artisan serve` is PHP's built-in development server, whose HTTP parser answers an
    // HTML 501 to methods it does not know (PURGE, LINK, BREW) before Laravel sees the request.
    ("laravel", Kind::ServerError),
    ("laravel", Kind::NonJsonError),
];

/// What kind of broken promise a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// A 5xx answer.
    ServerError,
    /// A status the description does not document for that route and method.
    UndocumentedStatus,
    /// An error status whose body is not JSON (or says it is not).
    NonJsonError,
    /// A 20 MiB body not refused with 413.
    OversizeAccepted,
    /// No complete answer (a timeout or a closed connection).
    NoAnswer,
    /// `/health` does not answer 200 after the fuzzing.
    Unhealthy,
}

impl Kind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::ServerError => "5xx",
            Kind::UndocumentedStatus => "undocumented status",
            Kind::NonJsonError => "non-JSON error",
            Kind::OversizeAccepted => "20 MiB body not refused with 413",
            Kind::NoAnswer => "no answer",
            Kind::Unhealthy => "unhealthy afterwards",
        }
    }
}

/// The statuses the description documents, per route and method.
pub(crate) struct Contract {
    routes: Vec<Route>,
    undocumented_method: Vec<u16>,
    unknown_path: Vec<u16>,
}

struct Route {
    template: String,
    /// Upper-case method -> documented statuses.
    operations: BTreeMap<String, Vec<u16>>,
}

fn statuses(responses: &Value) -> Vec<u16> {
    responses
        .as_object()
        .map(|r| r.keys().filter_map(|k| k.parse().ok()).collect())
        .unwrap_or_default()
}

impl Contract {
    /// The description checked in beside this file.
    pub(crate) fn load() -> Contract {
        Contract::parse(include_str!("contract.openapi.json"))
    }

    pub(crate) fn parse(text: &str) -> Contract {
        let spec: Value = serde_json::from_str(text).expect("the contract is JSON");
        let paths = spec["paths"].as_object().expect("the contract has paths");
        let routes = paths
            .iter()
            .map(|(template, item)| Route {
                template: template.clone(),
                operations: item
                    .as_object()
                    .expect("a path item is an object")
                    .iter()
                    .filter(|(method, _)| *method != "parameters")
                    .map(|(method, op)| (method.to_ascii_uppercase(), statuses(&op["responses"])))
                    .collect(),
            })
            .collect();
        Contract {
            routes,
            undocumented_method: statuses(&spec["x-undocumented-method"]["responses"]),
            unknown_path: statuses(&spec["x-unknown-path"]["responses"]),
        }
    }

    /// The statuses documented for `method` on `target` (its query ignored), with the route it
    /// matched, for a message.
    pub(crate) fn allowed(&self, method: &str, target: &str) -> (&[u16], String) {
        let path = target.split('?').next().unwrap_or(target);
        let segments: Vec<&str> = path.split('/').collect();
        let route = self.routes.iter().find(|route| {
            let template: Vec<&str> = route.template.split('/').collect();
            template.len() == segments.len()
                && template.iter().zip(&segments).all(|(t, s)| {
                    if t.starts_with('{') {
                        !s.is_empty()
                    } else {
                        t == s
                    }
                })
        });
        match route {
            None => (&self.unknown_path, "an unknown path".into()),
            Some(route) => match route.operations.get(method) {
                Some(documented) => (documented, format!("{method} {}", route.template)),
                None => (
                    &self.undocumented_method,
                    format!("{method} (undocumented) on {}", route.template),
                ),
            },
        }
    }
}

/// One request, as sent.
#[derive(Clone, Debug)]
pub(crate) struct Case {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub chunked: bool,
    /// What makes the body special, for a message.
    pub body_label: String,
}

impl Case {
    fn new(method: &str, target: &str) -> Case {
        Case {
            method: method.into(),
            target: target.into(),
            headers: Vec::new(),
            body: Vec::new(),
            chunked: false,
            body_label: String::new(),
        }
    }

    fn header(mut self, name: &str, value: &str) -> Case {
        self.headers.push((name.into(), value.into()));
        self
    }

    fn json(self, label: &str, body: impl Into<Vec<u8>>) -> Case {
        self.header("Content-Type", "application/json")
            .body(label, body)
    }

    fn body(mut self, label: &str, body: impl Into<Vec<u8>>) -> Case {
        self.body = body.into();
        self.body_label = label.into();
        self
    }

    /// `METHOD TARGET [Content-Type] [body]`, for a message.
    pub(crate) fn label(&self) -> String {
        let mut label = format!("{} {}", self.method, shorten(&self.target, 60));
        for (name, value) in &self.headers {
            let _ = write!(label, " [{name}: {value}]");
        }
        if self.chunked {
            label.push_str(" [chunked]");
        }
        if !self.body_label.is_empty() {
            let _ = write!(label, " {}", self.body_label);
        }
        label
    }

    /// The request line and headers, and the body as framed on the wire.
    fn wire(&self, port: u16) -> (Vec<u8>, Vec<u8>) {
        let mut head = format!(
            "{} {} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: groundwork-fuzz\r\n\
             Connection: close\r\n",
            self.method, self.target
        );
        for (name, value) in &self.headers {
            let _ = write!(head, "{name}: {value}\r\n");
        }
        let body = if self.chunked {
            head.push_str("Transfer-Encoding: chunked\r\n");
            let mut framed = format!("{:x}\r\n", self.body.len()).into_bytes();
            framed.extend_from_slice(&self.body);
            framed.extend_from_slice(b"\r\n0\r\n\r\n");
            framed
        } else {
            if !self.body.is_empty() || matches!(self.method.as_str(), "POST" | "PUT" | "PATCH") {
                let _ = write!(head, "Content-Length: {}\r\n", self.body.len());
            }
            self.body.clone()
        };
        head.push_str("\r\n");
        (head.into_bytes(), body)
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}...({} chars)", text.chars().count())
    }
}

/// xorshift64*: small, seeded, and the same on every machine.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let len = u64::try_from(items.len()).unwrap();
        &items[usize::try_from(self.next() % len).unwrap()]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn deep(open: &str, inner: &str, close: &str, depth: usize) -> Vec<u8> {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth)).into_bytes()
}

/// Hostile and ordinary bodies, each with a label.
fn bodies() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("a valid item", br#"{"name":"fuzz"}"#.to_vec()),
        ("a lone surrogate", br#"{"name":"\ud800"}"#.to_vec()),
        (
            "reversed surrogates",
            br#"{"name":"\udc00\ud800"}"#.to_vec(),
        ),
        ("an escaped NUL", br#"{"name":"a\u0000b"}"#.to_vec()),
        ("a raw NUL byte", b"{\"name\":\"a\0b\"}".to_vec()),
        ("invalid UTF-8", b"{\"name\":\"\xff\xfe\xc3\"}".to_vec()),
        ("Latin-1 bytes", b"{\"name\":\"caf\xe9\"}".to_vec()),
        ("10k-deep arrays", deep("[", "", "]", 10_000)),
        ("10k-deep objects", deep("{\"a\":", "1", "}", 10_000)),
        ("10k-deep names", deep("{\"name\":", "\"x\"", "}", 10_000)),
        ("an empty body", Vec::new()),
        ("null", b"null".to_vec()),
        ("an array", b"[]".to_vec()),
        ("an empty object", b"{}".to_vec()),
        ("a number name", br#"{"name":123}"#.to_vec()),
        ("a null name", br#"{"name":null}"#.to_vec()),
        ("a blank name", br#"{"name":"   "}"#.to_vec()),
        ("a no-break-space name", br#"{"name":"\u00a0"}"#.to_vec()),
        ("duplicate keys", br#"{"name":"x","name":"y"}"#.to_vec()),
        ("a huge number", br#"{"name":1e999999}"#.to_vec()),
        (
            "a 10k name",
            format!("{{\"name\":\"{}\"}}", "x".repeat(10_000)).into_bytes(),
        ),
        ("a form body", b"name=fuzz".to_vec()),
        ("truncated JSON", br#"{"name":"fuzz""#.to_vec()),
        ("a BOM", b"\xef\xbb\xbf{\"name\":\"bom\"}".to_vec()),
        (
            "a multipart part",
            b"--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nfuzz\r\n--x--\r\n"
                .to_vec(),
        ),
    ]
}

const METHODS: &[&str] = &[
    "GET",
    "GET",
    "POST",
    "POST",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "HEAD",
    "OPTIONS",
    "TRACE",
    "PROPFIND",
    "M-SEARCH",
    "PURGE",
    "MKCALENDAR",
    "LINK",
    "BREW",
];

const CONTENT_TYPES: &[Option<&str>] = &[
    None,
    Some("application/json"),
    Some("application/json"),
    Some("application/json; charset=utf-8"),
    Some("application/json; charset=iso-8859-1"),
    Some("application/json; charset=utf-16"),
    Some("application/json; charset=\"bogus\""),
    Some("text/plain"),
    Some("application/x-www-form-urlencoded"),
    Some("multipart/form-data"),
    Some("multipart/form-data; boundary="),
    Some("application/xml"),
    Some("*/*"),
];

const ACCEPTS: &[Option<&str>] = &[
    None,
    Some("application/json"),
    Some("text/html"),
    Some("*/*"),
    Some("application/xml"),
];

fn targets(created: Option<&str>) -> Vec<String> {
    let mut all: Vec<String> = [
        "/health",
        "/api/items",
        "/api/items",
        "/api/items/0",
        "/api/items/-1",
        "/api/items/99999999999999999999999999",
        "/api/items/abc",
        "/api/items/%ff",
        "/api/items/%2F",
        "/api/items/%00",
        "/api/items/1%27%20OR%201=1",
        "/%ff",
        "/api/%2F/items",
        "/no-such-route",
        "/api/items?name=%ff&x[]=1",
        "/health?%ff",
        "/api/items/..%2F..%2Fetc%2Fpasswd",
        "/.env",
    ]
    .iter()
    .map(std::string::ToString::to_string)
    .collect();
    all.push(format!("/{}", "a".repeat(2000)));
    if let Some(id) = created {
        all.push(format!("/api/items/{id}"));
    }
    all
}

/// The requests every run sends first: each hostile input the standard names.
fn fixed_cases(created: Option<&str>) -> Vec<Case> {
    let item = created.map_or("/api/items/1".to_string(), |id| format!("/api/items/{id}"));
    let mut cases = vec![
        Case::new("TRACE", "/api/items"),
        Case::new("PROPFIND", "/api/items"),
        Case::new("PROPFIND", "/no-such-route"),
        Case::new("BREW", "/health"),
        Case::new("DELETE", &item),
        Case::new("GET", "/%ff"),
        Case::new("GET", "/api/items/%ff"),
        Case::new("GET", "/api/items/%2F"),
        Case::new("GET", "/api/items/abc"),
        Case::new("GET", &format!("/{}", "a".repeat(2000))),
        Case::new("GET", "/no-such-route").header("Accept", "text/html"),
        Case::new("GET", "/api/items").header("Accept", "text/html"),
        Case::new("POST", "/api/items")
            .header("Accept", "text/html")
            .json("an empty object", "{}"),
        Case::new("POST", "/api/items").body("a valid item, no Content-Type", r#"{"name":"x"}"#),
        Case::new("POST", "/api/items")
            .header("Content-Type", "text/plain")
            .body("a valid item", r#"{"name":"x"}"#),
        Case::new("POST", "/api/items")
            .header("Content-Type", "multipart/form-data")
            .body("a valid item", r#"{"name":"x"}"#),
        Case::new("POST", "/api/items")
            .header("Content-Type", "application/json; charset=iso-8859-1")
            .body("Latin-1 bytes", b"{\"name\":\"caf\xe9\"}".to_vec()),
    ];
    for (label, body) in bodies() {
        if label != "a valid item" {
            cases.push(Case::new("POST", "/api/items").json(label, body));
        }
    }
    cases
}

/// One random request from the pools above.
fn random_case(rng: &mut Rng, targets: &[String], bodies: &[(&str, Vec<u8>)]) -> Case {
    let method = *rng.pick(METHODS);
    let target = rng.pick(targets).as_str();
    let mut case = Case::new(method, target);
    if let Some(content_type) = rng.pick(CONTENT_TYPES) {
        case = case.header("Content-Type", content_type);
    }
    if let Some(accept) = rng.pick(ACCEPTS) {
        case = case.header("Accept", accept);
    }
    if rng.chance(10) {
        case = case.header("X-Forwarded-For", "127.0.0.1, garbage, ::1");
    }
    if rng.chance(60) {
        let (label, body) = rng.pick(bodies);
        case = case.body(label, body.clone());
    }
    case.chunked = !case.body.is_empty() && rng.chance(10);
    case
}

/// The seed for this run: `GROUNDWORK_FUZZ_SEED` (decimal or 0x-hex), else `DEFAULT_SEED`.
pub(crate) fn seed() -> u64 {
    std::env::var("GROUNDWORK_FUZZ_SEED")
        .ok()
        .and_then(|s| match s.strip_prefix("0x") {
            Some(hex) => u64::from_str_radix(hex, 16).ok(),
            None => s.parse().ok(),
        })
        .unwrap_or(DEFAULT_SEED)
}

/// What the fuzzing found, by kind: how often, and the first example; and every finding, in
/// order, for the log.
#[derive(Default)]
pub(crate) struct Report {
    pub requests: usize,
    pub elapsed: Duration,
    pub findings: BTreeMap<Kind, (usize, String)>,
    pub log: Vec<String>,
}

impl Report {
    fn add(&mut self, kind: Kind, example: &str) {
        // One line per finding, whatever the body held.
        let example: String = example
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.log.push(format!("{}: {example}", kind.name()));
        let entry = self.findings.entry(kind).or_insert((0, example));
        entry.0 += 1;
    }
}

/// The findings one answer gives, checked against the contract.
pub(crate) fn judge(
    contract: &Contract,
    case: &Case,
    answer: &Result<http::Response, String>,
) -> Vec<(Kind, String)> {
    let label = case.label();
    let response = match answer {
        Ok(r) => r,
        Err(e) => return vec![(Kind::NoAnswer, format!("{label}: {e}"))],
    };
    let status = response.status;
    let said = || format!("{label}: HTTP {status}: {}", response.short());
    let mut found = Vec::new();
    if status >= 500 {
        found.push((Kind::ServerError, said()));
    }
    let (allowed, route) = contract.allowed(&case.method, &case.target);
    if status < 500 && !allowed.contains(&status) {
        let wanted: Vec<String> = allowed.iter().map(u16::to_string).collect();
        found.push((
            Kind::UndocumentedStatus,
            format!("{} (documented for {route}: {})", said(), wanted.join(", ")),
        ));
    }
    if status >= 400 && case.method != "HEAD" && !is_json_error(response) {
        let content_type = response.header("content-type").unwrap_or("(none)");
        found.push((
            Kind::NonJsonError,
            format!("{} (Content-Type: {content_type})", said()),
        ));
    }
    found
}

/// application/json or application/problem+json (any `+json`), with a body that parses.
fn is_json_error(response: &http::Response) -> bool {
    let content_type = response
        .header("content-type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    (essence == "application/json" || essence.ends_with("+json"))
        && serde_json::from_slice::<Value>(&response.body).is_ok()
}

fn send(port: u16, case: &Case) -> Result<http::Response, String> {
    let (head, body) = case.wire(port);
    http::exchange(port, &head, &body, case.method == "HEAD", REQUEST_TIMEOUT)
}

/// Fuzzes the server on `127.0.0.1:port`; `created` is the id of an item it stores.
pub(crate) fn fuzz(port: u16, contract: &Contract, seed: u64, created: Option<&str>) -> Report {
    let started = Instant::now();
    let mut report = Report::default();
    let mut cases = fixed_cases(created);
    let mut rng = Rng::new(seed);
    let targets = targets(created);
    let bodies = bodies();
    while cases.len() < MAX_REQUESTS - 2 {
        cases.push(random_case(&mut rng, &targets, &bodies));
    }
    let fixed = fixed_cases(created).len();
    for (n, case) in cases.iter().enumerate() {
        if n >= fixed && started.elapsed() >= TIME_BUDGET {
            break;
        }
        let answer = send(port, case);
        report.requests += 1;
        let lost = answer.is_err();
        for (kind, example) in judge(contract, case, &answer) {
            report.add(kind, &example);
        }
        if lost && http::request(port, "GET", "/health", None, REQUEST_TIMEOUT).is_err() {
            report.add(
                Kind::Unhealthy,
                &format!("the server stopped answering after {}", case.label()),
            );
            report.elapsed = started.elapsed();
            return report;
        }
    }

    let oversized = Case::new("POST", "/api/items").json(
        "a 20 MiB name",
        format!("{{\"name\":\"{}\"}}", "a".repeat(OVERSIZED_BODY)),
    );
    let answer = send(port, &oversized);
    report.requests += 1;
    match &answer {
        Ok(r) if r.status == 413 => {}
        Ok(r) => report.add(
            Kind::OversizeAccepted,
            &format!("{}: HTTP {}: {}", oversized.label(), r.status, r.short()),
        ),
        Err(e) => report.add(
            Kind::OversizeAccepted,
            &format!("{}: no answer: {e}", oversized.label()),
        ),
    }
    for (kind, example) in judge(contract, &oversized, &answer) {
        if kind != Kind::NoAnswer {
            report.add(kind, &example);
        }
    }

    report.requests += 1;
    match http::request(port, "GET", "/health", None, REQUEST_TIMEOUT) {
        Ok(r) if r.status == 200 => {}
        Ok(r) => report.add(
            Kind::Unhealthy,
            &format!("GET /health afterwards: HTTP {}: {}", r.status, r.short()),
        ),
        Err(e) => report.add(Kind::Unhealthy, &format!("GET /health afterwards: {e}")),
    }
    report.elapsed = started.elapsed();
    report
}

/// Whether `(blueprint, kind)` is a known gap.
pub(crate) fn is_known_gap(blueprint: &str, kind: Kind) -> bool {
    KNOWN_CONTRACT_GAPS
        .iter()
        .any(|(id, known)| *id == blueprint && *known == kind)
}

/// A bodiless request, for the self-tests.
#[cfg(test)]
pub(crate) fn tests_case(method: &str, target: &str) -> Case {
    Case::new(method, target)
}
