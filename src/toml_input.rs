//! Reading user-written TOML (site.toml, front matter, plans) with every mistake located.
//!
//! serde stops at the first problem, which makes users fix one typo per run. So a document
//! is read in three passes: all syntax errors, then all unknown top-level keys (with a
//! suggestion taken from the struct's own field list, so the list cannot drift), and only
//! then the typed deserialization.

use std::path::Path;

use serde::de::{self, DeserializeOwned, Visitor};

use crate::diagnostics::{Diagnostic, Location, from_toml_error, suggest};

/// A TOML document inside a file: the whole file text, and where the TOML starts in it.
pub struct Source<'a> {
    pub path: &'a Path,
    pub file_text: &'a str,
    pub offset: usize,
    pub toml: &'a str,
}

impl<'a> Source<'a> {
    pub fn whole_file(path: &'a Path, text: &'a str) -> Source<'a> {
        Source {
            path,
            file_text: text,
            offset: 0,
            toml: text,
        }
    }

    /// Where `key = …` is written at the top level, for errors about a value that parsed
    /// fine but makes no sense (an unknown theme, a missing template).
    pub fn key_location(&self, key: &str) -> Location {
        let mut offset = 0;
        for line in self.toml.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
            {
                let start = offset + line.len() - trimmed.len();
                return self.locate(start..start + key.len());
            }
            offset += line.len();
        }
        Location::file(self.path)
    }

    pub fn locate(&self, range: std::ops::Range<usize>) -> Location {
        Location::from_range(
            self.path,
            self.file_text,
            range.start + self.offset..range.end + self.offset,
        )
    }
}

/// Parses `source` into `T`, or returns every diagnostic found.
pub fn parse<T: DeserializeOwned>(source: &Source) -> Result<T, Vec<Diagnostic>> {
    let (table, syntax_errors) = toml::de::DeTable::parse_recoverable(source.toml);
    if !syntax_errors.is_empty() {
        return Err(syntax_errors
            .iter()
            .map(|e| from_toml_error(e, source.path, source.file_text, source.offset))
            .collect());
    }
    let known = field_names::<T>();
    let unknown: Vec<Diagnostic> = table
        .get_ref()
        .iter()
        .filter(|(key, _)| !known.contains(&key.get_ref().as_ref()))
        .map(|(key, _)| unknown_key(source, key.get_ref(), key.span(), known))
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    toml::from_str(source.toml).map_err(|e| {
        vec![from_toml_error(
            &e,
            source.path,
            source.file_text,
            source.offset,
        )]
    })
}

fn unknown_key(
    source: &Source,
    key: &str,
    span: std::ops::Range<usize>,
    known: &[&str],
) -> Diagnostic {
    let diagnostic = Diagnostic::error(format!("unknown key `{key}`")).at(source.locate(span));
    match suggest(key, known.iter().copied()) {
        Some(right) => diagnostic.help(format!("did you mean `{right}`?")),
        None => diagnostic.help(format!(
            "remove it; the keys allowed here are {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The field names serde expects for the struct `T`, read from its derived `Deserialize`.
pub fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldNames(&mut fields));
    fields
}

/// A deserializer that answers nothing and only records which fields a struct asks for.
struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> de::Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("field name probe"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("field name probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields are read only through Debug in assertions")]
    struct Probe {
        title: String,
        base_url: Option<String>,
    }

    fn errors(text: &str) -> Vec<String> {
        let source = Source::whole_file(Path::new("x.toml"), text);
        parse::<Probe>(&source)
            .unwrap_err()
            .into_iter()
            .map(|d| {
                let l = d.location.unwrap();
                format!(
                    "{}:{} {} ({})",
                    l.line,
                    l.column,
                    d.message,
                    d.help.unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn field_names_come_from_the_struct() {
        assert_eq!(field_names::<Probe>(), &["title", "base_url"]);
    }

    #[test]
    fn every_unknown_key_is_reported_with_a_suggestion() {
        assert_eq!(
            errors("title = \"a\"\nbse_url = \"b\"\ncolour = 1\n"),
            [
                "2:1 unknown key `bse_url` (did you mean `base_url`?)",
                "3:1 unknown key `colour` (remove it; the keys allowed here are `title`, `base_url`)"
            ]
        );
    }

    #[test]
    fn type_errors_are_located() {
        assert_eq!(
            errors("title = 3\n"),
            ["1:9 invalid TOML: invalid type: integer `3`, expected a string ()"]
        );
    }
}
