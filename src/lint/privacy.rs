//! The privacy lint (rules P1–P4), run on the raw text of public plans and of every
//! Markdown page (its front matter and its body), so personal data is caught wherever
//! it was typed; and, in plans only, the check for active code (E20, `plan::markup`).

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::diag::{Code, Diagnostic, Diagnostics, Location};
use crate::load::toml_input::Source;

mod personal;

/// Keys of the private vocabulary: per-teacher follow-up that belongs in `*.privado.toml`.
pub const PRIVATE_KEYS: &[&str] = &[
    "seguimiento",
    "nivel_logro",
    "fortalezas",
    "aspectos_criticos",
    "compromisos",
    "necesidades_formacion",
    "acuerdos",
];

/// Lints every key and string of a public plan file.
pub fn lint_table(source: &Source, table: &DeTable, out: &mut Diagnostics) {
    let private_file = source
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".toml"))
        .map_or("<id>.privado.toml".to_string(), |id| {
            format!("{id}.privado.toml")
        });
    let walker = Walker {
        source,
        private_file: &private_file,
    };
    walker.table(table, &mut String::new(), out);
}

/// Walks a public plan's keys and strings.
struct Walker<'a> {
    source: &'a Source<'a>,
    /// The plan's private companion, named in P3's help.
    private_file: &'a str,
}

impl Walker<'_> {
    /// `path` is the dotted key path so far (`docentes.nombre`), one buffer for the walk.
    fn table(&self, table: &DeTable, path: &mut String, out: &mut Diagnostics) {
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let parent = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(name);
            if PRIVATE_KEYS.contains(&name) {
                out.push(
                Diagnostic::error(format!("la clave `{name}` es seguimiento individual de docentes y no puede estar en un archivo público"))
                    .code(Code::P3)
                    .at(self.source.locate(key.span()))
                    .help(format!("mueva ese dato al archivo privado `{}`, que nunca se publica", self.private_file)),
            );
            }
            self.value(value.get_ref(), value.span(), path, out);
            path.truncate(parent);
        }
    }

    fn value(&self, value: &DeValue, span: Range<usize>, path: &mut String, out: &mut Diagnostics) {
        let source = self.source;
        match value {
            DeValue::Table(table) => self.table(table, path, out),
            DeValue::Array(items) => {
                for item in items.iter() {
                    self.value(item.get_ref(), item.span(), path, out);
                }
            }
            // Institutional contact data is public on purpose.
            DeValue::String(text) if !path.starts_with("institucion.contacto") => {
                let in_teacher_table = path.starts_with("docentes");
                for finding in scan(text, in_teacher_table, Markup::Checked) {
                    push_in_value(source, &span, text, finding, out);
                }
            }
            _ => {}
        }
    }
}

/// Locates a finding of a TOML string value. The span covers the quoted value; point inside
/// it when the string has no escapes (the common case), else at the whole value.
fn push_in_value(
    source: &Source,
    span: &Range<usize>,
    text: &str,
    finding: Finding,
    out: &mut Diagnostics,
) {
    let raw = &source.toml[span.clone()];
    let range = raw
        .find(&text[finding.range.clone()])
        .map_or(span.clone(), |at| {
            span.start + at..span.start + at + finding.range.len()
        });
    out.push(finding.diagnostic.at(source.locate(range)));
}

/// Lints every string of a page's front matter (P1, P2, P4): the title, the description and
/// `[extra]` are published in the page, its listings, its `<meta>` and the search index.
/// Integers in `[extra]` too (`celular = 987654321`), which a template may print. Under a
/// key that names an identity document (`dni`), any DNI-shaped number is one.
pub fn lint_front_matter(source: &Source, out: &mut Diagnostics) {
    let Ok(table) = DeTable::parse(source.toml) else {
        // The front matter's syntax errors are reported where it is read.
        return;
    };
    front_matter_table(source, table.get_ref(), &mut String::new(), out);
}

fn front_matter_table(source: &Source, table: &DeTable, path: &mut String, out: &mut Diagnostics) {
    for (key, value) in table.iter() {
        let parent = path.len();
        path.push('.');
        path.push_str(&key.get_ref().to_lowercase());
        front_matter_value(source, value, path, out);
        path.truncate(parent);
    }
}

fn front_matter_value(
    source: &Source,
    value: &toml::Spanned<DeValue>,
    path: &mut String,
    out: &mut Diagnostics,
) {
    let identity = path.contains("dni") || path.contains("documento");
    let span = value.span();
    match value.get_ref() {
        DeValue::Table(table) => front_matter_table(source, table, path, out),
        DeValue::Array(items) => {
            for item in items.iter() {
                front_matter_value(source, item, path, out);
            }
        }
        DeValue::String(text) => {
            for finding in scan(text, identity, Markup::Allowed) {
                push_in_value(source, &span, text, finding, out);
            }
        }
        DeValue::Integer(number) if path.starts_with(".extra.") => {
            let Ok(number) = i64::from_str_radix(number.as_str(), number.radix()) else {
                return;
            };
            let text = number.to_string();
            for finding in scan(&text, identity, Markup::Allowed) {
                out.push(finding.diagnostic.at(source.locate(span.clone())));
            }
        }
        _ => {}
    }
}

/// Lints a Markdown page body (P1, P2, P4). Raw HTML is allowed in pages, so E20 is not.
pub fn lint_markdown(path: &std::path::Path, text: &str, body_start: usize, out: &mut Diagnostics) {
    for finding in scan(&text[body_start..], false, Markup::Allowed) {
        let range = body_start + finding.range.start..body_start + finding.range.end;
        out.push(
            finding
                .diagnostic
                .at(Location::from_range(path, text, range)),
        );
    }
}

struct Finding {
    range: Range<usize>,
    diagnostic: Diagnostic,
}

/// Whether `scan` looks for active markup (E20): plan texts must have none; raw HTML is
/// allowed in Markdown pages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Markup {
    Checked,
    Allowed,
}

fn scan(text: &str, in_teacher_table: bool, markup: Markup) -> Vec<Finding> {
    let mut findings = Vec::new();
    // Most texts are plain prose: only file names need the lowercased copy, and it is most
    // of the cost of the lint. ASCII lowercasing keeps every byte where it was, so positions
    // found in the copy are positions in `text` (full lowercasing turns `İ` into two
    // characters and shifts them).
    let lower = if needs_lowercase(text) {
        text.to_ascii_lowercase()
    } else {
        String::new()
    };
    for found in personal::find(text, in_teacher_table) {
        findings.push(Finding {
            range: found.range,
            diagnostic: personal_data(found.kind),
        });
    }
    if markup == Markup::Checked {
        findings.extend(
            super::markup::findings(text)
                .into_iter()
                .map(|(range, diagnostic)| Finding { range, diagnostic }),
        );
    }
    // A reference names a file (`ie-1.privado.toml`); explaining the suffix is not one.
    let names_a_file = |at: usize| {
        lower[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    for (at, _) in lower
        .match_indices(".privado.toml")
        .filter(|(at, _)| names_a_file(*at))
    {
        // Underline and name the whole file name, `ie-1.privado.toml`.
        let start = lower[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .last()
            .map_or(at, |(i, _)| i);
        let end = at + ".privado.toml".len();
        findings.push(Finding {
            range: start..end,
            diagnostic: Diagnostic::error(format!(
                "se hace referencia al archivo privado `{}`",
                &text[start..end]
            ))
            .code(Code::P4)
            .help("los archivos privados nunca se publican ni se enlazan: quite la referencia"),
        });
    }
    findings
}

/// P1 and P2, as the matchers of `personal` found them.
fn personal_data(kind: personal::Kind) -> Diagnostic {
    match kind {
        personal::Kind::Dni => Diagnostic::error("parece un número de DNI")
            .code(Code::P1)
            .help("un DNI es un dato personal: quítelo; los planes públicos no llevan documentos de identidad"),
        personal::Kind::Mobile => Diagnostic::error("parece un número de celular personal")
            .code(Code::P2)
            .help("quítelo; solo el teléfono institucional puede publicarse, en `institucion.contacto`"),
        personal::Kind::Mail(domain) => Diagnostic::error(format!("parece un correo personal (@{domain})"))
            .code(Code::P2)
            .help("quítelo; solo el correo institucional puede publicarse, en `institucion.contacto`"),
    }
}

/// Whether `text` could name a private file: every such finding needs these bytes.
fn needs_lowercase(text: &str) -> bool {
    text.as_bytes()
        .windows(".privado.".len())
        .any(|w| w.eq_ignore_ascii_case(b".privado."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str, teacher: bool) -> Vec<(Code, String)> {
        scan(text, teacher, Markup::Checked)
            .into_iter()
            .map(|f| {
                (
                    f.diagnostic.code.expect("a rule code"),
                    text[f.range].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn finds_dni_phones_and_personal_mail() {
        assert_eq!(
            codes("DNI N° 45678912", false),
            [(Code::P1, "45678912".to_string())]
        );
        assert_eq!(
            codes("45678912", true),
            [(Code::P1, "45678912".to_string())]
        );
        assert_eq!(codes("45678912", false), []);
        assert_eq!(
            codes("cel. 987 654 321.", false),
            [(Code::P2, "987 654 321".to_string())]
        );
        assert_eq!(
            codes("escriba a ana.q@gmail.com", false),
            [(Code::P2, "ana.q@gmail.com".to_string())]
        );
        assert_eq!(codes("mesadepartes@ie70999.edu.pe", false), []);
        assert_eq!(
            codes("987-654-321", false),
            [(Code::P2, "987-654-321".to_string())]
        );
        assert_eq!(
            codes("987654321", false),
            [(Code::P2, "987654321".to_string())]
        );
        assert_eq!(codes("id = \"ie-90123-2024\"", false), []);
        assert_eq!(codes("IE 9012 34567", false), []);
    }

    #[test]
    fn ordinary_numbers_are_not_personal_data() {
        for text in [
            "RD N° 012-2024-DIE",
            "código 0452912",
            "S/ 1.50",
            "2024-03-04",
            "051-555000",
            "10 000 000 soles",
        ] {
            assert_eq!(codes(text, false), [], "{text}");
        }
    }

    #[test]
    fn names_the_private_file_referenced() {
        assert_eq!(
            codes("ver ie-1-2024.privado.toml", false),
            [(Code::P4, "ie-1-2024.privado.toml".to_string())]
        );
        assert_eq!(codes("los archivos .privado.toml", false), []);
    }

    /// A letter whose lowercase is longer (`İ`) before a private file name used to shift
    /// the name's position and slice the text out of bounds.
    #[test]
    fn a_private_file_name_after_a_longer_lowercase_letter() {
        assert_eq!(
            codes("İ ver a.privado.toml", false),
            [(Code::P4, "a.privado.toml".to_string())]
        );
        assert_eq!(
            codes("DİRECCİÓN: ie-1.PRIVADO.toml", false),
            [(Code::P4, "ie-1.PRIVADO.toml".to_string())]
        );
    }
}
