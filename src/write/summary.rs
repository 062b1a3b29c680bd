//! A plan's summary as the manifest stores it, read back into the `PlanSummary` the
//! listings, `planes.json` and the sitemap take. It is written by `PlanSummary`'s own
//! `Serialize`; the fields here are its fields, with the values that serialize as text
//! (the state, the approval date, the missing parts) read back from that text.

use serde::Deserialize;

use crate::plan::calendar::Fecha;
use crate::plan::view::PlanSummary;
use crate::plan::view::completeness::PARTS;
use crate::plan::vocab::{Estado, Term};

#[derive(Deserialize)]
pub struct Stored {
    id: String,
    titulo: String,
    anio: i64,
    estado: String,
    estado_texto: String,
    institucion: String,
    dre: Option<String>,
    ugel: Option<String>,
    ugel_slug: Option<String>,
    niveles: Vec<String>,
    aprobacion: Option<String>,
    aprobacion_fecha: Option<String>,
    fecha_aprobacion: Option<String>,
    url: String,
    permalink: String,
    datos: String,
    docentes: usize,
    visitas: usize,
    visitas_por_mes: [usize; 12],
    faltan: Vec<String>,
}

impl Stored {
    /// The summary, or `None` if a value no longer reads back (then the plan is made again).
    pub fn into_summary(self) -> Option<PlanSummary> {
        let fecha_aprobacion = match &self.fecha_aprobacion {
            Some(text) => Some(Fecha::parse(text)?),
            None => None,
        };
        let faltan = self
            .faltan
            .iter()
            .map(|part| PARTS.iter().find(|p| **p == part.as_str()).copied())
            .collect::<Option<Vec<&'static str>>>()?;
        let estado = Estado::SPELLINGS
            .iter()
            .find(|(_, spelling)| *spelling == self.estado)
            .map(|(value, _)| *value)?;
        Some(PlanSummary {
            id: self.id,
            titulo: self.titulo,
            anio: self.anio,
            estado,
            estado_texto: self.estado_texto,
            institucion: self.institucion,
            dre: self.dre,
            ugel: self.ugel,
            ugel_slug: self.ugel_slug,
            niveles: self.niveles,
            aprobacion: self.aprobacion,
            aprobacion_fecha: self.aprobacion_fecha,
            fecha_aprobacion,
            url: self.url,
            permalink: self.permalink,
            datos: self.datos,
            docentes: self.docentes,
            visitas: self.visitas,
            visitas_por_mes: self.visitas_por_mes,
            faltan,
        })
    }
}
