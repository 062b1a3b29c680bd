//! `calendario.ics`: the plan's visits and activities as an RFC 5545 calendar that
//! subscribed calendars (Google, Outlook, Thunderbird) keep up to date.
//!
//! Identity. Every event's UID is made of ids, never of text a director edits: a visit is
//! the plan id, the teacher's public id (`Docente::id`, opaque while names are masked) and
//! the visit number; an activity's month is the plan id, the activity's `id` (its position,
//! `3`, when the plan gives none) and the month. Renaming an activity, or moving a visit,
//! keeps its UID, so a calendar updates the event instead of adding a second one.
//!
//! Change marker. A subscriber replaces an event it already has only when the new copy says
//! it is newer: a higher SEQUENCE, or (at equal SEQUENCE) a later DTSTAMP / LAST-MODIFIED.
//! Builds are reproducible (no clock), so these come from the plan's data. No function of
//! the current data alone can grow with every edit (moving a visit from A to B and back
//! would have to raise it twice), so the marker is chosen to grow with the edit that
//! subscribers most need to see, a visit postponed or a month narrowed to its exact day:
//! SEQUENCE is the number of days from 1 January of the year before `anio` to the event's
//! start (always positive, even for a February activity of a September–June year), and
//! DTSTAMP = LAST-MODIFIED is the plan's reference day (approval, else period start) at
//! midnight UTC plus that many seconds: the day stays the day the plan was approved, and
//! the time orders revisions as SEQUENCE does. A visit moved earlier gets a lower marker;
//! subscriptions (this file is METHOD:PUBLISH, not an iTIP request) re-read the whole feed
//! and take each UID's copy from it, which the three clients do on every refresh.

use super::super::calendar::{Fecha, SchoolYear, month_number};
use super::super::view::PublicPlan;

/// The calendar file's text, CRLF line ends, long lines folded.
pub(super) fn calendar(plan: &PublicPlan) -> String {
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
    for event in visits(plan).into_iter().chain(activities(plan)) {
        lines.extend(event.lines(plan));
    }
    lines.push("END:VCALENDAR".to_string());
    lines.iter().map(|l| fold(l)).collect::<Vec<_>>().join("")
}

struct Event {
    uid: String,
    start: Fecha,
    /// Exclusive, as DTEND of an all-day event is.
    end: Fecha,
    summary: String,
    description: String,
}

fn visits(plan: &PublicPlan) -> Vec<Event> {
    let mut events = Vec::new();
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
            events.push(Event {
                uid: format!(
                    "{}-visita-{}-{}@senda",
                    plan.id,
                    escape(&visit.docente_id),
                    visit.n
                ),
                start,
                end,
                summary: format!("Visita {}{phase} – {}", visit.numero_romano, visit.docente),
                description: format!("Responsable: {}", visit.responsable),
            });
        }
    }
    events
}

fn activities(plan: &PublicPlan) -> Vec<Event> {
    let mut events = Vec::new();
    for activity in &plan.actividades {
        for (month, marked) in plan.meses.iter().zip(&activity.marcas) {
            let Some(number) = month_number(&month.token).filter(|_| *marked) else {
                continue;
            };
            let Some((start, end)) = month_span(plan.anio_escolar, number) else {
                continue;
            };
            events.push(Event {
                uid: format!(
                    "{}-actividad-{}-{}@senda",
                    plan.id,
                    escape(&activity.id),
                    month.token
                ),
                start,
                end,
                summary: activity.nombre.clone(),
                description: format!("Responsables: {}", activity.responsables.join(", ")),
            });
        }
    }
    events
}

impl Event {
    fn lines(&self, plan: &PublicPlan) -> Vec<String> {
        let (sequence, stamp) = revision(plan, self.start);
        vec![
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", self.uid),
            format!("DTSTAMP:{stamp}"),
            format!("LAST-MODIFIED:{stamp}"),
            format!("SEQUENCE:{sequence}"),
            format!("DTSTART;VALUE=DATE:{}", compact(self.start)),
            format!("DTEND;VALUE=DATE:{}", compact(self.end)),
            format!("SUMMARY:{}", escape(&self.summary)),
            format!("DESCRIPTION:{}", escape(&self.description)),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ]
    }
}

/// An event's SEQUENCE and its DTSTAMP / LAST-MODIFIED (UTC), as the module's comment
/// explains: both grow with the number of days from 1 January of the year before `anio`
/// to the event's start.
fn revision(plan: &PublicPlan, start: Fecha) -> (i64, String) {
    let origin = Fecha {
        anio: plan.anio as i32 - 1,
        mes: 1,
        dia: 1,
    };
    // Rule E3 keeps every date of a plan within a few years of `anio`: far from a day's
    // 86,400 seconds.
    let sequence = (start.days() - origin.days()).clamp(0, 86_399);
    let stamp = format!(
        "{}T{:02}{:02}{:02}Z",
        compact(super::reference_day(plan)),
        sequence / 3600,
        sequence / 60 % 60,
        sequence % 60
    );
    (sequence, stamp)
}

/// A month-long event: from the 1st of the month to the 1st of the next, in the year
/// `calendar` gives the month, as the rules read it.
fn month_span(year: SchoolYear, month: u8) -> Option<(Fecha, Fecha)> {
    let (first, last) = year.month_days(month)?;
    Some((first, last.next_day()))
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
}
