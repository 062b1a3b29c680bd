//! Serving the output: content types, redirects to the trailing slash, the 404 page, the
//! injected live script, the preview address as base_url, drafts, and starting up.

use std::net::TcpListener;
use std::thread;
use std::time::{Duration, Instant};

use super::harness::{START, Server, assert_live_script_before_body_end, spawn};
use crate::util::{TestSite, snapshot};

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const JPG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xd9";

/// One server without `--drafts`: every file type, the redirects, the 404 page, drafts.
#[test]
fn files_get_their_content_type_directories_redirect_and_the_rest_is_404() {
    let site = TestSite::fixture("basic");
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    site.write("static/foto.png", PNG);
    site.write("static/foto.jpg", JPG);
    site.write(
        "static/agenda.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
    );
    site.write("static/datos.json", "{\"a\": 1}\n");
    let server = Server::start(&site);
    assert_content_types_follow_the_extension(&server);
    assert_directories_redirect_and_missing_pages_get_the_404_page(&server);

    // Drafts are not served without the flag.
    assert_eq!(server.get("/guias/borrador/").status, 404);
    assert!(!server.page("/guias/").contains("Borrador"));
}

#[track_caller]
fn assert_content_types_follow_the_extension(server: &Server) {
    let expect: &[(&str, &[&str])] = &[
        ("/", &["text/html; charset=utf-8"]),
        ("/guias/que-es/", &["text/html; charset=utf-8"]),
        ("/guias/que-es/index.html", &["text/html; charset=utf-8"]),
        ("/style.css", &["text/css"]),
        ("/app.js", &["text/javascript", "application/javascript"]),
        ("/logo.svg", &["image/svg+xml"]),
        ("/foto.png", &["image/png"]),
        ("/foto.jpg", &["image/jpeg"]),
        ("/guias/visita/ficha.pdf", &["application/pdf"]),
        ("/agenda.ics", &["text/calendar"]),
        ("/datos.json", &["application/json"]),
        ("/sitemap.xml", &["application/xml", "text/xml"]),
    ];
    let mut wrong = Vec::new();
    for (target, types) in expect {
        let response = server.get(target);
        let got = response.content_type();
        // An exact type, or that type followed by parameters such as `; charset=utf-8`.
        let ok = response.status == 200
            && types.iter().any(|t| {
                got == *t || (got.starts_with(t) && got[t.len()..].trim_start().starts_with(';'))
            });
        if !ok {
            wrong.push(format!(
                "GET {target}: status {} Content-Type `{got}`, expected 200 and one of {types:?}",
                response.status
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(server.get("/foto.png").body, PNG);
    assert_eq!(server.get("/foto.jpg").body, JPG);
    assert_eq!(
        server.get("/guias/visita/ficha.pdf").body,
        b"%PDF-1.4 ficha de prueba\n"
    );
}

#[track_caller]
fn assert_directories_redirect_and_missing_pages_get_the_404_page(server: &Server) {
    for (target, location) in [
        ("/guias", "/guias/"),
        ("/guias/visita", "/guias/visita/"),
        ("/guias/avanzado/mentoria", "/guias/avanzado/mentoria/"),
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 301, "GET {target}");
        assert_eq!(response.header("location"), Some(location), "GET {target}");
    }

    for target in ["/no-existe/", "/guias/no-existe", "/nada.css"] {
        let missing = server.get(target);
        assert_eq!(missing.status, 404, "GET {target}");
        assert_eq!(
            missing.content_type(),
            "text/html; charset=utf-8",
            "GET {target}"
        );
        let body = missing.text();
        assert!(
            body.contains("<h1>No encontrado (sitio)</h1>"),
            "GET {target}:\n{body}"
        );
        assert_live_script_before_body_end(target, &body);
    }
}

#[test]
fn served_html_has_the_live_script_and_the_preview_address_but_built_files_do_not() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    for target in [
        "/",
        "/guias/",
        "/guias/que-es/",
        "/guias/visita/",
        "/404.html",
    ] {
        let html = server.get(target).text();
        assert_live_script_before_body_end(target, &html);
    }
    for target in ["/style.css", "/app.js", "/sitemap.xml"] {
        let body = server.page(target);
        assert!(!body.contains("senda-live"), "GET {target}:\n{body}");
    }

    // base_url is the preview's address.
    let address = server.address();
    let page = server.page("/guias/que-es/");
    assert!(
        page.contains(&format!(
            "2024-07-12|{address}guias/que-es/|/guias/que-es/|básico"
        )),
        "{page}"
    );
    assert!(server.page("/").contains("href=\"guias/\""));
    let sitemap = server.page("/sitemap.xml");
    assert!(
        sitemap.contains(&format!("{address}guias/que-es/")),
        "{sitemap}"
    );
    assert!(!sitemap.contains("example.org"), "{sitemap}");
    assert!(
        !server.stderr().contains("network"),
        "a loopback server warned about the network:\n{}",
        server.stderr()
    );

    // serve wrote nothing into the site; a build never injects the script.
    assert!(!site.path("public").exists(), "serve wrote public/");
    site.build().assert_ok();
    for (path, bytes) in snapshot(&site.path("public")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("senda-live"),
            "{} contains senda-live",
            path.display()
        );
    }
}

// ---------------------------------------------------------------------------------------
// Starting up: a busy port, flags
// ---------------------------------------------------------------------------------------

#[test]
fn a_busy_port_is_an_error_naming_the_port() {
    let site = TestSite::fixture("basic");
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let port = taken.local_addr().expect("address").port().to_string();
    let mut server = spawn(&site, &["--port", &port]);
    let deadline = Instant::now() + START;
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "senda serve kept running on a busy port\n--- stdout:\n{}\n--- stderr:\n{}",
            server.stdout(),
            server.stderr()
        );
        thread::sleep(Duration::from_millis(20));
    };
    thread::sleep(Duration::from_millis(100)); // let the pipes drain
    let stderr = server.stderr();
    assert_eq!(status.code(), Some(1), "stderr:\n{stderr}");
    assert!(
        stderr.contains(&port),
        "stderr does not mention port {port}:\n{stderr}"
    );
    assert!(
        !server.stdout().contains(&format!("127.0.0.1:{port}/")),
        "announced an address it does not serve:\n{}",
        server.stdout()
    );
    drop(taken);
}

/// `--drafts` serves drafts; `--bind 0.0.0.0` serves every interface and warns, in one
/// line, that the preview, drafts included, is visible to the network, and that the plan
/// editor is off, which it is.
#[test]
fn drafts_are_served_with_the_flag_and_binding_every_interface_warns_that_the_preview_is_public() {
    let site = TestSite::fixture("basic");
    let server = Server::start_with(&site, &["--drafts", "--bind", "0.0.0.0"]);
    let stderr = server.wait_stderr("network", Duration::from_secs(5));
    let line = stderr
        .lines()
        .find(|l| l.contains("network"))
        .expect("the network line");
    assert!(
        line.starts_with("warning: listening on 0.0.0.0"),
        "{stderr}"
    );
    assert!(line.contains("drafts included"), "{stderr}");
    assert!(line.contains("the plan editor is off"), "{stderr}");
    assert!(!server.stdout().contains("_editor"), "{}", server.stdout());
    assert_eq!(server.get("/_editor/").status, 404);
    assert_eq!(server.get("/_editor/api/planes").status, 404);
    assert!(
        server
            .page("/")
            .contains("<p class=\"lema\">Aprender juntos</p>")
    );
    assert!(server.page("/guias/borrador/").contains("Todavía no."));
    assert!(server.page("/guias/").contains(">Borrador</a>"));
}

/// Without `--drafts` no draft is served, so the warning of `--bind` must not say one is.
#[test]
fn binding_every_interface_without_drafts_warns_without_naming_drafts() {
    let site = TestSite::fixture("basic");
    let server = Server::start_with(&site, &["--bind", "0.0.0.0"]);
    let stderr = server.wait_stderr("network", Duration::from_secs(5));
    let line = stderr
        .lines()
        .find(|l| l.contains("network"))
        .expect("the network line");
    assert_eq!(
        line,
        "warning: listening on 0.0.0.0: the preview is visible to the network; \
         the plan editor is off (it is only offered on 127.0.0.1, [::1] or localhost)",
        "{stderr}"
    );
    assert_eq!(server.get("/guias/borrador/").status, 404);
}
