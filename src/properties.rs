//! Property tests: random plan TOML at the plan loader and validator, random Markdown at the
//! Markdown renderer. Whatever the input, nothing panics or aborts, every diagnostic is
//! well formed (a rule code, a location inside the file), and a plan is handed on exactly
//! when it has no error; a plan that is handed on goes through the view and the exports.
//!
//! The runs are brief and the same on every machine: 256 cases a property from a fixed seed.
//! For a longer hunt, set `PROPTEST_CASES=20000 PROPTEST_RNG_SEED=<any number>`. A case found
//! this way becomes a plain regression test (`tests/testsuite/limits.rs` or here).

use std::path::Path;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config as ProptestConfig, RngSeed};

use crate::diag::{self, Diagnostics};
use crate::load::config::Config;
use crate::plan;
use crate::resolve::markdown;

/// The valid test plan (no error, no warning), the seed of the structured mutations.
const PLAN: &str = include_str!("../tests/fixtures/plans/content/planes/ie-prueba-2024.toml");
const PLAN_ID: &str = "ie-prueba-2024";
/// A fixed current year, so E3 and E17 judge every run alike.
const YEAR: i32 = 2026;

fn config() -> ProptestConfig {
    let default = ProptestConfig::default();
    ProptestConfig {
        // No files written beside the sources: found cases become regression tests by hand.
        failure_persistence: None,
        rng_seed: match default.rng_seed {
            RngSeed::Random => RngSeed::Fixed(0x5e4da),
            chosen => chosen,
        },
        ..default
    }
}

fn site_config() -> Config {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plans");
    Config::for_tests("Propiedades", root)
}

/// Loads and validates `text` as the plan `ie-prueba-2024`, checks what came out, and puts a
/// plan that passed through the view and the exports.
fn check_plan(text: String) -> Result<(), TestCaseError> {
    let lines = text.lines().count();
    let page_exists = |path: &str| path.ends_with(".md");
    let mut out = Diagnostics::default();
    let checked = plan::check_text(PLAN_ID, text, YEAR, &page_exists, &mut out);
    let path = Path::new("content/planes").join(format!("{PLAN_ID}.toml"));
    for d in out.iter() {
        prop_assert!(!d.message.is_empty(), "empty message: {d:?}");
        if let Some(code) = d.code {
            let code = code.to_string();
            let (letter, number) = code.split_at(1);
            prop_assert!(
                matches!(letter, "E" | "W" | "P") && number.parse::<u32>().is_ok(),
                "odd rule code: {d:?}"
            );
        }
        let Some(location) = &d.location else {
            return Err(TestCaseError::fail(format!("no location: {d:?}")));
        };
        prop_assert_eq!(&location.path, &path);
        prop_assert!(location.line >= 1 && location.column >= 1, "{d:?}");
        prop_assert!(location.line <= lines + 1, "line past the end: {d:?}");
        diag::render(d);
    }
    prop_assert_eq!(
        checked.is_some(),
        !out.has_errors(),
        "a plan is handed on exactly when it has no error: {:?}",
        out
    );
    if let Some(file) = checked {
        let config = site_config();
        let view = plan::view::build(&file, &config, &|_| Some("/guias/".to_string()));
        plan::export::files(std::slice::from_ref(&view));
        plan::export::index(&[view.summary()]);
    }
    Ok(())
}

const ODD_PIECES: &[&str] = &[
    "a",
    "Zacarías ",
    "é",
    "e\u{301}",
    "İ",
    "ß",
    "ﬃ",
    "\u{202e}",
    "\u{feff}",
    "\u{85}",
    "😀",
    "\\u0000",
    "\\u007F",
    "\\r",
    "\\n",
    "\\t",
    "\\\\",
    "\\\"",
    "'",
    "<script>",
    "@/guias/x.md",
    "987654321",
    "DNI 45678912",
    "https://",
    "HTTPS://www.minedu.gob.pe/",
    "javascript:alert(1)",
    "jav&#x61;script:",
    "{#id}",
    "{ onclick=x }",
    "# ",
    "\\n## T {autofocus onfocus=alert(1)}\\n",
    "[x](@/y.md#z)",
];

/// Text with the characters that break parsers and naive string handling: escapes that
/// TOML decodes to controls, RTL marks, combining accents, `İ` (which grows when
/// lowercased), a BOM, NEL, astral characters, quotes and backslashes.
fn odd_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(ODD_PIECES);
    prop::collection::vec(pieces, 0..12).prop_map(|p| p.concat())
}

const INTEGERS: &[&str] = &[
    "9223372036854775807",
    "-9223372036854775808",
    "20000000",
    "1000000000",
    "101",
    "100",
    "0",
    "-1",
    "4294969320",
    "-2147483648",
    "2147483648",
    "2",
    "1999",
];
const FLOATS: &[&str] = &[
    "inf",
    "-inf",
    "nan",
    "+nan",
    "1e308",
    "1.7976931348623157e308",
    "-0.0",
    "5e-324",
    "0.1",
];
const DATES: &[&str] = &[
    "0000-01-01",
    "9999-12-31",
    "2024-02-29",
    "2023-02-28",
    "2024-12-31",
    "2024-04-09T10:00:00",
    "10:00:00",
];

fn integer() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(INTEGERS).prop_map(str::to_string),
        1 => any::<i64>().prop_map(|n| n.to_string()),
    ]
}

fn float() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(FLOATS).prop_map(str::to_string),
        1 => any::<f64>().prop_map(|x| format!("{x:?}")),
        1 => integer(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => odd_text().prop_map(|t| format!("\"{t}\"")),
        1 => odd_text().prop_map(|t| format!("\"\"\"{t}\"\"\"")),
    ]
}

/// Any TOML value, with numbers that size things or overflow, nested deep enough to find recursion.
fn toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => integer(),
        2 => float(),
        1 => prop::sample::select(DATES).prop_map(str::to_string),
        1 => prop::sample::select(&["true", "[]", "{}", "\"\""][..]).prop_map(str::to_string),
        3 => text(),
        1 => text().prop_map(|t| format!("[{t}, {t}]")),
        1 => (1usize..300).prop_map(|depth| format!("{}1{}", "[".repeat(depth), "]".repeat(depth))),
        1 => (1usize..100).prop_map(|depth| format!("{}1{}", "{ a = ".repeat(depth), " }".repeat(depth))),
    ]
}

/// A replacement for a value: mostly of the type already there, so the plan keeps its shape
/// and its rules (and, when it passes them, the view) see the new value.
#[derive(Debug, Clone)]
struct Replacement {
    integer: String,
    float: String,
    date: String,
    text: String,
    any: String,
    same_type: bool,
}

impl Replacement {
    fn for_value(&self, old: &str) -> &str {
        if !self.same_type {
            return &self.any;
        }
        let old = old.trim();
        if old.starts_with('"') {
            &self.text
        } else if old.starts_with('[') && old.contains('"') {
            // A list of texts stays one: `["a", "b"]`.
            &self.any
        } else if old.len() >= 10 && old.as_bytes()[4] == b'-' {
            &self.date
        } else if old.contains('.') {
            &self.float
        } else if old.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            &self.integer
        } else {
            &self.any
        }
    }
}

fn replacement() -> impl Strategy<Value = Replacement> {
    (
        integer(),
        float(),
        prop::sample::select(DATES),
        text(),
        toml_value(),
        prop::bool::weighted(0.8),
    )
        .prop_map(|(integer, float, date, text, any, same_type)| Replacement {
            integer,
            float,
            date: date.to_string(),
            text,
            any,
            same_type,
        })
}

/// A key: one the format knows (from the test plan), or any other.
fn key() -> impl Strategy<Value = String> {
    let known: Vec<String> = PLAN
        .lines()
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
        .filter(|k| !k.is_empty() && !k.contains(['"', '#', '[', ' ']))
        .collect();
    prop_oneof![
        3 => prop::sample::select(known),
        1 => "[a-z_]{1,12}",
        1 => odd_text().prop_map(|t| format!("\"{t}\"")),
        1 => Just("fortalezas".to_string()),
    ]
}

fn header() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[[visitas]]"),
        Just("[[docentes]]"),
        Just("[[equipo]]"),
        Just("[[anexos]]"),
        Just("[[bases_legales]]"),
        Just("[presupuesto]"),
        Just("[[presupuesto.items]]"),
        Just("[periodo]"),
        Just("[institucion]"),
        Just("[enfoque]"),
        Just("[x]"),
        Just("[[textos]]"),
    ]
    .prop_map(str::to_string)
}

/// One edit of the plan's lines.
#[derive(Debug, Clone)]
enum Edit {
    /// Replaces one of the values of a line (`n = 1`, or one key of an inline table).
    Value(Index, Index, Replacement),
    Insert(Index, String),
    Delete(Index),
    Duplicate(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => (any::<Index>(), any::<Index>(), replacement()).prop_map(|(l, v, r)| Edit::Value(l, v, r)),
        2 => (any::<Index>(), key(), toml_value()).prop_map(|(i, k, v)| Edit::Insert(i, format!("{k} = {v}"))),
        1 => (any::<Index>(), header()).prop_map(|(i, h)| Edit::Insert(i, h)),
        1 => any::<Index>().prop_map(Edit::Delete),
        1 => any::<Index>().prop_map(Edit::Duplicate),
    ]
}

/// `line` with its `which`-th value replaced: the text after a ` = `, up to the next `, `
/// or ` }` of an inline table, or to the end of the line.
fn replace_value(line: &str, which: &Index, replacement: &Replacement) -> Option<String> {
    let starts: Vec<usize> = line.match_indices(" = ").map(|(i, _)| i + 3).collect();
    if starts.is_empty() {
        return None;
    }
    let start = starts[which.index(starts.len())];
    let rest = &line[start..];
    let end = if let Some(string) = rest.strip_prefix('"') {
        // The closing quote of a plain string (the fixture has no escaped quotes).
        string.find('"').map_or(rest.len(), |i| i + 2)
    } else {
        rest.find([',', '}']).map_or(rest.len(), |i| i)
    };
    let old = &rest[..end];
    let end_of_value = start + old.trim_end().len();
    Some(format!(
        "{}{}{}",
        &line[..start],
        replacement.for_value(old),
        &line[end_of_value..]
    ))
}

fn apply(edits: &[Edit]) -> String {
    let mut lines: Vec<String> = PLAN.lines().map(str::to_string).collect();
    for edit in edits {
        if lines.is_empty() {
            break;
        }
        match edit {
            Edit::Value(at, which, replacement) => {
                let i = at.index(lines.len());
                if let Some(line) = replace_value(&lines[i], which, replacement) {
                    lines[i] = line;
                }
            }
            Edit::Insert(at, line) => {
                let i = at.index(lines.len() + 1);
                lines.insert(i, line.clone());
            }
            Edit::Delete(at) => {
                lines.remove(at.index(lines.len()));
            }
            Edit::Duplicate(at) => {
                let i = at.index(lines.len());
                lines.insert(i, lines[i].clone());
            }
        }
    }
    lines.join("\n") + "\n"
}

const MARKDOWN_TOKENS: &[&str] = &[
    "# ",
    "## ",
    "###### ",
    "{#id}",
    "{#contenido}",
    "{.c}",
    "{ onclick=x }",
    "[",
    "]",
    "(",
    ")",
    "![",
    "@/guias/que-es.md",
    "@/nada.md#x",
    "#ancla",
    "javascript:alert(1)",
    "jav&#x61;script:",
    "&#0;",
    "&amp;",
    "*",
    "_",
    "**",
    "~~",
    "`",
    "```",
    "> ",
    "- ",
    "1. ",
    "- [ ] ",
    "| a | b |\n|---|---|\n",
    "|",
    "---",
    "[^1]",
    "[^1]: nota",
    "<script>x</script>",
    "<div>",
    "<!--",
    "\n",
    "\n\n",
    "    ",
    "\t",
    " ",
    "título",
    "İ",
    "e\u{301}",
    "\u{0}",
    "\r",
    "😀",
    "\\",
    "\"",
    ":",
    "http://a.pe/",
];

/// Markdown built from the tokens that drive its parser: headings with attributes, links,
/// emphasis, code fences, tables, footnotes, lists, HTML, entities.
fn markdown_text() -> impl Strategy<Value = String> {
    let tokens = prop::sample::select(MARKDOWN_TOKENS);
    prop::collection::vec(tokens, 0..80).prop_map(|t| t.concat())
}

/// One or two tokens repeated thousands of times: deep nesting (`> > > …`, `[[[…`), long runs
/// of delimiters, many headings with one name.
fn repeated_markdown() -> impl Strategy<Value = String> {
    (
        prop::sample::select(MARKDOWN_TOKENS),
        prop::sample::select(MARKDOWN_TOKENS),
        1usize..2000,
        markdown_text(),
    )
        .prop_map(|(a, b, count, tail)| format!("{}{tail}", format!("{a}{b}").repeat(count)))
}

fn assert_renders(text: &str) {
    let resolve = |path: &str| {
        path.starts_with("guias/")
            .then(|| "/guias/que-es/".to_string())
    };
    markdown::render(text, &resolve);
    markdown::render_untrusted(text, &resolve);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes_as_a_plan(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        check_plan(String::from_utf8_lossy(&bytes).into_owned())?;
    }

    #[test]
    fn random_text_as_a_plan(text in any::<String>()) {
        check_plan(text)?;
    }

    #[test]
    fn mutations_of_a_valid_plan(edits in prop::collection::vec(edit(), 1..8)) {
        check_plan(apply(&edits))?;
    }

    #[test]
    fn random_markdown_renders(text in markdown_text()) {
        assert_renders(&text);
    }

    #[test]
    fn repeated_markdown_renders(text in repeated_markdown()) {
        assert_renders(&text);
    }

    #[test]
    fn random_text_renders_as_markdown(text in any::<String>()) {
        assert_renders(&text);
    }
}

#[test]
fn the_unmutated_plan_is_clean() {
    let page_exists = |path: &str| path.ends_with(".md");
    let mut out = Diagnostics::default();
    let checked = plan::check_text(PLAN_ID, PLAN.to_string(), YEAR, &page_exists, &mut out);
    assert!(checked.is_some() && out.is_empty(), "{out:?}");
}
