//! `senda serve`, the live preview: each test starts the real binary on a free port in a
//! fresh copy of the `basic` fixture, talks plain HTTP/1.1 and Server-Sent Events to it over
//! `TcpStream`s, saves files the ways editors and tools do, and asserts on what is served,
//! which events arrive (exactly one per burst of saves) and what is printed. The server is
//! killed when the test ends, panics included.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::util::{TestSite, snapshot};

/// How long the server may take to build and print its address.
const START: Duration = Duration::from_secs(20);
/// How long a rebuild may take to announce itself after the last save.
const EVENT: Duration = Duration::from_secs(10);
/// How long to listen for a second, unwanted event after the expected one.
const QUIET: Duration = Duration::from_millis(700);

// ---------------------------------------------------------------------------------------
// Harness: the server process
// ---------------------------------------------------------------------------------------

pub(crate) type Buffer = Arc<Mutex<String>>;

/// A running `senda serve`; dropping it kills the process.
struct Server {
    child: Child,
    port: u16,
    stdout: Buffer,
    stderr: Buffer,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a pipe line by line into a shared buffer until it closes.
pub(crate) fn drain(pipe: impl Read + Send + 'static) -> Buffer {
    let buffer = Buffer::default();
    let sink = Arc::clone(&buffer);
    thread::spawn(move || {
        let mut reader = BufReader::new(pipe);
        let mut line = Vec::new();
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => sink
                    .lock()
                    .expect("output buffer")
                    .push_str(&String::from_utf8_lossy(&line)),
            }
        }
    });
    buffer
}

/// Starts `senda serve --root <site> <args>` from the site's parent folder.
fn spawn(site: &TestSite, args: &[&str]) -> Server {
    let root = site.root.to_string_lossy().into_owned();
    let mut all = vec!["--root", root.as_str()];
    all.extend_from_slice(args);
    spawn_in(site.root.parent().expect("parent"), &all)
}

/// Starts `senda serve <args>` from `dir`.
fn spawn_in(dir: &Path, args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_senda"))
        .arg("serve")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start senda serve");
    let stdout = drain(child.stdout.take().expect("stdout"));
    let stderr = drain(child.stderr.take().expect("stderr"));
    Server {
        child,
        port: 0,
        stdout,
        stderr,
    }
}

/// The port of the first `http://127.0.0.1:PORT/` in `text`.
pub(crate) fn announced_port(text: &str) -> Option<u16> {
    const PREFIX: &str = "http://127.0.0.1:";
    let rest = &text[text.find(PREFIX)? + PREFIX.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if rest[digits.len()..].starts_with('/') {
        digits.parse().ok()
    } else {
        None
    }
}

impl Server {
    #[track_caller]
    fn start(site: &TestSite) -> Server {
        Server::start_with(site, &[])
    }

    /// Starts on `--port 0` (plus `extra`) and waits for the address on stdout.
    #[track_caller]
    fn start_with(site: &TestSite, extra: &[&str]) -> Server {
        let mut args = vec!["--port", "0"];
        args.extend_from_slice(extra);
        spawn(site, &args).until_serving()
    }

    /// Starts `senda serve --port 0 <args>` from `dir` (no `--root` unless in `args`).
    #[track_caller]
    fn start_in(dir: &Path, args: &[&str]) -> Server {
        let mut all = vec!["--port", "0"];
        all.extend_from_slice(args);
        spawn_in(dir, &all).until_serving()
    }

    /// Waits for the address on stdout.
    #[track_caller]
    fn until_serving(mut self) -> Server {
        let server = &mut self;
        let deadline = Instant::now() + START;
        loop {
            if let Some(port) = announced_port(&server.stdout()) {
                server.port = port;
                return self;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                thread::sleep(Duration::from_millis(100)); // let the pipes drain
                panic!(
                    "senda serve exited ({status}) before printing its address\n--- stdout:\n{}\n--- stderr:\n{}",
                    server.stdout(),
                    server.stderr()
                );
            }
            assert!(
                Instant::now() < deadline,
                "no http://127.0.0.1:PORT/ on stdout within {START:?}\n--- stdout:\n{}\n--- stderr:\n{}",
                server.stdout(),
                server.stderr()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn stdout(&self) -> String {
        self.stdout.lock().expect("stdout buffer").clone()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().expect("stderr buffer").clone()
    }

    fn rebuilt_lines(&self) -> usize {
        self.stdout()
            .lines()
            .filter(|l| l.starts_with("Rebuilt"))
            .count()
    }

    /// Polls stderr until it contains `needle`.
    #[track_caller]
    fn wait_stderr(&self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let stderr = self.stderr();
            if stderr.contains(needle) {
                return stderr;
            }
            assert!(
                Instant::now() < deadline,
                "expected in stderr within {timeout:?}:\n{needle}\n--- but stderr was:\n{stderr}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Polls stdout until it has `count` lines starting with `Rebuilt`.
    #[track_caller]
    fn wait_rebuilt_lines(&self, count: usize, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while self.rebuilt_lines() < count {
            assert!(
                Instant::now() < deadline,
                "expected {count} `Rebuilt` line(s) on stdout within {timeout:?}; stdout was:\n{}",
                self.stdout()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn address(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// `GET target` with `Connection: close`.
    fn get(&self, target: &str) -> Response {
        let request = format!(
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        );
        self.raw(request.as_bytes())
    }

    /// Sends `request` as is and reads one response.
    fn raw(&self, request: &[u8]) -> Response {
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
    fn page(&self, target: &str) -> String {
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

    /// Opens `/__senda/events` and forwards its events to the returned receiver.
    #[track_caller]
    fn events(&self) -> Events {
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

// ---------------------------------------------------------------------------------------
// Harness: a minimal HTTP/1.1 client
// ---------------------------------------------------------------------------------------

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or_default()
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Reads the status line and the headers.
fn read_head(reader: &mut impl BufRead, request: &str) -> (u16, Vec<(String, String)>) {
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
struct Chunked<R> {
    inner: R,
    left: usize,
    done: bool,
}

impl<R: BufRead> Chunked<R> {
    fn new(inner: R) -> Chunked<R> {
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

// ---------------------------------------------------------------------------------------
// Harness: a Server-Sent Events client
// ---------------------------------------------------------------------------------------

/// One open `/__senda/events` stream; dropping it closes the connection.
struct Events {
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
    fn next_event(&self, timeout: Duration) -> Result<(String, String), RecvTimeoutError> {
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
    fn wait_for(&self, event: &str, timeout: Duration) -> String {
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
    fn assert_no_event_within(&self, within: Duration) {
        match self.next_event(within) {
            Ok((event, data)) => {
                panic!("expected no more events, got `{event}` with data:\n{data}")
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => panic!("the event stream closed"),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------

fn tmp_dir(site: &TestSite) -> PathBuf {
    site.root.parent().expect("parent").to_path_buf()
}

const LIVE_SCRIPT: &str = "<script id=\"senda-live\"";

/// The page without its one injected `<script id="senda-live">…</script>`.
#[track_caller]
fn without_live_script(html: &str) -> String {
    let start = html
        .find(LIVE_SCRIPT)
        .unwrap_or_else(|| panic!("no {LIVE_SCRIPT}> in:\n{html}"));
    let end = start
        + html[start..]
            .find("</script>")
            .expect("the live script is closed")
        + "</script>".len();
    let stripped = format!("{}{}", &html[..start], &html[end..]);
    assert!(
        !stripped.contains("senda-live"),
        "senda-live appears more than once:\n{html}"
    );
    stripped
}

#[track_caller]
fn assert_live_script_before_body_end(target: &str, html: &str) {
    let start = html
        .find(LIVE_SCRIPT)
        .unwrap_or_else(|| panic!("GET {target}: no {LIVE_SCRIPT}> in:\n{html}"));
    let body_end = html
        .rfind("</body>")
        .unwrap_or_else(|| panic!("GET {target}: no </body> in:\n{html}"));
    assert!(
        start < body_end && html[start..body_end].contains("</script>"),
        "GET {target}: the live script is not inside the body, before </body>:\n{html}"
    );
    assert_eq!(
        html.matches("senda-live").count(),
        1,
        "GET {target}: injected more than once:\n{html}"
    );
}

// ---------------------------------------------------------------------------------------
// Save styles: one burst of saves, exactly one reload, the new text served
// ---------------------------------------------------------------------------------------

#[test]
fn saving_in_place_gives_one_reload_and_the_new_text() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    assert!(
        server
            .page("/guias/zeta/")
            .contains("Va al final porque no tiene peso.")
    );
    assert_eq!(server.rebuilt_lines(), 0, "{}", server.stdout());

    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Anexo sin peso\"\n+++\nGuardado en el sitio.\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    let page = server.page("/guias/zeta/");
    assert!(page.contains("Guardado en el sitio."), "{page}");
    assert!(!page.contains("Va al final"), "{page}");
    server.wait_rebuilt_lines(1, Duration::from_secs(5));
    assert_eq!(server.rebuilt_lines(), 1, "{}", server.stdout());
}

/// Starts the server as `args` from `dir`, saves a page, and expects the reload and the text.
#[track_caller]
fn assert_rebuilds_on_save(site: &TestSite, dir: &Path, args: &[&str]) {
    let server = Server::start_in(dir, args);
    let events = server.events();
    assert!(server.page("/guias/zeta/").contains("Va al final"));
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Anexo sin peso\"\n+++\nGuardado con otra raíz.\n",
    );
    let outcome = events.next_event(EVENT);
    thread::sleep(Duration::from_millis(100)); // let the pipes drain
    assert!(
        matches!(&outcome, Ok((event, _)) if event == "reload"),
        "`senda serve {}` run from {}: expected a reload after a save, got {outcome:?}\n--- stdout:\n{}\n--- stderr:\n{}",
        args.join(" "),
        dir.display(),
        server.stdout(),
        server.stderr()
    );
    events.assert_no_event_within(QUIET);
    let page = server.page("/guias/zeta/");
    assert!(page.contains("Guardado con otra raíz."), "{page}");
}

#[test]
fn serving_from_inside_the_site_without_root_rebuilds_on_save() {
    let site = TestSite::fixture("basic");
    assert_rebuilds_on_save(&site, &site.root, &[]);
}

#[test]
fn a_relative_root_rebuilds_on_save() {
    let site = TestSite::fixture("basic");
    assert_rebuilds_on_save(&site, &tmp_dir(&site), &["--root", "site"]);
}

#[cfg(unix)]
#[test]
fn a_root_reached_through_a_symlink_rebuilds_on_save() {
    let site = TestSite::fixture("basic");
    let link = tmp_dir(&site).join("enlace");
    std::os::unix::fs::symlink(&site.root, &link).expect("symlink");
    assert_rebuilds_on_save(&site, &tmp_dir(&site), &["--root", &link.to_string_lossy()]);
}

#[test]
fn renaming_a_temp_file_from_outside_content_over_the_page_gives_one_reload() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    let temp = tmp_dir(&site).join("zeta.md.tmp");
    fs::write(
        &temp,
        "+++\ntitle = \"Anexo sin peso\"\n+++\nEscrito aparte y renombrado.\n",
    )
    .expect("write temp file");
    fs::rename(&temp, site.path("content/guias/zeta.md")).expect("rename over the page");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    let page = server.page("/guias/zeta/");
    assert!(page.contains("Escrito aparte y renombrado."), "{page}");
}

#[test]
fn renaming_a_hidden_temp_file_inside_content_over_the_page_gives_one_reload() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    let temp = site.path("content/guias/.zeta.md.swp");
    fs::write(
        &temp,
        "+++\ntitle = \"Anexo sin peso\"\n+++\nGuardado como un editor.\n",
    )
    .expect("write temp file");
    fs::rename(&temp, site.path("content/guias/zeta.md")).expect("rename over the page");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    let page = server.page("/guias/zeta/");
    assert!(page.contains("Guardado como un editor."), "{page}");
}

#[test]
fn deleting_then_recreating_a_page_gives_one_reload_and_no_404() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    site.remove("content/guias/zeta.md");
    thread::sleep(Duration::from_millis(50));
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Anexo sin peso\"\n+++\nBorrado y vuelto a crear.\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    let page = server.page("/guias/zeta/");
    assert!(page.contains("Borrado y vuelto a crear."), "{page}");
}

#[test]
fn a_burst_of_saves_like_a_git_checkout_gives_one_reload() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    // 3 rewritten pages and 12 new ones, about 7 ms apart: ~100 ms in all.
    let rewrites = [
        ("content/guias/zeta.md", "Anexo sin peso", "/guias/zeta/"),
        (
            "content/guias/avanzado/mentoria.md",
            "Mentoría",
            "/guias/avanzado/mentoria/",
        ),
        (
            "content/guias/visita/index.md",
            "Visita en aula",
            "/guias/visita/",
        ),
    ];
    for (i, (file, title, _)) in rewrites.iter().enumerate() {
        site.write(
            file,
            format!("+++\ntitle = \"{title}\"\n+++\nReescrita en lote {i}.\n"),
        );
        thread::sleep(Duration::from_millis(7));
    }
    for n in 1..=12 {
        site.write(
            &format!("content/guias/lote-{n:02}.md"),
            format!("+++\ntitle = \"Lote {n:02}\"\n+++\nPágina nueva del lote {n:02}.\n"),
        );
        thread::sleep(Duration::from_millis(7));
    }
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);

    for (i, (_, _, url)) in rewrites.iter().enumerate() {
        let page = server.page(url);
        assert!(
            page.contains(&format!("Reescrita en lote {i}.")),
            "{url}:\n{page}"
        );
    }
    let section = server.page("/guias/");
    for n in 1..=12 {
        let page = server.page(&format!("/guias/lote-{n:02}/"));
        assert!(
            page.contains(&format!("Página nueva del lote {n:02}.")),
            "{page}"
        );
        assert!(
            section.contains(&format!(">Lote {n:02}</a>")),
            "Lote {n:02} not listed in /guias/:\n{section}"
        );
    }
}

#[test]
fn every_watched_folder_triggers_a_rebuild() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    // site.toml
    let config = fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        config.replace("Aprender juntos", "Aprender siempre"),
    );
    events.wait_for("reload", EVENT);
    assert!(
        server
            .page("/")
            .contains("<p class=\"lema\">Aprender siempre</p>")
    );

    // site.toml saved by renaming a hidden temp file over it.
    let config = fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write(
        ".site.toml.swp",
        config.replace("Aprender siempre", "Aprender con otros"),
    );
    fs::rename(site.path(".site.toml.swp"), site.path("site.toml")).expect("rename");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(
        server
            .page("/")
            .contains("<p class=\"lema\">Aprender con otros</p>")
    );

    // templates/ (the site's own)
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>Perdido (sitio v2)</h1>{% endblock content %}\n",
    );
    events.wait_for("reload", EVENT);
    let missing = server.get("/no-existe/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("Perdido (sitio v2)"),
        "{}",
        missing.text()
    );

    // themes/
    let page_template = site.path("themes/plain/templates/page.html");
    let template = fs::read_to_string(&page_template).expect("page.html");
    site.write(
        "themes/plain/templates/page.html",
        template.replace(
            "<h1>{{ page.title }}</h1>",
            "<h1 class=\"tema-v2\">{{ page.title }}</h1>",
        ),
    );
    events.wait_for("reload", EVENT);
    assert!(
        server
            .page("/guias/zeta/")
            .contains("<h1 class=\"tema-v2\">Anexo sin peso</h1>")
    );

    // static/ (a non-stylesheet file: a full reload)
    site.write("themes/plain/static/app.js", "theme script v2\n");
    events.wait_for("reload", EVENT);
    assert_eq!(server.page("/app.js"), "theme script v2\n");

    site.write("static/nuevo.js", "console.log('nuevo');\n");
    events.wait_for("reload", EVENT);
    assert_eq!(server.page("/nuevo.js"), "console.log('nuevo');\n");
    events.assert_no_event_within(QUIET);
}

// ---------------------------------------------------------------------------------------
// Stylesheets, broken edits, deletions
// ---------------------------------------------------------------------------------------

#[test]
fn a_stylesheet_change_sends_css_not_reload() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    assert_eq!(
        server.page("/style.css"),
        "body { color: navy; } /* site */\n"
    );

    site.write("static/style.css", "body { color: teal; } /* cambiado */\n");
    let data = events.wait_for("css", EVENT);
    assert!(
        data.lines().any(|l| l.trim().ends_with("style.css")),
        "the css event does not list style.css:\n{data}"
    );
    events.assert_no_event_within(QUIET);
    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert!(
        css.content_type().starts_with("text/css"),
        "{}",
        css.content_type()
    );
    assert_eq!(css.text(), "body { color: teal; } /* cambiado */\n");
}

#[test]
fn a_broken_edit_keeps_the_last_good_pages_and_reports_the_error_everywhere() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    site.write(
        "content/guias/zeta.md",
        "+++\nweight = 3\n+++\nTexto roto.\n",
    );
    let data = events.wait_for("error", EVENT);
    assert!(
        data.contains("content/guias/zeta.md:2:1"),
        "the error event does not point at content/guias/zeta.md:2:1:\n{data}"
    );
    assert!(
        data.contains("title"),
        "the error event does not name `title`:\n{data}"
    );
    events.assert_no_event_within(QUIET);

    // The same diagnostic `senda build` prints, in the terminal and in the event.
    let diagnostic = "error: missing required key `title`\n --> content/guias/zeta.md:2:1\n";
    server.wait_stderr(diagnostic, Duration::from_secs(5));
    assert!(
        format!("{data}\n").contains(diagnostic),
        "the error event does not carry the diagnostic:\n{diagnostic}\n--- data:\n{data}"
    );

    // The last good site is still served, whole.
    let page = server.page("/guias/zeta/");
    assert!(page.contains("<h1>Anexo sin peso</h1>"), "{page}");
    assert!(page.contains("Va al final porque no tiene peso."), "{page}");
    assert!(!page.contains("Texto roto."), "{page}");
    assert!(server.page("/guias/").contains(">Anexo sin peso</a>"));
    assert!(
        server
            .page("/")
            .contains("<p class=\"lema\">Aprender juntos</p>")
    );

    // A page opened now learns of the error at once.
    let late = server.events();
    let late_data = late.wait_for("error", Duration::from_secs(2));
    assert!(
        late_data.contains("content/guias/zeta.md:2:1"),
        "the error sent on connect does not point at the file:\n{late_data}"
    );

    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Anexo arreglado\"\n+++\nYa está bien.\n",
    );
    events.wait_for("reload", EVENT);
    late.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    late.assert_no_event_within(Duration::ZERO);
    let page = server.page("/guias/zeta/");
    assert!(page.contains("<h1>Anexo arreglado</h1>"), "{page}");
    assert!(page.contains("Ya está bien."), "{page}");

    // Once fixed, a new page gets no stale error.
    let fresh = server.events();
    fresh.assert_no_event_within(Duration::from_millis(300));
}

#[test]
fn deleting_a_page_removes_it_and_its_listing() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    assert!(server.page("/guias/").contains(">Anexo sin peso</a>"));

    site.remove("content/guias/zeta.md");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    let gone = server.get("/guias/zeta/");
    assert_eq!(gone.status, 404, "{}", gone.text());
    let gone = server.get("/guias/zeta/index.html");
    assert_eq!(gone.status, 404, "{}", gone.text());
    let section = server.page("/guias/");
    assert!(!section.contains("Anexo sin peso"), "{section}");
    assert!(section.contains(">Visita en aula</a>"), "{section}");
}

#[test]
fn a_stylesheet_and_a_page_saved_together_give_one_reload_and_no_css() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    site.write("static/style.css", "body { color: olive; }\n");
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Anexo sin peso\"\n+++\nJunto con la hoja de estilos.\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert_eq!(server.page("/style.css"), "body { color: olive; }\n");
    assert!(
        server
            .page("/guias/zeta/")
            .contains("Junto con la hoja de estilos.")
    );
}

#[test]
fn undoing_a_broken_edit_back_to_the_served_text_still_reloads() {
    let site = TestSite::fixture("basic");
    let original = fs::read_to_string(site.path("content/guias/zeta.md")).expect("zeta.md");
    let server = Server::start(&site);
    let events = server.events();

    site.write(
        "content/guias/zeta.md",
        "+++\nweight = 3\n+++\nTexto roto.\n",
    );
    events.wait_for("error", EVENT);
    // The fix brings back exactly the pages being served: the open pages still show the
    // error, so they must be told to reload.
    site.write("content/guias/zeta.md", &original);
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    let fresh = server.events();
    fresh.assert_no_event_within(Duration::from_millis(300));
}

#[test]
fn an_edit_that_breaks_a_link_on_another_page_is_an_error_like_in_build() {
    let site = TestSite::fixture("basic");
    let original = fs::read_to_string(site.path("content/guias/que-es.md")).expect("que-es.md");
    let server = Server::start(&site);
    let events = server.events();

    // content/_index.md links to #el-ciclo-de-acompanamiento in this page.
    site.write(
        "content/guias/que-es.md",
        original.replace("## El ciclo de acompañamiento", "## El proceso"),
    );
    let data = events.wait_for("error", EVENT);
    assert!(
        data.contains("content/_index.md:4:61") && data.contains("el-ciclo-de-acompanamiento"),
        "the error event does not report the broken anchor in content/_index.md:\n{data}"
    );
    server.wait_stderr("content/_index.md:4:61", Duration::from_secs(5));
    let page = server.page("/guias/que-es/");
    assert!(
        page.contains("id=\"el-ciclo-de-acompanamiento\""),
        "not the last good page:\n{page}"
    );

    site.write("content/guias/que-es.md", &original);
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
}

#[test]
fn a_new_folder_in_content_is_watched() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    // A new bundle: the folder and its page in one go.
    site.write(
        "content/guias/carpeta/index.md",
        "+++\ntitle = \"Carpeta nueva\"\n+++\nPrimera versión.\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(server.page("/guias/carpeta/").contains("Primera versión."));

    // Later saves inside the new folder are seen too.
    site.write(
        "content/guias/carpeta/index.md",
        "+++\ntitle = \"Carpeta nueva\"\n+++\nSegunda versión, más larga.\n",
    );
    site.write("content/guias/carpeta/anexo.pdf", "%PDF-1.4 anexo\n");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(
        server
            .page("/guias/carpeta/")
            .contains("Segunda versión, más larga.")
    );
    assert_eq!(server.page("/guias/carpeta/anexo.pdf"), "%PDF-1.4 anexo\n");
}

#[test]
fn a_source_folder_created_while_serving_is_watched() {
    let site = TestSite::fixture("basic");
    fs::remove_dir_all(site.path("templates")).expect("remove templates/");
    let server = Server::start(&site);
    let events = server.events();
    assert!(server.get("/nada/").text().contains("No encontrado (tema)"));

    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>Perdido v1</h1>{% endblock content %}\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(server.get("/nada/").text().contains("Perdido v1"));

    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>Perdido v2, otra vez</h1>{% endblock content %}\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(server.get("/nada/").text().contains("Perdido v2, otra vez"));
}

#[test]
fn a_folder_moved_into_content_is_served_and_watched() {
    let site = TestSite::fixture("basic");
    let outside = tmp_dir(&site).join("preparado");
    fs::create_dir_all(&outside).expect("create folder");
    fs::write(
        outside.join("index.md"),
        "+++\ntitle = \"Preparado aparte\"\n+++\nMovido adentro.\n",
    )
    .expect("write page");
    fs::write(outside.join("ficha.pdf"), "%PDF-1.4 preparada\n").expect("write asset");
    let server = Server::start(&site);
    let events = server.events();

    fs::rename(&outside, site.path("content/guias/preparado")).expect("move folder in");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(server.page("/guias/preparado/").contains("Movido adentro."));
    assert_eq!(
        server.page("/guias/preparado/ficha.pdf"),
        "%PDF-1.4 preparada\n"
    );

    site.write(
        "content/guias/preparado/index.md",
        "+++\ntitle = \"Preparado aparte\"\n+++\nEditado después de moverlo.\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(
        server
            .page("/guias/preparado/")
            .contains("Editado después de moverlo.")
    );
}

#[test]
fn renaming_a_folder_moves_its_pages_and_keeps_watching_them() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    assert!(
        server
            .page("/guias/avanzado/mentoria/")
            .contains("<h1>Mentoría</h1>")
    );

    fs::rename(
        site.path("content/guias/avanzado"),
        site.path("content/guias/experto"),
    )
    .expect("rename folder");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert_eq!(server.get("/guias/avanzado/mentoria/").status, 404);
    assert_eq!(server.get("/guias/avanzado/").status, 404);
    assert!(
        server
            .page("/guias/experto/mentoria/")
            .contains("<h1>Mentoría</h1>")
    );

    site.write(
        "content/guias/experto/mentoria.md",
        "+++\ntitle = \"Mentoría\"\n+++\nEditada en la carpeta renombrada.\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    let page = server.page("/guias/experto/mentoria/");
    assert!(page.contains("Editada en la carpeta renombrada."), "{page}");
}

#[test]
fn deleting_a_folder_removes_its_pages() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    assert!(server.page("/guias/").contains("<li>Avanzado</li>"));

    fs::remove_dir_all(site.path("content/guias/avanzado")).expect("remove folder");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert_eq!(server.get("/guias/avanzado/").status, 404);
    assert_eq!(server.get("/guias/avanzado/mentoria/").status, 404);
    assert_eq!(server.get("/guias/avanzado").status, 404);
    let section = server.page("/guias/");
    assert!(!section.contains("Avanzado"), "{section}");
}

// ---------------------------------------------------------------------------------------
// Nothing outside the output is ever served
// ---------------------------------------------------------------------------------------

const SECRET: &str = "SECRETO-5f2c9e1a-no-debe-salir";
const TOML_SENTINEL: &str = "CENTINELA-SITE-TOML-8d41";

#[track_caller]
fn assert_not_leaked(target: &str, response: &Response) {
    let body = response.text();
    assert_eq!(
        response.status, 404,
        "GET {target:?}: expected 404, got {}\n{body}",
        response.status
    );
    for leak in [SECRET, TOML_SENTINEL, "root:x:", "base_url", "+++"] {
        assert!(
            !body.contains(leak),
            "GET {target:?} leaked {leak:?}:\n{body}"
        );
    }
}

#[test]
fn path_traversal_gets_404_and_nothing_outside_the_output() {
    let site = TestSite::fixture("basic");
    fs::write(tmp_dir(&site).join("secreto.txt"), SECRET).expect("write secret");
    let config = fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write("site.toml", format!("{config}# {TOML_SENTINEL}\n"));
    let server = Server::start(&site);
    assert_eq!(server.get("/").status, 200);

    for target in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E%2Fsite.toml",
        "/guias/..%2f..%2fsite.toml",
        "/guias\\..\\..\\site.toml",
        "//etc/passwd",
        "/site.toml",
        "/content/_index.md",
        "/../../secreto.txt",
        "/%2e%2e/%2e%2e/secreto.txt",
        "/%2E%2E%2F%2E%2E%2Fsecreto.txt",
        "/guias/..%2f..%2f..%2fsecreto.txt",
        "/guias/../../../secreto.txt",
        "/guias\\..\\..\\..\\secreto.txt",
        "/..\\..\\secreto.txt",
        "/%2fetc%2fpasswd",
        "/../../../../../../../../etc/passwd",
        "/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/%252e%252e/site.toml",
    ] {
        assert_not_leaked(target, &server.get(target));
    }
    for target in [
        format!("http://127.0.0.1:{}/../../etc/passwd", server.port),
        format!("http://127.0.0.1:{}/../../secreto.txt", server.port),
        format!("http://127.0.0.1:{}/../site.toml", server.port),
    ] {
        assert_not_leaked(&target, &server.get(&target));
    }
}

#[cfg(unix)]
#[test]
fn symlinks_in_static_are_never_followed() {
    use std::os::unix::fs::symlink;
    let site = TestSite::fixture("basic");
    let tmp = tmp_dir(&site);
    fs::write(tmp.join("secreto.txt"), SECRET).expect("write secret");
    symlink("/etc/passwd", site.path("static/fuga.txt")).expect("symlink");
    symlink("/etc", site.path("static/dir")).expect("symlink");
    symlink(tmp.join("secreto.txt"), site.path("static/secreto.txt")).expect("symlink");
    symlink(&tmp, site.path("static/arriba")).expect("symlink");
    let server = Server::start(&site);
    let events = server.events();
    assert_eq!(server.get("/").status, 200, "the site itself is served");

    for target in [
        "/fuga.txt",
        "/dir/passwd",
        "/secreto.txt",
        "/arriba/secreto.txt",
        "/arriba/site/site.toml",
    ] {
        assert_not_leaked(target, &server.get(target));
    }

    // A symlink added while serving, in the same burst as a real file.
    symlink(tmp.join("secreto.txt"), site.path("static/tarde.txt")).expect("symlink");
    site.write("static/real.txt", "archivo real\n");
    events.wait_for("reload", EVENT);
    assert_eq!(server.page("/real.txt"), "archivo real\n");
    assert_not_leaked("/tarde.txt", &server.get("/tarde.txt"));
}

#[cfg(unix)]
#[test]
fn a_static_file_replaced_by_a_symlink_is_never_followed() {
    use std::os::unix::fs::symlink;
    let site = TestSite::fixture("basic");
    let tmp = tmp_dir(&site);
    fs::write(tmp.join("secreto.txt"), SECRET).expect("write secret");
    site.write("static/real.txt", "archivo real\n");
    let server = Server::start(&site);
    let events = server.events();
    assert_eq!(server.page("/real.txt"), "archivo real\n");

    // Swap the file for a symlink to the secret in one atomic rename, then keep asking for
    // it while the server notices and rebuilds.
    let link = tmp.join("enlace.txt");
    symlink(tmp.join("secreto.txt"), &link).expect("symlink");
    fs::rename(&link, site.path("static/real.txt")).expect("rename symlink over the file");
    let deadline = Instant::now() + EVENT;
    let mut requests = 0;
    let event = loop {
        let response = server.get("/real.txt");
        requests += 1;
        assert!(
            !response.text().contains(SECRET),
            "GET /real.txt served the symlink's target (request {requests} after the swap, status {})",
            response.status
        );
        match events.next_event(Duration::from_millis(5)) {
            Ok(event) => break event,
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => panic!("the event stream closed"),
        }
        assert!(Instant::now() < deadline, "no event after the swap");
    };
    assert_eq!(event.0, "reload", "{event:?}");
    assert_not_leaked("/real.txt", &server.get("/real.txt"));
}

#[cfg(unix)]
#[test]
fn a_static_folder_replaced_by_a_symlink_is_never_followed() {
    use std::os::unix::fs::symlink;
    let site = TestSite::fixture("basic");
    let tmp = tmp_dir(&site);
    let outside = tmp.join("fuera");
    fs::create_dir_all(&outside).expect("create folder");
    fs::write(outside.join("dato.txt"), SECRET).expect("write secret");
    site.write("static/sub/dato.txt", "dato real\n");
    let server = Server::start(&site);
    let events = server.events();
    assert_eq!(server.page("/sub/dato.txt"), "dato real\n");

    // Move the folder away and put a symlink to another folder in its place: the file's
    // own name is no symlink, one of its parents is.
    fs::rename(site.path("static/sub"), tmp.join("sub-viejo")).expect("move folder away");
    symlink(&outside, site.path("static/sub")).expect("symlink");
    let deadline = Instant::now() + EVENT;
    let mut requests = 0;
    let event = loop {
        let response = server.get("/sub/dato.txt");
        requests += 1;
        assert!(
            !response.text().contains(SECRET),
            "GET /sub/dato.txt served a file through the symlinked folder (request {requests} after the swap, status {})",
            response.status
        );
        match events.next_event(Duration::from_millis(5)) {
            Ok(event) => break event,
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => panic!("the event stream closed"),
        }
        assert!(Instant::now() < deadline, "no event after the swap");
    };
    assert_eq!(event.0, "reload", "{event:?}");
    assert_not_leaked("/sub/dato.txt", &server.get("/sub/dato.txt"));
}

#[test]
fn copies_of_private_files_are_never_served_and_are_reported_on_every_rebuild() {
    let site = TestSite::fixture("basic");
    site.write("content/guias/ie-1.privado.toml.bak", SECRET);
    site.write("static/ie-1.privado.toml (copia)", SECRET);
    let server = Server::start(&site);
    let warning = |rel: &str| {
        format!(
            "warning[P6]: el nombre lleva `.privado`: este archivo no se publica ni se lee\n --> {rel}:1:1\n"
        )
    };
    for target in [
        "/guias/ie-1.privado.toml.bak",
        "/ie-1.privado.toml%20(copia)",
    ] {
        assert_not_leaked(target, &server.get(target));
    }
    let in_content = warning("content/guias/ie-1.privado.toml.bak");
    server.wait_stderr(&in_content, EVENT);
    server.wait_stderr(&warning("static/ie-1.privado.toml (copia)"), EVENT);

    // An edit: the rebuild trusts the list of files it has, and still reports the copy.
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Anexo sin peso\"\n+++\nOtra vez.\n",
    );
    server.wait_rebuilt_lines(1, EVENT);
    let deadline = Instant::now() + EVENT;
    while server.stderr().matches(&in_content).count() < 2 {
        assert!(
            Instant::now() < deadline,
            "the rebuild did not report the copy again:\n{}",
            server.stderr()
        );
        thread::sleep(Duration::from_millis(20));
    }
    // A copy made while serving is no more served than the others.
    site.write("content/guias/notas.PRIVADO.txt", SECRET);
    server.wait_rebuilt_lines(2, EVENT);
    server.wait_stderr(&warning("content/guias/notas.PRIVADO.txt"), EVENT);
    assert_not_leaked(
        "/guias/notas.PRIVADO.txt",
        &server.get("/guias/notas.PRIVADO.txt"),
    );
}

// ---------------------------------------------------------------------------------------
// HTTP: types, redirects, 404, the injected script, the preview address
// ---------------------------------------------------------------------------------------

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const JPG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xd9";

#[test]
fn content_types_follow_the_extension() {
    let site = TestSite::fixture("basic");
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    site.write("static/foto.png", PNG);
    site.write("static/foto.jpg", JPG);
    site.write(
        "static/agenda.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
    );
    site.write("static/datos.json", "{\"a\": 1}\n");
    let server = Server::start(&site);

    let expect: &[(&str, &[&str])] = &[
        ("/", &["text/html; charset=utf-8"]),
        ("/guias/que-es/", &["text/html; charset=utf-8"]),
        ("/guias/que-es/index.html", &["text/html; charset=utf-8"]),
        ("/style.css", &["text/css"]),
        ("/app.js", &["text/javascript", "application/javascript"]),
        ("/logo.svg", &["image/svg+xml"]),
        ("/foto.png", &["image/png"]),
        ("/foto.jpg", &["image/jpeg"]),
        ("/guias/visita/ficha.pdf", &["application/pdf"]),
        ("/agenda.ics", &["text/calendar"]),
        ("/datos.json", &["application/json"]),
        ("/sitemap.xml", &["application/xml", "text/xml"]),
    ];
    let mut wrong = Vec::new();
    for (target, types) in expect {
        let response = server.get(target);
        let got = response.content_type();
        // An exact type, or that type followed by parameters such as `; charset=utf-8`.
        let ok = response.status == 200
            && types.iter().any(|t| {
                got == *t || (got.starts_with(t) && got[t.len()..].trim_start().starts_with(';'))
            });
        if !ok {
            wrong.push(format!(
                "GET {target}: status {} Content-Type `{got}`, expected 200 and one of {types:?}",
                response.status
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(server.get("/foto.png").body, PNG);
    assert_eq!(server.get("/foto.jpg").body, JPG);
    assert_eq!(
        server.get("/guias/visita/ficha.pdf").body,
        b"%PDF-1.4 ficha de prueba\n"
    );
}

#[test]
fn directories_redirect_to_their_trailing_slash_and_missing_pages_get_the_404_page() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);

    for (target, location) in [
        ("/guias", "/guias/"),
        ("/guias/visita", "/guias/visita/"),
        ("/guias/avanzado/mentoria", "/guias/avanzado/mentoria/"),
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 301, "GET {target}");
        assert_eq!(response.header("location"), Some(location), "GET {target}");
    }

    for target in ["/no-existe/", "/guias/no-existe", "/nada.css"] {
        let missing = server.get(target);
        assert_eq!(missing.status, 404, "GET {target}");
        assert_eq!(
            missing.content_type(),
            "text/html; charset=utf-8",
            "GET {target}"
        );
        let body = missing.text();
        assert!(
            body.contains("<h1>No encontrado (sitio)</h1>"),
            "GET {target}:\n{body}"
        );
        assert_live_script_before_body_end(target, &body);
    }
}

#[test]
fn served_html_has_the_live_script_and_the_preview_address_but_built_files_do_not() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    for target in [
        "/",
        "/guias/",
        "/guias/que-es/",
        "/guias/visita/",
        "/404.html",
    ] {
        let html = server.get(target).text();
        assert_live_script_before_body_end(target, &html);
    }
    for target in ["/style.css", "/app.js", "/sitemap.xml"] {
        let body = server.page(target);
        assert!(!body.contains("senda-live"), "GET {target}:\n{body}");
    }

    // base_url is the preview's address.
    let address = server.address();
    let page = server.page("/guias/que-es/");
    assert!(
        page.contains(&format!(
            "2024-07-12|{address}guias/que-es/|/guias/que-es/|básico"
        )),
        "{page}"
    );
    assert!(server.page("/").contains("href=\"guias/\""));
    let sitemap = server.page("/sitemap.xml");
    assert!(
        sitemap.contains(&format!("{address}guias/que-es/")),
        "{sitemap}"
    );
    assert!(!sitemap.contains("example.org"), "{sitemap}");
    assert!(
        !server.stderr().contains("network"),
        "a loopback server warned about the network:\n{}",
        server.stderr()
    );

    // serve wrote nothing into the site; a build never injects the script.
    assert!(!site.path("public").exists(), "serve wrote public/");
    site.build().assert_ok();
    for (path, bytes) in snapshot(&site.path("public")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("senda-live"),
            "{} contains senda-live",
            path.display()
        );
    }
}

#[test]
fn drafts_are_served_only_with_the_flag() {
    let site = TestSite::fixture("basic");
    {
        let server = Server::start(&site);
        assert_eq!(server.get("/guias/borrador/").status, 404);
        assert!(!server.page("/guias/").contains("Borrador"));
    }
    let server = Server::start_with(&site, &["--drafts"]);
    assert!(server.page("/guias/borrador/").contains("Todavía no."));
    assert!(server.page("/guias/").contains(">Borrador</a>"));
}

// ---------------------------------------------------------------------------------------
// The served file set is what a clean build writes
// ---------------------------------------------------------------------------------------

fn rel_string(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// GET /__senda/files names exactly what a clean `senda build` (with the preview's address
/// as base_url) writes, and every file is served with the same bytes, HTML once its one
/// injected live script is removed.
#[track_caller]
fn assert_served_equals_clean_build(site: &TestSite, server: &Server, step: &str) {
    let listing = server.get("/__senda/files");
    assert_eq!(listing.status, 200, "GET /__senda/files");
    let served: BTreeSet<String> = listing
        .text()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.trim_start_matches('/').to_string())
        .collect();

    let clean = tmp_dir(site).join(format!("limpio-{step}"));
    site.senda(&[
        "build",
        "--output",
        &clean.to_string_lossy(),
        "--base-url",
        &server.address(),
    ])
    .assert_ok();
    let built_files: Vec<(String, Vec<u8>)> = snapshot(&clean)
        .into_iter()
        .map(|(p, b)| (rel_string(&p), b))
        .filter(|(p, _)| p != ".senda-output")
        .collect();
    let built: BTreeSet<String> = built_files.iter().map(|(p, _)| p.clone()).collect();

    let only_served: Vec<_> = served.difference(&built).collect();
    let only_built: Vec<_> = built.difference(&served).collect();
    assert!(
        only_served.is_empty() && only_built.is_empty(),
        "{step}: served files differ from a clean build\nonly served: {only_served:?}\nonly built: {only_built:?}"
    );

    let mut differ = Vec::new();
    for (path, bytes) in &built_files {
        let response = server.get(&format!("/{path}"));
        if response.status != 200 && path != "404.html" {
            differ.push(format!("GET /{path}: status {}", response.status));
            continue;
        }
        let same = if path.ends_with(".html") {
            without_live_script(&response.text()).as_bytes() == bytes.as_slice()
        } else {
            response.body == *bytes
        };
        if !same {
            differ.push(format!(
                "GET /{path} differs from the clean build\n--- served:\n{}\n--- built:\n{}",
                response.text(),
                String::from_utf8_lossy(bytes)
            ));
        }
    }
    assert!(differ.is_empty(), "{step}:\n{}", differ.join("\n"));
}

#[test]
fn after_edits_the_served_files_equal_a_clean_build() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    assert_served_equals_clean_build(&site, &server, "start");

    // Add a page.
    site.write(
        "content/guias/nueva.md",
        "+++\ntitle = \"Página nueva\"\nweight = 5\n+++\nRecién creada.\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(server.page("/guias/nueva/").contains("Recién creada."));

    // Rename a page.
    fs::rename(
        site.path("content/guias/zeta.md"),
        site.path("content/guias/omega.md"),
    )
    .expect("rename page");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert_eq!(server.get("/guias/zeta/").status, 404);
    assert!(server.page("/guias/omega/").contains("Va al final"));

    // Delete a page.
    site.remove("content/guias/avanzado/mentoria.md");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert_eq!(server.get("/guias/avanzado/mentoria/").status, 404);

    // Edit a template.
    let template =
        fs::read_to_string(site.path("themes/plain/templates/page.html")).expect("page.html");
    site.write(
        "themes/plain/templates/page.html",
        template.replace(
            "<h1>{{ page.title }}</h1>",
            "<h1 class=\"v2\">{{ page.title }}</h1>",
        ),
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(
        server
            .page("/guias/que-es/")
            .contains("<h1 class=\"v2\">¿Qué es el acompañamiento?</h1>")
    );
    assert_served_equals_clean_build(&site, &server, "pages-and-template");

    // Edit the base template every page extends.
    let base =
        fs::read_to_string(site.path("themes/plain/templates/base.html")).expect("base.html");
    site.write(
        "themes/plain/templates/base.html",
        base.replace("<body>", "<body class=\"base-v2\">"),
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);

    // Retitle a page: its neighbours' pagers and the section listing change with it.
    site.write(
        "content/guias/visita/index.md",
        "+++\ntitle = \"Visita al aula\"\nweight = 30\n+++\nDescargue [la ficha](ficha.pdf).\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(
        server
            .page("/guias/que-es/")
            .contains("|next=Visita al aula</p>")
    );

    // Reorder: the renamed page moves first.
    site.write(
        "content/guias/omega.md",
        "+++\ntitle = \"Anexo sin peso\"\nweight = 1\n+++\nAhora va primero.\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);

    // A bundle asset and a static script change.
    site.write(
        "content/guias/visita/ficha.pdf",
        "%PDF-1.4 ficha nueva, más larga\n",
    );
    site.write("static/nuevo.js", "// nuevo\n");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);

    // The stylesheet alone.
    site.write("static/style.css", "body { color: maroon; }\n");
    events.wait_for("css", EVENT);
    events.assert_no_event_within(QUIET);

    // site.toml.
    let config = fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        config.replace("Aprender juntos", "Aprender siempre"),
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);

    assert_served_equals_clean_build(&site, &server, "end");
    let section = server.page("/guias/");
    let first = section.find(">Anexo sin peso</a>").expect("omega listed");
    let second = section.find(">Página nueva</a>").expect("nueva listed");
    assert!(first < second, "{section}");
}

// ---------------------------------------------------------------------------------------
// Starting up: a busy port, a public address
// ---------------------------------------------------------------------------------------

#[test]
fn a_busy_port_is_an_error_naming_the_port() {
    let site = TestSite::fixture("basic");
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let port = taken.local_addr().expect("address").port().to_string();
    let mut server = spawn(&site, &["--port", &port]);
    let deadline = Instant::now() + START;
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "senda serve kept running on a busy port\n--- stdout:\n{}\n--- stderr:\n{}",
            server.stdout(),
            server.stderr()
        );
        thread::sleep(Duration::from_millis(20));
    };
    thread::sleep(Duration::from_millis(100)); // let the pipes drain
    let stderr = server.stderr();
    assert_eq!(status.code(), Some(1), "stderr:\n{stderr}");
    assert!(
        stderr.contains(&port),
        "stderr does not mention port {port}:\n{stderr}"
    );
    assert!(
        !server.stdout().contains(&format!("127.0.0.1:{port}/")),
        "announced an address it does not serve:\n{}",
        server.stdout()
    );
    drop(taken);
}

#[test]
fn binding_every_interface_warns_that_the_preview_is_public() {
    let site = TestSite::fixture("basic");
    let server = Server::start_with(&site, &["--bind", "0.0.0.0"]);
    let stderr = server.wait_stderr("network", Duration::from_secs(5));
    assert!(stderr.contains("warning"), "{stderr}");
    assert!(stderr.contains("drafts"), "{stderr}");
    assert!(
        server
            .page("/")
            .contains("<p class=\"lema\">Aprender juntos</p>")
    );
}

#[test]
fn a_huge_visit_number_saved_while_serving_is_reported_and_the_server_lives_on() {
    let site = TestSite::fixture("plans");
    let plan = "content/planes/ie-prueba-2024.toml";
    let good = fs::read_to_string(site.path(plan)).expect("plan");
    let server = Server::start(&site);
    let events = server.events();
    let before = server.page("/planes/ie-prueba-2024/");

    // Each of these once aborted the server (allocation failure) or spun it.
    for n in ["20000000", "1000000000", "9223372036854775807"] {
        site.write(
            plan,
            good.replace(
                "docente = \"d01\"\nn = 1\n",
                &format!("docente = \"d01\"\nn = {n}\n"),
            ),
        );
        let data = events.wait_for("error", EVENT);
        let diagnostic = format!(
            "error[E12]: el número de visita n={n} de `d01` está fuera de rango\n   --> {plan}:138:5\n"
        );
        assert!(
            format!("{data}\n").contains(&diagnostic),
            "the error event does not carry:\n{diagnostic}\n--- data:\n{data}"
        );
        server.wait_stderr(&diagnostic, Duration::from_secs(5));
        // Alive, and still serving the last good site.
        assert_eq!(server.page("/planes/ie-prueba-2024/"), before);
    }
    site.write(plan, &good);
    events.wait_for("reload", EVENT);
    assert_eq!(server.get("/planes/ie-prueba-2024/").status, 200);
}
