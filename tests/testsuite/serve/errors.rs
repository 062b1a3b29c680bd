//! A broken edit: the diagnostic `senda build` prints, in the terminal and in an `error`
//! event (the overlay); the last good site served meanwhile; a reload once it is fixed or
//! undone.

use std::fs;
use std::time::Duration;

use super::harness::{EVENT, QUIET, Server};
use super::sse::Events;
use crate::util::TestSite;

/// A page without its title: the error everywhere, the last good site served, and a reload
/// for every open page once it is fixed. Then an edit that breaks a link on another page:
/// an error like in `senda build`, and undoing it still reloads.
#[test]
fn a_broken_edit_is_reported_everywhere_and_fixing_or_undoing_it_reloads() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let events = server.events();

    site.write(
        "content/guias/zeta.md",
        "+++\nweight = 3\n+++\nTexto roto.\n",
    );
    let data = events.wait_for("error", EVENT);
    assert!(
        data.contains("content/guias/zeta.md:2:1"),
        "the error event does not point at content/guias/zeta.md:2:1:\n{data}"
    );
    assert!(
        data.contains("title"),
        "the error event does not name `title`:\n{data}"
    );
    events.assert_no_event_within(QUIET);

    // The same diagnostic `senda build` prints, in the terminal and in the event.
    let diagnostic = "error: missing required key `title`\n --> content/guias/zeta.md:2:1\n";
    server.wait_stderr(diagnostic, Duration::from_secs(5));
    assert!(
        format!("{data}\n").contains(diagnostic),
        "the error event does not carry the diagnostic:\n{diagnostic}\n--- data:\n{data}"
    );

    // The last good site is still served, whole.
    let page = server.page("/guias/zeta/");
    assert!(page.contains("<h1>Anexo sin peso</h1>"), "{page}");
    assert!(page.contains("Va al final porque no tiene peso."), "{page}");
    assert!(!page.contains("Texto roto."), "{page}");
    assert!(server.page("/guias/").contains(">Anexo sin peso</a>"));
    assert!(
        server
            .page("/")
            .contains("<p class=\"lema\">Aprender juntos</p>")
    );

    // A page opened now learns of the error at once.
    let late = server.events();
    let late_data = late.wait_for("error", Duration::from_secs(2));
    assert!(
        late_data.contains("content/guias/zeta.md:2:1"),
        "the error sent on connect does not point at the file:\n{late_data}"
    );

    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Anexo arreglado\"\n+++\nYa está bien.\n",
    );
    events.wait_for("reload", EVENT);
    late.wait_for("reload", EVENT);
    // Once fixed, a new page gets no stale error: opened now, it is given the quiet period
    // of the others to receive one.
    let fresh = server.events();
    events.assert_no_event_within(QUIET);
    late.assert_no_event_within(Duration::ZERO);
    fresh.assert_no_event_within(Duration::ZERO);
    let page = server.page("/guias/zeta/");
    assert!(page.contains("<h1>Anexo arreglado</h1>"), "{page}");
    assert!(page.contains("Ya está bien."), "{page}");
    drop((late, fresh));

    assert_a_broken_link_is_an_error_and_undoing_it_reloads(&site, &server, &events);
}

#[track_caller]
fn assert_a_broken_link_is_an_error_and_undoing_it_reloads(
    site: &TestSite,
    server: &Server,
    events: &Events,
) {
    let original = fs::read_to_string(site.path("content/guias/que-es.md")).expect("que-es.md");
    // content/_index.md links to #el-ciclo-de-acompanamiento in this page.
    site.write(
        "content/guias/que-es.md",
        original.replace("## El ciclo de acompañamiento", "## El proceso"),
    );
    let data = events.wait_for("error", EVENT);
    assert!(
        data.contains("content/_index.md:4:61") && data.contains("el-ciclo-de-acompanamiento"),
        "the error event does not report the broken anchor in content/_index.md:\n{data}"
    );
    server.wait_stderr("content/_index.md:4:61", Duration::from_secs(5));
    let page = server.page("/guias/que-es/");
    assert!(
        page.contains("id=\"el-ciclo-de-acompanamiento\""),
        "not the last good page:\n{page}"
    );

    // The undo brings back exactly the pages being served: the open pages still show the
    // error, so they must be told to reload, and a page opened later gets no stale error.
    site.write("content/guias/que-es.md", &original);
    events.wait_for("reload", EVENT);
    let fresh = server.events();
    events.assert_no_event_within(QUIET);
    fresh.assert_no_event_within(Duration::ZERO);
}

/// A visit number typo in a plan saved while serving: each of these values once aborted
/// the server (allocation failure) or spun it. One save carries all three, on three visits.
#[test]
fn a_huge_visit_number_saved_while_serving_is_reported_and_the_server_lives_on() {
    let site = TestSite::fixture("plans");
    let plan = "content/planes/ie-prueba-2024.toml";
    let good = fs::read_to_string(site.path(plan)).expect("plan");
    let server = Server::start(&site);
    let events = server.events();
    let before = server.page("/planes/ie-prueba-2024/");

    // (visit n in the fixture, the typo, the line of its `n`)
    let typos = [
        (1, "20000000", 138),
        (2, "1000000000", 146),
        (3, "9223372036854775807", 153),
    ];
    let mut broken = good.clone();
    for (n, typo, _) in typos {
        let visit = format!("docente = \"d01\"\nn = {n}\n");
        assert!(broken.contains(&visit), "the fixture has no {visit:?}");
        broken = broken.replace(&visit, &format!("docente = \"d01\"\nn = {typo}\n"));
    }
    site.write(plan, &broken);
    let data = events.wait_for("error", EVENT);
    for (_, typo, line) in typos {
        let diagnostic = format!(
            "error[E12]: el número de visita n={typo} de `d01` está fuera de rango\n   --> {plan}:{line}:5\n"
        );
        assert!(
            format!("{data}\n").contains(&diagnostic),
            "the error event does not carry:\n{diagnostic}\n--- data:\n{data}"
        );
        server.wait_stderr(&diagnostic, Duration::from_secs(5));
    }
    // Alive, and still serving the last good site.
    assert_eq!(server.page("/planes/ie-prueba-2024/"), before);

    site.write(plan, &good);
    events.wait_for("reload", EVENT);
    assert_eq!(server.get("/planes/ie-prueba-2024/").status, 200);
}
