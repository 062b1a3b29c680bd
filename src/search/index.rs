//! The index itself: each document's terms weighed (title, headings, body), postings
//! gathered per term in document order, terms sorted; `shards` cuts it into files.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::SearchDoc;
use super::terms::{STOP_WORDS, terms_of, words};

/// How much of each document's plain text the index stores for excerpts. About a screen of
/// text: enough for an excerpt around most matches, and it bounds the index at roughly
/// 1.5 KB of text per document however long the document is. A match further down still
/// finds the document; its excerpt then shows the document's beginning.
pub const EXCERPT_CHARS: usize = 1_500;

/// A word in a title counts as much as this many occurrences in the body.
pub(super) const TITLE_WEIGHT: u32 = 20;
pub(super) const HEADING_WEIGHT: u32 = 5;
/// Occurrences in the body count up to this many: a long page that repeats a word is not
/// worth more than a title that names it.
const BODY_CAP: u32 = 10;

/// The index, ready to serialize.
#[derive(Debug, Serialize)]
pub(super) struct Index {
    pub(super) stop: &'static [&'static str],
    pub(super) docs: Vec<[String; 4]>,
    pub(super) terms: Vec<String>,
    pub(super) postings: Vec<Vec<u32>>,
}

pub(super) fn build(docs: &[SearchDoc]) -> Index {
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

/// The start of a document's text, cut at a word boundary, for excerpts.
pub(super) fn excerpt_text(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => text.to_string(),
        Some((end, _)) => {
            let cut = text[..end].rfind(' ').unwrap_or(end);
            format!("{}…", &text[..cut])
        }
    }
}
