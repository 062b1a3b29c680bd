//! Symlinks in `static/` are never followed (Unix): whether present at start, added while
//! serving, or swapped in for a served file or folder while requests keep coming.

use std::fs;
use std::os::unix::fs::symlink;
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use super::harness::{EVENT, Server, tmp_dir};
use super::sse::Events;
use super::traversal::{SECRET, assert_not_leaked};
use crate::util::TestSite;

/// One server through every way a symlink gets into static/: present at start (to a file,
/// to folders above and elsewhere), added while serving in the same burst as a real file,
/// swapped in for a served file, and swapped in for one of a served file's parent folders.
#[test]
fn symlinks_in_static_are_never_followed() {
    let site = TestSite::fixture("basic");
    let tmp = tmp_dir(&site);
    fs::write(tmp.join("secreto.txt"), SECRET).expect("write secret");
    symlink("/etc/passwd", site.path("static/fuga.txt")).expect("symlink");
    symlink("/etc", site.path("static/dir")).expect("symlink");
    symlink(tmp.join("secreto.txt"), site.path("static/secreto.txt")).expect("symlink");
    symlink(&tmp, site.path("static/arriba")).expect("symlink");
    site.write("static/cambiado.txt", "archivo real\n");
    site.write("static/sub/dato.txt", "dato real\n");
    let outside = tmp.join("fuera");
    fs::create_dir_all(&outside).expect("create folder");
    fs::write(outside.join("dato.txt"), SECRET).expect("write secret");
    let server = Server::start(&site);
    let events = server.events();
    assert_eq!(server.get("/").status, 200, "the site itself is served");
    assert_eq!(server.page("/cambiado.txt"), "archivo real\n");
    assert_eq!(server.page("/sub/dato.txt"), "dato real\n");

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

    // Swap the file for a symlink to the secret in one atomic rename, then keep asking for
    // it while the server notices and rebuilds.
    let link = tmp.join("enlace.txt");
    symlink(tmp.join("secreto.txt"), &link).expect("symlink");
    fs::rename(&link, site.path("static/cambiado.txt")).expect("rename symlink over the file");
    ask_until_the_next_event(&server, &events, "/cambiado.txt", "the symlink's target");
    assert_not_leaked("/cambiado.txt", &server.get("/cambiado.txt"));

    // Move the folder away and put a symlink to another folder in its place: the file's
    // own name is no symlink, one of its parents is.
    fs::rename(site.path("static/sub"), tmp.join("sub-viejo")).expect("move folder away");
    symlink(&outside, site.path("static/sub")).expect("symlink");
    ask_until_the_next_event(
        &server,
        &events,
        "/sub/dato.txt",
        "a file through the symlinked folder",
    );
    assert_not_leaked("/sub/dato.txt", &server.get("/sub/dato.txt"));
}

/// GETs `target` until the next event arrives, asserting no response carries the secret,
/// and asserts that event is a reload.
#[track_caller]
fn ask_until_the_next_event(server: &Server, events: &Events, target: &str, what: &str) {
    let deadline = Instant::now() + EVENT;
    let mut requests = 0;
    let event = loop {
        let response = server.get(target);
        requests += 1;
        assert!(
            !response.text().contains(SECRET),
            "GET {target} served {what} (request {requests} after the swap, status {})",
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
}
