//! What the plan says in words and lists: its texts and objectives as HTML (Markdown, raw
//! HTML escaped), principles, legal bases, strategies, instruments, requirements,
//! bibliography and annexes.

use serde::Serialize;

use super::super::model::{self, Plan};
use super::super::vocab::TipoEstrategia;
use super::text;

/// Markdown to HTML for plan prose (`markdown::render_untrusted`).
pub(super) type Markdown<'a> = &'a dyn Fn(&str) -> String;

/// Prose fields as HTML (rendered Markdown, raw HTML escaped).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Textos {
    pub presentacion: Option<String>,
    pub fundamentacion: Option<String>,
    pub justificacion: Option<String>,
    pub finalidad: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Objetivos {
    pub general: Vec<String>,
    pub especificos: Vec<String>,
    pub metas: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Principio {
    pub nombre: String,
    pub descripcion: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Norma {
    /// "RM N° 587-2023-MINEDU".
    pub codigo: String,
    pub titulo: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Estrategia {
    pub tipo: TipoEstrategia,
    pub nombre: String,
    pub descripcion: Option<String>,
    pub modalidad: Option<String>,
    pub frecuencia: Option<String>,
    pub guia_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Instrumento {
    pub nombre: String,
    pub tipo: String,
    pub anexo: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Anexo {
    pub id: String,
    pub titulo: String,
    pub tipo: String,
    pub url: Option<String>,
    pub contenido: Option<String>,
}

pub(super) fn texts(plan: &Plan, md: Markdown) -> Textos {
    plan.textos
        .as_ref()
        .map_or_else(Textos::default, |t| Textos {
            presentacion: text(&t.presentacion).map(|x| md(&x)),
            fundamentacion: text(&t.fundamentacion).map(|x| md(&x)),
            justificacion: text(&t.justificacion).map(|x| md(&x)),
            finalidad: text(&t.finalidad).map(|x| md(&x)),
        })
}

pub(super) fn objectives(plan: &Plan, md: Markdown) -> Objetivos {
    plan.objetivos
        .as_ref()
        .map_or_else(Objetivos::default, |o| {
            let list =
                |items: &[toml::Spanned<String>]| items.iter().map(|i| md(i.get_ref())).collect();
            Objetivos {
                general: list(&o.general),
                especificos: list(&o.especificos),
                metas: list(&o.metas),
            }
        })
}

pub(super) fn principles(plan: &Plan, md: Markdown) -> Vec<Principio> {
    plan.principios
        .iter()
        .map(|p| Principio {
            nombre: p.nombre.get_ref().clone(),
            descripcion: text(&p.descripcion).map(|x| md(&x)),
        })
        .collect()
}

pub(super) fn legal_bases(plan: &Plan) -> Vec<Norma> {
    plan.bases_legales
        .iter()
        .map(|n| norm(n.get_ref()))
        .collect()
}

/// The strategies; `resolve` turns a guide's `@/` link into its URL.
pub(super) fn strategies(
    plan: &Plan,
    md: Markdown,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Vec<Estrategia> {
    plan.estrategias
        .iter()
        .map(|e| {
            let e = e.get_ref();
            Estrategia {
                tipo: e
                    .tipo
                    .as_ref()
                    .and_then(|t| t.get_ref().value)
                    .unwrap_or(TipoEstrategia::Otro),
                nombre: text(&e.nombre)
                    .or_else(|| text(&e.detalle))
                    .unwrap_or_default(),
                descripcion: text(&e.descripcion).map(|x| md(&x)),
                modalidad: text(&e.modalidad),
                frecuencia: text(&e.frecuencia),
                guia_url: e
                    .guia
                    .as_ref()
                    .and_then(|g| resolve(g.get_ref().strip_prefix("@/")?)),
            }
        })
        .collect()
}

pub(super) fn instruments(plan: &Plan) -> Vec<Instrumento> {
    plan.instrumentos
        .iter()
        .map(|i| {
            let i = i.get_ref();
            Instrumento {
                nombre: text(&i.nombre)
                    .or_else(|| text(&i.detalle))
                    .unwrap_or_default(),
                tipo: text(&i.tipo).unwrap_or_default(),
                anexo: text(&i.anexo),
            }
        })
        .collect()
}

pub(super) fn requirements(plan: &Plan, md: Markdown) -> Vec<String> {
    plan.requerimientos
        .iter()
        .map(|r| md(r.descripcion.get_ref()))
        .collect()
}

pub(super) fn bibliography(plan: &Plan) -> Vec<String> {
    plan.bibliografia.iter().map(reference).collect()
}

/// The annexes marked public (all, unless `publico = false`).
pub(super) fn annexes(plan: &Plan, md: Markdown) -> Vec<Anexo> {
    plan.anexos
        .iter()
        .map(|a| a.get_ref())
        .filter(|a| a.publico)
        .map(|a| Anexo {
            id: text(&a.id).unwrap_or_default(),
            titulo: text(&a.titulo).unwrap_or_default(),
            tipo: text(&a.tipo).unwrap_or_else(|| "enlace".to_string()),
            url: text(&a.url),
            contenido: text(&a.contenido).map(|x| md(&x)),
        })
        .collect()
}

/// "RM N° 0547-2012-ED" with year and issuer, "Ley N° 28044" without; `numero` as written.
fn norm(n: &model::Norma) -> Norma {
    let s = |v: &Option<toml::Spanned<String>>| v.as_ref().map(|x| x.get_ref().clone());
    let tipo = s(&n.tipo).unwrap_or_default();
    let codigo = match (&n.numero, &n.anio, &n.emisor) {
        (Some(num), Some(anio), Some(emisor)) if tipo != "otro" => format!(
            "{tipo} N° {}-{}-{}",
            num.get_ref(),
            anio.get_ref(),
            emisor.get_ref()
        ),
        (Some(num), _, _) if tipo != "otro" => format!("{tipo} N° {}", num.get_ref()),
        _ => s(&n.detalle).or_else(|| s(&n.titulo)).unwrap_or(tipo),
    };
    let titulo = s(&n.titulo).filter(|t| *t != codigo);
    Norma {
        codigo,
        titulo,
        url: s(&n.url),
    }
}

/// "Autor. (2020). Título. Editorial. https://…", in APA's order.
fn reference(r: &model::Referencia) -> String {
    let mut parts = Vec::new();
    if let Some(autor) = &r.autor {
        parts.push(format!("{}.", autor.get_ref().trim_end_matches('.')));
    }
    if let Some(anio) = &r.anio {
        parts.push(format!("({}).", anio.get_ref()));
    }
    parts.push(format!("{}.", r.titulo.get_ref().trim_end_matches('.')));
    if let Some(editorial) = &r.editorial {
        parts.push(format!("{}.", editorial.get_ref().trim_end_matches('.')));
    }
    if let Some(url) = &r.url {
        parts.push(url.get_ref().clone());
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(toml: &str) -> String {
        norm(&toml::from_str::<model::Norma>(toml).unwrap()).codigo
    }

    #[test]
    fn norms_are_cited_by_their_code() {
        assert_eq!(
            code("tipo = \"RM\"\nnumero = \"0547\"\nanio = 2012\nemisor = \"ED\"\n"),
            "RM N° 0547-2012-ED"
        );
        assert_eq!(code("tipo = \"Ley\"\nnumero = \"28044\"\n"), "Ley N° 28044");
        assert_eq!(
            code("tipo = \"otro\"\ndetalle = \"Oficio múltiple\"\n"),
            "Oficio múltiple"
        );
    }

    #[test]
    fn references_in_apa_order() {
        let r: model::Referencia = toml::from_str(
            "autor = \"MINEDU.\"\nanio = 2020\ntitulo = \"Guía.\"\nurl = \"https://x.pe\"\n",
        )
        .unwrap();
        assert_eq!(reference(&r), "MINEDU. (2020). Guía. https://x.pe");
    }
}
