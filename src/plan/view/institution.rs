//! The school: its full name as documents write it, its instances, its codes, and the
//! population it serves.

use serde::Serialize;

use super::super::model::{self, Plan};
use crate::resolve::slug::slugify;

#[derive(Debug, Clone, Serialize)]
pub struct Institucion {
    /// "IEI N° 246 «Mi Segundo Hogar»".
    pub nombre_completo: String,
    pub nombre: String,
    pub numero: Option<String>,
    pub tipo: Option<String>,
    pub niveles: Vec<String>,
    pub modalidad: Option<String>,
    pub modelo_servicio: Option<String>,
    pub caracteristica: Option<String>,
    pub turnos: Vec<String>,
    pub gestion: Option<String>,
    pub area: Option<String>,
    pub dre: Option<String>,
    pub ugel: Option<String>,
    pub ugel_slug: Option<String>,
    pub red_educativa: Option<String>,
    pub region: Option<String>,
    pub provincia: Option<String>,
    pub distrito: Option<String>,
    pub centro_poblado: Option<String>,
    pub direccion: Option<String>,
    pub altitud_msnm: Option<i64>,
    pub codigo_local: Option<String>,
    pub codigos_modulares: Vec<Codigo>,
    pub lenguas: Vec<String>,
    pub telefono: Option<String>,
    pub correo: Option<String>,
    pub web: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Codigo {
    pub nivel: String,
    pub codigo: String,
}

pub(super) fn institution(plan: &Plan) -> Institucion {
    let empty = model::Institucion::default();
    let inst = plan.institucion.as_ref().map_or(&empty, |i| i.get_ref());
    let s = |v: &Option<toml::Spanned<String>>| v.as_ref().map(|x| x.get_ref().clone());
    let code = |v: &toml::Spanned<toml::Value>| match v.get_ref() {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let nombre = s(&inst.nombre).unwrap_or_default();
    let tipo = s(&inst.tipo).filter(|t| t != "otro");
    let nombre_completo = match (&tipo, &inst.numero) {
        (Some(t), Some(n)) => format!("{t} N° {} «{nombre}»", n.get_ref()),
        (None, Some(n)) => format!("IE N° {} «{nombre}»", n.get_ref()),
        (Some(t), None) => format!("{t} «{nombre}»"),
        (None, None) => nombre.clone(),
    };
    let contacto = inst.contacto.as_ref();
    Institucion {
        nombre_completo,
        nombre,
        numero: s(&inst.numero),
        tipo,
        niveles: inst.niveles.iter().map(|n| n.get_ref().clone()).collect(),
        modalidad: s(&inst.modalidad),
        modelo_servicio: s(&inst.modelo_servicio),
        caracteristica: s(&inst.caracteristica),
        turnos: inst.turnos.iter().map(|t| t.get_ref().clone()).collect(),
        gestion: s(&inst.gestion).map(|g| g.replace('_', " ")),
        area: s(&inst.area),
        dre: s(&inst.dre),
        ugel_slug: inst.ugel.as_ref().map(|u| slugify(u.get_ref())),
        ugel: s(&inst.ugel),
        red_educativa: s(&inst.red_educativa),
        region: s(&inst.region),
        provincia: s(&inst.provincia),
        distrito: s(&inst.distrito),
        centro_poblado: s(&inst.centro_poblado),
        direccion: s(&inst.direccion),
        altitud_msnm: inst.altitud_msnm.as_ref().map(|a| *a.get_ref()),
        codigo_local: inst.codigo_local.as_ref().map(code),
        codigos_modulares: inst
            .codigos_modulares
            .iter()
            .map(|(nivel, c)| Codigo {
                nivel: nivel.clone(),
                codigo: code(c),
            })
            .collect(),
        lenguas: inst.lenguas.iter().map(|l| l.get_ref().clone()).collect(),
        telefono: contacto.and_then(|c| s(&c.telefono)),
        correo: contacto.and_then(|c| s(&c.correo)),
        web: contacto.and_then(|c| s(&c.web)),
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Poblacion {
    pub directivos: Option<i64>,
    pub docentes: Option<i64>,
    pub estudiantes: Option<i64>,
    pub familias: Option<i64>,
}

pub(super) fn population(plan: &Plan) -> Poblacion {
    plan.poblacion
        .as_ref()
        .map_or_else(Poblacion::default, |p| {
            let count = |v: &Option<toml::Spanned<toml::Value>>| {
                v.as_ref().and_then(|v| v.get_ref().as_integer())
            };
            Poblacion {
                directivos: count(&p.directivos),
                docentes: count(&p.docentes),
                estudiantes: count(&p.estudiantes),
                familias: count(&p.familias),
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_name(toml: &str) -> String {
        institution(&toml::from_str(toml).unwrap()).nombre_completo
    }

    #[test]
    fn the_full_name_as_documents_write_it() {
        let school = "[institucion]\nnombre = \"Mi Segundo Hogar\"\n";
        assert_eq!(full_name(school), "Mi Segundo Hogar");
        assert_eq!(
            full_name(&format!("{school}numero = \"246\"\ntipo = \"IEI\"\n")),
            "IEI N° 246 «Mi Segundo Hogar»"
        );
        assert_eq!(
            full_name(&format!("{school}numero = \"246\"\ntipo = \"otro\"\n")),
            "IE N° 246 «Mi Segundo Hogar»"
        );
        assert_eq!(
            full_name(&format!("{school}tipo = \"CEBA\"\n")),
            "CEBA «Mi Segundo Hogar»"
        );
    }
}
