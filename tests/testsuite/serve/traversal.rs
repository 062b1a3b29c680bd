//! Nothing outside the output is ever served: paths that climb out, encoded or not, and
//! symlinks in `static/`, present at start, added, or swapped in while serving.

use std::fs;
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use super::harness::{EVENT, Server, tmp_dir};
use super::http::Response;
use crate::util::TestSite;

pub(super) const SECRET: &str = "SECRETO-5f2c9e1a-no-debe-salir";
const TOML_SENTINEL: &str = "CENTINELA-SITE-TOML-8d41";

#[track_caller]
pub(super) fn assert_not_leaked(target: &str, response: &Response) {
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
