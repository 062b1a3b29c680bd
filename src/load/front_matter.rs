//! Front matter: the TOML between the `+++` fences at the top of a Markdown file, split
//! from the body and parsed into `FrontMatter`, every key checked and located.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diag::{Diagnostic, Location};
use crate::load::toml_input::{self, Source};
use crate::messages::Site as Text;
use crate::model::{FrontMatter, SectionKeys, SortBy};
use crate::tr;

const FENCE: &str = "+++";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    date: Option<toml::Spanned<toml::Value>>,
    #[serde(default)]
    weight: Option<i64>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    template: Option<String>,
    /// Zola's name: a section's own Atom feed, `<section>/atom.xml`.
    #[serde(default)]
    generate_feeds: bool,
    #[serde(default)]
    extra: toml::Table,
    /// Zola's `[taxonomies]`: taxonomy name -> its terms, checked against `site.toml` by
    /// `load::taxonomies`, which knows what the site declares.
    #[serde(default)]
    taxonomies: BTreeMap<String, Vec<String>>,
    // Zola's page keys.
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    updated: Option<toml::Spanned<toml::Value>>,
    // Zola's section keys.
    #[serde(default)]
    sort_by: Option<SortBy>,
    #[serde(default)]
    paginate_by: Option<toml::Spanned<i64>>,
    #[serde(default)]
    transparent: bool,
    #[serde(default = "yes")]
    render: bool,
    #[serde(default)]
    redirect_to: Option<String>,
    #[serde(default = "yes")]
    in_search_index: bool,
}

fn yes() -> bool {
    true
}

/// Finds the TOML between the `+++` fences. Returns its byte range and where the body starts.
pub(crate) fn split(
    text: &str,
    path: &Path,
) -> Result<(std::ops::Range<usize>, usize), Vec<Diagnostic>> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != FENCE {
        return Err(vec![
            Diagnostic::error(tr!(Text::NoFrontMatter))
                .at(Location::from_range(path, text, 0..first_line.len()))
                .help(tr!(Text::NoFrontMatterHelp)),
        ]);
    }
    let front_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = front_start;
    for line in text[front_start..].split_inclusive('\n') {
        if line.trim_end() == FENCE {
            return Ok((front_start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    Err(vec![
        Diagnostic::error(tr!(Text::FrontMatterOpen))
            .at(Location::from_range(path, text, 0..FENCE.len()))
            .help(tr!(Text::FrontMatterOpenHelp)),
    ])
}

/// The front matter in `source` (its TOML, from `split`), checked.
pub(super) fn parse(source: &Source) -> Result<FrontMatter, Vec<Diagnostic>> {
    let raw: RawFrontMatter = toml_input::parse_site(source)?;
    resolve_front_matter(raw, source)
}

fn resolve_front_matter(
    raw: RawFrontMatter,
    source: &Source,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let mut errors = check_zola_keys(&raw, source);
    let RawFrontMatter {
        title,
        description,
        date,
        weight,
        draft,
        template,
        generate_feeds,
        extra,
        taxonomies,
        slug,
        path,
        aliases,
        authors,
        updated,
        sort_by,
        paginate_by,
        transparent,
        render,
        redirect_to,
        in_search_index,
    } = raw;
    if title.trim().is_empty() {
        errors.push(
            Diagnostic::error(tr!(Text::EmptyTitle))
                .at(source.locate(0..0))
                .help(tr!(Text::EmptyTitleHelp)),
        );
    }
    let mut read_date = |value: Option<toml::Spanned<toml::Value>>| {
        value.and_then(|spanned| match parse_date(spanned.get_ref()) {
            Some(date) => Some(date),
            None => {
                errors.push(
                    Diagnostic::error(tr!(Text::BadDate))
                        .at(source.locate(spanned.span()))
                        .help(tr!(Text::BadDateHelp)),
                );
                None
            }
        })
    };
    let date = read_date(date);
    let updated = read_date(updated);
    let paginate_by = paginate_by.and_then(|spanned| match usize::try_from(*spanned.get_ref()) {
        Ok(n) if n > 0 => Some(n),
        _ => {
            errors.push(
                Diagnostic::error(tr!(Text::BadPaginateBy, spanned.get_ref()))
                    .at(source.locate(spanned.span()))
                    .help(tr!(Text::BadPaginateByHelp)),
            );
            None
        }
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(FrontMatter {
        title,
        description,
        date,
        weight,
        draft,
        template,
        generate_feeds,
        extra,
        taxonomies,
        slug,
        url_path: path,
        aliases,
        authors,
        updated,
        section: SectionKeys {
            sort_by,
            paginate_by,
            transparent,
            render,
            redirect_to,
            in_search_index,
        },
    })
}

/// A Zola key as written: its name, and whether the front matter sets it.
type Written = (&'static str, bool);

/// Zola's keys where they make sense: page keys on pages, section keys in `_index.md`,
/// aliases that stay inside the output.
fn check_zola_keys(raw: &RawFrontMatter, source: &Source) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    // An alias is a file of the output: never outside it, never a whole URL.
    for alias in &raw.aliases {
        let parts_ok = alias
            .split('/')
            .all(|part| part != ".." && part != "." && !part.contains(['\\', ':']));
        if !parts_ok || alias.trim_matches('/').is_empty() {
            errors.push(
                Diagnostic::error(tr!(Text::BadAlias, alias))
                    .at(source.key_location("aliases"))
                    .help(tr!(Text::BadAliasHelp)),
            );
        }
    }
    let is_section = source
        .path
        .file_name()
        .is_some_and(|name| name == "_index.md");
    let page_keys = [("slug", raw.slug.is_some()), ("path", raw.path.is_some())];
    let section_keys = [
        ("sort_by", raw.sort_by.is_some()),
        ("paginate_by", raw.paginate_by.is_some()),
        ("transparent", raw.transparent),
        ("render", !raw.render),
        ("redirect_to", raw.redirect_to.is_some()),
        ("in_search_index", !raw.in_search_index),
    ];
    let (misplaced, message): (&[Written], fn(&str) -> String) = if is_section {
        (&page_keys, |key| tr!(Text::PageKeyOnSection, key))
    } else {
        (&section_keys, |key| tr!(Text::SectionKeyOnPage, key))
    };
    for (key, _) in misplaced.iter().filter(|(_, written)| *written) {
        errors.push(
            Diagnostic::error(message(key))
                .at(source.key_location(key))
                .help(tr!(Text::MoveKeyHelp)),
        );
    }
    errors
}

/// Accepts a TOML date (`2024-07-12`, also with a time) or the same as a string.
fn parse_date(value: &toml::Value) -> Option<String> {
    crate::plan::calendar::Fecha::from_front_matter(value).map(|date| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_accept_toml_dates_and_strings() {
        let date: toml::Value = "2024-07-12"
            .parse::<toml::value::Datetime>()
            .unwrap()
            .into();
        assert_eq!(parse_date(&date).as_deref(), Some("2024-07-12"));
        assert_eq!(parse_date(&"2024-7-12".into()), None);
        assert_eq!(parse_date(&"2024-13-01".into()), None);
    }
}
