//! `plan.json`: the plan's public data, not the page's view model. Dates are ISO 8601
//! (`2024-04-09`), months numbers (1–12), prose plain text (the rendered Markdown's text,
//! no HTML), teachers' names masked as on the page and known by their public ids. The
//! shape is `/planes/plan.schema.json` (`schema.rs`), versioned by `formato`.

use serde::Serialize;

use super::super::calendar::{Fecha, month_number};
use super::super::view::{self, PublicPlan};
use super::super::vocab::{Estado, Fase, NombresDocentes, TipoEstrategia};
use crate::search::html_text::html_text;

/// The version of this file's shape; a change that could break a reader bumps it.
pub const FORMATO: &str = "senda-plan/1";

#[derive(Serialize)]
pub(super) struct PlanData<'a> {
    formato: &'static str,
    esquema: &'static str,
    id: &'a str,
    /// The plan's page, absolute when the site has a `base_url`.
    url: &'a str,
    titulo: &'a str,
    lema: Option<&'a str>,
    anio: i64,
    denominacion_anio: Option<&'a str>,
    decenio: Option<&'a str>,
    estado: Estado,
    periodo: Option<Periodo>,
    aprobacion: Option<Aprobacion<'a>>,
    institucion: &'a view::Institucion,
    poblacion: &'a view::Poblacion,
    equipo: &'a [view::Persona],
    textos: Textos,
    objetivos: Objetivos,
    principios: Vec<Principio<'a>>,
    bases_legales: &'a [view::Norma],
    estrategias: Vec<Estrategia<'a>>,
    enfoque: Option<&'a view::Enfoque>,
    nombres_docentes: NombresDocentes,
    docentes: &'a [view::Docente],
    visitas: Vec<Visita<'a>>,
    actividades: Vec<Actividad<'a>>,
    instrumentos: &'a [view::Instrumento],
    presupuesto: Option<Presupuesto<'a>>,
    requerimientos: Vec<String>,
    bibliografia: &'a [String],
    anexos: Vec<Anexo<'a>>,
    firmas: &'a [view::Persona],
}

#[derive(Serialize)]
struct Periodo {
    inicio: Fecha,
    fin: Fecha,
    semanas_gestion: Vec<Intervalo>,
}

#[derive(Serialize)]
struct Intervalo {
    inicio: Fecha,
    fin: Fecha,
}

#[derive(Serialize)]
struct Aprobacion<'a> {
    documento: &'a str,
    numero: Option<&'a str>,
    fecha: Option<Fecha>,
    folios: Option<i64>,
    opinion_conei: bool,
    considerandos: &'a [String],
    articulos: &'a [String],
}

#[derive(Serialize)]
struct Textos {
    presentacion: Option<String>,
    fundamentacion: Option<String>,
    justificacion: Option<String>,
    finalidad: Option<String>,
}

#[derive(Serialize)]
struct Objetivos {
    general: Vec<String>,
    especificos: Vec<String>,
    metas: Vec<String>,
}

#[derive(Serialize)]
struct Principio<'a> {
    nombre: &'a str,
    descripcion: Option<String>,
}

#[derive(Serialize)]
struct Estrategia<'a> {
    tipo: TipoEstrategia,
    nombre: &'a str,
    descripcion: Option<String>,
    modalidad: Option<&'a str>,
    frecuencia: Option<&'a str>,
    guia_url: Option<&'a str>,
}

#[derive(Serialize)]
struct Visita<'a> {
    /// The teacher's public id, as in `docentes`.
    docente: &'a str,
    n: i64,
    fase: Option<Fase>,
    /// The exact day, when the plan gives one; `mes` is always given.
    fecha: Option<Fecha>,
    mes: u8,
    responsable: &'a str,
}

#[derive(Serialize)]
struct Actividad<'a> {
    id: &'a str,
    nombre: &'a str,
    responsables: &'a [String],
    meses: Vec<u8>,
    evidencia: Option<&'a str>,
}

#[derive(Serialize)]
struct Presupuesto<'a> {
    moneda: &'a str,
    descripcion: Option<&'a str>,
    items: Vec<Item<'a>>,
    total: f64,
}

#[derive(Serialize)]
struct Item<'a> {
    concepto: &'a str,
    cantidad: f64,
    costo_unitario: f64,
    subtotal: f64,
    fuente: Option<&'a str>,
}

#[derive(Serialize)]
struct Anexo<'a> {
    id: &'a str,
    titulo: &'a str,
    tipo: &'a str,
    url: Option<&'a str>,
    contenido: Option<String>,
}

/// The plain text a reader sees in rendered plan prose, whitespace collapsed.
fn plain(html: &str) -> String {
    html_text(html)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn plain_all(list: &[String]) -> Vec<String> {
    list.iter().map(|html| plain(html)).collect()
}

/// An amount as the view printed it ("30.00"), back to a number.
fn amount(text: &str) -> f64 {
    text.parse().unwrap_or(0.0)
}

pub(super) fn plan_data(plan: &PublicPlan) -> PlanData<'_> {
    PlanData {
        formato: FORMATO,
        esquema: "pmap/1",
        id: &plan.id,
        url: &plan.permalink,
        titulo: &plan.titulo,
        lema: plan.lema.as_deref(),
        anio: plan.anio,
        denominacion_anio: plan.denominacion_anio.as_deref(),
        decenio: plan.decenio.as_deref(),
        estado: plan.estado,
        periodo: plan.periodo.as_ref().map(|p| Periodo {
            inicio: p.inicio,
            fin: p.fin,
            semanas_gestion: p
                .intervalos_gestion
                .iter()
                .map(|&(inicio, fin)| Intervalo { inicio, fin })
                .collect(),
        }),
        aprobacion: plan.aprobacion.as_ref().map(|a| Aprobacion {
            documento: &a.documento,
            numero: a.numero.as_deref(),
            fecha: a.fecha,
            folios: a.folios,
            opinion_conei: a.opinion_conei,
            considerandos: &a.considerandos,
            articulos: &a.articulos,
        }),
        institucion: &plan.institucion,
        poblacion: &plan.poblacion,
        equipo: &plan.equipo,
        textos: Textos {
            presentacion: plan.textos.presentacion.as_deref().map(plain),
            fundamentacion: plan.textos.fundamentacion.as_deref().map(plain),
            justificacion: plan.textos.justificacion.as_deref().map(plain),
            finalidad: plan.textos.finalidad.as_deref().map(plain),
        },
        objetivos: Objetivos {
            general: plain_all(&plan.objetivos.general),
            especificos: plain_all(&plan.objetivos.especificos),
            metas: plain_all(&plan.objetivos.metas),
        },
        principios: plan
            .principios
            .iter()
            .map(|p| Principio {
                nombre: &p.nombre,
                descripcion: p.descripcion.as_deref().map(plain),
            })
            .collect(),
        bases_legales: &plan.bases_legales,
        estrategias: strategies(plan),
        enfoque: plan.enfoque.as_ref(),
        nombres_docentes: plan.nombres_docentes,
        docentes: &plan.docentes,
        visitas: visits(plan),
        actividades: activities(plan),
        instrumentos: &plan.instrumentos,
        presupuesto: plan.presupuesto.as_ref().map(budget),
        requerimientos: plain_all(&plan.requerimientos),
        bibliografia: &plan.bibliografia,
        anexos: annexes(plan),
        firmas: &plan.firmas,
    }
}

fn strategies(plan: &PublicPlan) -> Vec<Estrategia<'_>> {
    plan.estrategias
        .iter()
        .map(|e| Estrategia {
            tipo: e.tipo,
            nombre: &e.nombre,
            descripcion: e.descripcion.as_deref().map(plain),
            modalidad: e.modalidad.as_deref(),
            frecuencia: e.frecuencia.as_deref(),
            guia_url: e.guia_url.as_deref(),
        })
        .collect()
}

/// Every visit, teacher by teacher in the plan's order, then by number.
fn visits(plan: &PublicPlan) -> Vec<Visita<'_>> {
    plan.cronograma_visitas
        .iter()
        .flat_map(|row| row.visitas.iter().flatten())
        .map(|v| Visita {
            docente: &v.docente_id,
            n: v.n,
            fase: v.fase,
            fecha: v.fecha,
            mes: v.mes,
            responsable: &v.responsable,
        })
        .collect()
}

fn activities(plan: &PublicPlan) -> Vec<Actividad<'_>> {
    plan.actividades
        .iter()
        .map(|a| Actividad {
            id: &a.id,
            nombre: &a.nombre,
            responsables: &a.responsables,
            meses: plan
                .meses
                .iter()
                .zip(&a.marcas)
                .filter(|(_, marked)| **marked)
                .filter_map(|(m, _)| month_number(&m.token))
                .collect(),
            evidencia: a.evidencia.as_deref(),
        })
        .collect()
}

fn budget(p: &view::Presupuesto) -> Presupuesto<'_> {
    Presupuesto {
        moneda: &p.moneda,
        descripcion: p.descripcion.as_deref(),
        items: p
            .items
            .iter()
            .map(|i| Item {
                concepto: &i.concepto,
                cantidad: amount(&i.cantidad),
                costo_unitario: amount(&i.costo_unitario),
                subtotal: amount(&i.subtotal),
                fuente: i.fuente.as_deref(),
            })
            .collect(),
        total: amount(&p.total),
    }
}

fn annexes(plan: &PublicPlan) -> Vec<Anexo<'_>> {
    plan.anexos
        .iter()
        .map(|a| Anexo {
            id: &a.id,
            titulo: &a.titulo,
            tipo: &a.tipo,
            url: a.url.as_deref(),
            contenido: a.contenido.as_deref().map(plain),
        })
        .collect()
}
