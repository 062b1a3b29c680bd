//! A minimal HTTP/1.1 client: one request per connection, the status, the headers and a
//! body read by its `Content-Length`, as chunks, or to the end.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use super::harness::Server;

impl Server {
    /// `GET target` with `Connection: close`.
    pub(super) fn get(&self, target: &str) -> Response {
        let request = format!(
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        );
        self.raw(request.as_bytes())
    }

    /// Sends `request` as is and reads one response.
    pub(super) fn raw(&self, request: &[u8]) -> Response {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to senda serve");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("read timeout");
        (&stream).write_all(request).expect("send request");
        let mut reader = BufReader::new(stream);
        let (status, headers) = read_head(&mut reader, &String::from_utf8_lossy(request));
        let response = Response {
            status,
            headers,
            body: Vec::new(),
        };
        let mut body = Vec::new();
        if response
            .header("transfer-encoding")
            .is_some_and(|v| v.eq_ignore_ascii_case("chunked"))
        {
            Chunked::new(reader)
                .read_to_end(&mut body)
                .expect("read chunked body");
        } else if let Some(length) = response.header("content-length") {
            let length: usize = length.trim().parse().expect("numeric Content-Length");
            body.resize(length, 0);
            reader.read_exact(&mut body).expect("read body");
        } else {
            reader.read_to_end(&mut body).expect("read body");
        }
        Response { body, ..response }
    }

    /// `GET target`, asserting 200, and its body as text.
    #[track_caller]
    pub(super) fn page(&self, target: &str) -> String {
        let response = self.get(target);
        assert_eq!(
            response.status,
            200,
            "GET {target}: expected 200, got {}\n{}",
            response.status,
            response.text()
        );
        response.text()
    }
}

#[derive(Debug)]
pub(super) struct Response {
    pub(super) status: u16,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Vec<u8>,
}

impl Response {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or_default()
    }

    pub(super) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Reads the status line and the headers.
pub(super) fn read_head(reader: &mut impl BufRead, request: &str) -> (u16, Vec<(String, String)>) {
    let mut line = String::new();
    let read = reader.read_line(&mut line);
    assert!(
        matches!(read, Ok(n) if n > 0),
        "no response to {request:?}: {read:?}"
    );
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {line:?} for {request:?}"));
    let mut headers = Vec::new();
    loop {
        line.clear();
        let read = reader.read_line(&mut line);
        assert!(
            matches!(read, Ok(n) if n > 0),
            "headers cut short for {request:?}: {read:?}"
        );
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            return (status, headers);
        }
        let (name, value) = header
            .split_once(':')
            .unwrap_or_else(|| panic!("bad header line {header:?}"));
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
}

/// A `Transfer-Encoding: chunked` body as a plain byte stream.
pub(super) struct Chunked<R> {
    inner: R,
    left: usize,
    done: bool,
}

impl<R: BufRead> Chunked<R> {
    pub(super) fn new(inner: R) -> Chunked<R> {
        Chunked {
            inner,
            left: 0,
            done: false,
        }
    }
}

impl<R: BufRead> Read for Chunked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.done || buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            let mut size = String::new();
            if self.inner.read_line(&mut size)? == 0 {
                return Ok(0);
            }
            let size = size.trim();
            let size = size.split(';').next().unwrap_or_default();
            self.left = usize::from_str_radix(size, 16).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("chunk size {size:?}: {e}"),
                )
            })?;
            if self.left == 0 {
                self.done = true;
                return Ok(0);
            }
        }
        let wanted = buf.len().min(self.left);
        let n = self.inner.read(&mut buf[..wanted])?;
        if n == 0 {
            return Ok(0);
        }
        self.left -= n;
        if self.left == 0 {
            let mut crlf = String::new();
            self.inner.read_line(&mut crlf)?;
        }
        Ok(n)
    }
}
