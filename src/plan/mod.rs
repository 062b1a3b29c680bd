//! School plans (`pmap/1`): `content/planes/<id>.toml`, validated against the format's
//! rules, turned into a public view with teachers' names masked, and exported.
//!
//! The private companion `<id>.privado.toml` is validated here and never enters the public
//! view: `view::PublicPlan` is the only thing templates and exports ever see.

pub mod calendar;
pub mod export;
pub mod listings;
pub mod model;
pub mod next_year;
pub mod paths;
pub mod private;
pub mod rules;
mod subset;
mod teacher_ids;
pub mod view;
pub mod vocab;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use toml::de::{DeTable, DeValue};

use crate::diag::{Code, Diagnostic, Diagnostics, display_path};
use crate::load::config::Config;
use crate::load::toml_input::{self, Language, Source};
use crate::messages::Site as Text;
use crate::tr;
use calendar::current_year;
use model::Plan;
use vocab::{Estado, Term};

/// A plan that passed every rule: its shape, rules E and P (warnings allowed). A plan with
/// an error never becomes a `PlanFile`, so no view, page or export is ever made of it: the
/// view trusts what the rules checked (a visit `n = 1000000000` would size its schedule).
#[derive(Debug)]
pub struct PlanFile {
    pub id: String,
    /// As shown in diagnostics: `content/planes/<id>.toml`.
    pub path: PathBuf,
    pub text: String,
    pub plan: Plan,
}

/// A checked plan, and its private companion when the caller keeps it (`--private`).
type Loaded = (PlanFile, Option<private::PrivateFile>);

/// Reads and validates every plan in `content/planes/` with its private companion file, for
/// `senda build --private` (one school's plans, all at once). Returns the plans that passed
/// their rules, and the private files of those plans, in id order.
pub fn load(
    config: &Config,
    listing: &Listing,
    include_drafts: bool,
    page_exists: &(dyn Fn(&str) -> bool + Sync),
    out: &mut Diagnostics,
) -> (Vec<PlanFile>, Vec<(String, private::PrivateFile)>) {
    let mut plans = Vec::new();
    let mut private = Vec::new();
    load_chunks(config, listing, include_drafts, page_exists, out, |chunk| {
        for (plan, companion) in chunk {
            if let Some(file) = companion {
                private.push((plan.id.clone(), file));
            }
            plans.push(plan);
        }
    });
    (plans, private)
}

/// Loads `files` in parallel, each plan then checking its private companion, if
/// `companion` names one; the diagnostics in file order. Only the plans without errors are
/// returned (see `PlanFile`), and drafts only if `include_drafts`.
fn load_many<'a>(
    files: &[(String, PathBuf)],
    current_year: i32,
    include_drafts: bool,
    page_exists: &(dyn Fn(&str) -> bool + Sync),
    companion: &(dyn Fn(&str) -> Option<&'a Path> + Sync),
    out: &mut Diagnostics,
) -> Vec<Loaded> {
    let loaded: Vec<(Option<Loaded>, Diagnostics)> = files
        .par_iter()
        .map(|(id, absolute)| {
            let mut diagnostics = Diagnostics::default();
            let plan = load_one(id, absolute, current_year, page_exists, &mut diagnostics);
            // A plan whose shape is wrong cannot be checked against; one with rule errors
            // can, so the private file's own errors come in the same run.
            let private = match (&plan, companion(id)) {
                (Ok(parsed), Some(private)) => {
                    let mut found = Diagnostics::default();
                    let file = load_private_one(id, private, Some(&parsed.file.plan), &mut found);
                    // A draft's private file is as unfinished as the draft.
                    if parsed.draft {
                        found.demote_errors();
                    }
                    diagnostics.extend(found);
                    file
                }
                _ => None,
            };
            let checked = match plan {
                Ok(plan) if plan.draft && !include_drafts => None,
                Ok(plan) => plan.into_checked(),
                Err(()) => None,
            };
            (checked.map(|plan| (plan, private)), diagnostics)
        })
        .collect();
    let mut plans = Vec::with_capacity(loaded.len());
    for (plan, diagnostics) in loaded {
        out.extend(diagnostics);
        plans.extend(plan);
    }
    plans
}

/// A plan that deserialized, whether it passed its rules, and whether it is a draft
/// (`estado = "borrador"`, whose errors were reported as warnings).
struct Parsed {
    file: PlanFile,
    clean: bool,
    draft: bool,
}

impl Parsed {
    fn into_checked(self) -> Option<PlanFile> {
        self.clean.then_some(self.file)
    }
}

/// One plan: read, privacy lint, parse, validate. `Err` when it cannot be read or its shape
/// is wrong (the errors say why).
fn load_one(
    id: &str,
    absolute: &Path,
    current_year: i32,
    page_exists: &(dyn Fn(&str) -> bool + Sync),
    out: &mut Diagnostics,
) -> Result<Parsed, ()> {
    let path = paths::source(id);
    let text = read(absolute, &path, out).ok_or(())?;
    parse_and_validate(id, path, text, current_year, page_exists, out)
}

/// A plan's text checked as `senda check` checks it: the privacy lint, its shape, its
/// rules; every diagnostic goes to `out`. The plan only if it has no error.
pub fn check_text(
    id: &str,
    text: String,
    current_year: i32,
    page_exists: &(dyn Fn(&str) -> bool + Sync),
    out: &mut Diagnostics,
) -> Option<PlanFile> {
    let path = paths::source(id);
    parse_and_validate(id, path, text, current_year, page_exists, out)
        .ok()?
        .into_checked()
}

fn parse_and_validate(
    id: &str,
    path: PathBuf,
    text: String,
    current_year: i32,
    page_exists: &(dyn Fn(&str) -> bool + Sync),
    out: &mut Diagnostics,
) -> Result<Parsed, ()> {
    let mut found = Diagnostics::default();
    let source = Source::whole_file(&path, &text);
    // One parse serves the privacy lint, E21 and the deserializing.
    let (table, syntax_errors) = DeTable::parse_recoverable(source.toml);
    if syntax_errors.is_empty() {
        crate::lint::privacy::lint_table(&source, table.get_ref(), &mut found);
    }
    rules::placeholders::lint_table(&source, table.get_ref(), &mut found);
    let draft = draft_marker(table.get_ref());
    let plan = validate_table(
        id,
        &source,
        table,
        &syntax_errors,
        current_year,
        page_exists,
        &mut found,
    );
    let clean = found.error_count() == 0;
    if let Some(estado) = &draft {
        demote_draft(&source, estado.clone(), &mut found);
    }
    out.extend(found);
    let plan = plan?;
    Ok(Parsed {
        file: PlanFile {
            id: id.to_string(),
            path,
            text,
            plan,
        },
        clean,
        draft: draft.is_some(),
    })
}

/// The shape and the rules of one plan's table. `Err` when its shape is wrong.
fn validate_table(
    id: &str,
    source: &Source,
    table: toml::Spanned<DeTable<'_>>,
    syntax_errors: &[toml::de::Error],
    current_year: i32,
    page_exists: &(dyn Fn(&str) -> bool + Sync),
    out: &mut Diagnostics,
) -> Result<Plan, ()> {
    let recovered = toml_input::recover::<Plan>(table, syntax_errors, source, Language::Spanish);
    let valid_shape = recovered.errors.is_empty();
    // P3 already named the private keys; serde's "unknown key" for them is noise.
    out.extend(
        recovered
            .errors
            .into_iter()
            .filter(|d| !mentions_private_key(d)),
    );
    // Misspelled keys do not hide the rule errors: the rest of the plan is checked in the
    // same run. A value of the wrong type does, since its absence would be reported as a
    // second, misleading error.
    let plan = recovered
        .value
        .filter(|_| valid_shape || recovered.only_unknown_keys)
        .ok_or(())?;
    let context = rules::Context {
        file_id: id,
        current_year,
        page_exists,
    };
    rules::validate(&plan, source, &context, out);
    teacher_ids::lint(&plan, source, out);
    if valid_shape { Ok(plan) } else { Err(()) }
}

/// The span of `estado = "borrador"`, if the plan says it is a draft. Read from the raw
/// table, so a draft whose shape is wrong is still known for one.
fn draft_marker(table: &DeTable) -> Option<std::ops::Range<usize>> {
    let estado = table.get("estado")?;
    match estado.get_ref() {
        DeValue::String(text) if Estado::parse(text) == Some(Estado::Borrador) => {
            Some(estado.span())
        }
        _ => None,
    }
}

/// A draft's errors become warnings, so one school's unfinished plan never fails the
/// portal's build (`--strict` still fails on them); one more warning says why, and that the
/// draft is not published, not even with `--drafts`, until they are fixed.
fn demote_draft(source: &Source, estado: std::ops::Range<usize>, found: &mut Diagnostics) {
    let errors = found.error_count();
    found.demote_errors();
    if errors == 0 {
        return;
    }
    let count = if errors == 1 {
        "1 error".to_string()
    } else {
        format!("{errors} errores")
    };
    found.push(
        Diagnostic::warning(format!(
            "el plan es un borrador con {count}, mostrados como avisos: no se publica"
        ))
        .at(source.locate(estado))
        .help("corrija los avisos de este archivo; un borrador sin errores se publica con --drafts, y al cambiar `estado` sus errores vuelven a ser errores"),
    );
}

/// How many plans `for_each_chunk` holds at once: enough to keep every core busy, few enough
/// that a portal of 100,000 plans builds in a small, constant memory.
const CHUNK: usize = 256;

/// Reads and validates the public plans a chunk at a time, in id order, handing each chunk to
/// `use_chunk` before reading the next, so no run holds every plan. Each private companion
/// is validated against its plan alongside and dropped at once. Only plans without errors
/// are handed over (see `PlanFile`), and drafts (`estado = "borrador"`) only if
/// `include_drafts`. Returns how many were.
pub fn for_each_chunk(
    config: &Config,
    listing: &Listing,
    include_drafts: bool,
    page_exists: &(dyn Fn(&str) -> bool + Sync),
    out: &mut Diagnostics,
    mut use_chunk: impl FnMut(Vec<PlanFile>),
) -> usize {
    let mut count = 0;
    load_chunks(config, listing, include_drafts, page_exists, out, |chunk| {
        // The public build never keeps private data: dropped here, right after its check.
        let plans: Vec<PlanFile> = chunk.into_iter().map(|(plan, _)| plan).collect();
        count += plans.len();
        use_chunk(plans);
    });
    count
}

/// What `for_each_chunk` and `load` share: the plans a chunk at a time, each with its
/// private companion; then the private files without a plan, and rule P4.
fn load_chunks(
    config: &Config,
    listing: &Listing,
    include_drafts: bool,
    page_exists: &(dyn Fn(&str) -> bool + Sync),
    out: &mut Diagnostics,
    mut use_chunk: impl FnMut(Vec<Loaded>),
) {
    let Listing { public, private } = listing;
    let companion = |id: &str| {
        private
            .binary_search_by(|(other, _)| other.as_str().cmp(id))
            .ok()
            .map(|i| private[i].1.as_path())
    };
    let current_year = current_year();
    for chunk in public.chunks(CHUNK) {
        use_chunk(load_many(
            chunk,
            current_year,
            include_drafts,
            page_exists,
            &companion,
            out,
        ));
    }
    // A private file whose plan file is missing altogether (not merely broken).
    for (id, absolute) in private {
        if public
            .binary_search_by(|(other, _)| other.as_str().cmp(id))
            .is_err()
        {
            load_private_one(id, absolute, None, out);
        }
    }
    refuse_private_files_in_output(&config.root, &config.output_dir, out);
}

/// Reads one private file and validates it against its plan, `None` if it has none.
fn load_private_one(
    id: &str,
    absolute: &Path,
    plan: Option<&Plan>,
    out: &mut Diagnostics,
) -> Option<private::PrivateFile> {
    let path = paths::private_source(id);
    let text = read(absolute, &path, out)?;
    let source = Source::whole_file(&path, &text);
    let file = toml_input::parse::<private::PrivateFile>(&source, Language::Spanish)
        .map_err(|e| out.extend(e))
        .ok()?;
    private::validate(&file, id, plan, &source, out);
    Some(file)
}

/// Plan files by id, with their absolute paths.
type Files = Vec<(String, PathBuf)>;

/// A site's plan files, each list sorted by id: `<id>.toml` and `<id>.privado.toml` right
/// in `content/planes/`, picked out of the files the walk of `content/` found, so never a
/// symbolic link (the walk warns about each: a link may point outside the site, and nothing
/// outside it is ever read) nor a hidden file or an editor's leftover.
#[derive(Debug, Default, Clone)]
pub struct Listing {
    public: Files,
    private: Files,
}

impl Listing {
    /// The plan files among `content_files`, each (path relative to `content/` with `/`,
    /// absolute path).
    pub fn of(content_files: &[(String, PathBuf)]) -> Listing {
        let mut public = Vec::new();
        let mut private = Vec::new();
        for (rel, absolute) in content_files {
            let Some(name) = rel
                .strip_prefix(paths::PLANS_DIR)
                .and_then(|rest| rest.strip_prefix('/'))
                .filter(|name| !name.contains('/'))
            else {
                continue;
            };
            if let Some(id) = name.strip_suffix(paths::PRIVATE_SUFFIX) {
                private.push((id.to_string(), absolute.clone()));
            } else if private::looks_private(name) {
                // A copy of a private file (`ie-1.PRIVADO.toml`) is no plan; `content` reports it.
                continue;
            } else if let Some(id) = name.strip_suffix(".toml") {
                public.push((id.to_string(), absolute.clone()));
            }
        }
        public.sort();
        private.sort();
        Listing { public, private }
    }

    /// Whether the site has no public plan file.
    pub fn is_empty(&self) -> bool {
        self.public.is_empty()
    }
}

fn read(absolute: &Path, path: &Path, out: &mut Diagnostics) -> Option<String> {
    crate::fs::read_text(absolute, path)
        .map_err(|e| out.push(e.diagnostic("no se puede leer el archivo")))
        .ok()
}

fn mentions_private_key(diagnostic: &Diagnostic) -> bool {
    crate::lint::privacy::PRIVATE_KEYS
        .iter()
        .any(|key| diagnostic.message == format!("clave desconocida `{key}`"))
}

/// P4: a private file inside the output folder would be published, or deleted by the swap.
fn refuse_private_files_in_output(root: &Path, output: &Path, out: &mut Diagnostics) {
    // Only a folder that can be an output is searched: never `/`, a home or another site.
    if crate::write::check_location(root, output).is_err() {
        return;
    }
    let files = crate::fs::tree::files(output);
    let private = files.iter().filter(|path| {
        let inside = path.strip_prefix(output).unwrap_or(path);
        private::looks_private(&inside.to_string_lossy())
    });
    for path in private {
        // Shown as the user would type it: relative to the site when the output is inside.
        let shown = display_path(path.strip_prefix(root).unwrap_or(path));
        out.push(
            Diagnostic::error(format!("hay un archivo privado dentro de la carpeta de salida: {shown}"))
                .code(Code::P4)
                .help("muévalo a content/planes/: la carpeta de salida se publica y se reemplaza en cada construcción"),
        );
    }
}

/// The commented template `senda new plan` writes.
const TEMPLATE: &str = include_str!("plantilla.toml");

/// `senda new plan <id>`: writes `content/planes/<id>.toml` from the template, never over
/// an existing file. Returns the path written.
pub fn scaffold(root: &Path, id: &str) -> Result<PathBuf, Diagnostic> {
    check_new_id(id)?;
    let dir = root.join(paths::sources());
    let path = root.join(paths::source(id));
    if path.exists() {
        return Err(
            Diagnostic::error(tr!(Text::PlanExists, crate::diag::display_path(&path)))
                .help(tr!(Text::PlanExistsHelp)),
        );
    }
    let text = TEMPLATE
        .replace("{{ID}}", id)
        .replace("{{ANIO}}", &current_year().to_string());
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, text))
        .map_err(|e| {
            Diagnostic::error(tr!(
                Text::CannotWritePlan,
                crate::diag::display_path(&path),
                e
            ))
        })?;
    Ok(path)
}

/// An id `senda new plan` may name a file after: the id rule, and a name Windows can open.
pub(crate) fn check_new_id(id: &str) -> Result<(), Diagnostic> {
    let valid = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(Diagnostic::error(tr!(Text::BadPlanId, id)).help(tr!(Text::BadPlanIdHelp)));
    }
    if let Some(device) = crate::names::windows_device(id) {
        return Err(Diagnostic::error(tr!(Text::DevicePlanId, id, device))
            .help(tr!(Text::DevicePlanIdHelp)));
    }
    Ok(())
}
