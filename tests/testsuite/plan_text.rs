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

/// Months by name or token, and every enumeration, in the case and accents people type:
/// the plan checks clean, and every output shows the one spelling (or the month's number).
#[test]
fn months_and_enumerations_are_read_in_any_case_and_printed_in_one_spelling() {
    let site = bundled();
    edit_plan(
        &site,
        &[
            ("estado = \"aprobado\"", "estado = \"Aprobado\""),
            ("niveles = [\"primaria\"]", "niveles = [\"Primaria\"]"),
            ("tipo = \"visita_aula\"", "tipo = \"Visita_Aula\""),
            ("modalidad = \"EBR\"", "modalidad = \"ebr\""),
            (
                "fase = \"diagnostico\"\nfecha = 2024-04-09",
                "fase = \"Diagnóstico\"\nfecha = 2024-04-09",
            ),
            ("mes = \"oct\"", "mes = \"Setiembre\""),
            ("mes = \"jun\"", "mes = \"JUNIO\""),
            (
                "meses = [\"abr\", \"jun\", \"jul\", \"oct\", \"nov\"]",
                "meses = [\"Abril\", \"jun\", \"julio\", \"septiembre\", \"Noviembre\"]",
            ),
        ],
    );
    let check = site.senda(&["check", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);
    site.build().assert_ok();

    let page = site.output(PAGE);
    assert!(
        page.contains("Setiembre"),
        "the visit's month is not on the page"
    );
    assert!(
        !page.to_lowercase().contains("septiembre"),
        "the page printed `septiembre`"
    );
    assert!(!page.contains("JUNIO") && !page.contains("Diagnóstico"));
    assert!(page.contains("EBR") && !page.contains("ebr"));

    let csv = site.output("planes/ie-prueba-2024/visitas.csv");
    assert!(csv.contains(",setiembre,"), "{csv}");
    assert!(csv.contains(",junio,"), "{csv}");
    assert!(
        csv.contains(",diagnostico,") && !csv.contains("Diagnóstico"),
        "{csv}"
    );
    assert!(!csv.contains("Primaria"), "{csv}");

    let ics = site.output("planes/ie-prueba-2024/calendario.ics");
    assert!(ics.contains("DTSTART;VALUE=DATE:20240901"), "{ics}");
    assert!(ics.contains("DTSTART;VALUE=DATE:20240601"), "{ics}");

    let json = site.output("planes/ie-prueba-2024/plan.json");
    for written in [
        "Primaria",
        "Visita_Aula",
        "\"ebr\"",
        "Diagnóstico",
        "Setiembre",
        "JUNIO",
    ] {
        assert!(
            !json.contains(&format!("\"{written}")),
            "plan.json has {written}"
        );
    }
    assert!(json.contains("\"estado\": \"aprobado\""), "{json}");
}

#[test]
fn a_misspelled_month_gets_the_nearest_token() {
    let site = crate::plan_rules::site();
    edit_plan(&site, &[("mes = \"oct\"", "mes = \"octubree\"")]);
    site.senda(&["check"]).assert_failure(
        "error[E8]: `octubree` no es un mes
   --> content/planes/ie-prueba-2024.toml:155:7
    |
155 | mes = \"octubree\"
    |       ^^^^^^^^^^
    = help: ¿quiso decir `oct`? Los meses se escriben con tres letras (ene feb mar abr may jun jul ago set oct nov dic) o con su nombre (`abril`, `setiembre`)

senda check found 1 error
",
    );
}

#[test]
fn a_misspelled_listed_value_gets_the_nearest_spelling_whatever_its_case() {
    let site = crate::plan_rules::site();
    edit_plan(
        &site,
        &[("niveles = [\"primaria\"]", "niveles = [\"PRIMARIAA\"]")],
    );
    let run = site.senda(&["check"]);
    crate::plan_rules::assert_only_error(
        &run,
        "error[E0]: `PRIMARIAA` no es un valor válido para un nivel educativo",
        &crate::plan_rules::at("content/planes/ie-prueba-2024.toml", "39:12"),
        "¿quiso decir `primaria`? Valores admitidos: `inicial`, `primaria`, `secundaria`, u `otro` con `detalle`",
    );
}

/// Two teachers whose names mask to the same initials: a warning naming both lines, and
/// every output that shows masked names tells them apart.
#[test]
fn teachers_masked_alike_are_warned_about_and_told_apart_everywhere() {
    let site = bundled();
    edit_plan(
        &site,
        &[(
            "nombre = \"Diego Ernesto Modelo Ficticio\"",
            "nombre = \"Carlos Raúl Inca Paredes\"",
        )],
    );
    crate::plan_rules::assert_warning(
        &site.senda(&["check"]),
        "warning[W16]: `d01` (línea 124) y `d02` (línea 131) se publican con las mismas iniciales, «C. R. I. P.»",
        &crate::plan_rules::at("content/planes/ie-prueba-2024.toml", "131:10"),
        "para distinguirlos, las páginas y los archivos los muestran como «C. R. I. P. (docente 01)» y «C. R. I. P. (docente 02)»; si prefiere, use `nombres_docentes = \"codigo\"`",
    );
    site.build().assert_ok();
    for file in [
        PAGE,
        "planes/ie-prueba-2024/imprimir/index.html",
        "planes/ie-prueba-2024/visitas.csv",
        "planes/ie-prueba-2024/plan.json",
        "planes/ie-prueba-2024/calendario.ics",
    ] {
        // An ICS line longer than 75 octets goes on after a line break and a space.
        let text = site.output(file).replace("\r\n ", "");
        for shown in ["C. R. I. P. (docente 01)", "C. R. I. P. (docente 02)"] {
            assert!(text.contains(shown), "{file} does not show {shown}");
        }
        assert!(
            !text.contains("Carlos") && !text.contains("Carmen"),
            "{file} leaks a name"
        );
    }
}
