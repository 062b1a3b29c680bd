//! Every text the command line shows, in Spanish (the default) and English.
//!
//! Users are Peruvian teachers and UGEL specialists: Spanish unless the locale asks for
//! English (`LC_ALL`, else `LC_MESSAGES`, else `LANG`, as POSIX orders them, starting with
//! `en`). Each table is an enum of keys (`cli::Cli`, `site::Site`), so a missing key is a
//! compile error; `fill` puts arguments into a text without ever reading them as a
//! template, so a file name with braces is printed as it is.
//!
//! The plan rules (`plan::rules`) write their own messages, in Spanish only: they quote the
//! plan's Spanish field names, and the directors who read them write Spanish.

pub mod cli;
pub mod help;
pub mod links;
pub mod site;

use std::fmt::Display;
use std::sync::OnceLock;

pub use cli::Cli;
pub use help::Help;
pub use links::Links;
pub use site::Site;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Es,
    En,
}

/// The language of this process, read from the environment once. Unit tests always get
/// the default, whatever the locale of the machine that runs them.
pub fn lang() -> Lang {
    if cfg!(test) {
        return Lang::Es;
    }
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(|| {
        let var = |name| std::env::var(name).ok();
        lang_of(var("LC_ALL"), var("LC_MESSAGES"), var("LANG"))
    })
}

/// POSIX precedence: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not
/// empty decides; English only when it names English (`en`, `en_US.UTF-8`).
pub fn lang_of(lc_all: Option<String>, lc_messages: Option<String>, lang: Option<String>) -> Lang {
    let chosen = [lc_all, lc_messages, lang]
        .into_iter()
        .flatten()
        .find(|value| !value.is_empty());
    match chosen {
        Some(value) if value.starts_with("en") => Lang::En,
        _ => Lang::Es,
    }
}

/// A table of texts: each key has one text per language.
pub trait Table: Copy {
    fn text(self, lang: Lang) -> &'static str;
}

/// The text of `key` in this process's language, with `args` in its `{}` (in order) or
/// `{0}`, `{1}`… (by position, for a translation that orders them otherwise).
pub fn text(key: impl Table, args: &[&dyn Display]) -> String {
    fill(key.text(lang()), args)
}

/// The text of `key`, without arguments, for the APIs that keep a `&'static str`.
pub fn plain(key: impl Table) -> &'static str {
    key.text(lang())
}

/// `template` with its placeholders replaced by `args`. `{{` and `}}` are literal braces;
/// an argument is inserted as it is, never scanned for placeholders, and a placeholder
/// without an argument is left empty (the tables' tests keep that from happening).
pub fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16 * args.len());
    let mut next = 0;
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        let close = match tail.find('}') {
            Some(close) if tail.starts_with('{') => close,
            _ => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
                continue;
            }
        };
        let index = match tail[1..close].parse::<usize>() {
            Ok(index) => index,
            Err(_) => {
                next += 1;
                next - 1
            }
        };
        if let Some(arg) = args.get(index) {
            out.push_str(&arg.to_string());
        }
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The placeholders of a template, as the indexes of the arguments they take (sorted):
/// both languages of a key must take the same arguments.
pub fn placeholders(template: &str) -> Vec<usize> {
    let marked: Vec<String> = (0..16).map(|i| format!("\u{1}{i}\u{2}")).collect();
    let args: Vec<&dyn Display> = marked.iter().map(|m| m as &dyn Display).collect();
    let filled = fill(template, &args);
    let mut found: Vec<usize> = (0..16)
        .flat_map(|i| std::iter::repeat_n(i, filled.matches(&marked[i]).count()))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// `one` for 1, else `many`, each with the count in its `{}`: "1 página", "3 páginas".
pub fn count<T: Table>(n: usize, one: T, many: T) -> String {
    text(if n == 1 { one } else { many }, &[&n])
}

/// Declares a table: an enum of keys, each with its Spanish and its English text.
macro_rules! table {
    ($(#[$doc:meta])* $name:ident { $($key:ident => $es:literal, $en:literal;)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($key,)*
        }

        impl $name {
            /// Every key, for the tests that compare the two languages.
            pub const ALL: &[$name] = &[$($name::$key,)*];
        }

        impl $crate::messages::Table for $name {
            fn text(self, lang: $crate::messages::Lang) -> &'static str {
                match (self, lang) {
                    $(
                        ($name::$key, $crate::messages::Lang::Es) => $es,
                        ($name::$key, $crate::messages::Lang::En) => $en,
                    )*
                }
            }
        }
    };
}
pub(crate) use table;

/// `messages::text` with its arguments written as a list: `tr!(Site::Key, a, b)`.
#[macro_export]
macro_rules! tr {
    ($key:expr) => {
        $crate::messages::text($key, &[])
    };
    ($key:expr, $($arg:expr),+ $(,)?) => {
        $crate::messages::text($key, &[$(&$arg as &dyn ::std::fmt::Display),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_arguments<T: Table + std::fmt::Debug>(all: &[T]) {
        for key in all {
            let (es, en) = (key.text(Lang::Es), key.text(Lang::En));
            assert_eq!(
                placeholders(es),
                placeholders(en),
                "{key:?}: {es:?} / {en:?}"
            );
            assert!(
                !es.is_empty() && !en.is_empty(),
                "{key:?} has an empty text"
            );
        }
    }

    #[test]
    fn both_languages_of_every_key_take_the_same_arguments() {
        same_arguments(Cli::ALL);
        same_arguments(Help::ALL);
        same_arguments(Site::ALL);
        same_arguments(Links::ALL);
    }

    #[test]
    fn arguments_are_inserted_once_and_never_read_as_templates() {
        let name = "{0} y {}";
        assert_eq!(fill("abre `{}`: {}", &[&name, &3]), "abre `{0} y {}`: 3");
        assert_eq!(fill("{1} de {0}", &[&"a", &"b"]), "b de a");
        assert_eq!(fill("{{literal}} {}", &[&1]), "{literal} 1");
        assert_eq!(fill("falta {}", &[]), "falta ");
        assert_eq!(fill("suelta } y {", &[]), "suelta } y {");
    }

    #[test]
    fn the_locale_follows_posix_precedence() {
        let s = |v: &str| Some(v.to_string());
        assert_eq!(lang_of(None, None, None), Lang::Es);
        assert_eq!(lang_of(None, None, s("en_US.UTF-8")), Lang::En);
        assert_eq!(lang_of(None, None, s("es_PE.UTF-8")), Lang::Es);
        assert_eq!(lang_of(None, None, s("C.UTF-8")), Lang::Es);
        assert_eq!(lang_of(s("es_PE"), None, s("en_US")), Lang::Es);
        assert_eq!(lang_of(None, s("en_GB"), s("es_PE")), Lang::En);
        assert_eq!(lang_of(s(""), None, s("en")), Lang::En);
    }
}
