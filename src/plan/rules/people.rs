//! E6, E13 and W6: ids are unique and every reference to a person, a guide or an annex
//! resolves.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::super::model::Plan;
use super::super::vocab;
use super::{Checker, Context};
use crate::diag::{Code, suggest_unique};

/// Ids of the people of a plan (team and teachers), each where it is written; sorted, so a
/// suggestion for a misspelled id is the same on every run.
type People<'p> = BTreeMap<&'p str, Range<usize>>;

/// The most teacher ids an E13 help lists; a school has rarely more teachers.
const LISTED_IDS: usize = 40;

/// E13's help: the plan's teacher ids, in its order, and the one meant if only one is close.
fn unknown_teacher_help(wrong: &str, plan: &Plan) -> String {
    let ids: Vec<&str> = plan
        .docentes
        .iter()
        .filter_map(|d| d.get_ref().id.as_ref())
        .map(|id| id.get_ref().as_str())
        .collect();
    if ids.is_empty() {
        return "el plan no tiene `[[docentes]]`: agregue a la o el docente".to_string();
    }
    let mut listed = ids
        .iter()
        .take(LISTED_IDS)
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > LISTED_IDS {
        listed.push_str(&format!(" y {} más", ids.len() - LISTED_IDS));
    }
    match suggest_unique(wrong, ids.iter().copied()) {
        Some(right) => format!("¿quiso decir `{right}`? Los ids de `[[docentes]]` son {listed}"),
        None => format!(
            "los ids de `[[docentes]]` son {listed}: corrija el id o agregue a la o el docente"
        ),
    }
}

impl Checker<'_, '_> {
    pub(super) fn people(&mut self, plan: &Plan, context: &Context) {
        let people = self.ids(plan);
        self.activity_ids(plan);
        self.references(plan, &people);
        self.strategies(plan, context);
        self.annexes(plan);
        self.unvisited(plan);
    }

    /// E6: everyone has an id, and no two people the same.
    fn ids<'p>(&mut self, plan: &'p Plan) -> People<'p> {
        let mut people = People::new();
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
        people
    }

    /// E6: an activity's optional `id` names its calendar events, so it is one no other
    /// activity has, in letters a UID and a URL carry as they are.
    fn activity_ids(&mut self, plan: &Plan) {
        let mut seen = HashSet::new();
        for id in plan
            .actividades
            .iter()
            .filter_map(|a| a.get_ref().id.as_ref())
        {
            let text = id.get_ref();
            let allowed = text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !allowed || text.is_empty() {
                self.error(Code::E6, id.span(), format!("el id de actividad `{text}` tiene caracteres no permitidos"), "use solo minúsculas sin tildes, dígitos y guiones, p. ej. `id = \"visitas-aula\"`");
            } else if !text.starts_with(|c: char| c.is_ascii_lowercase()) {
                // An activity without an id is known by its position ("3"): a letter first
                // keeps the two apart.
                self.error(Code::E6, id.span(), format!("el id de actividad `{text}` no empieza con una letra"), format!("las actividades sin `id` se conocen por su posición (1, 2, 3…): empiece con una letra, p. ej. `id = \"a{text}\"`"));
            } else if !seen.insert(text.as_str()) {
                self.error(Code::E6, id.span(), format!("el id de actividad `{text}` se repite"), "cada actividad con `id` necesita uno distinto: el calendario conoce sus eventos por él");
            }
        }
    }

    /// E6 and E13: who visits, is responsible or signs is someone of the plan, and whom a
    /// visit is to, one of its teachers.
    fn references(&mut self, plan: &Plan, people: &People) {
        let teachers: BTreeSet<&str> = plan
            .docentes
            .iter()
            .filter_map(|d| d.get_ref().id.as_ref())
            .map(|i| i.get_ref().as_str())
            .collect();
        let known: Vec<&str> = people.keys().copied().collect();
        let reference = |check: &mut Self, r: &Spanned<String>, what: &str| {
            if !people.contains_key(r.get_ref().as_str()) {
                let help = match suggest_unique(r.get_ref(), known.iter().copied()) {
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
                let help = unknown_teacher_help(docente.get_ref(), plan);
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
    }

    /// E0 and E6: a strategy's type and mode, and its guide, a page of the portal.
    fn strategies(&mut self, plan: &Plan, context: &Context) {
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
    }

    /// E6: annexes have distinct ids, and an instrument's annex exists.
    fn annexes(&mut self, plan: &Plan) {
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
    }

    /// W6: every teacher has a visit.
    fn unvisited(&mut self, plan: &Plan) {
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

#[cfg(test)]
mod tests {
    use super::super::testing::check_cases;
    use crate::diag::Code::{E0, E6, E13, W6};

    /// A director, a teacher with a visit, and the case's own lines after them.
    fn plan(extra: &str) -> String {
        format!(
            "[[equipo]]\nid = \"dir\"\n[[docentes]]\nid = \"d01\"\n[[visitas]]\ndocente = \"d01\"\nresponsable = \"dir\"\n{extra}\n"
        )
    }

    #[test]
    fn people_and_reference_rules() {
        check_cases(
            &[
                (&plan(""), &[]),
                (&plan("[[docentes]]\nid = \"dir\""), &[E6, W6]),
                (&plan("[[equipo]]\nnombre = \"Sin id\""), &[E6]),
                (&plan("[[docentes]]\nnombre = \"Sin id\""), &[E6]),
                (&plan("[[docentes]]\nid = \"d02\""), &[W6]),
                (
                    &plan("[[docentes]]\nid = \"d02\"\nnivel_educativo = \"superior\""),
                    &[E0, W6],
                ),
                (
                    &plan("[[visitas]]\ndocente = \"d01\"\nresponsable = \"sub\""),
                    &[E6],
                ),
                (&plan("[[visitas]]\ndocente = \"d09\""), &[E13]),
                (
                    &plan("[[actividades]]\nresponsables = [\"dir\", \"x\"]"),
                    &[E6],
                ),
                (&plan("[[firmas]]\nref = \"nadie\""), &[E6]),
                (
                    &plan(
                        "[[actividades]]\nid = \"gia\"\nresponsables = [\"dir\"]\nmeses = [\"abr\"]\n[[actividades]]\nid = \"gia-2\"\nresponsables = [\"dir\"]\nmeses = [\"may\"]",
                    ),
                    &[],
                ),
                (
                    &plan(
                        "[[actividades]]\nid = \"gia\"\nresponsables = [\"dir\"]\nmeses = [\"abr\"]\n[[actividades]]\nid = \"gia\"\nresponsables = [\"dir\"]\nmeses = [\"may\"]",
                    ),
                    &[E6],
                ),
                (
                    &plan(
                        "[[actividades]]\nid = \"GIA 1\"\nresponsables = [\"dir\"]\nmeses = [\"abr\"]",
                    ),
                    &[E6],
                ),
                (
                    &plan(
                        "[[actividades]]\nid = \"2\"\nresponsables = [\"dir\"]\nmeses = [\"abr\"]",
                    ),
                    &[E6],
                ),
                (
                    &plan(
                        "[[estrategias]]\ntipo = \"visita_aula\"\nmodalidad = \"presencial\"\nguia = \"@/estrategias/visita.md\"",
                    ),
                    &[],
                ),
                (&plan("[[estrategias]]\ntipo = \"visita\""), &[E0]),
                (&plan("[[estrategias]]\nmodalidad = \"mixta\""), &[E0]),
                (
                    &plan("[[estrategias]]\nguia = \"/estrategias/visita.md\""),
                    &[E6],
                ),
                (
                    &plan("[[estrategias]]\nguia = \"@/estrategias/otra.md\""),
                    &[E6],
                ),
                (
                    &plan("[[anexos]]\nid = \"A\"\n[[anexos]]\nid = \"A\"\ntipo = \"pdf\""),
                    &[E6, E0],
                ),
                (
                    &plan(
                        "[[anexos]]\nid = \"A\"\n[[instrumentos]]\ntipo = \"rubricas\"\nanexo = \"A\"",
                    ),
                    &[],
                ),
                (
                    &plan("[[instrumentos]]\ntipo = \"rubrica\"\nanexo = \"B\""),
                    &[E0, E6],
                ),
            ],
            |check, plan, context| check.people(plan, context),
        );
    }
}
