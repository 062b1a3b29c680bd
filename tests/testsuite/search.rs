//! The search index (`build_search_index = true`): what it holds, what it must never hold,
//! and the search box the bundled theme shows with it.

use serde_json::Value;

use crate::util::{PRIVATE_VALUES, TestSite};

/// Turns the search index on: the key goes before any `[table]` of site.toml.
fn enable_search(site: &TestSite) {
    let config = std::fs::read_to_string(site.path("site.toml")).expect("read site.toml");
    site.write("site.toml", format!("build_search_index = true\n{config}"));
}

/// The value a search index script holds: `window.sendaSearchIndex = V;` for the root,
/// `sendaSearchShard("NAME", V);` for a shard named NAME.
fn script_value(script: &str, name: Option<&str>) -> Value {
    let json = match name {
        None => script
            .strip_prefix("window.sendaSearchIndex = ")
            .and_then(|s| s.strip_suffix(";\n")),
        Some(name) => script
            .strip_prefix(&format!("sendaSearchShard(\"{name}\", "))
            .and_then(|s| s.strip_suffix(");\n")),
    };
    let json =
        json.unwrap_or_else(|| panic!("not an index script: {}", &script[..script.len().min(80)]));
    serde_json::from_str(json).expect("the index is JSON")
}

/// The whole index, read from the root and every shard, as one object: the root's fields
/// and `docs`, `terms` and `postings` gathered from the shards in order.
fn index_of(site: &TestSite) -> Value {
    let mut index = script_value(&site.output("search-index.js"), None);
    let shards = index["shards"].as_array().expect("shards").len();
    let (mut terms, mut postings, mut docs) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..shards {
        let shard = script_value(
            &site.output(&format!("search-index/t/{i}.js")),
            Some(&format!("t{i}")),
        );
        // The root names each shard by its first term.
        assert_eq!(shard[0][0], index["shards"][i], "shard {i}");
        let shard_terms = shard[0].as_array().expect("terms");
        assert_eq!(shard_terms.last(), Some(&index["last"][i]), "shard {i}");
        terms.extend(shard[0].as_array().expect("terms").iter().cloned());
        postings.extend(shard[1].as_array().expect("postings").iter().cloned());
    }
    let per = index["per"].as_u64().expect("per") as usize;
    let count = index["docs"].as_u64().expect("docs") as usize;
    for i in 0..count.div_ceil(per) {
        let shard = script_value(
            &site.output(&format!("search-index/d/{i}.js")),
            Some(&format!("d{i}")),
        );
        docs.extend(shard.as_array().expect("docs").iter().cloned());
    }
    assert_eq!(docs.len(), count, "the document shards hold every document");
    assert_eq!(terms.len(), postings.len());
    index["terms"] = Value::Array(terms);
    index["postings"] = Value::Array(postings);
    index["docs"] = Value::Array(docs);
    index
}

/// Every search index file of the built site, one after the other: what could leak.
pub fn index_text(site: &TestSite) -> String {
    let mut text = site.output("search-index.js");
    let dir = site.path("public/search-index");
    for file in crate::util::snapshot(&dir) {
        text.push_str(&String::from_utf8(file.1).expect("UTF-8"));
    }
    text
}

fn docs(index: &Value) -> Vec<Vec<String>> {
    index["docs"]
        .as_array()
        .expect("docs")
        .iter()
        .map(|d| {
            d.as_array()
                .expect("doc")
                .iter()
                .map(|f| f.as_str().expect("string").to_string())
                .collect()
        })
        .collect()
}

fn terms(index: &Value) -> Vec<String> {
    index["terms"]
        .as_array()
        .expect("terms")
        .iter()
        .map(|t| t.as_str().expect("term").to_string())
        .collect()
}

/// The documents a term's postings name, decoded from their differences.
fn documents_with(index: &Value, term: &str) -> Vec<String> {
    let at = terms(index)
        .binary_search(&term.to_string())
        .unwrap_or_else(|_| panic!("no term `{term}`"));
    let docs = docs(index);
    let mut doc = 0;
    index["postings"][at]
        .as_array()
        .expect("postings")
        .chunks(2)
        .map(|pair| {
            doc += pair[0].as_u64().expect("doc") as usize;
            docs[doc][0].clone()
        })
        .collect()
}

#[test]
fn no_index_unless_the_site_asks_for_one() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    assert!(!site.output_exists("search-index.js"));
}

#[test]
fn every_page_and_section_is_indexed_with_its_url_title_and_section() {
    let site = TestSite::fixture("basic");
    enable_search(&site);
    site.build().assert_ok();
    let index = index_of(&site);
    assert_eq!(index["v"], 2);
    let docs = docs(&index);
    let urls: Vec<&str> = docs.iter().map(|d| d[0].as_str()).collect();
    // Sections, then pages, in site order; URLs relative to the site root, without the
    // base path (`/portal/`), which search.js finds from its own address.
    assert_eq!(
        urls,
        [
            "",
            "guias/",
            "guias/avanzado/",
            "guias/acompanamiento-entre-pares/",
            "guias/avanzado/mentoria/",
            "guias/que-es/",
            "guias/visita/",
            "guias/zeta/",
        ]
    );
    let que_es = docs
        .iter()
        .find(|d| d[0] == "guias/que-es/")
        .expect("que-es");
    assert_eq!(que_es[1], "¿Qué es el acompañamiento?");
    assert_eq!(que_es[2], "Guías");
    assert!(que_es[3].starts_with("Definición. Definición Texto con énfasis."));
    // The home page and top-level sections show no section.
    assert_eq!(docs[1][2], "");

    // Headings are indexed, folded and stemmed: "Evaluación formativa" is a heading there.
    assert_eq!(documents_with(&index, "evalu"), ["guias/que-es/"]);
    let terms = terms(&index);
    assert!(terms.windows(2).all(|t| t[0] < t[1]), "terms are sorted");
    assert!(
        terms
            .iter()
            .all(|t| t.bytes().all(|b| b.is_ascii_alphanumeric()))
    );
    for stop in ["de", "la", "el", "y"] {
        assert!(
            !terms.contains(&stop.to_string()),
            "stop word {stop} indexed"
        );
    }
    // Drafts are not built, so not indexed either.
    assert!(!index_text(&site).contains("Todavía"));
}

/// A first search loads the root, so it holds no document text: only the shards' first
/// terms, the stop words and the counts.
#[test]
fn the_root_holds_no_document_text() {
    let site = TestSite::fixture("basic");
    enable_search(&site);
    site.build().assert_ok();
    let root = site.output("search-index.js");
    let index = index_of(&site);
    for doc in docs(&index) {
        assert!(
            !root.contains(&doc[1]),
            "the title {} is in the root",
            doc[1]
        );
    }
    let keys = index["shards"].as_array().expect("shards");
    assert!(!keys.is_empty());
    assert!(
        keys.windows(2).all(|k| k[0].as_str() < k[1].as_str()),
        "sorted"
    );
    // Shards are named by position, documents one per shard.
    assert_eq!(index["per"], 1);
    assert!(site.output_exists("search-index/d/0.js"));
    assert!(!site.output_exists(&format!("search-index/d/{}.js", docs(&index).len())));
}

#[test]
fn rebuilding_gives_the_same_index() {
    let site = TestSite::fixture("plans");
    enable_search(&site);
    site.build().assert_ok();
    let first = index_text(&site);
    site.build().assert_ok();
    assert_eq!(index_text(&site), first);
}

#[test]
fn plans_are_indexed_from_public_data_only() {
    let site = TestSite::fixture("privacy").with_bundled_theme();
    enable_search(&site);
    site.build().assert_ok();
    let index = index_of(&site);
    let docs = docs(&index);
    let plan = docs
        .iter()
        .find(|d| d[0] == "planes/ie-zeta-2024/")
        .expect("the plan is indexed");
    // The section is the title of content/planes/_index.md.
    assert_eq!(plan[2], "Planes");
    assert!(plan[3].contains("Zeta"), "{}", plan[3]);

    let folded_script = senda::search::fold(&index_text(&site));
    // Masked teachers' names (in the plan file) and the private follow-up file, and pieces
    // of its phrases, since an index holds words, not whole sentences.
    let pieces = ["Retroalimenta con preguntas", "metacognicion"];
    for private in PRIVATE_VALUES.into_iter().chain(pieces) {
        assert!(
            !folded_script.contains(&senda::search::fold(private)),
            "{private} leaked into the search index"
        );
    }
    let terms = terms(&index);
    for term in [
        "zacari", "quelopan", "urquiz", "filomen", "xochitl", "barrient",
    ] {
        assert!(!terms.contains(&term.to_string()), "{term} indexed");
    }
}

#[test]
fn the_bundled_theme_shows_the_search_box_only_with_an_index() {
    let site = TestSite::fixture("privacy").with_bundled_theme();
    site.build().assert_ok();
    let page = site.output("estrategias/visita-en-aula/index.html");
    assert!(!page.contains("site-search"));
    assert!(!page.contains("search.js"));

    enable_search(&site);
    site.build().assert_ok();
    let page = site.output("estrategias/visita-en-aula/index.html");
    // Hidden until search.js runs: without JavaScript there is nothing to search with.
    assert!(page.contains("<form class=\"site-search\" role=\"search\" hidden>"));
    assert!(page.contains("<label for=\"buscar-campo\">"));
    assert!(page.contains("<input type=\"search\" id=\"buscar-campo\""));
    assert!(page.contains("<div id=\"buscar-resultados\" hidden>"));
    assert!(page.contains("aria-live=\"polite\""));
    assert!(page.contains("search.js\" defer></script>"));
    assert!(site.output_exists("search.js"));
    assert!(site.output_exists("search.css"));
}

#[test]
fn a_misspelt_key_is_reported() {
    let site = TestSite::fixture("basic");
    let config = std::fs::read_to_string(site.path("site.toml")).expect("read site.toml");
    site.write("site.toml", format!("build_search_indx = true\n{config}"));
    site.build().assert_failure(
        r#"error: unknown key `build_search_indx`
 --> site.toml:1:1
  |
1 | build_search_indx = true
  | ^^^^^^^^^^^^^^^^^
  = help: did you mean `build_search_index`?

1 error found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn a_static_file_cannot_take_the_index_place() {
    let site = TestSite::fixture("basic");
    enable_search(&site);
    site.write("static/search-index.js", "// mine\n");
    site.build()
        .assert_failure(r#"error: two files would be written to `search-index.js`: a rendered page and static/search-index.js
  = help: rename or remove one of them

1 error found; nothing was written, the previous output is unchanged
"#);
}
