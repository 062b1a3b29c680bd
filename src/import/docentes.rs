//! `senda import docentes`: the rows of a teacher list, checked cell by cell, then merged
//! into the plan's `[[docentes]]`: a teacher with the same id or the same name (case and
//! accents ignored) is updated, any other is added with the next free id (`d01`, `d02`...).

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table as TomlTable, Value};

use super::table::{Cell, Table, fold};
use crate::diag::Diagnostic;
use crate::plan::vocab;

/// One teacher as a row gave it; `None` where its cell was empty (that key is left alone).
#[derive(Debug)]
pub struct Row {
    id: Option<String>,
    nombre: String,
    nivel: Option<String>,
    grados: Option<Vec<String>>,
    secciones: Option<Vec<String>>,
    areas: Option<Vec<String>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Column {
    Nombre,
    Nivel,
    Grado,
    Seccion,
    Area,
    Codigo,
}

/// The headers each column is known by, folded (see `table::fold`).
const HEADERS: &[(&str, Column)] = &[
    ("nombres y apellidos", Column::Nombre),
    ("apellidos y nombres", Column::Nombre),
    ("nombre", Column::Nombre),
    ("nombres", Column::Nombre),
    ("docente", Column::Nombre),
    ("nivel", Column::Nivel),
    ("nivel educativo", Column::Nivel),
    ("grado", Column::Grado),
    ("grados", Column::Grado),
    ("seccion", Column::Seccion),
    ("secciones", Column::Seccion),
    ("area", Column::Area),
    ("areas", Column::Area),
    ("area curricular", Column::Area),
    ("codigo", Column::Codigo),
    ("id", Column::Codigo),
];

/// The table's rows as teachers, or every bad cell.
pub fn rows(table: &Table) -> Result<Vec<Row>, Vec<Diagnostic>> {
    let Some((header_row, headers)) = table.rows.first() else {
        return Err(vec![
            Diagnostic::error(format!("{}: la hoja está vacía", table.file))
                .help("la primera fila debe tener los encabezados: `Nombres y apellidos`, `Nivel`, `Grado`, `Sección`, `Área`, `Código`"),
        ]);
    };
    let columns = super::table::columns(headers, HEADERS);
    if !columns.contains(&Some(Column::Nombre)) {
        return Err(vec![
            Diagnostic::error(format!(
                "{}: no hay una columna `Nombres y apellidos`",
                table.at_row(*header_row)
            ))
            .help("la primera fila debe tener los encabezados; el del nombre puede ser `Nombres y apellidos` o `Nombre` (mayúsculas y tildes no importan)"),
        ]);
    }
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for (number, cells) in &table.rows[1..] {
        if let Some(row) = row(table, *number, cells, &columns, &mut errors) {
            out.push(row);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn row(
    table: &Table,
    number: usize,
    cells: &[Cell],
    columns: &[Option<Column>],
    errors: &mut Vec<Diagnostic>,
) -> Option<Row> {
    let before = errors.len();
    let mut row = Row {
        id: None,
        nombre: String::new(),
        nivel: None,
        grados: None,
        secciones: None,
        areas: None,
    };
    let mut name_column = 0;
    for (index, column) in columns.iter().enumerate() {
        let Some(column) = *column else { continue };
        let cell = cells.get(index).cloned().unwrap_or(Cell::Empty);
        if column == Column::Nombre {
            name_column = index;
        }
        if let Cell::Error(e) = &cell {
            errors.push(
                Diagnostic::error(format!(
                    "{}: la celda tiene un error de fórmula ({e})",
                    table.at(number, index)
                ))
                .help("corrija la fórmula o escriba el valor en la celda"),
            );
            continue;
        }
        if cell.is_empty() {
            continue;
        }
        let text = cell.text();
        match column {
            Column::Nombre => row.nombre = text,
            Column::Codigo => match valid_id(&text) {
                true => row.id = Some(text),
                false => errors.push(
                    Diagnostic::error(format!(
                        "{}: `{text}` no puede ser el código de un docente",
                        table.at(number, index)
                    ))
                    .help("use minúsculas sin tildes, dígitos y guiones, p. ej. `d01`; o deje la celda vacía y senda le dará el siguiente código libre"),
                ),
            },
            Column::Nivel => {
                let folded = fold(&text);
                match vocab::NIVELES.iter().find(|n| **n == folded) {
                    Some(nivel) => row.nivel = Some((*nivel).to_string()),
                    None => errors.push(
                        Diagnostic::error(format!(
                            "{}: `{text}` no es un nivel educativo",
                            table.at(number, index)
                        ))
                        .help(format!("escriba uno de: {}", vocab::NIVELES.join(", "))),
                    ),
                }
            }
            Column::Grado => row.grados = Some(list(&text).map(grade).collect()),
            Column::Seccion => row.secciones = Some(list(&text).map(str::to_string).collect()),
            Column::Area => row.areas = Some(list(&text).map(str::to_string).collect()),
        }
    }
    if row.nombre.is_empty() {
        errors.push(
            Diagnostic::error(format!(
                "{}: falta el nombre del docente",
                table.at(number, name_column)
            ))
            .help("escriba sus nombres y apellidos, o borre la fila"),
        );
    }
    (errors.len() == before).then_some(row)
}

/// A cell that lists several values: `1°, 2°` or `A; B`.
fn list(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A bare grade number gets the ordinal sign the format's examples use: `3` -> `3°`.
fn grade(text: &str) -> String {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        format!("{text}°")
    } else {
        text.to_string()
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// How many teachers were added and how many updated.
pub struct Merged {
    pub added: usize,
    pub updated: usize,
}

/// Merges `rows` into the document's `[[docentes]]`, creating the array if it has none.
pub fn merge(doc: &mut DocumentMut, rows: Vec<Row>) -> Merged {
    if !doc.contains_key("docentes") {
        doc.insert("docentes", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let mut merged = Merged {
        added: 0,
        updated: 0,
    };
    let Some(teachers) = doc
        .get_mut("docentes")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return merged;
    };
    for row in rows {
        let found = teachers.iter().position(|t| {
            let id = t.get("id").and_then(Item::as_str);
            let name = t.get("nombre").and_then(Item::as_str).map(fold);
            (row.id.is_some() && id == row.id.as_deref()) || name == Some(fold(&row.nombre))
        });
        let table = match found.and_then(|i| teachers.get_mut(i)) {
            Some(table) => {
                merged.updated += 1;
                table
            }
            None => {
                let id = row.id.clone().unwrap_or_else(|| next_id(teachers));
                let mut table = TomlTable::new();
                table.insert("id", toml_edit::value(id));
                teachers.push(table);
                merged.added += 1;
                let last = teachers.len() - 1;
                let Some(table) = teachers.get_mut(last) else {
                    continue;
                };
                table
            }
        };
        if let Some(id) = &row.id {
            set(table, "id", Value::from(id.as_str()));
        }
        // The name as the plan writes it wins over the same name in capitals.
        let same_name =
            table.get("nombre").and_then(Item::as_str).map(fold) == Some(fold(&row.nombre));
        if !same_name {
            set(table, "nombre", Value::from(row.nombre.as_str()));
        }
        if let Some(nivel) = &row.nivel {
            set(table, "nivel_educativo", Value::from(nivel.as_str()));
        }
        for (key, values) in [
            ("grados", &row.grados),
            ("secciones", &row.secciones),
            ("areas", &row.areas),
        ] {
            if let Some(values) = values {
                let array: Array = values.iter().map(String::as_str).collect();
                set(table, key, Value::Array(array));
            }
        }
    }
    merged
}

/// Sets `key`, keeping the comment written after its old value (`# ficticio`).
pub(super) fn set(table: &mut TomlTable, key: &str, mut value: Value) {
    if let Some(old) = table.get_mut(key).and_then(Item::as_value_mut) {
        if old.to_string().trim() == value.to_string().trim() {
            return;
        }
        *value.decor_mut() = old.decor().clone();
        *old = value;
    } else {
        table.insert(key, toml_edit::value(value));
    }
}

/// The next `dNN` after the highest one in use.
fn next_id(teachers: &ArrayOfTables) -> String {
    let highest = teachers
        .iter()
        .filter_map(|t| t.get("id").and_then(Item::as_str))
        .filter_map(|id| id.strip_prefix('d')?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("d{:02}", highest + 1)
}
