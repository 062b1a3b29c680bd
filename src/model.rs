//! The site as plain data: sections, pages and assets, with their URLs and rendered Markdown.
//!
//! Built by `content`, filled in by `markdown`, checked by `links`, read by `render`.
//! Nothing here knows about files, Tera or pulldown-cmark.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::load::config::Config;

pub type PageId = usize;
pub type SectionId = usize;

/// The root section (`content/_index.md`, the home page) is always `sections[0]`.
pub const ROOT: SectionId = 0;

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    /// TOML files under `content/` and their copies, never published, as (path relative to
    /// `content/`, absolute path): `plan::Listing` finds the plans among them.
    pub data_files: Vec<(String, PathBuf)>,
    /// Content paths of drafts left out of this build, so a link to one can say why it fails.
    pub skipped_drafts: HashSet<String>,
    /// The declared taxonomies with their terms, in `site.toml`'s order.
    pub taxonomies: Vec<Taxonomy>,
}

impl Site {
    /// Sets each page's `lower` and `higher` from its section's `pages`, once they are in
    /// their final order.
    pub fn link_neighbours(&mut self) {
        for section in &self.sections {
            for pair in section.pages.windows(2) {
                self.pages[pair[0]].higher = Some(pair[1]);
                self.pages[pair[1]].lower = Some(pair[0]);
            }
        }
    }

    /// Every section, then every page.
    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        self.sections
            .iter()
            .map(|s| &s.doc)
            .chain(self.pages.iter().map(|p| &p.doc))
    }
}

/// What pages and sections share: a Markdown file with front matter.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to `content/`, with `/` separators: `guias/que-es.md`.
    pub source: String,
    /// The whole file text, kept so diagnostics can quote any line of it. Shared, so a
    /// rebuild that reuses the document does not copy it.
    pub text: Arc<str>,
    /// A hash of `source` and `text`: what the document is, for reusing work done on it.
    pub hash: u64,
    /// Where the Markdown body starts in `text`, after the closing `+++`.
    pub body_start: usize,
    pub meta: FrontMatter,
    /// The site path without the base path, `guias/que-es/`; empty for the home page.
    pub path: String,
    /// Shared with the cache, so a rebuild that reuses it copies nothing.
    pub rendered: Arc<Rendered>,
}

impl Document {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The front matter as a TOML source, for locating its keys in diagnostics.
    pub fn front_matter(&self) -> (std::ops::Range<usize>, &str) {
        let start = self
            .text
            .find('\n')
            .map_or(0, |i| i + 1)
            .min(self.body_start);
        (start..self.body_start, &self.text[start..self.body_start])
    }
}

#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub title: String,
    pub description: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub template: Option<String>,
    /// A section's own feed (`render::feeds`).
    pub generate_feeds: bool,
    pub extra: toml::Table,
    /// Taxonomy name -> terms, as written (`nivel = ["Primaria"]`).
    pub taxonomies: BTreeMap<String, Vec<String>>,
    /// Zola's page keys: the last URL part, the whole URL path, old URLs redirected here,
    /// the authors, the date of the last change (`YYYY-MM-DD`).
    pub slug: Option<String>,
    pub url_path: Option<String>,
    pub aliases: Vec<String>,
    pub authors: Vec<String>,
    pub updated: Option<String>,
    /// Zola's section keys.
    pub section: SectionKeys,
}

/// What a section's `_index.md` may say of its pages, in Zola's names and defaults.
#[derive(Debug, Clone)]
pub struct SectionKeys {
    /// `None`: senda's order (weight, then title).
    pub sort_by: Option<SortBy>,
    pub paginate_by: Option<usize>,
    /// Its pages are listed in its parent's `pages` too.
    pub transparent: bool,
    /// `false`: no page is written for the section itself.
    pub render: bool,
    pub redirect_to: Option<String>,
    pub in_search_index: bool,
}

impl Default for SectionKeys {
    fn default() -> Self {
        SectionKeys {
            sort_by: None,
            paginate_by: None,
            transparent: false,
            render: true,
            redirect_to: None,
            in_search_index: true,
        }
    }
}

/// Zola's `sort_by`: newest first, lightest first, by title, or as the files are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    Date,
    Weight,
    Title,
    None,
}

/// The output of rendering a document's Markdown.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: Arc<str>,
    pub toc: Vec<TocEntry>,
    /// Every heading id on the page, for checking `#anchor` links into it.
    pub anchors: Vec<String>,
    pub links: Vec<InternalLink>,
    /// Every other link and image destination of the body, and every `href` and `src` of
    /// its raw HTML, as written: checked against the output once it is made
    /// (`linkcheck`), external ones only with `senda check --external`.
    pub urls: Vec<SourceUrl>,
    /// Explicit heading ids (`{#id}`) that cannot be used as written.
    pub id_problems: Vec<IdProblem>,
    pub word_count: usize,
    /// Every Markdown image, in order, for `images` to size and check.
    pub images: Vec<ImageRef>,
}

/// A Markdown image (`![alt](dest)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// The destination as written: `foto.jpg`, `/img/aula.png`, `@/guias/foto.jpg`.
    pub dest: String,
    /// The `src` it was rendered with (an `@/` path resolved to its URL).
    pub src: String,
    pub alt: String,
    /// Byte range of the whole image inside the document body.
    pub range: std::ops::Range<usize>,
}

/// An explicit heading id that repeats an earlier one on the page, or that the theme uses
/// for an element of its own: either would give two elements one id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdProblem {
    pub id: String,
    /// Byte range of the id inside the document body.
    pub range: std::ops::Range<usize>,
    /// The range of the first heading with this id, for a repeated one; `None` when the
    /// theme owns the id.
    pub first: Option<std::ops::Range<usize>>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// An `@/path.md#anchor` (or same-page `#anchor`) link found in Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// Content path of the target, `guias/que-es.md`; `None` for a same-page `#anchor`.
    pub target: Option<String>,
    pub anchor: Option<String>,
    /// Byte range of the link destination inside the document body.
    pub range: std::ops::Range<usize>,
}

/// A destination written in a document's body that is not an `@/` link: `ficha.pdf`,
/// `../visita/#antes`, `https://minedu.gob.pe/`, or a raw HTML `href`/`src`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceUrl {
    pub url: String,
    /// Byte range of the destination inside the document body.
    pub range: std::ops::Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub doc: Document,
    pub section: SectionId,
    /// The previous page in its section's order (Zola's `lower`), set once by
    /// `Site::link_neighbours`, so no page has to look itself up in its section's list.
    pub lower: Option<PageId>,
    /// The next page in its section's order (Zola's `higher`).
    pub higher: Option<PageId>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub doc: Document,
    pub parent: Option<SectionId>,
    /// In display order: by `weight`, then by title.
    pub pages: Vec<PageId>,
    pub subsections: Vec<SectionId>,
}

/// A non-Markdown file from `content/` copied into the output (a bundle's PDF, an image).
#[derive(Debug, Clone)]
pub struct Asset {
    /// Content path, as `@/` links name it: `guias/visita/ficha.pdf`.
    pub source: String,
    pub absolute: PathBuf,
    /// Where it is written, relative to the output folder.
    pub output: String,
}

/// A declared taxonomy (`nivel`) and the terms its pages use.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Index into `config.taxonomies`.
    pub config: usize,
    /// Its list page's site path, `nivel/`.
    pub path: String,
    /// Sorted by slug.
    pub terms: Vec<Term>,
}

/// One term of a taxonomy (`Primaria`) and the pages tagged with it.
#[derive(Debug, Clone)]
pub struct Term {
    /// As the first page to use it wrote it.
    pub name: String,
    pub slug: String,
    /// Its page's site path, `nivel/primaria/`.
    pub path: String,
    /// In title order.
    pub pages: Vec<PageId>,
}
