//! `senda serve`, the live preview: each test starts the real binary on a free port in a
//! fresh copy of a fixture, talks plain HTTP/1.1 and Server-Sent Events to it over
//! `TcpStream`s, saves files the ways editors and tools do, and asserts on what is served,
//! which events arrive (exactly one per burst of saves) and what is printed. The server is
//! killed when the test ends, panics included.
//!
//! One file per concern; `harness`, `http` and `sse` are the shared client side, also used
//! by `serve_abuse`.

pub(crate) mod harness;
mod http;
mod sse;

mod editor;
mod errors;
mod folders;
mod live;
mod private;
mod saves;
mod serving;
#[cfg(unix)]
mod symlinks;
mod traversal;
