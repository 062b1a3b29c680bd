//! What a URL written in a page points at, read as a browser would from that page's
//! folder: a file of the site (its output path and fragment), an external address, or
//! somewhere a static site cannot reach.

use crate::render::urls::Base;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An output path (`guias/que-es/`, `guias/ficha.pdf`, `""` for the root folder),
    /// percent-decoded, and its fragment.
    Internal {
        path: String,
        anchor: Option<String>,
    },
    /// An `http(s)` address outside the site.
    External(String),
    /// Above the site's root folder (`../../../x`), or on the site's host outside its
    /// base path (`/otro/` for a site at `/portal/`): no file of this site.
    Outside,
    /// Nothing to check: `mailto:`, `tel:`, `data:`, an empty value.
    Skip,
}

/// `url` as read from a page in the output folder `from_dir` (`guias/que-es/`, `""`).
pub fn classify(url: &str, from_dir: &str, base: Base) -> Target {
    let url = url.trim();
    if url.is_empty() {
        return Target::Skip;
    }
    let (rest, anchor) = match url.split_once('#') {
        Some((rest, anchor)) => (rest, Some(decode(anchor)).filter(|a| !a.is_empty())),
        None => (url, None),
    };
    let bare_base = base.url.trim_end_matches('/');
    let site_path = if let Some(path) = rest.strip_prefix(base.url) {
        path.to_string()
    } else if rest == bare_base || rest.starts_with(&format!("{bare_base}?")) {
        String::new()
    } else if let Some(scheme) = scheme(rest) {
        return match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" => Target::External(url.to_string()),
            _ => Target::Skip,
        };
    } else if rest.starts_with("//") {
        return Target::External(format!("https:{url}"));
    } else if let Some(absolute) = rest.strip_prefix('/') {
        let base_path = base.path.trim_start_matches('/');
        match absolute.strip_prefix(base_path) {
            Some(path) => path.to_string(),
            None if format!("{absolute}/") == base_path => String::new(),
            None => return Target::Outside,
        }
    } else {
        format!("{from_dir}{rest}")
    };
    let path = site_path.split(['?']).next().unwrap_or("");
    match normalize(path) {
        Some(path) => Target::Internal {
            path: decode(&path),
            anchor,
        },
        None => Target::Outside,
    }
}

/// The scheme of an absolute URL (`https`, `mailto`), if it has one.
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)))
        .then_some(scheme)
}

/// `a/./b/../c/` to `a/c/`; `None` when `..` climbs above the root.
fn normalize(path: &str) -> Option<String> {
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *part {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            segment => segments.push(segment),
        }
        // A path ending in `/`, `.` or `..` names a folder.
        if last && matches!(*part, "" | "." | "..") && !segments.is_empty() {
            return Some(format!("{}/", segments.join("/")));
        }
    }
    Some(segments.join("/"))
}

/// Percent-decoding, as the server and the file system see the name; bytes that are not
/// UTF-8 are kept encoded.
fn decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) if bytes[i] == b'%' => {
                out.push(byte);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PORTAL: Base = Base {
        url: "https://x.org/portal/",
        path: "/portal/",
    };

    fn internal(path: &str, anchor: Option<&str>) -> Target {
        Target::Internal {
            path: path.to_string(),
            anchor: anchor.map(str::to_string),
        }
    }

    #[test]
    fn relative_urls_resolve_from_the_page_folder() {
        let dir = "guias/que-es/";
        assert_eq!(
            classify("foto.jpg", dir, PORTAL),
            internal("guias/que-es/foto.jpg", None)
        );
        assert_eq!(
            classify("../visita/#antes", dir, PORTAL),
            internal("guias/visita/", Some("antes"))
        );
        assert_eq!(classify("../..", dir, PORTAL), internal("", None));
        assert_eq!(classify("./", dir, PORTAL), internal("guias/que-es/", None));
        assert_eq!(
            classify("#ciclo", dir, PORTAL),
            internal("guias/que-es/", Some("ciclo"))
        );
        assert_eq!(
            classify("Ficha%20de%20observaci%C3%B3n.pdf?v=2", "", PORTAL),
            internal("Ficha de observación.pdf", None)
        );
        assert_eq!(classify("../../../x", dir, PORTAL), Target::Outside);
    }

    #[test]
    fn absolute_urls_are_the_site_only_under_its_base() {
        assert_eq!(
            classify("/portal/guias/", "a/", PORTAL),
            internal("guias/", None)
        );
        assert_eq!(classify("/portal", "a/", PORTAL), internal("", None));
        assert_eq!(
            classify("https://x.org/portal/senda.css", "", PORTAL),
            internal("senda.css", None)
        );
        assert_eq!(classify("/otro/", "", PORTAL), Target::Outside);
        assert_eq!(
            classify("https://minedu.gob.pe/", "", PORTAL),
            Target::External("https://minedu.gob.pe/".into())
        );
        assert_eq!(
            classify("//cdn.org/a.js", "", PORTAL),
            Target::External("https://cdn.org/a.js".into())
        );
        for skipped in [
            "mailto:ie@x.org",
            "tel:+51",
            "data:image/png;base64,AA",
            "javascript:0",
            " ",
        ] {
            assert_eq!(classify(skipped, "", PORTAL), Target::Skip, "{skipped}");
        }
    }
}
