//! Tera errors as diagnostics at the template line they name, and the render failures of a
//! whole run, each reported once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::ErrorKind;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::toml_input::Source;
use crate::messages::Site as Text;
use crate::model::Document;
use crate::tr;

/// Turns a Tera error into a diagnostic at the template line it names, without help: what
/// to say depends on the pages it failed (`template_help`).
pub(super) fn template_error(
    error: &tera::Error,
    name: &str,
    path: &Path,
    text: &str,
    files: &HashMap<String, (PathBuf, String)>,
) -> Diagnostic {
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            // The error may sit in a parent or included template rather than `name`.
            let (path, text) = files
                .get(report.filename())
                .map_or((path, text), |(p, t)| (p.as_path(), t.as_str()));
            let kind = if matches!(error.kind(), ErrorKind::SyntaxError(_)) {
                Text::TemplateSyntaxError
            } else {
                Text::TemplateError
            };
            Diagnostic::error(tr!(kind, report.message())).at(Location::from_range(
                path,
                text,
                report.span().range.clone(),
            ))
        }
        _ => Diagnostic::error(tr!(Text::TemplateErrorIn, name, error)).at(Location::file(path)),
    }
}

/// The help of a template error that failed `pages` pages (0 while loading), `page` being the
/// source file of one of them, if any has one. Written whole from its parts: a count is never
/// spliced into a finished sentence.
pub(super) fn template_help(page: Option<&str>, pages: usize) -> String {
    match (page, pages) {
        (Some(page), 0 | 1) => tr!(Text::FixTemplateOn, page),
        (Some(page), 2) => tr!(Text::FixTemplateOnAndOne, page),
        (Some(page), n) => tr!(Text::FixTemplateOnAndMore, page, n - 1),
        (None, 0 | 1) => tr!(Text::FixTemplate),
        (None, n) => tr!(Text::FixTemplateOnMany, n),
    }
}

/// A template that failed to render one page.
pub(super) struct RenderError {
    /// Without help, which `Failures::report` writes.
    pub(super) diagnostic: Diagnostic,
    /// The source file of the page (`content/…`), if it has one.
    pub(super) page: Option<String>,
}

/// Render errors of a whole run. One broken line in base.html fails every page: it is
/// reported once, with the number of pages it failed.
#[derive(Default)]
pub struct Failures {
    templates: Vec<Failed>,
    /// Errors reported as they are (an unknown template name).
    other: Vec<Diagnostic>,
}

/// One template error, and the pages it failed.
struct Failed {
    diagnostic: Diagnostic,
    /// The first of the pages with a source file, named in the help.
    page: Option<String>,
    pages: usize,
}

impl Failures {
    /// The successes of `results`; the errors are kept for `report`.
    pub(super) fn successes<T>(&mut self, results: Vec<Result<T, RenderError>>) -> Vec<T> {
        let mut files = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(file) => files.push(file),
                Err(error) => self.add(error),
            }
        }
        files
    }

    pub(super) fn add(&mut self, error: RenderError) {
        let RenderError { diagnostic, page } = error;
        let same = |f: &&mut Failed| {
            f.diagnostic.location == diagnostic.location
                && f.diagnostic.message == diagnostic.message
        };
        match self.templates.iter_mut().find(same) {
            Some(failed) => {
                failed.pages += 1;
                if failed.page.is_none() {
                    failed.page = page;
                }
            }
            None => self.templates.push(Failed {
                diagnostic,
                page,
                pages: 1,
            }),
        }
    }

    pub(super) fn push(&mut self, diagnostic: Diagnostic) {
        self.other.push(diagnostic);
    }

    pub fn report(self, diagnostics: &mut Diagnostics) {
        diagnostics.extend(self.other);
        for failed in self.templates {
            let help = template_help(failed.page.as_deref(), failed.pages);
            diagnostics.push(failed.diagnostic.help(help));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(page: Option<&str>) -> RenderError {
        let text = "<p>{{ página.título }}</p>\n";
        RenderError {
            diagnostic: Diagnostic::error("template error: x").at(Location::from_range(
                Path::new("templates/base.html"),
                text,
                6..12,
            )),
            page: page.map(str::to_string),
        }
    }

    fn reported(errors: Vec<RenderError>) -> Vec<String> {
        let mut failures = Failures::default();
        for error in errors {
            failures.add(error);
        }
        let mut diagnostics = Diagnostics::default();
        failures.report(&mut diagnostics);
        diagnostics.iter().filter_map(|d| d.help.clone()).collect()
    }

    #[test]
    fn one_error_on_many_pages_is_reported_once_with_a_count() {
        assert_eq!(
            reported(vec![failed(Some("content/a.md"))]),
            ["corrija la plantilla en esta línea (falló al generar content/a.md)"]
        );
        // The first page with a source file is named, whichever failed first.
        assert_eq!(
            reported(vec![
                failed(None),
                failed(Some("content/guías/ñandú.md")),
                failed(Some("content/b.md")),
            ]),
            [
                "corrija la plantilla en esta línea (falló al generar content/guías/ñandú.md y 2 páginas más)"
            ]
        );
        assert_eq!(
            reported(vec![failed(Some("content/a.md")), failed(None)]),
            [
                "corrija la plantilla en esta línea (falló al generar content/a.md y otra página más)"
            ]
        );
        assert_eq!(
            reported(vec![failed(None), failed(None)]),
            [
                "corrija la plantilla en esta línea (falló en 2 páginas); la sintaxis de Tera: https://keats.github.io/tera/"
            ]
        );
    }

    #[test]
    fn helps_never_cut_a_character() {
        // A count spliced at `len() - 1` panicked on a help ending in a multi-byte
        // character; composed help has no byte arithmetic, whatever the page is called.
        for page in ["content/ñ.md", "content/ü", "content/日本", "é"] {
            for pages in 0..4 {
                let help = template_help(Some(page), pages);
                assert!(help.contains(page), "{help}");
                assert!(help.ends_with(')'), "{help}");
            }
        }
        assert_eq!(
            template_help(None, 0),
            "corrija la plantilla en esta línea; la sintaxis de Tera: https://keats.github.io/tera/"
        );
    }
}
