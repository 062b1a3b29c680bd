//! What open pages are told after each kind of edit (a stylesheet alone is swapped with a
//! `css` event, anything else reloads), and that the served files then equal what a clean
//! `senda build` writes.
//!
//! Each new kind of change must give exactly one event (`expect_one`). Saves in place of a
//! kind already checked (a second template, a page's front matter) only need to be seen
//! (`wait_for`): their one reload is asserted here or in `saves`, and a stray second event
//! would still fail the next `expect_one`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::harness::{EVENT, Server, tmp_dir, without_live_script};
use super::sse::Events;
use crate::util::{TestSite, snapshot};

/// Pages added, renamed, deleted, retitled and reordered, templates of the theme and of the
/// site, a bundle asset: one reload each, and the served site equals a clean build.
#[test]
fn after_page_and_template_edits_the_served_files_equal_a_clean_build() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    assert_served_equals_clean_build(&site, &server, "start");

    add_rename_and_delete_pages(&site, &server, &events);
    edit_the_theme_and_site_templates(&site, &server, &events);

    // Retitle a page: its neighbours' pagers and the section listing change with it.
    site.write(
        "content/guias/visita/index.md",
        "+++\ntitle = \"Visita al aula\"\nweight = 30\n+++\nDescargue [la ficha](ficha.pdf).\n",
    );
    events.wait_for("reload", EVENT);
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

    // A bundle asset.
    site.write(
        "content/guias/visita/ficha.pdf",
        "%PDF-1.4 ficha nueva, más larga\n",
    );
    events.expect_one("reload");

    assert_served_equals_clean_build(&site, &server, "end");
    let section = server.page("/guias/");
    let first = section.find(">Anexo sin peso</a>").expect("omega listed");
    let second = section.find(">Página nueva</a>").expect("nueva listed");
    assert!(first < second, "{section}");
}

#[track_caller]
fn add_rename_and_delete_pages(site: &TestSite, server: &Server, events: &Events) {
    site.write(
        "content/guias/nueva.md",
        "+++\ntitle = \"Página nueva\"\nweight = 5\n+++\nRecién creada.\n",
    );
    events.expect_one("reload");
    assert!(server.page("/guias/nueva/").contains("Recién creada."));

    fs::rename(
        site.path("content/guias/zeta.md"),
        site.path("content/guias/omega.md"),
    )
    .expect("rename page");
    events.expect_one("reload");
    assert_eq!(server.get("/guias/zeta/").status, 404);
    assert!(server.page("/guias/omega/").contains("Va al final"));

    // Deleted: gone under both its addresses, and from its section's listing.
    assert!(server.page("/guias/avanzado/").contains(">Mentoría</a>"));
    site.remove("content/guias/avanzado/mentoria.md");
    events.expect_one("reload");
    for target in [
        "/guias/avanzado/mentoria/",
        "/guias/avanzado/mentoria/index.html",
    ] {
        let gone = server.get(target);
        assert_eq!(gone.status, 404, "GET {target}:\n{}", gone.text());
    }
    let section = server.page("/guias/avanzado/");
    assert!(!section.contains("Mentoría"), "{section}");
    assert!(section.contains("<h1>Avanzado</h1>"), "{section}");
}

/// A theme template, the base template every page extends, and the site's own templates/.
#[track_caller]
fn edit_the_theme_and_site_templates(site: &TestSite, server: &Server, events: &Events) {
    let template =
        fs::read_to_string(site.path("themes/plain/templates/page.html")).expect("page.html");
    site.write(
        "themes/plain/templates/page.html",
        template.replace(
            "<h1>{{ page.title }}</h1>",
            "<h1 class=\"v2\">{{ page.title }}</h1>",
        ),
    );
    events.expect_one("reload");
    assert!(
        server
            .page("/guias/que-es/")
            .contains("<h1 class=\"v2\">¿Qué es el acompañamiento?</h1>")
    );
    assert_served_equals_clean_build(site, server, "pages-and-template");

    let base =
        fs::read_to_string(site.path("themes/plain/templates/base.html")).expect("base.html");
    site.write(
        "themes/plain/templates/base.html",
        base.replace("<body>", "<body class=\"base-v2\">"),
    );
    events.wait_for("reload", EVENT);

    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>Perdido (sitio v2)</h1>{% endblock content %}\n",
    );
    events.wait_for("reload", EVENT);
    let missing = server.get("/no-existe/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("Perdido (sitio v2)"),
        "{}",
        missing.text()
    );
}

/// Static files of the site and of the theme, the stylesheet alone (swapped, not reloaded)
/// and with a page, and site.toml saved in place and by a rename: the right event for
/// each, and the served site equals a clean build.
#[test]
fn after_static_and_config_edits_the_served_files_equal_a_clean_build() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    // A script, in static/ and in the theme's static/: a full reload each.
    site.write("static/nuevo.js", "console.log('nuevo');\n");
    events.expect_one("reload");
    assert_eq!(server.page("/nuevo.js"), "console.log('nuevo');\n");
    site.write("themes/plain/static/app.js", "theme script v2\n");
    events.wait_for("reload", EVENT);
    assert_eq!(server.page("/app.js"), "theme script v2\n");

    edit_the_stylesheet(&site, &server, &events);
    assert_served_equals_clean_build(&site, &server, "static");

    // site.toml in place, then by renaming a hidden temp file over it.
    let config = fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        config.replace("Aprender juntos", "Aprender siempre"),
    );
    events.expect_one("reload");
    assert!(
        server
            .page("/")
            .contains("<p class=\"lema\">Aprender siempre</p>")
    );
    let config = fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write(
        ".site.toml.swp",
        config.replace("Aprender siempre", "Aprender con otros"),
    );
    fs::rename(site.path(".site.toml.swp"), site.path("site.toml")).expect("rename");
    events.expect_one("reload");
    assert!(
        server
            .page("/")
            .contains("<p class=\"lema\">Aprender con otros</p>")
    );
    assert_served_equals_clean_build(&site, &server, "end");
}

/// The stylesheet alone gives a `css` event naming it; saved with a page, one reload.
#[track_caller]
fn edit_the_stylesheet(site: &TestSite, server: &Server, events: &Events) {
    assert_eq!(
        server.page("/style.css"),
        "body { color: navy; } /* site */\n"
    );
    site.write("static/style.css", "body { color: teal; } /* cambiado */\n");
    let data = events.expect_one("css");
    assert!(
        data.lines().any(|l| l.trim().ends_with("style.css")),
        "the css event does not list style.css:\n{data}"
    );
    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert!(
        css.content_type().starts_with("text/css"),
        "{}",
        css.content_type()
    );
    assert_eq!(css.text(), "body { color: teal; } /* cambiado */\n");

    site.write("static/style.css", "body { color: olive; }\n");
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Anexo sin peso\"\n+++\nJunto con la hoja de estilos.\n",
    );
    events.expect_one("reload");
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
