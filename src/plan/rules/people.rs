//! E6, E13 and W6: ids are unique and every reference to a person, a guide or an annex
//! resolves.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::super::model::Plan;
use super::super::vocab;
use super::{Checker, Context};
use crate::diag::{Code, suggest};

impl Checker<'_, '_> {
    // ---- E6, E13, W6: identifiers and references -------------------------------------------

    pub(super) fn people(&mut self, plan: &Plan, context: &Context) {
        let mut people: HashMap<&str, Range<usize>> = HashMap::new();
        let ids = plan
            .equipo
            .iter()
            .filter_map(|m| m.get_ref().id.as_ref())
            .chain(plan.docentes.iter().filter_map(|d| d.get_ref().id.as_ref()));
        for id in ids {
            if people.insert(id.get_ref(), id.span()).is_some() {
                self.error(Code::E6, id.span(), format!("el id `{}` se repite", id.get_ref()), "cada integrante del equipo y cada docente necesita un id distinto (`dir`, `d01`, `d02`…)");
            }
        }
        for member in &plan.equipo {
            let m = member.get_ref();
            if m.id.is_none() {
                self.error(
                    Code::E6,
                    member.span(),
                    "un integrante del `[[equipo]]` no tiene `id`".into(),
                    "agregue un id corto, p. ej. `id = \"dir\"`; las visitas y firmas lo usan",
                );
            }
        }
        let teachers: HashSet<&str> = plan
            .docentes
            .iter()
            .filter_map(|d| d.get_ref().id.as_ref())
            .map(|i| i.get_ref().as_str())
            .collect();
        for docente in &plan.docentes {
            let d = docente.get_ref();
            if d.id.is_none() {
                self.error(
                    Code::E6,
                    docente.span(),
                    "un `[[docentes]]` no tiene `id`".into(),
                    "agregue un id, p. ej. `id = \"d01\"`",
                );
            }
            if let Some(n) = &d.nivel_educativo {
                self.one_of(n, "`nivel_educativo`", vocab::NIVELES);
            }
        }
        let known: Vec<&str> = people.keys().copied().collect();
        let reference = |check: &mut Self, r: &Spanned<String>, what: &str| {
            if !people.contains_key(r.get_ref().as_str()) {
                let help = match suggest(r.get_ref(), known.iter().copied()) {
                    Some(right) => format!(
                        "¿quiso decir `{right}`? Use el id de alguien de `[[equipo]]` o `[[docentes]]`"
                    ),
                    None => "use el id de alguien de `[[equipo]]` o `[[docentes]]`".to_string(),
                };
                check.error(
                    Code::E6,
                    r.span(),
                    format!("{what} `{}` no existe", r.get_ref()),
                    help,
                );
            }
        };
        for visita in &plan.visitas {
            let v = visita.get_ref();
            if let Some(r) = &v.responsable {
                reference(self, r, "el responsable");
            }
            if let Some(docente) = &v.docente
                && !teachers.contains(docente.get_ref().as_str())
            {
                let help = match suggest(docente.get_ref(), teachers.iter().copied()) {
                    Some(right) => format!(
                        "¿quiso decir `{right}`? Agregue a la o el docente en `[[docentes]]` o corrija el id"
                    ),
                    None => {
                        "agregue a la o el docente en `[[docentes]]` o corrija el id".to_string()
                    }
                };
                self.error(
                    Code::E13,
                    docente.span(),
                    format!(
                        "la visita es a `{}`, que no está en `[[docentes]]`",
                        docente.get_ref()
                    ),
                    help,
                );
            }
        }
        for actividad in &plan.actividades {
            for r in &actividad.get_ref().responsables {
                reference(self, r, "el responsable");
            }
        }
        for firma in &plan.firmas {
            if let Some(r) = &firma.get_ref().referencia {
                reference(self, r, "quien firma");
            }
        }
        for estrategia in &plan.estrategias {
            let e = estrategia.get_ref();
            if let Some(tipo) = &e.tipo {
                self.term(tipo, "el tipo de estrategia");
            }
            if let Some(m) = &e.modalidad {
                self.one_of(
                    m,
                    "la modalidad de la estrategia",
                    vocab::MODALIDADES_ESTRATEGIA,
                );
            }
            if let Some(guia) = &e.guia {
                let text = guia.get_ref();
                match text.strip_prefix("@/") {
                    Some(target) if (context.page_exists)(target) => {}
                    None if (context.page_exists)(text.trim_start_matches('/')) => {
                        self.error(Code::E6, guia.span(), format!("la guía `{text}` no empieza con `@/`"), format!("las páginas del portal se enlazan con `@/` y su ruta dentro de content/: escriba `guia = \"@/{}\"`", text.trim_start_matches('/')));
                    }
                    _ => self.error(Code::E6, guia.span(), format!("la guía `{text}` no existe"), "escriba la ruta de una página del portal dentro de content/, p. ej. `guia = \"@/estrategias/visita-en-aula.md\"`"),
                }
            }
        }
        let mut annexes: HashSet<&str> = HashSet::new();
        for anexo in &plan.anexos {
            let a = anexo.get_ref();
            if let Some(id) = &a.id
                && !annexes.insert(id.get_ref())
            {
                self.error(
                    Code::E6,
                    id.span(),
                    format!("el anexo `{}` se repite", id.get_ref()),
                    "cada anexo necesita una letra o id distinto",
                );
            }
            if let Some(tipo) = &a.tipo {
                self.one_of(tipo, "el tipo de anexo", vocab::ANEXOS);
            }
        }
        for instrumento in &plan.instrumentos {
            let i = instrumento.get_ref();
            if let Some(tipo) = &i.tipo {
                self.one_of(tipo, "el tipo de instrumento", vocab::INSTRUMENTOS);
            }
            if let Some(anexo) = &i.anexo
                && !annexes.contains(anexo.get_ref().as_str())
            {
                self.error(
                    Code::E6,
                    anexo.span(),
                    format!("el anexo `{}` no existe", anexo.get_ref()),
                    "agregue ese anexo en `[[anexos]]` o corrija la letra",
                );
            }
        }
        let visited: HashSet<&str> = plan
            .visitas
            .iter()
            .filter_map(|v| v.get_ref().docente.as_ref())
            .map(|d| d.get_ref().as_str())
            .collect();
        for docente in &plan.docentes {
            if let Some(id) = &docente.get_ref().id
                && !visited.contains(id.get_ref().as_str())
            {
                self.warning(Code::W6, id.span(), format!("la o el docente `{}` no tiene ninguna visita programada", id.get_ref()), "agregue sus `[[visitas]]`: los planes se comprometen a acompañar a todas y todos los docentes");
            }
        }
    }
}
