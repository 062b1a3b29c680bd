//! Offline reading (`offline = true` in site.toml): `sw.js`, the service worker, and
//! `offline.js`, which the theme's pages load to register it and mark a page kept. Written
//! only when asked for, so a site without it carries no trace of it.

use crate::load::config::Config;
use crate::write::{CopiedFile, OutputFile};

const SERVICE_WORKER: &str = include_str!("offline/sw.js");
const REGISTER: &str = include_str!("offline/offline.js");

/// The words of the page shown for a page not read yet, if the theme has none.
const DEFAULTS: [(&str, &str); 3] = [
    ("offline_title", "Sin conexión"),
    (
        "offline_text",
        "Esta página todavía no está guardada en este dispositivo: ábrala una vez con conexión para leerla después sin internet.",
    ),
    ("offline_home", "Ir a la página de inicio"),
];

/// `sw.js` and `offline.js` at the site's root. The worker fetches, at install, the home
/// page, the search index and the theme's and site's styles, scripts and icons at the root
/// of `static/` (`copies`), so any page read later shows as designed.
pub fn files(config: &Config, copies: &[CopiedFile]) -> Vec<OutputFile> {
    let mut precache = vec!["./".to_string(), "offline.js".to_string()];
    if config.build_search_index {
        precache.push(crate::search::ROOT_FILE.to_string());
    }
    let assets = copies
        .iter()
        .map(|c| &c.to)
        .filter(|to| !to.contains('/') && [".css", ".js", ".svg"].iter().any(|e| to.ends_with(e)));
    precache.extend(assets.cloned());
    let word = |key: &str| {
        let fallback = DEFAULTS.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        config
            .strings
            .get(key)
            .map(String::as_str)
            .or(fallback)
            .unwrap_or_default()
    };
    let settings = serde_json::json!({
        "precache": precache,
        "lang": config.language,
        "title": word("offline_title"),
        "text": word("offline_text"),
        "home": word("offline_home"),
    });
    // JSON is a JavaScript expression; `<` is escaped so no string can close a script.
    let settings = settings.to_string().replace('<', "\\u003c");
    let worker = SERVICE_WORKER.replacen("/*SETTINGS*/{}", &settings, 1);
    vec![
        OutputFile::new("sw.js".to_string(), worker.into_bytes()),
        OutputFile::new("offline.js".to_string(), REGISTER.as_bytes().to_vec()),
    ]
}
