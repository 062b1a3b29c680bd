//! One source image decoded once, resized and encoded, each result kept in the cache
//! folder under a name made of the source's content hash and the operation, so a rebuild
//! (or another page using the same photo) finds it there and decodes nothing.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageReader};

use crate::cache::hash_of;

/// The folder, under the site's root, that keeps processed images between builds.
pub const CACHE_DIR: &str = ".senda-cache/imagenes";
/// The output folder processed images are published in, as Zola names it.
pub const OUTPUT_DIR: &str = "processed_images";
/// JPEG quality when none is asked for (Zola's default).
pub const DEFAULT_QUALITY: u8 = 75;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    /// The format a source is kept in when none is asked for: a photo stays a JPEG, a
    /// drawing (which may be transparent) a PNG.
    pub fn of_source(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            _ => None,
        }
    }
}

/// A source image's bytes and what they hash to.
pub struct Source {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub hash: u64,
}

impl Source {
    pub fn read(path: &Path) -> std::io::Result<Source> {
        let bytes = std::fs::read(path)?;
        let hash = hash_of(&bytes);
        Ok(Source {
            path: path.to_path_buf(),
            bytes,
            hash,
        })
    }

    /// Width and height as the photo is seen (a phone's EXIF rotation applied), read from
    /// the header only.
    pub fn dimensions(&self) -> image::ImageResult<(u32, u32)> {
        let mut decoder = ImageReader::new(Cursor::new(&self.bytes))
            .with_guessed_format()?
            .into_decoder()?;
        let (width, height) = decoder.dimensions();
        let turned = matches!(
            decoder.orientation()?,
            image::metadata::Orientation::Rotate90
                | image::metadata::Orientation::Rotate270
                | image::metadata::Orientation::Rotate90FlipH
                | image::metadata::Orientation::Rotate270FlipH
        );
        Ok(if turned {
            (height, width)
        } else {
            (width, height)
        })
    }

    /// The whole image, upright.
    pub fn decode(&self) -> image::ImageResult<DynamicImage> {
        let mut decoder = ImageReader::new(Cursor::new(&self.bytes))
            .with_guessed_format()?
            .into_decoder()?;
        let orientation = decoder.orientation()?;
        let mut image = DynamicImage::from_decoder(decoder)?;
        image.apply_orientation(orientation);
        Ok(image)
    }
}

/// One processed file: where it is kept, its published name and its size.
#[derive(Debug, Clone)]
pub struct Variant {
    pub cached: PathBuf,
    /// Relative to the output folder: `processed_images/<hash>-<w>x<h>.jpg`.
    pub output: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
}

/// The name a result is kept and published under: the source's hash and every parameter
/// that shaped it, so a changed photo or quality never reuses an old file.
pub fn variant_name(source: u64, width: u32, height: u32, format: Format, quality: u8) -> String {
    let key = hash_of(&(source, width, height, format, quality));
    format!("{key:016x}-{width}x{height}.{}", format.extension())
}

/// The `width`×`height` result of `image` in `format`, from the cache folder or made and
/// put there. `image` is only called when the result is not in the cache. `key` is the
/// source's hash, with whatever else shapes `image` (a crop) hashed in.
pub fn variant(
    cache_dir: &Path,
    key: u64,
    (width, height): (u32, u32),
    format: Format,
    quality: u8,
    image: &mut dyn FnMut() -> image::ImageResult<DynamicImage>,
) -> std::io::Result<Variant> {
    let name = variant_name(key, width, height, format, quality);
    let cached = cache_dir.join(&name);
    let output = format!("{OUTPUT_DIR}/{name}");
    if let Ok(meta) = std::fs::metadata(&cached) {
        return Ok(Variant {
            cached,
            output,
            width,
            height,
            bytes: meta.len(),
        });
    }
    let full = image().map_err(std::io::Error::other)?;
    let resized = if (full.width(), full.height()) == (width, height) {
        full
    } else {
        full.resize_exact(width, height, FilterType::Triangle)
    };
    let encoded = encode(&resized, format, quality).map_err(std::io::Error::other)?;
    std::fs::create_dir_all(cache_dir)?;
    // Written whole then renamed: two builds at once never read half a file.
    let partial = cache_dir.join(format!(".{name}.{}", std::process::id()));
    std::fs::write(&partial, &encoded)?;
    std::fs::rename(&partial, &cached)?;
    Ok(Variant {
        cached,
        output,
        width,
        height,
        bytes: encoded.len() as u64,
    })
}

/// `image` encoded; a JPEG drops the alpha channel it cannot hold.
pub fn encode(image: &DynamicImage, format: Format, quality: u8) -> image::ImageResult<Vec<u8>> {
    let mut out = Vec::new();
    match format {
        Format::Jpeg => {
            let rgb = DynamicImage::ImageRgb8(image.to_rgb8());
            rgb.write_with_encoder(JpegEncoder::new_with_quality(
                &mut out,
                quality.clamp(1, 100),
            ))?
        }
        Format::Png => image.write_with_encoder(PngEncoder::new_with_quality(
            &mut out,
            CompressionType::Best,
            PngFilter::Adaptive,
        ))?,
        // The image crate writes lossless WebP only: worth it for drawings and screenshots,
        // rarely for photos, so callers keep it only where it is smaller.
        Format::Webp => {
            let rgba = DynamicImage::ImageRgba8(image.to_rgba8());
            rgba.write_with_encoder(WebPEncoder::new_lossless(&mut out))?
        }
    }
    Ok(out)
}

/// The height that keeps the aspect ratio of `width`×`height` at `new_width`.
pub fn scaled_height((width, height): (u32, u32), new_width: u32) -> u32 {
    ((u64::from(height) * u64::from(new_width) + u64::from(width) / 2) / u64::from(width.max(1)))
        .max(1) as u32
}
