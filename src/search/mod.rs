//! The search index: every section, page and public plan as stemmed terms, written as one
//! script, `search-index.js`, that the theme's `search.js` loads with a `<script>` element
//! (not `fetch`, so search also works in a copy of the site opened from `file://`).
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
//! The file, `window.sendaSearchIndex = {...};`, holds:
//!
//! - `v`: the format version, 1;
//! - `stop`: the stop words, folded, so the browser drops them from queries too;
//! - `docs`: `[url, title, section, text]` per document, `url` relative to the site root
//!   (`estrategias/gia/`, `""` for the home page), `text` the first `EXCERPT_CHARS`
//!   characters of the document's plain text, for result excerpts;
//! - `terms`: every term, sorted, so the browser can binary-search prefixes;
//! - `postings`: per term, `[doc, weight, doc, weight…]`, documents ascending and each
//!   `doc` written as the difference from the previous one, to keep the numbers short.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use crate::model::{Document, ROOT, SectionId, Site, TocEntry};
use crate::plan::paths;
use crate::plan::view::PublicPlan;
use crate::write::OutputFile;

/// The file written at the site root.
pub const INDEX_FILE: &str = "search-index.js";

/// How much of each document's plain text the index stores for excerpts. About a screen of
/// text: enough for an excerpt around most matches, and it bounds the index at roughly
/// 1.5 KB of text per document however long the document is. A match further down still
/// finds the document; its excerpt then shows the document's beginning.
pub const EXCERPT_CHARS: usize = 1_500;

/// A word in a title counts as much as this many occurrences in the body.
const TITLE_WEIGHT: u32 = 20;
const HEADING_WEIGHT: u32 = 5;
/// Occurrences in the body count up to this many: a long page that repeats a word is not
/// worth more than a title that names it.
const BODY_CAP: u32 = 10;
/// Shorter stems are indexed as the whole word: the browser matches a query word against
/// stems that are prefixes of it only from this length on.
const MIN_STEM: usize = 3;

/// Spanish function words, folded: too common to search for. The browser drops them from
/// queries with the same list (it is written into the index).
const STOP_WORDS: [&str; 72] = [
    "a", "al", "algo", "ante", "antes", "como", "con", "contra", "cual", "cuando", "de", "del",
    "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en", "entre", "era", "es",
    "esa", "esas", "ese", "eso", "esos", "esta", "estas", "este", "esto", "estos", "fue", "ha",
    "hay", "la", "las", "le", "les", "lo", "los", "mas", "me", "mi", "muy", "ni", "no", "nos", "o",
    "os", "para", "pero", "por", "que", "quien", "se", "si", "sin", "sobre", "son", "su", "sus",
    "te", "tu", "u", "un", "una", "unas", "uno", "y",
];

/// A document as the index sees it.
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

/// The index, ready to serialize.
#[derive(Debug, Serialize)]
struct Index {
    v: u32,
    stop: &'static [&'static str],
    docs: Vec<[String; 4]>,
    terms: Vec<String>,
    postings: Vec<Vec<u32>>,
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

/// `search-index.js` for the whole site: sections, pages, then plans, in site order.
pub fn index_file(site: &Site, plans: Vec<SearchDoc>) -> OutputFile {
    let index = build(&documents(site, plans));
    const PREFIX: &[u8] = b"window.sendaSearchIndex = ";
    let mut script = PREFIX.to_vec();
    // Serializing strings, numbers and arrays into memory cannot fail; if it did, search.js
    // would say the index could not be loaded.
    if serde_json::to_writer(&mut script, &index).is_err() {
        script.truncate(PREFIX.len());
        script.extend_from_slice(b"null");
    }
    script.extend_from_slice(b";\n");
    OutputFile::new(INDEX_FILE.to_string(), script)
}

fn documents(site: &Site, plans: Vec<SearchDoc>) -> Vec<SearchDoc> {
    // The section a document is listed in; the home page's is not worth showing.
    let section_title = |id: Option<SectionId>| {
        id.filter(|id| *id != ROOT)
            .map(|id| site.sections[id].doc.meta.title.clone())
            .unwrap_or_default()
    };
    let mut docs: Vec<SearchDoc> = site
        .sections
        .par_iter()
        .map(|s| from_document(&s.doc, section_title(s.parent)))
        .chain(
            site.pages
                .par_iter()
                .map(|p| from_document(&p.doc, section_title(Some(p.section)))),
        )
        .collect();
    docs.extend(plans);
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

fn build(docs: &[SearchDoc]) -> Index {
    // 1. Each document's weight for each of its terms, in parallel. Each worker keeps the
    //    terms of the words it has seen, so a word is stemmed once per worker, not per use.
    let weighted: Vec<Vec<(Arc<str>, u32)>> = docs
        .par_iter()
        .map_init(Stems::default, |stems, doc| weights(doc, stems))
        .collect();
    // 2. Postings, documents ascending, then terms sorted: the same bytes on every build.
    // Per term: the last document added, and the postings so far.
    let mut postings: HashMap<Arc<str>, (u32, Vec<u32>), BuildHasherDefault<WordHasher>> =
        HashMap::default();
    for (doc, terms) in weighted.into_iter().enumerate() {
        let doc = u32::try_from(doc).unwrap_or(u32::MAX);
        for (term, weight) in terms {
            let (last, list) = postings.entry(term).or_default();
            list.push(doc - *last);
            list.push(weight);
            *last = doc;
        }
    }
    let mut postings: Vec<(Arc<str>, Vec<u32>)> = postings
        .into_iter()
        .map(|(term, (_, list))| (term, list))
        .collect();
    postings.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let (terms, postings) = postings
        .into_iter()
        .map(|(term, list)| (term.to_string(), list))
        .unzip();
    Index {
        v: 1,
        stop: &STOP_WORDS,
        docs: docs
            .iter()
            .map(|d| {
                [
                    d.url.clone(),
                    d.title.clone(),
                    d.section.clone(),
                    excerpt_text(&d.body),
                ]
            })
            .collect(),
        terms,
        postings,
    }
}

/// A word's terms, by lowercased word.
type Stems = HashMap<String, Vec<Arc<str>>, BuildHasherDefault<WordHasher>>;

/// A multiply-rotate hash (FxHash's), several times faster than the default SipHash on
/// short words, which the index hashes millions of times on a large site. The keys are the
/// site's own words, so SipHash's resistance to chosen collisions buys nothing here.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for byte in chunks.remainder() {
            self.add(u64::from(*byte));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A document's terms with their weight: how often each is in the title, the headings and
/// the body, weighted.
fn weights(doc: &SearchDoc, stems: &mut Stems) -> Vec<(Arc<str>, u32)> {
    let mut counts: HashMap<Cow<str>, [u32; 3], BuildHasherDefault<WordHasher>> =
        HashMap::default();
    let fields = std::iter::once((0, doc.title_text.as_str()))
        .chain(doc.headings.iter().map(|h| (1, h.as_str())))
        .chain(std::iter::once((2, doc.body.as_str())));
    for (field, text) in fields {
        for word in words(text) {
            counts.entry(word).or_default()[field] += 1;
        }
    }
    let mut per_term: HashMap<Arc<str>, [u32; 3], BuildHasherDefault<WordHasher>> =
        HashMap::with_capacity_and_hasher(counts.len(), Default::default());
    for (word, count) in counts {
        if !stems.contains_key(word.as_ref()) {
            let terms = terms_of(&word).into_iter().map(Arc::from).collect();
            stems.insert(word.to_string(), terms);
        }
        for term in &stems[word.as_ref()] {
            let sum = per_term.entry(Arc::clone(term)).or_default();
            for (s, c) in sum.iter_mut().zip(count) {
                *s += c;
            }
        }
    }
    // In any order: `build` gives each term at most one posting per document.
    per_term
        .into_iter()
        .map(|(term, [title, heading, body])| {
            let weight = TITLE_WEIGHT * title + HEADING_WEIGHT * heading + body.min(BODY_CAP);
            (term, weight)
        })
        .collect()
}

/// The lowercased words of a text (accents kept, for the stemmer): runs of letters and
/// digits.
fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().any(char::is_uppercase) {
                Cow::Owned(w.to_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        })
}

/// Accents and other marks removed, lowercase ASCII: "Evaluación" -> "evaluacion".
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// The terms a lowercased word is indexed under: usually one, its folded stem; none for a
/// stop word or a one-letter word. Every term is a prefix of the folded word.
pub fn terms_of(word: &str) -> Vec<String> {
    let folded = fold(word);
    if folded.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return term_of(word, &folded).into_iter().collect();
    }
    // A letter that folds to more than letters (rare: "½" -> "1/2"): index the pieces as
    // the browser will split them, each stemmed as a word of its own.
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter_map(|piece| term_of(piece, piece))
        .collect()
}

/// `word` lowercased with its accents, `folded` the same word folded.
fn term_of(word: &str, folded: &str) -> Option<String> {
    if folded.len() < 2 || STOP_WORDS.binary_search(&folded).is_ok() {
        return None;
    }
    let stem = fold(&Stemmer::create(Algorithm::Spanish).stem(word));
    // Snowball rewrites a few endings instead of cutting them (`-encia` -> `-ente`):
    // keep only the part of the stem that is a prefix of the word.
    let common = stem
        .bytes()
        .zip(folded.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let stem = &folded[..common];
    Some(if stem.len() < MIN_STEM {
        folded.to_string()
    } else {
        stem.to_string()
    })
}

/// The start of a document's text, cut at a word boundary, for excerpts.
fn excerpt_text(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => text.to_string(),
        Some((end, _)) => {
            let cut = text[..end].rfind(' ').unwrap_or(end);
            format!("{}…", &text[..cut])
        }
    }
}

fn collapse_whitespace(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

/// Elements whose content is not text a reader sees.
const SKIPPED_ELEMENTS: [&str; 4] = ["script", "style", "template", "svg"];
/// Elements inside a word's flow: no space is put where they start or end.
const INLINE_ELEMENTS: [&str; 13] = [
    "a", "abbr", "b", "code", "del", "em", "i", "kbd", "mark", "s", "small", "span", "strong",
];

/// The text of rendered HTML: tags and comments removed (each block-level tag leaves a
/// space, so list items do not run together), the content of `<script>` and `<style>`
/// skipped, character references decoded.
pub fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        decode_entities(&rest[..open], &mut text);
        rest = &rest[open..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(close) = rest.find('>') else {
            // A lone `<` is text.
            break;
        };
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        let closing = tag.starts_with('/');
        let name = tag.trim_start_matches('/');
        let name = &name[..name
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(name.len())];
        let is = |list: &[&str]| list.iter().any(|n| n.eq_ignore_ascii_case(name));
        if !is(&INLINE_ELEMENTS) {
            text.push(' ');
        }
        if !closing && is(&SKIPPED_ELEMENTS) {
            // Past the matching end tag, whatever its case.
            let end = rest
                .as_bytes()
                .windows(name.len() + 2)
                .position(|w| w[..2] == *b"</" && w[2..].eq_ignore_ascii_case(name.as_bytes()));
            rest = end
                .and_then(|i| rest[i..].find('>').map(|j| &rest[i + j + 1..]))
                .unwrap_or("");
        }
    }
    decode_entities(rest, &mut text);
    text
}

/// Appends `text` to `out` with its character references decoded.
fn decode_entities(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest[1..]
            .find(';')
            .filter(|end| *end <= 10)
            .and_then(|end| {
                let name = &rest[1..=end];
                let c = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some(' '),
                    _ => name
                        .strip_prefix("#x")
                        .or_else(|| name.strip_prefix("#X"))
                        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                        .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32),
                }?;
                Some((c, end + 2))
            });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use std::path::Path;

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

    /// What `themes/senda/static/search.js` does with a query, written again in Rust so the
    /// matching rules can be tested here: fold, drop stop words, then for each word the
    /// longest term that is a prefix of it (at least `MIN_STEM` long, or the whole word),
    /// and for the last word also every term it begins; documents must match every word.
    fn query(index: &Index, text: &str) -> Vec<String> {
        let folded = fold(text);
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() >= 2 && !index.stop.contains(w))
            .collect();
        let mut scores: Option<HashMap<usize, u32>> = None;
        for (i, word) in words.iter().enumerate() {
            let mut matched: Vec<usize> = (MIN_STEM.min(word.len())..=word.len())
                .rev()
                .find_map(|n| index.terms.binary_search(&word[..n].to_string()).ok())
                .into_iter()
                .collect();
            if i + 1 == words.len() {
                matched
                    .extend((0..index.terms.len()).filter(|t| index.terms[*t].starts_with(word)));
            }
            matched.sort_unstable();
            matched.dedup();
            let mut found: HashMap<usize, u32> = HashMap::new();
            for term in matched {
                let mut doc = 0;
                for pair in index.postings[term].chunks(2) {
                    doc += pair[0] as usize;
                    *found.entry(doc).or_default() += pair[1];
                }
            }
            scores = Some(match scores {
                None => found,
                Some(before) => before
                    .into_iter()
                    .filter_map(|(doc, s)| found.get(&doc).map(|f| (doc, s + f)))
                    .collect(),
            });
        }
        let mut ranked: Vec<(usize, u32)> = scores.unwrap_or_default().into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .map(|(doc, _)| index.docs[doc][0].clone())
            .collect()
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
        for entry in walkdir::WalkDir::new(content).into_iter().flatten() {
            if entry.file_type().is_file() {
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

    #[test]
    fn any_spelling_of_a_word_finds_its_pages() {
        let index = sample();
        for q in [
            "evaluacion",
            "Evaluación",
            "EVALUACIÓN",
            "evaluaciones",
            "evaluar",
        ] {
            assert_eq!(
                query(&index, q),
                ["guias/evaluacion/", "guias/visita/"],
                "{q}"
            );
        }
        // The title outranks the body; every word must match; stop words are ignored.
        assert_eq!(query(&index, "la visita"), ["guias/visita/"]);
        assert_eq!(query(&index, "visita evaluación"), ["guias/visita/"]);
        assert!(query(&index, "visita interaprendizaje").is_empty());
        // The last word may be unfinished.
        assert_eq!(query(&index, "interapr"), ["guias/gia/"]);
        assert_eq!(query(&index, "evidencia"), ["guias/gia/"]);
    }

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
        let config = crate::load::config::Config {
            title: "Privacidad".to_string(),
            base_url: "https://example.org/".to_string(),
            base_path: "/".to_string(),
            language: "es".to_string(),
            theme: None,
            description: String::new(),
            build_search_index: true,
            extra: toml::Table::new(),
            strings: Default::default(),
            output_dir: root.join("public"),
            public_output_dir: root.join("public"),
            root,
        };
        let mut diagnostics = crate::diag::Diagnostics::default();
        let (files, _) = crate::plan::load(&config, &|_| true, &mut diagnostics);
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
