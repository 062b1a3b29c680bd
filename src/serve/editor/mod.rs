//! The plan editor `senda serve` serves at `/_editor/` when it listens on loopback only:
//! a page (`pages`) whose script reads and writes plans through a JSON API (`plans`).
//! Every request passes `guard` first (Host, Origin, and for writes the token); bodies are
//! read only with a `Content-Length` of at most `MAX_BODY`. Saves edit the TOML in place
//! (`toml_json`), are checked by `senda check`'s code, and come back as diagnostics with
//! the key path of their field (`diagnostics`); the watcher sees the file and the site
//! rebuilds as for any save.

mod completeness;
mod diagnostics;
mod guard;
mod pages;
mod plans;
mod toml_json;
mod vocabulary;

use std::io::{self, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use super::connections::linger;
use super::http::respond;
use super::request::{self, BodyRefusal, Request};
use crate::diag::Diagnostic;
use plans::{Reply, Store};

/// The largest body the editor reads: a plan is some tens of kB, a spreadsheet of teachers
/// a few hundred.
pub const MAX_BODY: usize = 2 * 1024 * 1024;

/// Where the editor is, under the served address.
pub const PATH: &str = "_editor/";

const JSON: &str = "application/json; charset=utf-8";

/// The editor of one `serve` process.
pub struct Editor {
    token: String,
    port: u16,
    root: std::path::PathBuf,
    store: Store,
}

impl Editor {
    /// The editor of the site at `root`, served on loopback at `port`.
    pub fn new(root: &Path, port: u16) -> Result<Editor, Diagnostic> {
        Ok(Editor {
            token: guard::new_token()?,
            port,
            root: root.to_path_buf(),
            store: Store::new(root),
        })
    }
}

/// Whether a request target is the editor's (the raw target: the editor decodes its ids
/// itself, so a `../` in one is a 400, not a path elsewhere).
pub fn is_editor_target(target: &str) -> bool {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    path == "/_editor" || path.starts_with("/_editor/")
}

/// What a request asks for, once its path is read.
enum Route {
    Shell,
    Script,
    Style,
    Vocabulary,
    Plans,
    Plan(String),
    Import(String, &'static str),
}

/// Answers one editor request. `body_time` is how long its body may take to arrive.
pub fn answer(
    stream: &mut TcpStream,
    request: &Request,
    editor: &Editor,
    body_time: Duration,
) -> io::Result<()> {
    let method = request.method.as_str();
    let writes = matches!(method, "PUT" | "POST");
    let reply = match route_checked(request, editor) {
        Ok(route) if writes => {
            // Tools such as curl wait for this before a large body; browsers never ask.
            if request
                .header("expect")
                .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
            {
                stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
            }
            let deadline = Instant::now() + body_time;
            match request::read_body(stream, request, MAX_BODY, deadline) {
                Ok(body) => return send(stream, method, write(editor, request, route, &body)),
                Err(refusal) => body_refusal(refusal),
            }
        }
        Ok(route) => return read(stream, method, editor, route),
        Err(reply) => reply,
    };
    send(stream, method, reply)?;
    if writes {
        // The body is still unread: closing now could reset away the answer.
        linger(stream);
    }
    Ok(())
}

/// The route, once the request passed every check that comes before its body.
fn route_checked(request: &Request, editor: &Editor) -> Result<Route, Reply> {
    if !guard::host_ok(request.header("host"), editor.port) {
        return Err(Reply::error(
            403,
            "el editor solo responde en la dirección local con que se abrió (127.0.0.1 o localhost)",
        ));
    }
    if !guard::origin_ok(request.header("origin"), editor.port) {
        return Err(Reply::error(
            403,
            "el editor no acepta pedidos de otros sitios",
        ));
    }
    let route = route(&request.target)?;
    let method = request.method.as_str();
    let allowed = match &route {
        Route::Plans => matches!(method, "GET" | "HEAD" | "POST"),
        Route::Plan(_) => matches!(method, "GET" | "HEAD" | "PUT"),
        Route::Import(..) => method == "POST",
        _ => matches!(method, "GET" | "HEAD"),
    };
    if !allowed {
        return Err(Reply::error(
            405,
            format!("método {method} no permitido aquí"),
        ));
    }
    if matches!(method, "PUT" | "POST")
        && !guard::token_ok(request.header("x-senda-token"), &editor.token)
    {
        return Err(Reply::error(
            403,
            "falta la clave del editor o no es la de este `senda serve`: recargue la página del editor",
        ));
    }
    Ok(route)
}

/// The route of a target, its ids decoded one segment at a time and checked.
fn route(target: &str) -> Result<Route, Reply> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let rest = path.strip_prefix("/_editor").unwrap_or_default();
    let segments: Vec<String> = rest
        .split('/')
        .skip(1)
        .map(|s| request::percent_decode(s).unwrap_or_else(|| "\u{0}".to_string()))
        .collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let id = |id: &str| {
        guard::plan_id(id)
            .map(str::to_string)
            .map_err(|m| Reply::error(400, m))
    };
    Ok(match segments.as_slice() {
        [] | [""] => Route::Shell,
        ["planes", plan] => {
            id(plan)?;
            Route::Shell
        }
        ["editor.js"] => Route::Script,
        ["editor.css"] => Route::Style,
        ["api", "vocabulario"] => Route::Vocabulary,
        ["api", "planes"] => Route::Plans,
        ["api", "planes", plan] => Route::Plan(id(plan)?),
        ["api", "planes", plan, "importar", "docentes"] => Route::Import(id(plan)?, "docentes"),
        ["api", "planes", plan, "importar", "visitas"] => Route::Import(id(plan)?, "visitas"),
        // `planes/../x`: what follows `planes/` is an id, and this one is not valid.
        ["planes", rest @ ..] | ["api", "planes", rest @ ..] => {
            id(&rest.join("/"))?;
            return Err(Reply::error(
                404,
                "no hay nada en esta dirección del editor",
            ));
        }
        _ => {
            return Err(Reply::error(
                404,
                "no hay nada en esta dirección del editor",
            ));
        }
    })
}

fn read(stream: &mut TcpStream, method: &str, editor: &Editor, route: Route) -> io::Result<()> {
    let page_headers = [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        (
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        ),
    ];
    let (kind, body) = match route {
        Route::Shell => (
            "text/html; charset=utf-8",
            pages::shell(&editor.root, &editor.token).into_bytes(),
        ),
        Route::Script => (
            "text/javascript; charset=utf-8",
            pages::SCRIPT.as_bytes().to_vec(),
        ),
        Route::Style => ("text/css; charset=utf-8", pages::STYLE.as_bytes().to_vec()),
        Route::Vocabulary => return send(stream, method, Reply::ok(vocabulary::json())),
        Route::Plans => return send(stream, method, editor.store.list()),
        Route::Plan(id) => return send(stream, method, editor.store.get(&id)),
        Route::Import(..) => return send(stream, method, Reply::error(405, "use POST")),
    };
    respond(stream, 200, kind, &body, &page_headers, method)
}

fn write(editor: &Editor, request: &Request, route: Route, body: &[u8]) -> Reply {
    match route {
        Route::Plans => editor.store.create(body),
        Route::Plan(id) => editor.store.put(&id, body),
        // A header holds no more than Latin-1, so pages send a name with accents
        // percent-encoded (`encodeURIComponent`); a plain name reads as itself.
        Route::Import(id, kind) => match request.header("x-senda-archivo") {
            Some(file) if !file.trim().is_empty() => {
                let file =
                    request::percent_decode(file.trim()).unwrap_or_else(|| file.trim().to_string());
                editor.store.import(&id, kind, &file, body)
            }
            _ => Reply::error(
                400,
                "falta la cabecera X-Senda-Archivo con el nombre del archivo (.csv, .xlsx u .ods)",
            ),
        },
        _ => Reply::error(405, "método no permitido aquí"),
    }
}

fn body_refusal(refusal: BodyRefusal) -> Reply {
    match refusal {
        BodyRefusal::NoLength => {
            Reply::error(411, "falta Content-Length: envíe el cuerpo con su longitud")
        }
        BodyRefusal::TooLarge => Reply::error(
            413,
            format!(
                "el cuerpo pasa de {} MB, el máximo del editor",
                MAX_BODY / (1024 * 1024)
            ),
        ),
        BodyRefusal::Incomplete => Reply::error(408, "el cuerpo no llegó completo a tiempo"),
    }
}

fn send(stream: &mut TcpStream, method: &str, reply: Reply) -> io::Result<()> {
    let body = reply.body.to_string();
    let headers = [("X-Content-Type-Options", "nosniff")];
    respond(
        stream,
        reply.status,
        JSON,
        body.as_bytes(),
        &headers,
        method,
    )
}
