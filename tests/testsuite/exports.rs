//! The exports that calendars and spreadsheets read: a calendar that subscribed apps keep
//! up to date when a plan is published again, `plan.json` and its schema, `planes.json`,
//! the consolidated table of all plans, and the visit schedule as a workbook.

use std::path::Path;

use crate::util::TestSite;

const PLAN: &str = "content/planes/ie-zeta-2024.toml";
const ICS: &str = "public/planes/ie-zeta-2024/calendario.ics";

fn site() -> TestSite {
    TestSite::fixture("privacy").with_bundled_theme()
}

/// Replaces `old`, which must occur once, in the privacy fixture's plan.
fn edit(site: &TestSite, old: &str, new: &str) {
    let plan = std::fs::read_to_string(site.path(PLAN)).expect("read the fixture plan");
    assert_eq!(plan.matches(old).count(), 1, "`{old}` must occur once");
    site.write(PLAN, plan.replace(old, new));
}

/// One line per event as Python's `icalendar` reads it:
/// `UID|SEQUENCE|LAST-MODIFIED|DTSTAMP|DTSTART|SUMMARY`.
fn events(site: &TestSite) -> Vec<String> {
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for e in cal.walk('VEVENT'):
    print('|'.join(str(x) for x in [e['UID'], e.decoded('SEQUENCE'),
        e.decoded('LAST-MODIFIED').isoformat(), e.decoded('DTSTAMP').isoformat(),
        e.decoded('DTSTART'), e['SUMMARY']]))
"#;
    crate::util::python_calendar(script, &site.path(ICS))
}

fn event<'a>(events: &'a [String], uid: &str) -> Vec<&'a str> {
    let line = events
        .iter()
        .find(|e| e.starts_with(uid))
        .unwrap_or_else(|| panic!("no event {uid} in {events:#?}"));
    line.split('|').collect()
}

/// Publishing, moving a visit and publishing again: the event keeps its UID and says it is
/// newer (SEQUENCE and LAST-MODIFIED grow), so a subscribed calendar moves it rather than
/// keeping the old one or adding a second. Renaming an activity keeps its UIDs too.
#[test]
fn a_moved_visit_is_the_same_event_marked_newer_and_a_renamed_activity_keeps_its_uid() {
    let site = site();
    site.build().assert_ok();
    let before = events(&site);
    let visit = "ie-zeta-2024-visita-d-0d53bccf02cd-1@senda";
    let first = event(&before, visit);
    assert_eq!(
        first,
        [
            visit,
            "464",
            "2024-03-15T00:07:44+00:00",
            "2024-03-15T00:07:44+00:00",
            "2024-04-09",
            "Visita I (diagnóstico) – Z. Q. U."
        ]
    );

    edit(&site, "fecha = 2024-04-09", "fecha = 2024-04-23");
    edit(
        &site,
        "nombre = \"Visitas en aula, diálogo reflexivo\"",
        "nombre = \"Visitas en aula y diálogo reflexivo\"",
    );
    site.build().assert_ok();
    let after = events(&site);
    let moved = event(&after, visit);
    assert_eq!(moved[4], "2024-04-23");
    assert!(
        moved[1].parse::<i64>().unwrap() > first[1].parse::<i64>().unwrap(),
        "SEQUENCE did not grow: {first:?} -> {moved:?}"
    );
    assert!(
        moved[2] > first[2] && moved[3] > first[3],
        "{first:?} -> {moved:?}"
    );
    // Every other visit is unchanged, to the byte.
    let others = |list: &[String]| -> Vec<String> {
        list.iter()
            .filter(|e| e.contains("-visita-") && !e.starts_with(visit))
            .cloned()
            .collect()
    };
    assert_eq!(others(&after), others(&before));
    // The activity's events keep their UIDs under the new name.
    let activity = |list: &[String]| -> Vec<(String, String)> {
        list.iter()
            .filter(|e| e.contains("-actividad-"))
            .map(|e| {
                let parts: Vec<&str> = e.split('|').collect();
                (parts[0].to_string(), parts[5].to_string())
            })
            .collect()
    };
    assert_eq!(
        activity(&after),
        [
            (
                "ie-zeta-2024-actividad-1-abr@senda".to_string(),
                "Visitas en aula y diálogo reflexivo".to_string()
            ),
            (
                "ie-zeta-2024-actividad-1-jun@senda".to_string(),
                "Visitas en aula y diálogo reflexivo".to_string()
            ),
        ]
    );
    assert_eq!(
        activity(&before).iter().map(|a| &a.0).collect::<Vec<_>>(),
        activity(&after).iter().map(|a| &a.0).collect::<Vec<_>>()
    );
}

/// With an `id`, an activity's events survive a new activity listed before it.
#[test]
fn an_activity_with_an_id_keeps_its_events_when_activities_are_added_before_it() {
    let site = site();
    edit(
        &site,
        "[[actividades]]\nnombre",
        "[[actividades]]\nid = \"visitas-aula\"\nnombre",
    );
    site.build().assert_ok();
    let uids = |site: &TestSite| -> Vec<String> {
        events(site)
            .iter()
            .filter(|e| e.contains("-actividad-"))
            .map(|e| e.split('|').next().unwrap().to_string())
            .collect()
    };
    let before = uids(&site);
    assert_eq!(
        before,
        [
            "ie-zeta-2024-actividad-visitas-aula-abr@senda",
            "ie-zeta-2024-actividad-visitas-aula-jun@senda"
        ]
    );
    edit(
        &site,
        "[[actividades]]\nid",
        "[[actividades]]\nnombre = \"Elaboración del plan\"\nresponsables = [\"dir\"]\nmeses = [\"mar\"]\n\n[[actividades]]\nid",
    );
    site.build().assert_ok();
    let after = uids(&site);
    assert_eq!(after[0], "ie-zeta-2024-actividad-1-mar@senda");
    assert_eq!(after[1..], before[..]);
}

#[test]
fn two_activities_with_one_id_are_an_error() {
    let site = site();
    edit(
        &site,
        "[[actividades]]\nnombre",
        "[[actividades]]\nid = \"gia\"\nnombre = \"GIA\"\nresponsables = [\"dir\"]\nmeses = [\"may\"]\n\n[[actividades]]\nid = \"gia\"\nnombre",
    );
    let run = site.build();
    assert!(
        run.stderr
            .contains("error[E6]: el id de actividad `gia` se repite"),
        "{}",
        run.stderr
    );
    assert!(!site.output_exists("planes/ie-zeta-2024/calendario.ics"));
}

/// The workbook's cells, as calamine reads them back: every one a string cell, none a
/// formula, even where a name is written as one.
fn workbook_cells(path: &Path) -> Vec<Vec<calamine::Data>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("a valid .xlsx");
    assert_eq!(book.sheet_names(), ["Visitas"]);
    let formulas = book.worksheet_formula("Visitas").expect("the sheet");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "a cell holds a formula"
    );
    let range = book.worksheet_range("Visitas").expect("the sheet");
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

#[test]
fn visit_workbook_has_the_csv_rows_as_text_cells_never_formulas() {
    let site = site();
    edit(
        &site,
        "nombre = \"Directora Ficticia Uno\"",
        r#"nombre = "=HYPERLINK(\"https://evil.example\",\"x\")""#,
    );
    edit(&site, "grados = [\"3°\"]", "grados = [\"+1\"]");
    site.build().assert_ok();
    let rows = workbook_cells(&site.path("public/planes/ie-zeta-2024/visitas.xlsx"));
    let text = |row: &[calamine::Data]| -> Vec<String> {
        row.iter()
            .map(|cell| match cell {
                calamine::Data::String(s) => s.clone(),
                calamine::Data::Empty => String::new(),
                other => panic!("not a text cell: {other:?}"),
            })
            .collect()
    };
    let rows: Vec<Vec<String>> = rows.iter().map(|r| text(r)).collect();
    let evil = r#"=HYPERLINK("https://evil.example","x")"#;
    assert_eq!(
        rows[0],
        [
            "docente",
            "codigo",
            "nivel",
            "grados",
            "secciones",
            "areas",
            "visita",
            "fase",
            "fecha",
            "mes",
            "responsable"
        ]
    );
    assert_eq!(
        rows[3],
        [
            "F. X. B.",
            "d-a316e967cca3",
            "primaria",
            "+1",
            "",
            "",
            "1",
            "diagnostico",
            "2024-04-10",
            "abril",
            evil
        ]
    );
    assert_eq!(rows.len(), 4);
    // The same rows as the CSV, which quotes what a spreadsheet would run.
    let csv = site.output("planes/ie-zeta-2024/visitas.csv");
    let csv_rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(csv_rows.len(), rows.len());
    assert!(csv_rows[3].starts_with("F. X. B.,d-a316e967cca3,primaria,'+1,"));
}

/// The published schema, compiled by a real JSON Schema validator.
fn published_schema(site_output: &Path) -> jsonschema::Validator {
    let text = std::fs::read_to_string(site_output.join("planes/plan.schema.json"))
        .expect("plan.schema.json is published");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn schema_errors(validator: &jsonschema::Validator, instance: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Every `plan.json` under `output` follows the schema published beside it; how many.
fn validate_every_plan(output: &Path) -> usize {
    let validator = published_schema(output);
    let mut count = 0;
    for (path, bytes) in crate::util::snapshot(output) {
        if !path.ends_with("plan.json") {
            continue;
        }
        let plan: serde_json::Value = serde_json::from_slice(&bytes).expect("plan.json is JSON");
        let errors = schema_errors(&validator, &plan);
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        count += 1;
    }
    count
}

#[test]
fn every_plan_json_of_the_fixtures_follows_the_published_schema() {
    let mut plans = 0;
    for fixture in ["basic", "plans", "privacy"] {
        let site = TestSite::fixture(fixture).with_bundled_theme();
        site.build().assert_ok();
        if site.output_exists("planes/plan.schema.json") {
            plans += validate_every_plan(&site.path("public"));
        }
    }
    assert_eq!(plans, 2, "the fixtures hold two plans");
}

#[test]
fn every_plan_json_of_the_bundled_site_follows_the_published_schema() {
    let output = crate::util::build_bundled_portal();
    assert!(validate_every_plan(output.path()) >= 2);
}

/// The schema holds the promises: no HTML, months as numbers, ISO dates, a known version.
/// (Were it looser, the validation above could not fail.)
#[test]
fn the_schema_refuses_html_month_names_and_dates_in_words() {
    let site = site();
    site.build().assert_ok();
    let validator = published_schema(&site.path("public"));
    let plan: serde_json::Value =
        serde_json::from_str(&site.output("planes/ie-zeta-2024/plan.json")).unwrap();
    assert_eq!(schema_errors(&validator, &plan), Vec::<String>::new());
    assert_eq!(plan["formato"], "senda-plan/1");
    assert_eq!(plan["visitas"][1]["mes"], 6);
    assert_eq!(plan["visitas"][0]["fecha"], "2024-04-09");
    assert_eq!(plan["aprobacion"]["fecha"], "2024-03-15");
    assert_eq!(plan["actividades"][0]["meses"], serde_json::json!([4, 6]));
    let broken = |pointer: &str, value: serde_json::Value| {
        let mut copy = plan.clone();
        *copy.pointer_mut(pointer).expect(pointer) = value;
        schema_errors(&validator, &copy)
    };
    for (pointer, value) in [
        ("/textos/presentacion", serde_json::json!("<p>El plan</p>")),
        ("/visitas/1/mes", serde_json::json!("junio")),
        ("/visitas/1/mes", serde_json::json!(13)),
        ("/visitas/0/fecha", serde_json::json!("9 de abril")),
        ("/formato", serde_json::json!("senda-plan/2")),
        ("/docentes/0/nombre", serde_json::json!(null)),
    ] {
        assert!(
            !broken(pointer, value.clone()).is_empty(),
            "{pointer} = {value} passed"
        );
    }
    let mut extra = plan.clone();
    extra["cronograma_visitas"] = serde_json::json!([]);
    assert!(!schema_errors(&validator, &extra).is_empty());
}

#[test]
fn planes_json_and_the_consolidated_csv_summarize_each_plan() {
    let site = site();
    edit(
        &site,
        "ugel = \"UGEL Chucuito\"",
        r#"ugel = "=HYPERLINK(\"https://evil.example\",\"x\")""#,
    );
    site.build().assert_ok();
    let all: serde_json::Value = serde_json::from_str(&site.output("planes/planes.json")).unwrap();
    let plan = &all["planes"][0];
    assert_eq!(plan["estado"], "aprobado");
    assert_eq!(plan["fecha_aprobacion"], "2024-03-15");
    assert_eq!(plan["docentes"], 2);
    assert_eq!(plan["visitas"], 3);
    assert_eq!(
        plan["visitas_por_mes"],
        serde_json::json!([0, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(
        plan["completitud"],
        serde_json::json!({"partes": 10, "completas": 7,
            "faltan": ["objetivos", "instrumentos", "presupuesto"]})
    );
    let csv = site.output("planes/consolidado.csv");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        "id,institucion,dre,ugel,anio,estado,aprobacion,fecha_aprobacion,docentes,visitas,partes_completas,faltan,url,ene,feb,mar,abr,may,jun,jul,ago,set,oct,nov,dic"
    );
    // The UGEL's name starts with `=`, the CSV's cell with a quote: never a formula.
    assert_eq!(
        lines[1],
        r#"ie-zeta-2024,IE N° 70001 «Zeta»,DRE Puno,"'=HYPERLINK(""https://evil.example"",""x"")",2024,aprobado,RD N° 001-2024-IE ZETA,2024-03-15,2,3,7/10,objetivos; instrumentos; presupuesto,https://example.org/planes/ie-zeta-2024/,0,0,0,2,0,1,0,0,0,0,0,0"#
    );
    assert_eq!(lines.len(), 3, "{csv}");
}

/// The rows of the listing's consolidated table, each cell's text joined with `|`.
fn consolidated_rows(html: &str) -> Vec<String> {
    let start = html
        .find("class=\"consolidado\"")
        .expect("a consolidated table");
    let table = &html[start..start + html[start..].find("</table>").expect("its end")];
    table
        .split("<tr>")
        .skip(1)
        .map(|row| {
            row.split(['<', '>'])
                .enumerate()
                .filter(|(i, text)| i % 2 == 0 && !text.trim().is_empty())
                .map(|(_, text)| text.trim())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

/// Two plans of one UGEL, one of another: a row per UGEL, a total, the months with visits.
#[test]
fn the_plans_listing_consolidates_by_ugel() {
    let site = site();
    let plan = std::fs::read_to_string(site.path(PLAN)).unwrap();
    let draft = plan
        .replace("ie-zeta-2024", "ie-eta-2024")
        .replace("estado = \"aprobado\"", "estado = \"en_revision\"")
        .replace("numero = \"RD N° 001-2024-IE ZETA\"", "")
        .replace("fecha = 2024-04-09", "fecha = 2024-05-09");
    site.write("content/planes/ie-eta-2024.toml", draft);
    let other = plan
        .replace("ie-zeta-2024", "ie-theta-2024")
        .replace("UGEL Chucuito", "UGEL Puno");
    site.write("content/planes/ie-theta-2024.toml", other);
    site.build().assert_ok();
    let rows = consolidated_rows(&site.output("planes/index.html"));
    assert_eq!(
        rows,
        [
            "DRE|UGEL|Planes|Planes por estado|Aprobados con RD|Visitas planificadas por mes",
            "En revisión|Aprobado|Abril|Mayo|Junio",
            "DRE Puno|UGEL Chucuito|2|1|1|1|3|1|2",
            "DRE Puno|UGEL Puno|1|0|1|1|2|0|1",
            "Total|3|1|2|2|5|1|3",
        ]
    );
    // Each UGEL's own listing has its row.
    let ugel = consolidated_rows(&site.output("planes/ugel/ugel-puno/index.html"));
    assert_eq!(ugel[2], "DRE Puno|UGEL Puno|1|1|1|2|1");
    assert!(
        site.output("planes/index.html")
            .contains("href=\"consolidado.csv\"")
    );
}

/// The workbook is compressed, so the byte scan of every output for private values
/// (`plans::private_data_never_reaches_any_output_file`) cannot see into it: its cells are
/// read back and scanned here, with names masked as the plan says.
#[test]
fn the_workbook_holds_no_private_value_and_masked_names_only() {
    for masking in ["iniciales", "codigo"] {
        let site = site();
        edit(
            &site,
            "nombres_docentes = \"iniciales\"",
            &format!("nombres_docentes = \"{masking}\""),
        );
        site.build().assert_ok();
        let rows = workbook_cells(&site.path("public/planes/ie-zeta-2024/visitas.xlsx"));
        let cells: Vec<String> = rows.iter().flatten().map(|c| c.to_string()).collect();
        for value in crate::util::PRIVATE_VALUES {
            assert!(
                !cells.iter().any(|c| c.contains(value)),
                "{value} is in the workbook ({masking}): {cells:?}"
            );
        }
        let names: Vec<&str> = rows[1..]
            .iter()
            .map(|r| match &r[0] {
                calamine::Data::String(s) => s.as_str(),
                _ => "",
            })
            .collect();
        let expected = match masking {
            "iniciales" => ["Z. Q. U.", "Z. Q. U.", "F. X. B."],
            _ => ["Docente 01", "Docente 01", "Docente 02"],
        };
        assert_eq!(names, expected);
    }
}
