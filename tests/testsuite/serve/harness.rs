//! The server process: `senda serve --port 0` started on a test site, its announced port,
//! its stdout and stderr collected as they come, and waits on them with deadlines. The
//! process is killed when the `Server` is dropped, panics included.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::util::TestSite;

/// How long the server may take to build and print its address.
pub(super) const START: Duration = Duration::from_secs(20);
/// How long a rebuild may take to announce itself after the last save.
pub(super) const EVENT: Duration = Duration::from_secs(10);
/// How long to listen for a second, unwanted event after the expected one.
pub(super) const QUIET: Duration = Duration::from_millis(700);

pub(crate) type Buffer = Arc<Mutex<String>>;

/// A running `senda serve`; dropping it kills the process.
pub(super) struct Server {
    pub(super) child: Child,
    pub(super) port: u16,
    pub(super) stdout: Buffer,
    pub(super) stderr: Buffer,
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
pub(super) fn spawn(site: &TestSite, args: &[&str]) -> Server {
    let root = site.root.to_string_lossy().into_owned();
    let mut all = vec!["--root", root.as_str()];
    all.extend_from_slice(args);
    spawn_in(site.root.parent().expect("parent"), &all)
}

/// Starts `senda serve <args>` from `dir`.
fn spawn_in(dir: &Path, args: &[&str]) -> Server {
    let mut child = crate::util::senda_command(crate::util::Lang::En)
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
    pub(super) fn start(site: &TestSite) -> Server {
        Server::start_with(site, &[])
    }

    /// Starts on `--port 0` (plus `extra`) and waits for the address on stdout.
    #[track_caller]
    pub(super) fn start_with(site: &TestSite, extra: &[&str]) -> Server {
        let mut args = vec!["--port", "0"];
        args.extend_from_slice(extra);
        spawn(site, &args).until_serving()
    }

    /// Starts `senda serve --port 0 <args>` from `dir` (no `--root` unless in `args`).
    #[track_caller]
    pub(super) fn start_in(dir: &Path, args: &[&str]) -> Server {
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

    pub(super) fn stdout(&self) -> String {
        self.stdout.lock().expect("stdout buffer").clone()
    }

    pub(super) fn stderr(&self) -> String {
        self.stderr.lock().expect("stderr buffer").clone()
    }

    pub(super) fn rebuilt_lines(&self) -> usize {
        self.stdout()
            .lines()
            .filter(|l| l.starts_with("Rebuilt"))
            .count()
    }

    /// Polls stderr until it contains `needle`.
    #[track_caller]
    pub(super) fn wait_stderr(&self, needle: &str, timeout: Duration) -> String {
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
    pub(super) fn wait_rebuilt_lines(&self, count: usize, timeout: Duration) {
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

    pub(super) fn address(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

// ---------------------------------------------------------------------------------------
// Site folders and the injected live script
// ---------------------------------------------------------------------------------------

pub(super) fn tmp_dir(site: &TestSite) -> PathBuf {
    site.root.parent().expect("parent").to_path_buf()
}

const LIVE_SCRIPT: &str = "<script id=\"senda-live\"";

/// The page without its one injected `<script id="senda-live">…</script>`.
#[track_caller]
pub(super) fn without_live_script(html: &str) -> String {
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
pub(super) fn assert_live_script_before_body_end(target: &str, html: &str) {
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
