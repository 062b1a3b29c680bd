//! The two schedules plans draw as tables. The activity schedule (Gantt): rows of activities,
//! a column per month (headed by names, tokens or the letters M A M J J A S O N D) with a
//! mark (`X`, `✓`) in the months it runs. The visit schedule: rows of teachers, a column
//! per visit ("JUNIO I VISITA"), with a mark, a date or a month in each cell.

use super::draft::{Teacher, Visit};
use super::sections::words;
use crate::plan::calendar::{self, Fecha, month_token};

/// One activity row as written; its responsibles are matched to the team by the caller.
#[derive(Debug, PartialEq)]
pub struct Row {
    pub nombre: String,
    pub responsables: String,
    pub meses: Vec<&'static str>,
    pub evidencia: Option<String>,
}

const INITIALS: [char; 12] = ['E', 'F', 'M', 'A', 'M', 'J', 'J', 'A', 'S', 'O', 'N', 'D'];

/// The month (1–12) a word names: "junio", "jun", "setiembre", "septiembre", "sept".
pub fn month_of_word(word: &str) -> Option<u8> {
    let w = words(word);
    // Word tables also abbreviate September "sept", which plans' own fields never do.
    if w == "sept" {
        return Some(9);
    }
    calendar::month_number(&w)
}

/// The first month named anywhere in `text`.
fn month_in(text: &str) -> Option<u8> {
    words(text).split(' ').find_map(month_of_word)
}

/// A cell that marks a month or a visit.
fn is_mark(cell: &str) -> bool {
    let t = cell.trim();
    matches!(t, "x" | "X" | "✓" | "✔" | "√" | "●" | "•" | "■" | "☑")
}

/// The month of each month column of a header row, if it has at least three.
fn month_columns(row: &[String]) -> Option<Vec<(usize, u8)>> {
    let named: Vec<(usize, u8)> = row
        .iter()
        .enumerate()
        .filter_map(|(i, c)| month_of_word(c).map(|m| (i, m)))
        .collect();
    if named.len() >= 3 {
        return Some(named);
    }
    let letters: Vec<(usize, char)> = row
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let mut chars = c.trim().chars();
            match (chars.next(), chars.next()) {
                (Some(l), None) if INITIALS.contains(&l.to_ascii_uppercase()) => {
                    Some((i, l.to_ascii_uppercase()))
                }
                _ => None,
            }
        })
        .collect();
    if letters.len() < 3 {
        return None;
    }
    // The letters are consecutive months: find the first, March before the others.
    let start = [2usize, 0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11]
        .into_iter()
        .find(|s| {
            letters
                .iter()
                .enumerate()
                .all(|(k, (_, l))| INITIALS[(s + k) % 12] == *l)
        })?;
    Some(
        letters
            .iter()
            .enumerate()
            .map(|(k, (i, _))| (*i, ((start + k) % 12) as u8 + 1))
            .collect(),
    )
}

/// The column (of the first `rows`) whose header has one of `keys`, other than `not`.
fn column(header: &[Vec<String>], keys: &[&str], not: &[usize]) -> Option<usize> {
    header.iter().find_map(|row| {
        row.iter().enumerate().find_map(|(i, c)| {
            let w = words(c);
            (keys.iter().any(|k| w.contains(k)) && !not.contains(&i)).then_some(i)
        })
    })
}

/// The table as an activity schedule, if a header row in its first three has months.
pub fn activities(rows: &[Vec<String>]) -> Option<Vec<Row>> {
    let (h, months) = rows
        .iter()
        .take(3)
        .enumerate()
        .find_map(|(i, row)| month_columns(row).map(|m| (i, m)))?;
    let month_cols: Vec<usize> = months.iter().map(|(i, _)| *i).collect();
    let header = &rows[..=h];
    let name = column(header, &["actividad", "accion", "tarea"], &month_cols).unwrap_or(0);
    let responsible = column(header, &["responsable", "encargado"], &month_cols);
    let evidence = column(
        header,
        &["evidencia", "producto", "verificacion"],
        &month_cols,
    );
    let cell = |row: &Vec<String>, i: Option<usize>| {
        i.and_then(|i| row.get(i))
            .map(|c| c.replace('\n', " "))
            .filter(|c| !c.trim().is_empty())
    };
    let out = rows[h + 1..]
        .iter()
        .filter_map(|row| {
            let nombre = cell(row, Some(name))?;
            let meses = months
                .iter()
                .filter(|(i, _)| row.get(*i).is_some_and(|c| is_mark(c)))
                .map(|(_, m)| month_token(*m))
                .collect();
            Some(Row {
                nombre: nombre.trim().to_string(),
                responsables: cell(row, responsible).unwrap_or_default(),
                meses,
                evidencia: cell(row, evidence),
            })
        })
        .collect();
    Some(out)
}

/// An activity typed as a line, "Visitas al aula: de junio a noviembre" or
/// "Informe: diciembre": its name, and the months after it (a range from one to another).
pub fn activity_line(text: &str) -> Option<Row> {
    let (name, when) = text.split_once(':').or_else(|| text.split_once('\t'))?;
    let w = words(when);
    let tokens: Vec<&str> = w.split(' ').collect();
    let mut months: Vec<u8> = Vec::new();
    for (k, token) in tokens.iter().enumerate() {
        let Some(m) = month_of_word(token) else {
            continue;
        };
        let ranged = k >= 2 && matches!(tokens[k - 1], "a" | "hasta" | "al");
        match (ranged, months.last().copied()) {
            (true, Some(from)) => {
                let mut next = from % 12 + 1;
                while next != m % 12 + 1 && months.len() < 12 {
                    months.push(next);
                    next = next % 12 + 1;
                }
            }
            _ => months.push(m),
        }
    }
    let name = name.trim();
    (!months.is_empty() && !name.is_empty()).then(|| Row {
        nombre: name.to_string(),
        responsables: String::new(),
        meses: months.into_iter().map(month_token).collect(),
        evidencia: None,
    })
}

/// A visit column: its number, and the month and phase its header names.
struct VisitColumn {
    index: usize,
    n: i64,
    mes: Option<u8>,
    fase: Option<&'static str>,
}

fn visit_number(header: &str) -> Option<i64> {
    let w = words(header);
    let ordinals = [
        ("iii", 3),
        ("ii", 2),
        ("i", 1),
        ("iv", 4),
        ("v", 5),
        ("primera", 1),
        ("segunda", 2),
        ("tercera", 3),
        ("cuarta", 4),
        ("1", 1),
        ("2", 2),
        ("3", 3),
        ("4", 4),
        ("1ra", 1),
        ("2da", 2),
        ("3ra", 3),
    ];
    let tokens: Vec<&str> = w.split(' ').collect();
    let at = tokens.iter().position(|t| *t == "visita")?;
    let near = [at.checked_sub(1), Some(at + 1)];
    near.iter()
        .flatten()
        .filter_map(|i| tokens.get(*i))
        .find_map(|t| ordinals.iter().find(|(o, _)| o == t).map(|(_, n)| *n))
}

/// The table as a visit schedule: its teachers, and their visits. `year` dates a cell
/// written `dd/mm`.
pub fn visits(rows: &[Vec<String>], year: Option<i64>) -> Option<(Vec<Teacher>, Vec<Visit>)> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    // The header is the first rows, up to the last of them with a header's words.
    let head_rows = (0..rows.len().min(3))
        .rev()
        .find(|r| {
            rows[*r].iter().any(|c| {
                let w = words(c);
                ["visita", "nombre", "docente", "grado", "fecha"]
                    .iter()
                    .any(|k| w.contains(k))
            })
        })
        .map(|r| r + 1)?;
    let header_of = |i: usize| -> String {
        rows[..head_rows]
            .iter()
            .filter_map(|r| r.get(i))
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut columns: Vec<VisitColumn> = (0..width)
        .filter(|i| words(&header_of(*i)).split(' ').any(|t| t == "visita"))
        .map(|i| {
            let h = header_of(i);
            let w = words(&h);
            VisitColumn {
                index: i,
                n: visit_number(&h).unwrap_or(0),
                mes: month_in(&h),
                fase: ["diagnost", "proceso", "salida"]
                    .iter()
                    .zip(["diagnostico", "proceso", "salida"])
                    .find(|(k, _)| w.contains(*k))
                    .map(|(_, f)| f),
            }
        })
        .collect();
    if columns.is_empty() {
        return None;
    }
    for (k, c) in columns.iter_mut().enumerate() {
        if c.n == 0 {
            c.n = k as i64 + 1;
        }
    }
    let taken: Vec<usize> = columns.iter().map(|c| c.index).collect();
    let header: Vec<Vec<String>> = rows[..head_rows].to_vec();
    let name = column(&header, &["nombre", "docente", "apellido"], &taken)?;
    let grade = column(
        &header,
        &["grado", "ano", "seccion", "aula"],
        &[&taken[..], &[name]].concat(),
    );
    let mut teachers = Vec::new();
    let mut visits = Vec::new();
    for row in &rows[head_rows..] {
        let Some(nombre) = row
            .get(name)
            .map(|c| c.replace('\n', " "))
            .filter(|c| !c.trim().is_empty())
        else {
            continue;
        };
        let id = format!("d{:02}", teachers.len() + 1);
        let (grados, secciones) =
            grade_of(grade.and_then(|g| row.get(g)).map_or("", String::as_str));
        for c in &columns {
            let text = row.get(c.index).map_or("", String::as_str);
            if let Some(visit) = visit(&id, c, text, year) {
                visits.push(visit);
            }
        }
        teachers.push(Teacher {
            id,
            nombre: nombre.trim().to_string(),
            grados,
            secciones,
        });
    }
    Some((teachers, visits))
}

/// One cell of a visit column: a mark (the header's month), a date, or a month.
fn visit(docente: &str, c: &VisitColumn, text: &str, year: Option<i64>) -> Option<Visit> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let fecha = date(text, year);
    let mes = match (&fecha, month_in(text)) {
        (Some(_), _) => None,
        (None, Some(m)) => Some(m),
        (None, None) if is_mark(text) => c.mes,
        (None, None) => return None,
    };
    if fecha.is_none() && mes.is_none() {
        return None;
    }
    Some(Visit {
        docente: docente.to_string(),
        n: c.n,
        mes: mes.map(month_token),
        fecha,
        fase: c.fase,
    })
}

/// `dd/mm/yyyy`, `dd-mm-yyyy` or `dd/mm` (in `year`) as `YYYY-MM-DD`.
fn date(text: &str, year: Option<i64>) -> Option<String> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    let number = |i: usize| parts.get(i).and_then(|p| p.parse::<i64>().ok());
    let (day, month) = (number(0)?, number(1)?);
    let year = match number(2) {
        Some(y) if y < 100 => 2000 + y,
        Some(y) => y,
        None => year?,
    };
    let fecha = Fecha::new(
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )?;
    Some(fecha.to_string())
}

/// "5 años “A”" is grade "5 años", section "A"; "3° B" is "3°", "B".
fn grade_of(text: &str) -> (Vec<String>, Vec<String>) {
    let text = text.replace('\n', " ");
    let text = text.trim();
    if text.is_empty() {
        return (vec![], vec![]);
    }
    let mut parts = text
        .split(['“', '”', '"'])
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let first = parts.next().unwrap_or_default().to_string();
    if let Some(section) = parts.next() {
        return (vec![first], vec![section.to_string()]);
    }
    match first.rsplit_once(' ') {
        Some((grade, section))
            if section.chars().count() == 1 && section.chars().all(char::is_uppercase) =>
        {
            (vec![grade.to_string()], vec![section.to_string()])
        }
        _ => (vec![first], vec![]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn a_gantt_with_letters_for_months() {
        let rows = table(&[
            &[
                "ACTIVIDADES",
                "RESPONSABLES",
                "CRONOGRAMA",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            &["", "", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"],
            &[
                "Visitas en aula.",
                "Director.",
                "",
                "",
                "X",
                "X",
                "x",
                "",
                "",
                "",
                "",
                "",
            ],
            &[
                "Informe final.",
                "Director y CGP",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "✓",
            ],
        ]);
        let got = activities(&rows).expect("a schedule");
        assert_eq!(got[0].meses, ["may", "jun", "jul"]);
        assert_eq!(got[1].meses, ["dic"]);
        assert_eq!(got[1].responsables, "Director y CGP");
    }

    #[test]
    fn activities_typed_as_lines() {
        let row = activity_line("Visitas al aula: de junio a noviembre").expect("a row");
        assert_eq!(row.meses, ["jun", "jul", "ago", "set", "oct", "nov"]);
        assert_eq!(
            activity_line("Informe\tdiciembre").expect("a row").meses,
            ["dic"]
        );
        assert_eq!(activity_line("Nota: sin fecha"), None);
    }

    #[test]
    fn a_visit_table_with_months_in_its_headers() {
        let rows = table(&[
            &[
                "N°",
                "Nombres y Apellidos",
                "Años/Grado",
                "FECHAS DEL MONITOREO",
                "",
                "",
            ],
            &[
                "",
                "",
                "",
                "JUNIO\nI VISITA",
                "SETIEMBRE\nII VISITA",
                "III VISITA",
            ],
            &["1", "Ana Prueba", "5 años “A”", "✓", "✓", "15/11/2024"],
        ]);
        let (teachers, visits) = visits(&rows, Some(2024)).expect("visits");
        assert_eq!(teachers[0].grados, ["5 años"]);
        assert_eq!(teachers[0].secciones, ["A"]);
        let got: Vec<(i64, Option<&str>, Option<String>)> = visits
            .iter()
            .map(|v| (v.n, v.mes, v.fecha.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (1, Some("jun"), None),
                (2, Some("set"), None),
                (3, None, Some("2024-11-15".into()))
            ]
        );
    }
}
