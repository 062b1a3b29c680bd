//! Which parts of a plan are filled, for the listings and `planes.json`: what a UGEL
//! specialist checks before reading a plan. The parts are the format's sections that a
//! plan's readers need; a plan that passed the rules has its required keys, so this looks
//! at what the rules leave optional (a plan may be published without objectives).

use super::PublicPlan;

/// The parts a complete plan fills, in the format's order, by their pmap/1 keys.
pub const PARTS: [&str; 10] = [
    "aprobacion",
    "textos",
    "objetivos",
    "estrategias",
    "docentes",
    "visitas",
    "actividades",
    "instrumentos",
    "presupuesto",
    "firmas",
];

/// The parts of `PARTS` that `plan` leaves empty, in that order.
pub fn missing(plan: &PublicPlan) -> Vec<&'static str> {
    let t = &plan.textos;
    let filled = [
        plan.aprobacion
            .as_ref()
            .is_some_and(|a| a.numero.is_some() && a.fecha.is_some()),
        t.presentacion.is_some()
            || t.fundamentacion.is_some()
            || t.justificacion.is_some()
            || t.finalidad.is_some(),
        !plan.objetivos.general.is_empty() || !plan.objetivos.especificos.is_empty(),
        !plan.estrategias.is_empty(),
        !plan.docentes.is_empty(),
        plan.cronograma_visitas
            .iter()
            .any(|row| row.visitas.iter().any(Option::is_some)),
        !plan.actividades.is_empty(),
        !plan.instrumentos.is_empty(),
        plan.presupuesto.is_some(),
        !plan.firmas.is_empty(),
    ];
    PARTS
        .iter()
        .zip(filled)
        .filter(|(_, filled)| !filled)
        .map(|(part, _)| *part)
        .collect()
}
