//! Templates: loading the theme (with site overrides) and rendering every page, section,
//! the 404 page, the sitemap and robots.txt. The only module that knows Tera.
//!
//! Template contexts use Zola's names (`config.title`, `page.content`, `page.toc`,
//! `section.pages`, `page.permalink`…) so Zola users can bring their templates along.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, ErrorKind, Kwargs, State, Tera};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, display_path};
use crate::links::LinkIndex;
use crate::model::{Document, PageId, ROOT, SectionId, Site, TocEntry};
use crate::output::OutputFile;
use crate::toml_input::Source;

/// The templates every theme must provide.
const REQUIRED: [&str; 4] = ["index.html", "section.html", "page.html", "404.html"];
const TEMPLATE_EXTENSIONS: [&str; 4] = ["html", "xml", "txt", "ics"];

pub struct Templates {
    tera: Tera,
    /// Template name to (file shown in errors, its text), for locating errors.
    files: HashMap<String, (PathBuf, String)>,
}

/// Loads the theme's templates, then the site's `templates/` over them (same name wins).
pub fn load_templates(
    config: &Config,
    index: Arc<LinkIndex>,
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
    for name in REQUIRED {
        if !files.contains_key(name) {
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
    Some(Templates { tera, files })
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
pub fn render_site(
    site: &Site,
    templates: &Templates,
    diagnostics: &mut Diagnostics,
) -> Vec<OutputFile> {
    let mut unknown_template = false;
    for doc in site.documents() {
        if let Some(name) = &doc.meta.template
            && !templates.files.contains_key(name)
        {
            unknown_template = true;
            diagnostics.push(
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
        return Vec::new();
    }

    // The top-level sections, for every page's menu: serialized once, not per page.
    let nav: Vec<LinkView> = site.sections[ROOT]
        .subsections
        .iter()
        .map(|s| link_view(&site.config, &site.sections[*s].doc))
        .collect();
    let nav = tera::Value::from_serializable(&nav);
    let jobs: Vec<Job> = (0..site.sections.len())
        .map(Job::Section)
        .chain((0..site.pages.len()).map(Job::Page))
        .chain([Job::NotFound])
        .collect();
    let results: Vec<Result<OutputFile, Diagnostic>> = jobs
        .par_iter()
        .map(|job| render_job(site, templates, &nav, *job))
        .collect();

    let mut outputs = Vec::with_capacity(results.len() + 2);
    // One broken line in base.html fails every page: report it once, with a count.
    let mut failures: Vec<(Diagnostic, usize)> = Vec::new();
    for result in results {
        match result {
            Ok(file) => outputs.push(file),
            Err(diagnostic) => match failures
                .iter_mut()
                .find(|(d, _)| d.location == diagnostic.location && d.message == diagnostic.message)
            {
                Some((_, count)) => *count += 1,
                None => failures.push((diagnostic, 0)),
            },
        }
    }
    for (mut diagnostic, others) in failures {
        if others > 0
            && let Some(help) = &mut diagnostic.help
        {
            help.insert_str(help.len() - 1, &format!(" and {others} other pages"));
        }
        diagnostics.push(diagnostic);
    }
    outputs.push(sitemap(site));
    outputs.push(robots(&site.config));
    outputs
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

#[derive(Clone, Copy)]
enum Job {
    Section(SectionId),
    Page(PageId),
    NotFound,
}

fn render_job(
    site: &Site,
    templates: &Templates,
    nav: &tera::Value,
    job: Job,
) -> Result<OutputFile, Diagnostic> {
    let config = &site.config;
    let mut context = Context::new();
    context.insert_value("nav", nav.clone());
    context.insert("config", config);
    context.insert("lang", &config.language);
    let (template, doc, output) = match job {
        Job::Section(id) => {
            let section = &site.sections[id];
            context.insert("section", &section_view(site, id));
            let default = if id == ROOT {
                "index.html"
            } else {
                "section.html"
            };
            (
                template_name(&section.doc, default),
                Some(&section.doc),
                index_html(&section.doc.path),
            )
        }
        Job::Page(id) => {
            let page = &site.pages[id];
            context.insert("page", &page_view(site, id));
            (
                template_name(&page.doc, "page.html"),
                Some(&page.doc),
                index_html(&page.doc.path),
            )
        }
        Job::NotFound => ("404.html", None, "404.html".to_string()),
    };
    let path = doc.map_or("404.html", |d| d.path.as_str());
    context.insert("current_path", &format!("/{path}"));
    context.insert("current_url", &config.permalink(path));
    match templates.tera.render(template, &context) {
        Ok(html) => Ok(OutputFile::new(output, html.into_bytes())),
        Err(error) => {
            let (file, text) = &templates.files[template];
            let rendering = doc.map(|d| format!("content/{}", d.source));
            Err(template_error(
                &error,
                template,
                file,
                text,
                &templates.files,
                rendering.as_deref(),
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
    content: &'a str,
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
        content: &doc.rendered.html,
        toc: &doc.rendered.toc,
        ancestors,
    }
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

fn sitemap(site: &Site) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for doc in site.documents() {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape_xml(&site.config.permalink(&doc.path)));
        xml.push_str("</loc>\n");
        if let Some(date) = &doc.meta.date {
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
