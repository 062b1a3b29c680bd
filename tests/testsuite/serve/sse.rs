//! A Server-Sent Events client for `/__senda/events`: a thread parses the stream into
//! `(event, data)` pairs, and every wait on them has a deadline.

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use super::harness::{EVENT, QUIET, Server};
use super::http::{Chunked, Response, read_head};

impl Server {
    /// Opens `/__senda/events` and forwards its events to the returned receiver.
    #[track_caller]
    pub(super) fn events(&self) -> Events {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to senda serve");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("read timeout");
        let request = format!(
            "GET /__senda/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n",
            self.port
        );
        (&stream)
            .write_all(request.as_bytes())
            .expect("send request");
        let closer = stream.try_clone().expect("clone stream");
        let mut reader = BufReader::new(stream);
        let (status, headers) = read_head(&mut reader, "GET /__senda/events");
        let head = Response {
            status,
            headers,
            body: Vec::new(),
        };
        assert_eq!(head.status, 200, "GET /__senda/events");
        let content_type = head.header("content-type").unwrap_or_default();
        assert!(
            content_type.starts_with("text/event-stream"),
            "GET /__senda/events: Content-Type is `{content_type}`"
        );
        reader
            .get_ref()
            .set_read_timeout(None)
            .expect("clear read timeout");
        let lines: Box<dyn BufRead + Send> = if head
            .header("transfer-encoding")
            .is_some_and(|v| v.eq_ignore_ascii_case("chunked"))
        {
            Box::new(BufReader::new(Chunked::new(reader)))
        } else {
            Box::new(reader)
        };
        let (sender, receiver) = mpsc::channel();
        thread::spawn(move || parse_events(lines, &sender));
        Events {
            receiver,
            stream: closer,
        }
    }
}

/// One open `/__senda/events` stream; dropping it closes the connection.
pub(super) struct Events {
    receiver: Receiver<(String, String)>,
    stream: TcpStream,
}

impl Drop for Events {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Both);
    }
}

/// Parses the SSE wire format: `event:`/`data:` fields, `:` comments, blank line = dispatch.
fn parse_events(mut lines: Box<dyn BufRead + Send>, sender: &mpsc::Sender<(String, String)>) {
    let (mut event, mut data): (String, Vec<String>) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if !event.is_empty() || !data.is_empty() {
                let name = if event.is_empty() {
                    "message".to_string()
                } else {
                    std::mem::take(&mut event)
                };
                if sender.send((name, data.join("\n"))).is_err() {
                    return;
                }
                data.clear();
            }
            continue;
        }
        if line.starts_with(':') {
            continue;
        }
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "event" => event = value.to_string(),
            "data" => data.push(value.to_string()),
            _ => {}
        }
    }
}

impl Events {
    /// The next event that matters (`ok` is optional in the contract, so it is skipped).
    pub(super) fn next_event(
        &self,
        timeout: Duration,
    ) -> Result<(String, String), RecvTimeoutError> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (event, data) = self.receiver.recv_timeout(left)?;
            if event != "ok" {
                return Ok((event, data));
            }
        }
    }

    /// Asserts the next event is `event` and returns its data.
    #[track_caller]
    pub(super) fn wait_for(&self, event: &str, timeout: Duration) -> String {
        match self.next_event(timeout) {
            Ok((got, data)) => {
                assert_eq!(
                    got, event,
                    "expected a `{event}` event, got `{got}` with data:\n{data}"
                );
                data
            }
            Err(RecvTimeoutError::Timeout) => {
                panic!("no `{event}` event within {timeout:?}")
            }
            Err(RecvTimeoutError::Disconnected) => {
                panic!("the event stream closed while waiting for `{event}`")
            }
        }
    }

    #[track_caller]
    pub(super) fn assert_no_event_within(&self, within: Duration) {
        match self.next_event(within) {
            Ok((event, data)) => {
                panic!("expected no more events, got `{event}` with data:\n{data}")
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => panic!("the event stream closed"),
        }
    }

    /// Asserts one burst of saves gives exactly one event, `event`, and returns its data:
    /// the event within `EVENT`, then nothing more for `QUIET`.
    #[track_caller]
    pub(super) fn expect_one(&self, event: &str) -> String {
        let data = self.wait_for(event, EVENT);
        self.assert_no_event_within(QUIET);
        data
    }
}
