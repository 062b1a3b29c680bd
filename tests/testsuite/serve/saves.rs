//! Saves in the ways editors and tools make them (in place, a temp file renamed over the
//! page, delete and recreate, a burst like a git checkout), and servers started with other
//! forms of the root: each save gives exactly one reload and the new text is served.

use std::fs;
use std::path::Path;
use std::thread;
use std::time::Duration;

use super::harness::{EVENT, QUIET, Server, tmp_dir};
use crate::util::TestSite;

#[test]
fn saving_in_place_gives_one_reload_and_the_new_text() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    assert!(
        server
            .page("/guias/zeta/")
            .contains("Va al final porque no tiene peso.")
    );
    assert_eq!(server.rebuilt_lines(), 0, "{}", server.stdout());

    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Anexo sin peso\"\n+++\nGuardado en el sitio.\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    let page = server.page("/guias/zeta/");
    assert!(page.contains("Guardado en el sitio."), "{page}");
    assert!(!page.contains("Va al final"), "{page}");
    server.wait_rebuilt_lines(1, Duration::from_secs(5));
    assert_eq!(server.rebuilt_lines(), 1, "{}", server.stdout());
}

/// Starts the server as `args` from `dir`, saves a page, and expects the reload and the text.
#[track_caller]
fn assert_rebuilds_on_save(site: &TestSite, dir: &Path, args: &[&str]) {
    let server = Server::start_in(dir, args);
    let events = server.events();
    assert!(server.page("/guias/zeta/").contains("Va al final"));
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Anexo sin peso\"\n+++\nGuardado con otra raíz.\n",
    );
    let outcome = events.next_event(EVENT);
    thread::sleep(Duration::from_millis(100)); // let the pipes drain
    assert!(
        matches!(&outcome, Ok((event, _)) if event == "reload"),
        "`senda serve {}` run from {}: expected a reload after a save, got {outcome:?}\n--- stdout:\n{}\n--- stderr:\n{}",
        args.join(" "),
        dir.display(),
        server.stdout(),
        server.stderr()
    );
    events.assert_no_event_within(QUIET);
    let page = server.page("/guias/zeta/");
    assert!(page.contains("Guardado con otra raíz."), "{page}");
}

#[test]
fn serving_from_inside_the_site_without_root_rebuilds_on_save() {
    let site = TestSite::fixture("basic");
    assert_rebuilds_on_save(&site, &site.root, &[]);
}

#[test]
fn a_relative_root_rebuilds_on_save() {
    let site = TestSite::fixture("basic");
    assert_rebuilds_on_save(&site, &tmp_dir(&site), &["--root", "site"]);
}

#[cfg(unix)]
#[test]
fn a_root_reached_through_a_symlink_rebuilds_on_save() {
    let site = TestSite::fixture("basic");
    let link = tmp_dir(&site).join("enlace");
    std::os::unix::fs::symlink(&site.root, &link).expect("symlink");
    assert_rebuilds_on_save(&site, &tmp_dir(&site), &["--root", &link.to_string_lossy()]);
}

#[test]
fn renaming_a_temp_file_from_outside_content_over_the_page_gives_one_reload() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    let temp = tmp_dir(&site).join("zeta.md.tmp");
    fs::write(
        &temp,
        "+++\ntitle = \"Anexo sin peso\"\n+++\nEscrito aparte y renombrado.\n",
    )
    .expect("write temp file");
    fs::rename(&temp, site.path("content/guias/zeta.md")).expect("rename over the page");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    let page = server.page("/guias/zeta/");
    assert!(page.contains("Escrito aparte y renombrado."), "{page}");
}

#[test]
fn renaming_a_hidden_temp_file_inside_content_over_the_page_gives_one_reload() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    let temp = site.path("content/guias/.zeta.md.swp");
    fs::write(
        &temp,
        "+++\ntitle = \"Anexo sin peso\"\n+++\nGuardado como un editor.\n",
    )
    .expect("write temp file");
    fs::rename(&temp, site.path("content/guias/zeta.md")).expect("rename over the page");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    let page = server.page("/guias/zeta/");
    assert!(page.contains("Guardado como un editor."), "{page}");
}

#[test]
fn deleting_then_recreating_a_page_gives_one_reload_and_no_404() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    site.remove("content/guias/zeta.md");
    thread::sleep(Duration::from_millis(50));
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Anexo sin peso\"\n+++\nBorrado y vuelto a crear.\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    let page = server.page("/guias/zeta/");
    assert!(page.contains("Borrado y vuelto a crear."), "{page}");
}

#[test]
fn a_burst_of_saves_like_a_git_checkout_gives_one_reload() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    // 3 rewritten pages and 12 new ones, about 7 ms apart: ~100 ms in all.
    let rewrites = [
        ("content/guias/zeta.md", "Anexo sin peso", "/guias/zeta/"),
        (
            "content/guias/avanzado/mentoria.md",
            "Mentoría",
            "/guias/avanzado/mentoria/",
        ),
        (
            "content/guias/visita/index.md",
            "Visita en aula",
            "/guias/visita/",
        ),
    ];
    for (i, (file, title, _)) in rewrites.iter().enumerate() {
        site.write(
            file,
            format!("+++\ntitle = \"{title}\"\n+++\nReescrita en lote {i}.\n"),
        );
        thread::sleep(Duration::from_millis(7));
    }
    for n in 1..=12 {
        site.write(
            &format!("content/guias/lote-{n:02}.md"),
            format!("+++\ntitle = \"Lote {n:02}\"\n+++\nPágina nueva del lote {n:02}.\n"),
        );
        thread::sleep(Duration::from_millis(7));
    }
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);

    for (i, (_, _, url)) in rewrites.iter().enumerate() {
        let page = server.page(url);
        assert!(
            page.contains(&format!("Reescrita en lote {i}.")),
            "{url}:\n{page}"
        );
    }
    let section = server.page("/guias/");
    for n in 1..=12 {
        let page = server.page(&format!("/guias/lote-{n:02}/"));
        assert!(
            page.contains(&format!("Página nueva del lote {n:02}.")),
            "{page}"
        );
        assert!(
            section.contains(&format!(">Lote {n:02}</a>")),
            "Lote {n:02} not listed in /guias/:\n{section}"
        );
    }
}

#[test]
fn every_watched_folder_triggers_a_rebuild() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    // site.toml
    let config = fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        config.replace("Aprender juntos", "Aprender siempre"),
    );
    events.wait_for("reload", EVENT);
    assert!(
        server
            .page("/")
            .contains("<p class=\"lema\">Aprender siempre</p>")
    );

    // site.toml saved by renaming a hidden temp file over it.
    let config = fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write(
        ".site.toml.swp",
        config.replace("Aprender siempre", "Aprender con otros"),
    );
    fs::rename(site.path(".site.toml.swp"), site.path("site.toml")).expect("rename");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(
        server
            .page("/")
            .contains("<p class=\"lema\">Aprender con otros</p>")
    );

    // templates/ (the site's own)
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

    // themes/
    let page_template = site.path("themes/plain/templates/page.html");
    let template = fs::read_to_string(&page_template).expect("page.html");
    site.write(
        "themes/plain/templates/page.html",
        template.replace(
            "<h1>{{ page.title }}</h1>",
            "<h1 class=\"tema-v2\">{{ page.title }}</h1>",
        ),
    );
    events.wait_for("reload", EVENT);
    assert!(
        server
            .page("/guias/zeta/")
            .contains("<h1 class=\"tema-v2\">Anexo sin peso</h1>")
    );

    // static/ (a non-stylesheet file: a full reload)
    site.write("themes/plain/static/app.js", "theme script v2\n");
    events.wait_for("reload", EVENT);
    assert_eq!(server.page("/app.js"), "theme script v2\n");

    site.write("static/nuevo.js", "console.log('nuevo');\n");
    events.wait_for("reload", EVENT);
    assert_eq!(server.page("/nuevo.js"), "console.log('nuevo');\n");
    events.assert_no_event_within(QUIET);
}
