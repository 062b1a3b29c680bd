//! Light images for slow connections: every Markdown image of a page that is a bundle's or
//! `static/`'s JPEG or PNG gets resized copies up to the content width (`srcset`), WebP
//! copies where those are smaller (`<picture>`), and its `width` and `height`, so a 4 MB
//! phone photo reaches a phone as a few dozen kilobytes and the page does not jump as it
//! loads. An image without alt text is a warning at its line and column.
//!
//! Results are kept in `.senda-cache/imagenes/` under the site, named by the source's
//! content hash (`process`), so a rebuild decodes only new or changed photos. Sources are
//! processed in parallel.

pub mod process;
pub mod resize;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use self::process::{Format, Source, Variant};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::config::Config;
use crate::messages::Site as Text;
use crate::model::{Document, ImageRef, Site};
use crate::tr;
use crate::write::CopiedFile;

/// The widest an image is shown in the senda theme's text column, in CSS pixels: the
/// largest copy made. Past it, bytes buy nothing on the screens the portal is read on.
pub const CONTENT_WIDTH: u32 = 720;
/// The copies' widths: a phone, a large phone or small tablet, the content width.
pub const WIDTHS: [u32; 3] = [360, 540, CONTENT_WIDTH];
const SIZES: &str = "(max-width: 720px) 100vw, 720px";

/// What a page's `<img>` becomes.
#[derive(Debug, Clone, Default)]
struct Responsive {
    width: u32,
    height: u32,
    /// In the source's format, smallest first; empty for an image no wider than a phone.
    copies: Vec<Variant>,
    /// Lossless WebP copies, when they are smaller than `copies`.
    webp: Vec<Variant>,
}

/// Sizes every processable Markdown image and rewrites its `<img>`; returns the files to
/// publish. `encode` is false for `check`, which reads each image's header only.
pub fn process(site: &mut Site, encode: bool, diagnostics: &mut Diagnostics) -> Vec<CopiedFile> {
    let config = &site.config;
    let mut uses: BTreeMap<PathBuf, Vec<(String, Location)>> = BTreeMap::new();
    for doc in site.documents() {
        for image in &doc.rendered.images {
            let location = || location(doc, image);
            if image.alt.is_empty() {
                diagnostics.push(
                    Diagnostic::warning(tr!(Text::ImageNoAlt, image.dest))
                        .at(location())
                        .help(tr!(Text::ImageNoAltHelp)),
                );
            }
            if let Some(path) = source_path(config, doc, image) {
                uses.entry(path)
                    .or_default()
                    .push((image.src.clone(), location()));
            }
        }
    }
    let cache_dir = config.root.join(process::CACHE_DIR);
    let results: Vec<(PathBuf, Result<Responsive, String>)> = uses
        .keys()
        .cloned()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|path| {
            let result = responsive(&path, &cache_dir, encode);
            (path, result)
        })
        .collect();
    let mut by_src: BTreeMap<String, Responsive> = BTreeMap::new();
    let mut files = BTreeMap::new();
    for (path, result) in results {
        match result {
            Ok(image) => {
                for (src, _) in &uses[&path] {
                    by_src.insert(src.clone(), image.clone());
                }
                for v in image.copies.iter().chain(&image.webp) {
                    files.insert(v.output.clone(), v.cached.clone());
                }
            }
            Err(error) => {
                for (_, location) in &uses[&path] {
                    diagnostics.push(
                        Diagnostic::error(tr!(Text::ImageUnreadable, error))
                            .at(location.clone())
                            .help(tr!(Text::ImageUnreadableHelp)),
                    );
                }
            }
        }
    }
    if encode {
        rewrite_pages(site, &by_src);
    }
    files
        .into_iter()
        .map(|(to, from)| CopiedFile { from, to })
        .collect()
}

fn location(doc: &Document, image: &ImageRef) -> Location {
    let start = doc.body_start + image.range.start;
    Location::from_range(
        &Path::new("content").join(&doc.source),
        &doc.text,
        start..doc.body_start + image.range.end,
    )
}

/// The file a Markdown image names, when it is one senda can process: `@/path` in
/// `content/`, `/path` in `static/`, a bare name beside a bundle's `index.md` or a
/// section's `_index.md`. Only plain names (letters, digits, `-_./~`) are matched, the
/// same spelled in Markdown and in the rendered `src`.
fn source_path(config: &Config, doc: &Document, image: &ImageRef) -> Option<PathBuf> {
    let plain = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./~".contains(c))
    };
    let dest = image.dest.as_str();
    if !plain(&image.src) || dest.split('/').any(|part| part == "..") {
        return None;
    }
    let path = if let Some(rest) = dest.strip_prefix("@/") {
        config.root.join("content").join(rest)
    } else if let Some(rest) = dest.strip_prefix('/') {
        let rest = rest
            .strip_prefix(config.base_path.trim_start_matches('/'))
            .filter(|_| config.base_path != "/")
            .unwrap_or(rest);
        config.root.join("static").join(rest)
    } else if dest.contains(':') || !plain(dest) {
        return None;
    } else {
        let (folder, file) = doc.source.rsplit_once('/').unwrap_or(("", &doc.source));
        if file != "index.md" && file != "_index.md" {
            return None;
        }
        config
            .root
            .join("content")
            .join(folder)
            .join(dest.trim_start_matches("./"))
    };
    let known = matches!(Format::of_source(&path), Some(Format::Jpeg | Format::Png));
    (known && path.is_file()).then_some(path)
}

/// The copies of one source, from the cache or made.
fn responsive(path: &Path, cache_dir: &Path, encode: bool) -> Result<Responsive, String> {
    let source = Source::read(path).map_err(|e| e.to_string())?;
    let size = source.dimensions().map_err(|e| e.to_string())?;
    let mut image = Responsive {
        width: size.0,
        height: size.1,
        ..Responsive::default()
    };
    if !encode || size.0 <= WIDTHS[0] {
        return Ok(image);
    }
    let format = Format::of_source(path).unwrap_or(Format::Jpeg);
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < size.0).collect();
    if size.0 < CONTENT_WIDTH {
        widths.push(size.0);
    }
    // Decoded at most once, and only if some copy is not in the cache yet.
    let mut decoded: Option<image::DynamicImage> = None;
    let mut full = || -> image::ImageResult<image::DynamicImage> {
        if decoded.is_none() {
            decoded = Some(source.decode()?);
        }
        Ok(decoded.clone().unwrap_or_default())
    };
    let make = |width: u32, format: Format, full: &mut dyn FnMut() -> _| {
        let dims = (width, process::scaled_height(size, width));
        process::variant(
            cache_dir,
            source.hash,
            dims,
            format,
            process::DEFAULT_QUALITY,
            full,
        )
        .map_err(|e| e.to_string())
    };
    for &width in &widths {
        image.copies.push(make(width, format, &mut full)?);
    }
    // Lossless WebP is tried on the smallest copy first: for a photo it loses, and the
    // larger ones are not encoded at all.
    let probe = make(widths[0], Format::Webp, &mut full)?;
    if probe.bytes < image.copies[0].bytes {
        image.webp.push(probe);
        for &width in &widths[1..] {
            image.webp.push(make(width, Format::Webp, &mut full)?);
        }
        let webp: u64 = image.webp.iter().map(|v| v.bytes).sum();
        let copies: u64 = image.copies.iter().map(|v| v.bytes).sum();
        if webp >= copies {
            image.webp.clear();
        }
    }
    let largest = image.copies.last().map(|v| (v.width, v.height));
    (image.width, image.height) = largest.unwrap_or(size);
    Ok(image)
}

/// Each processed image's `<img src="…"` given its copies, size and lazy loading.
fn rewrite_pages(site: &mut Site, images: &BTreeMap<String, Responsive>) {
    let base = site.config.base_path.clone();
    let documents = site
        .sections
        .par_iter_mut()
        .map(|s| &mut s.doc)
        .chain(site.pages.par_iter_mut().map(|p| &mut p.doc));
    documents.for_each(|doc| {
        if doc.rendered.images.is_empty() {
            return;
        }
        let mut html = doc.rendered.html.to_string();
        let mut changed = false;
        for image in &doc.rendered.images {
            if let Some(responsive) = images.get(&image.src) {
                changed |= rewrite_img(&mut html, &image.src, responsive, &base);
            }
        }
        if changed {
            std::sync::Arc::make_mut(&mut doc.rendered).html = html.into();
        }
    });
}

/// Rewrites every not yet rewritten `<img src="{src}"` of `html`.
fn rewrite_img(html: &mut String, src: &str, image: &Responsive, base: &str) -> bool {
    let needle = format!("<img src=\"{src}\"");
    let mut changed = false;
    let mut from = 0;
    while let Some(at) = html[from..].find(&needle).map(|i| i + from) {
        let end = html[at..].find('>').map_or(html.len(), |i| at + i + 1);
        let rest = &html[at + needle.len()..end];
        let sizes = format!(
            " width=\"{}\" height=\"{}\" loading=\"lazy\" decoding=\"async\"",
            image.width, image.height
        );
        let tag = match image.copies.last() {
            None => format!("{needle}{sizes}{rest}"),
            Some(largest) => format!(
                "<img src=\"{base}{}\" srcset=\"{}\" sizes=\"{SIZES}\"{sizes}{rest}",
                largest.output,
                srcset(&image.copies, base)
            ),
        };
        let tag = if image.webp.is_empty() {
            tag
        } else {
            format!(
                "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\">{tag}</picture>",
                srcset(&image.webp, base)
            )
        };
        html.replace_range(at..end, &tag);
        from = at + tag.len();
        changed = true;
    }
    changed
}

fn srcset(variants: &[Variant], base: &str) -> String {
    variants
        .iter()
        .map(|v| format!("{base}{} {}w", v.output, v.width))
        .collect::<Vec<_>>()
        .join(", ")
}
