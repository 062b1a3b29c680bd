//! Embeds the senda theme (`themes/senda/`) in the binary for `senda init`: a list of
//! `(path, bytes)` written to `$OUT_DIR/theme_files.rs`. Generated rather than written by
//! hand so a file added to the theme is never left out of new sites.

// A build script is its own crate: crate::fs is not available here.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};

fn main() {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/senda");
    println!("cargo::rerun-if-changed={}", theme.display());
    let mut files = Vec::new();
    collect(&theme, &theme, &mut files);
    files.sort();
    let mut out = String::from("&[\n");
    for (relative, absolute) in files {
        out.push_str(&format!(
            "    ({relative:?}, include_bytes!({:?}) as &[u8]),\n",
            absolute.display().to_string()
        ));
    }
    out.push_str("]\n");
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dest.join("theme_files.rs"), out).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).expect("themes/senda is readable");
    for entry in entries {
        let path = entry.expect("themes/senda is readable").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Editor leftovers and hidden files are no part of the theme.
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).expect("under the theme");
            let relative = relative.to_string_lossy().replace('\\', "/");
            files.push((relative, path));
        }
    }
}
