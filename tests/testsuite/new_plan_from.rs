//! `senda new plan <new-id> --from <old-id>`: next year's plan from this year's, edited in
//! place so the director's comments survive, and never over an existing file.

use crate::util::{Lang, PRIVATE_VALUES, TestSite};

const SOURCE: &str = "content/planes/ie-zeta-2024.toml";

/// The `privacy` fixture, its plan given comments, an official year name and a date on
/// 29 February (2024 is a leap year, 2025 is not).
fn site() -> TestSite {
    let site = TestSite::fixture("privacy").with_bundled_theme();
    let plan = std::fs::read_to_string(site.path(SOURCE)).expect("fixture plan");
    let plan = plan
        .replace(
            "anio = 2024\n",
            "anio = 2024                # el año escolar\n# Nombre oficial, del D.S. de cada año:\ndenominacion_anio = \"Año del Bicentenario\"\n",
        )
        .replace(
            "fecha_elaboracion = 2024-03-04",
            "fecha_elaboracion = 2024-02-29   # en la semana de planificación",
        )
        .replace(
            "[aprobacion]\n",
            "[aprobacion]                # la RD del plan\ndocumento = \"Resolución Directoral\"\n",
        )
        .replace(
            "[[docentes]]\nid = \"d01\"",
            "# Docentes contratados en marzo\n[[docentes]]\nid = \"d01\"",
        );
    site.write(SOURCE, plan);
    site
}

#[test]
fn next_years_plan_moves_dates_clears_the_approval_and_keeps_comments() {
    let site = site();
    let source = std::fs::read_to_string(site.path(SOURCE)).unwrap();
    let run = site.senda_in(
        Lang::Default,
        &["new", "plan", "ie-zeta-2025", "--from", "ie-zeta-2024"],
    );
    run.assert_ok();
    assert!(
        run.stdout.contains("el plan 2025 (borrador)"),
        "{}",
        run.stdout
    );

    let written = std::fs::read_to_string(site.path("content/planes/ie-zeta-2025.toml")).unwrap();
    // The whole file: only these lines change, every comment and key stays where it was.
    let expected = source
        .replace("id = \"ie-zeta-2024\"", "id = \"ie-zeta-2025\"")
        .replace("anio = 2024 ", "anio = 2025 ")
        .replace(
            "denominacion_anio = \"Año del Bicentenario\"",
            "# denominacion_anio = \"Año de …\"   # el nombre oficial del año 2025: escríbalo y quite el #",
        )
        .replace("2024-02-29", "2025-02-28")
        .replace("estado = \"aprobado\"", "estado = \"borrador\"")
        .replace(
            "numero = \"RD N° 001-2024-IE ZETA\"\nfecha = 2024-03-15",
            "# numero = \"RD N° …-2025-…\"   # la resolución que aprueba el plan 2025: escríbala y quite el #\n# fecha = 2025-03-…   # la fecha de esa resolución",
        )
        .replace("2024-03-01", "2025-03-01")
        .replace("2024-12-20", "2025-12-20")
        .replace("2024-07-22", "2025-07-22")
        .replace("2024-08-02", "2025-08-02")
        .replace("2024-04-09", "2025-04-09")
        .replace("2024-04-10", "2025-04-10");
    assert_eq!(written, expected);
    // Months are months of the school year: they stay.
    assert!(written.contains("mes = \"jun\""));
    assert!(written.contains("# Docentes contratados en marzo\n[[docentes]]"));
    assert!(!written.contains("2024-"), "{written}");

    // The private companion is neither copied nor read into the new plan.
    assert!(
        !site
            .path("content/planes/ie-zeta-2025.privado.toml")
            .exists()
    );
    for value in PRIVATE_VALUES.iter().take(5) {
        assert!(!written.contains(value), "{value}");
    }
    // The source is untouched.
    assert_eq!(std::fs::read_to_string(site.path(SOURCE)).unwrap(), source);

    // The new plan is a valid draft: it checks clean, and counts as a plan only with
    // `--drafts`, since drafts are not published.
    let check = site.senda(&["check"]);
    check.assert_ok();
    assert!(check.stdout.contains(" 1 plan "), "{}", check.stdout);
    let check = site.senda(&["check", "--drafts"]);
    check.assert_ok();
    assert!(check.stdout.contains("2 plans"), "{}", check.stdout);
    assert!(check.stderr.is_empty(), "{}", check.stderr);
}

#[test]
fn an_id_without_a_year_gets_the_next_year() {
    let site = site();
    site.senda(&["new", "plan", "ie-zeta-siguiente", "--from", "ie-zeta-2024"])
        .assert_ok();
    let written =
        std::fs::read_to_string(site.path("content/planes/ie-zeta-siguiente.toml")).unwrap();
    assert!(written.contains("id = \"ie-zeta-siguiente\""));
    assert!(written.contains("anio = 2025 "), "{written}");
    assert!(written.contains("inicio = 2025-03-01"), "{written}");
}

#[test]
fn an_id_ending_in_a_year_sets_that_year() {
    let site = site();
    site.senda(&["new", "plan", "ie-zeta-2026", "--from", "ie-zeta-2024"])
        .assert_ok();
    let written = std::fs::read_to_string(site.path("content/planes/ie-zeta-2026.toml")).unwrap();
    assert!(written.contains("anio = 2026 "), "{written}");
    assert!(written.contains("fecha = 2026-04-09"), "{written}");
    // 2026 is not a leap year either.
    assert!(
        written.contains("fecha_elaboracion = 2026-02-28"),
        "{written}"
    );
}

#[test]
fn never_overwrites_a_plan_and_refuses_bad_ids() {
    let site = site();
    let target = site.path("content/planes/ie-zeta-2025.toml");
    site.write("content/planes/ie-zeta-2025.toml", "# mi trabajo\n");
    site.senda(&["new", "plan", "ie-zeta-2025", "--from", "ie-zeta-2024"])
        .assert_failure(
            "error: <tmp>/site/content/planes/ie-zeta-2025.toml ya existe\n  = help: senda nunca reemplaza un plan: elija otro id, o edite ese archivo\n\n",
        );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "# mi trabajo\n");

    site.senda(&["new", "plan", "IE Nueva", "--from", "ie-zeta-2024"])
        .assert_failure("error: `IE Nueva` cannot be a plan id\n  = help: use lowercase letters without accents, digits and hyphens, e.g. `ie70999-nueva-esperanza-2025`\n\n");
    // The old id names a file too: nothing outside content/planes/ is read.
    site.senda(&["new", "plan", "ie-otra-2025", "--from", "../site"])
        .assert_failure("error: `../site` cannot be a plan id\n  = help: use lowercase letters without accents, digits and hyphens, e.g. `ie70999-nueva-esperanza-2025`\n\n");
    site.senda(&["new", "plan", "ie-otra-2025", "--from", "ie-nada-2024"])
        .assert_failure("error: no existe el plan `ie-nada-2024`: falta content/planes/ie-nada-2024.toml\n  = help: `--from` toma el id de un plan del sitio: el nombre de su archivo en content/planes/, sin `.toml`\n\n");
    assert!(!site.path("content/planes/ie-otra-2025.toml").exists());
}

#[test]
fn a_source_that_is_not_toml_is_located() {
    let site = site();
    site.write("content/planes/ie-rota-2024.toml", "anio = 2024\nid = \n");
    site.senda(&["new", "plan", "ie-rota-2025", "--from", "ie-rota-2024"])
        .assert_failure(
            "error: el plan `ie-rota-2024` no es TOML válido: string values must be quoted, expected literal string
 --> content/planes/ie-rota-2024.toml:2:6
  |
2 | id = 
  |      ^
  = help: corrija el plan de origen (`senda check` lo señala), y vuelva a ejecutar la orden

",
        );
    assert!(!site.path("content/planes/ie-rota-2025.toml").exists());
}
