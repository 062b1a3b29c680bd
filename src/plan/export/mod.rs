//! Open data from the public view, a file per job: `calendario.ics` (`ics`), `plan.json`
//! (`json`, its shape published as `plan.schema.json` by `schema`), `visitas.csv` and
//! `planes/consolidado.csv` (`csv`), `visitas.xlsx` (`xlsx`), and the index of all plans,
//! `planes/planes.json` (here). Everything reads `PublicPlan` or its summary only, so
//! exports carry the same masked names as the pages.

use rayon::prelude::*;
use serde::Serialize;

use super::calendar::Fecha;
use super::paths;
use super::view::{PlanSummary, PublicPlan};
use super::vocab::Estado;
use crate::write::OutputFile;

mod consolidated;
mod csv;
mod ics;
mod json;
mod schema;
mod xlsx;

pub use json::FORMATO;
pub use schema::PLAN_SCHEMA;

/// Every export file of every plan in `plans`.
pub fn files(plans: &[PublicPlan]) -> Vec<OutputFile> {
    plans
        .par_iter()
        .flat_map_iter(|plan| {
            [
                OutputFile::new(
                    paths::calendar_file(&plan.id),
                    ics::calendar(plan).into_bytes(),
                ),
                OutputFile::new(
                    paths::json_file(&plan.id),
                    to_json(&json::plan_data(plan)).into_bytes(),
                ),
                OutputFile::new(paths::csv_file(&plan.id), csv::visits_csv(plan)),
                OutputFile::new(
                    paths::xlsx_file(&plan.id),
                    xlsx::visits_xlsx(plan, reference_day(plan)),
                ),
            ]
        })
        .collect()
}

/// The files about all plans: `planes/planes.json` (every plan's summary with the address
/// of its full data: a national portal holds 100,000 plans, and one file repeating all of
/// them would be gigabytes), `planes/consolidado.csv` and `planes/plan.schema.json`.
pub fn index(summaries: &[PlanSummary]) -> Vec<OutputFile> {
    if summaries.is_empty() {
        return Vec::new();
    }
    vec![
        OutputFile::new(
            paths::INDEX_JSON.to_string(),
            to_json(&all_plans(summaries)).into_bytes(),
        ),
        OutputFile::new(
            paths::CONSOLIDATED_CSV.to_string(),
            consolidated::csv(summaries),
        ),
        OutputFile::new(
            paths::SCHEMA_JSON.to_string(),
            PLAN_SCHEMA.as_bytes().to_vec(),
        ),
    ]
}

#[derive(Serialize)]
struct All<'a> {
    formato: &'static str,
    esquema: &'static str,
    planes: Vec<Entry<'a>>,
}

/// A plan in `planes.json`: what a specialist consolidates without opening each plan.
#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    titulo: &'a str,
    anio: i64,
    estado: Estado,
    institucion: &'a str,
    dre: Option<&'a str>,
    ugel: Option<&'a str>,
    niveles: &'a [String],
    aprobacion: Option<&'a str>,
    fecha_aprobacion: Option<Fecha>,
    docentes: usize,
    visitas: usize,
    /// Visits planned per month, January first.
    visitas_por_mes: [usize; 12],
    /// The parts a complete plan fills, and those this one leaves empty.
    completitud: Completitud<'a>,
    url: &'a str,
    /// The plan's `plan.json`.
    datos: &'a str,
}

#[derive(Serialize)]
struct Completitud<'a> {
    partes: usize,
    completas: usize,
    faltan: &'a [&'static str],
}

fn all_plans(summaries: &[PlanSummary]) -> All<'_> {
    All {
        formato: "senda-planes/1",
        esquema: "pmap/1",
        planes: summaries
            .iter()
            .map(|s| Entry {
                id: &s.id,
                titulo: &s.titulo,
                anio: s.anio,
                estado: s.estado,
                institucion: &s.institucion,
                dre: s.dre.as_deref(),
                ugel: s.ugel.as_deref(),
                niveles: &s.niveles,
                aprobacion: s.aprobacion.as_deref(),
                fecha_aprobacion: s.fecha_aprobacion,
                docentes: s.docentes,
                visitas: s.visitas,
                visitas_por_mes: s.visitas_por_mes,
                completitud: Completitud {
                    partes: super::view::completeness::PARTS.len(),
                    completas: super::view::completeness::PARTS.len() - s.faltan.len(),
                    faltan: &s.faltan,
                },
                url: &s.url,
                datos: &s.datos,
            })
            .collect(),
    }
}

/// Where `files` writes, without making the files: for `senda check`, which looks for
/// clashes with other output but keeps nothing.
pub fn paths(plans: &[PublicPlan]) -> Vec<String> {
    plans
        .iter()
        .flat_map(|plan| paths::exports(&plan.id))
        .collect()
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// The day a plan's exports are dated by (the calendar's DTSTAMP, the workbook's creation
/// date), from its data so that builds are reproducible: its approval, else the period's
/// start, else 1 January of `anio`.
fn reference_day(plan: &PublicPlan) -> Fecha {
    plan.aprobacion
        .as_ref()
        .and_then(|a| a.fecha)
        .or(plan.periodo.as_ref().map(|p| p.inicio))
        .unwrap_or(Fecha {
            anio: plan.anio as i32,
            mes: 1,
            dia: 1,
        })
}
