//! User-facing diagnostics: the one error type for everything a user can get wrong.
//!
//! The pipeline never prints and never stops at the first mistake: each stage pushes
//! `Diagnostic`s into a `Diagnostics` sink and carries on with what it could read, so one
//! run reports every error. `render` is the only place that turns them into text.

use std::fmt::{self, Write as _};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::messages::Site;
use crate::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Where in a file a diagnostic points. Lines and columns are 1-based; columns count
/// characters, not bytes, so they match what an editor shows for accented text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The whole source line, kept so the renderer can show it without re-reading the file.
    pub line_text: String,
    /// How many characters of `line_text` to underline (at least 1).
    pub width: usize,
}

impl Location {
    /// Locates a byte range of `text`, the full contents of the file at `path`.
    pub fn from_range(path: &Path, text: &str, range: Range<usize>) -> Location {
        let start = floor_char_boundary(text, range.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        let end = floor_char_boundary(text, range.end.clamp(start, line_end));
        Location {
            path: path.to_path_buf(),
            line: text[..line_start].matches('\n').count() + 1,
            column: text[line_start..start].chars().count() + 1,
            line_text: line_text.to_string(),
            width: text[start..end].chars().count().max(1),
        }
    }

    /// A location for a whole file, when no position inside it applies.
    pub fn file(path: &Path) -> Location {
        Location {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            line_text: String::new(),
            width: 0,
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The code of a rule users can look up in docs/plan-rules.md, printed as its name: `E` for
/// the errors of a plan, `W` for its warnings, `P` for privacy. `E0` is a value outside its
/// enumeration, or of the wrong type; E9 has no code of its own (month tokens carry no
/// year, so E8, W3 and E7 check it).
#[rustfmt::skip]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    E0, E1, E2, E3, E4, E5, E6, E7, E8, E10, E11, E12, E13, E14, E15, E16, E17, E18, E19, E20, E21,
    W1, W2, W3, W4, W5, W6, W7, W8, W9, W10, W11, W12, W13, W14, W15,
    P1, P2, P3, P4, P5, P6, P7,
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The variant's name is the code.
        fmt::Debug::fmt(self, f)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A rule code such as `E5` or `P2`, for rules users can look up in the docs.
    pub code: Option<Code>,
    pub message: String,
    /// Boxed: diagnostics travel in `Result`s, and most are small without it.
    pub location: Option<Box<Location>>,
    /// How to fix it: every error should say what to do next.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code: None,
            message: message.into(),
            location: None,
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(Box::new(location));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn code(mut self, code: Code) -> Diagnostic {
        self.code = Some(code);
        self
    }
}

/// The sink every pipeline stage writes into.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Turns every warning into an error, for `--strict`.
    pub fn promote_warnings(&mut self) {
        for item in &mut self.items {
            item.severity = Severity::Error;
        }
    }

    /// Turns every error into a warning, messages unchanged: a draft plan's errors
    /// (`estado = "borrador"`) must not block the rest of the site.
    pub fn demote_errors(&mut self) {
        for item in &mut self.items {
            item.severity = Severity::Warning;
        }
    }

    /// Orders by file and position so output is stable whatever the thread scheduling was.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                d.location
                    .as_ref()
                    .map(|l| (l.path.clone(), l.line, l.column))
            };
            key(a)
                .cmp(&key(b))
                .then(a.severity.cmp(&b.severity))
                .then(a.message.cmp(&b.message))
        });
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Renders one diagnostic in the compiler style users know:
///
/// ```text
/// error: unknown key `bse_url`
///   --> site.toml:2:1
///    |
///  2 | bse_url = "https://example.org/"
///    | ^^^^^^^
///    = help: did you mean `base_url`?
/// ```
pub fn render(diagnostic: &Diagnostic) -> String {
    let mut out = String::new();
    let label = tr!(match diagnostic.severity {
        Severity::Error => Site::LabelError,
        Severity::Warning => Site::LabelWarning,
    });
    match &diagnostic.code {
        Some(code) => {
            let _ = writeln!(out, "{label}[{code}]: {}", diagnostic.message);
        }
        None => {
            let _ = writeln!(out, "{label}: {}", diagnostic.message);
        }
    }
    let gutter = diagnostic
        .location
        .as_ref()
        .map_or(1, |l| l.line.to_string().len());
    let pad = " ".repeat(gutter);
    if let Some(location) = &diagnostic.location {
        let _ = writeln!(
            out,
            "{pad}--> {}:{}:{}",
            display_path(&location.path),
            location.line,
            location.column
        );
        if !location.line_text.is_empty() {
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", location.line, location.line_text);
            let indent = " ".repeat(location.column - 1);
            let carets = "^".repeat(location.width);
            let _ = writeln!(out, "{pad} | {indent}{carets}");
        }
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "{pad} = {}: {help}", tr!(Site::LabelHelp));
    }
    out
}

/// Paths are shown with forward slashes on every platform, as users type them in links.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The closest candidate to `wrong`, if one is close enough to be a plausible typo. Of
/// equally close candidates, the first in byte order: candidates often come from a hash map,
/// and the same mistake must always get the same help.
pub fn suggest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(wrong, c), c))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_one_based_and_count_characters() {
        let text = "título = 1\nañadido = 2\n";
        let at = text.find("= 2").unwrap();
        let location = Location::from_range(Path::new("a.toml"), text, at..at + 3);
        assert_eq!((location.line, location.column), (2, 9));
        assert_eq!(location.line_text, "añadido = 2");
        assert_eq!(location.width, 3);
    }

    #[test]
    fn rendering_shows_line_and_carets() {
        let text = "title = \"x\"\nbse_url = \"y\"\n";
        let location = Location::from_range(Path::new("site.toml"), text, 12..19);
        let shown = render(
            &Diagnostic::error("unknown key `bse_url`")
                .at(location)
                .help("did you mean `base_url`?"),
        );
        assert_eq!(
            shown,
            "error: unknown key `bse_url`\n --> site.toml:2:1\n  |\n2 | bse_url = \"y\"\n  | ^^^^^^^\n  = ayuda: did you mean `base_url`?\n"
        );
    }

    #[test]
    fn suggestions_need_to_be_close() {
        assert_eq!(suggest("bse_url", ["title", "base_url"]), Some("base_url"));
        assert_eq!(suggest("colour", ["title", "base_url"]), None);
    }

    /// Two candidates as close as each other: the help is the same whatever their order.
    #[test]
    fn equally_close_suggestions_do_not_depend_on_the_order() {
        let (one, two) = ("guias/que-es.md", "guias/visita/index.md");
        let wrong = "guias/_index.md";
        assert_eq!(
            strsim::normalized_damerau_levenshtein(wrong, one),
            strsim::normalized_damerau_levenshtein(wrong, two)
        );
        assert_eq!(suggest(wrong, [one, two]), Some(one));
        assert_eq!(suggest(wrong, [two, one]), Some(one));
    }
}
