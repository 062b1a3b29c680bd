//! Which names can be files on every disk a site is carried on.
//!
//! A portal is often copied to a USB stick and opened on a school's Windows computer, so an
//! output name must be valid there too: none of Windows' reserved device names (`con`,
//! `nul`, `com1`…, with any extension), none of its forbidden characters, and no name or
//! path longer than file systems allow. Each is refused before anything is written, naming
//! the file, rather than failing halfway with an error that names none.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::config::Config;
use crate::messages::Site as Text;
use crate::tr;
use crate::write::CopiedFile;

/// The longest file or folder name, in bytes, of ext4, NTFS (in UTF-16 units, which UTF-8
/// bytes never undercount) and most other file systems.
pub const MAX_NAME_BYTES: usize = 255;

/// The longest path Linux opens (`PATH_MAX`, less its final NUL).
const MAX_PATH_BYTES: usize = 4095;

/// Room kept for the staging folder, whose name is the output folder's with a prefix and a
/// suffix (`.public.senda-staging-<pid>`, see `output`).
const STAGING_SLACK: usize = 32;

/// Why a name cannot be a file on every disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A device name of Windows (`con`, `aux`, `nul`, `prn`, `com1`…, `lpt1`…).
    Reserved(String),
    /// A character Windows refuses in names (`\`, `:`, `*`, `?`, `"`, `<`, `>`, `|`) or a
    /// control character.
    Character(char),
    /// Windows drops a final dot or space, so the file would get another name.
    TrailingDotOrSpace,
    /// More than `MAX_NAME_BYTES` bytes.
    TooLong(usize),
}

impl Problem {
    /// Why, in the command line's language (that of messages about site files).
    pub fn describe(&self) -> String {
        match self {
            Problem::Reserved(device) => tr!(Text::NameDevice, device),
            Problem::Character(c) => tr!(Text::NameCharacter, shown_char(*c)),
            Problem::TrailingDotOrSpace => tr!(Text::NameTrailing),
            Problem::TooLong(bytes) => tr!(Text::NameTooLong, bytes, MAX_NAME_BYTES),
        }
    }
}

fn shown_char(c: char) -> String {
    if c.is_control() {
        tr!(Text::ControlCharacter, format!("{:04X}", u32::from(c)))
    } else {
        format!("`{c}`")
    }
}

/// The Windows device name `name` stands for, if any: the part before the first dot,
/// without trailing spaces, in any case (`CON`, `nul.txt`, `Com1.tar.gz`, `lpt¹`).
pub fn windows_device(name: &str) -> Option<String> {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    // Every device name is 3 letters, or 3 and a digit (`lpt¹` is 5 bytes): nothing longer
    // is lowercased, since every output path's every name is asked on every rebuild.
    if !(3..=5).contains(&stem.len()) {
        return None;
    }
    let lower = stem.to_lowercase();
    let reserved = match lower.as_str() {
        "con" | "prn" | "aux" | "nul" => true,
        other => other
            .strip_prefix("com")
            .or_else(|| other.strip_prefix("lpt"))
            .is_some_and(|digit| {
                matches!(
                    digit,
                    "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
                )
            }),
    };
    reserved.then_some(lower)
}

/// The first reason `name` (one file or folder name, not a path) cannot be a file on every
/// disk, if any.
pub fn problem(name: &str) -> Option<Problem> {
    if let Some(device) = windows_device(name) {
        return Some(Problem::Reserved(device));
    }
    if let Some(c) = name
        .chars()
        .find(|c| c.is_control() || matches!(c, '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
    {
        return Some(Problem::Character(c));
    }
    if name.ends_with(['.', ' ']) {
        return Some(Problem::TrailingDotOrSpace);
    }
    (name.len() > MAX_NAME_BYTES).then_some(Problem::TooLong(name.len()))
}

/// Every output file, rendered or copied, must have a name each disk accepts and a path the
/// system can open under the output folder. Content names are checked earlier, where their
/// source file is known (`content`), and plan ids by rule E1; this catches the rest (static
/// files, names made from plan data such as a UGEL's) before the write fails without a name.
pub fn check_output_paths(
    config: &Config,
    files: &[String],
    copies: &[CopiedFile],
    diagnostics: &mut Diagnostics,
) {
    let output_dir = &config.output_dir;
    let room = MAX_PATH_BYTES
        .saturating_sub(output_dir.as_os_str().len() + 1)
        .saturating_sub(STAGING_SLACK);
    let origins = files.iter().map(|f| (f.as_str(), None)).chain(
        copies
            .iter()
            .map(|c| (c.to.as_str(), Some(c.from.as_path()))),
    );
    for (path, from) in origins {
        let why = path
            .split('/')
            .find_map(|name| problem(name).map(|p| format!("`{name}`: {}", p.describe())))
            .or_else(|| {
                (path.len() > room).then(|| {
                    tr!(
                        Text::PathTooLong,
                        path.len(),
                        output_dir.as_os_str().len(),
                        MAX_PATH_BYTES
                    )
                })
            });
        let Some(why) = why else { continue };
        let mut diagnostic = Diagnostic::error(tr!(Text::OutputUnwritable, path, why));
        diagnostic = match from {
            Some(from) => diagnostic
                .at(Location::file(
                    from.strip_prefix(&config.root).unwrap_or(from),
                ))
                .help(tr!(Text::OutputUnwritableCopy)),
            None => diagnostic.help(tr!(Text::OutputUnwritableHelp)),
        };
        diagnostics.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_device_names_in_any_case_and_with_any_extension() {
        for name in [
            "con",
            "CON",
            "Aux",
            "nul.txt",
            "prn.tar.gz",
            "com1",
            "COM9.md",
            "lpt3",
            "lpt¹",
            "con .txt",
        ] {
            assert!(windows_device(name).is_some(), "{name}");
        }
        for name in ["console", "icon", "com10", "lpt", "com", "nula.md", "a.con"] {
            assert_eq!(windows_device(name), None, "{name}");
        }
    }

    #[test]
    fn problems_of_names() {
        assert_eq!(problem("visita-en-aula"), None);
        assert_eq!(problem("ficha.pdf"), None);
        assert_eq!(problem("a\\b.png"), Some(Problem::Character('\\')));
        assert_eq!(problem("a:b"), Some(Problem::Character(':')));
        assert_eq!(problem("a\u{1}b"), Some(Problem::Character('\u{1}')));
        assert_eq!(problem("nota."), Some(Problem::TrailingDotOrSpace));
        assert_eq!(problem(&"a".repeat(256)), Some(Problem::TooLong(256)));
        assert_eq!(problem(&"a".repeat(255)), None);
        assert_eq!(
            problem("NUL.html"),
            Some(Problem::Reserved("nul".to_string()))
        );
    }
}
