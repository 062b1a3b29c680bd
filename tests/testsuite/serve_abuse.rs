//! `senda serve` under abuse: oversized and malformed request heads, clients that send
//! nothing or a byte at a time, more connections and event streams than it serves at once,
//! clients that stop reading, and a process the system refuses threads or file descriptors.
//! Each test talks raw TCP to the real binary on loopback, and every wait has a deadline so
//! a regression fails instead of hanging. The server's timeouts are shortened with the
//! test-only variables `SENDA_HEAD_TIMEOUT_MS` and `SENDA_WRITE_TIMEOUT_MS`.

use std::io::{self, BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::serve::harness::{Buffer, announced_port, drain};
use crate::util::TestSite;

/// The server's bounds (`serve::connections::MAX_CONNECTIONS`, `serve::http::MAX_STREAMS`).
const MAX_CONNECTIONS: usize = 64;
const MAX_STREAMS: usize = 64;
/// The longest any single wait may take before the test fails instead of hanging.
const WAIT: Duration = Duration::from_secs(20);
/// What the whole head deadline is set to where a test waits for it to pass.
const SHORT_HEAD: &str = "1000";
/// What it is set to where it must not pass during the test.
const LONG_HEAD: &str = "120000";

/// A running `senda serve` on the `basic` fixture; dropping it kills the process.
struct Preview {
    child: Child,
    port: u16,
    stderr: Buffer,
    /// Kept so the site's folder lives as long as the server.
    _site: TestSite,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Preview {
    #[track_caller]
    fn start(env: &[(&str, &str)]) -> Preview {
        Preview::start_in(TestSite::fixture("basic"), env)
    }

    #[track_caller]
    fn start_in(site: TestSite, env: &[(&str, &str)]) -> Preview {
        let mut child = crate::util::senda_command(crate::util::Lang::En)
            .args(["serve", "--port", "0", "--root"])
            .arg(&site.root)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start senda serve");
        let stdout = drain(child.stdout.take().expect("stdout"));
        let stderr = drain(child.stderr.take().expect("stderr"));
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(port) = announced_port(&stdout.lock().expect("stdout")) {
                return Preview {
                    child,
                    port,
                    stderr,
                    _site: site,
                };
            }
            assert!(
                Instant::now() < deadline && child.try_wait().ok().flatten().is_none(),
                "senda serve did not announce its address\n--- stderr:\n{}",
                stderr.lock().expect("stderr")
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port))
            .unwrap_or_else(|e| panic!("cannot connect: {e} (is the accept loop gone?)"));
        stream.set_read_timeout(Some(WAIT)).expect("read timeout");
        stream.set_write_timeout(Some(WAIT)).expect("write timeout");
        stream
    }

    /// Sends `request` on a new connection: the answer's status, `None` if closed unanswered.
    #[track_caller]
    fn status(&self, request: &[u8]) -> Option<u16> {
        let mut stream = self.connect();
        // A server that refuses a request early may close before it is all sent.
        let _ = stream.write_all(request);
        read_status(&mut stream)
    }

    #[track_caller]
    fn get(&self, target: &str) -> Option<u16> {
        self.status(format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes())
    }

    /// Asks for `/` until it gets 200: slots held by abusive clients free up only as
    /// their deadlines pass.
    #[track_caller]
    fn until_200(&self) {
        let deadline = Instant::now() + WAIT;
        loop {
            let status = self.get("/");
            if status == Some(200) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "GET / never answered 200 (last: {status:?})\n--- stderr:\n{}",
                self.stderr()
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().expect("stderr").clone()
    }

    #[track_caller]
    fn wait_stderr(&self, needle: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.stderr().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "expected in stderr: {needle}\n--- stderr:\n{}",
                self.stderr()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    #[track_caller]
    fn assert_alive(&mut self) {
        let status = self.child.try_wait().expect("wait");
        assert!(status.is_none(), "senda serve exited: {status:?}");
    }
}

/// The status of the answer on `stream`, read to its end; `None` if it closed unanswered.
#[track_caller]
fn read_status(stream: &mut TcpStream) -> Option<u16> {
    let mut reader = BufReader::new(stream);
    let mut line = Vec::new();
    match (&mut reader).take(1024).read_until(b'\n', &mut line) {
        Ok(0) => return None,
        Ok(_) => {}
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
            panic!("no answer within {WAIT:?}")
        }
        Err(_) => return None,
    }
    let _ = io::copy(&mut reader, &mut io::sink());
    let line = String::from_utf8_lossy(&line);
    let status = line.strip_prefix("HTTP/1.1 ").and_then(|s| s.get(..3));
    Some(
        status
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("bad status line {line:?}")),
    )
}

/// `GET /` with a path long enough to make the request line `length` bytes.
fn long_request(length: usize) -> Vec<u8> {
    let path = "a".repeat(length - "GET / HTTP/1.1".len());
    format!("GET /{path} HTTP/1.1\r\nHost: x\r\n\r\n").into_bytes()
}

#[test]
fn a_request_line_of_256_kib_gets_414_and_the_server_keeps_serving() {
    let mut preview = Preview::start(&[]);
    assert_eq!(preview.status(&long_request(256 * 1024)), Some(414));
    // The limit is 8 KiB: a line of 8 KiB is an ordinary missing page.
    assert_eq!(preview.status(&long_request(8 * 1024)), Some(404));
    assert_eq!(preview.status(&long_request(8 * 1024 + 1)), Some(414));
    assert_eq!(preview.get("/"), Some(200));
    preview.assert_alive();
}

#[test]
fn too_many_or_too_large_headers_get_431() {
    let preview = Preview::start(&[]);
    let with_headers = |headers: &str| format!("GET / HTTP/1.1\r\n{headers}\r\n").into_bytes();
    let many: String = (0..101).map(|i| format!("X-{i}: y\r\n")).collect();
    assert_eq!(preview.status(&with_headers(&many)), Some(431));
    let cookie = format!("Cookie: {}\r\n", "c".repeat(40 * 1024));
    assert_eq!(preview.status(&with_headers(&cookie)), Some(431));
    let usual: String = (0..60).map(|i| format!("X-{i}: y\r\n")).collect();
    assert_eq!(preview.status(&with_headers(&usual)), Some(200));
}

#[test]
fn a_request_line_that_is_not_utf8_or_not_http_gets_400() {
    let preview = Preview::start(&[]);
    for request in [
        &b"GET /gu\xedas/ HTTP/1.1\r\nHost: x\r\n\r\n"[..],
        b"\xff\xfe\r\n\r\n",
        b"\r\n\r\n",
        b"GET / HTTP/1.1 de m\xc3\xa1s\r\n\r\n",
    ] {
        let shown = String::from_utf8_lossy(request);
        assert_eq!(preview.status(request), Some(400), "{shown:?}");
    }
    assert_eq!(preview.get("/"), Some(200));
}

#[test]
fn a_client_sending_a_byte_at_a_time_is_cut_off_at_the_head_deadline() {
    let preview = Preview::start(&[("SENDA_HEAD_TIMEOUT_MS", SHORT_HEAD)]);
    let mut slow = preview.connect();
    slow.write_all(b"GET / HTTP/1.1\r\nX-Lento: ")
        .expect("send");
    // Each byte comes well within any timeout per read; only a deadline for the whole
    // head ends this. The drip stops by itself at the test's bound.
    let mut drip = slow.try_clone().expect("clone");
    let dripper = thread::spawn(move || {
        let end = Instant::now() + WAIT;
        while Instant::now() < end && drip.write_all(b"a").is_ok() {
            thread::sleep(Duration::from_millis(100));
        }
    });
    assert_eq!(read_status(&mut slow), Some(408));
    drop(slow);
    dripper.join().expect("dripper");
    // A connection that sends nothing is closed unanswered.
    assert_eq!(read_status(&mut preview.connect()), None);
    assert_eq!(preview.get("/"), Some(200));
}

#[test]
fn connections_past_the_bound_get_503_and_the_server_recovers() {
    let mut preview = Preview::start(&[("SENDA_HEAD_TIMEOUT_MS", LONG_HEAD)]);
    // Connections are accepted in order: these take every slot, and hold them.
    let idle: Vec<TcpStream> = (0..MAX_CONNECTIONS).map(|_| preview.connect()).collect();
    assert_eq!(read_status(&mut preview.connect()), Some(503));
    preview.wait_stderr(&format!("more than {MAX_CONNECTIONS} connections at once"));
    drop(idle);
    preview.until_200();
    preview.assert_alive();
}

/// Opens `/__senda/events` and reads up to its first message.
#[track_caller]
fn open_stream(preview: &Preview) -> BufReader<TcpStream> {
    let mut stream = preview.connect();
    stream
        .write_all(b"GET /__senda/events HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("send");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    // The head, then `: connected` and the blank line that ends it.
    let mut connected = false;
    while !(connected && line == "\n") {
        connected |= line == ": connected\n";
        line.clear();
        let read = reader.read_line(&mut line).expect("event stream");
        assert!(read > 0, "the event stream closed before `: connected`");
    }
    reader
}

/// Whether the server closes `stream` before `within` has passed, whatever it sends
/// meanwhile (pings would reset a timeout per read forever).
fn closes_within(stream: &mut BufReader<TcpStream>, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    let mut sink = [0u8; 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.get_ref().set_read_timeout(Some(left)).is_err() {
            return false;
        }
        match stream.read(&mut sink) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false;
            }
            Err(_) => return true,
        }
    }
}

#[test]
fn the_newest_event_streams_push_out_the_oldest() {
    let preview = Preview::start(&[]);
    let mut streams: Vec<BufReader<TcpStream>> =
        (0..MAX_STREAMS).map(|_| open_stream(&preview)).collect();
    let newest = open_stream(&preview);
    assert!(
        closes_within(&mut streams[0], WAIT),
        "the oldest stream was not closed within {WAIT:?}"
    );
    // Event streams do not take the slots of ordinary requests.
    assert_eq!(preview.get("/"), Some(200));
    drop((streams, newest));
}

#[test]
fn a_client_that_stops_reading_is_dropped_after_the_write_timeout() {
    // More than loopback's socket buffers hold, so the server's writes block.
    const SIZE: usize = 32 * 1024 * 1024;
    let site = TestSite::fixture("basic");
    site.write("static/grande.bin", vec![7u8; SIZE]);
    let preview = Preview::start_in(site, &[("SENDA_WRITE_TIMEOUT_MS", "250")]);
    let mut stream = preview.connect();
    stream
        .write_all(b"GET /grande.bin HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("send");
    // Ten times the write timeout; then everything the server still sends is read.
    thread::sleep(Duration::from_millis(2500));
    let mut received = Vec::new();
    let _ = stream.read_to_end(&mut received);
    assert!(
        received.starts_with(b"HTTP/1.1 200"),
        "{:?}",
        String::from_utf8_lossy(&received[..received.len().min(200)])
    );
    assert!(
        received.len() < SIZE,
        "the whole file arrived ({} bytes): the server waited for the client",
        received.len()
    );
    assert_eq!(preview.get("/"), Some(200));
}

#[test]
fn a_flood_of_idle_slow_and_oversized_clients_leaves_the_server_serving() {
    let mut preview = Preview::start(&[("SENDA_HEAD_TIMEOUT_MS", SHORT_HEAD)]);
    let port = preview.port;
    let idle: Vec<TcpStream> = (0..300).map(|_| preview.connect()).collect();
    let slow: Vec<_> = (0..8)
        .map(|_| {
            let mut stream = preview.connect();
            thread::spawn(move || {
                let end = Instant::now() + WAIT;
                let _ = stream.write_all(b"GET / HTTP/1.1\r\n");
                while Instant::now() < end && stream.write_all(b"X").is_ok() {
                    thread::sleep(Duration::from_millis(100));
                }
            })
        })
        .collect();
    let oversized: Vec<_> = (0..4)
        .map(|_| {
            let mut stream = preview.connect();
            thread::spawn(move || {
                let _ = stream.write_all(&long_request(256 * 1024));
                let _ = stream.read_to_end(&mut Vec::new());
            })
        })
        .collect();
    preview.until_200();
    preview.assert_alive();
    for flooder in slow.into_iter().chain(oversized) {
        flooder.join().expect("flooding client");
    }
    drop(idle);

    // Then a burst: sequential requests, and parallel ones from a few clients.
    for _ in 0..200 {
        assert_eq!(preview.get("/guias/"), Some(200));
    }
    let parallel: Vec<_> = (0..8)
        .map(|_| {
            thread::spawn(move || {
                let preview_port = port;
                (0..25)
                    .filter(|_| {
                        let mut stream =
                            TcpStream::connect(("127.0.0.1", preview_port)).expect("connect");
                        stream.set_read_timeout(Some(WAIT)).expect("timeout");
                        let _ = stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                        read_status(&mut stream) == Some(200)
                    })
                    .count()
            })
        })
        .collect();
    let answered: usize = parallel
        .into_iter()
        .map(|t| t.join().expect("client"))
        .sum();
    assert_eq!(answered, 8 * 25);
    preview.assert_alive();
}

/// What the operating system refuses: set on the running server with `prlimit`
/// (util-linux), so the server starts normally and then meets the limit.
#[cfg(target_os = "linux")]
mod system_limits {
    use super::*;
    use std::fs;

    fn prlimit(pid: u32, limit: &str) {
        let status = Command::new("prlimit")
            .arg(format!("--pid={pid}"))
            .arg(limit)
            .status()
            .expect("run prlimit (util-linux), which these tests need");
        assert!(status.success(), "prlimit {limit}: {status}");
    }

    /// A `Field:   123 kB` line of `/proc/<pid>/status`, in bytes.
    fn status_bytes(pid: u32, field: &str) -> u64 {
        let status = fs::read_to_string(format!("/proc/{pid}/status")).expect("proc status");
        let line = status
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .unwrap_or_else(|| panic!("no {field} in:\n{status}"));
        let kb: u64 = line
            .trim_start_matches(':')
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .expect("a number of kB");
        kb * 1024
    }

    #[test]
    fn a_thread_the_system_refuses_drops_its_connection_and_the_server_keeps_serving() {
        let mut preview = Preview::start(&[("SENDA_HEAD_TIMEOUT_MS", LONG_HEAD)]);
        let pid = preview.child.id();
        // Address space for no new thread stack (each is 2 MiB): spawning must fail.
        let room = status_bytes(pid, "VmSize") + 1024 * 1024;
        prlimit(pid, &format!("--as={room}:"));
        // Idle connections keep their threads, if any started (a stack of an exited
        // thread could be reused), so the next ones need new stacks.
        let held: Vec<TcpStream> = (0..8).map(|_| preview.connect()).collect();
        preview.wait_stderr("cannot start a thread for a connection");
        prlimit(pid, "--as=unlimited:");
        drop(held);
        preview.until_200();
        preview.assert_alive();
    }

    #[test]
    fn running_out_of_file_descriptors_pauses_accepting_and_the_server_recovers() {
        let mut preview = Preview::start(&[]);
        let pid = preview.child.id();
        let limits = fs::read_to_string(format!("/proc/{pid}/limits")).expect("limits");
        let soft = limits
            .lines()
            .find_map(|l| l.strip_prefix("Max open files"))
            .and_then(|l| l.split_whitespace().next())
            .expect("open files limit")
            .to_string();
        let open: Vec<u32> = fs::read_dir(format!("/proc/{pid}/fd"))
            .expect("fd list")
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
            .collect();
        // The descriptor the next accept would get is the lowest free one.
        let next = (0..)
            .find(|fd| !open.contains(fd))
            .expect("a free descriptor");
        prlimit(pid, &format!("--nofile={next}:"));
        let mut waiting = preview.connect();
        waiting
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("send");
        preview.wait_stderr("cannot accept connections");
        prlimit(pid, &format!("--nofile={soft}:"));
        assert_eq!(read_status(&mut waiting), Some(200));
        preview.assert_alive();
    }
}
