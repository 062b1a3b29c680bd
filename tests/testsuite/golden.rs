//! Golden sites: the whole output of each fixture, byte for byte, against the tree committed
//! in `tests/fixtures/<name>/expected/`. A change to any output file (a template, the
//! Markdown rendering, an export, the sitemap) shows up here as the files it changed.
//!
//! When a change of output is intended, re-bless the trees and review the diff in git:
//! `SENDA_BLESS=1 cargo test --test testsuite golden`.
//!
//! `expected/` sits beside `content/`, outside everything senda reads, and the fixture is
//! built with it in place: that it never leaks into the output or the diagnostics is part of
//! what these tests check.

use std::fs;
use std::path::{Path, PathBuf};

use crate::util::{PRIVATE_VALUES, TestSite, snapshot};

/// How many lines of a differing text file the report shows on each side.
const DIFF_LINES: usize = 8;

#[test]
fn golden_basic() {
    assert_golden("basic", TestSite::fixture("basic"));
}

#[test]
fn golden_plans() {
    assert_golden("plans", TestSite::fixture("plans"));
}

/// The `privacy` fixture names the bundled theme, which the tests copy in: its expected tree
/// is the bundled theme's rendering of a plan with masked teachers.
#[test]
fn golden_privacy() {
    let expected = fixture_dir("privacy").join("expected");
    if expected.is_dir() {
        for (path, bytes) in snapshot(&expected) {
            let text = String::from_utf8_lossy(&bytes);
            for private in PRIVATE_VALUES {
                assert!(
                    !text.contains(private),
                    "expected/{} holds the private value `{private}`",
                    path.display()
                );
            }
        }
    }
    assert_golden("privacy", TestSite::fixture("privacy").with_bundled_theme());
}

fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Builds the fixture (copied with its `expected/` folder) and compares `public/` with
/// `expected/`, or replaces `expected/` with it when `SENDA_BLESS=1`.
#[track_caller]
fn assert_golden(name: &str, site: TestSite) {
    // The build and the check are clean: no warning, and `expected/` is not content.
    let build = site.build();
    build.assert_ok().assert_stderr("");
    site.senda(&["check"]).assert_ok().assert_stderr("");
    let output = site.path("public");
    let expected = fixture_dir(name).join("expected");
    if std::env::var_os("SENDA_BLESS").is_some_and(|v| v == "1") {
        if expected.exists() {
            fs::remove_dir_all(&expected).expect("remove the old expected tree");
        }
        crate::util::copy_dir(&output, &expected);
        return;
    }
    assert!(
        expected.is_dir(),
        "tests/fixtures/{name}/expected/ is missing; create it with \
         `SENDA_BLESS=1 cargo test --test testsuite golden`"
    );
    let problems = compare(&snapshot(&expected), &snapshot(&output));
    assert!(
        problems.is_empty(),
        "the output of tests/fixtures/{name} differs from tests/fixtures/{name}/expected/ \
         in {} files (if intended, re-bless with \
         `SENDA_BLESS=1 cargo test --test testsuite golden` and review the diff):\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

/// One report per missing, extra or differing file, in path order.
fn compare(expected: &[(PathBuf, Vec<u8>)], actual: &[(PathBuf, Vec<u8>)]) -> Vec<String> {
    let mut problems = Vec::new();
    let (mut e, mut a) = (expected.iter().peekable(), actual.iter().peekable());
    loop {
        match (e.peek(), a.peek()) {
            (None, None) => break,
            (Some((path, _)), next) if next.is_none_or(|(other, _)| path < other) => {
                problems.push(format!("missing: {} (expected, not built)", path.display()));
                e.next();
            }
            (next, Some((path, _))) if next.is_none_or(|(other, _)| path < other) => {
                problems.push(format!("extra: {} (built, not expected)", path.display()));
                a.next();
            }
            (Some((path, want)), Some((_, got))) => {
                if want != got {
                    problems.push(format!("differs: {}\n{}", path.display(), diff(want, got)));
                }
                e.next();
                a.next();
            }
            _ => unreachable!("one side is not empty"),
        }
    }
    problems
}

/// The differing middle of two files, after their common first and last lines: up to
/// `DIFF_LINES` lines of each, `-` expected and `+` built, under the line number where they
/// start to differ. Files that are not text get their sizes.
fn diff(want: &[u8], got: &[u8]) -> String {
    let (Ok(want), Ok(got)) = (std::str::from_utf8(want), std::str::from_utf8(got)) else {
        return format!(
            "  binary files differ ({} bytes expected, {} built)",
            want.len(),
            got.len()
        );
    };
    let (want, got): (Vec<&str>, Vec<&str>) = (
        want.split_inclusive('\n').collect(),
        got.split_inclusive('\n').collect(),
    );
    let start = want.iter().zip(&got).take_while(|(w, g)| w == g).count();
    let end = want[start..]
        .iter()
        .rev()
        .zip(got[start..].iter().rev())
        .take_while(|(w, g)| w == g)
        .count();
    let mut out = format!(
        "@@ line {} ({} lines expected, {} built) @@",
        start + 1,
        want.len(),
        got.len()
    );
    for (sign, lines) in [('-', &want), ('+', &got)] {
        let changed = &lines[start..lines.len() - end];
        for line in changed.iter().take(DIFF_LINES) {
            out.push_str(&format!("\n{sign}{}", line.trim_end_matches('\n')));
            if !line.ends_with('\n') {
                out.push_str("\n\\ no newline at end of file");
            }
        }
        if changed.len() > DIFF_LINES {
            out.push_str(&format!(
                "\n{sign}… {} more lines",
                changed.len() - DIFF_LINES
            ));
        }
    }
    out
}

/// The report itself: a test of the comparison the golden tests rely on.
#[test]
fn golden_comparison_reports_every_missing_extra_and_differing_file() {
    let file = |path: &str, bytes: &[u8]| (PathBuf::from(path), bytes.to_vec());
    let expected = [
        file("a.html", b"uno\ndos\ntres\n"),
        file("b.css", b"x"),
        file("d.pdf", b"\xff\x00"),
        file("e.txt", b"igual\n"),
    ];
    let actual = [
        file("a.html", b"uno\nDOS\ntres\n"),
        file("c.js", b"y"),
        file("d.pdf", b"\xff\x01\x02"),
        file("e.txt", b"igual\n"),
    ];
    assert_eq!(
        compare(&expected, &actual),
        [
            "differs: a.html\n@@ line 2 (3 lines expected, 3 built) @@\n-dos\n+DOS",
            "missing: b.css (expected, not built)",
            "extra: c.js (built, not expected)",
            "differs: d.pdf\n  binary files differ (2 bytes expected, 3 built)",
        ]
    );
    assert!(compare(&expected, &expected).is_empty());
}
