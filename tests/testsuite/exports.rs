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
                "ie-zeta-2024-actividad-a1-abr@senda".to_string(),
                "Visitas en aula y diálogo reflexivo".to_string()
            ),
            (
                "ie-zeta-2024-actividad-a1-jun@senda".to_string(),
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
    assert_eq!(after[0], "ie-zeta-2024-actividad-a1-mar@senda");
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
