//! `planes/consolidado.csv`: one row per plan, what a UGEL specialist consolidates (status,
//! approval, teachers, visits per month, what is missing) without opening each plan.

use super::super::calendar::month_token;
use super::super::view::PlanSummary;
use super::super::view::completeness::PARTS;
use super::super::vocab::Term;
use super::csv::table;

const FIXED: [&str; 13] = [
    "id",
    "institucion",
    "dre",
    "ugel",
    "anio",
    "estado",
    "aprobacion",
    "fecha_aprobacion",
    "docentes",
    "visitas",
    "partes_completas",
    "faltan",
    "url",
];

/// 13 columns, then one per month (`ene` … `dic`): the visits planned in it.
const COLUMNS: usize = FIXED.len() + 12;

pub(super) fn csv(summaries: &[PlanSummary]) -> Vec<u8> {
    let months: Vec<&str> = (1..=12).map(month_token).collect();
    let mut header = [""; COLUMNS];
    for (cell, name) in header.iter_mut().zip(FIXED.iter().chain(&months)) {
        *cell = name;
    }
    let rows = summaries.iter().map(row).collect();
    table(&header, rows)
}

fn row(s: &PlanSummary) -> [String; COLUMNS] {
    let fixed = [
        s.id.clone(),
        s.institucion.clone(),
        s.dre.clone().unwrap_or_default(),
        s.ugel.clone().unwrap_or_default(),
        s.anio.to_string(),
        s.estado.spelling().to_string(),
        s.aprobacion.clone().unwrap_or_default(),
        s.fecha_aprobacion
            .map(|f| f.to_string())
            .unwrap_or_default(),
        s.docentes.to_string(),
        s.visitas.to_string(),
        format!("{}/{}", PARTS.len() - s.faltan.len(), PARTS.len()),
        s.faltan.join("; "),
        s.permalink.clone(),
    ];
    let mut cells: [String; COLUMNS] = Default::default();
    for (cell, value) in cells.iter_mut().zip(
        fixed
            .into_iter()
            .chain(s.visitas_por_mes.iter().map(usize::to_string)),
    ) {
        *cell = value;
    }
    cells
}
