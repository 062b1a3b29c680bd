//! Saves in the ways editors and tools make them (in place, a temp file renamed over the
//! page, delete and recreate, a burst like a git checkout), and servers started with other
//! forms of the root: each save gives exactly one reload and the new text is served.

use std::fs;
use std::path::Path;
use std::thread;
use std::time::Duration;

use super::harness::{EVENT, QUIET, Server, tmp_dir};
use super::sse::Events;
use crate::util::TestSite;

/// The page `content/guias/zeta.md` with `text` as its body.
fn zeta(text: &str) -> String {
    format!("+++\ntitle = \"Anexo sin peso\"\n+++\n{text}\n")
}

/// Every way editors and tools save, one after the other on one server: each is one burst
/// and gives exactly one reload, and the new text is served.
#[test]
fn each_save_style_gives_one_reload_and_the_new_text() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    assert!(
        server
            .page("/guias/zeta/")
            .contains("Va al final porque no tiene peso.")
    );
    assert_eq!(server.rebuilt_lines(), 0, "{}", server.stdout());

    // In place, and one `Rebuilt` line for it.
    site.write("content/guias/zeta.md", zeta("Guardado en el sitio."));
    events.expect_one("reload");
    let page = server.page("/guias/zeta/");
    assert!(page.contains("Guardado en el sitio."), "{page}");
    assert!(!page.contains("Va al final"), "{page}");
    server.wait_rebuilt_lines(1, Duration::from_secs(5));
    assert_eq!(server.rebuilt_lines(), 1, "{}", server.stdout());

    // A temp file written outside content/ and renamed over the page.
    let temp = tmp_dir(&site).join("zeta.md.tmp");
    fs::write(&temp, zeta("Escrito aparte y renombrado.")).expect("write temp file");
    fs::rename(&temp, site.path("content/guias/zeta.md")).expect("rename over the page");
    events.expect_one("reload");
    let page = server.page("/guias/zeta/");
    assert!(page.contains("Escrito aparte y renombrado."), "{page}");

    // A hidden temp file inside content/, as editors write it, renamed over the page.
    let temp = site.path("content/guias/.zeta.md.swp");
    fs::write(&temp, zeta("Guardado como un editor.")).expect("write temp file");
    fs::rename(&temp, site.path("content/guias/zeta.md")).expect("rename over the page");
    events.expect_one("reload");
    let page = server.page("/guias/zeta/");
    assert!(page.contains("Guardado como un editor."), "{page}");

    // Deleted, then created again: one reload, and never a 404 for it. The gap stays well
    // inside the watcher's 80 ms quiet period: at 50 ms, a loaded machine's scheduling
    // delay sometimes split the burst in two (about 1 run in 100 under load).
    site.remove("content/guias/zeta.md");
    thread::sleep(Duration::from_millis(20));
    site.write("content/guias/zeta.md", zeta("Borrado y vuelto a crear."));
    events.expect_one("reload");
    let page = server.page("/guias/zeta/");
    assert!(page.contains("Borrado y vuelto a crear."), "{page}");

    assert_a_burst_gives_one_reload(&site, &server, &events);
}

/// 3 rewritten pages and 12 new ones, about 7 ms apart (~100 ms in all, like a git
/// checkout): one reload, and every page new.
#[track_caller]
fn assert_a_burst_gives_one_reload(site: &TestSite, server: &Server, events: &Events) {
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
    events.expect_one("reload");

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

/// Starts the server as `args` from `dir`, saves a page, and expects the reload and the text.
#[track_caller]
fn assert_rebuilds_on_save(site: &TestSite, dir: &Path, args: &[&str]) {
    let server = Server::start_in(dir, args);
    let events = server.events();
    assert!(server.page("/guias/zeta/").contains("Va al final"));
    site.write("content/guias/zeta.md", zeta("Guardado con otra raíz."));
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
