//! Loading `content/`: which files are sections, pages, assets and data, read into
//! documents and handed to `tree` to become a `Site`. The walk itself is `fs::site_files`.
//!
//! Conventions are Zola's: `_index.md` makes its folder a section, `index.md` makes its
//! folder a page bundle (the other files in it are the page's assets), every other `.md`
//! is a page. TOML files in `content/` are data (school plans) and are never copied; nor is
//! any file named like a private file or a copy of one (`ie-1.privado.toml.bak`), reported
//! instead (P6).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::{Cache, CachedDocument, Stamp};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::fs;
use crate::load::config::Config;
use crate::load::front_matter;
use crate::load::retained::{self, Tree};
use crate::load::toml_input::Source;
use crate::load::tree::assemble;
use crate::messages::Site as Text;
use crate::model::{Document, Site};
use crate::plan::private;
use crate::tr;

pub const CONTENT_DIR: &str = "content";

/// Reads every file under `content/` into a `Site`. Problems are pushed into `diagnostics`;
/// the site is still returned with whatever could be read, so later stages find more errors.
pub fn load(
    config: Config,
    include_drafts: bool,
    cache: &mut Cache,
    diagnostics: &mut Diagnostics,
) -> Site {
    let content_dir = config.root.join(CONTENT_DIR);
    // Under `serve`, the watcher says which files changed: if they are only edits, the list
    // of files stands and only the edited ones are looked at again.
    let edited = cache.trusted_edits(&content_dir);
    cache.content_dir = Some(content_dir.clone());
    if let (Some(edited), Some(mut tree)) = (&edited, cache.tree.take()) {
        let read = |rel: &str| {
            let absolute = content_dir.join(rel);
            let stamp = Stamp::of(&absolute);
            read_and_check(
                &ContentFile {
                    rel: rel.to_string(),
                    absolute,
                },
                stamp,
            )
        };
        let include = include_drafts;
        if let Some((site, read)) =
            retained::patch(&mut tree, &config, include, edited, read, diagnostics)
        {
            cache.documents.extend(read);
            cache.tree = Some(tree);
            return site;
        }
    }
    let mut reported = Diagnostics::default();
    let site = assemble_afresh(config, include_drafts, edited, cache, &mut reported);
    let reported: Vec<Diagnostic> = reported.into_iter().collect();
    diagnostics.extend(reported.iter().cloned());
    cache.tree = Some(Tree {
        site: None,
        diagnostics: reported,
        include_drafts,
        index: None,
    });
    site
}

/// Every content file classified, the changed ones read, and the tree assembled.
fn assemble_afresh(
    config: Config,
    include_drafts: bool,
    edited: Option<HashSet<String>>,
    cache: &mut Cache,
    diagnostics: &mut Diagnostics,
) -> Site {
    // Only edits: the file list of the last load stands.
    if edited.is_none() {
        cache.content_files = walk(&config.root.join(CONTENT_DIR), diagnostics)
            .into_iter()
            .map(|f| (f.rel, f.absolute))
            .collect();
    }
    let files: Vec<ContentFile> = cache
        .content_files
        .iter()
        .map(|(rel, absolute)| ContentFile {
            rel: rel.clone(),
            absolute: absolute.clone(),
        })
        .collect();
    let bundles: HashSet<&str> = files
        .iter()
        .filter_map(|f| f.rel.strip_suffix("index.md"))
        .filter(|dir| dir.is_empty() || dir.ends_with('/'))
        .filter(|dir| !dir.is_empty())
        .collect();

    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let mut data_files = Vec::new();
    for file in &files {
        match classify(&file.rel, &bundles) {
            Kind::Markdown => markdown.push(file),
            Kind::Asset => assets.push(file),
            Kind::Data => data_files.push((file.rel.clone(), file.absolute.clone())),
            Kind::Private => diagnostics.push(private::not_published(&content_path(&file.rel))),
            Kind::NestedInBundle(bundle) => diagnostics.push(
                Diagnostic::error(tr!(Text::InBundle, file.rel, bundle))
                    .at(Location::file(&content_path(&file.rel)))
                    .help(tr!(Text::InBundleHelp, bundle)),
            ),
        }
    }

    // Files whose stamp is unchanged are taken from the cache; the rest are read again.
    let previous = std::mem::take(&mut cache.documents);
    let entries: Vec<(String, Arc<CachedDocument>)> = markdown
        .par_iter()
        .map(|file| {
            // An edited file was dropped from the cache by `Cache::forget`; every other one
            // the watcher vouches for needs no stat.
            let unchanged = edited.as_ref().is_some_and(|e| !e.contains(&file.rel));
            if unchanged && let Some(cached) = previous.get(&file.rel) {
                return (file.rel.clone(), Arc::clone(cached));
            }
            let stamp = Stamp::of(&file.absolute);
            let entry = match (previous.get(&file.rel), stamp) {
                (Some(cached), Some(stamp)) if cached.stamp == stamp => Arc::clone(cached),
                _ => Arc::new(read_and_check(file, stamp)),
            };
            (file.rel.clone(), entry)
        })
        .collect();
    let mut loaded = Vec::new();
    for (rel, entry) in entries {
        match &entry.document {
            Ok(doc) => loaded.push(doc.clone()),
            Err(errors) => diagnostics.extend(errors.iter().cloned()),
        }
        cache.documents.insert(rel, entry);
    }
    let mut site = assemble(config, loaded, assets, include_drafts, diagnostics);
    site.data_files = data_files;
    site.taxonomies = super::taxonomies::collect(&site, diagnostics);
    site
}

pub(super) struct ContentFile {
    /// Relative to `content/`, with `/` separators.
    pub rel: String,
    pub absolute: PathBuf,
}

enum Kind {
    Markdown,
    Asset,
    /// TOML, and copies of it (`ie-1.toml.bak`): read by `plan` or not at all, never copied.
    Data,
    /// Named like a private file but not a plan's companion: a copy of one (`.bak`, `(copia)`),
    /// or one in the wrong place. Never copied or read, and reported.
    Private,
    NestedInBundle(String),
}

fn classify(rel: &str, bundles: &HashSet<&str>) -> Kind {
    if private::looks_private(rel) {
        return if private::is_companion(rel) {
            Kind::Data
        } else {
            Kind::Private
        };
    }
    let own_bundle = rel
        .strip_suffix("index.md")
        .filter(|dir| dir.ends_with('/'));
    let enclosing = ancestors(rel)
        .filter(|dir| Some(*dir) != own_bundle)
        .find(|dir| bundles.contains(dir));
    let markdown = is_markdown(rel);
    match enclosing {
        Some(bundle) if markdown => Kind::NestedInBundle(bundle.to_string()),
        _ if markdown => Kind::Markdown,
        _ if is_data(rel) => Kind::Data,
        _ => Kind::Asset,
    }
}

/// A Markdown file, by its name: `.md`, as Zola has it.
pub(super) fn is_markdown(rel: &str) -> bool {
    rel.ends_with(".md")
}

/// TOML in any case, and the copies tools make of it (`ie-1.toml.bak`, `ie-1.toml (copia)`):
/// a public plan's raw text names teachers in full, which its pages mask.
fn is_data(rel: &str) -> bool {
    const EXTENSION: &[u8] = b".toml";
    let name = rel.rsplit('/').next().unwrap_or(rel).as_bytes();
    name.windows(EXTENSION.len())
        .enumerate()
        .any(|(at, window)| {
            window.eq_ignore_ascii_case(EXTENSION)
                && !name
                    .get(at + EXTENSION.len())
                    .is_some_and(u8::is_ascii_alphanumeric)
        })
}

/// The folders that contain `rel`, innermost first, each ending in `/`: `a/b/c.md` gives
/// `a/b/`, `a/`.
pub(super) fn ancestors(rel: &str) -> impl Iterator<Item = &str> {
    rel.char_indices()
        .filter(|(_, c)| *c == '/')
        .map(move |(i, _)| &rel[..=i])
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
}

pub(super) fn content_path(rel: &str) -> PathBuf {
    Path::new(CONTENT_DIR).join(rel)
}

fn walk(content_dir: &Path, diagnostics: &mut Diagnostics) -> Vec<ContentFile> {
    if !content_dir.is_dir() {
        diagnostics.push(Diagnostic::error(tr!(Text::NoContent)).help(tr!(Text::NoContentHelp)));
        return Vec::new();
    }
    fs::site_files(content_dir, Path::new(CONTENT_DIR), diagnostics)
        .into_iter()
        .map(|(rel, absolute)| ContentFile { rel, absolute })
        .collect()
}

/// Reads and parses one Markdown file, as a cache entry; `lint::pages` lints it later.
fn read_and_check(file: &ContentFile, stamp: Option<Stamp>) -> CachedDocument {
    CachedDocument {
        // A file that vanished between the walk and the read gets no stamp: it is read
        // again next time, whatever happens.
        stamp: stamp.unwrap_or(Stamp::NEVER),
        document: read_document(file),
        lint: std::sync::OnceLock::new(),
        rendered: None,
    }
}

fn read_document(file: &ContentFile) -> Result<Document, Vec<Diagnostic>> {
    let path = content_path(&file.rel);
    let text = fs::read_text(&file.absolute, &path)
        .map_err(|e| vec![e.diagnostic(&tr!(Text::CannotReadFile))])?;
    let (front, body_start) = front_matter::split(&text, &path)?;
    let source = Source {
        path: &path,
        file_text: &text,
        offset: front.start,
        toml: &text[front.clone()],
    };
    let meta = front_matter::parse(&source)?;
    Ok(Document {
        hash: crate::cache::hash_of(&(&file.rel, &text)),
        source: file.rel.clone(),
        text: text.into(),
        body_start,
        meta,
        path: String::new(),
        rendered: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundles_pages_and_data_are_told_apart() {
        let bundles: HashSet<&str> = ["guias/visita/"].into_iter().collect();
        assert!(matches!(
            classify("guias/visita/index.md", &bundles),
            Kind::Markdown
        ));
        assert!(matches!(
            classify("guias/visita/ficha.pdf", &bundles),
            Kind::Asset
        ));
        assert!(matches!(
            classify("guias/visita/otra.md", &bundles),
            Kind::NestedInBundle(_)
        ));
        assert!(matches!(classify("planes/ie-1.toml", &bundles), Kind::Data));
        // Copies of a public plan name the teachers its pages mask.
        for copy in [
            "planes/ie-1.TOML",
            "planes/ie-1.toml.bak",
            "planes/ie-1.toml (copia)",
        ] {
            assert!(matches!(classify(copy, &bundles), Kind::Data), "{copy}");
        }
        assert!(matches!(
            classify("planes/ie-1.privado.toml", &bundles),
            Kind::Data
        ));
        for copy in [
            "planes/ie-1.privado.toml.bak",
            "guias/visita/ie-1.privado.toml",
            "guias/notas.privado.md",
        ] {
            assert!(matches!(classify(copy, &bundles), Kind::Private), "{copy}");
        }
        assert!(matches!(
            classify("guias/horario.tomlx", &bundles),
            Kind::Asset
        ));
        assert!(matches!(
            classify("guias/que-es.md", &bundles),
            Kind::Markdown
        ));
    }

    #[test]
    fn each_page_knows_its_neighbours_in_section_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, front: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, format!("+++\n{front}\n+++\nTexto.\n")).unwrap();
        };
        std::fs::write(
            root.join("site.toml"),
            "title = \"T\"\nbase_url = \"https://example.org/\"\n",
        )
        .unwrap();
        write("content/_index.md", "title = \"Inicio\"");
        write("content/sola.md", "title = \"Sola\"");
        write("content/guias/_index.md", "title = \"Guías\"");
        // Written out of order: the section's order is by weight.
        write("content/guias/c.md", "title = \"C\"\nweight = 3");
        write("content/guias/a.md", "title = \"A\"\nweight = 1");
        write(
            "content/guias/borrador.md",
            "title = \"B\"\nweight = 2\ndraft = true",
        );
        write("content/guias/b.md", "title = \"B2\"\nweight = 2");
        let config = Config::load(root, &Default::default()).unwrap();
        let mut diagnostics = Diagnostics::default();
        let site = load(config, false, &mut Cache::default(), &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let by_source = |source: &str| site.pages.iter().find(|p| p.doc.source == source).unwrap();
        let source = |id: Option<usize>| id.map(|id| site.pages[id].doc.source.as_str());
        let neighbours = |page: &str| {
            (
                source(by_source(page).lower),
                source(by_source(page).higher),
            )
        };
        assert_eq!(neighbours("guias/a.md"), (None, Some("guias/b.md")));
        // The draft between them is not built, so it is nobody's neighbour.
        assert_eq!(
            neighbours("guias/b.md"),
            (Some("guias/a.md"), Some("guias/c.md"))
        );
        assert_eq!(neighbours("guias/c.md"), (Some("guias/b.md"), None));
        assert_eq!(neighbours("sola.md"), (None, None));
        assert!(
            !site
                .pages
                .iter()
                .any(|p| p.doc.source == "guias/borrador.md")
        );
    }

    /// A save that keeps a page's front matter keeps the tree the last run gave back (and
    /// the link index made from it), with the page's new text; one that changes the front
    /// matter assembles the tree afresh.
    #[test]
    fn only_a_save_that_keeps_the_front_matter_keeps_the_tree() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let site_toml = "title = \"T\"\nbase_url = \"https://example.org/\"\n";
        std::fs::write(root.join("site.toml"), site_toml).unwrap();
        std::fs::create_dir_all(root.join("content/guias")).unwrap();
        let page = root.join("content/guias/a.md");
        let config = Config::load(root, &Default::default()).unwrap();
        let mut cache = Cache::default();
        // Writes the page, loads, and says whether the tree was kept; then hands the site
        // back as a run does.
        let mut save = |text: &str, first: bool| {
            std::fs::write(&page, text).unwrap();
            if !first {
                cache.forget(std::slice::from_ref(&page));
            }
            let mut diagnostics = Diagnostics::default();
            let site = load(config.clone(), false, &mut cache, &mut diagnostics);
            assert!(diagnostics.is_empty(), "{diagnostics:?}");
            let kept = cache.tree.as_ref().is_some_and(|t| t.index.is_some());
            let doc = &site.pages[0].doc;
            let seen = (doc.meta.title.clone(), doc.body().trim().to_string(), kept);
            cache.link_index(|| crate::resolve::links::LinkIndex::build(&site));
            cache.keep_site(site, crate::linkcheck::Ledger::new(0, true), true);
            seen
        };
        let text = |title: &str, body: &str| format!("+++\ntitle = \"{title}\"\n+++\n{body}\n");
        // (title, body, first load): the title and body seen, and whether the tree was kept.
        for (title, body, first, kept) in [
            ("A", "Uno", true, false),
            ("A", "Dos", false, true),
            ("B", "Dos", false, false),
            ("B", "Tres", false, true),
        ] {
            let seen = save(&text(title, body), first);
            assert_eq!(seen, (title.into(), body.into(), kept), "{title} {body}");
        }
        // A page that no longer parses is no longer in the tree.
        std::fs::write(&page, "+++\ntitle = \n+++\n").unwrap();
        cache.forget(std::slice::from_ref(&page));
        let mut diagnostics = Diagnostics::default();
        let site = load(config.clone(), false, &mut cache, &mut diagnostics);
        assert!(diagnostics.has_errors());
        assert!(site.pages.is_empty());
    }
}
