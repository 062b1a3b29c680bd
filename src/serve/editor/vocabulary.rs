//! `GET /_editor/api/vocabulario`: the lists the form picks from, taken from the tables
//! the rules check against (`plan::vocab`, `plan::calendar`), so the form offers exactly
//! what `senda check` accepts.

use serde_json::{Value as Json, json};

use crate::plan::calendar::{month_name, month_token};
use crate::plan::view::enfoque::COMPETENCIAS_MBDD;
use crate::plan::vocab::{self, Estado, Fase, Term, TipoEstrategia};

fn pairs<T: Term>(name: fn(T) -> &'static str) -> Json {
    T::SPELLINGS
        .iter()
        .map(|(value, spelling)| json!({"valor": spelling, "nombre": name(*value)}))
        .collect()
}

/// A list of spellings, each its own name.
fn plain(values: &[&str]) -> Json {
    values
        .iter()
        .map(|v| json!({"valor": v, "nombre": v.replace('_', " ")}))
        .collect()
}

pub fn json() -> Json {
    let meses: Json = (1..=12)
        .map(|m| json!({"valor": month_token(m), "nombre": month_name(m)}))
        .collect();
    let competencias: Json = COMPETENCIAS_MBDD
        .iter()
        .enumerate()
        .map(|(i, nombre)| json!({"numero": i + 1, "nombre": nombre}))
        .collect();
    json!({
        "meses": meses,
        "tipos_estrategia": pairs::<TipoEstrategia>(TipoEstrategia::texto),
        "competencias_mbdd": competencias,
        "estados": pairs::<Estado>(Estado::texto),
        "fases": pairs::<Fase>(Fase::texto),
        "niveles": plain(vocab::NIVELES),
        "ambitos": plain(vocab::AMBITOS),
        "modalidades_atencion": plain(vocab::MODALIDADES_ATENCION),
        "tipos_ie": plain(vocab::TIPOS_IE),
        "modalidades": plain(vocab::MODALIDADES),
        "modelos_servicio": plain(vocab::MODELOS_SERVICIO),
        "gestiones": plain(vocab::GESTIONES),
        "areas": plain(vocab::AREAS),
        "modalidades_estrategia": plain(vocab::MODALIDADES_ESTRATEGIA),
        "instrumentos": plain(vocab::INSTRUMENTOS),
        "anexos": plain(vocab::ANEXOS),
        "tipos_norma": plain(vocab::NORMAS),
        "monedas": plain(vocab::CURRENCIES),
        // senda has no list of known norms; the form takes them as typed.
        "normas": [],
    })
}
