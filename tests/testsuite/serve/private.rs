//! Files named `.privado` (and their copies) are never served and are reported on every
//! rebuild.

use std::thread;
use std::time::{Duration, Instant};

use super::harness::{EVENT, Server};
use super::traversal::{SECRET, assert_not_leaked};
use crate::util::TestSite;

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
