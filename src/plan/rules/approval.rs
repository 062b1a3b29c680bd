//! E4, W1 and W2: an approved plan says by which resolution, of the plan's year, before
//! the visits.

use toml::Spanned;

use super::super::calendar::{Fecha, plan_year, visit_when};
use super::super::model::Plan;
use super::super::vocab::Estado;
use super::{Checker, Context};
use crate::diag::Code;

impl Checker<'_, '_> {
    // ---- E4, W1, W2: approval ------------------------------------------------------------

    pub(super) fn approval(&mut self, plan: &Plan, _: &Context) {
        let approved = plan
            .estado
            .as_ref()
            .is_some_and(|e| e.get_ref().value == Some(Estado::Aprobado));
        let aprobacion = plan.aprobacion.as_ref().map(Spanned::get_ref);
        if approved {
            let estado_span = plan.estado.as_ref().map_or(0..0, Spanned::span);
            if aprobacion.and_then(|a| a.numero.as_ref()).is_none() {
                self.error(Code::E4, estado_span.clone(), "el plan está `aprobado` pero falta `aprobacion.numero`".into(), "agregue en `[aprobacion]` el número de la resolución, p. ej. `numero = \"RD N° 012-2024-…\"`, o cambie el estado a `en_revision`");
            }
            if aprobacion.and_then(|a| a.fecha.as_ref()).is_none() {
                self.error(Code::E4, estado_span, "el plan está `aprobado` pero falta `aprobacion.fecha`".into(), "agregue en `[aprobacion]` la fecha de la resolución, p. ej. `fecha = 2024-03-15`");
            }
        }
        let (Some(fecha), Some(year)) =
            (aprobacion.and_then(|a| a.fecha.as_ref()), plan_year(plan))
        else {
            return;
        };
        let date = *fecha.get_ref();
        let window = (
            Fecha {
                anio: year - 1,
                mes: 12,
                dia: 1,
            },
            Fecha {
                anio: year,
                mes: 12,
                dia: 31,
            },
        );
        if date < window.0 || date > window.1 {
            self.warning(Code::W1, fecha.span(), format!("la resolución de aprobación ({date}) no es del año del plan"), format!("para un plan de {year} se espera una fecha entre el 1 de diciembre de {} y el 31 de diciembre de {year}", year - 1));
        }
        // Only when certainly after: a visit in "abr" may come after an RD of 15 April.
        if let Some(first) = plan
            .visitas
            .iter()
            .filter_map(|v| visit_when(plan, v.get_ref()))
            .filter(|when| when.last < date)
            .min_by_key(|when| when.first)
        {
            self.warning(Code::W2, fecha.span(), format!("la resolución ({date}) es posterior a la primera visita ({})", first.label()), "las visitas se planifican con el plan ya aprobado: revise la fecha de la resolución o de la visita");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_cases;
    use crate::diag::Code::{E4, W1, W2};

    /// A 2024 plan approved on `fecha`, with a visit `when` (`fecha = …` or `mes = "…"`).
    fn approved(fecha: &str, when: &str) -> String {
        format!(
            "anio = 2024\nestado = \"aprobado\"\n[aprobacion]\nnumero = \"RD 1\"\nfecha = {fecha}\n[[visitas]]\ndocente = \"d01\"\nn = 1\n{when}\n"
        )
    }

    #[test]
    fn approval_rules() {
        check_cases(
            &[
                (&approved("2024-03-01", "fecha = 2024-04-09"), &[]),
                ("anio = 2024\nestado = \"aprobado\"\n", &[E4, E4]),
                (
                    "anio = 2024\nestado = \"aprobado\"\n[aprobacion]\nnumero = \"RD 1\"\n",
                    &[E4],
                ),
                ("anio = 2024\nestado = \"en_revision\"\n", &[]),
                (&approved("2023-12-01", "mes = \"abr\""), &[]),
                (&approved("2023-11-30", "mes = \"abr\""), &[W1]),
                (&approved("2025-01-02", "mes = \"abr\""), &[W1, W2]),
                (&approved("2024-04-10", "fecha = 2024-04-09"), &[W2]),
                // A visit "in April" may come after a resolution of 15 April.
                (&approved("2024-04-15", "mes = \"abr\""), &[]),
                (&approved("2024-05-02", "mes = \"abr\""), &[W2]),
            ],
            |check, plan, context| check.approval(plan, context),
        );
    }
}
