//! `senda new plan <new-id> --from <old-id>`: next year's plan from this year's.
//!
//! The copy is edited with `toml_edit`, not re-serialized, so the director's comments, key
//! order and layout survive. What changes: `id`, `anio`, every date (moved by the same
//! number of years; `calendar::Fecha::plus_years`), `estado = "borrador"`, and what belongs
//! to one year only (the approval resolution, the official name of the year), which is
//! commented out with a line asking for the new one. Month tokens stay: they are months of
//! the school year, whose year comes from `anio`. The private companion is never read.

use std::io::Write;
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Formatted, Item, Table, Value};

use super::calendar::Fecha;
use super::paths;
use super::vocab::{Estado, Term};
use crate::diag::{Diagnostic, Location, display_path};

/// A new value in the old one's place, with its spacing and trailing comment.
macro_rules! keep_decor {
    ($old:expr, $value:expr) => {{
        let mut new = Formatted::new($value);
        *new.decor_mut() = $old.decor().clone();
        new
    }};
}

/// Keys whose values the format defines as dates (`fecha`, `inicio`, `fin`,
/// `fecha_elaboracion`); a string there that reads as a date is moved too.
pub(crate) const DATE_KEYS: [&str; 4] = ["fecha", "inicio", "fin", "fecha_elaboracion"];

/// Writes `content/planes/<new_id>.toml` from `content/planes/<old_id>.toml`, never over an
/// existing file. Returns the path written and the new plan's year.
pub fn scaffold_from(
    root: &Path,
    new_id: &str,
    old_id: &str,
) -> Result<(PathBuf, i64), Diagnostic> {
    super::check_new_id(new_id)?;
    // The old id names a file too: no `..` or `/` may lead outside `content/planes/`.
    super::check_new_id(old_id)?;
    let shown_old = paths::source(old_id);
    let old_path = root.join(&shown_old);
    let new_path = root.join(paths::source(new_id));
    if new_path.exists() {
        return Err(already_exists(&new_path));
    }
    if !old_path.is_file() {
        return Err(Diagnostic::error(format!(
            "no existe el plan `{old_id}`: falta {}",
            display_path(&shown_old)
        ))
        .help("`--from` toma el id de un plan del sitio: el nombre de su archivo en content/planes/, sin `.toml`"));
    }
    let text = crate::fs::read_text(&old_path, &shown_old)
        .map_err(|e| e.diagnostic("no se puede leer el plan"))?;
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let range = e.span().unwrap_or(0..0);
        Diagnostic::error(format!(
            "el plan `{old_id}` no es TOML válido: {}",
            e.message()
        ))
        .at(Location::from_range(&shown_old, &text, range))
        .help("corrija el plan de origen (`senda check` lo señala), y vuelva a ejecutar la orden")
    })?;
    let Some(old_year) = doc.get("anio").and_then(Item::as_integer) else {
        return Err(
            Diagnostic::error(format!("el plan `{old_id}` no tiene `anio`"))
                .at(Location::file(&shown_old))
                .help("agregue `anio = 2025` (el año del plan) al plan de origen"),
        );
    };
    let new_year = year_of_id(new_id).unwrap_or(old_year + 1);
    let years = i32::try_from(new_year - old_year).unwrap_or(0);
    edit(&mut doc, new_id, new_year, years);
    write_new(&new_path, doc.to_string())?;
    Ok((new_path, new_year))
}

/// The year an id ends with (`ie70999-2025` -> 2025), the convention of plan ids.
pub fn year_of_id(id: &str) -> Option<i64> {
    let (_, last) = id.rsplit_once('-')?;
    (last.len() == 4 && last.bytes().all(|b| b.is_ascii_digit()))
        .then(|| last.parse().ok())
        .flatten()
}

/// Every change of the copy, on the parsed document.
fn edit(doc: &mut DocumentMut, new_id: &str, new_year: i64, years: i32) {
    let root = doc.as_table_mut();
    set_keeping_decor(root, "id", Value::from(new_id));
    set_keeping_decor(root, "anio", Value::from(new_year));
    set_keeping_decor(root, "estado", Value::from(Estado::Borrador.spelling()));
    for (key, item) in root.iter_mut() {
        let key = key.get().to_string();
        shift_item(item, &key, years);
    }
    comment_out(
        root,
        "denominacion_anio",
        &format!(
            "# denominacion_anio = \"Año de …\"   # el nombre oficial del año {new_year}: escríbalo y quite el #"
        ),
    );
    let numero = format!(
        "# numero = \"RD N° …-{new_year}-…\"   # la resolución que aprueba el plan {new_year}: escríbala y quite el #"
    );
    let fecha = format!("# fecha = {new_year}-03-…   # la fecha de esa resolución");
    match root.get_mut("aprobacion") {
        Some(Item::Table(table)) => {
            comment_out(table, "numero", &numero);
            comment_out(table, "fecha", &fecha);
        }
        Some(Item::Value(Value::InlineTable(table))) => {
            let had = table.remove("numero").is_some() | table.remove("fecha").is_some();
            if had && let Some(mut key) = root.key_mut("aprobacion") {
                let decor = key.leaf_decor_mut();
                let before = raw(decor.prefix());
                decor.set_prefix(format!("{before}{numero}\n{fecha}\n"));
            }
        }
        _ => {}
    }
}

/// Sets a top-level value in place, keeping the comments above its key and after it
/// (`estado = "…"  # …`).
fn set_keeping_decor(table: &mut Table, key: &str, mut value: Value) {
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        Some(item) => *item = Item::Value(value),
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// Moves the dates under `item` by `years`; `key` is the key the item sits under.
fn shift_item(item: &mut Item, key: &str, years: i32) {
    match item {
        Item::Value(value) => shift_value(value, key, years),
        Item::Table(table) => shift_table(table, years),
        Item::ArrayOfTables(tables) => tables.iter_mut().for_each(|t| shift_table(t, years)),
        Item::None => {}
    }
}

fn shift_table(table: &mut Table, years: i32) {
    for (key, item) in table.iter_mut() {
        let key = key.get().to_string();
        shift_item(item, &key, years);
    }
}

fn shift_value(value: &mut Value, key: &str, years: i32) {
    match value {
        Value::Datetime(formatted) => {
            let mut datetime = *formatted.value();
            if let Some(date) = datetime.date
                && let Some(moved) = Fecha::new(i32::from(date.year), date.month, date.day)
                    .map(|f| f.plus_years(years))
                && let Ok(year) = u16::try_from(moved.anio)
            {
                datetime.date = Some(toml_edit::Date {
                    year,
                    month: moved.mes,
                    day: moved.dia,
                });
                *formatted = keep_decor!(formatted, datetime);
            }
        }
        Value::String(formatted) if DATE_KEYS.contains(&key) => {
            if let Some(date) = Fecha::parse(formatted.value().trim()) {
                let moved = date.plus_years(years).to_string();
                *formatted = keep_decor!(formatted, moved);
            }
        }
        Value::Array(values) => values.iter_mut().for_each(|v| shift_value(v, key, years)),
        Value::InlineTable(table) => {
            for (key, value) in table.iter_mut() {
                let key = key.get().to_string();
                shift_value(value, &key, years);
            }
        }
        _ => {}
    }
}

/// Removes the value `key` of `table` and leaves `line` (a commented-out example and what
/// to write there) where it was: above the next value, else after the previous one, else
/// under the table's header. The comments written above the removed key are kept.
fn comment_out(table: &mut Table, key: &str, line: &str) {
    if !table.get(key).is_some_and(Item::is_value) {
        return;
    }
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let index = keys.iter().position(|k| k == key).unwrap_or(0);
    let Some((removed, _)) = table.remove_entry(key) else {
        return;
    };
    let above = raw(removed.leaf_decor().prefix());
    let is_value = |k: &&String| table.get(k).is_some_and(Item::is_value);
    let next = keys[index + 1..].iter().find(is_value).cloned();
    let previous = keys[..index].iter().rev().find(is_value).cloned();
    if let Some(mut next) = next.and_then(|k| table.key_mut(&k)) {
        let decor = next.leaf_decor_mut();
        let own = raw(decor.prefix());
        decor.set_prefix(format!("{above}{line}\n{own}"));
    } else if let Some(value) = previous.and_then(|k| table.get_mut(&k)?.as_value_mut()) {
        let decor = value.decor_mut();
        let own = raw(decor.suffix());
        decor.set_suffix(format!("{own}\n{above}{line}"));
    } else {
        let decor = table.decor_mut();
        let own = raw(decor.suffix());
        decor.set_suffix(format!("{own}\n{above}{line}"));
    }
}

fn raw(text: Option<&toml_edit::RawString>) -> String {
    text.and_then(toml_edit::RawString::as_str)
        .unwrap_or_default()
        .to_string()
}

fn already_exists(path: &Path) -> Diagnostic {
    Diagnostic::error(format!("{} ya existe", display_path(path)))
        .help("senda nunca reemplaza un plan: elija otro id, o edite ese archivo")
}

/// Creates the file, refusing one that appeared since the check (`create_new`).
fn write_new(path: &Path, text: String) -> Result<(), Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error(format!("no se puede escribir {}: {e}", display_path(path)))
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                already_exists(path)
            } else {
                cannot(e)
            }
        })?;
    file.write_all(text.as_bytes()).map_err(cannot)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(source: &str, new_id: &str) -> String {
        let mut doc: DocumentMut = source.parse().unwrap();
        let old = doc["anio"].as_integer().unwrap();
        let new = year_of_id(new_id).unwrap_or(old + 1);
        edit(&mut doc, new_id, new, (new - old) as i32);
        doc.to_string()
    }

    #[test]
    fn year_of_an_id() {
        assert_eq!(year_of_id("ie70999-2025"), Some(2025));
        assert_eq!(year_of_id("ie70999"), None);
        assert_eq!(year_of_id("ie-25"), None);
        assert_eq!(year_of_id("2025"), None);
    }

    #[test]
    fn dates_move_months_stay_and_one_year_fields_are_commented_out() {
        let source = "# plan\nid = \"a-2024\"  # el id\nanio = 2024\ndenominacion_anio = \"Año X\"\nlugar = \"Juli\"\nestado = \"aprobado\"  # aprobado\nfecha_elaboracion = 2024-02-29\n\n[periodo]\ninicio = 2024-03-01\nsemanas_gestion = [{ inicio = 2024-07-22, fin = \"2024-08-02\" }]\n\n[aprobacion]\n# la RD\nnumero = \"RD 1\"\nfecha = 2024-03-15\n\n[[visitas]]\nfecha = 2024-04-09 # martes\nmes = \"jun\"\n";
        let expected = "# plan\nid = \"a-2025\"  # el id\nanio = 2025\n# denominacion_anio = \"Año de …\"   # el nombre oficial del año 2025: escríbalo y quite el #\nlugar = \"Juli\"\nestado = \"borrador\"  # aprobado\nfecha_elaboracion = 2025-02-28\n\n[periodo]\ninicio = 2025-03-01\nsemanas_gestion = [{ inicio = 2025-07-22, fin = \"2025-08-02\" }]\n\n[aprobacion]\n# la RD\n# numero = \"RD N° …-2025-…\"   # la resolución que aprueba el plan 2025: escríbala y quite el #\n# fecha = 2025-03-…   # la fecha de esa resolución\n\n[[visitas]]\nfecha = 2025-04-09 # martes\nmes = \"jun\"\n";
        assert_eq!(edited(source, "a-2025"), expected);
    }

    #[test]
    fn without_a_year_in_the_id_the_plan_is_for_the_next_year() {
        let out = edited(
            "id = \"a\"\nanio = 2024\n[periodo]\nfin = 2024-12-20\n",
            "b",
        );
        assert_eq!(
            out,
            "id = \"b\"\nanio = 2025\nestado = \"borrador\"\n[periodo]\nfin = 2025-12-20\n"
        );
    }

    #[test]
    fn an_inline_approval_is_commented_out_above_its_key() {
        let out = edited(
            "anio = 2024\naprobacion = { numero = \"RD 1\", fecha = 2024-03-15, folios = 2 }\n",
            "x-2025",
        );
        assert!(out.contains("# numero = \"RD N° …-2025-…\""), "{out}");
        assert!(out.contains("aprobacion = { folios = 2 }"), "{out}");
    }
}
