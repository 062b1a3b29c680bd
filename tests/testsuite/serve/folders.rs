//! Folders created, moved in, renamed or deleted while serving: their pages follow, and
//! later saves inside them are seen.

use std::fs;

use super::harness::{EVENT, QUIET, Server, tmp_dir};
use crate::util::TestSite;

#[test]
fn a_new_folder_in_content_is_watched() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    // A new bundle: the folder and its page in one go.
    site.write(
        "content/guias/carpeta/index.md",
        "+++\ntitle = \"Carpeta nueva\"\n+++\nPrimera versión.\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(server.page("/guias/carpeta/").contains("Primera versión."));

    // Later saves inside the new folder are seen too.
    site.write(
        "content/guias/carpeta/index.md",
        "+++\ntitle = \"Carpeta nueva\"\n+++\nSegunda versión, más larga.\n",
    );
    site.write("content/guias/carpeta/anexo.pdf", "%PDF-1.4 anexo\n");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(
        server
            .page("/guias/carpeta/")
            .contains("Segunda versión, más larga.")
    );
    assert_eq!(server.page("/guias/carpeta/anexo.pdf"), "%PDF-1.4 anexo\n");
}

#[test]
fn a_source_folder_created_while_serving_is_watched() {
    let site = TestSite::fixture("basic");
    fs::remove_dir_all(site.path("templates")).expect("remove templates/");
    let server = Server::start(&site);
    let events = server.events();
    assert!(server.get("/nada/").text().contains("No encontrado (tema)"));

    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>Perdido v1</h1>{% endblock content %}\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(server.get("/nada/").text().contains("Perdido v1"));

    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>Perdido v2, otra vez</h1>{% endblock content %}\n",
    );
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert!(server.get("/nada/").text().contains("Perdido v2, otra vez"));
}

#[test]
fn a_folder_moved_into_content_is_served_and_watched() {
    let site = TestSite::fixture("basic");
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

    fs::rename(&outside, site.path("content/guias/preparado")).expect("move folder in");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
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
    events.assert_no_event_within(QUIET);
    assert!(
        server
            .page("/guias/preparado/")
            .contains("Editado después de moverlo.")
    );
}

#[test]
fn renaming_a_folder_moves_its_pages_and_keeps_watching_them() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    assert!(
        server
            .page("/guias/avanzado/mentoria/")
            .contains("<h1>Mentoría</h1>")
    );

    fs::rename(
        site.path("content/guias/avanzado"),
        site.path("content/guias/experto"),
    )
    .expect("rename folder");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert_eq!(server.get("/guias/avanzado/mentoria/").status, 404);
    assert_eq!(server.get("/guias/avanzado/").status, 404);
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
    events.assert_no_event_within(QUIET);
    let page = server.page("/guias/experto/mentoria/");
    assert!(page.contains("Editada en la carpeta renombrada."), "{page}");
}

#[test]
fn deleting_a_folder_removes_its_pages() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();
    assert!(server.page("/guias/").contains("<li>Avanzado</li>"));

    fs::remove_dir_all(site.path("content/guias/avanzado")).expect("remove folder");
    events.wait_for("reload", EVENT);
    events.assert_no_event_within(QUIET);
    assert_eq!(server.get("/guias/avanzado/").status, 404);
    assert_eq!(server.get("/guias/avanzado/mentoria/").status, 404);
    assert_eq!(server.get("/guias/avanzado").status, 404);
    let section = server.page("/guias/");
    assert!(!section.contains("Avanzado"), "{section}");
}
