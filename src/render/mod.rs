//! Templates: loading the theme (with site overrides) and rendering every page, section,
//! plan, plan listing, the 404 page, the sitemap and robots.txt. The only module that
//! knows Tera.
//!
//! Template contexts use Zola's names (`config.title`, `page.content`, `page.toc`,
//! `section.pages`, `page.permalink`…) so Zola users can bring their templates along.
//!
//! - `templates`: loading and registering templates, filters and functions (the only place
//!   that constructs Tera).
//! - `jobs`: what to render (one job per output page), in parallel, with the cache.
//! - `context`: the view structs templates read.
//! - `fingerprint`: what each page's template reads, hashed, for rebuilds.
//! - `errors`: Tera errors as diagnostics, and the run's render failures.
//! - `html`: fixes to Markdown's HTML as the theme shows it.
//! - `sitemap`: `sitemap.xml` and `robots.txt`.
//! - `urls`, `dates`, `css`: internal URLs made relative, long dates, CSS strings.

mod context;
mod css;
pub mod dates;
mod errors;
mod fingerprint;
mod html;
mod jobs;
pub mod offline;
mod sitemap;
mod templates;
pub mod urls;

pub use errors::Failures;
pub use jobs::{render_plans, render_site};
pub use templates::{Templates, load_templates};
