//! School plans (`pmap/1`): `content/planes/<id>.toml`, validated against the format's
//! rules, turned into a public view with teachers' names masked, and exported.
//!
//! The private companion `<id>.privado.toml` is validated here and never enters the public
//! view: `view::PublicPlan` is the only thing templates and exports ever see.

pub mod export;
pub mod model;
pub mod privacy;
pub mod private;
pub mod validate;
pub mod view;
pub mod vocab;

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::{CONTENT_DIR, decode_utf8};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::toml_input::{self, Language, Source};
use model::Plan;

pub const PLANS_DIR: &str = "planes";
pub const PRIVATE_SUFFIX: &str = ".privado.toml";

/// A plan that parsed; it may still have rule errors, reported in the diagnostics.
#[derive(Debug)]
pub struct PlanFile {
    pub id: String,
    /// As shown in diagnostics: `content/planes/<id>.toml`.
    pub path: PathBuf,
    pub text: String,
    pub plan: Plan,
}

/// Reads and validates every plan in `content/planes/`, and every private companion file.
pub fn load(
    config: &Config,
    page_exists: &dyn Fn(&str) -> bool,
    out: &mut Diagnostics,
) -> Vec<PlanFile> {
    let dir = config.root.join(CONTENT_DIR).join(PLANS_DIR);
    let (public, private) = list_files(&dir);
    let current_year = current_year();
    let mut plans = Vec::new();
    for (id, absolute) in public {
        let path = Path::new(CONTENT_DIR)
            .join(PLANS_DIR)
            .join(format!("{id}.toml"));
        let Some(text) = read(&absolute, &path, out) else {
            continue;
        };
        let source = Source::whole_file(&path, &text);
        privacy::lint_plan(&source, out);
        match toml_input::parse::<Plan>(&source, Language::Spanish) {
            Ok(plan) => {
                let context = validate::Context {
                    file_id: &id,
                    current_year,
                    page_exists,
                };
                validate::validate(&plan, &source, &context, out);
                warn_full_names(&plan, &source, out);
                plans.push(PlanFile {
                    id,
                    path: path.clone(),
                    text: text.clone(),
                    plan,
                });
            }
            // P3 already named the private keys; serde's "unknown key" for them is noise.
            Err(errors) => out.extend(errors.into_iter().filter(|d| !mentions_private_key(d))),
        }
    }
    for (id, absolute) in private {
        let path = Path::new(CONTENT_DIR)
            .join(PLANS_DIR)
            .join(format!("{id}{PRIVATE_SUFFIX}"));
        let Some(text) = read(&absolute, &path, out) else {
            continue;
        };
        let source = Source::whole_file(&path, &text);
        if let Ok(file) = toml_input::parse::<private::PrivateFile>(&source, Language::Spanish)
            .map_err(|e| out.extend(e))
        {
            let plan = plans.iter().find(|p| p.id == id).map(|p| &p.plan);
            private::validate(&file, &id, plan, &source, out);
        }
    }
    refuse_private_files_in_output(&config.output_dir, out);
    plans
}

/// Plan files by id, with their absolute paths.
type Listing = Vec<(String, PathBuf)>;

/// `<id>.toml` and `<id>.privado.toml` files, each sorted by id.
fn list_files(dir: &Path) -> (Listing, Listing) {
    let mut public = Vec::new();
    let mut private = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if crate::content::is_ignored(&name) || !entry.path().is_file() {
            continue;
        }
        if let Some(id) = name.strip_suffix(PRIVATE_SUFFIX) {
            private.push((id.to_string(), entry.path()));
        } else if let Some(id) = name.strip_suffix(".toml") {
            public.push((id.to_string(), entry.path()));
        }
    }
    public.sort();
    private.sort();
    (public, private)
}

fn read(absolute: &Path, path: &Path, out: &mut Diagnostics) -> Option<String> {
    let bytes = std::fs::read(absolute)
        .map_err(|e| {
            out.push(
                Diagnostic::error(format!("no se puede leer el archivo: {e}"))
                    .at(Location::file(path)),
            )
        })
        .ok()?;
    decode_utf8(bytes, path).map_err(|e| out.extend(e)).ok()
}

fn mentions_private_key(diagnostic: &Diagnostic) -> bool {
    privacy::PRIVATE_KEYS
        .iter()
        .any(|key| diagnostic.message == format!("clave desconocida `{key}`"))
}

/// P5: full teacher names on a public site is allowed, but said aloud.
fn warn_full_names(plan: &Plan, source: &Source, out: &mut Diagnostics) {
    let Some(setting) = plan
        .privacidad
        .as_ref()
        .and_then(|p| p.nombres_docentes.as_ref())
    else {
        return;
    };
    if !vocab::NOMBRES_DOCENTES.contains(&setting.get_ref().as_str()) {
        out.push(
            Diagnostic::error(format!(
                "`{}` no es un valor válido para `nombres_docentes`",
                setting.get_ref()
            ))
            .code("E0")
            .at(source.locate(setting.span()))
            .help("use `iniciales`, `codigo` o `completo`"),
        );
    } else if setting.get_ref() == "completo" {
        out.push(
            Diagnostic::warning("los nombres completos de las y los docentes se publicarán")
                .code("P5")
                .at(source.locate(setting.span()))
                .help("una lista de visitas con nombres puede revelar a quién se acompaña más; considere `nombres_docentes = \"iniciales\"` o `\"codigo\"`"),
        );
    }
}

/// P4: a private file inside the output folder would be published, or deleted by the swap.
fn refuse_private_files_in_output(output: &Path, out: &mut Diagnostics) {
    let walker = walkdir::WalkDir::new(output).into_iter().flatten();
    for entry in walker.filter(|e| e.file_name().to_string_lossy().ends_with(PRIVATE_SUFFIX)) {
        out.push(
            Diagnostic::error(format!("hay un archivo privado dentro de la carpeta de salida: {}", entry.path().display()))
                .code("P4")
                .help("muévalo a content/planes/: la carpeta de salida se publica y se reemplaza en cada construcción"),
        );
    }
}

/// The current calendar year, from the system clock (for rules E3 and E17).
pub fn current_year() -> i32 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (seconds / 86_400) as i64;
    // Howard Hinnant's civil_from_days, year part.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

#[cfg(test)]
mod tests {
    #[test]
    fn current_year_is_plausible() {
        let year = super::current_year();
        assert!((2025..2100).contains(&year), "{year}");
    }
}
