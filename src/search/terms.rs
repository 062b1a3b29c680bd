//! Words and terms: how text is split into words, folded, stemmed (Snowball Spanish) and
//! left out (stop words, one-letter words). `search.js` folds queries and drops stop words
//! the same way.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

/// Shorter stems are indexed as the whole word: the browser matches a query word against
/// stems that are prefixes of it only from this length on.
pub(super) const MIN_STEM: usize = 3;

/// Spanish function words, folded: too common to search for. The browser drops them from
/// queries with the same list (it is written into the index).
pub(super) const STOP_WORDS: [&str; 72] = [
    "a", "al", "algo", "ante", "antes", "como", "con", "contra", "cual", "cuando", "de", "del",
    "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en", "entre", "era", "es",
    "esa", "esas", "ese", "eso", "esos", "esta", "estas", "este", "esto", "estos", "fue", "ha",
    "hay", "la", "las", "le", "les", "lo", "los", "mas", "me", "mi", "muy", "ni", "no", "nos", "o",
    "os", "para", "pero", "por", "que", "quien", "se", "si", "sin", "sobre", "son", "su", "sus",
    "te", "tu", "u", "un", "una", "unas", "uno", "y",
];

/// The lowercased words of a text (accents kept, for the stemmer): runs of letters and
/// digits.
pub(super) fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
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
