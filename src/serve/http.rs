//! The preview's HTTP server: what it serves, and how it answers one request.
//!
//! Only keys of the in-memory output map can be served, so there is no file-system path to
//! escape from: `..`, encoded dots, backslashes and absolute targets are refused before the
//! lookup (`request::request_path`), and symlinks never enter the map (the walk that fills
//! it does not follow them). `connections` accepts connections and bounds them.

use std::io::{ErrorKind, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::{Duration, Instant};

use super::connections::{Shared, Slot, linger};
use super::request::{self, Request, request_path};

/// What the server holds: the last good build, and the error of the last rebuild if any.
#[derive(Default)]
pub struct State {
    pub files: crate::cache::FastMap<String, Served>,
    /// The diagnostics of the last failed rebuild, as printed in the terminal.
    pub error: Option<String>,
}

#[derive(Clone)]
pub enum Served {
    Bytes(Arc<Vec<u8>>),
    /// A static file or content asset, read from its source on each request. The stamp
    /// (size, modification time) tells a rebuild whether it changed.
    Copy(PathBuf, Option<(u64, Option<std::time::SystemTime>)>),
}

impl PartialEq for Served {
    fn eq(&self, other: &Served) -> bool {
        match (self, other) {
            // A page reused from the cache is the same allocation: no need to compare bytes.
            (Served::Bytes(a), Served::Bytes(b)) => Arc::ptr_eq(a, b) || a == b,
            (Served::Copy(a, x), Served::Copy(b, y)) => a == b && x == y,
            _ => false,
        }
    }
}

/// A message to every open page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Reload,
    /// Only stylesheets changed: their URLs, so pages can swap them without reloading.
    Css(Vec<String>),
    Error(String),
}

/// At most this many pages get events at once. Past it, a new stream pushes out the oldest
/// one: the page a developer just opened is the one they look at, and the pushed-out page's
/// `EventSource` reconnects by itself.
pub const MAX_STREAMS: usize = 64;

/// How often an event stream checks that its page is still there.
const STREAM_CHECK: Duration = Duration::from_secs(1);
/// How long an event stream may be silent before a ping.
const STREAM_PING: Duration = Duration::from_secs(15);

/// The open event streams, oldest first. Each one's `Weak` dies with its stream's thread,
/// so a closed page leaves the list without waiting for a broadcast to fail.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<(Sender<Event>, Weak<()>)>>,
}

/// One stream's end of the hub; it holds the token that keeps it listed.
struct Subscription {
    events: Receiver<Event>,
    _listed: Arc<()>,
}

impl Hub {
    pub fn broadcast(&self, event: &Event) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|(client, _)| client.send(event.clone()).is_ok());
        }
    }

    fn subscribe(&self) -> Subscription {
        let (sender, events) = mpsc::channel();
        let listed = Arc::new(());
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|(_, alive)| alive.strong_count() > 0);
            if clients.len() >= MAX_STREAMS {
                // Dropping its sender ends the oldest stream at once (its receive fails).
                let excess = clients.len() + 1 - MAX_STREAMS;
                clients.drain(..excess);
            }
            clients.push((sender, Arc::downgrade(&listed)));
        }
        Subscription {
            events,
            _listed: listed,
        }
    }
}

pub const EVENTS_PATH: &str = "/__senda/events";
pub const FILES_PATH: &str = "/__senda/files";

/// The script added to every HTML response, never to files on disk.
const LIVE_SCRIPT: &str = include_str!("live.js");

const TEXT: &str = "text/plain; charset=utf-8";

/// Serves one connection: reads its head within the limits, then answers it. `slot` is the
/// connection's place among those served at once; it is given back when this returns.
pub fn handle(mut stream: TcpStream, slot: Slot, server: &Shared) {
    // A client that stops reading must not hold the connection forever.
    if stream.set_write_timeout(Some(server.limits.write)).is_err() {
        return;
    }
    match request::read_head(&stream, server.limits.head) {
        Ok(request) => {
            let _ = answer(stream, slot, &request, server);
        }
        Err(refusal) => {
            if let Some((status, text)) = refusal.answer()
                && respond(&mut stream, status, TEXT, text.as_bytes(), &[], "GET").is_ok()
            {
                linger(&stream);
            }
        }
    }
}

fn answer(
    mut stream: TcpStream,
    slot: Slot,
    request: &Request,
    server: &Shared,
) -> std::io::Result<()> {
    let (method, state) = (request.method.as_str(), &*server.state);
    if let Some(editor) = &server.editor
        && super::editor::is_editor_target(&request.target)
    {
        return super::editor::answer(&mut stream, request, editor, server.limits.head);
    }
    if method != "GET" && method != "HEAD" {
        respond(&mut stream, 405, TEXT, b"method not allowed", &[], method)?;
        // A POST's body is still unread: closing now could reset away the answer.
        linger(&stream);
        return Ok(());
    }
    let Some(path) = request_path(&request.target) else {
        return not_found(&mut stream, state, method);
    };
    match path.as_str() {
        EVENTS_PATH => return events(stream, slot, server),
        FILES_PATH => {
            let mut names: Vec<String> = read(state).files.keys().cloned().collect();
            names.sort();
            let body = names.join("\n") + "\n";
            return respond(&mut stream, 200, TEXT, body.as_bytes(), &[], method);
        }
        _ => {}
    }
    let Some((key, served)) = lookup(&read(state), &path) else {
        return not_found(&mut stream, state, method);
    };
    let Some(served) = served else {
        // `/guias` is the folder `guias/`: redirect so the page's relative links work.
        let location = format!("{path}/");
        let headers = [("Location", location.as_str())];
        return respond(&mut stream, 301, TEXT, b"moved", &headers, method);
    };
    let body = match served {
        Served::Bytes(bytes) => bytes.as_ref().clone(),
        // The build recorded canonical paths (serve's root is canonical and the walk never
        // follows links). If the file, or any folder above it, has since become a symlink,
        // its canonical path differs: refuse rather than follow it anywhere on the machine.
        Served::Copy(from, _) if std::fs::canonicalize(&from).ok().as_ref() != Some(&from) => {
            return not_found(&mut stream, state, method);
        }
        Served::Copy(from, _) => match std::fs::read(&from) {
            Ok(bytes) => bytes,
            Err(_) => return not_found(&mut stream, state, method),
        },
    };
    let content_type = content_type(&key);
    let body = if content_type.starts_with("text/html") {
        inject(body)
    } else {
        body
    };
    respond(&mut stream, 200, content_type, &body, &[], method)
}

/// The output key a request path names, and what is there; `None` as the file means the
/// path is a folder asked for without its trailing slash.
fn lookup(state: &State, path: &str) -> Option<(String, Option<Served>)> {
    let key = path.trim_start_matches('/');
    if key.is_empty() || key.ends_with('/') {
        let index = format!("{key}index.html");
        let served = state.files.get(&index)?.clone();
        return Some((index, Some(served)));
    }
    if let Some(served) = state.files.get(key) {
        return Some((key.to_string(), Some(served.clone())));
    }
    let index = format!("{key}/index.html");
    state.files.contains_key(&index).then_some((index, None))
}

fn read(state: &RwLock<State>) -> std::sync::RwLockReadGuard<'_, State> {
    state
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

fn inject(body: Vec<u8>) -> Vec<u8> {
    let script = format!("<script id=\"senda-live\">{LIVE_SCRIPT}</script>");
    let text = String::from_utf8_lossy(&body);
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

fn not_found(stream: &mut TcpStream, state: &RwLock<State>, method: &str) -> std::io::Result<()> {
    let page = match read(state).files.get("404.html") {
        Some(Served::Bytes(bytes)) => bytes.as_ref().clone(),
        _ => b"<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>404</title></head><body><h1>404</h1></body></html>".to_vec(),
    };
    respond(
        stream,
        404,
        "text/html; charset=utf-8",
        &inject(page),
        &[],
        method,
    )
}

pub fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    headers: &[(&str, &str)],
    method: &str,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        201 => "Created",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "Service Unavailable",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// A Server-Sent Events stream: the current error at once, then every event as it comes,
/// until the page goes away or a newer stream pushes this one out.
fn events(mut stream: TcpStream, slot: Slot, server: &Shared) -> std::io::Result<()> {
    // A stream stays open as long as its page: it leaves the request slots for one of the
    // stream slots, which bound the threads streams use (`Hub` keeps at most MAX_STREAMS
    // listed; the rest are streams already pushed out and ending).
    let stream_slot = server.streams.take();
    drop(slot);
    let Some(_stream_slot) = stream_slot else {
        return respond(
            &mut stream,
            503,
            TEXT,
            b"too many event streams",
            &[],
            "GET",
        );
    };
    let subscription = server.hub.subscribe();
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n")?;
    let current_error = read(&server.state).error.clone();
    match current_error {
        Some(error) => stream.write_all(sse(&Event::Error(error)).as_bytes())?,
        None => stream.write_all(b": connected\n\n")?,
    }
    stream.flush()?;
    // Reads only look for the end of the stream; they must not wait.
    stream.set_read_timeout(Some(Duration::from_millis(1)))?;
    let mut written = Instant::now();
    loop {
        match subscription.events.recv_timeout(STREAM_CHECK) {
            Ok(event) => stream.write_all(sse(&event).as_bytes())?,
            Err(RecvTimeoutError::Timeout) if page_left(&stream) => return Ok(()),
            // A comment line keeps proxies from closing the stream.
            Err(RecvTimeoutError::Timeout) if written.elapsed() >= STREAM_PING => {
                stream.write_all(b": ping\n\n")?;
            }
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        stream.flush()?;
        written = Instant::now();
    }
}

/// Whether the page closed its end of the stream (a closed tab, a reload): noticed within
/// `STREAM_CHECK`, so reloads do not pile up streams that wait for a ping to fail.
fn page_left(stream: &TcpStream) -> bool {
    match stream.peek(&mut [0u8; 1]) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => !matches!(
            e.kind(),
            ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
        ),
    }
}

fn sse(event: &Event) -> String {
    let (name, data) = match event {
        Event::Reload => ("reload", String::new()),
        Event::Css(urls) => ("css", urls.join("\n")),
        Event::Error(text) => ("error", text.clone()),
    };
    let mut out = format!("event: {name}\n");
    for line in data.lines() {
        out.push_str(&format!("data: {line}\n"));
    }
    if data.is_empty() {
        out.push_str("data:\n");
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_framed_as_server_sent_events() {
        assert_eq!(sse(&Event::Reload), "event: reload\ndata:\n\n");
        assert_eq!(
            sse(&Event::Error("a\nb".into())),
            "event: error\ndata: a\ndata: b\n\n"
        );
    }
}
