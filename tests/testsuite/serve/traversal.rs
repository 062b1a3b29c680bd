//! Nothing outside the output is ever served: paths that climb out, encoded or not, and
//! sources that are not in the site (see also `symlinks`).

use std::fs;

use super::harness::{Server, tmp_dir};
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
