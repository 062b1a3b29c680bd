//! Who the plan names, and how: teachers as `privacidad.nombres_docentes` says, once, here;
//! the team and the signatories in full. A masked teacher's full name is a field of nothing.

use std::collections::HashMap;

use serde::Serialize;

use super::super::model::Plan;
use super::super::teacher_ids;
use super::super::vocab::{NombresDocentes, fold};
use super::text;

#[derive(Debug, Clone, Serialize)]
pub struct Persona {
    pub nombre: String,
    pub cargo: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Docente {
    /// The plan's id for the teacher (`d01`) when names are published in full; while they
    /// are masked, an opaque id in its place (`teacher_ids`). Stable for calendar UIDs.
    pub id: String,
    /// The name as `[privacidad]` allows: full, initials, or "Docente 01".
    pub nombre: String,
    pub nivel_educativo: Option<String>,
    pub grados: Vec<String>,
    pub secciones: Vec<String>,
    pub areas: Vec<String>,
}

/// The names and ids public outputs show, by the plan's own ids.
pub(super) struct People {
    pub masking: NombresDocentes,
    names: HashMap<String, String>,
    public_ids: HashMap<String, String>,
}

impl People {
    pub fn new(plan_id: &str, plan: &Plan) -> People {
        let masking = teacher_ids::masking(plan);
        People {
            masking,
            names: names(plan, masking),
            public_ids: teacher_ids::public_ids(plan_id, plan, masking),
        }
    }

    /// Someone's public name: a teacher's as masked, a team member's in full, an id nobody
    /// has as itself (rule E6 lets none through).
    pub fn name_of(&self, id: &str) -> String {
        self.names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// A teacher's id as public outputs show it (`Docente::id`).
    pub fn public_id(&self, id: &str) -> String {
        self.public_ids.get(id).cloned().unwrap_or_default()
    }
}

/// The teachers, in the plan's order, with their public names and ids.
pub(super) fn teachers(plan: &Plan, people: &People) -> Vec<Docente> {
    plan.docentes
        .iter()
        .filter_map(|d| {
            let d = d.get_ref();
            let id = d.id.as_ref()?.get_ref().clone();
            Some(Docente {
                nombre: people.name_of(&id),
                id: people.public_id(&id),
                nivel_educativo: text(&d.nivel_educativo),
                grados: d.grados.iter().map(|g| g.get_ref().clone()).collect(),
                secciones: d.secciones.iter().map(|s| s.get_ref().clone()).collect(),
                areas: d.areas.iter().map(|a| a.get_ref().clone()).collect(),
            })
        })
        .collect()
}

/// The team, named in full.
pub(super) fn team(plan: &Plan) -> Vec<Persona> {
    plan.equipo
        .iter()
        .map(|m| Persona {
            nombre: text(&m.get_ref().nombre).unwrap_or_default(),
            cargo: text(&m.get_ref().cargo).unwrap_or_default(),
        })
        .collect()
}

/// Who signs: the team members `[[firmas]]` names, in its order.
pub(super) fn signatories(plan: &Plan) -> Vec<Persona> {
    plan.firmas
        .iter()
        .filter_map(|f| f.get_ref().referencia.as_ref())
        .filter_map(|r| {
            let member = plan
                .equipo
                .iter()
                .map(|m| m.get_ref())
                .find(|m| m.id.as_ref().is_some_and(|i| i.get_ref() == r.get_ref()))?;
            Some(Persona {
                nombre: text(&member.nombre).unwrap_or_default(),
                cargo: text(&member.cargo).unwrap_or_default(),
            })
        })
        .collect()
}

/// Each teacher's public name, by id, as `[privacidad] nombres_docentes` says. Team members
/// sign the plan and are named in full; a teacher who is also a visitor stays masked.
fn names(plan: &Plan, masking: NombresDocentes) -> HashMap<String, String> {
    let mut names = HashMap::new();
    for member in &plan.equipo {
        let m = member.get_ref();
        if let (Some(id), Some(nombre)) = (&m.id, &m.nombre) {
            names.insert(id.get_ref().clone(), nombre.get_ref().clone());
        }
    }
    for teacher in teacher_names(plan, masking) {
        names.insert(teacher.id, teacher.shown);
    }
    names
}

/// A teacher's name as every public output shows it (page, print, `plan.json`,
/// `visitas.csv`, the calendar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeacherName {
    /// The plan's id for the teacher (never published while names are masked).
    pub id: String,
    /// Where the teacher is in `[[docentes]]`, from 0.
    pub index: usize,
    /// The name as `nombres_docentes` masks it: "A. M. C. H.".
    pub masked: String,
    /// `masked`, told apart from another teacher's alike by the teacher's number in
    /// `[[docentes]]` (as `codigo` would number them): "A. M. C. H. (docente 03)".
    pub shown: String,
}

/// The one owner of a teacher's displayed name: every teacher with an id, in the plan's order,
/// masked as `[privacidad]` says, and told apart when two mask alike (two "A. M. C. H." are
/// common with Puno's surnames), compared case and accents aside as readers would.
pub fn teacher_names(plan: &Plan, masking: NombresDocentes) -> Vec<TeacherName> {
    let mut teachers: Vec<TeacherName> = plan
        .docentes
        .iter()
        .enumerate()
        .filter_map(|(index, docente)| {
            let d = docente.get_ref();
            let full = d.nombre.as_ref().map_or("", |n| n.get_ref().as_str());
            let masked = match masking {
                NombresDocentes::Completo => full.to_string(),
                NombresDocentes::Codigo => format!("Docente {:02}", index + 1),
                NombresDocentes::Iniciales => initials(full),
            };
            Some(TeacherName {
                id: d.id.as_ref()?.get_ref().clone(),
                index,
                shown: masked.clone(),
                masked,
            })
        })
        .collect();
    let mut alike: HashMap<String, usize> = HashMap::new();
    for teacher in &teachers {
        *alike.entry(fold(&teacher.masked)).or_default() += 1;
    }
    for teacher in &mut teachers {
        if !teacher.masked.is_empty() && alike[&fold(&teacher.masked)] > 1 {
            teacher.shown = format!("{} (docente {:02})", teacher.masked, teacher.index + 1);
        }
    }
    teachers
}

/// "Julio César Apaza Nina" -> "J. C. A. N.".
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// "3.° · sección A · Matemática": where a teacher teaches.
pub(super) fn classroom(d: &Docente) -> String {
    let mut parts = Vec::new();
    if !d.grados.is_empty() {
        parts.push(d.grados.join(", "));
    }
    if !d.secciones.is_empty() {
        parts.push(format!("sección {}", d.secciones.join(", ")));
    }
    if !d.areas.is_empty() {
        parts.push(d.areas.join(", "));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_masked_to_initials() {
        assert_eq!(initials("Julio César Apaza Nina"), "J. C. A. N.");
        assert_eq!(initials("ángel  ruiz"), "Á. R.");
    }

    fn shown(masking: &str) -> Vec<String> {
        let plan: Plan = toml::from_str(&format!(
            "[privacidad]\nnombres_docentes = \"{masking}\"\n[[equipo]]\nid = \"dir\"\nnombre = \"Rosa Mamani\"\n[[docentes]]\nid = \"d01\"\nnombre = \"Ana Quispe Flores\"\n"
        ))
        .unwrap();
        let people = People::new("ie-1-2024", &plan);
        vec![
            people.name_of("dir"),
            people.name_of("d01"),
            people.public_id("d01"),
        ]
    }

    /// Two teachers whose names mask alike are told apart by their number, and only they.
    #[test]
    fn teachers_masked_alike_are_told_apart_by_their_number() {
        let plan: Plan = toml::from_str(
            "[[docentes]]\nid = \"a\"\nnombre = \"Ana María Condori Huanca\"\n[[docentes]]\nid = \"b\"\nnombre = \"Rosa Quispe\"\n[[docentes]]\nid = \"c\"\nnombre = \"Alberto Mamani Choque Hancco\"\n[[docentes]]\nid = \"d\"\nnombre = \"Ángel Mario Cruz Huamán\"\n",
        )
        .unwrap();
        let shown = |masking| {
            teacher_names(&plan, masking)
                .into_iter()
                .map(|t| t.shown)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            shown(NombresDocentes::Iniciales),
            [
                "A. M. C. H. (docente 01)",
                "R. Q.",
                "A. M. C. H. (docente 03)",
                "Á. M. C. H. (docente 04)",
            ]
        );
        assert_eq!(shown(NombresDocentes::Codigo)[2], "Docente 03");
        assert_eq!(
            shown(NombresDocentes::Completo)[0],
            "Ana María Condori Huanca"
        );
    }

    #[test]
    fn teachers_are_shown_as_the_plan_says_and_the_team_in_full() {
        assert_eq!(
            shown("completo"),
            ["Rosa Mamani", "Ana Quispe Flores", "d01"]
        );
        let initials = shown("iniciales");
        assert_eq!(initials[..2], ["Rosa Mamani", "A. Q. F."]);
        assert!(initials[2].starts_with("d-"), "{initials:?}");
        assert_eq!(shown("codigo")[..2], ["Rosa Mamani", "Docente 01"]);
    }
}
