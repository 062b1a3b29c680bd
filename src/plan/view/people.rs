//! Who the plan names, and how: teachers as `privacidad.nombres_docentes` says, once, here;
//! the team and the signatories in full. A masked teacher's full name is a field of nothing.

use std::collections::HashMap;

use serde::Serialize;

use super::super::model::Plan;
use super::super::teacher_ids;
use super::super::vocab::NombresDocentes;
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
    for (index, docente) in plan.docentes.iter().enumerate() {
        let d = docente.get_ref();
        let Some(id) = &d.id else { continue };
        let full = d.nombre.as_ref().map_or("", |n| n.get_ref().as_str());
        let shown = match masking {
            NombresDocentes::Completo => full.to_string(),
            NombresDocentes::Codigo => format!("Docente {:02}", index + 1),
            NombresDocentes::Iniciales => initials(full),
        };
        names.insert(id.get_ref().clone(), shown);
    }
    names
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
