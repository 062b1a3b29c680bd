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
//! - `sitemap`: `sitemap.xml` and `robots.txt`; `feeds`: the Atom feeds.
//! - `taxonomies`: the views of taxonomies and their terms, and what the taxonomy
//!   functions answer.
//! - `redirects`: the redirect pages of Zola's `aliases`, `redirect_to` and `page/1/`.
//! - `zola`: Zola's template functions and filters (`get_section`, `get_page`,
//!   `load_data`, `date`, `markdown`, `slugify`, `urlencode`).
//! - `urls`, `dates`, `css`: internal URLs made relative, long dates, CSS strings.

mod context;
mod css;
pub mod dates;
mod errors;
mod feeds;
mod fingerprint;
mod html;
mod jobs;
pub mod offline;
mod redirects;
mod resize;
mod sitemap;
mod taxonomies;
mod templates;
pub mod urls;
mod zola;

pub use errors::Failures;
pub use jobs::{render_plans, render_site};
pub use taxonomies::TaxonomyData;
pub use templates::{Shortcodes, Templates, load_shortcodes, load_templates};
