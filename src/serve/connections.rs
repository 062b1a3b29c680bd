//! Accepting connections, and the bounds that keep the preview alive under abuse.
//!
//! A thread per connection, but at most `MAX_CONNECTIONS` of them at once for requests,
//! and a separate bound for event streams (`http::MAX_STREAMS`), which stay open as long
//! as their page. A connection over the bound gets a 503 written without blocking by the
//! accept loop itself. Nothing that goes wrong with one connection ends the loop: a thread
//! the system refuses drops that connection, and an accept error (out of file descriptors)
//! pauses the loop briefly and it goes on.

use std::fmt::Display;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use super::http::{self, Hub, MAX_STREAMS, State};
use super::{Notice, Notify};
use crate::messages::Cli;
use crate::tr;

/// Connections served at once, event streams apart. A browser opens six per host, so this
/// is several tabs loading at once; each costs a thread while it lasts.
pub const MAX_CONNECTIONS: usize = 64;

/// How long a client has to send a whole request head, however it splits it.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one write to a client may make no progress before the connection is dropped.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// The pause after a failed accept: the usual cause, no file descriptor left, lasts until
/// connections close, and retrying at once would spin.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);
/// The bound of what is read and thrown away after an error answer before closing.
const LINGER_TIME: Duration = Duration::from_secs(1);
const LINGER_BYTES: usize = 1024 * 1024;

/// Timeouts of one server. Tests shorten them through environment variables, which are
/// not a user setting and are not documented for users: `SENDA_HEAD_TIMEOUT_MS` (the
/// request head deadline) and `SENDA_WRITE_TIMEOUT_MS` (the write timeout).
#[derive(Clone, Copy)]
pub struct Limits {
    pub head: Duration,
    pub write: Duration,
}

impl Limits {
    fn from_env() -> Limits {
        let millis = |name: &str, default: Duration| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse::<u64>().ok())
                // Zero would mean "no timeout" to the socket calls.
                .filter(|ms| *ms > 0)
                .map_or(default, Duration::from_millis)
        };
        Limits {
            head: millis("SENDA_HEAD_TIMEOUT_MS", HEAD_TIMEOUT),
            write: millis("SENDA_WRITE_TIMEOUT_MS", WRITE_TIMEOUT),
        }
    }
}

/// What every connection's thread shares.
pub struct Shared {
    pub state: Arc<RwLock<State>>,
    pub hub: Arc<Hub>,
    /// Event streams' threads: the hub lists at most `MAX_STREAMS`; twice that leaves room
    /// for streams pushed out of the hub and still ending.
    pub streams: Arc<Slots>,
    pub limits: Limits,
    /// The plan editor, when the preview listens on loopback only.
    pub editor: Option<super::editor::Editor>,
}

/// A counter of places, each taken as a `Slot` and given back when the slot drops.
pub struct Slots {
    used: AtomicUsize,
    max: usize,
}

pub struct Slot(Arc<Slots>);

impl Slots {
    pub fn new(max: usize) -> Arc<Slots> {
        Arc::new(Slots {
            used: AtomicUsize::new(0),
            max,
        })
    }

    pub fn take(self: &Arc<Slots>) -> Option<Slot> {
        self.used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                (used < self.max).then_some(used + 1)
            })
            .ok()
            .map(|_| Slot(Arc::clone(self)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.used.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Accepts connections until the process ends.
pub fn run(
    listener: TcpListener,
    state: Arc<RwLock<State>>,
    hub: Arc<Hub>,
    editor: Option<super::editor::Editor>,
    notify: Notify,
) {
    let shared = Arc::new(Shared {
        state,
        hub,
        streams: Slots::new(2 * MAX_STREAMS),
        limits: Limits::from_env(),
        editor,
    });
    let connections = Slots::new(MAX_CONNECTIONS);
    let warning = || Warning::new(Arc::clone(&notify));
    let (mut busy, mut no_thread, mut no_accept) = (warning(), warning(), warning());
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                no_accept.print(tr!(Cli::NoAccept, e));
                std::thread::sleep(ACCEPT_PAUSE);
                continue;
            }
        };
        let Some(slot) = connections.take() else {
            busy.print(tr!(Cli::TooManyConnections, MAX_CONNECTIONS));
            turn_away(stream);
            continue;
        };
        let shared = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name("senda-http".into())
            .spawn(move || http::handle(stream, slot, &shared));
        // The closure, with the connection and its slot, is dropped: the client sees the
        // connection close, and the loop goes on.
        if let Err(e) = spawned {
            no_thread.print(tr!(Cli::NoThread, e));
        }
    }
}

/// Answers 503 from the accept loop, which must never wait on a client: a fresh socket's
/// send buffer takes the short answer at once, and what does not fit is not waited for.
fn turn_away(stream: TcpStream) {
    if stream.set_nonblocking(true).is_err() {
        return;
    }
    let answer = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 14\r\nRetry-After: 1\r\nConnection: close\r\n\r\ntoo many, wait";
    let mut writer = &stream;
    if writer.write_all(answer.as_bytes()).is_err() {
        return;
    }
    let _ = stream.shutdown(Shutdown::Write);
    // Closing with unread input resets the connection, which can discard the answer
    // before the client reads it: read what has already arrived, without waiting for more.
    let mut sink = [0u8; 8192];
    let mut reader = &stream;
    for _ in 0..4 {
        if !matches!(reader.read(&mut sink), Ok(n) if n > 0) {
            break;
        }
    }
}

/// After an answer sent before the request was read whole (414, 431, 405): signal the end
/// of the answer, then read and discard the rest of the request for a bounded time, so the
/// close does not reset the connection before the client has read the answer (RFC 9112
/// §9.6; Linux keeps the answer readable, Windows' stack discards it).
pub fn linger(stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + LINGER_TIME;
    let (mut sink, mut drained) = ([0u8; 16 * 1024], 0);
    let mut reader = stream;
    while drained < LINGER_BYTES {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match reader.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
}

/// A warning given at most every `EVERY`: under a flood it would otherwise fill the
/// terminal and hide the build messages.
struct Warning {
    notify: Notify,
    last: Option<Instant>,
}

impl Warning {
    const EVERY: Duration = Duration::from_secs(10);

    fn new(notify: Notify) -> Warning {
        Warning { notify, last: None }
    }

    fn print(&mut self, message: impl Display) {
        if self
            .last
            .is_none_or(|last| last.elapsed() >= Warning::EVERY)
        {
            (self.notify)(Notice::Warning(&message.to_string()));
            self.last = Some(Instant::now());
        }
    }
}
