//! Diagnostics as the editor's JSON, each with the key path (`docentes[2].nombre`) of the
//! innermost TOML key/value its line and column fall in, so the form can show it next to
//! its field. The path comes from `toml_edit`'s spans of the file that was checked.

use std::ops::Range;

use serde_json::{Value as Json, json};
use toml_edit::{Document, Item, Table, Value};

use crate::diag::{Diagnostic, Severity};

/// Every key/value and table header of a plan, with its byte range and its key path.
pub struct KeyPaths {
    text: String,
    spans: Vec<(Range<usize>, String)>,
}

impl KeyPaths {
    /// The key paths of `text`; none if it is not TOML (then no diagnostic has a `clave`).
    pub fn of(text: &str) -> KeyPaths {
        let mut spans = Vec::new();
        if let Ok(doc) = Document::parse(text) {
            table(doc.as_table(), "", &mut spans);
        }
        KeyPaths {
            text: text.to_string(),
            spans,
        }
    }

    /// The path of the innermost entry holding 1-based `line` and character `column`.
    pub fn at(&self, line: usize, column: usize) -> Option<&str> {
        let offset = self.offset(line, column)?;
        self.spans
            .iter()
            .filter(|(range, _)| range.start <= offset && offset < range.end.max(range.start + 1))
            .min_by_key(|(range, _)| range.end - range.start)
            .map(|(_, path)| path.as_str())
    }

    fn offset(&self, line: usize, column: usize) -> Option<usize> {
        let start: usize = self
            .text
            .split_inclusive('\n')
            .take(line.checked_sub(1)?)
            .map(str::len)
            .sum();
        let rest = self.text.get(start..)?;
        let within = rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i);
        Some(start + within)
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn table(table: &Table, prefix: &str, out: &mut Vec<(Range<usize>, String)>) {
    if let Some(span) = table.span().filter(|_| !prefix.is_empty()) {
        out.push((span, prefix.to_string()));
    }
    for (key, item) in table.iter() {
        let path = join(prefix, key);
        let key_start = table
            .get_key_value(key)
            .and_then(|(k, _)| k.span())
            .map(|s| s.start);
        entry(item, &path, key_start, out);
    }
}

fn entry(item: &Item, path: &str, key_start: Option<usize>, out: &mut Vec<(Range<usize>, String)>) {
    match item {
        Item::Table(t) => table(t, path, out),
        Item::ArrayOfTables(tables) => {
            for (i, t) in tables.iter().enumerate() {
                table(t, &format!("{path}[{i}]"), out);
            }
        }
        Item::Value(v) => value(v, path, key_start, out),
        Item::None => {}
    }
}

fn value(v: &Value, path: &str, key_start: Option<usize>, out: &mut Vec<(Range<usize>, String)>) {
    if let Some(span) = v.span() {
        out.push((key_start.unwrap_or(span.start)..span.end, path.to_string()));
    }
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                value(item, &format!("{path}[{i}]"), None, out);
            }
        }
        Value::InlineTable(t) => {
            for (key, item) in t.iter() {
                let start = t
                    .get_key_value(key)
                    .and_then(|(k, _)| k.span())
                    .map(|s| s.start);
                {
                    value(item, &join(path, key), start, out);
                }
            }
        }
        _ => {}
    }
}

/// One diagnostic as the editor's JSON.
pub fn to_json(diagnostic: &Diagnostic, paths: &KeyPaths) -> Json {
    let location = diagnostic.location.as_deref();
    json!({
        "codigo": diagnostic.code.map(|c| c.to_string()),
        "nivel": match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "advertencia",
        },
        "mensaje": diagnostic.message,
        "ayuda": diagnostic.help,
        "clave": location.and_then(|l| paths.at(l.line, l.column)),
        "linea": location.map(|l| l.line),
        "columna": location.map(|l| l.column),
    })
}

pub fn list(diagnostics: &[Diagnostic], text: &str) -> Json {
    let paths = KeyPaths::of(text);
    Json::Array(diagnostics.iter().map(|d| to_json(d, &paths)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_innermost_key_is_named() {
        let text = "anio = 2025\n[institucion]\nugel = \"UGEL Puno\"\n\n[[docentes]]\nid = \"d01\"\n[[docentes]]\nid = \"d02\"\nnombre = \"Ana\"\n[objetivos]\nespecificos = [\"uno\", \"dos\"]\nperiodo = { inicio = 2025-03-01 }\n";
        let paths = KeyPaths::of(text);
        assert_eq!(paths.at(1, 1), Some("anio"));
        assert_eq!(paths.at(1, 8), Some("anio"));
        assert_eq!(paths.at(3, 9), Some("institucion.ugel"));
        assert_eq!(paths.at(6, 1), Some("docentes[0].id"));
        assert_eq!(paths.at(9, 10), Some("docentes[1].nombre"));
        assert_eq!(paths.at(7, 2), Some("docentes[1]"));
        assert_eq!(paths.at(11, 25), Some("objetivos.especificos[1]"));
        assert_eq!(paths.at(12, 22), Some("objetivos.periodo.inicio"));
    }
}
