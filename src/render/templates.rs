//! Loading the theme's templates and the site's over them, and registering the filters and
//! functions templates call. The only place that constructs a `Tera`.

// The one owner of Tera (clippy.toml bans the type elsewhere).
#![allow(clippy::disallowed_types)]

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tera::{ErrorKind, Kwargs, State, Tera};

use super::css;
use super::errors::{Failures, front_matter_key, template_error, template_help};
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
const TEMPLATE_EXTENSIONS: [&str; 4] = ["html", "xml", "txt", "ics"];

pub struct Templates {
    pub(super) tera: Tera,
    /// Template name to (file shown in errors, its text), for locating errors.
    pub(super) files: HashMap<String, (PathBuf, String)>,
    /// A hash of every template's name and text.
    pub(super) fingerprint: u64,
    /// What `resize_image` made, output path to cached file, to publish.
    pub(super) resized: Resized,
}

type Resized = Arc<Mutex<BTreeMap<String, PathBuf>>>;

/// Loads the theme's templates, then the site's `templates/` over them (same name wins).
pub fn load_templates(
    config: &Config,
    index: Arc<LinkIndex>,
    has_plans: bool,
    diagnostics: &mut Diagnostics,
) -> Option<Templates> {
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
    let plan_templates = if has_plans {
        PLAN_TEMPLATES.as_slice()
    } else {
        &[]
    };
    for name in REQUIRED.iter().chain(plan_templates) {
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
            syntax_ok = false;
        }
    }
    if !syntax_ok {
        return None;
    }

    let mut tera = Tera::new();
    let resized = Resized::default();
    register_functions(&mut tera, config.clone(), index);
    register_resize_image(&mut tera, config, Arc::clone(&resized));
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
        resized,
    })
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

/// Zola's `resize_image(path, width, height, op, format, quality)`, returning `url`,
/// `static_path`, `width`, `height`, `orig_width`, `orig_height`.
fn register_resize_image(tera: &mut Tera, config: &Config, resized: Resized) {
    use crate::images::resize::{self, Failure, Op, Request};
    let root = config.root.clone();
    let base_path = config.base_path.clone();
    tera.register_function("resize_image", move |kwargs: Kwargs, _: &State| {
        let path: &str = kwargs.must_get("path")?;
        let op: &str = kwargs.get("op")?.unwrap_or("fill");
        let bad = |e: String| tera::Error::message(tr!(Text::ResizeImageBad, e));
        let request = Request {
            path,
            width: kwargs.get("width")?,
            height: kwargs.get("height")?,
            op: Op::parse(op).ok_or_else(|| {
                bad(format!(
                    "op = \"{op}\": scale, fit_width, fit_height, fit, fill"
                ))
            })?,
            format: kwargs.get("format")?.unwrap_or("auto"),
            quality: kwargs
                .get::<u8>("quality")?
                .unwrap_or(crate::images::process::DEFAULT_QUALITY),
        };
        match resize::resize_image(&root, &base_path, &request) {
            Ok(image) => {
                if let Ok(mut files) = resized.lock() {
                    files.insert(image.static_path.clone(), image.cached.clone());
                }
                Ok(tera::Value::from_serializable(&image))
            }
            Err(Failure::NotFound) => {
                Err(tera::Error::message(tr!(Text::ResizeImageMissing, path)))
            }
            Err(Failure::Bad(e)) => Err(bad(e)),
        }
    });
}

impl Templates {
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
