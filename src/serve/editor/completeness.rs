//! How complete a plan is, for the bar in the list: which of the sections a plan needs are
//! filled. A section counts as filled when it is present, not empty, and holds no text left
//! from the template (rule E21 names none of its keys): the unfilled template is 0 %.

use serde_json::{Value as Json, json};

use crate::diag::{Code, Diagnostic};

/// The sections a plan needs, in the format's order, with the names the form shows.
const SECTIONS: &[(&str, &str)] = &[
    ("institucion", "Datos informativos"),
    ("periodo", "Periodo"),
    ("equipo", "Equipo"),
    ("docentes", "Docentes"),
    ("visitas", "Cronograma de visitas"),
    ("actividades", "Actividades"),
    ("objetivos", "Objetivos"),
    ("estrategias", "Estrategias"),
    ("bases_legales", "Bases legales"),
    ("firmas", "Firmas"),
];

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
    let secciones: Vec<Json> = SECTIONS
        .iter()
        .map(|(clave, nombre)| {
            let llena = filled(plan.get(clave)) && !placeholder_in(clave);
            json!({"clave": clave, "nombre": nombre, "llena": llena})
        })
        .collect();
    let llenas = secciones.iter().filter(|s| s["llena"] == true).count();
    json!({"llenas": llenas, "total": SECTIONS.len(), "secciones": secciones})
}
