//! Every link of the built site checked against the output: relative and root-relative
//! Markdown links and images, `href` and `src` in a page's raw HTML, and every `href` and
//! `src` the templates wrote. `resolve::links` checks `@/` links before rendering; this
//! runs once every output path is known.
//!
//! - `scan`: the `href`, `src` and `id` attributes of HTML.
//! - `url`: what a URL points at, read from its page's folder.
//! - `external`: `senda check --external`, every `http(s)` address asked over the network.
//!
//! A link from a page's own Markdown is reported at its file, line and column. A link a
//! template wrote is reported once per template and target, naming the template, the
//! first page (in path order) and how many more have it; links of the page's Markdown are
//! left out of that, so a broken one is not reported twice.

pub mod external;
mod ledger;
pub mod scan;
pub mod url;

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

pub use self::ledger::{Found, Ledger, Uses};
use self::ledger::{Inner, LinkKey};
use self::url::Target;
use crate::cache::FastSet;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::messages::Links as Text;
use crate::model::{Document, Site};
use crate::render::urls::Base;
use crate::resolve::links::LinkIndex;
use crate::tr;

/// Where a rendered page came from, for what its links are reported at.
pub struct Origin<'a> {
    /// The template's file, relative to the site (`themes/senda/templates/page.html`).
    pub template: &'a Path,
    /// The page's source (`content/guias/x.md`), or its output path when it has none.
    pub page: &'a str,
    /// The document rendered into the page, whose own links are checked at their source.
    pub doc: Option<&'a Document>,
}

impl Ledger {
    /// Reads the ids and links of `html`, the page written at `output`, and adds them.
    pub fn record(
        &self,
        output: &str,
        html: &str,
        origin: &Origin,
        base: Base,
        index: &LinkIndex,
    ) -> Arc<Found> {
        let found = Arc::new(scan_page(output, html, origin, base, index));
        self.add(output, &found);
        found
    }
}

/// The ids and links of `html`, the page written at `output`.
fn scan_page(output: &str, html: &str, origin: &Origin, base: Base, index: &LinkIndex) -> Found {
    let from_dir = output.rsplit_once('/').map_or("", |(dir, _)| dir);
    let from_dir = if from_dir.is_empty() {
        String::new()
    } else {
        format!("{from_dir}/")
    };
    let own = origin
        .doc
        .map(|doc| own_targets(doc, base, index))
        .unwrap_or_default();
    let attributes = scan::attributes(html);
    let mut ids: Vec<u64> = attributes
        .iter()
        .filter(|attr| attr.name == "id")
        .map(|attr| crate::cache::hash_of(scan::unescape(&html[attr.value.clone()]).as_str()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut links: Vec<(LinkKey, String)> = Vec::new();
    let mut external: Vec<(String, String)> = Vec::new();
    for attr in attributes.iter().filter(|attr| attr.name != "id") {
        let value = scan::unescape(&html[attr.value.clone()]);
        match url::classify(&value, &from_dir, base) {
            // A link into the page itself (a table of contents) is settled here, so
            // each page's own anchors are not kept until the end.
            Target::Internal { path, anchor } if file_of(&path) == output => {
                let found = anchor
                    .as_deref()
                    .is_none_or(|anchor| ids.binary_search(&crate::cache::hash_of(anchor)).is_ok());
                let key = (path, anchor);
                if !found && !own.contains(&key) {
                    // A bare `#x` is keyed by what is written, so a template's broken
                    // `#x` on every page is one report; a path, by its target.
                    let key = match value.starts_with('#') {
                        true => (format!("\u{1}{value}"), key.1),
                        false => key,
                    };
                    links.push((key, value));
                }
            }
            Target::Internal { path, anchor } => {
                let key = (path, anchor);
                if !own.contains(&key) {
                    links.push((key, value));
                }
            }
            Target::Outside => {
                let key = (format!("\u{0}{value}"), None);
                if !own.contains(&key) {
                    links.push((key, value));
                }
            }
            Target::External(address) => {
                external.push((address, value));
            }
            Target::Skip => {}
        }
    }
    // By target, each with how it is first written (a stable sort keeps the order).
    links.sort_by(|a, b| a.0.cmp(&b.0));
    links.dedup_by(|a, b| a.0 == b.0);
    external.sort_by(|a, b| a.0.cmp(&b.0));
    external.dedup_by(|a, b| a.0 == b.0);
    Found {
        ids: ids.into(),
        template: origin.template.to_path_buf(),
        page: origin.page.to_string(),
        links,
        external,
    }
}

/// The targets of a document's own links (`@/`, `#anchor`, relative, raw HTML), as the
/// page it is rendered into reads them: left to the located check.
fn own_targets(doc: &Document, base: Base, index: &LinkIndex) -> HashSet<(String, Option<String>)> {
    let mut own = HashSet::new();
    for link in &doc.rendered.links {
        let path = match &link.target {
            Some(target) => match index.resolve(target) {
                Some(url) => url,
                None => continue,
            },
            None => base.path.to_string() + &doc.path,
        };
        if let Target::Internal { path, .. } = url::classify(&path, "", base) {
            own.insert((path, link.anchor.clone()));
        }
    }
    for source in &doc.rendered.urls {
        match url::classify(&source.url, &doc.path, base) {
            Target::Internal { path, anchor } => {
                own.insert((path, anchor));
            }
            Target::Outside => {
                own.insert((format!("\u{0}{}", source.url), None));
            }
            _ => {}
        }
    }
    own
}

/// The site's output as the check sees it: every path written or copied.
/// With the templates' sources, where a template's link is looked for.
pub struct Files<'a> {
    paths: FastSet<&'a str>,
    templates: Vec<(&'a Path, &'a str)>,
}

impl<'a> Files<'a> {
    pub fn of(
        written: &'a [String],
        copies: &'a [crate::write::CopiedFile],
        templates: Vec<(&'a Path, &'a str)>,
    ) -> Files<'a> {
        let copied = copies.iter().map(|c| c.to.as_str());
        Files {
            paths: written.iter().map(String::as_str).chain(copied).collect(),
            templates,
        }
    }

    /// How many distinct paths the output has.
    pub fn count(&self) -> usize {
        self.paths.len()
    }

    /// Where a template's link to `path#anchor` is likely written: the first line of the
    /// rendered template, else of any template (a base it extends, a part it includes),
    /// holding the anchor or the target's last name. A guess, since the template wrote
    /// the link through expressions; the file alone when nothing matches.
    fn locate(&self, rendered: &Path, path: &str, anchor: Option<&str>) -> Location {
        let needle = match anchor {
            Some(anchor) => format!("#{anchor}"),
            None => {
                let trimmed = path.trim_end_matches('/');
                let name = trimmed.rsplit('/').next().unwrap_or(trimmed);
                if name.is_empty() {
                    return Location::file(rendered);
                }
                name.to_string() + &path[trimmed.len()..]
            }
        };
        let first = self.templates.iter().filter(|(file, _)| *file == rendered);
        let others = self.templates.iter().filter(|(file, _)| *file != rendered);
        first
            .chain(others)
            .find_map(|(file, text)| {
                let at = text.find(&needle)?;
                Some(Location::from_range(file, text, at..at + needle.len()))
            })
            .unwrap_or_else(|| Location::file(rendered))
    }
}

enum Problem {
    NoFile,
    /// Outside the site's folder: above its root, or beside its base path.
    Outside,
    /// Names a folder without its final `/`: works on some servers, never from `file://`.
    NoSlash,
    NoAnchor {
        file: String,
    },
    /// A `#fragment` of the page itself that no element of it has.
    NoAnchorOwn,
}

/// The stage: every internal link against `files`, then with `external` every external
/// address. Skipped after an error, when pages may be missing and links to them too; the
/// ledger is swept of the pages this run did not render in any case (it may be kept).
pub fn run(
    site: &Site,
    index: &LinkIndex,
    ledger: &Ledger,
    files: &Files,
    external: Option<external::Settings>,
    diagnostics: &mut Diagnostics,
) {
    ledger.sweep();
    if diagnostics.has_errors() {
        return;
    }
    check(site, index, ledger, files, diagnostics);
    if let Some(settings) = external {
        external::report(site, ledger, settings, diagnostics);
    }
}

/// Reports every broken internal link: the Markdown's at their source, the templates' once
/// per template and target. `site_root` shows template paths relative to the site.
pub fn check(
    site: &Site,
    index: &LinkIndex,
    ledger: &Ledger,
    files: &Files,
    diagnostics: &mut Diagnostics,
) {
    let inner = ledger.lock();
    let base = Base {
        url: &site.config.base_url,
        path: &site.config.base_path,
    };
    for doc in site.documents() {
        for source in &doc.rendered.urls {
            let problem = match url::classify(&source.url, &doc.path, base) {
                Target::Internal { path, anchor } => {
                    verify(&path, anchor.as_deref(), files, &inner)
                }
                Target::Outside => Some(Problem::Outside),
                _ => None,
            };
            let Some(problem) = problem else { continue };
            let location = Location::from_range(
                &Path::new("content").join(&doc.source),
                &doc.text,
                doc.body_start + source.range.start..doc.body_start + source.range.end,
            );
            let mut diagnostic = describe(&problem, &source.url).at(location);
            if let Some(help) = beside_the_source(doc, &source.url, base, index) {
                diagnostic = diagnostic.help(help);
            } else if matches!(problem, Problem::NoFile) {
                let folder = if doc.path.is_empty() {
                    "./"
                } else {
                    doc.path.as_str()
                };
                diagnostic = diagnostic.help(tr!(Text::NoFileHelp, folder));
            }
            diagnostics.push(diagnostic);
        }
    }
    // Only the broken ones sorted: a portal's templates link to tens of thousands of targets.
    let mut broken: Vec<(&LinkKey, Problem)> = inner
        .links()
        .filter_map(|key| Some((key, problem_of(key, files, &inner)?)))
        .collect();
    broken.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (key, problem) in broken {
        let Some(uses) = inner.link_uses(key) else {
            continue;
        };
        let (path, anchor) = key;
        let location = if path.starts_with(['\u{0}', '\u{1}']) && anchor.is_none() {
            Location::file(&uses.template)
        } else {
            files.locate(&uses.template, path, anchor.as_deref())
        };
        let diagnostic = describe(&problem, &uses.written)
            .at(location)
            .help(match uses.count {
                1 => tr!(Text::InTemplate, uses.page),
                n => tr!(Text::InTemplateMore, uses.page, n - 1),
            });
        diagnostics.push(diagnostic);
    }
}

/// What is wrong with a link a template wrote, if anything.
fn problem_of((path, anchor): &LinkKey, files: &Files, inner: &Inner) -> Option<Problem> {
    if path.starts_with('\u{0}') {
        Some(Problem::Outside)
    } else if path.starts_with('\u{1}') {
        Some(Problem::NoAnchorOwn)
    } else {
        verify(path, anchor.as_deref(), files, inner)
    }
}

/// Whether `path` is an output file (a folder by its `index.html`) with the id `anchor`.
fn verify(path: &str, anchor: Option<&str>, files: &Files, inner: &Inner) -> Option<Problem> {
    let file = file_of(path);
    if !files.paths.contains(file.as_str()) {
        let folder = format!("{path}/index.html");
        return Some(if files.paths.contains(folder.as_str()) {
            Problem::NoSlash
        } else {
            Problem::NoFile
        });
    }
    let anchor = anchor?;
    // Only pages senda rendered have known ids; a PDF's or a copied page's are not ours.
    let known = inner.ids(&file)?;
    let hash = crate::cache::hash_of(anchor);
    known
        .binary_search(&hash)
        .is_err()
        .then_some(Problem::NoAnchor { file })
}

/// A relative link written as if from the Markdown file's own folder (`ficha.pdf` beside
/// `guias/visita.md`, published at `guias/visita/`): the `@/` link that says it.
fn beside_the_source(
    doc: &Document,
    written: &str,
    base: Base,
    index: &LinkIndex,
) -> Option<String> {
    let source_dir = doc
        .source
        .rsplit_once('/')
        .map_or(String::new(), |(dir, _)| format!("{dir}/"));
    if written.starts_with('/') || source_dir == doc.path {
        return None;
    }
    let Target::Internal { path, anchor } = url::classify(written, &source_dir, base) else {
        return None;
    };
    index.url(&path)?;
    let fragment = anchor.map(|a| format!("#{a}")).unwrap_or_default();
    Some(tr!(
        Text::BesideSource,
        doc.path,
        format!("@/{path}{fragment}")
    ))
}

/// The output file of a path: a folder's `index.html`.
fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

fn describe(problem: &Problem, written: &str) -> Diagnostic {
    match problem {
        Problem::NoFile => Diagnostic::error(tr!(Text::NoFile, written)),
        Problem::Outside => {
            Diagnostic::error(tr!(Text::NoFile, written)).help(tr!(Text::OutsideHelp))
        }
        Problem::NoSlash => {
            Diagnostic::error(tr!(Text::NoFile, written)).help(tr!(Text::NoSlashHelp, written))
        }
        Problem::NoAnchorOwn => {
            Diagnostic::error(tr!(Text::NoAnchorOwn, written)).help(tr!(Text::NoAnchorHelp))
        }
        Problem::NoAnchor { file } => {
            Diagnostic::error(tr!(Text::NoAnchor, written, file)).help(tr!(Text::NoAnchorHelp))
        }
    }
}
