//! One run of senda, top to bottom: load -> resolve links -> render (the plans a chunk at a
//! time, then the pages and listings) -> search index -> static files -> write.
//!
//! Every stage pushes its `Diagnostic`s into the run's sink and carries on with what it
//! could read, so a run reports all errors at once; only the write needs a run without
//! errors. `run` reads as the list of stages; each function below it is one of them.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::cache::Cache;
use crate::diag::{Diagnostic, Diagnostics};
use crate::linkcheck::{self, Ledger};
use crate::lint;
use crate::load::config::Config;
use crate::load::content;
use crate::messages::Site as Text;
use crate::model::Site;
use crate::plan::view::{PlanSummary, PublicPlan};
use crate::resolve::links::{self, LinkIndex};
use crate::search::SearchDoc;
use crate::tr;
use crate::write::incremental::Incremental;
use crate::write::{self as output, CopiedFile, OutputFile, Sink};
use crate::{BuildOptions, Output, Report, Summary, names, plan, render, resolve, search};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Every check, nothing kept: exports, which cannot fail, are not even made.
    Check,
    /// The whole site in memory, for `senda serve`.
    Preview,
    Build,
    Private,
}

/// What every stage of one run shares.
struct Run<'a> {
    options: &'a BuildOptions,
    mode: Mode,
    diagnostics: Diagnostics,
    clock: Stopwatch,
}

/// load -> resolve links -> render -> search index -> write, with every diagnostic; the
/// output only if the site is complete and good.
pub(crate) fn run(
    options: &BuildOptions,
    mode: Mode,
    cache: &mut Cache,
) -> (Report, Option<Output>) {
    let mut run = Run {
        options,
        mode,
        diagnostics: Diagnostics::default(),
        clock: Stopwatch::start(),
    };

    // 1. Load: the configuration, the output claimed, then every content file.
    let Some((mut site, claim)) = run.load(cache) else {
        return run.finish(None);
    };
    run.clock.lap("load");
    // Every page read is linted for personal data, front matter and body; plans are linted
    // as each chunk loads.
    lint::pages::lint_pages(cache, &mut run.diagnostics);
    run.clock.lap("lint");

    // 2. Resolve links: Markdown rendered with `@/` links resolved, then every anchor checked.
    let index = run.resolve_links(&mut site, cache);
    let plans = plan::Listing::of(&site.data_files);
    if mode == Mode::Private {
        return run.private(&site, &plans, &index, claim);
    }
    // Markdown images sized (and, unless only checking, resized) before pages embed them.
    let encode = mode != Mode::Check;
    let processed = crate::images::process(&mut site, encode, &mut run.diagnostics);
    run.clock.lap("images");

    // 3. Render: the plans a chunk at a time (a national portal has 100,000), each chunk
    // put in the sink and dropped before the next; then the pages and the listings.
    let templates = render::load_templates(
        &site,
        Arc::clone(&index),
        Arc::new(render::TaxonomyData::new(&site)),
        !plans.is_empty(),
        &mut run.diagnostics,
    );
    let (sink, mut carry) = run.sink(&site, &plans, cache, claim);
    let ledger = cache.ledger(
        site.pages.len() + site.sections.len(),
        mode == Mode::Preview,
    );
    let mut failures = render::Failures::default();
    let rendered = run.plans(
        &site,
        &plans,
        (&index, &ledger),
        (templates.as_ref(), carry.as_mut()),
        &sink,
        &mut failures,
    );
    run.clock.lap("plans");
    if let Some(templates) = &templates {
        let cache = (mode == Mode::Preview).then_some(&mut *cache);
        render::render_site(
            &site,
            &rendered.summaries,
            templates,
            &index,
            cache,
            &mut failures,
            (&sink, &ledger),
        );
    }
    failures.report(&mut run.diagnostics);
    let listings = plan::export::index(&rendered.summaries);
    sink.put(listings.into_iter().collect());
    run.clock.lap("render");

    // 4. The search index, from the same public data the pages show.
    if site.config.build_search_index {
        sink.put(search::index_files(&site, rendered.search));
    }
    run.clock.lap("search index");

    // 5. Static files, then every output path checked.
    let mut copies = copies(&site, &mut run.diagnostics);
    copies.extend(image_copies(processed, templates.as_ref()));
    if site.config.offline {
        sink.put(render::offline::files(&site.config, &copies));
    }
    let done = sink.finish();
    let sources = templates.as_ref().map(render::Templates::sources);
    let files = linkcheck::Files::of(&done.paths, &copies, sources.unwrap_or_default());
    let distinct = files.count() == done.paths.len() + copies.len();
    let all = (&done.paths[..], &copies[..]);
    output::check_paths(&site.config, all, distinct, &mut run.diagnostics);
    run.clock.lap("static files");

    // 6. Every link of every page against the output (only a run that rendered every page
    // can tell), external ones only when asked.
    run.check_links(&site, &index, &ledger, files);

    // 7. The output, only when the whole site is good: swapped in place of the previous one
    // (`build`), or handed to the caller (`serve`). A failed run's staging folder is dropped.
    let written = run.write(&site, rendered.summaries.len(), done, copies, carry);
    drop_later(index);
    cache.keep_site(site, ledger, mode == Mode::Preview);
    written
}

/// Frees a big value (a run's tree, a served map) on another thread: a preview's ten
/// thousand pages take a while to free, and nothing waits for it.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    if let Err(e) = std::thread::Builder::new().spawn(move || drop(value)) {
        // No thread to spare: freed here, as before.
        drop(e);
    }
}

/// What the plans leave once their chunks are gone: their summaries, for the listings and
/// `planes.json`, and their search documents.
struct RenderedPlans {
    summaries: Vec<PlanSummary>,
    search: Vec<SearchDoc>,
}

impl Run<'_> {
    /// Markdown rendered (shortcodes expanded, `@/` links resolved), then every `@/` link
    /// and anchor checked; the index of every content path's URL.
    fn resolve_links(&mut self, site: &mut Site, cache: &mut Cache) -> Arc<LinkIndex> {
        let index = cache.link_index(|| LinkIndex::build(site));
        let shortcodes = render::load_shortcodes(&site.config, Arc::clone(&index));
        let problems = resolve::pages::render_markdown(site, &index, &shortcodes, cache);
        self.diagnostics.extend(problems);
        self.clock.lap("markdown");
        links::check(site, &index, cache, &mut self.diagnostics);
        self.clock.lap("links");
        index
    }

    /// The configuration, the output claimed, then the content. `None` when the
    /// configuration cannot be read or the output is refused: nothing else is looked at.
    fn load(&mut self, cache: &mut Cache) -> Option<(Site, Option<output::Claim>)> {
        let config = match Config::load(&self.options.root, &self.options.overrides) {
            Ok(config) => config,
            Err(errors) => {
                self.diagnostics.extend(errors);
                return None;
            }
        };
        let claim = self.claim_output(&config).ok()?;
        let include_drafts = self.options.include_drafts;
        let site = content::load(config, include_drafts, cache, &mut self.diagnostics);
        Some((site, claim))
    }

    /// The writing modes claim their output before anything is read: a refused folder stops
    /// the run (`Err`) without a look at the site. `check` reports what `build` would refuse.
    fn claim_output(&mut self, config: &Config) -> Result<Option<output::Claim>, ()> {
        let kind = match self.mode {
            Mode::Build => output::Kind::Public,
            Mode::Private => output::Kind::Private,
            Mode::Check => {
                let refusal = output::check_location(&config.root, &config.output_dir).err();
                self.diagnostics.extend(refusal);
                return Ok(None);
            }
            Mode::Preview => return Ok(None),
        };
        let options = self.options;
        match output::claim(config, &options.overrides, kind, options.force) {
            Ok(claim) => {
                self.diagnostics.extend(claim.notice());
                Ok(Some(claim))
            }
            Err(refusal) => {
                self.diagnostics.push(refusal);
                Err(())
            }
        }
    }

    /// Every public plan, a chunk at a time: validated, viewed, rendered and exported into
    /// `sink`, then dropped; only its summary and its search document are kept.
    fn plans(
        &mut self,
        site: &Site,
        plans: &plan::Listing,
        (index, ledger): (&LinkIndex, &Ledger),
        (templates, mut carry): (Option<&render::Templates>, Option<&mut Incremental>),
        sink: &Sink,
        failures: &mut render::Failures,
    ) -> RenderedPlans {
        let page_exists = |path: &str| index.url(path).is_some();
        let resolve = |path: &str| index.resolve(path);
        let mut summaries = Vec::new();
        let mut search_plans = Vec::new();
        let config = &site.config;
        // Only the plans not carried over are made; their files are linked in first.
        let to_make = match &carry {
            Some(carry) => Cow::Owned(carry.link_into(sink, plans)),
            None => Cow::Borrowed(plans),
        };
        plan::for_each_chunk(
            config,
            &to_make,
            self.options.include_drafts,
            &page_exists,
            &mut self.diagnostics,
            |chunk| {
                // The public site never holds private data past this line: the view is all it sees.
                let views: Vec<PublicPlan> = chunk
                    .par_iter()
                    .map(|p| plan::view::build(p, config, &resolve))
                    .collect();
                drop(chunk);
                let mut put = |files: Vec<OutputFile>| {
                    if let Some(carry) = carry.as_deref_mut() {
                        carry.record(&files);
                    }
                    sink.put(files);
                };
                if let Some(templates) = templates {
                    let links = (index, ledger);
                    put(render::render_plans(
                        site, &views, templates, failures, links,
                    ));
                }
                if self.mode == Mode::Check {
                    let paths = plan::export::paths(&views);
                    sink.put(
                        paths
                            .into_iter()
                            .map(|p| OutputFile::new(p, Vec::new()))
                            .collect(),
                    );
                } else {
                    put(plan::export::files(&views));
                }
                summaries.extend(views.iter().map(PublicPlan::summary));
                if config.build_search_index {
                    search_plans.extend(search::plan_documents(site, &views));
                }
            },
        );
        if let Some(carry) = carry {
            (summaries, search_plans) = carry.merge(plans, summaries, search_plans);
        }
        RenderedPlans {
            summaries,
            search: search_plans,
        }
    }

    /// Where the run's files go: a staging folder for `build` (unless it already failed),
    /// memory for `serve`, nowhere for `check`. With the staging folder, the plans whose
    /// files the last build's manifest lets this one carry over (`write::incremental`).
    fn sink(
        &mut self,
        site: &Site,
        plans: &plan::Listing,
        cache: &Cache,
        claim: Option<output::Claim>,
    ) -> (Sink, Option<Incremental>) {
        let diagnostics = &mut self.diagnostics;
        match (self.mode, claim) {
            (Mode::Build, Some(claim)) if !diagnostics.has_errors() => {
                let (options, files) = (self.options, &cache.content_files);
                let carry = Incremental::start(&site.config, options, files, plans, claim.output());
                match output::Staging::create(claim) {
                    Ok(staging) => (Sink::write_to(staging), Some(carry)),
                    Err(e) => {
                        diagnostics.push(cannot_write(e));
                        (Sink::discard(), None)
                    }
                }
            }
            (Mode::Preview, _) => (Sink::keep(), None),
            _ => (Sink::discard(), None),
        }
    }

    fn check_links(
        &mut self,
        site: &Site,
        index: &LinkIndex,
        ledger: &Ledger,
        files: linkcheck::Files,
    ) {
        let external = self.options.external;
        linkcheck::run(site, index, ledger, &files, external, &mut self.diagnostics);
        self.clock.lap("links in output");
    }

    /// The end of a run that made its files: written if nothing failed.
    fn write(
        mut self,
        site: &Site,
        plans: usize,
        done: output::Finished,
        copies: Vec<CopiedFile>,
        carry: Option<Incremental>,
    ) -> (Report, Option<Output>) {
        if !settle(&mut self.diagnostics, self.options.strict) {
            return self.finish(None);
        }
        let written = match (done.failure, done.staging) {
            (Some(e), _) => Err(e),
            (None, Some(staging)) => staging.commit(&copies),
            (None, None) => Ok(()),
        };
        if let Err(e) = written {
            self.diagnostics.push(cannot_write(e));
            return self.finish(None);
        }
        if let Some(carry) = carry {
            carry.finish(&self.diagnostics);
        }
        self.clock.lap("write");
        let summary = Summary {
            pages: site.pages.len(),
            sections: site.sections.len(),
            plans,
            output_dir: output::resolve(&site.config.output_dir),
        };
        let files = done.kept;
        self.finish(Some((summary, Output { files, copies })))
    }

    /// `senda build --private`: every plan and its private companion at once (a school's,
    /// not a nation's), for the filled-in planners only, written into the claimed folder.
    fn private(
        mut self,
        site: &Site,
        listing: &plan::Listing,
        index: &LinkIndex,
        claim: Option<output::Claim>,
    ) -> (Report, Option<Output>) {
        let page_exists = |path: &str| index.url(path).is_some();
        let (plans, private) = plan::load(
            &site.config,
            listing,
            self.options.include_drafts,
            &page_exists,
            &mut self.diagnostics,
        );
        // Nothing is rendered of a run with errors.
        let files = if self.diagnostics.has_errors() {
            Vec::new()
        } else {
            plan::private::planner_pages(&plans, &private)
        };
        // Teacher ids name files here: the planners are printed from the school's computer.
        let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        names::check_output_paths(&site.config, &paths, &[], &mut self.diagnostics);
        let (true, Some(claim)) = (settle(&mut self.diagnostics, self.options.strict), claim)
        else {
            return self.finish(None);
        };
        if let Err(e) = output::write_site(claim, &files, &[]) {
            self.diagnostics.push(cannot_write(e));
            return self.finish(None);
        }
        self.clock.lap("write");
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
        self.finish(Some((summary, output)))
    }

    fn finish(self, built: Option<(Summary, Output)>) -> (Report, Option<Output>) {
        let (summary, output) = built.unzip();
        let report = Report {
            diagnostics: self.diagnostics,
            summary,
            timings: self.clock.laps,
        };
        (report, output)
    }
}

fn cannot_write(e: std::io::Error) -> Diagnostic {
    Diagnostic::error(tr!(Text::CannotWriteSite, e)).help(tr!(Text::CannotWriteSiteHelp))
}

/// Stage durations, for `SENDA_TIMINGS=1` and the benchmarks.
struct Stopwatch {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
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

/// The files copied as they are: the static folders', then the content's assets.
fn copies(site: &Site, diagnostics: &mut Diagnostics) -> Vec<CopiedFile> {
    output::static_files(&site.config, diagnostics)
        .into_iter()
        .chain(site.assets.iter().map(|a| CopiedFile {
            from: a.absolute.clone(),
            to: a.output.clone(),
        }))
        .collect()
}

/// The pages' image copies and what `resize_image` made: one file for a page's copy and a
/// template's `resize_image` of the same photo and size.
fn image_copies(
    processed: Vec<CopiedFile>,
    templates: Option<&render::Templates>,
) -> impl Iterator<Item = CopiedFile> {
    let resized = templates
        .into_iter()
        .flat_map(render::Templates::resized_files);
    let images: BTreeMap<String, CopiedFile> = processed
        .into_iter()
        .chain(resized)
        .map(|c| (c.to.clone(), c))
        .collect();
    images.into_values()
}
