//! The search index: every section, page and public plan as stemmed terms, written as a
//! small root script, `search-index.js`, and shards of terms and of documents that the
//! theme's `search.js` loads on demand with `<script>` elements (not `fetch`, so search also
//! works in a copy of the site opened from `file://`); see `shards` for the files.
//!
//! Words: the text is lowercased and split on anything that is not a letter or a digit;
//! one-letter words and Spanish stop words are dropped. Each word is stemmed by Snowball
//! Spanish (rust-stemmers) as written, accents included, because Snowball's suffix lists
//! are accented (`-ación`, `-logía`); the stem is then folded to ASCII (deunicode). So
//! "Evaluación", "evaluaciones" and "evaluar" all give the term `evalu`.
//!
//! The browser has no stemmer. It folds the query the same way (NFD, combining marks
//! removed, lowercase) and, for each query word, takes the longest indexed term that is a
//! prefix of it. That works because every term written here is a prefix of the folded word
//! it came from: `term_of` guarantees it, including for Snowball's few rewriting rules.
//!
//! Plans are read only through `PublicPlan`, so private data cannot reach the index.
//!
//! The index, before it is cut into shards, holds:
//!
//! - `stop`: the stop words, folded, so the browser drops them from queries too;
//! - `docs`: `[url, title, section, text]` per document, `url` relative to the site root
//!   (`estrategias/gia/`, `""` for the home page), `text` the first `EXCERPT_CHARS`
//!   characters of the document's plain text, for result excerpts;
//! - `terms`: every term, sorted, so the browser can binary-search prefixes;
//! - `postings`: per term, `[doc, weight, doc, weight…]`, documents ascending and each
//!   `doc` written as the difference from the previous one, to keep the numbers short.

/// Also the plain text of plan prose in `plan.json`.
pub(crate) mod html_text;
mod index;
mod shards;
mod terms;

use rayon::prelude::*;

use crate::model::{Document, ROOT, SectionId, Site, TocEntry};
use crate::plan::paths;
use crate::plan::view::PublicPlan;
use crate::write::OutputFile;
use html_text::collapse_whitespace;
pub use html_text::html_text;
pub use index::EXCERPT_CHARS;
pub use terms::{fold, terms_of};

pub use shards::{ROOT_FILE, SHARD_DIR};

/// A document as the index sees it; a plan's is kept in the build manifest
/// (`write::manifest`), so a plan carried over from the last build is indexed unread.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub struct SearchDoc {
    url: String,
    title: String,
    section: String,
    /// Text whose words count as title hits (a plan's school name besides its title).
    title_text: String,
    headings: Vec<String>,
    /// Plain text, whitespace collapsed.
    body: String,
}

/// The plans of one chunk as the index sees them; the pipeline gathers them chunk by chunk,
/// since it never holds every plan (`plan::for_each_chunk`).
pub fn plan_documents(site: &Site, plans: &[PublicPlan]) -> Vec<SearchDoc> {
    // Plans are listed at /planes/, titled by content/planes/_index.md when there is one.
    let plans_section = site
        .sections
        .iter()
        .find(|s| s.doc.path == paths::INDEX)
        .map_or_else(|| "Planes".to_string(), |s| s.doc.meta.title.clone());
    plans
        .par_iter()
        .map(|p| from_plan(p, &plans_section))
        .collect()
}

/// The index files for the whole site (documents: sections, pages, then plans, in site
/// order).
pub fn index_files(site: &Site, plans: Vec<SearchDoc>) -> Vec<OutputFile> {
    shards::files(&index::build(&documents(site, plans)))
}

fn documents(site: &Site, plans: Vec<SearchDoc>) -> Vec<SearchDoc> {
    // The section a document is listed in; the home page's is not worth showing.
    let section_title = |id: Option<SectionId>| {
        id.filter(|id| *id != ROOT)
            .map(|id| site.sections[id].doc.meta.title.clone())
            .unwrap_or_default()
    };
    // Zola's `in_search_index = false` leaves a section and its own pages out.
    let indexed = |id: SectionId| site.sections[id].doc.meta.section.in_search_index;
    let mut docs: Vec<SearchDoc> = site
        .sections
        .par_iter()
        .enumerate()
        .filter(|(id, _)| indexed(*id))
        .map(|(_, s)| from_document(&s.doc, section_title(s.parent)))
        .chain(
            site.pages
                .par_iter()
                .filter(|p| indexed(p.section))
                .map(|p| from_document(&p.doc, section_title(Some(p.section)))),
        )
        .collect();
    docs.extend(taxonomy_documents(site));
    docs.extend(plans);
    docs
}

/// Each taxonomy's list page and term pages, found by the term's name and by the titles of
/// its pages: a mentor typing "primaria" gets the page of every guide for primary school.
fn taxonomy_documents(site: &Site) -> Vec<SearchDoc> {
    let config = &site.config;
    let mut docs = Vec::new();
    for taxonomy in &site.taxonomies {
        let kind = &config.taxonomies[taxonomy.config];
        if !kind.render {
            continue;
        }
        // The theme's label for the taxonomy (`taxonomy_nivel`), else its name.
        let label = config
            .strings
            .get(&format!("taxonomy_{}", kind.slug))
            .cloned()
            .unwrap_or_else(|| kind.name.clone());
        let names: Vec<&str> = taxonomy.terms.iter().map(|t| t.name.as_str()).collect();
        docs.push(SearchDoc {
            url: taxonomy.path.clone(),
            title: label.clone(),
            section: String::new(),
            title_text: label.clone(),
            headings: Vec::new(),
            body: collapse_whitespace(&names.join(". ")),
        });
        for term in &taxonomy.terms {
            let titles: Vec<&str> = term
                .pages
                .iter()
                .map(|p| site.pages[*p].doc.meta.title.as_str())
                .collect();
            docs.push(SearchDoc {
                url: term.path.clone(),
                title: term.name.clone(),
                section: label.clone(),
                title_text: term.name.clone(),
                headings: Vec::new(),
                body: collapse_whitespace(&titles.join(". ")),
            });
        }
    }
    docs
}

fn from_document(doc: &Document, section: String) -> SearchDoc {
    let mut headings = Vec::new();
    collect_headings(&doc.rendered.toc, &mut headings);
    let mut body = doc.meta.description.clone().unwrap_or_default();
    body.push(' ');
    body.push_str(&html_text(&doc.rendered.html));
    SearchDoc {
        url: doc.path.clone(),
        title: doc.meta.title.clone(),
        section,
        title_text: doc.meta.title.clone(),
        headings,
        body: collapse_whitespace(&body),
    }
}

fn collect_headings(toc: &[TocEntry], into: &mut Vec<String>) {
    for entry in toc {
        into.push(entry.title.clone());
        collect_headings(&entry.children, into);
    }
}

/// A plan's public title, school, objectives, strategies and activities: what a reader
/// looking for a school's plan or for plans that use a strategy would type.
fn from_plan(plan: &PublicPlan, section: &str) -> SearchDoc {
    let school = &plan.institucion.nombre_completo;
    let mut body = vec![format!("{school}.")];
    let objetivos = &plan.objetivos;
    for html in objetivos
        .general
        .iter()
        .chain(&objetivos.especificos)
        .chain(&objetivos.metas)
    {
        body.push(html_text(html));
    }
    for estrategia in &plan.estrategias {
        body.push(format!("{}.", estrategia.nombre));
        if let Some(html) = &estrategia.descripcion {
            body.push(html_text(html));
        }
    }
    for actividad in &plan.actividades {
        body.push(format!("{}.", actividad.nombre));
    }
    SearchDoc {
        url: paths::page(&plan.id),
        title: plan.titulo.clone(),
        section: section.to_string(),
        title_text: format!("{} {school}", plan.titulo),
        headings: plan.estrategias.iter().map(|e| e.nombre.clone()).collect(),
        body: collapse_whitespace(&body.join(" ")),
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::path::Path;

    use rust_stemmers::{Algorithm, Stemmer};

    use super::index::{HEADING_WEIGHT, Index, TITLE_WEIGHT, build, excerpt_text};
    use super::terms::{STOP_WORDS, words};
    use super::*;

    fn doc(url: &str, title: &str, headings: &[&str], body: &str) -> SearchDoc {
        SearchDoc {
            url: url.to_string(),
            title: title.to_string(),
            section: "Guías".to_string(),
            title_text: title.to_string(),
            headings: headings.iter().map(|h| h.to_string()).collect(),
            body: body.to_string(),
        }
    }

    fn sample() -> Index {
        build(&[
            doc(
                "guias/evaluacion/",
                "Evaluación formativa",
                &["Qué evaluar"],
                "La evaluación formativa acompaña el aprendizaje.",
            ),
            doc(
                "guias/visita/",
                "Visita en aula",
                &["Antes de la visita"],
                "En la visita se observa la sesión; luego, las evaluaciones del docente.",
            ),
            doc(
                "guias/gia/",
                "Grupos de interaprendizaje",
                &[],
                "Los docentes comparten experiencias y evidencias.",
            ),
        ])
    }

    #[test]
    fn folding_removes_accents_and_case() {
        assert_eq!(fold("Evaluación"), "evaluacion");
        assert_eq!(fold("EVALUACIÓN"), "evaluacion");
        assert_eq!(fold("Ñandú pingüino"), "nandu pinguino");
    }

    #[test]
    fn forms_of_a_word_share_one_term() {
        for word in [
            "evaluación",
            "evaluaciones",
            "evaluar",
            "evaluamos",
            "evaluación",
        ] {
            assert_eq!(terms_of(word), ["evalu"], "{word}");
        }
        assert_eq!(terms_of("acompañamiento"), ["acompan"]);
        assert_eq!(terms_of("acompañantes"), ["acompan"]);
        // Stop words, in either spelling, and one-letter words are not indexed.
        assert!(terms_of("de").is_empty());
        assert!(terms_of("más").is_empty());
        assert!(terms_of("x").is_empty());
        // Short words are kept whole; numbers too.
        assert_eq!(terms_of("ie"), ["ie"]);
        assert_eq!(terms_of("2024"), ["2024"]);
    }

    #[test]
    fn stop_words_are_sorted_and_folded() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_WORDS.iter().all(|w| fold(w) == *w));
    }

    /// The browser finds terms as prefixes of query words; that holds only if every term is
    /// a prefix of the folded word it came from. Checked on the bundled portal's vocabulary,
    /// where Snowball's `-encia` -> `-ente` rewrite is the one exception it has to repair.
    #[test]
    fn every_term_is_a_prefix_of_its_folded_word() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut vocabulary = std::collections::BTreeSet::new();
        for entry in crate::fs::walk(&content).flatten() {
            if entry.is_file() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                vocabulary.extend(words(&text).map(Cow::into_owned));
            }
        }
        assert!(vocabulary.len() > 2_000, "too small a sample");
        let mut repaired = 0;
        for word in &vocabulary {
            let folded = fold(word);
            let stem = fold(&Stemmer::create(Algorithm::Spanish).stem(word));
            if !folded.starts_with(&stem) {
                repaired += 1;
            }
            for term in terms_of(word) {
                assert!(folded.contains(&term), "{term} is not in {folded}");
                if folded.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    assert!(
                        folded.starts_with(&term),
                        "{term} is not a prefix of {folded}"
                    );
                }
            }
        }
        assert!(
            repaired > 0,
            "the -encia rewrite should occur in the sample"
        );
        assert_eq!(terms_of("competencias"), ["competen"]);
        assert_eq!(terms_of("evidencias"), ["eviden"]);
    }

    // How a query matches (spellings, stop words, unfinished words, every word required) is
    // tested on the shipped search.js itself, in the browser: tests/browser/search.test.mjs.

    #[test]
    fn postings_are_delta_encoded_and_weighted() {
        let index = sample();
        let term = index
            .terms
            .binary_search(&"evalu".to_string())
            .expect("term");
        let postings = &index.postings[term];
        // Document 0 (title, heading and body), then document 1 (body only), as a delta.
        assert_eq!(postings[0], 0);
        assert_eq!(postings[1], TITLE_WEIGHT + HEADING_WEIGHT + 1);
        assert_eq!(postings[2..], [1, 1]);
        assert!(index.terms.windows(2).all(|t| t[0] < t[1]));
    }

    #[test]
    fn the_same_documents_give_the_same_bytes() {
        let one = serde_json::to_string(&sample()).expect("json");
        for _ in 0..5 {
            assert_eq!(serde_json::to_string(&sample()).expect("json"), one);
        }
    }

    #[test]
    fn excerpts_are_capped_at_a_word_boundary() {
        let long = "palabra ".repeat(500);
        let text = excerpt_text(long.trim());
        assert!(text.chars().count() <= EXCERPT_CHARS + 1);
        assert!(text.ends_with("palabra…"));
        assert_eq!(excerpt_text("corto"), "corto");
    }

    #[test]
    fn html_becomes_text() {
        let html = "<h2 id=\"a\">Título</h2>\n<p>Uno <em>dos</em>&nbsp;&amp; tr<strong>es</strong><sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup></p><ul><li>a</li><li>b</li></ul><!-- nota --><script>var x = 1;</script><STYLE>p{}</STYLE>&#233;&#xE9;&bogus; 1 < 2";
        assert_eq!(
            collapse_whitespace(&html_text(html)),
            "Título Uno dos & tres 1 a b éé&bogus; 1 < 2"
        );
    }

    /// Plans are indexed from `PublicPlan` only: the masked teachers' names in the plan file
    /// and everything in the private file stay out.
    #[test]
    fn private_plan_data_is_not_indexed() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/privacy");
        // The fixture's theme is copied in by the integration tests; plans need none.
        let mut config = crate::load::config::Config::for_tests("Privacidad", root);
        config.build_search_index = true;
        let mut diagnostics = crate::diag::Diagnostics::default();
        let content = crate::fs::site_files(
            &config.root.join("content"),
            Path::new("content"),
            &mut diagnostics,
        );
        let listing = crate::plan::Listing::of(&content);
        let (files, _) = crate::plan::load(&config, &listing, false, &|_| true, &mut diagnostics);
        assert_eq!(files.len(), 1, "{diagnostics:?}");
        let plans: Vec<PublicPlan> = files
            .iter()
            .map(|p| crate::plan::view::build(p, &config, &|_| None))
            .collect();
        let index = build(
            &plans
                .iter()
                .map(|p| from_plan(p, "Planes"))
                .collect::<Vec<_>>(),
        );
        let json = serde_json::to_string(&index).expect("json");
        assert!(json.contains("Zeta"), "the plan is indexed");
        for private in [
            "zacar", "quelopan", "urquiz", "filomen", "xochitl", "barrient",
        ] {
            assert!(!json.to_lowercase().contains(private), "{private} leaked");
        }
        for private in ["metacognicion", "retroaliment", "incorpor"] {
            assert!(
                index.terms.binary_search(&private.to_string()).is_err(),
                "{private} leaked"
            );
        }
    }
}
