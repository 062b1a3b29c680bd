//! The preview's HTTP server: a small `std::net` server, a thread per connection.
//!
//! Only keys of the in-memory output map can be served, so there is no file-system path to
//! escape from: `..`, encoded dots, backslashes and absolute targets are refused before the
//! lookup, and symlinks never enter the map (the walk that fills it does not follow them).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// What the server holds: the last good build, and the error of the last rebuild if any.
#[derive(Default)]
pub struct State {
    pub files: HashMap<String, Served>,
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

/// The open event streams.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<Event>>>,
}

impl Hub {
    pub fn broadcast(&self, event: &Event) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|client| client.send(event.clone()).is_ok());
        }
    }

    fn subscribe(&self) -> Receiver<Event> {
        let (sender, receiver) = mpsc::channel();
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(sender);
        }
        receiver
    }
}

pub const EVENTS_PATH: &str = "/__senda/events";
pub const FILES_PATH: &str = "/__senda/files";

/// The script added to every HTML response, never to files on disk.
const LIVE_SCRIPT: &str = include_str!("live.js");

/// Accepts connections forever, each on its own thread.
pub fn run(listener: TcpListener, state: Arc<RwLock<State>>, hub: Arc<Hub>) {
    for stream in listener.incoming().flatten() {
        let state = Arc::clone(&state);
        let hub = Arc::clone(&hub);
        std::thread::spawn(move || {
            let _ = handle(stream, &state, &hub);
        });
    }
}

fn handle(stream: TcpStream, state: &RwLock<State>, hub: &Hub) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // The headers are not needed; read them so the client is not cut off mid-request.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 && header.len() < 16 * 1024 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed",
            &[],
            method,
        );
    }
    let Some(path) = request_path(target) else {
        return not_found(&mut stream, state, method);
    };
    match path.as_str() {
        EVENTS_PATH => return events(stream, state, hub),
        FILES_PATH => {
            let mut names: Vec<String> = read(state).files.keys().cloned().collect();
            names.sort();
            let body = names.join("\n") + "\n";
            return respond(
                &mut stream,
                200,
                "text/plain; charset=utf-8",
                body.as_bytes(),
                &[],
                method,
            );
        }
        _ => {}
    }
    let Some((key, served)) = lookup(&read(state), &path) else {
        return not_found(&mut stream, state, method);
    };
    let Some(served) = served else {
        // `/guias` is the folder `guias/`: redirect so the page's relative links work.
        let location = format!("{path}/");
        return respond(
            &mut stream,
            301,
            "text/plain; charset=utf-8",
            b"moved",
            &[("Location", &location)],
            method,
        );
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

fn percent_decode(text: &str) -> Option<String> {
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

fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    headers: &[(&str, &str)],
    method: &str,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        404 => "Not Found",
        _ => "Method Not Allowed",
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

/// A Server-Sent Events stream: the current error at once, then every event as it comes.
fn events(mut stream: TcpStream, state: &RwLock<State>, hub: &Hub) -> std::io::Result<()> {
    let receiver = hub.subscribe();
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n")?;
    let current_error = read(state).error.clone();
    match current_error {
        Some(error) => stream.write_all(sse(&Event::Error(error)).as_bytes())?,
        None => stream.write_all(b": connected\n\n")?,
    }
    stream.flush()?;
    loop {
        match receiver.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => stream.write_all(sse(&event).as_bytes())?,
            // A comment line keeps proxies from closing the stream, and finds dead clients.
            Err(RecvTimeoutError::Timeout) => stream.write_all(b": ping\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        stream.flush()?;
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

    #[test]
    fn events_are_framed_as_server_sent_events() {
        assert_eq!(sse(&Event::Reload), "event: reload\ndata:\n\n");
        assert_eq!(
            sse(&Event::Error("a\nb".into())),
            "event: error\ndata: a\ndata: b\n\n"
        );
    }
}
