//! A plan between TOML and the editor's JSON. Reading turns the TOML into JSON with the
//! same keys (dates as `"YYYY-MM-DD"`). Writing edits the file with `toml_edit`, value by
//! value: a value the form sent back unchanged keeps its exact text, its comments and its
//! place, so a hand-written plan keeps its layout; only what changed is rewritten.

use serde_json::{Map, Value as Json};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use crate::plan::calendar::Fecha;
use crate::plan::next_year::DATE_KEYS;

/// The plan's text as JSON, or the TOML error's message.
pub fn to_json(text: &str) -> Result<Json, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
    Ok(from_toml(&toml::Value::Table(table)))
}

fn from_toml(value: &toml::Value) -> Json {
    match value {
        toml::Value::String(s) => Json::String(s.clone()),
        toml::Value::Integer(n) => Json::from(*n),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(items) => Json::Array(items.iter().map(from_toml).collect()),
        toml::Value::Table(table) => Json::Object(
            table
                .iter()
                .map(|(k, v)| (k.clone(), from_toml(v)))
                .collect(),
        ),
    }
}

/// Applies a PUT body to the document: each top-level key present replaces that key
/// (`null` removes it), edited in place; keys absent are untouched. `Err` names the first
/// value TOML cannot hold (a `null` inside a list).
pub fn apply(doc: &mut DocumentMut, changes: &Map<String, Json>) -> Result<(), String> {
    let root = doc.as_table_mut();
    for (key, json) in changes {
        if json.is_null() {
            root.remove(key);
            continue;
        }
        match root.get_mut(key) {
            Some(item) => assign_item(item, json, key)?,
            None => {
                root.insert(key, new_item(json, key)?);
            }
        }
    }
    Ok(())
}

fn assign_item(item: &mut Item, json: &Json, key: &str) -> Result<(), String> {
    match (item, json) {
        (Item::Table(table), Json::Object(object)) => assign_table(table, object),
        // An empty list empties the `[[key]]` tables: the key is then absent, which the
        // format reads as an empty list.
        (Item::ArrayOfTables(tables), Json::Array(list)) if list.iter().all(Json::is_object) => {
            assign_tables(tables, list, key)
        }
        (Item::Value(value), _) => assign_value(value, json, key),
        (item, json) => {
            *item = new_item(json, key)?;
            Ok(())
        }
    }
}

/// The table's keys become exactly the object's: each present one assigned in place, each
/// absent one removed, new ones added at the end.
fn assign_table(table: &mut Table, object: &Map<String, Json>) -> Result<(), String> {
    let gone: Vec<String> = table
        .iter()
        .filter(|(k, _)| object.get(*k).is_none_or(Json::is_null))
        .map(|(k, _)| k.to_string())
        .collect();
    for key in gone {
        table.remove(&key);
    }
    for (key, json) in object.iter().filter(|(_, j)| !j.is_null()) {
        match table.get_mut(key) {
            Some(item) => assign_item(item, json, key)?,
            None => {
                table.insert(key, new_item(json, key)?);
            }
        }
    }
    Ok(())
}

/// `[[key]]` tables element by element, so an unchanged teacher keeps its comments even
/// when another one is added or removed after it.
fn assign_tables(tables: &mut ArrayOfTables, list: &[Json], key: &str) -> Result<(), String> {
    for (i, json) in list.iter().enumerate() {
        let Json::Object(object) = json else {
            return Err(format!("`{key}[{i}]` debe ser una tabla"));
        };
        match tables.get_mut(i) {
            Some(table) => assign_table(table, object)?,
            None => {
                let mut table = Table::new();
                assign_table(&mut table, object)?;
                tables.push(table);
            }
        }
    }
    while tables.len() > list.len() {
        tables.remove(tables.len() - 1);
    }
    Ok(())
}

fn assign_value(value: &mut Value, json: &Json, key: &str) -> Result<(), String> {
    if same(value, json) {
        return Ok(());
    }
    match (&mut *value, json) {
        (Value::InlineTable(table), Json::Object(object)) => assign_inline(table, object),
        (Value::Array(array), Json::Array(list)) => {
            for (i, json) in list.iter().enumerate() {
                match array.get_mut(i) {
                    Some(item) => assign_value(item, json, key)?,
                    None => array.push_formatted(new_value(json, key, false)?),
                }
            }
            while array.len() > list.len() {
                array.remove(array.len() - 1);
            }
            Ok(())
        }
        (old, json) => {
            let was_date = matches!(old, Value::Datetime(_));
            let mut new = new_value(json, key, was_date)?;
            *new.decor_mut() = old.decor().clone();
            *old = new;
            Ok(())
        }
    }
}

fn assign_inline(table: &mut InlineTable, object: &Map<String, Json>) -> Result<(), String> {
    let gone: Vec<String> = table
        .iter()
        .filter(|(k, _)| object.get(*k).is_none_or(Json::is_null))
        .map(|(k, _)| k.to_string())
        .collect();
    for key in gone {
        table.remove(&key);
    }
    for (key, json) in object.iter().filter(|(_, j)| !j.is_null()) {
        match table.get_mut(key) {
            Some(value) => assign_value(value, json, key)?,
            None => {
                table.insert(key, new_value(json, key, false)?);
            }
        }
    }
    Ok(())
}

/// Whether the TOML value already says what the JSON says.
fn same(value: &Value, json: &Json) -> bool {
    let text = value.to_string();
    toml::from_str::<toml::Table>(&format!("v = {}", text.trim()))
        .ok()
        .and_then(|t| t.get("v").map(from_toml))
        .is_some_and(|old| &old == json)
}

/// A new item for a key of a table: an object is a `[table]`, a list of objects
/// `[[tables]]`, anything else a value.
fn new_item(json: &Json, key: &str) -> Result<Item, String> {
    match json {
        Json::Object(object) => {
            let mut table = Table::new();
            assign_table(&mut table, object)?;
            Ok(Item::Table(table))
        }
        Json::Array(list) if !list.is_empty() && list.iter().all(Json::is_object) => {
            let mut tables = ArrayOfTables::new();
            assign_tables(&mut tables, list, key)?;
            Ok(Item::ArrayOfTables(tables))
        }
        _ => Ok(Item::Value(new_value(json, key, false)?)),
    }
}

/// A new value: a string under a date key (or in place of a date) that is a date becomes
/// a TOML date, as the format asks.
fn new_value(json: &Json, key: &str, was_date: bool) -> Result<Value, String> {
    Ok(match json {
        Json::Null => return Err(format!("`{key}` no puede ser null dentro de una lista")),
        Json::Bool(b) => Value::from(*b),
        Json::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Value::from(i),
            (None, Some(f)) => Value::from(f),
            _ => return Err(format!("`{key}`: número fuera de rango")),
        },
        Json::String(s) if (was_date || DATE_KEYS.contains(&key)) && Fecha::parse(s).is_some() => {
            match s.parse::<toml_edit::Datetime>() {
                Ok(date) => Value::from(date),
                Err(_) => Value::from(s.as_str()),
            }
        }
        Json::String(s) => Value::from(s.as_str()),
        Json::Array(list) => {
            let mut array = Array::new();
            for json in list {
                array.push_formatted(new_value(json, key, false)?);
            }
            Value::Array(array)
        }
        Json::Object(object) => {
            let mut table = InlineTable::new();
            assign_inline(&mut table, object)?;
            Value::InlineTable(table)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn put(text: &str, body: Json) -> String {
        let mut doc: DocumentMut = text.parse().expect("toml");
        apply(&mut doc, body.as_object().expect("object")).expect("applied");
        doc.to_string()
    }

    #[test]
    fn unchanged_values_keep_their_text_and_comments() {
        let text = "# cabecera\nanio = 2025 # el año\n\n[periodo] # periodo\ninicio = 2025-03-01\nfin = 2025-12-19\n";
        let json = to_json(text).expect("json");
        assert_eq!(json["periodo"]["inicio"], "2025-03-01");
        assert_eq!(put(text, json.clone()), text);
        let mut changed = json;
        changed["periodo"]["fin"] = json!("2025-12-20");
        assert_eq!(
            put(text, changed),
            "# cabecera\nanio = 2025 # el año\n\n[periodo] # periodo\ninicio = 2025-03-01\nfin = 2025-12-20\n"
        );
    }

    #[test]
    fn tables_are_edited_element_by_element() {
        let text =
            "[[docentes]] # primero\nid = \"d01\"\n\n# segundo\n[[docentes]]\nid = \"d02\"\n";
        let out = put(
            text,
            json!({"docentes": [{"id": "d01"}, {"id": "d03"}, {"id": "d04", "fecha": "2025-04-01"}]}),
        );
        assert_eq!(
            out,
            "[[docentes]] # primero\nid = \"d01\"\n\n# segundo\n[[docentes]]\nid = \"d03\"\n\n[[docentes]]\nid = \"d04\"\nfecha = 2025-04-01\n"
        );
        assert_eq!(
            put(text, json!({"docentes": [{"id": "d01"}]})),
            "[[docentes]] # primero\nid = \"d01\"\n"
        );
        assert_eq!(put(text, json!({"docentes": []})), "");
    }

    #[test]
    fn null_removes_and_absent_keys_stay() {
        let text = "a = 1\nb = [1, 2] # dos\n";
        assert_eq!(put(text, json!({"a": null})), "b = [1, 2] # dos\n");
        assert_eq!(put(text, json!({"b": [1, 3]})), "a = 1\nb = [1, 3] # dos\n");
        let mut doc: DocumentMut = text.parse().expect("toml");
        let bad = json!({"b": [null]});
        assert!(apply(&mut doc, bad.as_object().expect("object")).is_err());
    }
}
