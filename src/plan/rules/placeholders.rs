//! E21: text left from the template `senda new plan` writes (`plan/plantilla.toml`).
//!
//! Read from the raw table, like the privacy lint, rather than from the model: a
//! placeholder can be left in any string of the plan, and a walk of every key finds them
//! all with their key paths.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::toml_input::Source;

/// The template's example texts that only make sense as instructions. Its other values
/// (the title, "Visita en aula", the objectives) are sensible defaults a plan may keep.
/// A test checks each is still in the template.
pub const PLACEHOLDERS: &[&str] = &[
    "Nombre de la institución educativa",
    "Nombre de la directora o el director",
    "Nombre completo",
    "Qué es este plan y para qué se elaboró.",
    "Distrito",
];

/// The mark of a blank to fill in (`"DRE …"`, `"RD N° 001-2025-…"`).
const BLANK: char = '…';

/// E21 over every string of a plan: a value that is one of `PLACEHOLDERS`, or a one-line
/// value with `…` in it. Prose over several lines may use an ellipsis, so it is only
/// checked against the placeholders.
pub fn lint_table(source: &Source, table: &DeTable, out: &mut Diagnostics) {
    walk_table(source, table, &mut String::new(), out);
}

fn walk_table(source: &Source, table: &DeTable, path: &mut String, out: &mut Diagnostics) {
    for (key, value) in table.iter() {
        let parent = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key.get_ref());
        walk_value(source, value.get_ref(), value.span(), path, out);
        path.truncate(parent);
    }
}

fn walk_value(
    source: &Source,
    value: &DeValue,
    span: Range<usize>,
    path: &mut String,
    out: &mut Diagnostics,
) {
    match value {
        DeValue::Table(table) => walk_table(source, table, path, out),
        DeValue::Array(items) => {
            for item in items.iter() {
                walk_value(source, item.get_ref(), item.span(), path, out);
            }
        }
        DeValue::String(text) => {
            if let Some(diagnostic) = check(text, path) {
                out.push(diagnostic.at(source.locate(span)));
            }
        }
        _ => {}
    }
}

fn check(text: &str, path: &str) -> Option<Diagnostic> {
    let trimmed = text.trim();
    let help = "reemplácelo por el dato de su plan; mientras el plan no esté listo, déjelo con `estado = \"borrador\"`: así no se publica";
    if let Some(placeholder) = PLACEHOLDERS
        .iter()
        .find(|p| trimmed.eq_ignore_ascii_case(p))
    {
        return Some(
            Diagnostic::error(format!(
                "`{path}` conserva el texto de la plantilla «{placeholder}»"
            ))
            .code(Code::E21)
            .help(help),
        );
    }
    if !trimmed.contains('\n') && trimmed.contains(BLANK) {
        return Some(
            Diagnostic::error(format!(
                "`{path}` tiene un espacio por completar de la plantilla (`…`): «{trimmed}»"
            ))
            .code(Code::E21)
            .help(help),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// The key paths E21 names in `toml`, sorted (the raw table is walked in key order;
    /// the run sorts its diagnostics by position anyway).
    fn flagged(toml: &str) -> Vec<String> {
        let source = Source::whole_file(Path::new("content/planes/p.toml"), toml);
        let table = DeTable::parse(toml).unwrap_or_else(|e| panic!("{e}\n{toml}"));
        let mut out = Diagnostics::default();
        lint_table(&source, table.get_ref(), &mut out);
        out.iter()
            .inspect(|d| assert_eq!(d.code, Some(Code::E21)))
            .map(|d| d.message.split('`').nth(1).unwrap_or_default().to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    #[test]
    fn placeholders_are_found_in_any_key() {
        let cases: &[(&str, &[&str])] = &[
            ("lugar = \"Puno\"", &[]),
            ("lugar = \"Distrito\"", &["lugar"]),
            ("lugar = \" distrito \"", &["lugar"]),
            ("lugar = \"Distrito de Ilave\"", &[]),
            ("[institucion]\ndre = \"DRE …\"", &["institucion.dre"]),
            ("[institucion]\ndre = \"DRE Puno\"", &[]),
            (
                "[[equipo]]\nnombre = \"Nombre completo\"",
                &["equipo.nombre"],
            ),
            (
                "[aprobacion]\nnumero = \"RD N° 001-2025-…\"",
                &["aprobacion.numero"],
            ),
            (
                "[objetivos]\ngeneral = [\"Mejorar\", \"Lograr …\"]",
                &["objetivos.general"],
            ),
            // Prose may hold an ellipsis; a template text left whole is still found.
            ("[textos]\nfinalidad = \"\"\"\nY así…\nmás.\n\"\"\"", &[]),
            (
                "[textos]\npresentacion = \"\"\"\nQué es este plan y para qué se elaboró.\n\"\"\"",
                &["textos.presentacion"],
            ),
        ];
        for (toml, expected) in cases {
            assert_eq!(flagged(toml), *expected, "for:\n{toml}");
        }
    }

    #[test]
    fn the_unfilled_template_is_found_out() {
        let template = super::super::super::TEMPLATE
            .replace("{{ID}}", "ie-1-2025")
            .replace("{{ANIO}}", "2025");
        for placeholder in PLACEHOLDERS {
            assert!(template.contains(placeholder), "{placeholder}");
        }
        assert_eq!(
            flagged(&template),
            [
                "equipo.nombre",
                "institucion.dre",
                "institucion.nombre",
                "institucion.ugel",
                "lugar",
                "textos.presentacion"
            ]
        );
    }
}
