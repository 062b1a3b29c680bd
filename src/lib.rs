//! senda: a static site generator for pedagogical monitoring plans and guidance portals.
//!
//! The public API is here: `build`, `check`, `build_private` and `compile` (what `serve`
//! holds in memory), with their options and reports. One run is `pipeline::run`, read top
//! to bottom. The tree follows the pipeline (ARCHITECTURE.md has the code map and the
//! invariants):
//!
//! - `load`: `site.toml` and the theme's settings, located TOML, the content tree (files
//!   told apart, front matter, URLs, sections).
//! - `resolve`: Markdown (the only pulldown-cmark user), slugs, links and anchors.
//! - `plan`: school plans (`pmap/1`): rules, views, listings, exports; `lint`: privacy
//!   and markup lints over what a build would publish.
//! - `render`: templates (the only Tera user), contexts, fingerprints, sitemap, URLs.
//! - `search`: the search index.
//! - `linkcheck`: every link of the built site against its files; `check --external`.
//! - `write`: the sink, the staging folder and the safety of the output folder.
//! - Shared by the stages: `fs` (the only walker and reader), `names` (which names every
//!   disk accepts), `diag` (the one error type and its renderer), `model` (the site as
//!   plain data), `cache` (what a rebuild reuses). `serve` is the live preview; only
//!   `main.rs` prints.

pub mod cache;
pub mod diag;
pub mod fs;
pub mod images;
pub mod import;
pub mod linkcheck;
pub mod lint;
pub mod load;
pub mod messages;
pub mod model;
pub mod names;
mod pipeline;
pub mod plan;
#[cfg(test)]
mod properties;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod write;

use std::path::PathBuf;

use crate::cache::Cache;
use crate::diag::Diagnostics;
use crate::load::config::Overrides;
use crate::pipeline::Mode;
use crate::write::{CopiedFile, OutputFile};

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
    /// `senda build --clean`: make every file again, carrying nothing over from the last
    /// build (`write::incremental`).
    pub clean: bool,
    /// `senda check --external`: ask every external address, within these bounds.
    pub external: Option<linkcheck::external::Settings>,
}

/// What a run produced: every diagnostic, and the counts when the site was complete.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Diagnostics,
    pub summary: Option<Summary>,
    /// How long each stage took, for `SENDA_TIMINGS=1` and the benchmarks.
    pub timings: Vec<(&'static str, std::time::Duration)>,
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
    pipeline::run(options, Mode::Preview, cache)
}

fn run(options: &BuildOptions, mode: Mode) -> Report {
    pipeline::run(options, mode, &mut Cache::default()).0
}
