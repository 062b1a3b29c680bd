//! `senda init` and `senda new page|section`: new files from embedded templates, never
//! written over an existing one.

use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, display_path};
use crate::messages::Site as Text;
use crate::tr;

/// The senda theme, embedded by `build.rs` from `themes/senda/`: (path inside the theme,
/// bytes).
pub const THEME: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// The sample site `senda init` writes beside the theme: a guide and a valid plan, so the
/// new site builds and shows each kind of page.
const SAMPLE: &[(&str, &str)] = &[
    ("site.toml", include_str!("sitio/site.toml")),
    ("content/_index.md", include_str!("sitio/content/_index.md")),
    (
        "content/guias/_index.md",
        include_str!("sitio/content/guias/_index.md"),
    ),
    (
        "content/guias/primera-visita.md",
        include_str!("sitio/content/guias/primera-visita.md"),
    ),
    (
        "content/planes/_index.md",
        include_str!("sitio/content/planes/_index.md"),
    ),
    (
        "content/planes/ie-ejemplo-2025.toml",
        include_str!("sitio/content/planes/ie-ejemplo-2025.toml"),
    ),
];

/// `senda init <dir>`: a new site in `dir`, which must not exist or be empty, so no file of
/// the user's is ever replaced. Returns the number of files written.
pub fn init(dir: &Path) -> Result<usize, Diagnostic> {
    if dir.exists() {
        let empty = crate::fs::is_empty(dir)
            .map_err(|e| Diagnostic::error(tr!(Text::InitNotFolder, display_path(dir), e)))?;
        if !empty {
            return Err(
                Diagnostic::error(tr!(Text::InitNotEmpty, display_path(dir)))
                    .help(tr!(Text::InitNotEmptyHelp)),
            );
        }
    }
    let theme = THEME
        .iter()
        .map(|(path, bytes)| (format!("themes/senda/{path}"), *bytes));
    let sample = SAMPLE
        .iter()
        .map(|(path, text)| (path.to_string(), text.as_bytes()));
    let mut written = 0;
    for (path, bytes) in sample.chain(theme) {
        write_new(&dir.join(path), bytes)?;
        written += 1;
    }
    Ok(written)
}

/// What `senda new` starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Page,
    Section,
}

/// `senda new page <path>` writes `content/<path>` (`.md` added if missing);
/// `senda new section <path>` writes `content/<path>/_index.md`. The path is inside
/// `content/` (a leading `content/` is allowed, as one types it from the site's folder).
/// Returns the path written.
pub fn new_content(root: &Path, path: &str, kind: Kind) -> Result<PathBuf, Diagnostic> {
    let relative = content_path(path, kind)?;
    let stem = match kind {
        Kind::Page => relative.file_stem(),
        Kind::Section => relative.parent().and_then(Path::file_name),
    };
    let title = title_of(&stem.map(|s| s.to_string_lossy()).unwrap_or_default());
    let target = root.join("content").join(&relative);
    let text = match kind {
        Kind::Page => format!(
            "+++\ntitle = {}\ndescription = \"\"\ndate = {}\n+++\n\n{}\n",
            quoted(&title),
            crate::plan::calendar::today(),
            tr!(Text::NewPageBody)
        ),
        Kind::Section => format!(
            "+++\ntitle = {}\ndescription = \"\"\n# weight = 10\n+++\n\n{}\n",
            quoted(&title),
            tr!(Text::NewSectionBody)
        ),
    };
    write_new(&target, text.as_bytes())?;
    Ok(target)
}

/// The path under `content/` to write: relative, no `..`, each name one every disk takes.
fn content_path(path: &str, kind: Kind) -> Result<PathBuf, Diagnostic> {
    let trimmed = path.trim_matches('/');
    let trimmed = trimmed.strip_prefix("content/").unwrap_or(trimmed);
    let bad = |why: String| {
        Diagnostic::error(tr!(Text::NewBadPath, path, why)).help(tr!(Text::NewBadPathHelp))
    };
    if trimmed.is_empty() || Path::new(path).is_absolute() || trimmed.contains('\\') {
        return Err(bad(tr!(Text::NewPathOutside)));
    }
    for component in Path::new(trimmed).components() {
        let Component::Normal(name) = component else {
            return Err(bad(tr!(Text::NewPathOutside)));
        };
        if let Some(problem) = crate::names::problem(&name.to_string_lossy()) {
            return Err(bad(problem.describe()));
        }
    }
    let mut relative = PathBuf::from(trimmed);
    match kind {
        Kind::Page if relative.extension().is_none_or(|e| e != "md") => {
            relative.set_extension("md");
        }
        Kind::Page if relative.file_name().is_some_and(|n| n == "_index.md") => {
            return Err(bad(tr!(Text::NewPageIsSection)));
        }
        Kind::Page => {}
        Kind::Section => relative.push("_index.md"),
    }
    Ok(relative)
}

/// `mi-primera-guia` -> `Mi primera guia`: a start the author rewrites.
fn title_of(stem: &str) -> String {
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Writes `bytes` to a new file at `path` (its folders made), never over an existing one:
/// `create_new` fails if it exists, even if it appeared since anything was checked.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    use std::io::Write;
    let shown = display_path(path.strip_prefix(".").unwrap_or(path));
    let failed = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Diagnostic::error(tr!(Text::NewExists, shown)).help(tr!(Text::NewExistsHelp))
        } else {
            Diagnostic::error(tr!(Text::CannotWriteNew, shown, e))
        }
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(failed)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(failed)?;
    file.write_all(bytes).map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_theme_is_the_theme_on_disk() {
        let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/senda");
        let on_disk: Vec<(String, Vec<u8>)> = crate::fs::walk(&theme)
            .flatten()
            .filter(|e| !e.is_dir())
            .map(|e| {
                let relative = e.path().strip_prefix(&theme).unwrap().to_owned();
                let bytes = std::fs::read(e.path()).unwrap();
                (relative.to_string_lossy().replace('\\', "/"), bytes)
            })
            .collect();
        let embedded: Vec<(String, Vec<u8>)> = THEME
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect();
        assert_eq!(embedded, on_disk);
        assert!(THEME.iter().any(|(p, _)| *p == "templates/base.html"));
    }

    #[test]
    fn paths_stay_inside_content() {
        for bad in [
            "",
            "../x.md",
            "/etc/x.md",
            "a/../../x.md",
            "con.md",
            "a\\b.md",
        ] {
            assert!(content_path(bad, Kind::Page).is_err(), "{bad}");
        }
        let page = |p| content_path(p, Kind::Page).unwrap();
        assert_eq!(page("guias/nueva"), PathBuf::from("guias/nueva.md"));
        assert_eq!(page("content/guias/x.md"), PathBuf::from("guias/x.md"));
        assert!(content_path("guias/_index.md", Kind::Page).is_err());
        assert_eq!(
            content_path("noticias/", Kind::Section).unwrap(),
            PathBuf::from("noticias/_index.md")
        );
        assert_eq!(title_of("mi-primera-guia"), "Mi primera guia");
    }
}
