//! `<id>.privado.toml`: per-teacher follow-up (the filled-in individual planner, Anexo B).
//!
//! It is read only to be validated against its plan (rule E16) and, with `--private`, to
//! print the planner locally. Nothing in it ever enters the public model, so it cannot
//! reach any public file.

use serde::Deserialize;
use toml::Spanned;

use super::model::{Fecha, Plan};
use crate::diagnostics::{Diagnostic, Diagnostics, suggest};
use crate::toml_input::Source;

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
    pub fase: Option<S<String>>,
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

pub const FASES: &[&str] = &["diagnostico", "avance_1", "avance_2", "salida"];
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

/// E16 and W14: the private file matches its plan and uses the rubric levels.
pub fn validate(
    file: &PrivateFile,
    file_id: &str,
    plan: Option<&Plan>,
    source: &Source,
    out: &mut Diagnostics,
) {
    let error = |code: &str, span: std::ops::Range<usize>, message: String, help: String| {
        Diagnostic::error(message)
            .code(code)
            .at(source.locate(span))
            .help(help)
    };
    let Some(plan_ref) = &file.plan else {
        out.push(error(
            "E16",
            0..0,
            "falta `plan` en el archivo privado".into(),
            format!("agregue `plan = \"{file_id}\"` con el id del plan al que pertenece"),
        ));
        return;
    };
    let Some(plan) = plan.filter(|_| plan_ref.get_ref() == file_id) else {
        out.push(error("E16", plan_ref.span(), format!("el plan `{}` no existe o no corresponde a este archivo", plan_ref.get_ref()), format!("el archivo `{file_id}.privado.toml` acompaña al plan `{file_id}.toml`: escriba `plan = \"{file_id}\"`")));
        return;
    };
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
    for entry in &file.seguimiento {
        let s = entry.get_ref();
        match &s.docente {
            None => out.push(error(
                "E16",
                entry.span(),
                "un `[[seguimiento]]` no dice a qué docente corresponde".into(),
                "agregue `docente = \"d01\"` con el id de `[[docentes]]` del plan".into(),
            )),
            Some(d) if !teachers.contains(&d.get_ref().as_str()) => {
                let hint = suggest(d.get_ref(), teachers.iter().copied())
                    .map(|r| format!("¿quiso decir `{r}`? "))
                    .unwrap_or_default();
                out.push(error(
                    "E16",
                    d.span(),
                    format!("`{}` no es docente del plan `{file_id}`", d.get_ref()),
                    format!("{hint}use un id de `[[docentes]]` del plan"),
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
                out.push(error("E16", rubrica.span(), "la rúbrica no es válida".into(), format!("use un número de 1 a {max_rubric} o \"programacion\" para la fila de programación curricular")));
            }
        }
        if let Some(fase) = &s.fase
            && !FASES.contains(&fase.get_ref().as_str())
        {
            out.push(error(
                "E16",
                fase.span(),
                format!("`{}` no es una fase del seguimiento", fase.get_ref()),
                format!("use una de: {}", FASES.join(", ")),
            ));
        }
        if let Some(level) = &s.nivel_logro
            && normalise_level(level.get_ref()).is_none()
        {
            let label = level.get_ref().to_lowercase();
            let mapping = match label.as_str() {
                "inicio" | "insatisfactorio" | "muy deficiente" => Some("I"),
                "proceso" | "en proceso" => Some("II"),
                "logrado" | "satisfactorio" | "suficiente" => Some("III"),
                "destacado" | "logro destacado" => Some("IV"),
                _ => None,
            };
            match mapping {
                Some(roman) => out.push(
                    Diagnostic::warning(format!("el nivel «{}» es una etiqueta, no un nivel de la rúbrica", level.get_ref()))
                        .code("W14")
                        .at(source.locate(level.span()))
                        .help(format!("las rúbricas usan los niveles I, II, III y IV: «{}» corresponde probablemente al nivel {roman}", level.get_ref())),
                ),
                None => out.push(error("E16", level.span(), format!("`{}` no es un nivel de logro", level.get_ref()), "use I, II, III o IV (o 1 a 4)".into())),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_normalised() {
        assert_eq!(normalise_level("ii"), Some("II"));
        assert_eq!(normalise_level("3"), Some("III"));
        assert_eq!(normalise_level("logrado"), None);
    }
}
