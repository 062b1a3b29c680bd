//! The plan editor of `senda serve` (`/_editor/`), through its HTTP API as a browser or a
//! tool uses it: the security rules (`security`), and reading, saving, creating and
//! importing plans (`api`). Each test starts the real binary on a copy of a fixture.

mod api;
mod security;

use serde_json::Value as Json;

use super::harness::Server;
use super::http::Response;
use crate::util::TestSite;

/// The plan of the `plans` fixture.
const PLAN: &str = "content/planes/ie-prueba-2024.toml";

/// A running `senda serve` and the token its editor page carries.
struct Editor {
    server: Server,
    token: String,
}

impl Editor {
    #[track_caller]
    fn start(site: &TestSite) -> Editor {
        let server = Server::start(site);
        let page = server.page("/_editor/");
        let token = token_of(&page).unwrap_or_else(|| panic!("no senda-token in:\n{page}"));
        Editor { server, token }
    }

    /// `method target` with `headers` (a `Host` of the served address unless one is
    /// given) and `body` with its `Content-Length`.
    fn call(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
        let mut head = format!("{method} {target} HTTP/1.1\r\n");
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
            head.push_str(&format!("Host: 127.0.0.1:{}\r\n", self.server.port));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            && matches!(method, "PUT" | "POST")
        {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("Connection: close\r\n\r\n");
        let mut request = head.into_bytes();
        request.extend_from_slice(body);
        self.server.raw(&request)
    }

    /// `method target` with the token and a JSON body.
    fn send(&self, method: &str, target: &str, body: &Json) -> Response {
        let token = [("X-Senda-Token", self.token.as_str())];
        self.call(method, target, &token, body.to_string().as_bytes())
    }

    /// `GET target`, asserting 200, as JSON.
    #[track_caller]
    fn get_json(&self, target: &str) -> Json {
        let response = self.call("GET", target, &[], b"");
        assert_eq!(response.status, 200, "GET {target}: {}", response.text());
        json(&response)
    }
}

fn token_of(page: &str) -> Option<String> {
    let at = page.find("<meta name=\"senda-token\" content=\"")?;
    let rest = &page[at + "<meta name=\"senda-token\" content=\"".len()..];
    Some(rest[..rest.find('"')?].to_string())
}

#[track_caller]
fn json(response: &Response) -> Json {
    serde_json::from_slice(&response.body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", response.text()))
}

/// The diagnostics of an answer as (codigo, nivel, clave) triples.
fn codes(answer: &Json) -> Vec<(String, String, String)> {
    answer["diagnosticos"]
        .as_array()
        .expect("diagnosticos")
        .iter()
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap_or("-").to_string();
            (text("codigo"), text("nivel"), text("clave"))
        })
        .collect()
}
