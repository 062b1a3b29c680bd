//! Roman numerals, the one place they are made: the plan's sections, and the visits.

use serde::Serialize;

use super::PublicPlan;

#[derive(Debug, Clone, Serialize)]
pub struct Seccion {
    pub id: String,
    pub titulo: String,
    pub numero: String,
}

/// The Roman numeral of `n` (1 to 399: sections and visits, at most `MAX_VISITS`).
pub fn roman(n: usize) -> String {
    const NUMERALS: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// The schedule's visit columns: "I", "II", "III"… up to `count`.
pub(super) fn visit_columns(count: usize) -> Vec<String> {
    (1..=count).map(roman).collect()
}

/// Numbers the sections the plan actually has, in the plan's own order.
pub(super) fn number_sections(view: &mut PublicPlan) {
    let t = &view.textos;
    let candidates: [(&str, &str, bool); 19] = [
        ("datos", "Datos informativos", true),
        ("presentacion", "Presentación", t.presentacion.is_some()),
        (
            "fundamentacion",
            "Fundamentación",
            t.fundamentacion.is_some(),
        ),
        ("justificacion", "Justificación", t.justificacion.is_some()),
        ("finalidad", "Finalidad", t.finalidad.is_some()),
        (
            "bases-legales",
            "Bases legales",
            !view.bases_legales.is_empty(),
        ),
        (
            "objetivos",
            "Objetivos",
            !(view.objetivos.general.is_empty()
                && view.objetivos.especificos.is_empty()
                && view.objetivos.metas.is_empty()),
        ),
        ("principios", "Principios", !view.principios.is_empty()),
        (
            "estrategias",
            "Estrategias de intervención",
            !view.estrategias.is_empty(),
        ),
        (
            "competencias",
            "Competencias y desempeños priorizados",
            view.enfoque.as_ref().is_some_and(|e| {
                !(e.competencias.is_empty()
                    && e.rubricas.is_empty()
                    && e.cge.is_empty()
                    && e.desempenos_mbdd.is_empty())
            }),
        ),
        ("poblacion", "Población beneficiaria", true),
        (
            "cronograma-visitas",
            "Cronograma de visitas",
            !view.cronograma_visitas.is_empty(),
        ),
        (
            "cronograma-actividades",
            "Cronograma de actividades",
            !view.actividades.is_empty(),
        ),
        (
            "instrumentos",
            "Instrumentos",
            !view.instrumentos.is_empty(),
        ),
        ("presupuesto", "Presupuesto", view.presupuesto.is_some()),
        (
            "requerimientos",
            "Requerimientos",
            !view.requerimientos.is_empty(),
        ),
        (
            "bibliografia",
            "Bibliografía",
            !view.bibliografia.is_empty(),
        ),
        ("anexos", "Anexos", !view.anexos.is_empty()),
        ("firmas", "Firmas", !view.firmas.is_empty()),
    ];
    for (id, titulo, present) in candidates {
        if present {
            let numero = roman(view.secciones.len() + 1);
            view.numeros.insert(id.to_string(), numero.clone());
            view.secciones.push(Seccion {
                id: id.to_string(),
                titulo: titulo.to_string(),
                numero,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(19), "XIX");
        assert_eq!(roman(100), "C");
        assert_eq!(visit_columns(13)[11..], ["XII", "XIII"]);
        assert!(visit_columns(0).is_empty());
    }
}
