//! Templates: loading the theme (with site overrides) and rendering every page, section,
//! the 404 page, the sitemap and robots.txt. The only module that knows Tera.
//!
//! Template contexts use Zola's names (`config.title`, `page.content`, `page.toc`,
//! `section.pages`, `page.permalink`…) so Zola users can bring their templates along.

// The only Tera user (clippy.toml); its template walk is not yet `crate::fs::walk`.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

mod css;
pub mod dates;
pub mod urls;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, ErrorKind, Kwargs, State, Tera};

use crate::cache::{Cache, hash_of};
use crate::diag::{Diagnostic, Diagnostics, Location, display_path};
use crate::load::config::Config;
use crate::load::toml_input::Source;
use crate::model::{Document, PageId, ROOT, SectionId, Site, TocEntry};
use crate::plan::view::{PlanSummary, PublicPlan, plan_path};
use crate::resolve::links::LinkIndex;
use crate::write::{OutputFile, Sink};
use urls::{Base, Style};

/// The templates every theme must provide.
const REQUIRED: [&str; 4] = ["index.html", "section.html", "page.html", "404.html"];
/// The templates a site with school plans needs too: the plan page, its print version
/// (a whole document without site chrome, so it cannot extend base.html), the listings.
const PLAN_TEMPLATES: [&str; 3] = ["plan.html", "plan_print.html", "plans.html"];
const TEMPLATE_EXTENSIONS: [&str; 4] = ["html", "xml", "txt", "ics"];

pub struct Templates {
    tera: Tera,
    /// Template name to (file shown in errors, its text), for locating errors.
    files: HashMap<String, (PathBuf, String)>,
    /// A hash of every template's name and text.
    fingerprint: u64,
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
            diagnostics.push(template_error(&error, name, path, text, &files, None));
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
            diagnostics.push(
                Diagnostic::error(format!("no `{name}` template found"))
                    .help(format!("add {name} to {}", searched.join(" or "))),
            );
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
            Diagnostic::error(format!("templates cannot be combined: {error}"))
                .help("check the names in `{% extends %}` and `{% include %}`"),
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
    for entry in walkdir::WalkDir::new(&absolute)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let is_template = entry.file_type().is_file()
            && entry
                .path()
                .extension()
                .is_some_and(|e| TEMPLATE_EXTENSIONS.iter().any(|t| e == *t));
        if !is_template {
            continue;
        }
        let name = entry
            .path()
            .strip_prefix(&absolute)
            .map(display_path)
            .unwrap_or_default();
        let shown = dir.join(&name);
        match std::fs::read_to_string(entry.path()) {
            Ok(text) => {
                files.insert(name, (shown, text));
            }
            Err(e) => diagnostics.push(
                Diagnostic::error(format!("cannot read template: {e}"))
                    .at(Location::file(&shown))
                    .help("templates must be UTF-8 text files"),
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
        index.url_for(&config, path).ok_or_else(|| {
            tera::Error::message(format!(
                "get_url: `{path}` does not exist in content/ (an `@/` path names a file under content/)"
            ))
        })
    });
}

/// Turns a Tera error into a diagnostic at the template line it names. `rendering` is the
/// content file whose page was being rendered, if any.
fn template_error(
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

/// Renders every section, page and the 404 page, plus the sitemap and robots.txt.
/// Plans are not among them: `render_plans` renders those a chunk at a time, and `plans`
/// here are their summaries, for the listings. `cache` reuses and keeps rendered pages from
/// one rebuild to the next (`senda serve`); a one-off build has no next time and passes none.
pub fn render_site(
    site: &Site,
    plans: &[PlanSummary],
    templates: &Templates,
    index: &LinkIndex,
    cache: Option<&mut Cache>,
    failures: &mut Failures,
    sink: &Sink,
) {
    let mut unknown_template = false;
    for doc in site.documents() {
        if let Some(name) = &doc.meta.template
            && !templates.files.contains_key(name)
        {
            unknown_template = true;
            failures.add(
                Diagnostic::error(format!("unknown template `{name}`"))
                    .at(front_matter_key(doc, "template"))
                    .help(format!(
                        "use one of: {}, or add templates/{name}",
                        sorted_names(templates)
                    )),
            );
        }
    }
    if unknown_template {
        return;
    }

    let nav = nav(site);
    let listings = Listings::new(site, plans);
    let jobs: Vec<Job> = (0..site.sections.len())
        .map(Job::Section)
        .chain((0..site.pages.len()).map(Job::Page))
        .chain(listings.jobs())
        .chain([Job::NotFound])
        .collect();
    let shared = Shared {
        site,
        plans: &[],
        plan_values: &[],
        has_plans: !plans.is_empty(),
        listings: &listings,
        templates,
        nav: &nav,
    };
    let fingerprints = Fingerprints::new(site, index, templates, !plans.is_empty());
    let remember = cache.is_some();
    let empty = HashMap::new();
    let cached = cache.as_ref().map_or(&empty, |c| &c.pages);
    // Each page goes to the sink as soon as it is rendered, so a build never holds them all;
    // what stays is its path, and its bytes when the next rebuild may reuse them.
    let results: Vec<Result<RenderedPage, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let fingerprint = fingerprints.of(site, *job);
            let output = output_path(site, &[], &listings, *job);
            let reused = fingerprint
                .and_then(|fingerprint| {
                    cached
                        .get(&output)
                        .filter(|(known, _)| *known == fingerprint)
                })
                .map(|(_, bytes)| OutputFile {
                    path: output,
                    bytes: Arc::clone(bytes),
                });
            let (file, fresh) = match reused {
                Some(file) => (file, None),
                None => (render_job(&shared, *job)?, fingerprint),
            };
            let page = RenderedPage {
                path: file.path.clone(),
                fresh: fresh
                    .filter(|_| remember)
                    .map(|fingerprint| (fingerprint, Arc::clone(&file.bytes))),
            };
            sink.put_one(file);
            Ok(page)
        })
        .collect();
    let pages = failures.successes(results);
    if let Some(cache) = cache {
        // Keep entries still in use (reused ones) and the fresh ones; drop the rest.
        let used: std::collections::HashSet<&String> = pages.iter().map(|p| &p.path).collect();
        cache.pages.retain(|path, _| used.contains(path));
        let fresh = pages
            .iter()
            .filter_map(|p| Some((p.path.clone(), p.fresh.clone()?)));
        cache.pages.extend(fresh);
    }
    sink.put(vec![sitemap(site, plans, &listings), robots(&site.config)]);
}

/// A page `render_site` put in the sink: its path, and for the cache, when it was rendered
/// afresh, its fingerprint and bytes.
struct RenderedPage {
    path: String,
    fresh: Option<(u64, Arc<Vec<u8>>)>,
}

/// The page and print page of each plan in `plans`.
pub fn render_plans(
    site: &Site,
    plans: &[PublicPlan],
    templates: &Templates,
    failures: &mut Failures,
) -> Vec<OutputFile> {
    let nav = nav(site);
    let listings = Listings::default();
    // Serialized once for both of a plan's pages: the plan is most of their cost.
    let values: Vec<tera::Value> = plans
        .par_iter()
        .map(tera::Value::from_serializable)
        .collect();
    let shared = Shared {
        site,
        plans,
        plan_values: &values,
        has_plans: true,
        listings: &listings,
        templates,
        nav: &nav,
    };
    let results: Vec<Result<OutputFile, Diagnostic>> = (0..plans.len())
        .into_par_iter()
        .flat_map_iter(|i| [Job::Plan(i), Job::PlanPrint(i)])
        .map(|job| render_job(&shared, job))
        .collect();
    failures.successes(results)
}

/// The top-level sections, for every page's menu: serialized once, not per page.
fn nav(site: &Site) -> tera::Value {
    let nav: Vec<LinkView> = site.sections[ROOT]
        .subsections
        .iter()
        .map(|s| link_view(&site.config, &site.sections[*s].doc))
        .collect();
    tera::Value::from_serializable(&nav)
}

/// Render errors of a whole run. One broken line in base.html fails every page: it is
/// reported once, with a count.
#[derive(Default)]
pub struct Failures {
    seen: Vec<(Diagnostic, usize)>,
}

impl Failures {
    /// The successes of `results`; the errors are kept for `report`.
    fn successes<T>(&mut self, results: Vec<Result<T, Diagnostic>>) -> Vec<T> {
        let mut files = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(file) => files.push(file),
                Err(diagnostic) => self.add(diagnostic),
            }
        }
        files
    }

    fn add(&mut self, diagnostic: Diagnostic) {
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
fn front_matter_key(doc: &Document, key: &str) -> Location {
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

/// What each page's template reads, hashed, so a rebuild renders only pages whose inputs
/// changed. Plan pages and listings are always rendered: they are few, and their data is
/// the whole plan.
struct Fingerprints {
    /// The site config, the templates, the menu and every URL (`get_url` reads them all).
    global: u64,
    sections: Vec<u64>,
    pages: Vec<u64>,
    has_plans: bool,
}

impl Fingerprints {
    fn new(site: &Site, index: &LinkIndex, templates: &Templates, has_plans: bool) -> Fingerprints {
        // A document as others show it: its text, and where each of its links leads.
        let key = |doc: &Document| {
            let links: Vec<(&str, Option<String>)> = doc
                .rendered
                .links
                .iter()
                .filter_map(|l| l.target.as_deref())
                .map(|t| (t, index.resolve(t)))
                .collect();
            hash_of(&(doc.hash, &doc.path, links))
        };
        let sections: Vec<u64> = site.sections.par_iter().map(|s| key(&s.doc)).collect();
        let pages: Vec<u64> = site.pages.par_iter().map(|p| key(&p.doc)).collect();
        let config = serde_json::to_string(&site.config).unwrap_or_default();
        let global = hash_of(&(
            config,
            templates.fingerprint,
            index.fingerprint(),
            has_plans,
            site.config.language.as_str(),
            &site.config.strings,
        ));
        Fingerprints {
            global,
            sections,
            pages,
            has_plans,
        }
    }

    fn of(&self, site: &Site, job: Job) -> Option<u64> {
        let ancestors = |mut next: Option<SectionId>| {
            let mut keys = Vec::new();
            while let Some(id) = next {
                keys.push(self.sections[id]);
                next = site.sections[id].parent;
            }
            keys
        };
        let nav: Vec<u64> = site.sections[ROOT]
            .subsections
            .iter()
            .map(|s| self.sections[*s])
            .collect();
        match job {
            Job::Section(id) => {
                let section = &site.sections[id];
                if section.doc.path == PLANS_PATH && self.has_plans {
                    return None;
                }
                let pages: Vec<u64> = section.pages.iter().map(|p| self.pages[*p]).collect();
                let subsections: Vec<u64> = section
                    .subsections
                    .iter()
                    .map(|s| self.sections[*s])
                    .collect();
                Some(hash_of(&(
                    "section",
                    self.global,
                    &section.doc.meta.template,
                    self.sections[id],
                    pages,
                    subsections,
                    ancestors(section.parent),
                    nav,
                )))
            }
            Job::Page(id) => {
                let page = &site.pages[id];
                let siblings = &site.sections[page.section].pages;
                let position = siblings.iter().position(|p| *p == id).unwrap_or(0);
                let neighbour =
                    |i: Option<usize>| i.and_then(|i| siblings.get(i)).map(|p| self.pages[*p]);
                let (lower, higher) = (
                    neighbour(position.checked_sub(1)),
                    neighbour(Some(position + 1)),
                );
                Some(hash_of(&(
                    "page",
                    self.global,
                    &page.doc.meta.template,
                    self.pages[id],
                    lower,
                    higher,
                    ancestors(Some(page.section)),
                    nav,
                )))
            }
            Job::NotFound => Some(hash_of(&("404", self.global, nav))),
            Job::Plan(_) | Job::PlanPrint(_) | Job::PlanListing(_) => None,
        }
    }
}

/// The output file a job writes.
fn output_path(site: &Site, plans: &[PublicPlan], listings: &Listings, job: Job) -> String {
    match job {
        Job::Section(id) => index_html(&site.sections[id].doc.path),
        Job::Page(id) => index_html(&site.pages[id].doc.path),
        Job::Plan(i) => index_html(&plan_path(&plans[i].id)),
        Job::PlanPrint(i) => index_html(&format!("{}imprimir/", plan_path(&plans[i].id))),
        Job::PlanListing(i) => index_html(&listings.pages[i].path),
        Job::NotFound => "404.html".to_string(),
    }
}

#[derive(Clone, Copy)]
enum Job {
    Section(SectionId),
    Page(PageId),
    Plan(usize),
    PlanPrint(usize),
    /// A listing of plans: all, one UGEL's, or one year's (index into `Listings::pages`).
    PlanListing(usize),
    NotFound,
}

/// What every render job reads.
struct Shared<'a> {
    site: &'a Site,
    /// The plans of the chunk being rendered (`render_plans`).
    plans: &'a [PublicPlan],
    /// `plans`, serialized for templates.
    plan_values: &'a [tera::Value],
    /// Whether the site has plans at all, for the `/planes/` section's template.
    has_plans: bool,
    listings: &'a Listings,
    templates: &'a Templates,
    nav: &'a tera::Value,
}

fn render_job(shared: &Shared, job: Job) -> Result<OutputFile, Diagnostic> {
    let Shared {
        site,
        plans,
        plan_values,
        has_plans,
        listings,
        templates,
        nav,
    } = *shared;
    let config = &site.config;
    let mut context = Context::new();
    context.insert_value("nav", nav.clone());
    context.insert("config", config);
    context.insert("lang", &config.language);
    // (template, site path of the page, output file, source named in errors)
    let (template, path, output, source): (&str, String, String, Option<String>) = match job {
        Job::Section(id) => {
            let section = &site.sections[id];
            context.insert("section", &section_view(site, id));
            let default = if id == ROOT {
                "index.html"
            } else if section.doc.path == PLANS_PATH && has_plans {
                context.insert("listing", &listings.all);
                "plans.html"
            } else {
                "section.html"
            };
            (
                template_name(&section.doc, default),
                section.doc.path.clone(),
                index_html(&section.doc.path),
                Some(format!("content/{}", section.doc.source)),
            )
        }
        Job::Page(id) => {
            let page = &site.pages[id];
            context.insert("page", &page_view(site, id));
            (
                template_name(&page.doc, "page.html"),
                page.doc.path.clone(),
                index_html(&page.doc.path),
                Some(format!("content/{}", page.doc.source)),
            )
        }
        Job::Plan(i) | Job::PlanPrint(i) => {
            let plan = &plans[i];
            let printing = matches!(job, Job::PlanPrint(_));
            context.insert_value("plan", plan_values[i].clone());
            context.insert("imprimir", &printing);
            let path = if printing {
                format!("{}imprimir/", plan_path(&plan.id))
            } else {
                plan_path(&plan.id)
            };
            (
                if printing {
                    "plan_print.html"
                } else {
                    "plan.html"
                },
                path.clone(),
                index_html(&path),
                Some(format!("content/planes/{}.toml", plan.id)),
            )
        }
        Job::PlanListing(i) => {
            let listing = &listings.pages[i];
            context.insert("listing", listing);
            (
                "plans.html",
                listing.path.clone(),
                index_html(&listing.path),
                None,
            )
        }
        Job::NotFound => (
            "404.html",
            "404.html".to_string(),
            "404.html".to_string(),
            None,
        ),
    };
    context.insert("current_path", &format!("/{path}"));
    context.insert("current_url", &config.permalink(&path));
    match templates.tera.render(template, &context) {
        Ok(html) => {
            // Every internal URL relative to the page; 404.html is served at any depth.
            let style = if matches!(job, Job::NotFound) {
                Style::RootRelative
            } else {
                Style::Relative
            };
            let base = Base {
                url: &config.base_url,
                path: &config.base_path,
            };
            let html = match urls::rewrite(&html, &output, base, style) {
                Cow::Borrowed(_) => html,
                Cow::Owned(rewritten) => rewritten,
            };
            Ok(OutputFile::new(output, html.into_bytes()))
        }
        Err(error) => {
            let (file, text) = &templates.files[template];
            Err(template_error(
                &error,
                template,
                file,
                text,
                &templates.files,
                source.as_deref(),
            ))
        }
    }
}

fn template_name<'a>(doc: &'a Document, default: &'a str) -> &'a str {
    doc.meta.template.as_deref().unwrap_or(default)
}

fn index_html(path: &str) -> String {
    format!("{path}index.html")
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

/// A link to another page or section, as breadcrumbs, listings and previous/next use it.
#[derive(Serialize)]
struct LinkView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    date: Option<&'a str>,
    weight: Option<i64>,
    extra: &'a toml::Table,
    path: String,
    url: String,
    permalink: String,
    relative_path: &'a str,
    word_count: usize,
    reading_time: usize,
}

#[derive(Serialize)]
struct DocumentView<'a> {
    #[serde(flatten)]
    link: LinkView<'a>,
    content: Cow<'a, str>,
    toc: &'a [TocEntry],
    /// Sections from the home page down to the parent, for breadcrumbs.
    ancestors: Vec<LinkView<'a>>,
}

#[derive(Serialize)]
struct PageView<'a> {
    #[serde(flatten)]
    doc: DocumentView<'a>,
    section: LinkView<'a>,
    /// The previous page in the section's order (Zola's name).
    lower: Option<LinkView<'a>>,
    /// The next page in the section's order (Zola's name).
    higher: Option<LinkView<'a>>,
}

#[derive(Serialize)]
struct SectionView<'a> {
    #[serde(flatten)]
    doc: DocumentView<'a>,
    pages: Vec<LinkView<'a>>,
    subsections: Vec<LinkView<'a>>,
}

fn link_view<'a>(config: &Config, doc: &'a Document) -> LinkView<'a> {
    LinkView {
        title: &doc.meta.title,
        description: doc.meta.description.as_deref(),
        date: doc.meta.date.as_deref(),
        weight: doc.meta.weight,
        extra: &doc.meta.extra,
        path: format!("/{}", doc.path),
        url: config.url(&doc.path),
        permalink: config.permalink(&doc.path),
        relative_path: &doc.source,
        word_count: doc.rendered.word_count,
        // About 200 words a minute, rounded up, as people read instructional Spanish.
        reading_time: doc.rendered.word_count.div_ceil(200),
    }
}

fn document_view<'a>(
    site: &'a Site,
    doc: &'a Document,
    parent: Option<SectionId>,
) -> DocumentView<'a> {
    let mut ancestors = Vec::new();
    let mut next = parent;
    while let Some(id) = next {
        ancestors.push(link_view(&site.config, &site.sections[id].doc));
        next = site.sections[id].parent;
    }
    ancestors.reverse();
    DocumentView {
        link: link_view(&site.config, doc),
        content: adapt_content(
            &doc.rendered.html,
            site.config
                .strings
                .get("table")
                .map_or("Tabla", String::as_str),
        ),
        toc: &doc.rendered.toc,
        ancestors,
    }
}

/// Markdown's HTML as the theme shows it: tables in scrollable regions, an empty header
/// cell (a table's corner) as the data cell it is, and task-list boxes as the printed
/// ☐ / ☑ of a form (a disabled checkbox has no label to give, and prints grey).
fn adapt_content<'a>(html: &'a str, table_label: &str) -> Cow<'a, str> {
    const UNCHECKED: &str = "<input disabled=\"\" type=\"checkbox\"/>";
    const CHECKED: &str = "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>";
    let mut wrapped = wrap_tables(html, table_label);
    if wrapped.contains("<th></th>") {
        wrapped = Cow::Owned(wrapped.replace("<th></th>", "<td></td>"));
    }
    if !wrapped.contains("<input disabled=\"\" type=\"checkbox\"") {
        return wrapped;
    }
    Cow::Owned(
        wrapped
            .replace(
                UNCHECKED,
                "<span class=\"task\" aria-hidden=\"true\">☐</span>",
            )
            .replace(
                CHECKED,
                "<span class=\"task\" aria-hidden=\"true\">☑</span>",
            ),
    )
}

/// Puts each Markdown table in a labelled region that can be focused and scrolled sideways,
/// so a wide table never makes a narrow screen scroll the whole page. The regions are
/// numbered ("Tabla 2") to keep their names unique on the page.
fn wrap_tables<'a>(html: &'a str, label: &str) -> Cow<'a, str> {
    const OPEN: &str = "<table>";
    const CLOSE: &str = "</table>";
    if !html.contains(OPEN) {
        return Cow::Borrowed(html);
    }
    let label = label
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    let mut out = String::with_capacity(html.len() + 128);
    let mut rest = html;
    let mut count = 0;
    while let Some(open) = rest.find(OPEN) {
        let Some(close) = rest[open..].find(CLOSE).map(|i| open + i + CLOSE.len()) else {
            break;
        };
        count += 1;
        out.push_str(&rest[..open]);
        out.push_str(&format!(
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{label} {count}\">"
        ));
        out.push_str(&rest[open..close]);
        out.push_str("</div>");
        rest = &rest[close..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn page_view(site: &Site, id: PageId) -> PageView<'_> {
    let page = &site.pages[id];
    let siblings = &site.sections[page.section].pages;
    let position = siblings.iter().position(|p| *p == id).unwrap_or(0);
    let neighbour = |index: Option<usize>| {
        index
            .and_then(|i| siblings.get(i))
            .map(|p| link_view(&site.config, &site.pages[*p].doc))
    };
    PageView {
        doc: document_view(site, &page.doc, Some(page.section)),
        section: link_view(&site.config, &site.sections[page.section].doc),
        lower: neighbour(position.checked_sub(1)),
        higher: neighbour(Some(position + 1)),
    }
}

fn section_view(site: &Site, id: SectionId) -> SectionView<'_> {
    let section = &site.sections[id];
    SectionView {
        doc: document_view(site, &section.doc, section.parent),
        pages: section
            .pages
            .iter()
            .map(|p| link_view(&site.config, &site.pages[*p].doc))
            .collect(),
        subsections: section
            .subsections
            .iter()
            .map(|s| link_view(&site.config, &site.sections[*s].doc))
            .collect(),
    }
}

/// Where the plans section lives: `content/planes/_index.md`, or a page senda makes.
const PLANS_PATH: &str = "planes/";

/// The plan listing pages: `/planes/` (all), `/planes/ugel/<slug>/`, `/planes/<anio>/`.
#[derive(Default)]
struct Listings {
    all: Listing,
    pages: Vec<Listing>,
}

#[derive(Clone, Default, Serialize)]
struct Listing {
    titulo: String,
    path: String,
    url: String,
    /// `ugel`, `anio`, or empty for all plans.
    filtro: &'static str,
    plans: Vec<PlanSummary>,
    /// Plans grouped by DRE, then UGEL, as specialists read them.
    grupos: Vec<Grupo>,
    ugels: Vec<Faceta>,
    anios: Vec<Faceta>,
    niveles: Vec<String>,
    todos_url: String,
}

#[derive(Clone, Serialize)]
struct Grupo {
    dre: String,
    ugels: Vec<GrupoUgel>,
}

#[derive(Clone, Serialize)]
struct GrupoUgel {
    ugel: String,
    url: Option<String>,
    plans: Vec<PlanSummary>,
}

#[derive(Clone, Serialize)]
struct Faceta {
    nombre: String,
    url: String,
    cantidad: usize,
}

impl Listings {
    fn new(site: &Site, plans: &[PlanSummary]) -> Listings {
        let config = &site.config;
        let mut summaries: Vec<PlanSummary> = plans.to_vec();
        summaries.sort_by(|a, b| {
            (b.anio, &a.dre, &a.ugel, &a.institucion).cmp(&(
                a.anio,
                &b.dre,
                &b.ugel,
                &b.institucion,
            ))
        });
        let mut ugels: Vec<(String, String)> = summaries
            .iter()
            .filter_map(|p| Some((p.ugel_slug.clone()?, p.ugel.clone()?)))
            .collect();
        ugels.sort();
        ugels.dedup_by(|a, b| a.0 == b.0);
        let mut years: Vec<i64> = summaries.iter().map(|p| p.anio).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let mut niveles: Vec<String> = summaries.iter().flat_map(|p| p.niveles.clone()).collect();
        niveles.sort();
        niveles.dedup();
        let ugel_facets: Vec<Faceta> = ugels
            .iter()
            .map(|(slug, name)| Faceta {
                nombre: name.clone(),
                url: config.url(&format!("{PLANS_PATH}ugel/{slug}/")),
                cantidad: summaries
                    .iter()
                    .filter(|p| p.ugel_slug.as_deref() == Some(slug.as_str()))
                    .count(),
            })
            .collect();
        let year_facets: Vec<Faceta> = years
            .iter()
            .map(|year| Faceta {
                nombre: year.to_string(),
                url: config.url(&format!("{PLANS_PATH}{year}/")),
                cantidad: summaries.iter().filter(|p| p.anio == *year).count(),
            })
            .collect();
        let listing =
            |titulo: String, path: String, filtro: &'static str, plans: Vec<PlanSummary>| Listing {
                grupos: group(&plans, config),
                titulo,
                url: config.url(&path),
                path,
                filtro,
                plans,
                ugels: ugel_facets.clone(),
                anios: year_facets.clone(),
                niveles: niveles.clone(),
                todos_url: config.url(PLANS_PATH),
            };
        let mut pages = Vec::new();
        for (slug, name) in &ugels {
            let selected = summaries
                .iter()
                .filter(|p| p.ugel_slug.as_deref() == Some(slug.as_str()))
                .cloned()
                .collect();
            pages.push(listing(
                format!("Planes de {name}"),
                format!("{PLANS_PATH}ugel/{slug}/"),
                "ugel",
                selected,
            ));
        }
        for year in &years {
            let selected = summaries
                .iter()
                .filter(|p| p.anio == *year)
                .cloned()
                .collect();
            pages.push(listing(
                format!("Planes {year}"),
                format!("{PLANS_PATH}{year}/"),
                "anio",
                selected,
            ));
        }
        let all = listing(
            "Planes de monitoreo y acompañamiento".to_string(),
            PLANS_PATH.to_string(),
            "",
            summaries,
        );
        // Without content/planes/_index.md, /planes/ is one more listing page.
        if !plans.is_empty() && !site.sections.iter().any(|s| s.doc.path == PLANS_PATH) {
            pages.push(all.clone());
        }
        Listings { all, pages }
    }

    fn jobs(&self) -> Vec<Job> {
        (0..self.pages.len()).map(Job::PlanListing).collect()
    }
}

fn group(plans: &[PlanSummary], config: &Config) -> Vec<Grupo> {
    let mut grupos: Vec<Grupo> = Vec::new();
    for plan in plans {
        let dre = plan.dre.clone().unwrap_or_else(|| "Sin DRE".to_string());
        let ugel = plan
            .ugel
            .clone()
            .unwrap_or_else(|| "Gestión directa de la DRE".to_string());
        let index = match grupos.iter().position(|g| g.dre == dre) {
            Some(index) => index,
            None => {
                grupos.push(Grupo {
                    dre,
                    ugels: Vec::new(),
                });
                grupos.len() - 1
            }
        };
        let ugels = &mut grupos[index].ugels;
        match ugels.iter_mut().find(|u| u.ugel == ugel) {
            Some(group) => group.plans.push(plan.clone()),
            None => ugels.push(GrupoUgel {
                url: plan
                    .ugel_slug
                    .as_ref()
                    .map(|slug| config.url(&format!("{PLANS_PATH}ugel/{slug}/"))),
                ugel,
                plans: vec![plan.clone()],
            }),
        }
    }
    grupos.sort_by(|a, b| a.dre.cmp(&b.dre));
    for grupo in &mut grupos {
        grupo.ugels.sort_by(|a, b| a.ugel.cmp(&b.ugel));
    }
    grupos
}

fn sitemap(site: &Site, plans: &[PlanSummary], listings: &Listings) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let documents = site
        .documents()
        .map(|doc| (doc.path.clone(), doc.meta.date.clone()));
    let plan_pages = plans.iter().map(|p| (plan_path(&p.id), None));
    let listing_pages = listings.pages.iter().map(|l| (l.path.clone(), None));
    for (path, date) in documents.chain(plan_pages).chain(listing_pages) {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape_xml(&site.config.permalink(&path)));
        xml.push_str("</loc>\n");
        if let Some(date) = date {
            xml.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile::new("sitemap.xml".to_string(), xml.into_bytes())
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn robots(config: &Config) -> OutputFile {
    let text = format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        config.permalink("sitemap.xml")
    );
    OutputFile::new("robots.txt".to_string(), text.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_tables_are_wrapped_in_numbered_regions() {
        assert!(matches!(wrap_tables("<p>x</p>", "Tabla"), Cow::Borrowed(_)));
        assert_eq!(
            wrap_tables(
                "<table><tr><td>a</td></tr></table><p>x</p><table></table>",
                "T\"a"
            ),
            concat!(
                "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"T&quot;a 1\">",
                "<table><tr><td>a</td></tr></table></div><p>x</p>",
                "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"T&quot;a 2\">",
                "<table></table></div>",
            )
        );
        assert_eq!(
            adapt_content(
                "<li><input disabled=\"\" type=\"checkbox\"/>\nA</li><li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\nB</li>",
                "Tabla"
            ),
            "<li><span class=\"task\" aria-hidden=\"true\">☐</span>\nA</li><li><span class=\"task\" aria-hidden=\"true\">☑</span>\nB</li>"
        );
        assert!(
            adapt_content("<table><thead><tr><th></th><th>A</th>", "T")
                .contains("<tr><td></td><th>A</th>")
        );
        // An unclosed table (raw HTML) is left as written.
        assert_eq!(wrap_tables("<table><tr>", "Tabla"), "<table><tr>");
    }
}
