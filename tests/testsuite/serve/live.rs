//! What open pages are told: a stylesheet alone is swapped (`css`), anything else reloads;
//! and after every kind of edit the served files equal what a clean `senda build` writes.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::harness::{EVENT, QUIET, Server, tmp_dir, without_live_script};
use crate::util::{TestSite, snapshot};

#[test]
fn a_stylesheet_change_sends_css_not_reload() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    assert_eq!(
        server.page("/style.css"),
        "body { color: navy; } /* site */\n"
    );

    site.write("static/style.css", "body { color: teal; } /* cambiado */\n");
    let data = events.wait_for("css", EVENT);
    assert!(
        data.lines().any(|l| l.trim().ends_with("style.css")),
        "the css event does not list style.css:\n{data}"
    );
    events.assert_no_event_within(QUIET);
    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert!(
        css.content_type().starts_with("text/css"),
        "{}",
        css.content_type()
    );
    assert_eq!(css.text(), "body { color: teal; } /* cambiado */\n");
}

#[test]
fn deleting_a_page_removes_it_and_its_listing() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    assert!(server.page("/guias/").contains(">Anexo sin peso</a>"));

    site.remove("content/guias/zeta.md");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    let gone = server.get("/guias/zeta/");
    assert_eq!(gone.status, 404, "{}", gone.text());
    let gone = server.get("/guias/zeta/index.html");
    assert_eq!(gone.status, 404, "{}", gone.text());
    let section = server.page("/guias/");
    assert!(!section.contains("Anexo sin peso"), "{section}");
    assert!(section.contains(">Visita en aula</a>"), "{section}");
}

#[test]
fn a_stylesheet_and_a_page_saved_together_give_one_reload_and_no_css() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    site.write("static/style.css", "body { color: olive; }\n");
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Anexo sin peso\"\n+++\nJunto con la hoja de estilos.\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert_eq!(server.page("/style.css"), "body { color: olive; }\n");
    assert!(
        server
            .page("/guias/zeta/")
            .contains("Junto con la hoja de estilos.")
    );
}

// ---------------------------------------------------------------------------------------
// The served file set is what a clean build writes
// ---------------------------------------------------------------------------------------

fn rel_string(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// GET /__senda/files names exactly what a clean `senda build` (with the preview's address
/// as base_url) writes, and every file is served with the same bytes, HTML once its one
/// injected live script is removed.
#[track_caller]
fn assert_served_equals_clean_build(site: &TestSite, server: &Server, step: &str) {
    let listing = server.get("/__senda/files");
    assert_eq!(listing.status, 200, "GET /__senda/files");
    let served: BTreeSet<String> = listing
        .text()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.trim_start_matches('/').to_string())
        .collect();

    let clean = tmp_dir(site).join(format!("limpio-{step}"));
    site.senda(&[
        "build",
        "--output",
        &clean.to_string_lossy(),
        "--base-url",
        &server.address(),
    ])
    .assert_ok();
    let built_files: Vec<(String, Vec<u8>)> = snapshot(&clean)
        .into_iter()
        .map(|(p, b)| (rel_string(&p), b))
        .filter(|(p, _)| p != ".senda-output")
        .collect();
    let built: BTreeSet<String> = built_files.iter().map(|(p, _)| p.clone()).collect();

    let only_served: Vec<_> = served.difference(&built).collect();
    let only_built: Vec<_> = built.difference(&served).collect();
    assert!(
        only_served.is_empty() && only_built.is_empty(),
        "{step}: served files differ from a clean build\nonly served: {only_served:?}\nonly built: {only_built:?}"
    );

    let mut differ = Vec::new();
    for (path, bytes) in &built_files {
        let response = server.get(&format!("/{path}"));
        if response.status != 200 && path != "404.html" {
            differ.push(format!("GET /{path}: status {}", response.status));
            continue;
        }
        let same = if path.ends_with(".html") {
            without_live_script(&response.text()).as_bytes() == bytes.as_slice()
        } else {
            response.body == *bytes
        };
        if !same {
            differ.push(format!(
                "GET /{path} differs from the clean build\n--- served:\n{}\n--- built:\n{}",
                response.text(),
                String::from_utf8_lossy(bytes)
            ));
        }
    }
    assert!(differ.is_empty(), "{step}:\n{}", differ.join("\n"));
}

#[test]
fn after_edits_the_served_files_equal_a_clean_build() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    assert_served_equals_clean_build(&site, &server, "start");

    // Add a page.
    site.write(
        "content/guias/nueva.md",
        "+++\ntitle = \"Página nueva\"\nweight = 5\n+++\nRecién creada.\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(server.page("/guias/nueva/").contains("Recién creada."));

    // Rename a page.
    fs::rename(
        site.path("content/guias/zeta.md"),
        site.path("content/guias/omega.md"),
    )
    .expect("rename page");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert_eq!(server.get("/guias/zeta/").status, 404);
    assert!(server.page("/guias/omega/").contains("Va al final"));

    // Delete a page.
    site.remove("content/guias/avanzado/mentoria.md");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert_eq!(server.get("/guias/avanzado/mentoria/").status, 404);

    // Edit a template.
    let template =
        fs::read_to_string(site.path("themes/plain/templates/page.html")).expect("page.html");
    site.write(
        "themes/plain/templates/page.html",
        template.replace(
            "<h1>{{ page.title }}</h1>",
            "<h1 class=\"v2\">{{ page.title }}</h1>",
        ),
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(
        server
            .page("/guias/que-es/")
            .contains("<h1 class=\"v2\">¿Qué es el acompañamiento?</h1>")
    );
    assert_served_equals_clean_build(&site, &server, "pages-and-template");

    // Edit the base template every page extends.
    let base =
        fs::read_to_string(site.path("themes/plain/templates/base.html")).expect("base.html");
    site.write(
        "themes/plain/templates/base.html",
        base.replace("<body>", "<body class=\"base-v2\">"),
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);

    // Retitle a page: its neighbours' pagers and the section listing change with it.
    site.write(
        "content/guias/visita/index.md",
        "+++\ntitle = \"Visita al aula\"\nweight = 30\n+++\nDescargue [la ficha](ficha.pdf).\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(
        server
            .page("/guias/que-es/")
            .contains("|next=Visita al aula</p>")
    );

    // Reorder: the renamed page moves first.
    site.write(
        "content/guias/omega.md",
        "+++\ntitle = \"Anexo sin peso\"\nweight = 1\n+++\nAhora va primero.\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);

    // A bundle asset and a static script change.
    site.write(
        "content/guias/visita/ficha.pdf",
        "%PDF-1.4 ficha nueva, más larga\n",
    );
    site.write("static/nuevo.js", "// nuevo\n");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);

    // The stylesheet alone.
    site.write("static/style.css", "body { color: maroon; }\n");
    events.wait_for("css", EVENT);
    events.assert_no_event_within(QUIET);

    // site.toml.
    let config = fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        config.replace("Aprender juntos", "Aprender siempre"),
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);

    assert_served_equals_clean_build(&site, &server, "end");
    let section = server.page("/guias/");
    let first = section.find(">Anexo sin peso</a>").expect("omega listed");
    let second = section.find(">Página nueva</a>").expect("nueva listed");
    assert!(first < second, "{section}");
}
