//! A plan says what the school wrote: its texts as written (never lowered), each teacher
//! told apart even when two mask to the same initials, enumerations and months read in any
//! case and accents and printed in their one spelling.

use crate::plan_rules::edit_plan;
use crate::util::TestSite;

/// The rules' fixture plan, rendered by the bundled theme.
fn bundled() -> TestSite {
    let site = TestSite::fixture("plans").with_bundled_theme();
    let config = std::fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        config.replace("theme = \"plain\"", "theme = \"senda\""),
    );
    site
}

const PAGE: &str = "planes/ie-prueba-2024/index.html";

#[test]
fn the_page_prints_every_text_as_the_school_wrote_it() {
    let site = bundled();
    edit_plan(
        &site,
        &[
            (
                "cargo = \"Subdirector\"",
                "cargo = \"Coordinadora del ciclo III\"",
            ),
            (
                "frecuencia = \"3 por docente\"",
                "frecuencia = \"3 por docente, con el GIA de Tutoría y Orientación Educativa\"",
            ),
            (
                "caracteristica = \"polidocente completo\"",
                "caracteristica = \"polidocente completo (EIB de Revitalización)\"",
            ),
            ("turnos = [\"mañana\"]", "turnos = [\"mañana\", \"Tarde\"]"),
            (
                "lenguas = [\"castellano\"]",
                "lenguas = [\"castellano\", \"Aimara\"]",
            ),
        ],
    );
    site.build().assert_ok();
    let page = site.output(PAGE);
    for written in [
        "(Coordinadora del ciclo III)",
        "3 por docente, con el GIA de Tutoría y Orientación Educativa",
        "Polidocente completo (EIB de Revitalización)",
        "Mañana, Tarde",
        "Castellano, Aimara",
    ] {
        assert!(page.contains(written), "`{written}` is not on the page");
    }
    assert!(!page.contains("ciclo iii"), "the cargo was lowered");
}
