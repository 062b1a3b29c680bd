//! Redirect pages, as Zola writes them: a page's or section's `aliases` (old addresses that now lead
//! to it), a section's `redirect_to`, and `<section>/page/1/` of a paginated section.
//!
//! Each is a small HTML page with a `meta refresh` and a link, both relative to the
//! redirect's own file, so they work under any base path and from `file://`.

use crate::load::config::Config;
use crate::model::Site;
use crate::write::OutputFile;

pub(super) fn files(site: &Site) -> Vec<OutputFile> {
    let config = &site.config;
    let mut files = Vec::new();
    for doc in site.documents() {
        for alias in &doc.meta.aliases {
            files.push(redirect(config, &alias_output(alias), &doc.path));
        }
    }
    for section in &site.sections {
        let keys = &section.doc.meta.section;
        let output = format!("{}index.html", section.doc.path);
        if let Some(to) = &keys.redirect_to {
            files.push(redirect(config, &output, to));
        } else if keys.render && keys.paginate_by.is_some() {
            let pager = format!("{}page/1/index.html", section.doc.path);
            files.push(redirect(config, &pager, &section.doc.path));
        }
    }
    files
}

/// `old/address` and `/old/address/` are folders (`old/address/index.html`); an alias
/// ending in `.html` names the file itself, as in Zola.
fn alias_output(alias: &str) -> String {
    let alias = alias.trim_start_matches('/');
    if alias.ends_with(".html") {
        alias.to_string()
    } else {
        format!("{}/index.html", alias.trim_end_matches('/'))
    }
}

/// A page at `output` that sends the reader to `to`: a site path, or a whole `http(s)` URL.
fn redirect(config: &Config, output: &str, to: &str) -> OutputFile {
    let (href, canonical) = if to.contains("://") {
        (to.to_string(), to.to_string())
    } else {
        let path = to.trim_start_matches('/');
        (super::urls::relative(output, path), config.permalink(path))
    };
    let href = escape(&href);
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{canonical}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n\
         <body>\n<p><a href=\"{href}\">{canonical}</a></p>\n</body>\n</html>\n",
        lang = escape(&config.language),
        canonical = escape(&canonical),
    );
    OutputFile::new(output.to_string(), html.into_bytes())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_name_folders_unless_html_files() {
        assert_eq!(alias_output("/viejo/url/"), "viejo/url/index.html");
        assert_eq!(alias_output("viejo/url"), "viejo/url/index.html");
        assert_eq!(alias_output("viejo.html"), "viejo.html");
    }
}
