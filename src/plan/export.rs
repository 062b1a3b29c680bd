//! Open data from the public view: an iCalendar file of visits and activities, the plan as
//! JSON, the visit schedule as CSV, and an index of all plans as one JSON file. Everything here reads
//! `PublicPlan` only, so exports carry the same masked names as the pages.

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;

use super::calendar::{Fecha, SchoolYear, month_name, month_number};
use super::paths;
use super::view::{PlanSummary, PublicPlan};
use super::vocab::Term;
use crate::resolve::slug::slugify;
use crate::write::OutputFile;

/// Every export file of every plan in `plans`.
pub fn files(plans: &[PublicPlan]) -> Vec<OutputFile> {
    plans
        .par_iter()
        .flat_map_iter(|plan| {
            [
                OutputFile::new(paths::calendar_file(&plan.id), calendar(plan).into_bytes()),
                OutputFile::new(paths::json_file(&plan.id), to_json(plan).into_bytes()),
                OutputFile::new(paths::csv_file(&plan.id), visits_csv(plan)),
            ]
        })
        .collect()
}

/// `planes/planes.json`: every plan's summary with the address of its full data. A national
/// portal holds 100,000 plans, and one file repeating all of them would be gigabytes.
pub fn index(summaries: &[PlanSummary]) -> Option<OutputFile> {
    #[derive(Serialize)]
    struct All<'a> {
        esquema: &'static str,
        planes: &'a [PlanSummary],
    }
    let all = All {
        esquema: "pmap/1",
        planes: summaries,
    };
    (!summaries.is_empty())
        .then(|| OutputFile::new(paths::INDEX_JSON.to_string(), to_json(&all).into_bytes()))
}

/// Where `files` writes, without making the files: for `senda check`, which looks for
/// clashes with other output but keeps nothing.
pub fn paths(plans: &[PublicPlan]) -> Vec<String> {
    plans
        .iter()
        .flat_map(|plan| paths::exports(&plan.id))
        .collect()
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// The visit schedule as CSV: UTF-8 with a byte-order mark so spreadsheet programs read the
/// accents, CRLF line ends, names masked as on the page.
fn visits_csv(plan: &PublicPlan) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let header = [
        "docente",
        "nivel",
        "grados",
        "secciones",
        "areas",
        "visita",
        "fase",
        "fecha",
        "mes",
        "responsable",
    ];
    push_row(&mut out, header.iter().map(|h| h.to_string()));
    for docente in &plan.docentes {
        let visits = plan
            .cronograma_visitas
            .iter()
            .flat_map(|row| row.visitas.iter().flatten())
            .filter(|v| v.docente_id == docente.id);
        for visit in visits {
            push_row(
                &mut out,
                [
                    docente.nombre.clone(),
                    docente.nivel_educativo.clone().unwrap_or_default(),
                    docente.grados.join("; "),
                    docente.secciones.join("; "),
                    docente.areas.join("; "),
                    visit.n.to_string(),
                    visit
                        .fase
                        .map_or(String::new(), |f| f.spelling().to_string()),
                    visit.fecha.map(|f| f.to_string()).unwrap_or_default(),
                    month_name(visit.mes).to_string(),
                    visit.responsable.clone(),
                ],
            );
        }
    }
    out.into_bytes()
}

fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    let cells: Vec<String> = cells.into_iter().map(|c| csv_cell(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// One CSV cell, quoted when it must be. A cell that starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return is a formula to a spreadsheet program (`=HYPERLINK(…)` runs when
/// the file is opened), so it gets a leading `'`, as OWASP's CSV-injection advice says. No
/// column holds a number that could be negative (visit numbers start at 1, dates and
/// months are text), so no legitimate value is changed by it.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

/// The plan's visits and activities as an RFC 5545 calendar. UIDs are made from the plan
/// id, the teacher's id and visit number, or the activity's name and month: stable across
/// re-publishing, so subscribed calendars update their events instead of duplicating them.
fn calendar(plan: &PublicPlan) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//senda//pmap/1//ES".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!(
            "X-WR-CALNAME:{}",
            escape(&format!(
                "{} – {}",
                plan.titulo, plan.institucion.nombre_completo
            ))
        ),
    ];
    let stamp = format!("DTSTAMP:{}T000000Z", compact(stamp_date(plan)));
    for row in &plan.cronograma_visitas {
        for visit in row.visitas.iter().flatten() {
            let Some((start, end)) = visit
                .fecha
                .map(|day| (day, day.next_day()))
                .or_else(|| month_span(plan.anio_escolar, visit.mes))
            else {
                continue;
            };
            let phase = visit
                .fase_texto
                .as_ref()
                .map(|f| format!(" ({f})"))
                .unwrap_or_default();
            lines.extend(event(
                format!(
                    "{}-visita-{}-{}@senda",
                    plan.id,
                    escape(&visit.docente_id),
                    visit.n
                ),
                &stamp,
                start,
                end,
                &format!("Visita {}{phase} – {}", visit.numero_romano, visit.docente),
                &format!("Responsable: {}", visit.responsable),
            ));
        }
    }
    for activity in &plan.actividades {
        for (month, marked) in plan.meses.iter().zip(&activity.marcas) {
            let Some(number) = month_number(&month.token).filter(|_| *marked) else {
                continue;
            };
            let Some((start, end)) = month_span(plan.anio_escolar, number) else {
                continue;
            };
            lines.extend(event(
                format!(
                    "{}-actividad-{}-{}@senda",
                    plan.id,
                    slugify(&activity.nombre),
                    month.token
                ),
                &stamp,
                start,
                end,
                &activity.nombre,
                &format!("Responsables: {}", activity.responsables.join(", ")),
            ));
        }
    }
    lines.push("END:VCALENDAR".to_string());
    lines.iter().map(|l| fold(l)).collect::<Vec<_>>().join("")
}

fn event(
    uid: String,
    stamp: &str,
    start: Fecha,
    end: Fecha,
    summary: &str,
    description: &str,
) -> Vec<String> {
    vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}"),
        stamp.to_string(),
        format!("DTSTART;VALUE=DATE:{}", compact(start)),
        format!("DTEND;VALUE=DATE:{}", compact(end)),
        format!("SUMMARY:{}", escape(summary)),
        format!("DESCRIPTION:{}", escape(description)),
        "TRANSP:TRANSPARENT".to_string(),
        "END:VEVENT".to_string(),
    ]
}

/// A month-long event: from the 1st of the month to the 1st of the next, in the year
/// `calendar` gives the month, as the rules read it.
fn month_span(year: SchoolYear, month: u8) -> Option<(Fecha, Fecha)> {
    let (first, last) = year.month_days(month)?;
    Some((first, last.next_day()))
}

/// A fixed DTSTAMP keeps builds byte-identical: the approval date, else the period's start.
fn stamp_date(plan: &PublicPlan) -> Fecha {
    plan.aprobacion
        .as_ref()
        .and_then(|a| a.fecha)
        .or(plan.periodo.as_ref().map(|p| p.inicio))
        .unwrap_or(Fecha {
            anio: plan.anio as i32,
            mes: 1,
            dia: 1,
        })
}

fn compact(date: Fecha) -> String {
    format!("{:04}{:02}{:02}", date.anio, date.mes, date.dia)
}

/// TEXT escaping of RFC 5545 §3.3.11: backslash, `;` and `,` escaped, a line break (LF,
/// CRLF, or U+2028/U+2029) written `\n`. Other control characters, a bare CR among them,
/// are dropped: TEXT may not hold them, and a parser that splits lines on CR alone would
/// read what follows as a property of its own.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines longer than 75 octets are folded with CRLF and a space (§3.1), never
/// inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "á".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        assert_eq!(escape("a\r\nb\u{2028}c\td"), "a\\nb\\nc\td");
    }

    #[test]
    fn control_characters_are_dropped_from_text_values() {
        assert_eq!(
            escape("Plan\rBEGIN:VEVENT\u{0}\u{b}\u{85}\u{7f}"),
            "PlanBEGIN:VEVENT"
        );
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_get_a_quote() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(csv_cell("+51 1 2"), "'+51 1 2");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\t=1"), "'\t=1");
        assert_eq!(csv_cell("\r=1"), "\"'\r=1\"");
        assert_eq!(csv_cell("a=1"), "a=1");
        assert_eq!(csv_cell("2024-04-09"), "2024-04-09");
    }

    #[test]
    fn csv_cells_are_quoted_when_needed() {
        assert_eq!(csv_cell("5 años, A"), "\"5 años, A\"");
        assert_eq!(csv_cell("dice \"hola\""), "\"dice \"\"hola\"\"\"");
        assert_eq!(csv_cell("simple"), "simple");
    }
}
