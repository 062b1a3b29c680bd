//! The index cut into files the browser fetches on demand, as Pagefind does, so that a first
//! search downloads a few kilobytes of a large site's index, not all of it.
//!
//! - `search-index.js`, the root: `window.sendaSearchIndex = {v, stop, docs, per, shards,
//!   last};` with `docs` the number of documents, `per` the documents per document shard,
//!   `shards` the first term of each term shard and `last` its last term, both sorted.
//! - `search-index/t/<i>.js`: `sendaSearchShard("t<i>", [terms, postings]);`, the terms from
//!   `shards[i]` to `last[i]` with their postings (encoded as in `index`).
//! - `search-index/d/<i>.js`: `sendaSearchShard("d<i>", [[url, title, section, text]…]);`,
//!   documents `i * per` to `(i + 1) * per - 1`.
//!
//! Term shards are cut in term order, each about `TERM_SHARD_BYTES`, never inside a term's
//! postings: a query word needs every term between its first three letters and the word
//! followed by anything (the stems that are prefixes of it, and the stems it is a prefix of
//! while it is being typed), and that range is contiguous in term order, so it touches one
//! shard, or two at a boundary (`last` tells whether the shard before the word's first
//! three letters holds any of its terms). A very common term fills a shard of its own.
//!
//! Everything stays a script calling a function `search.js` defines, not JSON to `fetch`, so
//! search still works in a copy of the site opened from `file://`.

use rayon::prelude::*;
use serde::Serialize;

use super::index::Index;
use crate::write::OutputFile;

/// The root file, at the site root.
pub const ROOT_FILE: &str = "search-index.js";
/// The folder of the shards, next to the root file.
pub const SHARD_DIR: &str = "search-index";

/// About how many bytes of terms and postings a term shard holds. Measured on the
/// 10,000-page corpus (BENCHMARKS.md): smaller shards make the root longer (one term per
/// shard) for little gain, since a common word's postings alone are tens of kilobytes.
const TERM_SHARD_BYTES: usize = 16 * 1024;
/// Documents per document shard. Results are spread over the whole site, so each shown
/// result costs a shard: one document per shard downloads only what is shown.
pub(super) const DOCS_PER_SHARD: usize = 1;

#[derive(Serialize)]
struct Root<'a> {
    v: u32,
    stop: &'static [&'static str],
    docs: usize,
    per: usize,
    shards: Vec<&'a str>,
    last: Vec<&'a str>,
}

/// The root file and every shard of `index`.
pub(super) fn files(index: &Index) -> Vec<OutputFile> {
    let cuts = term_cuts(index);
    let root = Root {
        v: 2,
        stop: index.stop,
        docs: index.docs.len(),
        per: DOCS_PER_SHARD,
        shards: cuts.iter().map(|&at| index.terms[at].as_str()).collect(),
        last: (0..cuts.len())
            .map(|i| index.terms[end_of(&cuts, i, index) - 1].as_str())
            .collect(),
    };
    let mut files = vec![OutputFile::new(
        ROOT_FILE.to_string(),
        script("window.sendaSearchIndex = ", &root, ";\n"),
    )];
    files.par_extend(cuts.par_iter().enumerate().map(|(i, &start)| {
        let end = end_of(&cuts, i, index);
        let shard = (&index.terms[start..end], &index.postings[start..end]);
        OutputFile::new(
            format!("{SHARD_DIR}/t/{i}.js"),
            script(&format!("sendaSearchShard(\"t{i}\", "), &shard, ");\n"),
        )
    }));
    files.par_extend(
        index
            .docs
            .par_chunks(DOCS_PER_SHARD)
            .enumerate()
            .map(|(i, docs)| {
                OutputFile::new(
                    format!("{SHARD_DIR}/d/{i}.js"),
                    script(&format!("sendaSearchShard(\"d{i}\", "), &docs, ");\n"),
                )
            }),
    );
    files
}

/// Where term shard `i` ends (exclusive) in `index.terms`.
fn end_of(cuts: &[usize], i: usize, index: &Index) -> usize {
    cuts.get(i + 1).copied().unwrap_or(index.terms.len())
}

/// Where each term shard starts, as positions in `index.terms`; none for an empty index.
fn term_cuts(index: &Index) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut size = 0;
    for (at, (term, postings)) in index.terms.iter().zip(&index.postings).enumerate() {
        let bytes = term.len() + 4 + postings.iter().map(|n| digits(*n) + 1).sum::<usize>();
        if cuts.is_empty() || size + bytes > TERM_SHARD_BYTES {
            cuts.push(at);
            size = 0;
        }
        size += bytes;
    }
    cuts
}

fn digits(n: u32) -> usize {
    n.checked_ilog10().unwrap_or(0) as usize + 1
}

fn script(before: &str, value: &impl Serialize, after: &str) -> Vec<u8> {
    let mut script = before.as_bytes().to_vec();
    // Serializing strings, numbers and arrays into memory cannot fail; if it did, search.js
    // would say the index could not be loaded.
    if serde_json::to_writer(&mut script, value).is_err() {
        script.truncate(before.len());
        script.extend_from_slice(b"null");
    }
    script.extend_from_slice(after.as_bytes());
    script
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(postings: &[usize]) -> Index {
        Index {
            stop: &[],
            docs: Vec::new(),
            terms: (0..postings.len()).map(|i| format!("t{i:04}")).collect(),
            postings: postings.iter().map(|&n| vec![1; n]).collect(),
        }
    }

    /// Each shard holds about `TERM_SHARD_BYTES`, or one term whose postings are bigger,
    /// and a term's postings are never cut.
    #[test]
    fn shards_are_cut_between_terms_at_about_the_target_size() {
        let sizes = [100, 100, 20_000, 100, 3_000, 3_000, 3_000, 3_000, 100];
        let index = index(&sizes);
        let cuts = term_cuts(&index);
        // 2 bytes a posting: the big term (40 KB) has a shard of its own; the 6 KB terms
        // go two to a shard with the small ones beside them.
        assert_eq!(cuts, [0, 2, 3, 6]);
        assert_eq!(
            term_cuts(&super::super::index::build(&[])),
            Vec::<usize>::new()
        );
    }
}
