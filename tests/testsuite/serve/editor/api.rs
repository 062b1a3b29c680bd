//! The editor's API on real plans: a hand-written plan keeps every comment through a save,
//! the list counts what `senda check` finds, a mistake comes back with its key path, new
//! plans are made as `senda new plan` makes them, uploads merge as `senda import` does.

use std::path::{Path, PathBuf};

use serde_json::{Value as Json, json};

use super::super::harness::EVENT;
use super::{Editor, PLAN, codes, json};
use crate::util::{TestSite, snapshot};

/// A spreadsheet of tests/fixtures/import.
pub(super) fn import_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

const COMMENTED: &str = "content/planes/ie-comentado-2024.toml";

/// The `plans` fixture with the hand-written plan of tests/fixtures/editor beside its plan.
fn site_with_commented_plan() -> (TestSite, String) {
    let site = TestSite::fixture("plans");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/editor/ie-comentado-2024.toml"),
    )
    .expect("fixture plan");
    site.write(COMMENTED, &text);
    (site, text)
}

fn read(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.path(rel)).expect("plan file")
}

#[test]
fn a_hand_written_plan_keeps_every_comment_and_its_layout_through_saves() {
    let (site, original) = site_with_commented_plan();
    assert!(
        original.matches('#').count() > 20,
        "the fixture has its comments"
    );
    let editor = Editor::start(&site);
    let mut plan = editor.get_json("/_editor/api/planes/ie-comentado-2024")["plan"].clone();
    assert_eq!(plan["periodo"]["fin"], "2024-12-20");

    // The whole plan sent back as the form read it: not a byte changes.
    let saved = editor.send("PUT", "/_editor/api/planes/ie-comentado-2024", &plan);
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(codes(&json(&saved)), vec![]);
    assert_eq!(read(&site, COMMENTED), original);

    // Three edits: only their lines change; the trailing comment of `ugel` stays.
    plan["institucion"]["ugel"] = json!("UGEL Nueva");
    plan["docentes"][1]["nombre"] = json!("Diego Nuevo Ficticio");
    plan["lema"] = Json::Null;
    let saved = editor.send("PUT", "/_editor/api/planes/ie-comentado-2024", &plan);
    assert_eq!(saved.status, 200, "{}", saved.text());
    let expected = original
        .replace(
            "ugel = \"UGEL Ejemplo\"  # la UGEL, como la escribe la RD",
            "ugel = \"UGEL Nueva\"  # la UGEL, como la escribe la RD",
        )
        .replace(
            "nombre = \"Diego Ernesto Modelo Ficticio\"",
            "nombre = \"Diego Nuevo Ficticio\"",
        )
        .replace("lema = \"Acompañamos para aprender mejor\"\n", "");
    assert_ne!(expected, original);
    assert_eq!(read(&site, COMMENTED), expected);

    // Some top-level keys only: the others are untouched.
    let saved = editor.send(
        "PUT",
        "/_editor/api/planes/ie-comentado-2024",
        &json!({"anio": 2024}),
    );
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(read(&site, COMMENTED), expected);
}

/// Each plan's error and warning counts are those `senda check` prints for its file.
#[test]
fn the_list_counts_each_plans_errors_and_warnings_as_check_does() {
    let site = TestSite::fixture("plans");
    let broken = read(&site, PLAN)
        .replace("id = \"ie-prueba-2024\"", "id = \"ie-roto-2024\"")
        .replacen("fecha = 2024-04-09", "fecha = 2030-04-09", 1);
    site.write("content/planes/ie-roto-2024.toml", &broken);
    let check = site.senda(&["check"]);
    let count = |kind: &str| check.stderr.lines().filter(|l| l.starts_with(kind)).count();
    let (errors, warnings) = (count("error"), count("warning"));
    assert!(errors > 0, "{}", check.stderr);
    let editor = Editor::start(&site);
    let list = editor.get_json("/_editor/api/planes");
    let planes = list["planes"].as_array().expect("planes");
    let summary: Vec<(&str, u64, u64)> = planes
        .iter()
        .map(|p| {
            let n = |k: &str| p[k].as_u64().expect("count");
            (
                p["id"].as_str().expect("id"),
                n("errores"),
                n("advertencias"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("ie-prueba-2024", 0, 0),
            ("ie-roto-2024", errors as u64, warnings as u64)
        ]
    );
    let good = &planes[0];
    assert_eq!(
        good["titulo"],
        "Plan de Monitoreo y Acompañamiento Pedagógico 2024"
    );
    assert_eq!(good["anio"], 2024);
    assert_eq!(good["estado"], "aprobado");
    assert_eq!(good["completitud"]["llenas"], good["completitud"]["total"]);
}

/// A visit moved out of the plan's period: the save is written all the same, and the
/// answer names the field (`visitas[0].fecha`) and the line it is on. Fixing it answers no
/// diagnostic and gives the file back as it was.
#[test]
fn a_save_with_a_mistake_is_written_and_its_diagnostic_names_the_field() {
    let site = TestSite::fixture("plans");
    let original = read(&site, PLAN);
    let editor = Editor::start(&site);
    let plan = editor.get_json("/_editor/api/planes/ie-prueba-2024")["plan"].clone();
    let mut visitas = plan["visitas"].clone();
    visitas[0]["fecha"] = json!("2030-04-09");
    let saved = editor.send(
        "PUT",
        "/_editor/api/planes/ie-prueba-2024",
        &json!({"visitas": visitas}),
    );
    assert_eq!(saved.status, 200, "{}", saved.text());
    let written = read(&site, PLAN);
    assert_eq!(
        written,
        original.replacen("fecha = 2024-04-09", "fecha = 2030-04-09", 1)
    );
    let answer = json(&saved);
    let e10 = answer["diagnosticos"]
        .as_array()
        .expect("diagnosticos")
        .iter()
        .find(|d| d["codigo"] == "E10")
        .unwrap_or_else(|| panic!("no E10 in {answer}"));
    assert_eq!(e10["nivel"], "error");
    assert_eq!(e10["clave"], "visitas[0].fecha");
    let line = written
        .lines()
        .position(|l| l == "fecha = 2030-04-09")
        .expect("line")
        + 1;
    assert_eq!(e10["linea"], line);
    assert_eq!(e10["columna"], 9);
    assert!(
        e10["mensaje"]
            .as_str()
            .is_some_and(|m| m.contains("fuera del periodo"))
    );
    assert!(e10["ayuda"].is_string());
    // GET reports the same.
    let got = editor.get_json("/_editor/api/planes/ie-prueba-2024");
    assert_eq!(codes(&got), codes(&answer));

    visitas[0]["fecha"] = json!("2024-04-09");
    let fixed = editor.send(
        "PUT",
        "/_editor/api/planes/ie-prueba-2024",
        &json!({"visitas": visitas}),
    );
    assert_eq!(codes(&json(&fixed)), vec![]);
    assert_eq!(read(&site, PLAN), original);
}

/// The site rebuilds after a save as after any other: its public page shows the edit.
#[test]
fn a_save_rebuilds_the_live_site() {
    let site = TestSite::fixture("plans");
    let editor = Editor::start(&site);
    let urls = editor.get_json("/_editor/api/planes/ie-prueba-2024")["urls"].clone();
    assert_eq!(urls["publica"], "/planes/ie-prueba-2024/");
    assert_eq!(urls["impresion"], "/planes/ie-prueba-2024/imprimir/");
    let saved = editor.send(
        "PUT",
        "/_editor/api/planes/ie-prueba-2024",
        &json!({"lema": "Lema cambiado en el editor"}),
    );
    assert_eq!(saved.status, 200, "{}", saved.text());
    editor.server.wait_rebuilt_lines(1, EVENT);
    let exported = editor.server.page("/planes/ie-prueba-2024/plan.json");
    assert!(
        exported.contains("\"lema\": \"Lema cambiado en el editor\""),
        "{exported}"
    );
}

#[test]
fn a_new_plan_is_the_template_or_next_years_plan_as_senda_new_plan_writes_them() {
    let site = TestSite::fixture("plans");
    let cli = TestSite::fixture("plans");
    let editor = Editor::start(&site);

    let created = editor.send(
        "POST",
        "/_editor/api/planes",
        &json!({"id": "ie-nueva-2026"}),
    );
    assert_eq!(created.status, 201, "{}", created.text());
    let answer = json(&created);
    assert_eq!(answer["id"], "ie-nueva-2026");
    // The template's leftovers are reported (as warnings: the template is a draft).
    assert!(
        codes(&answer)
            .iter()
            .any(|(code, nivel, _)| code == "E21" && nivel == "advertencia"),
        "{answer}"
    );
    cli.senda(&["new", "plan", "ie-nueva-2026"]).assert_ok();
    let template = "content/planes/ie-nueva-2026.toml";
    assert_eq!(read(&site, template), read(&cli, template));

    let next = editor.send(
        "POST",
        "/_editor/api/planes",
        &json!({"id": "ie-prueba-2025", "desde": "ie-prueba-2024"}),
    );
    assert_eq!(next.status, 201, "{}", next.text());
    cli.senda(&["new", "plan", "ie-prueba-2025", "--from", "ie-prueba-2024"])
        .assert_ok();
    let copy = "content/planes/ie-prueba-2025.toml";
    assert_eq!(read(&site, copy), read(&cli, copy));
    assert!(read(&site, copy).contains("estado = \"borrador\""));

    // Never over an existing plan, nor from a missing one.
    let before = snapshot(&site.root);
    let again = editor.send(
        "POST",
        "/_editor/api/planes",
        &json!({"id": "ie-prueba-2024"}),
    );
    assert_eq!(again.status, 409, "{}", again.text());
    let missing = editor.send(
        "POST",
        "/_editor/api/planes",
        &json!({"id": "ie-otro-2025", "desde": "ie-nada-2024"}),
    );
    assert_eq!(missing.status, 404, "{}", missing.text());
    assert!(
        snapshot(&site.root) == before,
        "a refused creation changed the site"
    );
}

/// An upload merges the spreadsheet as `senda import` does; a spreadsheet with a bad cell
/// is reported, cell by cell, and nothing is written.
#[test]
fn an_uploaded_spreadsheet_is_imported_as_senda_import_does() {
    for (kind, file) in [
        ("docentes", "docentes.csv"),
        ("docentes", "docentes.xlsx"),
        ("docentes", "docentes.ods"),
    ] {
        let site = TestSite::fixture("plans");
        let cli = TestSite::fixture("plans");
        let editor = Editor::start(&site);
        let bytes = std::fs::read(import_fixture(file)).expect("spreadsheet");
        let headers = [
            ("X-Senda-Token", editor.token.as_str()),
            ("X-Senda-Archivo", file),
        ];
        let target = format!("/_editor/api/planes/ie-prueba-2024/importar/{kind}");
        let response = editor.call("POST", &target, &headers, &bytes);
        assert_eq!(response.status, 200, "{file}: {}", response.text());
        let answer = json(&response);
        assert_eq!(
            answer["resumen"],
            format!("2 docentes nuevos, 1 actualizado desde {file}"),
            "{answer}"
        );
        let path = import_fixture(file);
        cli.senda(&["import", kind, "ie-prueba-2024", &path.to_string_lossy()])
            .assert_ok();
        assert_eq!(read(&site, PLAN), read(&cli, PLAN), "{file}");
    }
    let site = TestSite::fixture("plans");
    let editor = Editor::start(&site);

    // Visits, from a file whose name has an accent (sent percent-encoded, as a header
    // holds only Latin-1).
    let visits = "Docente,N°,Fecha,Mes,Fase\nd01,1,,Mayo,\nd02,4,2024-11-20,,Otro\n";
    let headers = [
        ("X-Senda-Token", editor.token.as_str()),
        ("X-Senda-Archivo", "visitas%20de%20a%C3%B1o.csv"),
    ];
    let response = editor.call(
        "POST",
        "/_editor/api/planes/ie-prueba-2024/importar/visitas",
        &headers,
        visits.as_bytes(),
    );
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(
        json(&response)["resumen"],
        "1 visita nueva, 1 actualizada desde visitas de año.csv"
    );
    let cli = TestSite::fixture("plans");
    cli.write("../visitas.csv", visits);
    cli.senda(&["import", "visitas", "ie-prueba-2024", "visitas.csv"])
        .assert_ok();
    assert_eq!(read(&site, PLAN), read(&cli, PLAN));

    let before = snapshot(&site.root);
    let bytes = std::fs::read(import_fixture("docentes-errores.xlsx")).expect("spreadsheet");
    let headers = [
        ("X-Senda-Token", editor.token.as_str()),
        ("X-Senda-Archivo", "docentes-errores.xlsx"),
    ];
    let response = editor.call(
        "POST",
        "/_editor/api/planes/ie-prueba-2024/importar/docentes",
        &headers,
        &bytes,
    );
    let answer = json(&response);
    let errors: Vec<&str> = answer["diagnosticos"]
        .as_array()
        .expect("diagnosticos")
        .iter()
        .filter(|d| d["nivel"] == "error")
        .map(|d| d["mensaje"].as_str().unwrap_or_default())
        .collect();
    assert!(
        !errors.is_empty() && errors.iter().all(|m| m.contains("docentes-errores.xlsx")),
        "{answer}"
    );
    assert!(
        snapshot(&site.root) == before,
        "a refused import changed the site"
    );
}

#[test]
fn the_vocabulary_lists_what_check_accepts() {
    let site = TestSite::fixture("plans");
    let editor = Editor::start(&site);
    let vocabulary = editor.get_json("/_editor/api/vocabulario");
    let meses = vocabulary["meses"].as_array().expect("meses");
    assert_eq!(meses.len(), 12);
    assert_eq!(meses[8], json!({"valor": "set", "nombre": "setiembre"}));
    assert!(
        vocabulary["tipos_estrategia"]
            .as_array()
            .expect("tipos")
            .iter()
            .any(|t| t["valor"] == "gia")
    );
    assert_eq!(vocabulary["competencias_mbdd"][0]["numero"], 1);
    assert!(
        vocabulary["estados"]
            .as_array()
            .expect("estados")
            .iter()
            .any(|e| e["valor"] == "borrador")
    );
}
