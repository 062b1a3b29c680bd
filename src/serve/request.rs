//! Reading a request head with limits, and turning its target into an output path.
//!
//! The head is read in chunks into one bounded buffer, never line by line without a limit:
//! a request line longer than `MAX_REQUEST_LINE` gets 414, headers past `MAX_HEADER_BYTES`
//! or `MAX_HEADERS` get 431, and the whole head must arrive before one deadline (a client
//! that sends a byte a second is cut off like one that sends nothing).

use std::io::{ErrorKind, Read};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The longest request line accepted, as in common servers (Apache's default is 8190).
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// All header lines together, and how many there may be (browsers send about a dozen).
pub const MAX_HEADER_BYTES: usize = 32 * 1024;
pub const MAX_HEADERS: usize = 100;

/// A request whose head was read whole: its request line, its header fields, and the
/// bytes of the body that came in the same reads as the head.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub target: String,
    /// Header fields in order, names as sent (compare them ignoring case).
    pub headers: Vec<(String, String)>,
    /// What was read past the blank line that ends the head: the start of a body.
    pub rest: Vec<u8>,
}

impl Request {
    /// The value of the first header field named `name`, ignoring case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a head was not read; each answer the client gets, if any, is `status`.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not valid UTF-8, or not `METHOD TARGET HTTP/x`.
    Malformed,
    LineTooLong,
    HeadersTooLarge,
    /// The deadline passed with part of a head received.
    TooSlow,
    /// The client sent nothing before the deadline, left, or the socket failed: there is
    /// no request to answer (browsers open spare connections they may never use).
    Gone,
}

impl Refusal {
    /// The status and body to answer with; `None` when nobody is waiting for an answer.
    pub fn answer(&self) -> Option<(u16, &'static str)> {
        match self {
            Refusal::Malformed => Some((400, "bad request")),
            Refusal::LineTooLong => Some((414, "request line too long")),
            Refusal::HeadersTooLarge => Some((431, "request headers too large")),
            Refusal::TooSlow => Some((408, "request head not received in time")),
            Refusal::Gone => None,
        }
    }
}

/// Reads one request head from `stream`, giving up `timeout` after the call.
pub fn read_head(mut stream: &TcpStream, timeout: Duration) -> Result<Request, Refusal> {
    let deadline = Instant::now() + timeout;
    let mut buffer = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    let mut scanner = Scanner::default();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let late = if buffer.is_empty() {
            Refusal::Gone
        } else {
            Refusal::TooSlow
        };
        if left.is_zero() {
            return Err(late);
        }
        // The time left, not a fixed time per read: that is what makes it one deadline.
        stream
            .set_read_timeout(Some(left))
            .map_err(|_| Refusal::Gone)?;
        match stream.read(&mut chunk) {
            Ok(0) => return Err(Refusal::Gone),
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(late);
            }
            Err(_) => return Err(Refusal::Gone),
        }
        if let Some(line_end) = scanner.feed(&buffer)? {
            let mut request = parse_request_line(&buffer[..line_end])?;
            let head_end = scanner.scanned;
            request.headers = parse_headers(&buffer[line_end..head_end])?;
            request.rest = buffer[head_end..].to_vec();
            return Ok(request);
        }
    }
}

/// Where a head ends, found incrementally: each byte is looked at once however the head
/// is split into reads, so a client sending tiny pieces costs no more than one big one.
#[derive(Default)]
struct Scanner {
    /// How much of the buffer has been looked at.
    scanned: usize,
    line_start: usize,
    /// The length of the request line (without its line end), and where headers start.
    request_line: Option<(usize, usize)>,
    headers: usize,
}

impl Scanner {
    /// `Some(length of the request line)` once the blank line that ends the head is in
    /// `buffer`; `None` while more is needed. `buffer` only grows between calls.
    fn feed(&mut self, buffer: &[u8]) -> Result<Option<usize>, Refusal> {
        while let Some(at) = buffer[self.scanned..].iter().position(|&b| b == b'\n') {
            let end = self.scanned + at;
            let line = &buffer[self.line_start..end];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            self.scanned = end + 1;
            self.line_start = end + 1;
            let Some((request_line, headers_start)) = self.request_line else {
                if line.len() > MAX_REQUEST_LINE {
                    return Err(Refusal::LineTooLong);
                }
                self.request_line = Some((line.len(), end + 1));
                continue;
            };
            if line.is_empty() {
                return Ok(Some(request_line));
            }
            self.headers += 1;
            if self.headers > MAX_HEADERS || end - headers_start > MAX_HEADER_BYTES {
                return Err(Refusal::HeadersTooLarge);
            }
        }
        self.scanned = buffer.len();
        // The line still open must fit too, or a client could send one endless line.
        match self.request_line {
            // One more byte for the CR that may come before the line feed.
            None if buffer.len() > MAX_REQUEST_LINE + 1 => Err(Refusal::LineTooLong),
            Some((_, headers_start)) if buffer.len() - headers_start > MAX_HEADER_BYTES => {
                Err(Refusal::HeadersTooLarge)
            }
            _ => Ok(None),
        }
    }
}

/// `METHOD TARGET HTTP/x.y`; HTTP/0.9's `METHOD TARGET` is accepted too.
fn parse_request_line(line: &[u8]) -> Result<Request, Refusal> {
    let line = std::str::from_utf8(line).map_err(|_| Refusal::Malformed)?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(Refusal::Malformed);
    };
    let version_ok = match parts.next() {
        None => true,
        Some(version) => version.starts_with("HTTP/"),
    };
    let tokens_ok = !method.is_empty() && !target.is_empty();
    if !version_ok || !tokens_ok || parts.next().is_some() {
        return Err(Refusal::Malformed);
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        headers: Vec::new(),
        rest: Vec::new(),
    })
}

/// The header lines of a head (its request line left out), each `Name: value`; a line
/// without a colon, or not UTF-8, makes the request malformed.
fn parse_headers(lines: &[u8]) -> Result<Vec<(String, String)>, Refusal> {
    let text = std::str::from_utf8(lines).map_err(|_| Refusal::Malformed)?;
    text.split('\n')
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (name, value) = line.split_once(':').ok_or(Refusal::Malformed)?;
            Ok((name.trim().to_string(), value.trim().to_string()))
        })
        .collect()
}

/// Why a request body was not read.
#[derive(Debug, PartialEq, Eq)]
pub enum BodyRefusal {
    /// No `Content-Length` (or a chunked body): 411.
    NoLength,
    /// `Content-Length` over the limit, refused before reading any of it: 413.
    TooLarge,
    /// The body did not arrive before the deadline, or the client left.
    Incomplete,
}

/// Reads the body `request`'s `Content-Length` announces, at most `limit` bytes, before
/// `deadline`. The bytes already read with the head count as its start.
pub fn read_body(
    mut stream: &TcpStream,
    request: &Request,
    limit: usize,
    deadline: Instant,
) -> Result<Vec<u8>, BodyRefusal> {
    if request.header("transfer-encoding").is_some() {
        return Err(BodyRefusal::NoLength);
    }
    let length: usize = match request.header("content-length") {
        Some(value) => value.parse().map_err(|_| BodyRefusal::NoLength)?,
        None => return Err(BodyRefusal::NoLength),
    };
    if length > limit {
        return Err(BodyRefusal::TooLarge);
    }
    let mut body = request.rest.clone();
    body.truncate(length);
    let mut chunk = [0u8; 16 * 1024];
    while body.len() < length {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(BodyRefusal::Incomplete);
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|_| BodyRefusal::Incomplete)?;
        let wanted = (length - body.len()).min(chunk.len());
        match stream.read(&mut chunk[..wanted]) {
            Ok(0) => return Err(BodyRefusal::Incomplete),
            Ok(n) => body.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return Err(BodyRefusal::Incomplete),
        }
    }
    Ok(body)
}

/// The decoded path of a request target, or `None` for anything that tries to leave the
/// site: `..` or `.` segments (encoded or not), backslashes, NUL bytes.
pub fn request_path(target: &str) -> Option<String> {
    // An absolute-form target (`GET http://host/x`) names the same path.
    let target = match target.split_once("://") {
        Some((_, rest)) => &rest[rest.find('/')?..],
        None => target,
    };
    let raw = target.split(['?', '#']).next()?;
    if !raw.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(raw)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return None;
    }
    let trailing = decoded.ends_with('/');
    let joined = segments
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("/");
    Some(match (joined.is_empty(), trailing) {
        (true, _) => "/".to_string(),
        (false, true) => format!("/{joined}/"),
        (false, false) => format!("/{joined}"),
    })
}

pub(super) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `head` to a scanner in pieces of `step` bytes, as reads would deliver it.
    fn scan(head: &[u8], step: usize) -> Result<Option<Request>, Refusal> {
        let mut scanner = Scanner::default();
        let mut buffer = Vec::new();
        for piece in head.chunks(step.max(1)) {
            buffer.extend_from_slice(piece);
            if let Some(end) = scanner.feed(&buffer)? {
                return parse_request_line(&buffer[..end]).map(Some);
            }
        }
        Ok(None)
    }

    #[test]
    fn a_head_is_found_however_it_is_split() {
        let head = b"GET /guias/ HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\nbody";
        for step in [1, 2, 3, 7, 4096] {
            let request = scan(head, step).expect("accepted").expect("complete");
            assert_eq!(request.method, "GET", "step {step}");
            assert_eq!(request.target, "/guias/", "step {step}");
        }
        assert_eq!(
            scan(b"GET / HTTP/1.1\n\n", 1).map(|r| r.is_some()),
            Ok(true)
        );
        assert_eq!(scan(b"GET / HTTP/1.1\r\nHost: x\r\n", 1), Ok(None));
    }

    #[test]
    fn long_lines_and_many_headers_are_refused_before_they_end() {
        let long = [b'a'; MAX_REQUEST_LINE + 2];
        // No line end needed: the refusal comes as soon as the limit is passed.
        assert_eq!(scan(&long, 4096), Err(Refusal::LineTooLong));
        let mut line = b"GET /".to_vec();
        line.extend_from_slice(&long);
        line.extend_from_slice(b" HTTP/1.1\r\n\r\n");
        assert_eq!(scan(&line, 100_000), Err(Refusal::LineTooLong));

        let mut many = b"GET / HTTP/1.1\r\n".to_vec();
        for i in 0..=MAX_HEADERS {
            many.extend_from_slice(format!("X-{i}: y\r\n").as_bytes());
        }
        assert_eq!(scan(&many, 4096), Err(Refusal::HeadersTooLarge));
        let mut big = b"GET / HTTP/1.1\r\nCookie: ".to_vec();
        big.extend_from_slice(&[b'c'; MAX_HEADER_BYTES + 2]);
        assert_eq!(scan(&big, 4096), Err(Refusal::HeadersTooLarge));

        let mut at_limit = b"GET /".to_vec();
        at_limit.extend_from_slice(&[b'a'; MAX_REQUEST_LINE - 14]);
        at_limit.extend_from_slice(b" HTTP/1.1\r\n\r\n");
        assert_eq!(scan(&at_limit, 1000).map(|r| r.is_some()), Ok(true));
    }

    #[test]
    fn header_fields_are_read_by_name_whatever_their_case() {
        let fields = parse_headers(b"\r\nHost: 127.0.0.1:1\r\nx-senda-token:  abc \r\n\r\n")
            .expect("headers");
        let request = Request {
            headers: fields,
            ..parse_request_line(b"PUT /x HTTP/1.1").expect("line")
        };
        assert_eq!(request.header("host"), Some("127.0.0.1:1"));
        assert_eq!(request.header("X-Senda-Token"), Some("abc"));
        assert_eq!(request.header("origin"), None);
        assert_eq!(parse_headers(b"\r\nno colon\r\n"), Err(Refusal::Malformed));
    }

    #[test]
    fn request_lines_that_are_not_http_are_malformed() {
        for line in [
            &b"GET /\xff\xfe HTTP/1.1"[..],
            b"",
            b"GET",
            b"GET  / HTTP/1.1",
            b"GET / HTTP/1.1 extra",
            b"GET / SMTP",
        ] {
            assert_eq!(
                parse_request_line(line),
                Err(Refusal::Malformed),
                "{line:?}"
            );
        }
        assert!(parse_request_line(b"GET /").is_ok());
    }

    #[test]
    fn paths_that_try_to_leave_the_site_are_refused() {
        for target in [
            "/../site.toml",
            "/%2e%2e/site.toml",
            "/%2E%2E%2Fsite.toml",
            "/guias/..%2f..%2fsite.toml",
            "/guias\\..\\..\\site.toml",
            "/a/./b",
            "http://127.0.0.1:1111/../../etc/passwd",
            "relative/path",
            "/%zz",
            "/%00",
        ] {
            assert_eq!(request_path(target), None, "{target}");
        }
    }

    #[test]
    fn ordinary_paths_are_decoded_and_normalised() {
        assert_eq!(request_path("/").as_deref(), Some("/"));
        assert_eq!(
            request_path("/guias/que-es/?x=1#a").as_deref(),
            Some("/guias/que-es/")
        );
        assert_eq!(request_path("//etc/passwd").as_deref(), Some("/etc/passwd"));
        assert_eq!(
            request_path("/Ficha%20de%20observaci%C3%B3n.pdf").as_deref(),
            Some("/Ficha de observación.pdf")
        );
        assert_eq!(
            request_path("http://127.0.0.1:1111/guias").as_deref(),
            Some("/guias")
        );
    }
}
