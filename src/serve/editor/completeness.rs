//! How complete a plan is, for the bar in the list: which of the parts `planes.json` counts
//! are filled. A part counts as filled when it is present, not empty, and holds no text
//! left from the template (rule E21 names none of its keys).

use serde_json::{Value as Json, json};

use crate::diag::{Code, Diagnostic};
use crate::plan::view::completeness::PARTS;

/// The form's name of each part `view::completeness::PARTS` counts: the editor's bar and
/// `planes.json` count the same parts, so a director and a UGEL see one number.
fn name(part: &str) -> &'static str {
    match part {
        "aprobacion" => "Aprobación",
        "textos" => "Textos",
        "objetivos" => "Objetivos",
        "estrategias" => "Estrategias",
        "docentes" => "Docentes",
        "visitas" => "Cronograma de visitas",
        "actividades" => "Actividades",
        "instrumentos" => "Instrumentos",
        "presupuesto" => "Presupuesto",
        "firmas" => "Firmas",
        _ => "",
    }
}

/// Whether the plan's JSON fills `part` as `view::completeness::missing` reads a published
/// plan: an approval with its number and date, any of the texts, any objective.
fn part_filled(plan: &Json, part: &str) -> bool {
    let value = plan.get(part);
    match part {
        "aprobacion" => ["numero", "fecha"]
            .iter()
            .all(|k| filled(value.and_then(|a| a.get(k)))),
        "textos" | "objetivos" => value
            .and_then(Json::as_object)
            .is_some_and(|map| map.values().any(|v| filled(Some(v)))),
        _ => filled(value),
    }
}

fn filled(value: Option<&Json>) -> bool {
    match value {
        None | Some(Json::Null) => false,
        Some(Json::String(s)) => !s.trim().is_empty(),
        Some(Json::Array(items)) => !items.is_empty(),
        Some(Json::Object(map)) => !map.is_empty(),
        Some(_) => true,
    }
}

/// `plan` is the plan as JSON; `diagnostics` its JSON diagnostics beside the originals.
pub fn json(plan: &Json, diagnostics: &[Diagnostic], claves: &[Option<String>]) -> Json {
    let placeholder_in = |section: &str| {
        diagnostics.iter().zip(claves).any(|(d, clave)| {
            d.code == Some(Code::E21)
                && clave.as_deref().is_some_and(|c| {
                    c == section
                        || c.strip_prefix(section)
                            .is_some_and(|rest| rest.starts_with(['.', '[']))
                })
        })
    };
    let secciones: Vec<Json> = PARTS
        .iter()
        .map(|clave| {
            let llena = part_filled(plan, clave) && !placeholder_in(clave);
            json!({"clave": clave, "nombre": name(clave), "llena": llena})
        })
        .collect();
    let llenas = secciones.iter().filter(|s| s["llena"] == true).count();
    json!({"llenas": llenas, "total": PARTS.len(), "secciones": secciones})
}
