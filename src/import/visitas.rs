//! `senda import visitas`: a visit schedule, one row per visit (teacher, visit number,
//! date or month, phase), merged into the plan's `[[visitas]]`: the visit of the same
//! teacher and number is updated, any other is added. Teachers are named by code or by
//! name (case and accents ignored) and must be in the plan's `[[docentes]]`.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table as TomlTable, Value};

use super::table::{Cell, Table, fold};
use crate::diag::Diagnostic;
use crate::plan::calendar::{self, Fecha};
use crate::plan::vocab::{Fase, Term};

pub struct Row {
    docente: String,
    n: i64,
    fecha: Option<Fecha>,
    mes: Option<&'static str>,
    fase: Option<&'static str>,
}

#[derive(Clone, Copy, PartialEq)]
enum Column {
    Docente,
    Visita,
    Fecha,
    Mes,
    Fase,
}

const HEADERS: &[(&str, Column)] = &[
    ("docente", Column::Docente),
    ("codigo", Column::Docente),
    ("nombres y apellidos", Column::Docente),
    ("visita", Column::Visita),
    ("n", Column::Visita),
    ("numero", Column::Visita),
    ("fecha", Column::Fecha),
    ("mes", Column::Mes),
    ("fase", Column::Fase),
];

/// The table's rows as visits, teachers resolved against the plan, or every bad cell.
pub fn rows(table: &Table, doc: &DocumentMut) -> Result<Vec<Row>, Vec<Diagnostic>> {
    let Some((header_row, headers)) = table.rows.first() else {
        return Err(vec![
            Diagnostic::error(format!("{}: la hoja está vacía", table.file))
                .help("la primera fila debe tener los encabezados: `Docente`, `Visita`, `Fecha` o `Mes`, `Fase`"),
        ]);
    };
    let columns = super::table::columns(headers, HEADERS);
    for (needed, name) in [(Column::Docente, "Docente"), (Column::Visita, "Visita")] {
        if !columns.contains(&Some(needed)) {
            return Err(vec![
                Diagnostic::error(format!(
                    "{}: no hay una columna `{name}`",
                    table.at_row(*header_row)
                ))
                .help("la primera fila debe tener los encabezados `Docente` (o `Código`), `Visita` (o `N°`), `Fecha` o `Mes`, y `Fase`"),
            ]);
        }
    }
    let teachers = teachers(doc);
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for (number, cells) in &table.rows[1..] {
        let before = errors.len();
        let mut row = Row {
            docente: String::new(),
            n: 0,
            fecha: None,
            mes: None,
            fase: None,
        };
        for (index, column) in columns.iter().enumerate() {
            let Some(column) = *column else { continue };
            let cell = cells.get(index).cloned().unwrap_or(Cell::Empty);
            let at = table.at(*number, index);
            let bad = |what: String, help: &str| {
                Diagnostic::error(format!("{at}: {what}")).help(help.to_string())
            };
            if let Cell::Error(e) = &cell {
                errors.push(bad(
                    format!("la celda tiene un error de fórmula ({e})"),
                    "corrija la fórmula o escriba el valor en la celda",
                ));
                continue;
            }
            let text = cell.text();
            match column {
                Column::Docente => match teachers.iter().find(|(id, name)| *id == text || *name == fold(&text)) {
                    Some((id, _)) => row.docente = id.clone(),
                    None if text.is_empty() => errors.push(bad("falta la o el docente".into(), "escriba su código (p. ej. `d01`) o su nombre como está en `[[docentes]]`")),
                    None => errors.push(bad(format!("`{text}` no está en los `[[docentes]]` del plan"), "escriba el código o el nombre de una o un docente del plan; importe antes la lista con `senda import docentes`")),
                },
                Column::Visita => match text.parse::<i64>() {
                    Ok(n) if n >= 1 => row.n = n,
                    _ => errors.push(bad(format!("`{text}` no es un número de visita"), "escriba 1 para la primera visita, 2 para la segunda...")),
                },
                Column::Fecha if cell.is_empty() => {}
                Column::Fecha => match date(&text) {
                    Some(fecha) => row.fecha = Some(fecha),
                    None => errors.push(bad(format!("`{text}` no es una fecha"), "escriba la fecha como 2025-04-09 o 09/04/2025, o deje la celda vacía y escriba el mes")),
                },
                Column::Mes if cell.is_empty() => {}
                Column::Mes => match month(&text) {
                    Some(mes) => row.mes = Some(calendar::month_token(mes)),
                    None => errors.push(bad(format!("`{text}` no es un mes"), "escriba el mes como `abril` o `abr`")),
                },
                Column::Fase if cell.is_empty() => {}
                Column::Fase => match Fase::parse(&fold(&text)) {
                    Some(fase) => row.fase = Some(fase.spelling()),
                    None => errors.push(bad(format!("`{text}` no es una fase de visita"), &format!("escriba una de: {}", Fase::listed().join(", ")))),
                },
            }
        }
        if errors.len() == before && row.fecha.is_none() && row.mes.is_none() {
            errors.push(
                Diagnostic::error(format!(
                    "{}: la visita no tiene fecha ni mes",
                    table.at_row(*number)
                ))
                .help("escriba la fecha de la visita o, si aún no se conoce, su mes"),
            );
        }
        if errors.len() == before {
            out.push(row);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The plan's teachers: id and folded name.
fn teachers(doc: &DocumentMut) -> Vec<(String, String)> {
    doc.get("docentes")
        .and_then(Item::as_array_of_tables)
        .map(|all| {
            all.iter()
                .filter_map(|t| {
                    let id = t.get("id").and_then(Item::as_str)?;
                    let name = t
                        .get("nombre")
                        .and_then(Item::as_str)
                        .map(fold)
                        .unwrap_or_default();
                    Some((id.to_string(), name))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `2025-04-09` (as a date cell reads too) or `09/04/2025`, as Peru writes dates.
fn date(text: &str) -> Option<Fecha> {
    Fecha::parse(text).or_else(|| {
        let mut parts = text.split('/').map(|p| p.trim().parse::<u16>().ok());
        let (d, m, y) = (parts.next()??, parts.next()??, parts.next()??);
        if parts.next().is_some() || y < 1000 {
            return None;
        }
        Fecha::new(i32::from(y), u8::try_from(m).ok()?, u8::try_from(d).ok()?)
    })
}

/// A month as a token (`abr`), a name (`Abril`, `Setiembre`) or a number (4).
fn month(text: &str) -> Option<u8> {
    let folded = fold(text);
    if let Ok(n) = folded.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    calendar::month_number(&folded)
}

/// Merges `rows` into `[[visitas]]`; returns how many were added and updated.
pub fn merge(doc: &mut DocumentMut, rows: Vec<Row>) -> super::docentes::Merged {
    if !doc.contains_key("visitas") {
        doc.insert("visitas", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let mut merged = super::docentes::Merged {
        added: 0,
        updated: 0,
    };
    let Some(visits) = doc
        .get_mut("visitas")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return merged;
    };
    for row in rows {
        let found = visits.iter().position(|v| {
            v.get("docente").and_then(Item::as_str) == Some(row.docente.as_str())
                && v.get("n").and_then(Item::as_integer) == Some(row.n)
        });
        let index = match found {
            Some(index) => {
                merged.updated += 1;
                index
            }
            None => {
                let mut table = TomlTable::new();
                table.insert("docente", toml_edit::value(row.docente.as_str()));
                table.insert("n", toml_edit::value(row.n));
                visits.push(table);
                merged.added += 1;
                visits.len() - 1
            }
        };
        let Some(table) = visits.get_mut(index) else {
            continue;
        };
        if let Some(fase) = row.fase {
            super::docentes::set(table, "fase", Value::from(fase));
        }
        // A visit has a date or a month: the one the sheet gives replaces the other.
        if let Some(f) = row.fecha {
            let date = toml_edit::Date {
                year: f.anio as u16,
                month: f.mes,
                day: f.dia,
            };
            let datetime = toml_edit::Datetime {
                date: Some(date),
                time: None,
                offset: None,
            };
            put_in_place_of(table, "mes", "fecha", Value::from(datetime));
        } else if let Some(mes) = row.mes {
            put_in_place_of(table, "fecha", "mes", Value::from(mes));
        }
    }
    merged
}

/// Sets `key` to `value`; if the table has `other` instead (a month where a date now goes),
/// `key` takes its place, its comment included, so the visit reads in the same order.
fn put_in_place_of(table: &mut TomlTable, other: &str, key: &str, value: Value) {
    if !table.contains_key(other) {
        super::docentes::set(table, key, value);
        return;
    }
    let names: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let entries: Vec<(toml_edit::Key, Item)> = names
        .iter()
        .filter_map(|name| table.get_key_value(name))
        .map(|(k, item)| (k.clone(), item.clone()))
        .collect();
    table.clear();
    for (name, item) in entries {
        if name.get() == key {
            continue;
        }
        if name.get() == other {
            let mut value = value.clone();
            if let Some(old) = item.as_value() {
                *value.decor_mut() = old.decor().clone();
            }
            let new_key = toml_edit::Key::new(key).with_leaf_decor(name.leaf_decor().clone());
            table.insert_formatted(&new_key, toml_edit::value(value));
        } else {
            table.insert_formatted(&name, item);
        }
    }
}
