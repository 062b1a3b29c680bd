//! The visit schedule (teacher × visit), the same visits month by month, and the Gantt chart
//! of activities, on the months of the school period.

use std::collections::HashMap;

use serde::Serialize;

use super::super::calendar::{
    Fecha, active_months, day_and_month, month_name, month_number, month_token,
};
use super::super::model::Plan;
use super::super::rules::MAX_VISITS;
use super::super::vocab::Fase;
use super::numbering::{roman, visit_columns};
use super::people::{Docente, People, classroom};
use super::text;

#[derive(Debug, Clone, Serialize)]
pub struct FilaVisitas {
    pub docente: String,
    pub aula: String,
    /// One cell per visit column; `None` where this teacher has fewer visits.
    pub visitas: Vec<Option<Visita>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Visita {
    /// `Docente::id` of the teacher visited.
    pub docente_id: String,
    pub docente: String,
    pub n: i64,
    pub numero_romano: String,
    pub fase: Option<Fase>,
    /// The phase as people write it: "diagnóstico", "proceso", "salida".
    pub fase_texto: Option<String>,
    pub fecha: Option<Fecha>,
    /// Month number 1–12.
    pub mes: u8,
    /// "9 de abril" or "junio".
    pub cuando: String,
    pub responsable: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MesVisitas {
    pub mes: String,
    pub visitas: Vec<Visita>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Mes {
    pub token: String,
    pub nombre: String,
    /// The one-letter Gantt header (M A M J…), with the full name beside it for readers.
    pub inicial: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Actividad {
    /// The activity's `id`, else its position (`"3"`, 1-based; an `id` starts with a letter,
    /// so the two never meet): what its calendar events are
    /// known by, so renaming an activity updates its events instead of duplicating them.
    pub id: String,
    pub nombre: String,
    pub responsables: Vec<String>,
    /// One flag per column of `meses`.
    pub marcas: Vec<bool>,
    pub evidencia: Option<String>,
}

/// Everything the schedule sections show.
pub(super) struct Schedule {
    pub cronograma_visitas: Vec<FilaVisitas>,
    pub visitas_por_docente: usize,
    pub columnas_visitas: Vec<String>,
    pub calendario_visitas: Vec<MesVisitas>,
    pub meses: Vec<Mes>,
    pub actividades: Vec<Actividad>,
}

pub(super) fn schedule(plan: &Plan, people: &People, teachers: &[Docente]) -> Schedule {
    let meses = gantt_months(plan);
    let visits = visits(plan, people);
    // Rule E12 holds `n` to 1..=MAX_VISITS in every plan that reaches the view.
    let visitas_por_docente = visits
        .iter()
        .map(|v| v.n.clamp(0, MAX_VISITS) as usize)
        .max()
        .unwrap_or(0);
    Schedule {
        cronograma_visitas: rows(teachers, &visits, visitas_por_docente),
        visitas_por_docente,
        columnas_visitas: visit_columns(visitas_por_docente),
        calendario_visitas: by_month(&meses, &visits, teachers),
        actividades: activities(plan, people, &meses),
        meses,
    }
}

/// Every visit that says to whom and when.
fn visits(plan: &Plan, people: &People) -> Vec<Visita> {
    plan.visitas
        .iter()
        .filter_map(|v| {
            let v = v.get_ref();
            let docente_id = v.docente.as_ref()?.get_ref().clone();
            let n = v.n.as_ref().map_or(0, |n| *n.get_ref());
            let (fecha, mes) = match (&v.fecha, &v.mes) {
                (Some(f), _) => (Some(*f.get_ref()), f.get_ref().mes),
                (None, Some(m)) => (None, month_number(m.get_ref())?),
                (None, None) => return None,
            };
            let fase = v.fase.as_ref().and_then(|f| f.get_ref().value);
            Some(Visita {
                docente: people.name_of(&docente_id),
                docente_id: people.public_id(&docente_id),
                n,
                numero_romano: roman(n.max(1) as usize),
                fase,
                fase_texto: fase.map(|f| f.texto().to_string()),
                fecha,
                mes,
                cuando: fecha.map_or_else(|| month_name(mes).to_string(), day_and_month),
                responsable: v
                    .responsable
                    .as_ref()
                    .map_or(String::new(), |r| people.name_of(r.get_ref())),
            })
        })
        .collect()
}

/// A row per teacher, a column per visit number.
fn rows(teachers: &[Docente], visits: &[Visita], columns: usize) -> Vec<FilaVisitas> {
    let by_teacher_and_number: HashMap<(&str, i64), &Visita> = visits
        .iter()
        .rev()
        .map(|v| ((v.docente_id.as_str(), v.n), v))
        .collect();
    teachers
        .iter()
        .map(|d| FilaVisitas {
            docente: d.nombre.clone(),
            aula: classroom(d),
            visitas: (1..=columns as i64)
                .map(|n| {
                    by_teacher_and_number
                        .get(&(d.id.as_str(), n))
                        .copied()
                        .cloned()
                })
                .collect(),
        })
        .collect()
}

/// The months with visits, in the schedule's order, each with its visits by date, then in
/// the order the plan lists its teachers (their public ids may be opaque hashes).
fn by_month(months: &[Mes], visits: &[Visita], teachers: &[Docente]) -> Vec<MesVisitas> {
    let place: HashMap<&str, usize> = teachers
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let place_of = |v: &Visita| place.get(v.docente_id.as_str()).copied();
    months
        .iter()
        .filter_map(|m| {
            let number = month_number(&m.token)?;
            let mut list: Vec<Visita> =
                visits.iter().filter(|v| v.mes == number).cloned().collect();
            list.sort_by(|a, b| {
                (&a.fecha, place_of(a), &a.docente_id, a.n).cmp(&(
                    &b.fecha,
                    place_of(b),
                    &b.docente_id,
                    b.n,
                ))
            });
            (!list.is_empty()).then(|| MesVisitas {
                mes: m.nombre.clone(),
                visitas: list,
            })
        })
        .collect()
}

/// Each activity, with a mark in the columns of its months.
fn activities(plan: &Plan, people: &People, months: &[Mes]) -> Vec<Actividad> {
    plan.actividades
        .iter()
        .enumerate()
        .map(|(index, a)| {
            let a = a.get_ref();
            let tokens: Vec<u8> = a
                .meses
                .iter()
                .filter_map(|m| month_number(m.get_ref()))
                .collect();
            Actividad {
                id: text(&a.id).unwrap_or_else(|| (index + 1).to_string()),
                nombre: text(&a.nombre).unwrap_or_default(),
                responsables: a
                    .responsables
                    .iter()
                    .map(|r| people.name_of(r.get_ref()))
                    .collect(),
                marcas: months
                    .iter()
                    .map(|m| month_number(&m.token).is_some_and(|n| tokens.contains(&n)))
                    .collect(),
                evidencia: text(&a.evidencia),
            }
        })
        .collect()
}

/// The Gantt columns: the school period (March–December by default), widened to any month
/// an activity or visit uses (February planning is common).
fn gantt_months(plan: &Plan) -> Vec<Mes> {
    let mut used: Vec<u8> = active_months(plan);
    let extra = plan
        .actividades
        .iter()
        .flat_map(|a| a.get_ref().meses.iter())
        .chain(plan.visitas.iter().filter_map(|v| v.get_ref().mes.as_ref()))
        .filter_map(|m| month_number(m.get_ref()));
    for month in extra {
        if !used.contains(&month) {
            used.push(month);
        }
    }
    let period = active_months(plan);
    let crosses_new_year = period.windows(2).any(|w| w[1] < w[0]);
    if crosses_new_year {
        // A school year from, say, September to June reads in that order.
        let start = period[0];
        used.sort_by_key(|m| (*m + 12 - start) % 12);
    } else {
        used.sort_unstable();
    }
    used.into_iter()
        .map(|m| Mes {
            token: month_token(m).to_string(),
            nombre: month_name(m).to_string(),
            inicial: month_name(m)
                .chars()
                .next()
                .unwrap_or(' ')
                .to_uppercase()
                .to_string(),
        })
        .collect()
}
