//! Finding shortcode calls in a Markdown body, in Zola's syntax: `{{ name(arg=1) }}` and
//! `{% name(arg=1) %}body{% end %}`. Calls inside code (blocks and spans) are text.

use std::ops::Range;

use serde_json::{Map, Number, Value};

/// A call, or a body's end, found in the body.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token {
    /// `{{ name(…) }}`, or the opening `{% name(…) %}` when `body` is true.
    Call {
        name: String,
        name_range: Range<usize>,
        args: Map<String, Value>,
        body: bool,
    },
    /// `{% end %}`.
    End,
}

/// What is wrong with a call, and where (a byte range of the body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SyntaxError {
    pub range: Range<usize>,
    pub what: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Problem {
    /// Something other than `name = value` where an argument belongs.
    BadArgument,
    /// A string without its closing quote.
    OpenString,
    /// Something after the arguments other than `}}` / `%}`.
    BadClose(&'static str),
}

/// Every call and end in `body` (range, token), skipping `code` ranges, in order.
pub(super) fn tokens(
    body: &str,
    code: &[Range<usize>],
) -> Result<Vec<(Range<usize>, Token)>, SyntaxError> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = body[at..].find('{') {
        let start = at + offset;
        if let Some(block) = code.iter().find(|r| r.contains(&start)) {
            at = block.end.max(start + 1);
            continue;
        }
        match token_at(body, start)? {
            Some((end, token)) => {
                found.push((start..end, token));
                at = end;
            }
            None => at = start + 1,
        }
    }
    Ok(found)
}

/// The token starting at `start`, if `{{ ident(`, `{% ident(` or `{% end %}` starts there.
fn token_at(body: &str, start: usize) -> Result<Option<(usize, Token)>, SyntaxError> {
    let rest = &body[start..];
    let close = if rest.starts_with("{{") {
        "}}"
    } else if rest.starts_with("{%") {
        "%}"
    } else {
        return Ok(None);
    };
    let mut cursor = Cursor {
        text: body,
        at: start + 2,
    };
    cursor.spaces();
    let name_start = cursor.at;
    let name = cursor.ident();
    let name_range = name_start..cursor.at;
    cursor.spaces();
    if close == "%}" && name == "end" {
        return if cursor.eat("%}") {
            Ok(Some((cursor.at, Token::End)))
        } else {
            Err(SyntaxError {
                range: cursor.at..cursor.at,
                what: Problem::BadClose("%}"),
            })
        };
    }
    if name.is_empty() || !cursor.eat("(") {
        return Ok(None);
    }
    let args = arguments(&mut cursor)?;
    cursor.spaces();
    if !cursor.eat(close) {
        let next = cursor.rest().chars().next().map_or(0, char::len_utf8);
        return Err(SyntaxError {
            range: cursor.at..cursor.at + next,
            what: Problem::BadClose(close),
        });
    }
    Ok(Some((
        cursor.at,
        Token::Call {
            name: name.to_string(),
            name_range,
            args,
            body: close == "%}",
        },
    )))
}

/// `key = value, …` up to and including the closing `)`.
fn arguments(cursor: &mut Cursor) -> Result<Map<String, Value>, SyntaxError> {
    let mut args = Map::new();
    loop {
        cursor.spaces();
        if cursor.eat(")") {
            return Ok(args);
        }
        let key_start = cursor.at;
        let key = cursor.ident().to_string();
        cursor.spaces();
        if key.is_empty() || !cursor.eat("=") {
            return Err(cursor.bad_argument(key_start));
        }
        cursor.spaces();
        let value = value(cursor)?;
        args.insert(key, value);
        cursor.spaces();
        if !cursor.eat(",") && !cursor.rest().starts_with(')') {
            return Err(cursor.bad_argument(cursor.at));
        }
    }
}

/// A string (`"…"`, `'…'` or `` `…` ``), a number, `true`, `false`, or `[value, …]`.
fn value(cursor: &mut Cursor) -> Result<Value, SyntaxError> {
    let start = cursor.at;
    let rest = cursor.rest();
    if let Some(quote) = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))
    {
        return string(cursor, quote);
    }
    if cursor.eat("[") {
        let mut items = Vec::new();
        loop {
            cursor.spaces();
            if cursor.eat("]") {
                return Ok(Value::Array(items));
            }
            items.push(value(cursor)?);
            cursor.spaces();
            if !cursor.eat(",") && !cursor.rest().starts_with(']') {
                return Err(cursor.bad_argument(cursor.at));
            }
        }
    }
    let word_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.' | '_')))
        .unwrap_or(rest.len());
    let word = &rest[..word_len];
    let parsed = match word {
        "true" => Some(Value::Bool(true)),
        "false" => Some(Value::Bool(false)),
        _ => word.parse::<i64>().ok().map(Value::from).or_else(|| {
            word.parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .map(Value::Number)
        }),
    };
    match parsed {
        Some(value) => {
            cursor.at += word_len;
            Ok(value)
        }
        None => Err(cursor.bad_argument(start)),
    }
}

/// A quoted string; `\` escapes the next character (`\n` is a newline).
fn string(cursor: &mut Cursor, quote: char) -> Result<Value, SyntaxError> {
    let start = cursor.at;
    let rest = cursor.rest();
    let mut text = String::new();
    let mut chars = rest[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, 'n')) => text.push('\n'),
                Some((_, escaped)) => text.push(escaped),
                None => break,
            },
            c if c == quote => {
                cursor.at = start + 1 + i + c.len_utf8();
                return Ok(Value::String(text));
            }
            c => text.push(c),
        }
    }
    let line_end = rest.find('\n').unwrap_or(rest.len());
    Err(SyntaxError {
        range: start..start + line_end,
        what: Problem::OpenString,
    })
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn spaces(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, literal: &str) -> bool {
        let found = self.rest().starts_with(literal);
        if found {
            self.at += literal.len();
        }
        found
    }

    fn ident(&mut self) -> &'a str {
        let rest = self.rest();
        if rest.chars().next().is_none_or(|c| c.is_ascii_digit()) {
            return "";
        }
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        self.at += len;
        &rest[..len]
    }

    /// An error over the argument from `start`, up to the next `,`, `)` or line end.
    fn bad_argument(&self, start: usize) -> SyntaxError {
        let rest = &self.text[start..];
        let len = rest.find([',', ')', '\n']).unwrap_or(rest.len());
        let len = if len == 0 {
            rest.chars().next().map_or(0, char::len_utf8)
        } else {
            len
        };
        SyntaxError {
            range: start..start + len,
            what: Problem::BadArgument,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(text: &str) -> Token {
        let found = tokens(text, &[]).expect("parses");
        assert_eq!(found.len(), 1, "{found:?}");
        found[0].1.clone()
    }

    #[test]
    fn calls_take_strings_numbers_booleans_and_arrays() {
        let text =
            r#"a {{ figura(src="a.jpg", ancho=360, escala=1.5, zoom=false, tags=['x', "y"]) }} b"#;
        let Token::Call {
            name, args, body, ..
        } = call(text)
        else {
            panic!("not a call");
        };
        assert_eq!(name, "figura");
        assert!(!body);
        assert_eq!(args["src"], "a.jpg");
        assert_eq!(args["ancho"], 360);
        assert_eq!(args["escala"], 1.5);
        assert_eq!(args["zoom"], false);
        assert_eq!(args["tags"], serde_json::json!(["x", "y"]));
    }

    #[test]
    fn text_that_only_looks_like_a_call_is_text() {
        assert_eq!(
            tokens("{{ variable }} y {% if x %} y {x}", &[]),
            Ok(Vec::new())
        );
        let code = "`{{ nota() }}`";
        let span = 0..code.len();
        assert_eq!(tokens(code, std::slice::from_ref(&span)), Ok(Vec::new()));
    }

    #[test]
    fn bad_arguments_are_located() {
        let error = tokens("{{ nota(tipo=importante) }}", &[]).unwrap_err();
        assert_eq!((error.range, error.what), (13..23, Problem::BadArgument));
        let error = tokens("{{ nota(tipo=\"x) }}\n", &[]).unwrap_err();
        assert_eq!(error.what, Problem::OpenString);
        let error = tokens("{% nota() }}", &[]).unwrap_err();
        assert_eq!(error.what, Problem::BadClose("%}"));
    }
}
