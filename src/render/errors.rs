//! Tera errors as diagnostics at the template line they name, and the render failures of a
//! whole run, each reported once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::ErrorKind;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::toml_input::Source;
use crate::model::Document;

/// Turns a Tera error into a diagnostic at the template line it names. `rendering` is the
/// content file whose page was being rendered, if any.
pub(super) fn template_error(
    error: &tera::Error,
    name: &str,
    path: &Path,
    text: &str,
    files: &HashMap<String, (PathBuf, String)>,
    rendering: Option<&str>,
) -> Diagnostic {
    let help = match rendering {
        Some(page) => format!("fix the template at this line (it failed while rendering {page})"),
        None => "fix the template at this line; Tera's syntax: https://keats.github.io/tera/"
            .to_string(),
    };
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            // The error may sit in a parent or included template rather than `name`.
            let (path, text) = files
                .get(report.filename())
                .map_or((path, text), |(p, t)| (p.as_path(), t.as_str()));
            let kind = if matches!(error.kind(), ErrorKind::SyntaxError(_)) {
                "template syntax error"
            } else {
                "template error"
            };
            Diagnostic::error(format!("{kind}: {}", report.message()))
                .at(Location::from_range(
                    path,
                    text,
                    report.span().range.clone(),
                ))
                .help(help)
        }
        _ => Diagnostic::error(format!("template error in `{name}`: {error}"))
            .at(Location::file(path))
            .help(help),
    }
}

/// Render errors of a whole run. One broken line in base.html fails every page: it is
/// reported once, with a count.
#[derive(Default)]
pub struct Failures {
    seen: Vec<(Diagnostic, usize)>,
}

impl Failures {
    /// The successes of `results`; the errors are kept for `report`.
    pub(super) fn successes<T>(&mut self, results: Vec<Result<T, Diagnostic>>) -> Vec<T> {
        let mut files = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(file) => files.push(file),
                Err(diagnostic) => self.add(diagnostic),
            }
        }
        files
    }

    pub(super) fn add(&mut self, diagnostic: Diagnostic) {
        match self
            .seen
            .iter_mut()
            .find(|(d, _)| d.location == diagnostic.location && d.message == diagnostic.message)
        {
            Some((_, count)) => *count += 1,
            None => self.seen.push((diagnostic, 0)),
        }
    }

    pub fn report(self, diagnostics: &mut Diagnostics) {
        for (mut diagnostic, others) in self.seen {
            if others > 0
                && let Some(help) = &mut diagnostic.help
            {
                help.insert_str(help.len() - 1, &format!(" and {others} other pages"));
            }
            diagnostics.push(diagnostic);
        }
    }
}

/// Where `key = …` is written in a document's front matter.
pub(super) fn front_matter_key(doc: &Document, key: &str) -> Location {
    let path = Path::new("content").join(&doc.source);
    let (range, toml) = doc.front_matter();
    let source = Source {
        path: &path,
        file_text: &doc.text,
        offset: range.start,
        toml,
    };
    source.key_location(key)
}
