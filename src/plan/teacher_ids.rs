//! Teachers' ids, which plans often write from the name (`id = "nancy-huanca-calisaya"`).
//!
//! While names are masked, a plan's own teacher ids are never published: every public
//! output (the page, `plan.json`, `visitas.csv`, the calendar's UIDs) carries an opaque id
//! in their place, whatever the ids look like, so masking does not depend on anyone
//! spotting a name in an id. Rule P7 tells the author about an id that spells the name
//! anyway: the plan file itself is shared (by e-mail, in a repository) with the id in it.
//!
//! The opaque id is a hash of the plan's id and the teacher's, not a position: a calendar
//! subscribed to the plan keeps its events when teachers are reordered or added, as long
//! as the ids in the file stay the same. It hides the id, not its guess: whoever guesses
//! the exact id can check the guess, as they could check a guess of the initials.

use std::collections::HashMap;

use super::model::Plan;
use super::vocab::NombresDocentes;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::toml_input::Source;
use crate::resolve::slug::slugify;

/// How `nombres_docentes` shows names: as it says, else `iniciales` (an invalid value,
/// already an error, is taken as masking too).
pub fn masking(plan: &Plan) -> NombresDocentes {
    plan.privacidad
        .as_ref()
        .and_then(|p| p.nombres_docentes.as_ref())
        .and_then(|m| m.get_ref().value)
        .unwrap_or(NombresDocentes::DEFAULT)
}

/// Each teacher's id as public outputs show it, by the plan's id for the teacher: the id
/// itself when names are published in full, an opaque `d-…` id when they are masked.
pub fn public_ids(plan_id: &str, plan: &Plan, masking: NombresDocentes) -> HashMap<String, String> {
    let ids = plan
        .docentes
        .iter()
        .filter_map(|d| d.get_ref().id.as_ref())
        .map(|id| id.get_ref());
    if !masking.masks() {
        return ids.map(|id| (id.clone(), id.clone())).collect();
    }
    let mut taken = std::collections::HashSet::new();
    let mut public = HashMap::new();
    for id in ids {
        // Two ids hashing alike in one plan is most unlikely; if it happens, the later one
        // hashes again rather than share the earlier one's rows.
        let mut salt = 0u32;
        let opaque = loop {
            let candidate = opaque_id(plan_id, id, salt);
            if taken.insert(candidate.clone()) {
                break candidate;
            }
            salt += 1;
        };
        public.insert(id.clone(), opaque);
    }
    public
}

/// `d-` and 12 hex digits of the FNV-1a hash of the plan id and the teacher id: FNV-1a is
/// written out here because std's hasher may change between Rust releases, and a UID
/// must not.
fn opaque_id(plan_id: &str, teacher_id: &str, salt: u32) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let salt = salt.to_le_bytes();
    let parts: [&[u8]; 5] = [plan_id.as_bytes(), &[0], teacher_id.as_bytes(), &[0], &salt];
    for byte in parts.concat() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("d-{:012x}", hash >> 16)
}

/// Words of a name too common to identify anyone (`de`, `la`, `del`…).
const PARTICLES: &[&str] = &["del", "las", "los", "san", "santa"];

/// Whether `id` spells part of `name`: one of its words (three letters or more, particles
/// aside) is a word of the id, or a word of four letters or more is inside it
/// (`nhuanca`, `nancyh`).
pub fn spells_name(id: &str, name: &str) -> bool {
    let id = slugify(id);
    let id_words: Vec<&str> = id.split('-').collect();
    let joined: String = id_words.concat();
    slugify(name)
        .split('-')
        .filter(|w| w.len() >= 3 && !PARTICLES.contains(w))
        .any(|w| id_words.contains(&w) || (w.len() >= 4 && joined.contains(w)))
}

/// P7: a teacher id that spells the teacher's name while names are masked.
pub fn lint(plan: &Plan, source: &Source, out: &mut Diagnostics) {
    if !masking(plan).masks() {
        return;
    }
    for docente in &plan.docentes {
        let d = docente.get_ref();
        let (Some(id), Some(nombre)) = (&d.id, &d.nombre) else {
            continue;
        };
        if spells_name(id.get_ref(), nombre.get_ref()) {
            out.push(
                Diagnostic::warning(format!(
                    "el id `{}` contiene el nombre de la o el docente",
                    id.get_ref()
                ))
                .code(Code::P7)
                .at(source.locate(id.span()))
                .help("los nombres se ocultan y senda no publica este id, pero el archivo del plan se comparte: use un id sin el nombre, p. ej. `d01`, también en sus visitas y en el archivo privado"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_written_from_the_name_are_recognised() {
        let name = "Nancy Huanca Calisaya";
        for id in [
            "nancy-huanca-calisaya",
            "huanca",
            "nhuanca",
            "NancyH",
            "d01-calisaya",
        ] {
            assert!(spells_name(id, name), "{id}");
        }
        for id in ["d01", "doc-3", "inicial-a", "nhc"] {
            assert!(!spells_name(id, name), "{id}");
        }
        assert!(spells_name("ana-q", "Ana Quispe"));
        assert!(!spells_name("d-del-2", "Rosa del Carpio"));
        assert!(spells_name("zacarias", "Zacarías Quelopana Urquizo"));
    }

    #[test]
    fn opaque_ids_are_stable_and_depend_on_the_plan() {
        let a = opaque_id("ie-1-2024", "d01", 0);
        assert_eq!(a, opaque_id("ie-1-2024", "d01", 0));
        assert_ne!(a, opaque_id("ie-1-2025", "d01", 0));
        assert_ne!(a, opaque_id("ie-1-2024", "d02", 0));
        assert_ne!(a, opaque_id("ie-1-2024", "d01", 1));
        assert_eq!(a.len(), "d-".len() + 12);
        // Pinned: calendar UIDs are made from it, and must not change between releases.
        assert_eq!(opaque_id("ie-zeta-2024", "d01", 0), "d-0d53bccf02cd");
    }
}
