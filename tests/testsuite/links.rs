//! Every internal link checked against the output (`linkcheck`): Markdown links and
//! images, raw HTML in pages, and what templates write, each broken one located; and
//! `senda check --external`, against an HTTP server the test starts (no internet in CI).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use crate::util::TestSite;

#[test]
fn a_site_whose_links_all_resolve_checks_clean() {
    // Relative links and images, a bundle's assets, raw HTML, root-relative links, an
    // anchor only a template writes (`#lista`) and one a heading has.
    let site = TestSite::fixture("feeds_links");
    site.senda(&["check", "--strict"]).assert_ok();
    site.build().assert_ok();
}

#[test]
fn broken_markdown_links_are_located_in_the_source() {
    let site = TestSite::fixture("feeds_links");
    site.write(
        "content/guias/rotos.md",
        "+++\ntitle = \"Enlaces rotos\"\n+++\n\n\
         Una [ficha que falta](ficha-final.pdf), un ![croquis](../visita/croquis.png) y\n\
         un [paso](../reflexion/#paso-9).\n\n\
         <p>Vea <a href=\"../visita\">la visita</a> y <img src=\"../../../logo.png\" alt=\"logo\">.</p>\n\n\
         La [ficha de al lado](visita/ficha.pdf) y un [sitio](/otro-sitio/).\n",
    );
    let folder_help = "a relative link is read from the published page's folder \
        (`guias/rotos/`), not from content/: check the name, or link a file under content/ \
        with `@/…`";
    let outside_help = "it leaves the site's folder (`base_url`): link a page of the site, \
        or write the whole address `https://…`";
    site.senda(&["check"]).assert_failure(&format!(
        "\
error: broken link: `ficha-final.pdf` leads to no file of the site
 --> content/guias/rotos.md:5:23
  |
5 | Una [ficha que falta](ficha-final.pdf), un ![croquis](../visita/croquis.png) y
  |                       ^^^^^^^^^^^^^^^
  = help: {folder_help}

error: broken link: `../visita/croquis.png` leads to no file of the site
 --> content/guias/rotos.md:5:55
  |
5 | Una [ficha que falta](ficha-final.pdf), un ![croquis](../visita/croquis.png) y
  |                                                       ^^^^^^^^^^^^^^^^^^^^^
  = help: {folder_help}

error: broken link: `../reflexion/#paso-9` leads to guias/reflexion/index.html, which has no element with that id
 --> content/guias/rotos.md:6:11
  |
6 | un [paso](../reflexion/#paso-9).
  |           ^^^^^^^^^^^^^^^^^^^^
  = help: the `#…` must be the id of a heading or element of the target page

error: broken link: `../visita` leads to no file of the site
 --> content/guias/rotos.md:8:17
  |
8 | <p>Vea <a href=\"../visita\">la visita</a> y <img src=\"../../../logo.png\" alt=\"logo\">.</p>
  |                 ^^^^^^^^^
  = help: `../visita` is a folder: write `../visita/`, which also works when opened from disk (file://)

error: broken link: `../../../logo.png` leads to no file of the site
 --> content/guias/rotos.md:8:54
  |
8 | <p>Vea <a href=\"../visita\">la visita</a> y <img src=\"../../../logo.png\" alt=\"logo\">.</p>
  |                                                      ^^^^^^^^^^^^^^^^^
  = help: {outside_help}

error: broken link: `visita/ficha.pdf` leads to no file of the site
  --> content/guias/rotos.md:10:23
   |
10 | La [ficha de al lado](visita/ficha.pdf) y un [sitio](/otro-sitio/).
   |                       ^^^^^^^^^^^^^^^^
   = help: the page is published at `guias/rotos/`, and the link is read from there; for the file beside the Markdown write `@/guias/visita/ficha.pdf`

error: broken link: `/otro-sitio/` leads to no file of the site
  --> content/guias/rotos.md:10:54
   |
10 | La [ficha de al lado](visita/ficha.pdf) y un [sitio](/otro-sitio/).
   |                                                      ^^^^^^^^^^^^
   = help: {outside_help}

senda check found 7 errors
"
    ));
    // `build` makes the same check, and writes nothing.
    let build = site.build();
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(!site.output_exists("index.html"));
}

#[test]
fn broken_template_links_name_the_template_its_line_and_the_pages() {
    let site = TestSite::fixture("feeds_links");
    let base = std::fs::read_to_string(site.path("themes/mini/templates/base.html"))
        .expect("base template");
    let nav = base.replace("#lista\"", "#listas\"").replace(
        "</nav>",
        " <a href=\"{{ get_url(path='ayuda/') }}\">Ayuda</a></nav>",
    );
    site.write("themes/mini/templates/base.html", &nav);
    let line = nav.lines().nth(5).expect("the nav line");
    site.senda(&["check"]).assert_failure(&format!(
        "\
error: broken link: `/portal/guias/#listas` leads to guias/index.html, which has no element with that id
 --> themes/mini/templates/base.html:6:98
  |
6 | {line}
  |                                                                                                  ^^^^^^^
  = help: the template writes this link on the page 404.html and 9 more

error: broken link: `/portal/ayuda/` leads to no file of the site
 --> themes/mini/templates/base.html:6:143
  |
6 | {line}
  |                                                                                                                                               ^^^^^^
  = help: the template writes this link on the page 404.html and 9 more

senda check found 2 errors
"
    ));
}

/// A one-thread HTTP server on a free local port: `/ok` answers 200, `/sin-head` refuses
/// HEAD (405) but answers GET, anything else is 404. Serves `requests` requests, then ends.
fn local_server(requests: usize) -> (String, std::thread::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    let handle = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for stream in listener.incoming().take(requests) {
            let mut stream = stream.expect("a connection");
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            reader.read_line(&mut line).expect("request line");
            // The rest of the head, up to its blank line.
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let mut parts = line.split_whitespace();
            let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            seen.push(format!("{method} {path}"));
            let status = match (method, path) {
                (_, "/ok") | ("GET", "/sin-head") => "200 OK",
                ("HEAD", "/sin-head") => "405 Method Not Allowed",
                _ => "404 Not Found",
            };
            let body = if method == "GET" { "hola" } else { "" };
            let answer = format!(
                "HTTP/1.1 {status}\r\ncontent-length: 4\r\nconnection: close\r\n\r\n{body}"
            );
            let _ = stream.write_all(answer.as_bytes());
        }
        seen.sort();
        seen
    });
    (address, handle)
}

#[test]
fn check_external_asks_every_address_with_head_then_get() {
    // HEAD /ok; HEAD then GET /sin-head; HEAD then GET /falta (the fixture's own
    // external link, to the ministry, is replaced so nothing leaves the machine).
    let (server, handle) = local_server(5);
    let site = TestSite::fixture("feeds_links");
    let visit = std::fs::read_to_string(site.path("content/guias/visita/index.md"))
        .expect("the visit guide")
        .replace("https://www.minedu.gob.pe/", &format!("{server}/ok"));
    site.write("content/guias/visita/index.md", visit);
    site.write(
        "content/noticias/enlaces.md",
        format!(
            "+++\ntitle = \"Enlaces\"\n+++\n\nUna [guía]({server}/sin-head) y una \
             [página perdida]({server}/falta).\n"
        ),
    );
    // Offline by default: `check` asks nothing.
    site.senda(&["check", "--strict"]).assert_ok();
    let line = format!("Una [guía]({server}/sin-head) y una [página perdida]({server}/falta).");
    let falta_col = line.rfind(&format!("{server}/falta")).expect("the link") + 1;
    let caret_at = line[..falta_col - 1].chars().count() + 1;
    let run = site.senda(&["check", "--external"]);
    run.assert_failure(&format!(
        "\
error: 1 of 3 external links failed
  = help: each broken link is shown below, where it is written

error: broken external link: {server}/falta (status 404)
 --> content/noticias/enlaces.md:5:{caret_at}
  |
5 | {line}
  | {pad}{carets}
  = help: check the address in a browser; if the site moved, update the link

senda check found 2 errors
",
        pad = " ".repeat(caret_at - 1),
        carets = "^".repeat(format!("{server}/falta").len()),
    ));
    assert_eq!(
        handle.join().expect("the server"),
        [
            "GET /falta",
            "GET /sin-head",
            "HEAD /falta",
            "HEAD /ok",
            "HEAD /sin-head"
        ]
    );
}

#[test]
fn a_template_link_to_an_anchor_its_pages_lack_is_reported_once() {
    let site = TestSite::fixture("feeds_links");
    let page = std::fs::read_to_string(site.path("themes/mini/templates/page.html"))
        .expect("page template")
        .replace(
            "<h1>{{ page.title }}</h1>",
            "<h1>{{ page.title }}</h1><a href=\"#arriba\">Arriba</a>",
        );
    site.write("themes/mini/templates/page.html", &page);
    let line = page.lines().nth(2).expect("the heading line");
    site.senda(&["check"]).assert_failure(&format!(
        "\
error: broken link: the page has no element with the id of `#arriba`
 --> themes/mini/templates/page.html:3:54
  |
3 | {line}
  |                                                      ^^^^^^^
  = help: the template writes this link on the page content/guias/reflexion.md and 5 more

senda check found 1 error
"
    ));
    // With the id on the page, the same link is fine.
    site.write(
        "themes/mini/templates/page.html",
        page.replace("<h1>{{", "<h1 id=\"arriba\">{{"),
    );
    site.senda(&["check", "--strict"]).assert_ok();
}
