//! The editor's page and its assets, all compiled in: no network, no CDN. One shell serves
//! the list and every plan's form; it carries the process's token and the theme's
//! `editor_` strings, and the script builds the page from the API.

use std::collections::BTreeMap;
use std::path::Path;

use crate::load::config::{Config, Overrides};

const SHELL: &str = include_str!("assets/editor.html");
/// The script is written in three files, each under 500 lines (the core and the list of
/// plans; the form's building blocks and people; the other parts and saving), served as one.
pub const SCRIPT: &str = concat!(
    include_str!("assets/editor.js"),
    include_str!("assets/editor-form.js"),
    include_str!("assets/editor-page.js")
);
pub const STYLE: &str = include_str!("assets/editor.css");

/// The shell page, with `token` and the `editor_` strings of the site's theme (with the
/// site's overrides); none if `site.toml` cannot be read now (the build reports why).
pub fn shell(root: &Path, token: &str) -> String {
    let strings: BTreeMap<String, String> = Config::load(root, &Overrides::default())
        .map(|config| config.strings)
        .unwrap_or_default()
        .into_iter()
        .filter(|(key, _)| key.starts_with("editor_"))
        .collect();
    SHELL
        .replace("{{TOKEN}}", token)
        .replace("{{STRINGS}}", &script_json(&strings))
}

/// JSON that cannot end its `<script>` element nor open a comment in it.
fn script_json(strings: &BTreeMap<String, String>) -> String {
    serde_json::to_string(strings)
        .unwrap_or_else(|_| "{}".to_string())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_cannot_break_out_of_their_script() {
        let strings = BTreeMap::from([(
            "editor_x".to_string(),
            "</script><script>alert(1)</script> & <!--".to_string(),
        )]);
        let json = script_json(&strings);
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        let back: BTreeMap<String, String> = serde_json::from_str(&json).expect("json");
        assert_eq!(back, strings);
    }
}
