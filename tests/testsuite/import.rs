//! `senda import docentes`: spreadsheets (.csv, .xlsx, .ods from tests/fixtures/import,
//! written by its make.py) merged into the `plans` fixture's plan.

use std::fs;
use std::path::Path;

use crate::util::{Lang, Run, TestSite};

const PLAN: &str = "content/planes/ie-prueba-2024.toml";

/// The fixture site with `name` from tests/fixtures/import beside it (the folder senda runs
/// in), so messages show the name as a user types it.
fn site_with(name: &str) -> TestSite {
    let site = TestSite::fixture("plans");
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    fs::copy(from, site.root.parent().expect("parent").join(name)).expect("copy spreadsheet");
    site
}

fn import(site: &TestSite, file: &str) -> Run {
    site.senda_in(
        Lang::Default,
        &["import", "docentes", "ie-prueba-2024", file],
    )
}

/// What each of the three fixtures does to the plan: d02 (same name in capitals) updated
/// in place, two teachers added with the next free ids.
const MERGED: &str = r#"[[docentes]]
id = "d02"
nombre = "Diego Ernesto Modelo Ficticio"
nivel_educativo = "primaria"
grados = ["4°"]
secciones = ["B"]
areas = ["Matemática"]

[[docentes]]
id = "d03"
nombre = "Lucía Ejemplo Inventada"
nivel_educativo = "primaria"
grados = ["5°", "6°"]
secciones = ["A"]
areas = ["Comunicación"]

[[docentes]]
id = "d04"
nombre = "Mario Prueba Ficticio"
nivel_educativo = "primaria"
grados = ["6°"]
secciones = ["A", "B"]
areas = ["Ciencia y Tecnología"]

[[visitas]]
"#;

#[track_caller]
fn assert_imported(file: &str) {
    let site = site_with(file);
    let run = import(&site, file);
    run.assert_ok();
    assert_eq!(
        run.stdout.lines().next(),
        Some("site/content/planes/ie-prueba-2024.toml: 2 docentes nuevos, 1 actualizado")
    );
    // Then the site's check, as `senda check` prints it: the new teachers have no visits.
    assert_eq!(
        run.stdout.lines().nth(1),
        Some("senda check: 3 advertencias")
    );
    assert!(
        run.stderr
            .contains("advertencia[W6]: la o el docente `d03` no tiene ninguna visita programada"),
        "{}",
        run.stderr
    );
    let plan = fs::read_to_string(site.path(PLAN)).expect("plan");
    assert!(plan.contains(MERGED), "{plan}");
    assert_eq!(plan.matches("[[docentes]]").count(), 4, "{plan}");
}

#[test]
fn import_docentes_from_csv() {
    assert_imported("docentes.csv");
}

#[test]
fn import_docentes_from_xlsx() {
    assert_imported("docentes.xlsx");
}

#[test]
fn import_docentes_from_ods() {
    assert_imported("docentes.ods");
}

#[test]
fn import_bad_cells_are_all_reported_and_nothing_is_written() {
    let site = site_with("docentes-errores.xlsx");
    let before = fs::read(site.path(PLAN)).expect("plan");
    import(&site, "docentes-errores.xlsx").assert_failure(
        "error: docentes-errores.xlsx, hoja \"Hoja1\", fila 3, columna C: `superior` no es un nivel educativo
  = ayuda: escriba uno de: inicial, primaria, secundaria

error: docentes-errores.xlsx, hoja \"Hoja1\", fila 4, columna B: falta el nombre del docente
  = ayuda: escriba sus nombres y apellidos, o borre la fila

2 errores; no se escribió nada
",
    );
    assert_eq!(fs::read(site.path(PLAN)).expect("plan"), before);
}

#[test]
fn import_twice_updates_and_never_duplicates() {
    let site = site_with("docentes.csv");
    import(&site, "docentes.csv").assert_ok();
    let once = fs::read_to_string(site.path(PLAN)).expect("plan");
    let run = import(&site, "docentes.csv");
    run.assert_ok();
    assert_eq!(
        run.stdout.lines().next(),
        Some("site/content/planes/ie-prueba-2024.toml: 0 docentes nuevos, 3 actualizados")
    );
    assert_eq!(fs::read_to_string(site.path(PLAN)).expect("plan"), once);
}

#[test]
fn import_matches_by_code_and_keeps_comments_and_the_private_file() {
    let site = site_with("docentes.csv");
    let plan = fs::read_to_string(site.path(PLAN)).expect("plan");
    let commented = plan
        .replace(
            "id = \"d02\"\nnombre = \"Diego Ernesto Modelo Ficticio\"\n",
            "# Tutor del tercer grado.\nid = \"d02\"\nnombre = \"Diego Ernesto Modelo Ficticio\"   # ficticio\n",
        )
        .replace("grados = [\"3°\"]", "grados = [\"3°\"]   # hasta julio");
    assert_ne!(commented, plan);
    site.write(PLAN, &commented);
    // The code finds d01 whatever its name in the sheet.
    site.write(
        "../codigo.csv",
        "Código,Nombre,Grado\nd01,Carmen Rosa Inventada,1\n,Diego Ernesto Modelo Ficticio,4\n",
    );
    let private = "content/planes/ie-prueba-2024.privado.toml";
    site.write(private, "# no tocar\n");
    let run = import(&site, "codigo.csv");
    assert_eq!(
        run.stdout.lines().next(),
        Some("site/content/planes/ie-prueba-2024.toml: 0 docentes nuevos, 2 actualizados"),
        "{}",
        run.stderr
    );
    let after = fs::read_to_string(site.path(PLAN)).expect("plan");
    assert!(after.contains("id = \"d01\"\nnombre = \"Carmen Rosa Inventada\"\nnivel_educativo = \"primaria\"\ngrados = [\"1°\"]\n"), "{after}");
    assert!(after.contains("# Tutor del tercer grado.\nid = \"d02\"\nnombre = \"Diego Ernesto Modelo Ficticio\"   # ficticio\nnivel_educativo = \"primaria\"\ngrados = [\"4°\"]   # hasta julio\n"), "{after}");
    // Only the teachers changed: every other line is as written.
    assert_eq!(after.lines().count(), commented.lines().count());
    assert_eq!(
        fs::read_to_string(site.path(private)).expect("private"),
        "# no tocar\n"
    );
}

#[test]
fn import_visitas_updates_by_teacher_and_number_and_adds_the_rest() {
    let site = TestSite::fixture("plans");
    // By code and by name; a month replaces the date, a date the month.
    site.write(
        "../visitas.csv",
        "Docente,N°,Fecha,Mes,Fase\nd01,1,,Mayo,\nd01,3,,Noviembre,Salida\n\
         diego ernesto modelo ficticio,3,15/10/2024,,salida\nd02,4,2024-11-20,,Otro\n",
    );
    let run = site.senda_in(
        Lang::Default,
        &["import", "visitas", "ie-prueba-2024", "visitas.csv"],
    );
    assert_eq!(
        run.stdout.lines().next(),
        Some("site/content/planes/ie-prueba-2024.toml: 1 visita nueva, 3 actualizadas"),
        "{}",
        run.stderr
    );
    let plan = fs::read_to_string(site.path(PLAN)).expect("plan");
    // The month in the date's place, before the keys that followed it.
    assert!(
        plan.contains("docente = \"d01\"\nn = 1\nfase = \"diagnostico\"\nmes = \"may\"\nresponsable = \"dir\"\n"),
        "{plan}"
    );
    assert!(
        plan.contains("docente = \"d01\"\nn = 3\nfase = \"salida\"\nmes = \"nov\"\n"),
        "{plan}"
    );
    assert!(
        plan.contains("docente = \"d02\"\nn = 3\nfase = \"salida\"\nfecha = 2024-10-15\n"),
        "{plan}"
    );
    assert!(
        plan.contains(
            "[[visitas]]\ndocente = \"d02\"\nn = 4\nfase = \"otro\"\nfecha = 2024-11-20\n"
        ),
        "{plan}"
    );
    assert_eq!(plan.matches("[[visitas]]").count(), 7, "{plan}");
}

#[test]
fn import_visitas_bad_cells_are_all_reported() {
    let site = TestSite::fixture("plans");
    let before = fs::read(site.path(PLAN)).expect("plan");
    site.write(
        "../malas.csv",
        "Docente;N°;Fecha;Mes;Fase\nd09;1;;Agosto;Proceso\nd01;x;31/02/2024;;\nd02;2;;brumario;final\n",
    );
    site.senda_in(Lang::Default, &["import", "visitas", "ie-prueba-2024", "malas.csv"])
        .assert_failure(
            "error: malas.csv, fila 2, columna A: `d09` no está en los `[[docentes]]` del plan
  = ayuda: escriba el código o el nombre de una o un docente del plan; importe antes la lista con `senda import docentes`

error: malas.csv, fila 3, columna B: `x` no es un número de visita
  = ayuda: escriba 1 para la primera visita, 2 para la segunda...

error: malas.csv, fila 3, columna C: `31/02/2024` no es una fecha
  = ayuda: escriba la fecha como 2025-04-09 o 09/04/2025, o deje la celda vacía y escriba el mes

error: malas.csv, fila 4, columna D: `brumario` no es un mes
  = ayuda: escriba el mes como `abril` o `abr`

error: malas.csv, fila 4, columna E: `final` no es una fase de visita
  = ayuda: escriba una de: diagnostico, proceso, salida

5 errores; no se escribió nada
",
        );
    assert_eq!(fs::read(site.path(PLAN)).expect("plan"), before);
}
