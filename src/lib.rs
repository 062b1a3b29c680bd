//! senda: a static site generator for pedagogical monitoring plans and guidance portals.
//!
//! The pipeline is `build` below, read top to bottom: load -> resolve links -> render ->
//! write. See ARCHITECTURE.md for the code map and the invariants.

pub mod config;
pub mod content;
pub mod diagnostics;
pub mod links;
pub mod markdown;
pub mod model;
pub mod output;
pub mod plan;
pub mod render;
pub mod slug;
pub mod toml_input;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{Config, Overrides};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::links::LinkIndex;
use crate::model::Site;
use crate::output::{CopiedFile, OutputFile};
use crate::plan::view::PublicPlan;

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
}

impl Report {
    fn failed(diagnostics: Diagnostics) -> Report {
        Report {
            diagnostics,
            summary: None,
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Check,
    Build,
    Private,
}

fn run(options: &BuildOptions, mode: Mode) -> Report {
    let write = mode != Mode::Check;
    let mut diagnostics = Diagnostics::default();

    // 1. Load: configuration, then every content file.
    let config = match Config::load(&options.root, &options.overrides) {
        Ok(config) => config,
        Err(errors) => {
            diagnostics.extend(errors);
            return Report::failed(diagnostics);
        }
    };
    if write
        && let Err(refusal) =
            output::check_output_dir(&config.root, &config.output_dir, options.force)
    {
        diagnostics.push(refusal);
    }
    if mode == Mode::Private
        && let Err(refusal) = output::check_private_output_dir(&config, &options.overrides)
    {
        diagnostics.push(refusal);
    }
    let mut site = content::load(config, options.include_drafts, &mut diagnostics);

    for doc in site.documents() {
        let path = std::path::Path::new(content::CONTENT_DIR).join(&doc.source);
        plan::privacy::lint_markdown(&path, &doc.text, doc.body_start, &mut diagnostics);
    }

    // 2. Resolve links: render Markdown with `@/` links resolved, then check every anchor.
    let index = Arc::new(LinkIndex::build(&site));
    render_markdown(&mut site, &index);
    links::check(&site, &index, &mut diagnostics);
    let plans = plan::load(
        &site.config,
        &|path| index.resolve(path).is_some(),
        &mut diagnostics,
    );
    let private = plan::load_private(&site.config, &plans, &mut diagnostics);
    if mode == Mode::Private {
        return finish_private(&site.config, &plans, &private, diagnostics, options.strict);
    }
    // The public site never holds private data past this line.
    drop(private);

    let public_plans: Vec<PublicPlan> = plans
        .iter()
        .map(|p| plan::view::build(p, &site.config, &|path| index.resolve(path)))
        .collect();

    // 3. Render templates, and export the plans.
    let has_plans = !public_plans.is_empty();
    let mut files = match render::load_templates(
        &site.config,
        Arc::clone(&index),
        has_plans,
        &mut diagnostics,
    ) {
        Some(templates) => render::render_site(&site, &public_plans, &templates, &mut diagnostics),
        None => Vec::new(),
    };
    files.extend(plan::export::files(&public_plans));
    let copies = output::static_files(&site.config, &mut diagnostics)
        .into_iter()
        .chain(site.assets.iter().map(|a| CopiedFile {
            from: a.absolute.clone(),
            to: a.output.clone(),
        }))
        .collect::<Vec<_>>();
    check_output_clashes(&files, &copies, &mut diagnostics);

    // 4. Write, only when the whole site is good.
    if !settle(&mut diagnostics, options.strict) {
        return Report::failed(diagnostics);
    }
    if write && let Err(e) = output::write_site(&site.config.output_dir, &files, &copies) {
        diagnostics.push(
            Diagnostic::error(format!("cannot write the site: {e}"))
                .help("check that the output folder's parent exists and is writable; the previous output was kept"),
        );
        return Report::failed(diagnostics);
    }
    let summary = Summary {
        pages: site.pages.len(),
        sections: site.sections.len(),
        plans: plans.len(),
        output_dir: site.config.output_dir.clone(),
    };
    Report {
        diagnostics,
        summary: Some(summary),
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

fn finish_private(
    config: &Config,
    plans: &[plan::PlanFile],
    private: &[(String, plan::private::PrivateFile)],
    mut diagnostics: Diagnostics,
    strict: bool,
) -> Report {
    if !settle(&mut diagnostics, strict) {
        return Report::failed(diagnostics);
    }
    let pages = plan::private::planner_pages(plans, private);
    if let Err(e) = output::write_site(&config.output_dir, &pages, &[]) {
        diagnostics.push(Diagnostic::error(format!("cannot write the planners: {e}")));
        return Report::failed(diagnostics);
    }
    let summary = Summary {
        pages: pages.len(),
        sections: 0,
        plans: private.len(),
        output_dir: config.output_dir.clone(),
    };
    Report {
        diagnostics,
        summary: Some(summary),
    }
}

fn render_markdown(site: &mut Site, index: &LinkIndex) {
    let resolve = |path: &str| index.resolve(path);
    let documents = site
        .sections
        .par_iter_mut()
        .map(|s| &mut s.doc)
        .chain(site.pages.par_iter_mut().map(|p| &mut p.doc));
    documents.for_each(|doc| doc.rendered = markdown::render(doc.body(), &resolve));
}

/// Two sources that would write the same output file (a static `index.html` over the home
/// page, an asset named like a page) are an error rather than a silent overwrite.
fn check_output_clashes(
    files: &[OutputFile],
    copies: &[CopiedFile],
    diagnostics: &mut Diagnostics,
) {
    let mut seen: HashMap<&str, String> = HashMap::new();
    let origins = files
        .iter()
        .map(|f| (f.path.as_str(), "a rendered page".to_string()))
        .chain(
            copies
                .iter()
                .map(|c| (c.to.as_str(), diagnostics::display_path(&c.from))),
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
