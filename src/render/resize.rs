//! Zola's `resize_image` template function: the image work is `images::resize`'s; here
//! only its arguments read from Tera and its result handed back.

use tera::{Kwargs, State};

use super::templates::Resized;
use crate::load::config::Config;
use crate::messages::Site as Text;
use crate::tr;

/// Zola's `resize_image(path, width, height, op, format, quality)`, returning `url`,
/// `static_path`, `width`, `height`, `orig_width`, `orig_height`.
pub(super) fn function(
    config: &Config,
    resized: Resized,
) -> impl Fn(Kwargs, &State) -> tera::TeraResult<tera::Value> + Send + Sync + 'static {
    use crate::images::resize::{self, Failure, Op, Request};
    let root = config.root.clone();
    let base_path = config.base_path.clone();
    move |kwargs: Kwargs, _: &State| {
        let path: &str = kwargs.must_get("path")?;
        let op: &str = kwargs.get("op")?.unwrap_or("fill");
        let bad = |e: String| tera::Error::message(tr!(Text::ResizeImageBad, e));
        let request = Request {
            path,
            width: kwargs.get("width")?,
            height: kwargs.get("height")?,
            op: Op::parse(op).ok_or_else(|| {
                bad(format!(
                    "op = \"{op}\": scale, fit_width, fit_height, fit, fill"
                ))
            })?,
            format: kwargs.get("format")?.unwrap_or("auto"),
            quality: kwargs
                .get::<u8>("quality")?
                .unwrap_or(crate::images::process::DEFAULT_QUALITY),
        };
        match resize::resize_image(&root, &base_path, &request) {
            Ok(image) => {
                if let Ok(mut files) = resized.lock() {
                    files.insert(image.static_path.clone(), image.cached.clone());
                }
                Ok(tera::Value::from_serializable(&image))
            }
            Err(Failure::NotFound) => {
                Err(tera::Error::message(tr!(Text::ResizeImageMissing, path)))
            }
            Err(Failure::Bad(e)) => Err(bad(e)),
        }
    }
}
