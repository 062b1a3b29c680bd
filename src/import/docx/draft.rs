//! What was read from the document, in the plan's terms: the recognisers fill it in, and
//! `write` turns it into the draft's TOML. Every field is optional or a list, since a
//! document may lack any section.

use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct Draft {
    pub titulo: Option<String>,
    pub anio: Option<i64>,
    pub denominacion_anio: Option<String>,
    pub decenio: Option<String>,
    pub lugar: Option<String>,
    /// `[institucion]`'s text fields by key (`nombre`, `ugel`, ...).
    pub institucion: BTreeMap<&'static str, String>,
    pub niveles: Vec<String>,
    pub turnos: Vec<String>,
    pub codigos_modulares: Vec<(String, String)>,
    pub equipo: Vec<Member>,
    /// `[textos]`: each key's Markdown paragraphs.
    pub textos: BTreeMap<&'static str, Vec<String>>,
    pub general: Vec<String>,
    pub especificos: Vec<String>,
    pub metas: Vec<String>,
    pub principios: Vec<(String, Option<String>)>,
    pub normas: Vec<Norm>,
    pub estrategias: Vec<Strategy>,
    pub competencias: Vec<i64>,
    pub poblacion: BTreeMap<&'static str, i64>,
    pub docentes: Vec<Teacher>,
    pub visitas: Vec<Visit>,
    pub actividades: Vec<Activity>,
    pub presupuesto: Vec<String>,
    pub requerimientos: Vec<String>,
    pub bibliografia: Vec<Reference>,
    /// What was read and placed, for the summary: section names, in document order.
    pub recognised: Vec<String>,
    /// What could not be placed: where it was, and its lines.
    pub unrecognised: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: &'static str,
    pub nombre: String,
    pub cargo: String,
    pub firma: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Norm {
    pub tipo: String,
    pub numero: Option<String>,
    pub anio: Option<i64>,
    pub emisor: Option<String>,
    pub titulo: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Strategy {
    pub tipo: &'static str,
    pub nombre: String,
    pub descripcion: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Teacher {
    pub id: String,
    pub nombre: String,
    pub grados: Vec<String>,
    pub secciones: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub docente: String,
    pub n: i64,
    pub mes: Option<&'static str>,
    pub fecha: Option<String>,
    pub fase: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub nombre: String,
    pub responsables: Vec<&'static str>,
    pub meses: Vec<&'static str>,
    pub evidencia: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub autor: Option<String>,
    pub anio: Option<i64>,
    pub titulo: String,
}

impl Draft {
    /// Something the document says that senda could not place, kept for the director.
    pub fn not_placed(&mut self, context: &str, line: impl Into<String>) {
        let line = line.into();
        match self.unrecognised.last_mut() {
            Some((last, lines)) if last == context => lines.push(line),
            _ => self.unrecognised.push((context.to_string(), vec![line])),
        }
    }

    /// The team member `id`, added with `nombre` and `cargo` unless there already is one.
    pub fn member(&mut self, id: &'static str, nombre: &str, cargo: &str) {
        if self.equipo.iter().all(|m| m.id != id) {
            self.equipo.push(Member {
                id,
                nombre: nombre.to_string(),
                cargo: cargo.to_string(),
                firma: id == "dir",
            });
        }
    }

    pub fn recognised(&mut self, what: &str) {
        if !self.recognised.iter().any(|r| r == what) {
            self.recognised.push(what.to_string());
        }
    }
}
