//! Loading the theme's templates and the site's over them, and registering the filters and
//! functions templates call. The only place that constructs a `Tera`.

// The one owner of Tera (clippy.toml bans the type elsewhere).
#![allow(clippy::disallowed_types)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
}

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
    register_functions(&mut tera, config.clone(), index);
    // The same for every page: components read it with an implicit `@strings` argument.
    tera.global_context().insert("strings", &config.strings);
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
    tera.register_function("get_url", move |kwargs: Kwargs, _: &State| {
        let path: &str = kwargs.must_get("path")?;
        index
            .url_for(&config, path)
            .ok_or_else(|| tera::Error::message(tr!(Text::GetUrlMissing, path)))
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

fn sorted_names(templates: &Templates) -> String {
    let mut names: Vec<&String> = templates.files.keys().collect();
    names.sort();
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
