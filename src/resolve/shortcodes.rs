//! Shortcodes, in Zola's syntax: `{{ name(arg=1) }}` puts a template's output in the page,
//! `{% name(arg=1) %}body{% end %}` wraps its Markdown body in one. They are expanded
//! before Markdown, as Zola does; calls in code blocks and code spans stay text.
//!
//! A body is not handed to its template as text: the template is rendered once with a
//! marker for `body`, and the output around the marker wraps the body, which stays in the
//! page's Markdown. So the body is rendered with the page (its headings in the table of
//! contents, its `@/` links checked), and every position in the expanded text maps back
//! to the page's own (`Expanded::original`), so diagnostics point at what the author wrote.
//!
//! The templates are `render`'s (the one owner of Tera), behind `Renderer`.

mod parse;

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde_json::{Map, Value};

use self::parse::{Problem, Token};
use crate::diag::{Diagnostic, Location, suggest};
use crate::messages::Site as Text;
use crate::model::{Document, Rendered};
use crate::tr;

/// What `{{ body }}` is while a body's template is rendered: letters and digits only, so
/// no escaping or Markdown filter changes it.
pub const BODY_MARKER: &str = "SENDASHORTCODEBODY7F3A9";

/// The shortcode templates, as `render::templates` loads them.
pub trait Renderer: Sync {
    /// Every shortcode name, sorted.
    fn names(&self) -> Vec<&str>;
    /// Whether `name` has a template, even one that failed to load (reported there).
    fn knows(&self, name: &str) -> bool;
    /// Whether `name`'s template loaded; calls to a broken one are not reported again.
    fn loaded(&self, name: &str) -> bool;
    /// The output of `name` with `args` (and `body`, the marker, for a body call). `nth`
    /// counts the calls of `name` on the page from 1, as Zola's `nth`.
    fn render(
        &self,
        name: &str,
        args: &Map<String, Value>,
        body: bool,
        nth: usize,
    ) -> Result<String, String>;
}

/// A body with its shortcodes expanded, and where each part of it came from.
pub struct Expanded {
    pub text: String,
    /// (start in `text`, start in the original body, copied from it): inserted parts map
    /// to the start of their call.
    segments: Vec<(usize, usize, bool)>,
}

impl Expanded {
    /// The offset in the original body of offset `at` of the expanded text.
    pub fn original(&self, at: usize) -> usize {
        let i = self
            .segments
            .partition_point(|s| s.0 <= at)
            .saturating_sub(1);
        match self.segments.get(i) {
            Some(&(new, old, true)) => old + (at - new),
            Some(&(_, old, false)) => old,
            None => at,
        }
    }

    /// `rendered`'s ranges (links, heading ids), from the expanded text to the body's.
    pub fn map_back(&self, rendered: &mut Rendered) {
        let map = |r: &Range<usize>| {
            let start = self.original(r.start);
            start..self.original(r.end).max(start)
        };
        for link in &mut rendered.links {
            link.range = map(&link.range);
        }
        for problem in &mut rendered.id_problems {
            problem.range = map(&problem.range);
            problem.first = problem.first.as_ref().map(map);
        }
    }

    fn copy(&mut self, body: &str, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.segments.push((self.text.len(), range.start, true));
        self.text.push_str(&body[range]);
    }

    fn insert(&mut self, at: usize, html: &str) {
        self.segments.push((self.text.len(), at, false));
        self.text.push_str(html);
    }
}

/// `doc`'s body with every shortcode expanded; `Ok(None)` when it calls none. `code` is
/// where its code blocks and spans are. Every problem is located in the document.
pub fn expand(
    doc: &Document,
    code: &[Range<usize>],
    renderer: &dyn Renderer,
) -> Result<Option<Expanded>, Vec<Diagnostic>> {
    let body = doc.body();
    let at = |range: Range<usize>| {
        let start = doc.body_start;
        let path = Path::new("content").join(&doc.source);
        Location::from_range(&path, &doc.text, start + range.start..start + range.end)
    };
    let tokens = parse::tokens(body, code).map_err(|e| vec![syntax_error(e, &at)])?;
    if tokens.is_empty() {
        return Ok(None);
    }
    let mut out = Expanded {
        text: String::with_capacity(body.len() * 2),
        segments: Vec::new(),
    };
    let mut errors = Vec::new();
    // Open bodies: (the opener's range, the output after the body, whether the body shows).
    let mut open: Vec<(Range<usize>, String, bool)> = Vec::new();
    let mut nth: HashMap<String, usize> = HashMap::new();
    let mut copied = 0;
    for (range, token) in tokens {
        let visible = open.iter().all(|o| o.2);
        if visible {
            out.copy(body, copied..range.start);
        }
        copied = range.end;
        let Token::Call {
            name,
            name_range,
            args,
            body: has_body,
        } = token
        else {
            match open.pop() {
                Some((_, after, _)) if open.iter().all(|o| o.2) => out.insert(range.start, &after),
                Some(_) => {}
                None => errors.push(
                    Diagnostic::error(tr!(Text::ShortcodeStrayEnd))
                        .at(at(range))
                        .help(tr!(Text::ShortcodeStrayEndHelp)),
                ),
            }
            continue;
        };
        if !visible {
            if has_body {
                open.push((range, String::new(), false));
            }
            continue;
        }
        let count = nth.entry(name.clone()).or_insert(0);
        *count += 1;
        let output = match call(renderer, &name, &args, has_body, *count) {
            Ok(output) => output,
            Err(error) => {
                errors.extend(error.map(|d| d.at(at(name_range))));
                String::new()
            }
        };
        if has_body {
            let (before, after, shows) = split_at_body(&output);
            out.insert(range.start, &format!("\n\n{}\n\n", html_block(before)));
            open.push((range, format!("\n\n{}\n\n", html_block(after)), shows));
        } else if stands_alone(body, &range) {
            out.insert(range.start, &html_block(&output));
        } else {
            out.insert(range.start, &output.trim().replace('\n', " "));
        }
    }
    out.copy(body, copied..body.len());
    for (range, _, _) in open {
        errors.push(
            Diagnostic::error(tr!(Text::ShortcodeUnclosed))
                .at(at(range))
                .help(tr!(Text::ShortcodeUnclosedHelp)),
        );
    }
    if errors.is_empty() {
        Ok(Some(out))
    } else {
        Err(errors)
    }
}

/// A call's output, or why there is none (`Err(None)`: already reported elsewhere).
fn call(
    renderer: &dyn Renderer,
    name: &str,
    args: &Map<String, Value>,
    body: bool,
    nth: usize,
) -> Result<String, Option<Diagnostic>> {
    if !renderer.knows(name) {
        let names = renderer.names();
        let help = match suggest(name, names.iter().copied()) {
            Some(near) => tr!(Text::DidYouMean, near),
            None if names.is_empty() => tr!(Text::ShortcodeNoneHelp, name),
            None => tr!(Text::ShortcodeKnownHelp, names.join(", "), name),
        };
        return Err(Some(
            Diagnostic::error(tr!(Text::ShortcodeUnknown, name)).help(help),
        ));
    }
    if !renderer.loaded(name) {
        return Err(None);
    }
    renderer.render(name, args, body, nth).map_err(|message| {
        Some(
            Diagnostic::error(tr!(Text::ShortcodeFailed, name, message))
                .help(tr!(Text::ShortcodeFailedHelp, name)),
        )
    })
}

fn syntax_error(error: parse::SyntaxError, at: &dyn Fn(Range<usize>) -> Location) -> Diagnostic {
    let (message, help) = match error.what {
        Problem::BadArgument => (
            tr!(Text::ShortcodeBadArgument),
            tr!(Text::ShortcodeBadArgumentHelp),
        ),
        Problem::OpenString => (
            tr!(Text::ShortcodeOpenString),
            tr!(Text::ShortcodeOpenStringHelp),
        ),
        Problem::BadClose(close) => (
            tr!(Text::ShortcodeBadClose, close),
            tr!(Text::ShortcodeBadCloseHelp, close),
        ),
    };
    Diagnostic::error(message).at(at(error.range)).help(help)
}

/// Whether the call is alone on its line(s): its output is then a block of HTML.
fn stands_alone(body: &str, range: &Range<usize>) -> bool {
    let line_start = body[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = body[range.end..]
        .find('\n')
        .map_or(body.len(), |i| range.end + i);
    body[line_start..range.start].trim().is_empty() && body[range.end..line_end].trim().is_empty()
}

/// A body template's output before and after the body, and whether it shows the body.
/// A paragraph a Markdown filter put around the marker is dropped: the body makes its own.
fn split_at_body(output: &str) -> (&str, &str, bool) {
    let Some(at) = output.find(BODY_MARKER) else {
        return (output, "", false);
    };
    let (before, after) = (&output[..at], &output[at + BODY_MARKER.len()..]);
    if let (Some(before), Some(after)) = (
        before.trim_end().strip_suffix("<p>"),
        after.trim_start().strip_prefix("</p>"),
    ) {
        return (before, after, true);
    }
    (before, after, true)
}

/// HTML that Markdown keeps as one block: a blank line would end it, so there is none.
fn html_block(html: &str) -> String {
    html.lines()
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_map_back_to_the_body_as_written() {
        let mut out = Expanded {
            text: String::new(),
            segments: Vec::new(),
        };
        let body = "ab{{ x() }}cd";
        out.copy(body, 0..2);
        out.insert(2, "<b>XXXX</b>");
        out.copy(body, 11..13);
        assert_eq!(out.text, "ab<b>XXXX</b>cd");
        assert_eq!(out.original(1), 1);
        assert_eq!(out.original(5), 2);
        assert_eq!(out.original(13), 11);
        assert_eq!(out.original(14), 12);
    }

    #[test]
    fn a_markdown_paragraph_around_the_body_is_dropped() {
        let output = format!("<aside>\n<p>{BODY_MARKER}</p>\n</aside>");
        assert_eq!(split_at_body(&output), ("<aside>\n", "\n</aside>", true));
        assert_eq!(split_at_body("<hr>"), ("<hr>", "", false));
    }
}
