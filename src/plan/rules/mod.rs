//! The validation rules of `pmap/1` (docs/plan-rules.md): E = error, W = warning.
//! Messages are in Spanish, for the school directors who write the plans, and every one
//! starts with its rule code so it can be looked up.
//!
//! This file is the dispatcher and the `Checker` every rule writes through; each group of
//! rules is a file: `identity` (E1, E3, W15), `institution` (E2, E5, W12, W13), `approval` (E4,
//! W1, W2), `people` (E6, E13, W6), `time` (E7, E8, W3, W7), `visits` (E10–E12, W4, W5), `numbers` (E14,
//! E15, E17, W8, W9), `budget` (E18), `links` (E19, W10), `texts` (W11), `masking` (P5, its E0,
//! W16); `placeholders` (E21) reads
//! the raw table, as the privacy lint does, so it is called beside that lint. Dates and the year
//! of a month are `calendar`'s. The privacy rules (P1–P4) live in `lint::privacy`; they scan
//! the raw text, not this model.

use std::ops::Range;

use toml::Spanned;

use super::model::Plan;
use super::vocab::{self, Term, Token};
use crate::diag::{Code, Diagnostic, Diagnostics, Location};
use crate::load::toml_input::Source;

mod approval;
mod budget;
mod identity;
mod institution;
mod links;
mod masking;
mod numbers;
mod people;
pub mod placeholders;
mod texts;
mod time;
mod visits;

/// The most visits a teacher can get in one plan (rule E12): a school year has about 40
/// weeks, so this is well over two a week, and no real plan comes near it.
pub const MAX_VISITS: i64 = 100;

/// What the rules need to know beyond the plan itself.
pub struct Context<'a> {
    /// The file name without `.toml`, which `id` must equal.
    pub file_id: &'a str,
    pub current_year: i32,
    /// Resolves `@/` guidance links (rule E6).
    pub page_exists: &'a (dyn Fn(&str) -> bool + Sync),
}

pub fn validate(plan: &Plan, source: &Source, context: &Context, out: &mut Diagnostics) {
    let mut check = Checker { source, out };
    check.identity(plan, context);
    check.institution(plan);
    check.approval(plan, context);
    check.people(plan, context);
    check.period(plan);
    check.visits(plan);
    check.activities(plan);
    check.numbers(plan);
    check.norms(plan, context);
    check.budget(plan);
    check.urls(plan);
    check.texts(plan);
    check.masking(plan);
}

/// Where rules write: each group of rules is a method of its own file.
struct Checker<'a, 'b> {
    source: &'a Source<'b>,
    out: &'a mut Diagnostics,
}

impl Checker<'_, '_> {
    fn error(&mut self, code: Code, span: Range<usize>, message: String, help: impl Into<String>) {
        let location = self.source.locate(span);
        self.out.push(
            Diagnostic::error(message)
                .code(code)
                .at(location)
                .help(help),
        );
    }

    /// An error about something absent from the whole file: located at the file, not at a
    /// line that happens to come first (often a comment).
    fn missing(&mut self, code: Code, message: String, help: impl Into<String>) {
        self.out.push(
            Diagnostic::error(message)
                .code(code)
                .at(Location::file(self.source.path))
                .help(help),
        );
    }

    fn warning(
        &mut self,
        code: Code,
        span: Range<usize>,
        message: String,
        help: impl Into<String>,
    ) {
        let location = self.source.locate(span);
        self.out.push(
            Diagnostic::warning(message)
                .code(code)
                .at(location)
                .help(help),
        );
    }

    /// An enumerated value must be one of `allowed`; `otro` is always accepted. Read in its
    /// listed spelling (`vocab::one`), it is compared as it is.
    fn one_of(&mut self, value: &Spanned<String>, what: &str, allowed: &[&str]) {
        let text = value.get_ref().as_str();
        if text != "otro" && !allowed.contains(&text) {
            self.not_one_of(text, value.span(), what, allowed);
        }
    }

    /// A value of an enumeration senda acts on, one with `otro`, must be one of its values.
    fn term<T: Term>(&mut self, value: &Spanned<Token<T>>, what: &str) {
        let token = value.get_ref();
        if token.value.is_none() {
            self.not_one_of(&token.text, value.span(), what, &T::listed());
        }
    }

    /// E0: `text` is none of `allowed`, nor `otro`.
    fn not_one_of(&mut self, text: &str, span: Range<usize>, what: &str, allowed: &[&str]) {
        let listed = allowed
            .iter()
            .map(|a| format!("`{a}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = match vocab::nearest(text, allowed.iter().copied()) {
            Some(right) => format!(
                "¿quiso decir `{right}`? Valores admitidos: {listed}, u `otro` con `detalle`"
            ),
            None => {
                format!("valores admitidos: {listed}, u `otro` con un `detalle` que lo explique")
            }
        };
        self.error(
            Code::E0,
            span,
            format!("`{text}` no es un valor válido para {what}"),
            help,
        );
    }
}

/// What the tests of every group share: a plan from a TOML snippet, checked by one group.
#[cfg(test)]
mod testing {
    use std::path::Path;

    use super::{Checker, Context};
    use crate::diag::{Code, Diagnostics};
    use crate::load::toml_input::Source;
    use crate::plan::model::Plan;

    /// The codes that `group` reports for the plan `toml` (file `ie-1-2024.toml`, in 2025,
    /// in a site with one page, `estrategias/visita.md`), in the order reported.
    pub fn codes(toml: &str, group: impl FnOnce(&mut Checker, &Plan, &Context)) -> Vec<Code> {
        let plan: Plan = toml::from_str(toml).unwrap_or_else(|e| panic!("{e}\n{toml}"));
        let path = Path::new("content/planes/ie-1-2024.toml");
        let source = Source::whole_file(path, toml);
        let mut out = Diagnostics::default();
        let context = Context {
            file_id: "ie-1-2024",
            current_year: 2025,
            page_exists: &|page| page == "estrategias/visita.md",
        };
        group(
            &mut Checker {
                source: &source,
                out: &mut out,
            },
            &plan,
            &context,
        );
        out.iter().filter_map(|d| d.code).collect()
    }

    /// Checks every case, `(plan, codes)`, and names the case that fails.
    #[track_caller]
    pub fn check_cases(cases: &[(&str, &[Code])], group: impl Fn(&mut Checker, &Plan, &Context)) {
        for (toml, expected) in cases {
            let found = codes(toml, &group);
            assert_eq!(found, *expected, "for the plan:\n{toml}");
        }
    }
}
