//! The public view of a plan: what templates and exports see, and nothing else.
//!
//! Teachers' names are masked here, once, as `[privacidad]` says; the full name of a masked
//! teacher is not a field of any struct in this module, so no template or export can print
//! it. Dates, norm codes, totals and the month grid are computed here so every output
//! (page, print, JSON, CSV, ICS) says the same thing.

use std::collections::BTreeMap;

use serde::Serialize;

use super::PlanFile;
use super::calendar::{Fecha, SchoolYear};
use super::paths;
use super::vocab::{Estado, NombresDocentes};
use crate::load::config::Config;
use crate::resolve::markdown;

mod budget;
pub mod completeness;
mod dates;
pub(crate) mod enfoque;
mod institution;
mod numbering;
mod people;
mod schedule;
mod texts;

pub use budget::{Item, Presupuesto};
pub use dates::{Aprobacion, Periodo};
pub use enfoque::{Enfoque, Numerado};
pub use institution::{Codigo, Institucion, Poblacion};
pub use numbering::{Seccion, roman};
pub use people::{Docente, Persona, TeacherName, initials, teacher_names};
pub use schedule::{Actividad, FilaVisitas, Mes, MesVisitas, Visita};
pub use texts::{Anexo, Estrategia, Instrumento, Norma, Objetivos, Principio, Textos};

/// The site path of a plan's page, by the name `render` knows it.

#[derive(Debug, Clone, Serialize)]
pub struct PublicPlan {
    pub id: String,
    pub titulo: String,
    pub lema: Option<String>,
    pub anio: i64,
    pub denominacion_anio: Option<String>,
    pub decenio: Option<String>,
    /// "Juli, marzo de 2024", for the cover and the signatures.
    pub lugar_fecha: Option<String>,
    pub estado: Estado,
    pub estado_texto: String,
    pub url: String,
    pub permalink: String,
    pub urls: Urls,
    pub periodo: Option<Periodo>,
    pub aprobacion: Option<Aprobacion>,
    pub institucion: Institucion,
    pub equipo: Vec<Persona>,
    pub textos: Textos,
    pub objetivos: Objetivos,
    pub principios: Vec<Principio>,
    pub bases_legales: Vec<Norma>,
    pub estrategias: Vec<Estrategia>,
    pub enfoque: Option<Enfoque>,
    pub poblacion: Poblacion,
    /// `completo`, `iniciales` or `codigo`: how `docentes` were masked.
    pub nombres_docentes: NombresDocentes,
    pub docentes: Vec<Docente>,
    /// The visit schedule as teacher × visit.
    pub cronograma_visitas: Vec<FilaVisitas>,
    /// How many visit columns the schedule needs.
    pub visitas_por_docente: usize,
    /// Those columns' Roman numerals: "I", "II", "III"…
    pub columnas_visitas: Vec<String>,
    /// The same visits, month by month.
    pub calendario_visitas: Vec<MesVisitas>,
    pub meses: Vec<Mes>,
    pub actividades: Vec<Actividad>,
    pub instrumentos: Vec<Instrumento>,
    pub presupuesto: Option<Presupuesto>,
    pub requerimientos: Vec<String>,
    pub bibliografia: Vec<String>,
    pub anexos: Vec<Anexo>,
    pub firmas: Vec<Persona>,
    /// The plan's sections in order, each with its Roman numeral, for the index.
    pub secciones: Vec<Seccion>,
    /// Section id to Roman numeral, for headings: `plan.numeros.objetivos`.
    pub numeros: BTreeMap<String, String>,
    /// Which year each month of `meses` is of, for the calendar export.
    #[serde(skip)]
    pub anio_escolar: SchoolYear,
}

#[derive(Debug, Clone, Serialize)]
pub struct Urls {
    pub imprimir: String,
    pub calendario: String,
    pub json: String,
    pub csv: String,
    pub xlsx: String,
    /// The listing of all plans.
    pub planes: String,
    /// The listing of the plans of the plan's UGEL, if it names one.
    pub ugel: Option<String>,
}

/// A plan in a listing: what a UGEL specialist scans for.
#[derive(Debug, Clone, Serialize)]
pub struct PlanSummary {
    pub id: String,
    pub titulo: String,
    pub anio: i64,
    pub estado: Estado,
    pub estado_texto: String,
    pub institucion: String,
    pub dre: Option<String>,
    pub ugel: Option<String>,
    pub ugel_slug: Option<String>,
    pub niveles: Vec<String>,
    pub aprobacion: Option<String>,
    pub aprobacion_fecha: Option<String>,
    /// The approval's date, for `planes.json` (ISO 8601).
    pub fecha_aprobacion: Option<Fecha>,
    pub url: String,
    /// The page's absolute address when the site has a `base_url`, for spreadsheets.
    pub permalink: String,
    /// The plan's `plan.json`.
    pub datos: String,
    pub docentes: usize,
    pub visitas: usize,
    /// Visits planned in each month, January first.
    pub visitas_por_mes: [usize; 12],
    /// The parts of `completeness::PARTS` the plan leaves empty.
    pub faltan: Vec<&'static str>,
}

impl PublicPlan {
    pub fn summary(&self) -> PlanSummary {
        let visits = self
            .cronograma_visitas
            .iter()
            .flat_map(|row| row.visitas.iter().flatten());
        PlanSummary {
            id: self.id.clone(),
            titulo: self.titulo.clone(),
            anio: self.anio,
            estado: self.estado,
            estado_texto: self.estado_texto.clone(),
            institucion: self.institucion.nombre_completo.clone(),
            dre: self.institucion.dre.clone(),
            ugel: self.institucion.ugel.clone(),
            ugel_slug: self.institucion.ugel_slug.clone(),
            niveles: self.institucion.niveles.clone(),
            aprobacion: self.aprobacion.as_ref().and_then(|a| a.numero.clone()),
            aprobacion_fecha: self.aprobacion.as_ref().and_then(|a| a.fecha_texto.clone()),
            fecha_aprobacion: self.aprobacion.as_ref().and_then(|a| a.fecha),
            url: self.url.clone(),
            permalink: self.permalink.clone(),
            datos: self.urls.json.clone(),
            docentes: self.docentes.len(),
            visitas: visits.clone().count(),
            visitas_por_mes: {
                let mut months = [0; 12];
                for visit in visits {
                    months[usize::from(visit.mes.clamp(1, 12)) - 1] += 1;
                }
                months
            },
            faltan: completeness::missing(self),
        }
    }
}

/// Builds the public view. `resolve` turns `@/` links into URLs.
pub fn build(
    file: &PlanFile,
    config: &Config,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> PublicPlan {
    let plan = &file.plan;
    let md = |text: &str| markdown::render_untrusted(text, resolve);
    let anio = plan.anio.as_ref().map_or(0, |a| *a.get_ref());
    let people = people::People::new(&file.id, plan);
    let docentes = people::teachers(plan, &people);
    let schedule = schedule::schedule(plan, &people, &docentes);
    let institucion = institution::institution(plan);
    // Rule E0 lets no other value through; a plan that does not say is a draft.
    let estado = plan
        .estado
        .as_ref()
        .map_or(Some(Estado::Borrador), |e| e.get_ref().value)
        .unwrap_or(Estado::Otro);
    let path = paths::page(&file.id);
    let mut view = PublicPlan {
        id: file.id.clone(),
        titulo: text(&plan.titulo).unwrap_or_default(),
        lema: text(&plan.lema),
        anio,
        denominacion_anio: text(&plan.denominacion_anio),
        decenio: text(&plan.decenio),
        lugar_fecha: dates::place_and_date(plan, anio),
        estado_texto: estado.texto().to_string(),
        estado,
        url: config.url(&path),
        permalink: config.permalink(&path),
        urls: urls(&file.id, &institucion, config),
        periodo: dates::period(plan),
        aprobacion: dates::approval(plan),
        institucion,
        equipo: people::team(plan),
        textos: texts::texts(plan, &md),
        objetivos: texts::objectives(plan, &md),
        principios: texts::principles(plan, &md),
        bases_legales: texts::legal_bases(plan),
        estrategias: texts::strategies(plan, &md, resolve),
        enfoque: plan.enfoque.as_ref().map(enfoque::enfoque),
        poblacion: institution::population(plan),
        nombres_docentes: people.masking,
        docentes,
        cronograma_visitas: schedule.cronograma_visitas,
        visitas_por_docente: schedule.visitas_por_docente,
        columnas_visitas: schedule.columnas_visitas,
        calendario_visitas: schedule.calendario_visitas,
        meses: schedule.meses,
        actividades: schedule.actividades,
        instrumentos: texts::instruments(plan),
        presupuesto: plan.presupuesto.as_ref().map(budget::budget),
        requerimientos: texts::requirements(plan, &md),
        bibliografia: texts::bibliography(plan),
        anexos: texts::annexes(plan, &md),
        firmas: people::signatories(plan),
        secciones: Vec::new(),
        numeros: BTreeMap::new(),
        // Rules E1 and E3 hold `anio` to a year a date can have in every plan that gets here.
        anio_escolar: SchoolYear::of(plan).unwrap_or(SchoolYear::within(anio as i32)),
    };
    numbering::number_sections(&mut view);
    view
}

/// The plan's own pages and files, and the listings it appears in.
fn urls(id: &str, institucion: &Institucion, config: &Config) -> Urls {
    Urls {
        imprimir: config.url(&paths::print_page(id)),
        calendario: config.url(&paths::calendar_file(id)),
        json: config.url(&paths::json_file(id)),
        csv: config.url(&paths::csv_file(id)),
        xlsx: config.url(&paths::xlsx_file(id)),
        planes: config.url(paths::INDEX),
        ugel: institucion
            .ugel_slug
            .as_deref()
            .map(|slug| config.url(&paths::ugel_listing(slug))),
    }
}

/// A text as the plan writes it, trimmed; `None` if it is absent or blank.
fn text(value: &Option<toml::Spanned<String>>) -> Option<String> {
    value
        .as_ref()
        .map(|v| v.get_ref().trim().to_string())
        .filter(|v| !v.is_empty())
}
