//! `resize_image`, as Zola's: a template asks for one image at a size, and gets its URL and
//! size back. The result is made at once (templates render in parallel) into the same
//! cache folder as the pages' images, and published from there.

use std::path::{Component, Path, PathBuf};

use super::process::{self, Format, Source};
use crate::cache::hash_of;

/// How `width` and `height` are applied, with Zola's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// Exactly `width`×`height`, the aspect ratio ignored.
    Scale,
    FitWidth,
    FitHeight,
    /// Within `width`×`height`, the aspect ratio kept, never enlarged.
    Fit,
    /// `width`×`height` filled, the aspect ratio kept, the overflow cut off the centre.
    Fill,
}

impl Op {
    pub fn parse(op: &str) -> Option<Op> {
        Some(match op {
            "scale" => Op::Scale,
            "fit_width" => Op::FitWidth,
            "fit_height" => Op::FitHeight,
            "fit" => Op::Fit,
            "fill" => Op::Fill,
            _ => return None,
        })
    }
}

/// What `resize_image` asks for.
pub struct Request<'a> {
    pub path: &'a str,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub op: Op,
    /// `auto` (the source's format), `jpg`, `png` or `webp`.
    pub format: &'a str,
    pub quality: u8,
}

/// What a template gets back, in Zola's names.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Resized {
    pub url: String,
    /// Relative to the output folder: `processed_images/<hash>-<w>x<h>.jpg`.
    pub static_path: String,
    pub width: u32,
    pub height: u32,
    pub orig_width: u32,
    pub orig_height: u32,
    /// Where the file is kept, for publishing it.
    #[serde(skip)]
    pub cached: PathBuf,
}

/// Why a request failed: the file was not found, or the request or the image is wrong.
pub enum Failure {
    NotFound,
    Bad(String),
}

/// The file `path` names, looked for as Zola does: from the site's root, then `static/`,
/// then `content/`. A path that climbs out (`..`) names nothing.
pub fn find(root: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    ["", "static", "content"]
        .iter()
        .map(|dir| root.join(dir).join(relative))
        .find(|candidate| candidate.is_file())
}

pub fn resize_image(root: &Path, base_path: &str, request: &Request) -> Result<Resized, Failure> {
    let path = find(root, request.path).ok_or(Failure::NotFound)?;
    let bad = |e: &dyn std::fmt::Display| Failure::Bad(e.to_string());
    let format = match request.format {
        "auto" => Format::of_source(&path).unwrap_or(Format::Jpeg),
        "jpg" | "jpeg" => Format::Jpeg,
        "png" => Format::Png,
        "webp" => Format::Webp,
        other => {
            return Err(Failure::Bad(format!(
                "format = \"{other}\": auto, jpg, png, webp"
            )));
        }
    };
    let source = Source::read(&path).map_err(|e| bad(&e))?;
    let (orig_width, orig_height) = source.dimensions().map_err(|e| bad(&e))?;
    let (width, height, crop) = target(request, (orig_width, orig_height))?;
    let key = hash_of(&(source.hash, crop));
    let mut full = || {
        let image = source.decode()?;
        Ok(match crop {
            Some((x, y, w, h)) => image.crop_imm(x, y, w, h),
            None => image,
        })
    };
    let cache_dir = root.join(process::CACHE_DIR);
    let variant = process::variant(
        &cache_dir,
        key,
        (width, height),
        format,
        request.quality,
        &mut full,
    )
    .map_err(|e| bad(&e))?;
    Ok(Resized {
        url: format!("{base_path}{}", variant.output),
        static_path: variant.output,
        width,
        height,
        orig_width,
        orig_height,
        cached: variant.cached,
    })
}

type Crop = Option<(u32, u32, u32, u32)>;

/// The result's size, and for `fill` the part of the source kept.
fn target(request: &Request, (w, h): (u32, u32)) -> Result<(u32, u32, Crop), Failure> {
    let need = |v: Option<u32>, name: &str| {
        v.filter(|v| *v > 0)
            .ok_or_else(|| Failure::Bad(format!("op = \"{:?}\" needs {name} > 0", request.op)))
    };
    let ratio_h = |nw: u32| process::scaled_height((w, h), nw);
    let ratio_w = |nh: u32| process::scaled_height((h, w), nh);
    Ok(match request.op {
        Op::Scale => (
            need(request.width, "width")?,
            need(request.height, "height")?,
            None,
        ),
        Op::FitWidth => {
            let nw = need(request.width, "width")?;
            (nw, ratio_h(nw), None)
        }
        Op::FitHeight => {
            let nh = need(request.height, "height")?;
            (ratio_w(nh), nh, None)
        }
        Op::Fit => {
            let (bw, bh) = (
                need(request.width, "width")?,
                need(request.height, "height")?,
            );
            if w <= bw && h <= bh {
                (w, h, None)
            } else if u64::from(w) * u64::from(bh) > u64::from(h) * u64::from(bw) {
                (bw, ratio_h(bw), None)
            } else {
                (ratio_w(bh), bh, None)
            }
        }
        Op::Fill => {
            let (fw, fh) = (
                need(request.width, "width")?,
                need(request.height, "height")?,
            );
            // The largest part of the source with the asked ratio, centred.
            let (cw, ch) = if u64::from(w) * u64::from(fh) > u64::from(h) * u64::from(fw) {
                (process::scaled_height((fh, fw), h).min(w), h)
            } else {
                (w, process::scaled_height((fw, fh), w).min(h))
            };
            (fw, fh, Some(((w - cw) / 2, (h - ch) / 2, cw, ch)))
        }
    })
}
