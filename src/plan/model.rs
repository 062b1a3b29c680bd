//! The `pmap/1` plan file as written: serde structs mirroring the TOML, with spans where a
//! rule may need to point at a value.
//!
//! Everything is optional here. Required keys, enumerations, month tokens and codes are
//! checked by `rules`, so each problem gets its rule code and a message in Spanish
//! instead of serde's first-error-only English. The enumerations senda acts on are read
//! into `vocab::Token`s: the value's spelling, and the value if it is one; the other listed
//! values (`vocab::one`, `vocab::each`) into their listed spelling, case and accents aside,
//! and months into their tokens (`calendar::read_month`).

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::calendar::{self, Fecha};
use super::vocab::{self, Estado, Fase, NombresDocentes, TipoEstrategia, Token};

type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub esquema: Option<S<String>>,
    pub id: Option<S<String>>,
    pub titulo: Option<S<String>>,
    pub lema: Option<S<String>>,
    pub pais: Option<S<String>>,
    pub anio: Option<S<i64>>,
    pub denominacion_anio: Option<S<String>>,
    pub decenio: Option<S<String>>,
    pub lugar: Option<S<String>>,
    pub fecha_elaboracion: Option<S<Fecha>>,
    pub estado: Option<S<Token<Estado>>>,
    #[serde(default, deserialize_with = "vocab::one::<vocab::Ambitos, _>")]
    pub ambito: Option<S<String>>,
    #[serde(
        default,
        deserialize_with = "vocab::one::<vocab::ModalidadesAtencion, _>"
    )]
    pub modalidad_atencion: Option<S<String>>,
    pub periodo: Option<S<Periodo>>,
    pub aprobacion: Option<S<Aprobacion>>,
    pub institucion: Option<S<Institucion>>,
    #[serde(default)]
    pub equipo: Vec<S<Miembro>>,
    pub textos: Option<Textos>,
    pub objetivos: Option<Objetivos>,
    #[serde(default)]
    pub principios: Vec<Principio>,
    #[serde(default)]
    pub bases_legales: Vec<S<Norma>>,
    #[serde(default)]
    pub estrategias: Vec<S<Estrategia>>,
    pub enfoque: Option<Enfoque>,
    pub poblacion: Option<Poblacion>,
    pub privacidad: Option<Privacidad>,
    #[serde(default)]
    pub docentes: Vec<S<Docente>>,
    #[serde(default)]
    pub visitas: Vec<S<Visita>>,
    #[serde(default)]
    pub actividades: Vec<S<Actividad>>,
    #[serde(default)]
    pub instrumentos: Vec<S<Instrumento>>,
    pub presupuesto: Option<Presupuesto>,
    #[serde(default)]
    pub requerimientos: Vec<Requerimiento>,
    #[serde(default)]
    pub bibliografia: Vec<Referencia>,
    #[serde(default)]
    pub anexos: Vec<S<Anexo>>,
    #[serde(default)]
    pub firmas: Vec<S<Firma>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Periodo {
    pub inicio: Option<S<Fecha>>,
    pub fin: Option<S<Fecha>>,
    #[serde(default)]
    pub semanas_gestion: Vec<S<Intervalo>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intervalo {
    pub inicio: S<Fecha>,
    pub fin: S<Fecha>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aprobacion {
    pub documento: Option<S<String>>,
    pub numero: Option<S<String>>,
    pub fecha: Option<S<Fecha>>,
    pub folios: Option<S<i64>>,
    pub opinion_conei: Option<bool>,
    #[serde(default)]
    pub considerandos: Vec<S<String>>,
    #[serde(default)]
    pub articulos: Vec<S<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Institucion {
    pub numero: Option<S<String>>,
    pub nombre: Option<S<String>>,
    #[serde(default, deserialize_with = "vocab::one::<vocab::TiposIe, _>")]
    pub tipo: Option<S<String>>,
    #[serde(default, deserialize_with = "vocab::each::<vocab::Niveles, _>")]
    pub niveles: Vec<S<String>>,
    #[serde(default, deserialize_with = "vocab::one::<vocab::Modalidades, _>")]
    pub modalidad: Option<S<String>>,
    #[serde(default, deserialize_with = "vocab::one::<vocab::ModelosServicio, _>")]
    pub modelo_servicio: Option<S<String>>,
    pub caracteristica: Option<S<String>>,
    #[serde(default)]
    pub turnos: Vec<S<String>>,
    #[serde(default, deserialize_with = "vocab::one::<vocab::Gestiones, _>")]
    pub gestion: Option<S<String>>,
    #[serde(default, deserialize_with = "vocab::one::<vocab::Areas, _>")]
    pub area: Option<S<String>>,
    pub dre: Option<S<String>>,
    pub ugel: Option<S<String>>,
    pub red_educativa: Option<S<String>>,
    pub region: Option<S<String>>,
    pub provincia: Option<S<String>>,
    pub distrito: Option<S<String>>,
    pub centro_poblado: Option<S<String>>,
    pub direccion: Option<S<String>>,
    pub altitud_msnm: Option<S<i64>>,
    /// Kept as a raw value: an integer here has lost its leading zeros (rule E5).
    pub codigo_local: Option<S<toml::Value>>,
    #[serde(default)]
    pub codigos_modulares: BTreeMap<String, S<toml::Value>>,
    #[serde(default)]
    pub lenguas: Vec<S<String>>,
    pub contacto: Option<Contacto>,
    pub detalle: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contacto {
    pub telefono: Option<S<String>>,
    pub correo: Option<S<String>>,
    pub web: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Miembro {
    pub id: Option<S<String>>,
    pub nombre: Option<S<String>>,
    pub cargo: Option<S<String>>,
    #[serde(default)]
    pub firma: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Textos {
    pub presentacion: Option<S<String>>,
    pub fundamentacion: Option<S<String>>,
    pub justificacion: Option<S<String>>,
    pub finalidad: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objetivos {
    #[serde(default)]
    pub general: Vec<S<String>>,
    #[serde(default)]
    pub especificos: Vec<S<String>>,
    #[serde(default)]
    pub metas: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principio {
    pub nombre: S<String>,
    pub descripcion: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Norma {
    #[serde(default, deserialize_with = "vocab::one::<vocab::Normas, _>")]
    pub tipo: Option<S<String>>,
    pub numero: Option<S<String>>,
    pub anio: Option<S<i64>>,
    pub emisor: Option<S<String>>,
    pub titulo: Option<S<String>>,
    pub detalle: Option<S<String>>,
    pub url: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Estrategia {
    pub tipo: Option<S<Token<TipoEstrategia>>>,
    pub nombre: Option<S<String>>,
    pub descripcion: Option<S<String>>,
    #[serde(
        default,
        deserialize_with = "vocab::one::<vocab::ModalidadesEstrategia, _>"
    )]
    pub modalidad: Option<S<String>>,
    pub frecuencia: Option<S<String>>,
    pub guia: Option<S<String>>,
    pub detalle: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enfoque {
    pub marco: Option<S<String>>,
    pub marco_rubricas: Option<S<String>>,
    #[serde(default)]
    pub competencias_mbdd: Vec<S<i64>>,
    #[serde(default)]
    pub desempenos_mbdd: Vec<S<i64>>,
    #[serde(default)]
    pub rubricas: Vec<S<i64>>,
    #[serde(default)]
    pub cge: Vec<S<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Poblacion {
    pub directivos: Option<S<toml::Value>>,
    pub docentes: Option<S<toml::Value>>,
    pub estudiantes: Option<S<toml::Value>>,
    pub familias: Option<S<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Privacidad {
    pub nombres_docentes: Option<S<Token<NombresDocentes>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docente {
    pub id: Option<S<String>>,
    pub nombre: Option<S<String>>,
    #[serde(default, deserialize_with = "vocab::one::<vocab::Niveles, _>")]
    pub nivel_educativo: Option<S<String>>,
    #[serde(default)]
    pub grados: Vec<S<String>>,
    #[serde(default)]
    pub secciones: Vec<S<String>>,
    #[serde(default)]
    pub areas: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visita {
    pub docente: Option<S<String>>,
    pub n: Option<S<i64>>,
    pub fase: Option<S<Token<Fase>>>,
    pub fecha: Option<S<Fecha>>,
    #[serde(default, deserialize_with = "calendar::read_month")]
    pub mes: Option<S<String>>,
    pub responsable: Option<S<String>>,
    #[serde(default, deserialize_with = "vocab::each::<vocab::Instrumentos, _>")]
    pub instrumentos: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actividad {
    /// Optional, stable across edits of `nombre`: the calendar's UIDs are made of it.
    pub id: Option<S<String>>,
    pub nombre: Option<S<String>>,
    #[serde(default)]
    pub responsables: Vec<S<String>>,
    #[serde(default, deserialize_with = "calendar::read_months")]
    pub meses: Vec<S<String>>,
    pub evidencia: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrumento {
    #[serde(default, deserialize_with = "vocab::one::<vocab::Instrumentos, _>")]
    pub tipo: Option<S<String>>,
    pub nombre: Option<S<String>>,
    pub anexo: Option<S<String>>,
    pub detalle: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Presupuesto {
    #[serde(default, deserialize_with = "vocab::one::<vocab::Monedas, _>")]
    pub moneda: Option<S<String>>,
    pub descripcion: Option<S<String>>,
    #[serde(default)]
    pub items: Vec<S<Item>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub concepto: Option<S<String>>,
    pub cantidad: Option<S<f64>>,
    pub costo_unitario: Option<S<f64>>,
    pub fuente: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requerimiento {
    pub descripcion: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referencia {
    pub autor: Option<S<String>>,
    pub anio: Option<S<i64>>,
    pub titulo: S<String>,
    pub editorial: Option<S<String>>,
    pub url: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anexo {
    pub id: Option<S<String>>,
    pub titulo: Option<S<String>>,
    #[serde(default, deserialize_with = "vocab::one::<vocab::Anexos, _>")]
    pub tipo: Option<S<String>>,
    pub url: Option<S<String>>,
    pub contenido: Option<S<String>>,
    #[serde(default = "yes")]
    pub publico: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Firma {
    #[serde(rename = "ref")]
    pub referencia: Option<S<String>>,
}
