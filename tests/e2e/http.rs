//! A minimal HTTP/1.1 client over `std::net::TcpStream`, enough to ask a generated server a few
//! questions on loopback: one request per connection (`Connection: close`), bodies framed by
//! `Content-Length`, chunked transfer encoding, or the end of the connection.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::{Duration, Instant};

pub(crate) struct Response {
    pub status: u16,
    headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON, checking that the server also said it is JSON.
    pub(crate) fn json(&self) -> Result<serde_json::Value, String> {
        let content_type = self.header("content-type").unwrap_or("(none)");
        if !content_type.to_ascii_lowercase().contains("json") {
            return Err(format!(
                "Content-Type is {content_type}, not JSON; body: {}",
                self.short()
            ));
        }
        serde_json::from_slice(&self.body)
            .map_err(|e| format!("body is not JSON ({e}): {}", self.short()))
    }

    /// The body, cut short for a message.
    pub(crate) fn short(&self) -> String {
        let text = self.text();
        let mut cut: String = text.chars().take(300).collect();
        if cut.len() < text.len() {
            cut.push_str("...");
        }
        cut
    }
}

/// Sends one request to `127.0.0.1:port`.
pub(crate) fn request(
    port: u16,
    method: &str,
    path: &str,
    json_body: Option<&str>,
    timeout: Duration,
) -> Result<Response, String> {
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/json\r\n\
         User-Agent: groundwork-e2e\r\nConnection: close\r\n"
    );
    if let Some(body) = json_body {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    let body = json_body.unwrap_or("").as_bytes();
    exchange(port, head.as_bytes(), body, method == "HEAD", timeout)
}

/// Sends `head` (the request line and headers, ending in the blank line) and `body` as they are,
/// then reads the answer. A server may answer and close before a large body is all sent (a 413):
/// a failed write then ends the sending, and the answer is still read.
pub(crate) fn exchange(
    port: u16,
    head: &[u8],
    body: &[u8],
    answer_has_no_body: bool,
    timeout: Duration,
) -> Result<Response, String> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream =
        TcpStream::connect_timeout(&address, timeout).map_err(|e| format!("connect: {e}"))?;
    stream.set_read_timeout(Some(timeout)).ok();
    stream.set_write_timeout(Some(timeout)).ok();
    stream.write_all(head).map_err(|e| format!("send: {e}"))?;
    let mut send_error = None;
    for piece in body.chunks(64 * 1024) {
        if let Err(e) = stream.write_all(piece) {
            send_error = Some(e);
            break;
        }
    }

    let deadline = Instant::now() + timeout;
    let mut raw = Vec::new();
    let mut chunk = [0u8; 8192];
    let failed = |what: String| match &send_error {
        Some(e) => format!("{what} (sending the body failed first: {e})"),
        None => what,
    };
    loop {
        if let Some(response) = parse(&raw, false, answer_has_no_body)? {
            return Ok(response);
        }
        if Instant::now() >= deadline {
            return Err(failed(format!(
                "no complete answer within {} s",
                timeout.as_secs()
            )));
        }
        match stream.read(&mut chunk) {
            Ok(0) => {
                return parse(&raw, true, answer_has_no_body)?.ok_or_else(|| {
                    failed("the connection closed before a full answer".to_string())
                });
            }
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(failed(format!("read: {e}"))),
        }
    }
}

/// A complete response from the bytes read so far, `None` if more are needed. At end of stream
/// (`eof`), a body with no framing ends there; the answer to a HEAD request (`no_body`) ends with
/// its head.
fn parse(raw: &[u8], eof: bool, no_body: bool) -> Result<Option<Response>, String> {
    let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Ok(None);
    };
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| format!("not an HTTP status line: {status_line:?}"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let response = |body: Vec<u8>| Response {
        status,
        headers: headers.clone(),
        body,
    };
    let find = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.to_ascii_lowercase())
    };
    if no_body {
        return Ok(Some(response(Vec::new())));
    }
    if find("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        return Ok(dechunk(rest)?.map(response));
    }
    if let Some(length) = find("content-length") {
        let length: usize = length
            .parse()
            .map_err(|_| format!("bad Content-Length {length:?}"))?;
        return Ok((rest.len() >= length).then(|| response(rest[..length].to_vec())));
    }
    if status == 204 || status == 304 || (100..200).contains(&status) {
        return Ok(Some(response(Vec::new())));
    }
    Ok(eof.then(|| response(rest.to_vec())))
}

/// The body of a chunked message, once its last chunk has arrived.
fn dechunk(mut rest: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut body = Vec::new();
    loop {
        let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") else {
            return Ok(None);
        };
        let size_text = String::from_utf8_lossy(&rest[..line_end]);
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| format!("bad chunk size {size_text:?}"))?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(Some(body));
        }
        if rest.len() < size + 2 {
            return Ok(None);
        }
        body.extend_from_slice(&rest[..size]);
        rest = &rest[size + 2..];
    }
}
