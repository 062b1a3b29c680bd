//! Loading the theme's templates and the site's over them, and registering the filters and
//! functions templates call. The only place that constructs a `Tera`.

// The one owner of Tera (clippy.toml bans the type elsewhere).
#![allow(clippy::disallowed_types)]

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tera::{ErrorKind, Kwargs, State, Tera};

use super::errors::{Failures, front_matter_key, template_error, template_help};
use super::taxonomies::TaxonomyData;
use super::{css, zola};
use crate::cache::hash_of;
use crate::diag::{Diagnostic, Diagnostics, display_path};
use crate::load::config::Config;
use crate::messages::{Site as Text, plain};
use crate::model::Site;
use crate::resolve::links::LinkIndex;
use crate::tr;

/// The templates every theme must provide.
const REQUIRED: [&str; 4] = ["index.html", "section.html", "page.html", "404.html"];
/// The templates a site with school plans needs too: the plan page, its print version
/// (a whole document without site chrome, so it cannot extend base.html), the listings.
const PLAN_TEMPLATES: [&str; 3] = ["plan.html", "plan_print.html", "plans.html"];
/// The templates of a site with taxonomies: Zola's names for the list of a taxonomy's
/// terms and for one term's pages.
const TAXONOMY_TEMPLATES: [&str; 2] = ["taxonomy_list.html", "taxonomy_single.html"];
const TEMPLATE_EXTENSIONS: [&str; 4] = ["html", "xml", "txt", "ics"];

pub struct Templates {
    pub(super) tera: Tera,
    /// Template name to (file shown in errors, its text), for locating errors.
    pub(super) files: HashMap<String, (PathBuf, String)>,
    /// A hash of every template's name and text.
    pub(super) fingerprint: u64,
    /// Whether a template calls `get_section`, `get_page` or `load_data`: then a page's
    /// output depends on more than its own inputs, and rebuilds render every page.
    pub(super) reads_site: bool,
    /// What `resize_image` made, output path to cached file, to publish.
    pub(super) resized: Resized,
}

/// The functions whose output depends on other pages or on data files.
const SITE_READERS: [&str; 3] = ["get_section", "get_page", "load_data"];

pub(super) type Resized = Arc<Mutex<BTreeMap<String, PathBuf>>>;

/// Loads the theme's templates, then the site's `templates/` over them (same name wins).
pub fn load_templates(
    site: &Site,
    index: Arc<LinkIndex>,
    taxonomies: Arc<TaxonomyData>,
    has_plans: bool,
    diagnostics: &mut Diagnostics,
) -> Option<Templates> {
    let config = &site.config;
    let mut files: HashMap<String, (PathBuf, String)> = HashMap::new();
    let mut dirs = Vec::new();
    if let Some(theme) = &config.theme {
        dirs.push(Path::new("themes").join(theme).join("templates"));
    }
    dirs.push(PathBuf::from("templates"));
    for dir in &dirs {
        read_template_dir(&config.root, dir, &mut files, diagnostics);
    }

    let mut syntax_ok = true;
    for (name, (path, text)) in &files {
        if let Err(error) = Tera::new().add_raw_template(name, text)
            && matches!(error.kind(), ErrorKind::SyntaxError(_))
        {
            diagnostics.push(
                template_error(&error, name, path, text, &files).help(template_help(None, 0)),
            );
            syntax_ok = false;
        }
    }
    syntax_ok &= has_required(config, &files, &dirs, has_plans, diagnostics);
    if !syntax_ok {
        return None;
    }

    let reads_site = files
        .values()
        .any(|(_, text)| SITE_READERS.iter().any(|f| text.contains(f)));
    // Serialized only for templates that call get_section or get_page.
    let documents = if reads_site {
        zola::Documents::of(site)
    } else {
        zola::Documents::default()
    };
    let mut tera = Tera::new();
    let resized = Resized::default();
    register_functions(&mut tera, config.clone(), Arc::clone(&index));
    register_zola(&mut tera, config, index, documents);
    register_taxonomy_functions(&mut tera, taxonomies);
    tera.register_function(
        "resize_image",
        super::resize::function(config, Arc::clone(&resized)),
    );
    // The same for every page: components read it with an implicit `@strings` argument.
    // The `editor_` strings are the plan editor's (served by `serve`, not by templates):
    // left out, so a template's missing-string error lists only what templates can use.
    let strings: BTreeMap<&str, &str> = config
        .strings
        .iter()
        .filter(|(key, _)| !key.starts_with("editor_"))
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect();
    tera.global_context().insert("strings", &strings);
    let sources = files
        .iter()
        .map(|(name, (_, text))| (name.as_str(), text.as_str()));
    if let Err(error) = tera.add_raw_templates(sources) {
        diagnostics.push(
            Diagnostic::error(tr!(Text::TemplatesNotCombined, error))
                .help(tr!(Text::TemplatesNotCombinedHelp)),
        );
        return None;
    }
    let mut sorted: Vec<(&String, &String)> =
        files.iter().map(|(name, (_, text))| (name, text)).collect();
    sorted.sort();
    let fingerprint = hash_of(&sorted);
    Some(Templates {
        tera,
        files,
        fingerprint,
        reads_site,
        resized,
    })
}

/// Whether every template a build of this site renders exists; each missing one reported
/// with the folders searched.
fn has_required(
    config: &Config,
    files: &HashMap<String, (PathBuf, String)>,
    dirs: &[PathBuf],
    has_plans: bool,
    diagnostics: &mut Diagnostics,
) -> bool {
    let mut ok = true;
    let plan_templates = if has_plans {
        PLAN_TEMPLATES.as_slice()
    } else {
        &[]
    };
    let taxonomy_templates = if config.taxonomies.iter().any(|t| t.render) {
        TAXONOMY_TEMPLATES.as_slice()
    } else {
        &[]
    };
    let required = REQUIRED
        .iter()
        .chain(plan_templates)
        .chain(taxonomy_templates);
    for name in required {
        if !files.contains_key(*name) {
            let searched: Vec<String> = dirs
                .iter()
                .map(|d| format!("{}/", display_path(d)))
                .collect();
            diagnostics.push(Diagnostic::error(tr!(Text::NoTemplate, name)).help(tr!(
                Text::NoTemplateHelp,
                name,
                searched.join(plain(Text::Or))
            )));
            ok = false;
        }
    }
    ok
}

fn read_template_dir(
    root: &Path,
    dir: &Path,
    files: &mut HashMap<String, (PathBuf, String)>,
    diagnostics: &mut Diagnostics,
) {
    let absolute = root.join(dir);
    if !absolute.is_dir() {
        return;
    }
    for entry in crate::fs::walk(&absolute).flatten() {
        let is_template = entry.is_file()
            && entry
                .path()
                .extension()
                .is_some_and(|e| TEMPLATE_EXTENSIONS.iter().any(|t| e == *t));
        if !is_template {
            continue;
        }
        let name = entry.rel();
        let shown = dir.join(&name);
        match crate::fs::read_text(entry.path(), &shown) {
            Ok(text) => {
                files.insert(name, (shown, text));
            }
            Err(error) => diagnostics.push(
                error
                    .diagnostic(&tr!(Text::CannotReadTemplate))
                    .help(tr!(Text::CannotReadTemplateHelp)),
            ),
        }
    }
}

fn register_functions(tera: &mut Tera, config: Config, index: Arc<LinkIndex>) {
    let language = config.language.clone();
    tera.register_filter(
        "date_long",
        move |date: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let language = kwargs.get::<&str>("lang")?.unwrap_or(&language);
            Ok(crate::render::dates::long_date(date, language))
        },
    );
    // Its output is a whole CSS string, quotes included, safe to print unescaped.
    tera.register_filter("css_string", |text: &str, _: Kwargs, _: &State| {
        tera::Value::safe_string(&css::css_string(text))
    });
    // Tera's `capitalize` lowercases all but the first letter: "Tutoría y Orientación
    // Educativa" would lose its capitals. A plan's text keeps what the school wrote.
    tera.register_filter(
        "upper_first",
        |text: tera::StringInput, _: Kwargs, _: &State| {
            text.inherit_safety(upper_first(text.as_str()))
        },
    );
    tera.register_function("get_url", move |kwargs: Kwargs, _: &State| {
        let path: &str = kwargs.must_get("path")?;
        index
            .url_for(&config, path)
            .ok_or_else(|| tera::Error::message(tr!(Text::GetUrlMissing, path)))
    });
}

/// Zola's `get_taxonomy(kind=…)` and `get_taxonomy_url(kind=…, name=…)`.
fn register_taxonomy_functions(tera: &mut Tera, data: Arc<TaxonomyData>) {
    let taxonomies = Arc::clone(&data);
    tera.register_function("get_taxonomy", move |kwargs: Kwargs, _: &State| {
        let kind: &str = kwargs.must_get("kind")?;
        taxonomies
            .values
            .get(kind)
            .cloned()
            .ok_or_else(|| tera::Error::message(tr!(Text::GetTaxonomyUnknown, kind)))
    });
    tera.register_function("get_taxonomy_url", move |kwargs: Kwargs, _: &State| {
        let kind: &str = kwargs.must_get("kind")?;
        let name: &str = kwargs.must_get("name")?;
        if !data.values.contains_key(kind) {
            return Err(tera::Error::message(tr!(Text::GetTaxonomyUnknown, kind)));
        }
        let key = (kind.to_string(), crate::resolve::slug::slugify(name));
        data.urls
            .get(&key)
            .cloned()
            .ok_or_else(|| tera::Error::message(tr!(Text::GetTaxonomyUrlMissing, kind, name)))
    });
}

/// The shortcode templates (`templates/shortcodes/*.html`, the site's over the theme's),
/// in a Tera of their own: Markdown is expanded before the page templates are loaded.
pub struct Shortcodes {
    tera: Tera,
    /// Every shortcode's name, and whether its template loaded.
    names: std::collections::BTreeMap<String, bool>,
    language: String,
    /// Template name to (file shown in errors, its text).
    files: HashMap<String, (PathBuf, String)>,
    /// A hash of every shortcode template, for reusing rendered Markdown.
    pub fingerprint: u64,
}

/// Loads the shortcodes. A template that does not parse is left out here and reported by
/// `load_templates`, which reads the same files.
pub fn load_shortcodes(config: &Config, index: Arc<LinkIndex>) -> Shortcodes {
    let mut files: HashMap<String, (PathBuf, String)> = HashMap::new();
    let mut ignored = Diagnostics::default();
    let mut dirs = Vec::new();
    if let Some(theme) = &config.theme {
        dirs.push(Path::new("themes").join(theme).join("templates/shortcodes"));
    }
    dirs.push(PathBuf::from("templates/shortcodes"));
    for dir in &dirs {
        read_template_dir(&config.root, dir, &mut files, &mut ignored);
    }
    let mut tera = Tera::new();
    register_functions(&mut tera, config.clone(), index);
    tera.global_context().insert("strings", &config.strings);
    tera.global_context().insert("config", config);
    let mut names = std::collections::BTreeMap::new();
    let mut sorted: Vec<(&String, &String)> = Vec::new();
    for (file, (_, text)) in &files {
        let Some(name) = file.strip_suffix(".html").filter(|n| !n.contains('/')) else {
            continue;
        };
        names.insert(name.to_string(), tera.add_raw_template(file, text).is_ok());
        sorted.push((file, text));
    }
    sorted.sort();
    let fingerprint = hash_of(&sorted);
    Shortcodes {
        tera,
        names,
        language: config.language.clone(),
        files,
        fingerprint,
    }
}

impl crate::resolve::shortcodes::Renderer for Shortcodes {
    fn names(&self) -> Vec<&str> {
        self.names.keys().map(String::as_str).collect()
    }

    fn knows(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    fn loaded(&self, name: &str) -> bool {
        self.names.get(name) == Some(&true)
    }

    fn render(
        &self,
        name: &str,
        args: &serde_json::Map<String, serde_json::Value>,
        body: bool,
        nth: usize,
    ) -> Result<String, String> {
        let mut context = tera::Context::new();
        for (key, value) in args {
            context.insert(key.clone(), value);
        }
        context.insert("nth", &nth);
        context.insert("lang", &self.language);
        if body {
            context.insert("body", crate::resolve::shortcodes::BODY_MARKER);
        }
        self.tera
            .render(&format!("{name}.html"), &context)
            .map_err(|error| self.error_message(&error))
    }
}

impl Shortcodes {
    /// What went wrong, and at which line of which template file: the diagnostic itself
    /// points at the call in the page.
    fn error_message(&self, error: &tera::Error) -> String {
        match error.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let Some((path, text)) = self.files.get(report.filename()) else {
                    return report.message().to_string();
                };
                let start = report.span().range.start.min(text.len());
                let line = text[..start].matches('\n').count() + 1;
                tr!(
                    Text::ShortcodeAt,
                    report.message(),
                    display_path(path),
                    line
                )
            }
            _ => error.to_string(),
        }
    }
}

/// Zola's functions and filters (`zola`), with Zola's names and arguments.
fn register_zola(tera: &mut Tera, config: &Config, index: Arc<LinkIndex>, docs: zola::Documents) {
    let docs = Arc::new(docs);
    let sections = Arc::clone(&docs);
    tera.register_function("get_section", move |kwargs: Kwargs, _: &State| {
        let path: tera::Value = kwargs.must_get("path")?;
        sections.section(&path).map_err(tera::Error::message)
    });
    tera.register_function("get_page", move |kwargs: Kwargs, _: &State| {
        let path: tera::Value = kwargs.must_get("path")?;
        docs.page(&path).map_err(tera::Error::message)
    });
    let root = config.root.clone();
    tera.register_function("load_data", move |kwargs: Kwargs, _: &State| {
        let path: &str = kwargs.must_get("path")?;
        let format: Option<&str> = kwargs.get("format")?;
        zola::load_data(&root, path, format).map_err(tera::Error::message)
    });
    tera.register_filter(
        "date",
        |text: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let format = kwargs.get::<&str>("format")?.unwrap_or("%Y-%m-%d");
            let locale = kwargs.get::<&str>("locale")?;
            zola::date(text, format, locale).map_err(tera::Error::message)
        },
    );
    // The site's own text: its `@/` links resolve as in pages.
    tera.register_filter(
        "markdown",
        move |text: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<tera::Value> {
            let inline = kwargs.get::<bool>("inline")?.unwrap_or(false);
            let rendered =
                crate::resolve::markdown::render(text, &|path: &str| index.resolve(path));
            let html = if inline {
                zola::strip_paragraph(&rendered.html)
            } else {
                &rendered.html
            };
            Ok(tera::Value::safe_string(html))
        },
    );
    tera.register_filter("slugify", |text: &str, _: Kwargs, _: &State| {
        crate::resolve::slug::slugify(text)
    });
    tera.register_filter("urlencode", |text: &str, _: Kwargs, _: &State| {
        zola::urlencode(text)
    });
}

impl Templates {
    /// Every template's file (as errors show it) and text, by file, for the link check to
    /// find the line a template's link is written on.
    pub fn sources(&self) -> Vec<(&Path, &str)> {
        let mut sources: Vec<(&Path, &str)> = self
            .files
            .values()
            .map(|(path, text)| (path.as_path(), text.as_str()))
            .collect();
        sources.sort();
        sources
    }

    /// The files `resize_image` made in this run, to publish.
    pub fn resized_files(&self) -> Vec<crate::write::CopiedFile> {
        let files = self.resized.lock().map(|f| f.clone()).unwrap_or_default();
        files
            .into_iter()
            .map(|(to, from)| crate::write::CopiedFile { from, to })
            .collect()
    }

    /// Whether every `template = …` of the site's front matter names a template; each one
    /// that does not is reported.
    pub(super) fn check_names(&self, site: &Site, failures: &mut Failures) -> bool {
        let mut known = true;
        for doc in site.documents() {
            if let Some(name) = &doc.meta.template
                && !self.files.contains_key(name)
            {
                known = false;
                failures.push(
                    Diagnostic::error(tr!(Text::UnknownTemplate, name))
                        .at(front_matter_key(doc, "template"))
                        .help(tr!(Text::UnknownTemplateHelp, sorted_names(self), name)),
                );
            }
        }
        known
    }
}

/// The first letter in upper case, the rest as written: a cell starts with a capital, and
/// "EIB" or "Tutoría" are never lowered.
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn sorted_names(templates: &Templates) -> String {
    let mut names: Vec<&String> = templates.files.keys().collect();
    names.sort();
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
