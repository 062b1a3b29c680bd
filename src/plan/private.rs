//! `<id>.privado.toml`: per-teacher follow-up (the filled-in individual planner, Anexo B).
//!
//! It is read only to be validated against its plan (rule E16) and, with `--private`, to
//! print the planner locally. Nothing in it ever enters the public model, so it cannot
//! reach any public file.

use serde::Deserialize;
use toml::Spanned;

use std::path::Path;

use super::calendar::Fecha;
use super::model::Plan;
use super::paths::{PLANS_DIR, PRIVATE_SUFFIX};
use super::vocab::{FaseSeguimiento, Term, Token};
use crate::diag::{Code, Diagnostic, Diagnostics, Location, suggest};
use crate::load::toml_input::Source;

mod planner;

pub use planner::planner_pages;

type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivateFile {
    pub plan: Option<S<String>>,
    #[serde(default)]
    pub seguimiento: Vec<S<Seguimiento>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seguimiento {
    pub docente: Option<S<String>>,
    /// 1..5 (1..6 with the 2017 rubrics), or `"programacion"` for the planner's extra row.
    pub rubrica: Option<S<toml::Value>>,
    pub fase: Option<S<Token<FaseSeguimiento>>>,
    pub fecha: Option<S<Fecha>>,
    pub nivel_logro: Option<S<String>>,
    pub fortalezas: Option<S<String>>,
    pub aspectos_criticos: Option<S<String>>,
    #[serde(default)]
    pub compromisos: Vec<S<String>>,
    #[serde(default)]
    pub necesidades_formacion: Vec<S<String>>,
    pub mejoras: Option<S<String>>,
}

const LEVELS: [&str; 4] = ["I", "II", "III", "IV"];

/// The rubric level as a Roman numeral; "1"–"4" are accepted and normalised.
pub fn normalise_level(level: &str) -> Option<&'static str> {
    let level = level.trim();
    LEVELS
        .iter()
        .enumerate()
        .find(|(i, roman)| level.eq_ignore_ascii_case(roman) || level == (i + 1).to_string())
        .map(|(_, roman)| *roman)
}

/// Whether a name in `rel` (a path relative to the folder walked, with `/`) marks a private
/// file or a copy of one: `.privado`, in any case, followed by a dot, a space, any other
/// non-letter or the end of the name. So `ie-1.privado.toml`, and the copies editors, merge
/// tools and file managers make of it: `.bak`, `.orig`, `.old`, `.txt`, `ie-1.privado.toml
/// (copia)`, `IE-1.PRIVADO.TOML`, `notas.privado`. A false match only keeps a file
/// unpublished, and says so; a miss would publish teachers' follow-up verbatim.
pub fn looks_private(rel: &str) -> bool {
    const MARK: &[u8] = b".privado";
    rel.split('/').any(|name| {
        let bytes = name.as_bytes();
        bytes.windows(MARK.len()).enumerate().any(|(at, window)| {
            window.eq_ignore_ascii_case(MARK)
                && !bytes
                    .get(at + MARK.len())
                    .is_some_and(u8::is_ascii_alphabetic)
        })
    })
}

/// Whether `rel` (relative to `content/`) is a plan's private companion, the one private
/// file senda reads: `planes/<id>.privado.toml`, spelled exactly so.
pub fn is_companion(rel: &str) -> bool {
    rel.strip_prefix(PLANS_DIR)
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(|name| name.strip_suffix(PRIVATE_SUFFIX))
        .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

/// P6: a file that `looks_private` is not copied, read or rendered; `shown` is its path as
/// the user sees it (`content/planes/ie-1.privado.toml.bak`).
pub fn not_published(shown: &Path) -> Diagnostic {
    Diagnostic::warning("el nombre lleva `.privado`: este archivo no se publica ni se lee")
        .code(Code::P6)
        .at(Location::file(shown))
        .help(format!(
            "un archivo con `.privado` en el nombre guarda datos personales de docentes; solo `content/{PLANS_DIR}/<id>{PRIVATE_SUFFIX}` se lee, y nunca se publica: saque las copias (.bak, .orig, «copia»…) de la carpeta del sitio"
        ))
}

/// E16 and W14: the private file matches its plan and uses the rubric levels.
pub fn validate(
    file: &PrivateFile,
    file_id: &str,
    plan: Option<&Plan>,
    source: &Source,
    out: &mut Diagnostics,
) {
    let error = |code: Code, span: std::ops::Range<usize>, message: String, help: String| {
        Diagnostic::error(message)
            .code(code)
            .at(source.locate(span))
            .help(help)
    };
    let Some(plan_ref) = &file.plan else {
        out.push(error(
            Code::E16,
            0..0,
            "falta `plan` en el archivo privado".into(),
            format!("agregue `plan = \"{file_id}\"` con el id del plan al que pertenece"),
        ));
        return;
    };
    let Some(plan) = plan else {
        out.push(error(Code::E16, plan_ref.span(), format!("no existe el plan `{file_id}` que acompaña este archivo"), "un archivo `<id>.privado.toml` acompaña al plan `content/planes/<id>.toml`: cree ese plan o renombre este archivo con el id de su plan".into()));
        return;
    };
    if plan_ref.get_ref() != file_id {
        out.push(error(Code::E16, plan_ref.span(), format!("el plan `{}` no corresponde a este archivo", plan_ref.get_ref()), format!("el archivo `{file_id}.privado.toml` acompaña al plan `{file_id}.toml`: escriba `plan = \"{file_id}\"`")));
        return;
    }
    let teachers: Vec<&str> = plan
        .docentes
        .iter()
        .filter_map(|d| d.get_ref().id.as_ref())
        .map(|id| id.get_ref().as_str())
        .collect();
    let max_rubric = plan
        .enfoque
        .as_ref()
        .and_then(|e| e.marco_rubricas.as_ref())
        .map_or(5, |m| if m.get_ref() == "2017" { 6 } else { 5 });
    let expected = Expected {
        file_id,
        teachers,
        max_rubric,
    };
    for entry in &file.seguimiento {
        follow_up(entry, &expected, source, out);
    }
}

/// What a follow-up entry may say, from its plan.
struct Expected<'a> {
    file_id: &'a str,
    teachers: Vec<&'a str>,
    max_rubric: i64,
}

/// E16 and W14 for one `[[seguimiento]]`: a teacher of the plan, a rubric, a phase and a
/// level of the planner.
fn follow_up(entry: &S<Seguimiento>, expected: &Expected, source: &Source, out: &mut Diagnostics) {
    let Expected {
        file_id,
        ref teachers,
        max_rubric,
    } = *expected;
    let error = |code: Code, span: std::ops::Range<usize>, message: String, help: String| {
        Diagnostic::error(message)
            .code(code)
            .at(source.locate(span))
            .help(help)
    };
    let s = entry.get_ref();
    match &s.docente {
        None => out.push(error(
            Code::E16,
            entry.span(),
            "un `[[seguimiento]]` no dice a qué docente corresponde".into(),
            "agregue `docente = \"d01\"` con el id de `[[docentes]]` del plan".into(),
        )),
        Some(d) if !teachers.contains(&d.get_ref().as_str()) => {
            let help = match suggest(d.get_ref(), teachers.iter().copied()) {
                Some(right) => {
                    format!("¿quiso decir `{right}`? Use un id de `[[docentes]]` del plan")
                }
                None => "use un id de `[[docentes]]` del plan".to_string(),
            };
            out.push(error(
                Code::E16,
                d.span(),
                format!("`{}` no es docente del plan `{file_id}`", d.get_ref()),
                help,
            ));
        }
        Some(_) => {}
    }
    if let Some(rubrica) = &s.rubrica {
        let valid = match rubrica.get_ref() {
            toml::Value::Integer(n) => (1..=max_rubric).contains(n),
            toml::Value::String(text) => text == "programacion",
            _ => false,
        };
        if !valid {
            out.push(error(Code::E16, rubrica.span(), format!("la rúbrica {} no es válida", rubrica.get_ref()), format!("use un número de 1 a {max_rubric} o \"programacion\" para la fila de programación curricular")));
        }
    }
    if let Some(fase) = &s.fase
        && fase.get_ref().value.is_none()
    {
        out.push(error(
            Code::E16,
            fase.span(),
            format!("`{}` no es una fase del seguimiento", fase.get_ref()),
            format!("use una de: {}", FaseSeguimiento::listed().join(", ")),
        ));
    }
    if let Some(level) = &s.nivel_logro {
        achievement(level, source, out);
    }
}

/// W14 and E16: a level of achievement is I–IV (or 1–4); a label such as «logrado» is
/// probably one of them.
fn achievement(level: &S<String>, source: &Source, out: &mut Diagnostics) {
    if normalise_level(level.get_ref()).is_some() {
        return;
    }
    let label = level.get_ref().to_lowercase();
    let mapping = match label.as_str() {
        "inicio" | "insatisfactorio" | "muy deficiente" => Some("I"),
        "proceso" | "en proceso" => Some("II"),
        "logrado" | "satisfactorio" | "suficiente" => Some("III"),
        "destacado" | "logro destacado" => Some("IV"),
        _ => None,
    };
    let diagnostic = match mapping {
        Some(roman) => Diagnostic::warning(format!(
            "el nivel «{}» es una etiqueta, no un nivel de la rúbrica",
            level.get_ref()
        ))
        .code(Code::W14)
        .help(format!("las rúbricas usan los niveles I, II, III y IV: «{}» corresponde probablemente al nivel {roman}", level.get_ref())),
        None => Diagnostic::error(format!("`{}` no es un nivel de logro", level.get_ref()))
            .code(Code::E16)
            .help("use I, II, III o IV (o 1 a 4)"),
    };
    out.push(diagnostic.at(source.locate(level.span())));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes `validate` reports for the private file `toml` of the plan `ie-1`.
    fn codes(toml: &str) -> Vec<Code> {
        let plan: Plan = toml::from_str("[[docentes]]\nid = \"d01\"\n").unwrap();
        let file: PrivateFile = toml::from_str(toml).unwrap();
        let source = Source::whole_file(Path::new("ie-1.privado.toml"), toml);
        let mut out = Diagnostics::default();
        validate(&file, "ie-1", Some(&plan), &source, &mut out);
        out.iter().filter_map(|d| d.code).collect()
    }

    #[test]
    fn private_files_match_their_plan() {
        let entry =
            |line: &str| format!("plan = \"ie-1\"\n[[seguimiento]]\ndocente = \"d01\"\n{line}\n");
        for (toml, expected) in [
            (
                entry("rubrica = 5\nfase = \"avance_1\"\nnivel_logro = \"iii\""),
                &[][..],
            ),
            (String::new(), &[Code::E16]),
            ("plan = \"ie-2\"\n".to_string(), &[Code::E16]),
            (
                "plan = \"ie-1\"\n[[seguimiento]]\nrubrica = 1\n".to_string(),
                &[Code::E16],
            ),
            (
                entry("docente = \"d02\"").replace("docente = \"d01\"\n", ""),
                &[Code::E16],
            ),
            (entry("rubrica = 6"), &[Code::E16]),
            (entry("rubrica = \"programacion\""), &[]),
            (entry("fase = \"avance1\""), &[Code::E16]),
            (entry("nivel_logro = \"logrado\""), &[Code::W14]),
            (entry("nivel_logro = \"V\""), &[Code::E16]),
        ] {
            assert_eq!(codes(&toml), expected, "for:\n{toml}");
        }
    }

    #[test]
    fn levels_are_normalised() {
        assert_eq!(normalise_level("ii"), Some("II"));
        assert_eq!(normalise_level("3"), Some("III"));
        assert_eq!(normalise_level("logrado"), None);
    }

    #[test]
    fn private_files_and_their_copies_are_told_by_name() {
        for rel in [
            "planes/ie-1.privado.toml",
            "planes/ie-1.privado.toml.bak",
            "planes/ie-1.privado.toml.orig",
            "planes/ie-1.privado.toml.old",
            "ie-1.privado.toml.txt",
            "guias/ie-1.privado.toml (copia)",
            "ie-1.privado.TOML",
            "IE-1.PRIVADO.TOML",
            "notas.privado",
            "notas.privado (1).md",
            "respaldo.privado/ie-1.toml",
        ] {
            assert!(looks_private(rel), "{rel}");
        }
        for rel in [
            "planes/ie-privado-2024.toml",
            "datos.privados.pdf",
            "privado.md",
        ] {
            assert!(!looks_private(rel), "{rel}");
        }
        assert!(is_companion("planes/ie-1.privado.toml"));
        for rel in [
            "planes/ie-1.privado.toml.bak",
            "planes/ie-1.PRIVADO.toml",
            "planes/sub/ie-1.privado.toml",
            "guias/ie-1.privado.toml",
            "planes/.privado.toml",
        ] {
            assert!(!is_companion(rel), "{rel}");
        }
    }
}
