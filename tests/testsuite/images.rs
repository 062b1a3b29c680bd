//! Responsive images: a phone photo in a bundle and a drawing in `static/` resized into
//! copies up to the content width, with `srcset`, `width` and `height`; the copies kept
//! in the cache folder by content hash; missing alt text located.

use std::path::Path;

use crate::util::TestSite;

/// A 4000×3000 photo as a phone takes it: smooth light with sensor noise on top, which is
/// what makes a real photo's JPEG large (a flat test pattern would compress to nothing).
/// Made once per test run and shared: encoding 12 megapixels takes a while.
fn phone_photo(path: &Path) {
    static PHOTO: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    std::fs::write(path, PHOTO.get_or_init(make_phone_photo)).expect("write the photo");
}

fn make_phone_photo() -> Vec<u8> {
    let mut state: u32 = 12_345;
    let mut noise = move || {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (state >> 24) as i32 - 128
    };
    // Texture at every scale a downscaled copy keeps: leaves, bricks, cloth (cells of 9 to
    // 60 px in pseudo-random shades), then the grain.
    let cell = |x: u32, y: u32, size: u32| {
        let n = (x / size).wrapping_mul(73_856_093) ^ (y / size).wrapping_mul(19_349_663);
        (n.wrapping_mul(2_654_435_761) >> 26) as i32 - 32
    };
    let photo = image::RgbImage::from_fn(4000, 3000, |x, y| {
        let light = |base: i32, span: u32, of: u32| base + (span * of / 4000) as i32;
        let texture = cell(x, y, 9) / 2 + cell(x + 7, y + 3, 23) + cell(x, y, 60) / 2;
        let mut channel = |v: i32| (v + texture + noise() / 12).clamp(0, 255) as u8;
        image::Rgb([
            channel(light(60, 140, x)),
            channel(light(90, 90, y + x / 3)),
            channel(light(40, 120, 4000 - x)),
        ])
    });
    let mut bytes = Vec::new();
    photo
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut bytes, 90,
        ))
        .expect("encode the photo");
    bytes
}

fn site_with_photo() -> TestSite {
    let site = TestSite::fixture("images").with_bundled_theme();
    phone_photo(&site.path("content/guias/foto-de-aula/foto.jpg"));
    site
}

/// The `srcset` of the first `<img` (or `<source`) of `html` after `from`, as (URL, width).
fn srcset_after(html: &str, from: &str) -> Vec<(String, u32)> {
    let at = html
        .find(from)
        .unwrap_or_else(|| panic!("no `{from}` in {html}"));
    let rest = &html[at..];
    let start = rest.find("srcset=\"").expect("a srcset") + 8;
    let set = &rest[start..start + rest[start..].find('"').expect("closing quote")];
    set.split(", ")
        .map(|candidate| {
            let (url, width) = candidate.split_once(' ').expect("url and width");
            (
                url.to_string(),
                width.trim_end_matches('w').parse().expect("width"),
            )
        })
        .collect()
}

#[test]
fn a_four_megabyte_phone_photo_is_served_under_200_kb_at_360_px() {
    let site = site_with_photo();
    let original = std::fs::metadata(site.path("content/guias/foto-de-aula/foto.jpg"))
        .expect("photo")
        .len();
    assert!(
        original > 3_500_000,
        "the test photo is only {original} bytes"
    );
    site.build().assert_ok();
    let page = site.output("guias/foto-de-aula/index.html");
    let set = srcset_after(&page, "<img src=\"../../processed_images/");
    let widths: Vec<u32> = set.iter().map(|(_, w)| *w).collect();
    assert_eq!(widths, [360, 540, 720], "{page}");
    // The candidate a 360 px wide phone picks, as the browser would fetch it.
    let page_dir = site.path("public/guias/foto-de-aula");
    let phone = std::fs::metadata(page_dir.join(&set[0].0)).expect("the 360 px copy");
    assert!(
        phone.len() <= 200_000,
        "360 px copy is {} bytes",
        phone.len()
    );
    let largest = std::fs::metadata(page_dir.join(&set[2].0)).expect("the 720 px copy");
    assert!(
        largest.len() <= 200_000,
        "720 px copy is {} bytes",
        largest.len()
    );
    assert!(
        page.contains(" width=\"720\" height=\"540\" loading=\"lazy\""),
        "{page}"
    );
    // A photo is no smaller as lossless WebP: no <picture> for it.
    assert!(
        !page.contains("image/webp\" srcset=\"../../processed_images/") || {
            let webp = srcset_after(&page, "<source type=\"image/webp\"");
            webp.iter().all(|(url, _)| !url.ends_with("-360x270.webp"))
        }
    );
    assert!(
        page.contains("src=\"https://imagenes.example.net/logo.png\" alt=\"Logo\""),
        "{page}"
    );
}

#[test]
fn a_drawing_in_static_gets_its_size_and_webp_only_where_smaller() {
    let site = site_with_photo();
    site.build().assert_ok();
    let page = site.output("guias/foto-de-aula/index.html");
    let set = srcset_after(&page, "<img src=\"../../processed_images/");
    let drawing = srcset_after(&page, "alt=\"Docente");
    assert!(!drawing.is_empty() && !set.is_empty());
    let at = page.find("Esquema del ciclo").expect("the drawing's alt");
    let before = &page[..at];
    let tag = &before[before.rfind("<img").expect("its <img")..];
    assert!(tag.contains("width=\"720\" height=\"400\""), "{tag}");
    assert!(tag.contains("-720x400.png 720w"), "{tag}");
    // Flat colours: lossless WebP beats PNG, so the drawing is offered as WebP too.
    let source = before
        .rfind("<source type=\"image/webp\"")
        .expect("a WebP source for the drawing");
    let webp = srcset_after(&page[source..], "<source");
    let pngs = srcset_after(tag, "<img");
    let dir = site.path("public/guias/foto-de-aula");
    let size = |url: &str| std::fs::metadata(dir.join(url)).expect("copy").len();
    let webp: u64 = webp.iter().map(|(u, _)| size(u)).sum();
    let png: u64 = pngs.iter().map(|(u, _)| size(u)).sum();
    assert!(webp < png, "webp {webp} >= png {png}");
}

#[test]
fn a_rebuild_takes_the_copies_from_the_cache_and_a_changed_photo_makes_new_ones() {
    let site = site_with_photo();
    site.build().assert_ok();
    let page = site.output("guias/foto-de-aula/index.html");
    let set = srcset_after(&page, "<img src=\"../../processed_images/");
    let name = set[0].0.rsplit('/').next().expect("file name").to_string();
    let cached = site.path(".senda-cache/imagenes").join(&name);
    assert!(cached.is_file(), "{} is not in the cache", cached.display());
    // Marked in the cache: a rebuild that publishes the mark did not resize again.
    std::fs::write(&cached, b"from the cache").expect("mark");
    site.build().assert_ok();
    let published = site.path("public/processed_images").join(&name);
    assert_eq!(std::fs::read(&published).expect("copy"), b"from the cache");
    // A new photo under the same name is a new source: new copies, new names.
    let mut photo = image::RgbImage::new(1000, 750);
    photo.put_pixel(0, 0, image::Rgb([255, 0, 0]));
    photo
        .save(site.path("content/guias/foto-de-aula/foto.jpg"))
        .expect("new photo");
    site.build().assert_ok();
    let page = site.output("guias/foto-de-aula/index.html");
    let set = srcset_after(&page, "<img src=\"../../processed_images/");
    assert!(set.iter().all(|(url, _)| !url.ends_with(&name)), "{set:?}");
    assert!(page.contains("width=\"720\" height=\"540\""), "{page}");
}

#[test]
fn an_image_without_alt_text_is_a_warning_at_its_line_and_column() {
    let site = site_with_photo();
    site.write(
        "content/guias/foto-de-aula/index.md",
        "+++\ntitle = \"Sin texto\"\n+++\nUna foto:\n\nAntes ![](foto.jpg)\n",
    );
    let run = site.senda(&["check"]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains("warning: the image `foto.jpg` has no alt text\n --> content/guias/foto-de-aula/index.md:6:7\n"),
        "{}",
        run.stderr
    );
    let strict = site.senda(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

/// A page whose template calls `resize_image` with `call`'s arguments.
fn site_with_template(call: &str) -> TestSite {
    let site = TestSite::fixture("images").with_bundled_theme();
    // The bundle's photo, small: every image a page shows must exist (the link check).
    image::RgbImage::new(64, 48)
        .save(site.path("content/guias/foto-de-aula/foto.jpg"))
        .expect("small photo");
    site.write(
        "content/guias/miniatura.md",
        "+++\ntitle = \"Miniatura\"\ntemplate = \"miniatura.html\"\n+++\n",
    );
    site.write(
        "templates/miniatura.html",
        format!(
            "{{% set img = resize_image({call}) %}}<img src=\"{{{{ img.url }}}}\" width=\"{{{{ img.width }}}}\" height=\"{{{{ img.height }}}}\" data-orig=\"{{{{ img.orig_width }}}}x{{{{ img.orig_height }}}}\" data-static=\"{{{{ img.static_path }}}}\">\n"
        ),
    );
    site
}

#[test]
fn resize_image_fills_a_size_as_zola_does_and_publishes_the_result() {
    let site = site_with_template(
        "path=\"img/esquema.png\", width=200, height=100, op=\"fill\", format=\"jpg\", quality=60",
    );
    site.build().assert_ok();
    let page = site.output("guias/miniatura/index.html");
    assert!(
        page.contains("width=\"200\" height=\"100\" data-orig=\"900x500\""),
        "{page}"
    );
    let at = page.find("data-static=\"").expect("static_path") + 13;
    let static_path = &page[at..at + page[at..].find('"').expect("quote")];
    assert!(static_path.starts_with("processed_images/") && static_path.ends_with("-200x100.jpg"));
    assert!(
        page.contains(&format!("src=\"../../{static_path}\"")),
        "{page}"
    );
    let made = image::open(site.path("public").join(static_path)).expect("a JPEG");
    assert_eq!((made.width(), made.height()), (200, 100));
}

#[test]
fn resize_image_fit_width_keeps_the_ratio_and_a_missing_file_is_an_error() {
    let site = site_with_template("path=\"img/esquema.png\", width=300, op=\"fit_width\"");
    site.build().assert_ok();
    let page = site.output("guias/miniatura/index.html");
    assert!(page.contains("width=\"300\" height=\"167\""), "{page}");
    assert!(page.contains("-300x167.png\""), "{page}");

    let site = site_with_template("path=\"img/nada.png\", width=300, op=\"fit_width\"");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "resize_image: `img/nada.png` not found in the site's root, static/ or content/"
        ),
        "{}",
        run.stderr
    );
}
