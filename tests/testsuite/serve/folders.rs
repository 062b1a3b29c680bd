//! Folders created, moved in, renamed or deleted while serving: their pages follow, and
//! later saves inside them are seen.
//!
//! Each change of folder must give exactly one reload (`expect_one`). The later saves
//! inside are plain saves in place, whose one reload `saves` asserts: here they only need
//! to be seen (`wait_for`); a stray second event would still fail the next `expect_one`.

use std::fs;

use super::harness::{EVENT, Server, tmp_dir};
use super::sse::Events;
use crate::util::TestSite;

/// One server through every change of folder, each its own burst: a new bundle in
/// content/, a source folder (templates/) that did not exist at start, a folder moved in
/// from outside, a folder renamed, then deleted.
#[test]
fn folders_created_moved_in_renamed_or_deleted_while_serving_are_followed() {
    let site = TestSite::fixture("basic");
    fs::remove_dir_all(site.path("templates")).expect("remove templates/");
    let outside = tmp_dir(&site).join("preparado");
    fs::create_dir_all(&outside).expect("create folder");
    fs::write(
        outside.join("index.md"),
        "+++\ntitle = \"Preparado aparte\"\n+++\nMovido adentro.\n",
    )
    .expect("write page");
    fs::write(outside.join("ficha.pdf"), "%PDF-1.4 preparada\n").expect("write asset");
    let server = Server::start(&site);
    let events = server.events();

    assert_a_new_folder_in_content_is_watched(&site, &server, &events);
    assert_a_source_folder_created_while_serving_is_watched(&site, &server, &events);

    // A folder moved into content/ is served, and saves inside it are seen.
    fs::rename(&outside, site.path("content/guias/preparado")).expect("move folder in");
    events.expect_one("reload");
    assert!(server.page("/guias/preparado/").contains("Movido adentro."));
    assert_eq!(
        server.page("/guias/preparado/ficha.pdf"),
        "%PDF-1.4 preparada\n"
    );
    site.write(
        "content/guias/preparado/index.md",
        "+++\ntitle = \"Preparado aparte\"\n+++\nEditado después de moverlo.\n",
    );
    events.wait_for("reload", EVENT);
    assert!(
        server
            .page("/guias/preparado/")
            .contains("Editado después de moverlo.")
    );

    assert_a_renamed_then_deleted_folder_takes_its_pages(&site, &server, &events);
}

/// A new bundle, the folder and its page in one go; later saves inside it are seen too.
#[track_caller]
fn assert_a_new_folder_in_content_is_watched(site: &TestSite, server: &Server, events: &Events) {
    site.write(
        "content/guias/carpeta/index.md",
        "+++\ntitle = \"Carpeta nueva\"\n+++\nPrimera versión.\n",
    );
    events.expect_one("reload");
    assert!(server.page("/guias/carpeta/").contains("Primera versión."));

    site.write(
        "content/guias/carpeta/index.md",
        "+++\ntitle = \"Carpeta nueva\"\n+++\nSegunda versión, más larga.\n",
    );
    site.write("content/guias/carpeta/anexo.pdf", "%PDF-1.4 anexo\n");
    events.wait_for("reload", EVENT);
    assert!(
        server
            .page("/guias/carpeta/")
            .contains("Segunda versión, más larga.")
    );
    assert_eq!(server.page("/guias/carpeta/anexo.pdf"), "%PDF-1.4 anexo\n");
}

/// templates/ was removed before the server started: created now, it is watched.
#[track_caller]
fn assert_a_source_folder_created_while_serving_is_watched(
    site: &TestSite,
    server: &Server,
    events: &Events,
) {
    assert!(server.get("/nada/").text().contains("No encontrado (tema)"));
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>Perdido v1</h1>{% endblock content %}\n",
    );
    events.expect_one("reload");
    assert!(server.get("/nada/").text().contains("Perdido v1"));

    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>Perdido v2, otra vez</h1>{% endblock content %}\n",
    );
    events.wait_for("reload", EVENT);
    assert!(server.get("/nada/").text().contains("Perdido v2, otra vez"));
}

/// Renaming a folder moves its pages and keeps watching them; deleting it removes them,
/// with and without the trailing slash, and from the parent's listing.
#[track_caller]
fn assert_a_renamed_then_deleted_folder_takes_its_pages(
    site: &TestSite,
    server: &Server,
    events: &Events,
) {
    assert!(
        server
            .page("/guias/avanzado/mentoria/")
            .contains("<h1>Mentoría</h1>")
    );
    assert!(server.page("/guias/").contains("<li>Avanzado</li>"));
    fs::rename(
        site.path("content/guias/avanzado"),
        site.path("content/guias/experto"),
    )
    .expect("rename folder");
    events.expect_one("reload");
    assert_eq!(server.get("/guias/avanzado/mentoria/").status, 404);
    assert_eq!(server.get("/guias/avanzado/").status, 404);
    assert_eq!(server.get("/guias/avanzado").status, 404);
    assert!(
        server
            .page("/guias/experto/mentoria/")
            .contains("<h1>Mentoría</h1>")
    );
    site.write(
        "content/guias/experto/mentoria.md",
        "+++\ntitle = \"Mentoría\"\n+++\nEditada en la carpeta renombrada.\n",
    );
    events.wait_for("reload", EVENT);
    let page = server.page("/guias/experto/mentoria/");
    assert!(page.contains("Editada en la carpeta renombrada."), "{page}");
    assert!(server.page("/guias/").contains("<li>Avanzado</li>"));

    fs::remove_dir_all(site.path("content/guias/experto")).expect("remove folder");
    events.expect_one("reload");
    assert_eq!(server.get("/guias/experto/").status, 404);
    assert_eq!(server.get("/guias/experto/mentoria/").status, 404);
    assert_eq!(server.get("/guias/experto").status, 404);
    let section = server.page("/guias/");
    assert!(!section.contains("Avanzado"), "{section}");
}
