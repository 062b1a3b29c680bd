//! The CSV exports: a plan's visit schedule (`visitas.csv`) and the consolidated table of
//! all plans (`planes/consolidado.csv`). UTF-8 with a byte-order mark so spreadsheet
//! programs read the accents, CRLF line ends, and no cell a spreadsheet would run.

use std::borrow::Cow;

use super::super::calendar::month_name;
use super::super::view::PublicPlan;
use super::super::vocab::Term;

/// The columns of the visit schedule, in `visitas.csv` and `visitas.xlsx`: `codigo` is the
/// teacher's public id, beside the masked name, so two teachers whose initials agree stay
/// two.
pub(super) const VISIT_COLUMNS: [&str; 11] = [
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
    "responsable",
];

/// The visit schedule's rows, teacher by teacher in the plan's order, names masked as on
/// the page.
pub(super) fn visit_rows(plan: &PublicPlan) -> Vec<[String; 11]> {
    let mut rows = Vec::new();
    for docente in &plan.docentes {
        let visits = plan
            .cronograma_visitas
            .iter()
            .flat_map(|row| row.visitas.iter().flatten())
            .filter(|v| v.docente_id == docente.id);
        for visit in visits {
            rows.push([
                docente.nombre.clone(),
                docente.id.clone(),
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
            ]);
        }
    }
    rows
}

/// `visitas.csv`.
pub(super) fn visits_csv(plan: &PublicPlan) -> Vec<u8> {
    table(&VISIT_COLUMNS, visit_rows(plan))
}

/// A CSV file: the byte-order mark, the header, the rows.
pub(super) fn table<const N: usize>(header: &[&str; N], rows: Vec<[String; N]>) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, header.iter().map(|h| h.to_string()));
    for row in rows {
        push_row(&mut out, row);
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

#[cfg(test)]
mod tests {
    use super::*;

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
