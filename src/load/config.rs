//! `site.toml`: the raw file as users write it, and the resolved `Config` the pipeline uses.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, Location, suggest};
use crate::fs::{self, ReadError};
use crate::load::taxonomies::{RawTaxonomy, TaxonomyConfig, resolve_taxonomies};
use crate::load::toml_input::{self, Source};
use crate::messages::Links;
use crate::messages::Site as Text;
use crate::tr;

pub const CONFIG_FILE: &str = "site.toml";
/// A theme's own settings, beside its `templates/` and `static/`.
pub const THEME_FILE: &str = "theme.toml";
/// The feed's file name, at the root and in each section that asks for one.
pub const FEED_FILE: &str = "atom.xml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    output_dir: Option<String>,
    #[serde(default)]
    description: Option<String>,
    /// Zola's name: write `search-index.js` for the theme's in-browser search.
    #[serde(default)]
    build_search_index: bool,
    /// Zola's names: an Atom feed of the dated pages (`feed_filenames`, `atom.xml`),
    /// of at most `feed_limit` entries, newest first.
    #[serde(default)]
    generate_feeds: bool,
    #[serde(default)]
    feed_filenames: Option<Vec<String>>,
    #[serde(default)]
    feed_limit: Option<usize>,
    /// Offline reading: `sw.js`, a service worker that keeps the pages read (see
    /// `render::offline`).
    #[serde(default)]
    offline: bool,
    #[serde(default)]
    extra: toml::Table,
    /// Overrides of the theme's interface strings, key by key.
    #[serde(default)]
    strings: BTreeMap<String, String>,
    /// Zola's shape: `taxonomies = [{ name = "nivel" }, { name = "tema" }]`.
    #[serde(default)]
    taxonomies: Vec<RawTaxonomy>,
}

/// `themes/<theme>/theme.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    /// Every interface string the theme's templates use, as `strings.<key>`.
    #[serde(default)]
    strings: BTreeMap<String, String>,
}

/// The validated configuration. Serialized as `config` into every template.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Config {
    pub title: String,
    /// Always ends with `/`, e.g. `https://example.org/portal/`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending with `/`: `/portal/`.
    pub base_path: String,
    pub language: String,
    pub theme: Option<String>,
    pub description: String,
    /// Whether the build writes `search-index.js` (see `search`); templates read it to
    /// show the search box.
    pub build_search_index: bool,
    /// Whether the build writes `atom.xml` (`render::feeds`); templates read it to link
    /// the feed from every page's `<head>`.
    pub generate_feeds: bool,
    /// Always `["atom.xml"]`: the one feed senda writes, under Zola's key.
    pub feed_filenames: Vec<String>,
    /// The most entries a feed holds; every dated page when unset.
    pub feed_limit: Option<usize>,
    /// Whether the build writes `sw.js` and the pages register it.
    pub offline: bool,
    pub extra: toml::Table,
    /// The taxonomies pages may use in their front matter's `[taxonomies]`.
    pub taxonomies: Vec<TaxonomyConfig>,
    /// The theme's interface strings with the site's overrides, given to templates as
    /// `strings` (not as part of `config`).
    #[serde(skip)]
    pub strings: BTreeMap<String, String>,
    #[serde(skip)]
    pub root: PathBuf,
    /// Where this build writes: `--output`, else `output_dir`, else `public`.
    #[serde(skip)]
    pub output_dir: PathBuf,
    /// Where the public site goes (`output_dir`, else `public`), whatever `--output` says:
    /// `senda build --private` must keep out of it.
    #[serde(skip)]
    pub public_output_dir: PathBuf,
}

/// Options from the command line that change the configuration.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub base_url: Option<String>,
    pub output_dir: Option<PathBuf>,
}

impl Config {
    /// Reads `site.toml` in `root`. Every problem in it is returned at once.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = fs::read_text(&path, Path::new(CONFIG_FILE)).map_err(|e| match e {
            ReadError::Io { error, .. } => vec![
                Diagnostic::error(tr!(Text::NoConfig, CONFIG_FILE, error))
                    .at(Location::file(Path::new(CONFIG_FILE)))
                    .help(tr!(Text::NoConfigHelp, CONFIG_FILE)),
            ],
            ReadError::NotUtf8(diagnostic) => vec![diagnostic],
        })?;
        let source = Source::whole_file(Path::new(CONFIG_FILE), &text);
        let raw: RawConfig = toml_input::parse_site(&source)?;
        let controls = control_characters(&source);
        if !controls.is_empty() {
            return Err(controls);
        }
        Config::resolve(raw, root, overrides, &source)
    }

    fn resolve(
        raw: RawConfig,
        root: &Path,
        overrides: &Overrides,
        source: &Source,
    ) -> Result<Config, Vec<Diagnostic>> {
        let RawConfig {
            title,
            base_url,
            language,
            theme,
            output_dir,
            description,
            build_search_index,
            generate_feeds,
            feed_filenames,
            feed_limit,
            offline,
            extra,
            strings: site_strings,
            taxonomies,
        } = raw;
        let mut errors = Vec::new();
        let locate = |key: &str| source.key_location(key);

        let base_url = overrides.base_url.clone().unwrap_or(base_url);
        let base_path = match url_path(&base_url) {
            Some(path) => path,
            None => {
                errors.push(
                    Diagnostic::error(tr!(Text::BadBaseUrl, base_url))
                        .at(locate("base_url"))
                        .help(tr!(Text::BadBaseUrlHelp)),
                );
                "/".to_string()
            }
        };
        let strings = match &theme {
            Some(theme) => theme_strings(root, theme, &site_strings, source, &mut errors),
            None => BTreeMap::new(),
        };
        let public_output_dir = match output_dir.as_deref().map(expand_home) {
            Some(Ok(dir)) => dir,
            Some(Err(e)) => {
                errors.push(e.at(locate("output_dir")));
                PathBuf::new()
            }
            None => PathBuf::from("public"),
        };
        let taxonomies = resolve_taxonomies(taxonomies, locate("taxonomies"), &mut errors);
        let feed_filenames = feed_filenames.unwrap_or_else(|| vec![FEED_FILE.to_string()]);
        for name in feed_filenames.iter().filter(|n| *n != FEED_FILE) {
            errors.push(
                Diagnostic::error(tr!(Links::FeedFilename, name))
                    .at(locate("feed_filenames"))
                    .help(tr!(Links::FeedFilenameHelp)),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let output_dir = overrides
            .output_dir
            .clone()
            .unwrap_or_else(|| public_output_dir.clone());
        Ok(Config {
            title,
            base_url: with_trailing_slash(&base_url),
            base_path,
            language: language.unwrap_or_else(|| "es".to_string()),
            theme,
            description: description.unwrap_or_default(),
            build_search_index,
            generate_feeds,
            feed_filenames,
            feed_limit,
            offline,
            extra,
            taxonomies,
            strings: {
                let mut strings = strings;
                strings.extend(site_strings);
                strings
            },
            root: root.to_path_buf(),
            output_dir: root.join(output_dir),
            public_output_dir: root.join(public_output_dir),
        })
    }

    /// A configuration as a minimal site.toml gives it, for unit tests that need no file.
    #[cfg(test)]
    pub(crate) fn for_tests(title: &str, root: PathBuf) -> Config {
        Config {
            title: title.to_string(),
            base_url: "https://example.org/".to_string(),
            base_path: "/".to_string(),
            language: "es".to_string(),
            output_dir: root.join("public"),
            public_output_dir: root.join("public"),
            root,
            ..Config::default()
        }
    }

    /// The absolute URL of a site path such as `guias/que-es/`.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }

    /// The root-relative URL of a site path, including the base path: `/portal/guias/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }
}

/// The theme's strings, once `theme` is checked to be a folder of `themes/` with a
/// readable `theme.toml` whose keys the site's `[strings]` overrides must match.
fn theme_strings(
    root: &Path,
    theme: &str,
    site_strings: &BTreeMap<String, String>,
    source: &Source,
    errors: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let locate = |key: &str| source.key_location(key);
    let dir = root.join("themes").join(theme);
    if !is_folder_name(theme) {
        errors.push(
            Diagnostic::error(tr!(Text::ThemeNotAName, theme))
                .at(locate("theme"))
                .help(tr!(Text::ThemeNotANameHelp, list_themes(root))),
        );
    } else if dir.is_dir() {
        match load_theme(root, theme) {
            Ok(Some(raw)) => {
                check_string_keys(site_strings, &raw.strings, theme, source, errors);
                return raw.strings;
            }
            Ok(None) => {}
            Err(theme_errors) => errors.extend(theme_errors),
        }
    } else {
        errors.push(
            Diagnostic::error(tr!(Text::ThemeMissing, theme))
                .at(locate("theme"))
                .help(tr!(Text::ThemeMissingHelp, theme, list_themes(root))),
        );
    }
    BTreeMap::new()
}

/// `~` and `~/rest` name the home folder, as in a shell; any other path is as written.
fn expand_home(dir: &str) -> Result<PathBuf, Diagnostic> {
    let rest = match dir.strip_prefix('~') {
        Some("") => "",
        Some(rest) if rest.starts_with('/') || rest.starts_with('\\') => &rest[1..],
        _ => return Ok(PathBuf::from(dir)),
    };
    let home = crate::write::home_dir()
        .ok_or_else(|| Diagnostic::error(tr!(Text::NoHome)).help(tr!(Text::NoHomeHelp)))?;
    Ok(home.join(rest))
}

/// Reads `themes/<theme>/theme.toml`, if the theme has one.
fn load_theme(root: &Path, theme: &str) -> Result<Option<RawTheme>, Vec<Diagnostic>> {
    let shown = Path::new("themes").join(theme).join(THEME_FILE);
    let text = match fs::read_text(&root.join(&shown), &shown) {
        Ok(text) => text,
        Err(ReadError::Io { error, .. }) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(ReadError::Io { error, .. }) => {
            return Err(vec![
                Diagnostic::error(tr!(Text::NoThemeSettings, error))
                    .at(Location::file(&shown))
                    .help(tr!(Text::NoThemeSettingsHelp)),
            ]);
        }
        Err(ReadError::NotUtf8(diagnostic)) => return Err(vec![diagnostic]),
    };
    let source = Source::whole_file(&shown, &text);
    toml_input::parse_site(&source).map(Some)
}

/// Every key of the site's `[strings]` must override one of the theme's: a misspelt key
/// would otherwise change nothing, silently.
fn check_string_keys(
    site: &BTreeMap<String, String>,
    theme_strings: &BTreeMap<String, String>,
    theme: &str,
    source: &Source,
    errors: &mut Vec<Diagnostic>,
) {
    if site.keys().all(|k| theme_strings.contains_key(k)) {
        return;
    }
    for (key, location) in toml_input::table_keys(source, "strings") {
        if theme_strings.contains_key(&key) {
            continue;
        }
        let help = match suggest(&key, theme_strings.keys().map(String::as_str)) {
            Some(right) => tr!(Text::DidYouMean, right),
            None => tr!(Text::UnknownStringHelp, theme, THEME_FILE),
        };
        errors.push(
            Diagnostic::error(tr!(Text::UnknownString, key))
                .at(location)
                .help(help),
        );
    }
}

/// A theme is a folder of `themes/`: a name, never a path that could lead out of it.
fn is_folder_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':'])
        && Path::new(name).components().count() == 1
}

/// Values that are one line: names, addresses, folders.
const ONE_LINE_KEYS: [&str; 5] = ["title", "base_url", "language", "theme", "output_dir"];

/// Control characters in the keys and strings of site.toml (TOML writes them as escapes,
/// `"\u0000"`): a NUL cuts a path or a title short in the programs that read them, and
/// none belongs in a setting. Tabs and line breaks are allowed in free text (`description`,
/// `[extra]`, `[strings]`), not in the one-line values.
fn control_characters(source: &Source) -> Vec<Diagnostic> {
    let Ok(document) = DeTable::parse(source.toml) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (key, value) in document.get_ref() {
        let one_line = ONE_LINE_KEYS.contains(&key.get_ref().as_ref());
        find_controls(key.get_ref(), key.span(), false, &mut found);
        find_controls_in(value, one_line, &mut found);
    }
    found
        .into_iter()
        .map(|(c, span)| {
            Diagnostic::error(tr!(
                Text::ControlInConfig,
                CONFIG_FILE,
                format!("{:04X}", u32::from(c))
            ))
            .at(source.locate(span))
            .help(tr!(Text::ControlInConfigHelp))
        })
        .collect()
}

fn find_controls_in(
    value: &toml::Spanned<DeValue>,
    one_line: bool,
    found: &mut Vec<(char, std::ops::Range<usize>)>,
) {
    match value.get_ref() {
        DeValue::String(text) => find_controls(text, value.span(), !one_line, found),
        DeValue::Array(items) => {
            for item in items {
                find_controls_in(item, one_line, found);
            }
        }
        DeValue::Table(table) => {
            for (key, item) in table {
                find_controls(key.get_ref(), key.span(), false, found);
                find_controls_in(item, one_line, found);
            }
        }
        _ => {}
    }
}

fn find_controls(
    text: &str,
    span: std::ops::Range<usize>,
    free_text: bool,
    found: &mut Vec<(char, std::ops::Range<usize>)>,
) {
    let allowed = |c: char| free_text && matches!(c, '\t' | '\n' | '\r');
    if let Some(c) = text.chars().find(|c| c.is_control() && !allowed(*c)) {
        found.push((c, span));
    }
}

fn with_trailing_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// The path of an absolute http(s) URL, normalised to start and end with `/`.
fn url_path(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || host.contains(char::is_whitespace) {
        return None;
    }
    let path = path.trim_matches('/');
    Some(if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    })
}

fn list_themes(root: &Path) -> String {
    let mut names: Vec<String> = crate::fs::list(&root.join("themes"))
        .into_iter()
        .flatten()
        .filter(|e| e.path.is_dir())
        .map(|e| format!("`{}`", e.name))
        .collect();
    names.sort();
    if names.is_empty() {
        "(no themes/ folder yet)".to_string()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests;
