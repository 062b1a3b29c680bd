//! Reading user-written TOML (site.toml, front matter, plans) with every mistake located.
//!
//! serde stops at the first problem, which makes users fix one typo per run. So a document
//! is read like this: all syntax errors first; then, repeatedly, deserialize, and when serde
//! reports a located problem (an unknown key at any depth, a value of the wrong type), record
//! it, remove the offending entry from the parsed table and try again. One run so reports
//! every misspelled key of a plan, with a suggestion taken from serde's own list.

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Code, Diagnostic, Location, suggest};

/// Which language a document's users read: site files speak the command line's language
/// (`parse_site`), school plans Spanish like the directors who write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    English,
    Spanish,
}

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

    /// A byte range of the TOML, as a location in the file.
    pub fn locate(&self, range: Range<usize>) -> Location {
        Location::from_range(
            self.path,
            self.file_text,
            range.start + self.offset..range.end + self.offset,
        )
    }
}

/// The keys of the top-level table `[table]` of a document that parses, each with where it
/// is written: for checking the keys of a free-form table against a list, which serde
/// cannot do.
pub fn table_keys(source: &Source, table: &str) -> Vec<(String, Location)> {
    let Ok(document) = DeTable::parse(source.toml) else {
        return Vec::new();
    };
    let Some(DeValue::Table(entries)) = document.get_ref().get(table).map(|v| v.get_ref()) else {
        return Vec::new();
    };
    entries
        .iter()
        .map(|(key, _)| (key.get_ref().to_string(), source.locate(key.span())))
        .collect()
}

/// Enough rounds for every typo of a long plan; a safeguard, not a limit users meet.
const MAX_ROUNDS: usize = 100;

/// Parses `source` into `T`, or returns every diagnostic found.
pub fn parse<T: DeserializeOwned>(
    source: &Source,
    language: Language,
) -> Result<T, Vec<Diagnostic>> {
    let recovered = parse_recovering(source, language);
    match recovered.value {
        Some(value) if recovered.errors.is_empty() => Ok(value),
        _ => Err(recovered.errors),
    }
}

/// Parses a site file (`site.toml`, front matter, `theme.toml`), its messages in the
/// command line's language (`messages::lang`). Without codes: `E0` is a plan rule's, and
/// docs/plan-rules.md says nothing of site files.
pub fn parse_site<T: DeserializeOwned>(source: &Source) -> Result<T, Vec<Diagnostic>> {
    let language = match crate::messages::lang() {
        crate::messages::Lang::Es => Language::Spanish,
        crate::messages::Lang::En => Language::English,
    };
    parse(source, language).map_err(|errors| {
        let uncoded = |diagnostic: Diagnostic| Diagnostic {
            code: None,
            ..diagnostic
        };
        errors.into_iter().map(uncoded).collect()
    })
}

/// What `parse_recovering` read.
pub struct Recovered<T> {
    /// The document without the entries that had errors, if the rest deserialized.
    pub value: Option<T>,
    /// Every problem found; the document is valid when this is empty.
    pub errors: Vec<Diagnostic>,
    /// True when every error was an unknown key: then `value` lacks only keys `T` does not
    /// know, and checking it further reports real problems, not the gaps left by removals.
    pub only_unknown_keys: bool,
}

/// Parses `source` into `T`, reporting every problem and keeping what could be read, so a
/// caller can go on checking the rest of the document in the same run.
pub fn parse_recovering<T: DeserializeOwned>(source: &Source, language: Language) -> Recovered<T> {
    let (table, syntax_errors) = DeTable::parse_recoverable(source.toml);
    recover(table, &syntax_errors, source, language)
}

/// `parse_recovering` for a caller that parsed `source` itself (to read it another way too):
/// one parse serves both.
pub fn recover<T: DeserializeOwned>(
    mut table: Spanned<DeTable<'_>>,
    syntax_errors: &[toml::de::Error],
    source: &Source,
    language: Language,
) -> Recovered<T> {
    if !syntax_errors.is_empty() {
        return Recovered {
            value: None,
            errors: syntax_errors
                .iter()
                .map(|e| diagnose(e, source, language))
                .collect(),
            only_unknown_keys: false,
        };
    }
    let mut errors = Vec::new();
    let mut removed_keys: Vec<String> = Vec::new();
    let mut only_unknown_keys = true;
    for _ in 0..MAX_ROUNDS {
        let error = match T::deserialize(toml::de::Deserializer::from(table.clone())) {
            Ok(value) => {
                return Recovered {
                    value: Some(value),
                    errors,
                    only_unknown_keys,
                };
            }
            Err(error) => error,
        };
        only_unknown_keys &= error.message().starts_with("unknown field `");
        // A missing key cannot be removed to go on; one removed for an earlier error now
        // looks missing too, and that is not news.
        if let Some(field) = missing_field(error.message()) {
            if !removed_keys.iter().any(|k| k == field) {
                errors.push(diagnose(&error, source, language));
            }
            break;
        }
        errors.push(diagnose(&error, source, language));
        match error
            .span()
            .and_then(|span| remove_entry_at(table.get_mut(), &span))
        {
            Some(key) => removed_keys.push(key),
            None => break,
        }
    }
    Recovered {
        value: None,
        errors,
        only_unknown_keys: false,
    }
}

/// Removes the innermost entry whose key or value holds `span`; returns the key's name.
/// Nested tables are searched first: an array of tables has no span covering its items.
fn remove_entry_at(table: &mut DeTable, span: &Range<usize>) -> Option<String> {
    let contains = |outer: Range<usize>| outer.start <= span.start && span.end <= outer.end;
    let mut target = None;
    for (key, value) in table.iter_mut() {
        if contains(key.span()) {
            target = Some(key.get_ref().to_string());
            break;
        }
        if let Some(removed) = remove_inside(value.get_mut(), span) {
            return Some(removed);
        }
        if contains(value.span()) {
            target = Some(key.get_ref().to_string());
            break;
        }
    }
    let target = target?;
    table.remove(target.as_str());
    Some(target)
}

fn remove_inside(value: &mut DeValue, span: &Range<usize>) -> Option<String> {
    match value {
        DeValue::Table(table) => remove_entry_at(table, span),
        DeValue::Array(items) => items
            .iter_mut()
            .find_map(|item| remove_inside(item.get_mut(), span)),
        _ => None,
    }
}

/// Converts a TOML or serde error into a diagnostic at its place in the file.
/// Unknown keys and values get a suggestion from the list serde expected.
/// School plans number every diagnostic with its rule: a problem with the file's shape
/// (syntax, an unknown key, a value of the wrong type) is `E0`.
pub fn diagnose(error: &toml::de::Error, source: &Source, language: Language) -> Diagnostic {
    let diagnostic = describe(error, source, language);
    match language {
        Language::Spanish => diagnostic.code(Code::E0),
        Language::English => diagnostic,
    }
}

fn describe(error: &toml::de::Error, source: &Source, language: Language) -> Diagnostic {
    let range = error.span().unwrap_or(0..0);
    let location = source.locate(range);
    let message = error.message().trim();
    let spanish = language == Language::Spanish;
    if let Some((kind, wrong, expected)) = parse_unknown(message) {
        let what = match (kind, spanish) {
            (Unknown::Field, false) => "unknown key",
            (Unknown::Field, true) => "clave desconocida",
            (Unknown::Variant, false) => "unknown value",
            (Unknown::Variant, true) => "valor desconocido",
        };
        let diagnostic = Diagnostic::error(format!("{what} `{wrong}`")).at(location);
        let listed = expected
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        return match (suggest(wrong, expected.iter().map(String::as_str)), spanish) {
            (Some(right), false) => diagnostic.help(format!("did you mean `{right}`?")),
            (Some(right), true) => diagnostic.help(format!("¿quiso decir `{right}`?")),
            (None, false) => diagnostic.help(format!("remove it; allowed here: {listed}")),
            (None, true) => diagnostic.help(format!("quítela; aquí se admiten: {listed}")),
        };
    }
    if let Some(field) = missing_field(message) {
        return if spanish {
            Diagnostic::error(format!("falta la clave obligatoria `{field}`"))
                .at(location)
                .help(format!("agregue una línea `{field} = …` en esta tabla"))
        } else {
            Diagnostic::error(format!("missing required key `{field}`"))
                .at(location)
                .help(format!("add a line `{field} = …`"))
        };
    }
    if spanish {
        let help = if message.starts_with("duplicate key") {
            "cada clave va una sola vez en su tabla: quite la repetida; si copió un bloque como `[[visitas]]`, copie también su encabezado"
        } else {
            "revise el valor en esta posición; los textos van entre comillas y las fechas como 2024-04-09"
        };
        Diagnostic::error(format!("TOML inválido: {}", translate(message)))
            .at(location)
            .help(help)
    } else {
        Diagnostic::error(format!("invalid TOML: {message}")).at(location)
    }
}

#[derive(Clone, Copy)]
enum Unknown {
    Field,
    Variant,
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown variant").
fn parse_unknown(message: &str) -> Option<(Unknown, &str, Vec<String>)> {
    let (kind, rest) = if let Some(rest) = message.strip_prefix("unknown field `") {
        (Unknown::Field, rest)
    } else {
        (Unknown::Variant, message.strip_prefix("unknown variant `")?)
    };
    let (wrong, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((kind, wrong, expected))
}

fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.strip_suffix('`')
}

/// serde's type errors, in the words a school director reads:
/// "invalid type: string \"12\", expected i64" -> "se encontró un texto \"12\"; se esperaba
/// un número entero".
fn translate(message: &str) -> String {
    let Some(rest) = message.strip_prefix("invalid type: ") else {
        return translate_syntax(message);
    };
    let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    // What was written: a kind, then maybe the value (`string "x"`, ``integer `5` ``).
    let kinds = [
        ("floating point", "un número decimal"),
        ("integer", "un número entero"),
        ("string", "un texto"),
        ("boolean", "un valor true/false"),
        ("sequence", "una lista"),
        ("map", "una tabla"),
    ];
    let found = kinds
        .iter()
        .find_map(|(en, es)| found.strip_prefix(en).map(|value| format!("{es}{value}")))
        .unwrap_or_else(|| found.to_string());
    // What the field takes, by serde's name for it.
    let expected = match expected {
        "i64" | "u64" | "i32" | "u32" | "u8" | "an integer" => "un número entero".to_string(),
        "f64" | "f32" => "un número".to_string(),
        "a string" | "a borrowed string" => "un texto entre comillas".to_string(),
        "a boolean" => "true o false".to_string(),
        "a sequence" => "una lista [ … ]".to_string(),
        "a TOML datetime" => "una fecha como 2024-04-09".to_string(),
        other if other.starts_with("struct ") || other.starts_with("a map") => {
            "una tabla".to_string()
        }
        other => other.to_string(),
    };
    if expected.is_empty() {
        format!("se encontró {found}")
    } else {
        format!("se encontró {found}; se esperaba {expected}")
    }
}

/// The TOML syntax errors a school director is most likely to meet, in Spanish; others are
/// left as the parser wrote them.
fn translate_syntax(message: &str) -> String {
    let (problem, expected) = message.split_once(", expected ").unwrap_or((message, ""));
    let spanish = match problem {
        "string values must be quoted" => "los textos van entre comillas",
        "invalid basic string" | "invalid literal string" => {
            "el texto no está bien cerrado (falta una comilla)"
        }
        "key with no value" => "la clave no tiene valor",
        "missing value for key" | "missing value" => "falta el valor",
        "duplicate key" => "la clave está repetida",
        "unclosed array table" | "unclosed table" => "el encabezado de la tabla no está cerrado",
        "unclosed array" => "la lista no está cerrada",
        "unclosed inline table" => "la tabla en línea no está cerrada",
        "missing comma between array elements" => "falta una coma entre los elementos de la lista",
        "extra comma in inline table" => "sobra una coma en la tabla en línea",
        "invalid date" => "la fecha no es válida",
        "invalid fraction" => "el número decimal no es válido",
        _ => return message.to_string(),
    };
    // Keep what was expected when it is a symbol to type (`]`, `=`); drop English words.
    match expected {
        "" => spanish.to_string(),
        e if e.starts_with('`') && e.ends_with('`') => format!("{spanish}; se esperaba {e}"),
        "month between 01 and 12" => format!("{spanish}: el mes va de 01 a 12"),
        _ => spanish.to_string(),
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
        #[serde(default)]
        inner: Vec<Inner>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields are read only through Debug in assertions")]
    struct Inner {
        nombre: Option<String>,
        n: Option<i64>,
    }

    fn errors(text: &str, language: Language) -> Vec<String> {
        let source = Source::whole_file(Path::new("x.toml"), text);
        parse::<Probe>(&source, language)
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
    fn every_unknown_key_at_every_depth_is_reported() {
        assert_eq!(
            errors(
                "title = \"a\"\nbse_url = \"b\"\ncolour = 1\n[[inner]]\nnombe = \"x\"\n[[inner]]\nn = \"dos\"\n",
                Language::English
            ),
            [
                "2:1 unknown key `bse_url` (did you mean `base_url`?)",
                "3:1 unknown key `colour` (remove it; allowed here: `title`, `base_url`, `inner`)",
                "5:1 unknown key `nombe` (did you mean `nombre`?)",
                "7:5 invalid TOML: invalid type: string \"dos\", expected i64 ()",
            ]
        );
    }

    #[test]
    fn spanish_messages_for_plans() {
        assert_eq!(
            errors(
                "title = \"a\"\n[[inner]]\nnombe = \"x\"\nn = 2.5\n",
                Language::Spanish
            ),
            [
                "4:5 TOML inválido: se encontró un número decimal `2.5`; se esperaba un número entero (revise el valor en esta posición; los textos van entre comillas y las fechas como 2024-04-09)",
                "3:1 clave desconocida `nombe` (¿quiso decir `nombre`?)",
            ]
        );
    }

    #[test]
    fn type_and_syntax_errors_read_in_spanish() {
        assert_eq!(
            translate("invalid type: string \"si\", expected a boolean"),
            "se encontró un texto \"si\"; se esperaba true o false"
        );
        assert_eq!(
            translate("invalid type: integer `5`, expected a sequence"),
            "se encontró un número entero `5`; se esperaba una lista [ … ]"
        );
        assert_eq!(
            translate("unclosed array table, expected `]`"),
            "el encabezado de la tabla no está cerrado; se esperaba `]`"
        );
        assert_eq!(
            translate("string values must be quoted, expected literal string"),
            "los textos van entre comillas"
        );
        assert_eq!(translate("something new"), "something new");
    }

    #[test]
    fn a_missing_required_key_is_reported_once() {
        assert_eq!(
            errors("base_url = \"b\"\n", Language::English),
            ["1:1 missing required key `title` (add a line `title = …`)"]
        );
    }
}
