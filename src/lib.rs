//! senda: a static site generator for pedagogical monitoring plans and guidance portals.
//!
//! The pipeline is `build` below, read top to bottom: load -> resolve links -> render ->
//! search index -> write. See ARCHITECTURE.md for the code map and the invariants.

pub mod cache;
pub mod diag;
pub mod fs;
pub mod lint;
pub mod load;
pub mod model;
pub mod names;
pub mod plan;
#[cfg(test)]
mod properties;
pub mod render;
pub mod resolve;
pub mod search;
pub mod serve;
pub mod write;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::load::content;
use crate::resolve::{links, markdown};
use crate::write as output;

use crate::cache::{Cache, LinkResolutions};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::config::{Config, Overrides};
use crate::model::{Rendered, Site};
use crate::plan::view::PublicPlan;
use crate::resolve::links::LinkIndex;
use crate::write::{CopiedFile, OutputFile, Sink};

/// What to build, from the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub overrides: Overrides,
    pub include_drafts: bool,
    /// Replace a non-empty output folder that senda did not write.
    pub force: bool,
    /// Treat warnings as errors.
    pub strict: bool,
}

/// What a run produced: every diagnostic, and the counts when the site was complete.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Diagnostics,
    pub summary: Option<Summary>,
    /// How long each stage took, for `SENDA_TIMINGS=1` and the benchmarks.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

impl Report {
    fn failed(diagnostics: Diagnostics) -> Report {
        Report {
            diagnostics,
            summary: None,
            timings: Vec::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    pub sections: usize,
    pub plans: usize,
    pub output_dir: PathBuf,
}

/// A built site held in memory: rendered files and files to copy as they are.
#[derive(Debug, Default, Clone)]
pub struct Output {
    pub files: Vec<OutputFile>,
    pub copies: Vec<CopiedFile>,
}

/// `senda build`: the whole pipeline, then the output swapped in if nothing failed.
pub fn build(options: &BuildOptions) -> Report {
    run(options, Mode::Build)
}

/// `senda check`: every check `build` makes, writing nothing.
pub fn check(options: &BuildOptions) -> Report {
    run(options, Mode::Check)
}

/// `senda build --private`: only the filled-in individual planners (Anexo B), for printing
/// at the school, into a folder outside the site.
pub fn build_private(options: &BuildOptions) -> Report {
    run(options, Mode::Private)
}

/// The whole pipeline without writing: what `senda serve` holds in memory.
/// `cache` holds what earlier builds computed; reusing it changes no byte of the output.
pub fn compile(options: &BuildOptions, cache: &mut Cache) -> (Report, Option<Output>) {
    pipeline(options, Mode::Preview, cache)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Every check, nothing kept: exports, which cannot fail, are not even made.
    Check,
    /// The whole site in memory, for `senda serve`.
    Preview,
    Build,
    Private,
}

fn run(options: &BuildOptions, mode: Mode) -> Report {
    pipeline(options, mode, &mut Cache::default()).0
}

/// load -> resolve links -> render -> search index, with every diagnostic; the output only
/// if the site is complete and good.
fn pipeline(options: &BuildOptions, mode: Mode, cache: &mut Cache) -> (Report, Option<Output>) {
    let mut diagnostics = Diagnostics::default();
    let mut clock = Stopwatch::start();

    // 1. Load: configuration, then every content file.
    let config = match Config::load(&options.root, &options.overrides) {
        Ok(config) => config,
        Err(errors) => {
            diagnostics.extend(errors);
            return (Report::failed(diagnostics), None);
        }
    };
    let Ok(claim) = claim_output(mode, &config, options, &mut diagnostics) else {
        return (Report::failed(diagnostics), None);
    };
    let mut site = content::load(config, options.include_drafts, cache, &mut diagnostics);
    clock.lap("load");

    // 2. Resolve links: render Markdown with `@/` links resolved, then check every anchor.
    let index = Arc::new(LinkIndex::build(&site));
    render_markdown(&mut site, &index, cache);
    clock.lap("markdown");
    links::check(&site, &index, &mut diagnostics);
    let page_exists = |path: &str| index.resolve(path).is_some();
    let resolve = |path: &str| index.resolve(path);
    clock.lap("links");
    if mode == Mode::Private {
        return private_pipeline(
            &site,
            &page_exists,
            diagnostics,
            options.strict,
            clock,
            claim,
        );
    }

    // 3. Render: the plans a chunk at a time (a national portal has 100,000), each chunk
    // put in the sink and dropped before the next; then the pages and the listings.
    let plans = plan::Listing::of(&site.data_files);
    let templates = render::load_templates(
        &site.config,
        Arc::clone(&index),
        !plans.is_empty(),
        &mut diagnostics,
    );
    let sink = sink_for(mode, claim, &mut diagnostics);
    let mut failures = render::Failures::default();
    let mut summaries = Vec::new();
    let mut search_plans = Vec::new();
    plan::for_each_chunk(
        &site.config,
        &plans,
        &page_exists,
        &mut diagnostics,
        |chunk| {
            // The public site never holds private data past this line: the view is all it sees.
            let views: Vec<PublicPlan> = chunk
                .par_iter()
                .map(|p| plan::view::build(p, &site.config, &resolve))
                .collect();
            drop(chunk);
            if let Some(templates) = &templates {
                sink.put(render::render_plans(
                    &site,
                    &views,
                    templates,
                    &mut failures,
                ));
            }
            if mode == Mode::Check {
                let paths = plan::export::paths(&views);
                sink.put(
                    paths
                        .into_iter()
                        .map(|p| OutputFile::new(p, Vec::new()))
                        .collect(),
                );
            } else {
                sink.put(plan::export::files(&views));
            }
            summaries.extend(views.iter().map(PublicPlan::summary));
            if site.config.build_search_index {
                search_plans.extend(search::plan_documents(&site, &views));
            }
        },
    );
    clock.lap("plans");
    if let Some(templates) = &templates {
        render::render_site(
            &site,
            &summaries,
            templates,
            &index,
            (mode == Mode::Preview).then_some(&mut *cache),
            &mut failures,
            &sink,
        );
    }
    failures.report(&mut diagnostics);
    sink.put(plan::export::index(&summaries).into_iter().collect());
    clock.lap("render");

    // The search index, from the same public data the pages show.
    if site.config.build_search_index {
        sink.put_one(search::index_file(&site, search_plans));
    }
    clock.lap("search index");
    let copies = output::static_files(&site.config, &mut diagnostics)
        .into_iter()
        .chain(site.assets.iter().map(|a| CopiedFile {
            from: a.absolute.clone(),
            to: a.output.clone(),
        }))
        .collect::<Vec<_>>();
    let done = sink.finish();
    check_output_clashes(&done.paths, &copies, &mut diagnostics);
    names::check_output_paths(
        &site.config.output_dir,
        &done.paths,
        &copies,
        &mut diagnostics,
    );
    clock.lap("static files");

    // 4. The output, only when the whole site is good: swapped in place of the previous one
    // (`build`), or handed to the caller (`serve`). A failed run's staging folder is dropped.
    if !settle(&mut diagnostics, options.strict) {
        return finish(diagnostics, None, clock);
    }
    let files = done.kept;
    let written = match (done.failure, done.staging) {
        (Some(e), _) => Err(e),
        (None, Some(staging)) => staging.commit(&copies),
        (None, None) => Ok(()),
    };
    if let Err(e) = written {
        diagnostics.push(cannot_write(e));
        return finish(diagnostics, None, clock);
    }
    clock.lap("write");
    let summary = Summary {
        pages: site.pages.len(),
        sections: site.sections.len(),
        plans: summaries.len(),
        output_dir: output::resolve(&site.config.output_dir),
    };
    finish(
        diagnostics,
        Some((summary, Output { files, copies })),
        clock,
    )
}

/// The writing modes claim their output before anything is read: a refused folder stops
/// the run (`Err`) without a look at the site. `check` reports what `build` would refuse.
fn claim_output(
    mode: Mode,
    config: &Config,
    options: &BuildOptions,
    diagnostics: &mut Diagnostics,
) -> Result<Option<output::Claim>, ()> {
    let kind = match mode {
        Mode::Build => output::Kind::Public,
        Mode::Private => output::Kind::Private,
        Mode::Check => {
            diagnostics.extend(output::check_location(&config.root, &config.output_dir).err());
            return Ok(None);
        }
        Mode::Preview => return Ok(None),
    };
    match output::claim(config, &options.overrides, kind, options.force) {
        Ok(claim) => {
            diagnostics.extend(claim.notice());
            Ok(Some(claim))
        }
        Err(refusal) => {
            diagnostics.push(refusal);
            Err(())
        }
    }
}

/// Where a run's files go: a staging folder for `build` (unless it already failed), memory
/// for `serve`, nowhere for `check`.
fn sink_for(mode: Mode, claim: Option<output::Claim>, diagnostics: &mut Diagnostics) -> Sink {
    match (mode, claim) {
        (Mode::Build, Some(claim)) if !diagnostics.has_errors() => {
            match output::Staging::create(claim) {
                Ok(staging) => Sink::write_to(staging),
                Err(e) => {
                    diagnostics.push(cannot_write(e));
                    Sink::discard()
                }
            }
        }
        (Mode::Preview, _) => Sink::keep(),
        _ => Sink::discard(),
    }
}

fn cannot_write(e: std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write the site: {e}")).help(
        "check that the output folder's parent exists and is writable; the previous output was kept",
    )
}

/// `senda build --private`: every plan and its private companion at once (a school's, not a
/// nation's), for the filled-in planners only, written into the claimed folder.
fn private_pipeline(
    site: &Site,
    page_exists: &(dyn Fn(&str) -> bool + Sync),
    mut diagnostics: Diagnostics,
    strict: bool,
    mut clock: Stopwatch,
    claim: Option<output::Claim>,
) -> (Report, Option<Output>) {
    let listing = plan::Listing::of(&site.data_files);
    let (plans, private) = plan::load(&site.config, &listing, page_exists, &mut diagnostics);
    // Nothing is rendered of a run with errors.
    let files = if diagnostics.has_errors() {
        Vec::new()
    } else {
        plan::private::planner_pages(&plans, &private)
    };
    // Teacher ids name files here: the planners are printed from the school's computer.
    let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    names::check_output_paths(&site.config.output_dir, &paths, &[], &mut diagnostics);
    let (true, Some(claim)) = (settle(&mut diagnostics, strict), claim) else {
        return finish(diagnostics, None, clock);
    };
    if let Err(e) = output::write_site(claim, &files, &[]) {
        diagnostics.push(cannot_write(e));
        return finish(diagnostics, None, clock);
    }
    clock.lap("write");
    let summary = Summary {
        pages: files.len(),
        sections: 0,
        plans: private.len(),
        output_dir: output::resolve(&site.config.output_dir),
    };
    let output = Output {
        files,
        copies: Vec::new(),
    };
    finish(diagnostics, Some((summary, output)), clock)
}

fn finish(
    diagnostics: Diagnostics,
    built: Option<(Summary, Output)>,
    clock: Stopwatch,
) -> (Report, Option<Output>) {
    let timings = clock.laps;
    match built {
        Some((summary, output)) => (
            Report {
                diagnostics,
                summary: Some(summary),
                timings,
            },
            Some(output),
        ),
        None => (
            Report {
                diagnostics,
                summary: None,
                timings,
            },
            None,
        ),
    }
}

/// Stage durations, for `SENDA_TIMINGS=1` and the benchmarks.
struct Stopwatch {
    last: Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Stopwatch {
    fn start() -> Stopwatch {
        Stopwatch {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

/// Applies `--strict`, orders the diagnostics for printing, and says whether the run may
/// write its output.
fn settle(diagnostics: &mut Diagnostics, strict: bool) -> bool {
    if strict {
        diagnostics.promote_warnings();
    }
    diagnostics.sort();
    !diagnostics.has_errors()
}

/// Renders every document's Markdown, reusing the cached HTML of a document that did not
/// change while each of its links still resolves as it did.
fn render_markdown(site: &mut Site, index: &LinkIndex, cache: &mut Cache) {
    let resolve = |path: &str| index.resolve(path);
    let cached = &cache.documents;
    let documents = site
        .sections
        .par_iter_mut()
        .map(|s| &mut s.doc)
        .chain(site.pages.par_iter_mut().map(|p| &mut p.doc));
    let fresh: Vec<(String, LinkResolutions, Arc<Rendered>)> = documents
        .filter_map(|doc| {
            let reusable = cached
                .get(&doc.source)
                .and_then(|entry| entry.rendered.as_ref())
                .filter(|(links, _)| {
                    links
                        .iter()
                        .all(|(target, url)| index.resolve(target) == *url)
                });
            if let Some((_, rendered)) = reusable {
                doc.rendered = Arc::clone(rendered);
                return None;
            }
            doc.rendered = Arc::new(markdown::render(doc.body(), &resolve));
            let links = doc
                .rendered
                .links
                .iter()
                .filter_map(|link| link.target.clone())
                .map(|target| {
                    let url = index.resolve(&target);
                    (target, url)
                })
                .collect();
            Some((doc.source.clone(), links, Arc::clone(&doc.rendered)))
        })
        .collect();
    for (source, links, rendered) in fresh {
        if let Some(entry) = cache.documents.get_mut(&source) {
            Arc::make_mut(entry).rendered = Some((links, rendered));
        }
    }
}

/// Two sources that would write the same output file (a static `index.html` over the home
/// page, an asset named like a page) are an error rather than a silent overwrite.
fn check_output_clashes(files: &[String], copies: &[CopiedFile], diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<&str, String> = HashMap::new();
    let origins = files
        .iter()
        .map(|f| (f.as_str(), "a rendered page".to_string()))
        .chain(
            copies
                .iter()
                .map(|c| (c.to.as_str(), diag::display_path(&c.from))),
        );
    for (path, origin) in origins {
        if let Some(first) = seen.get(path) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "two files would be written to `{path}`: {first} and {origin}"
                ))
                .help("rename or remove one of them"),
            );
        } else {
            seen.insert(path, origin);
        }
    }
}
