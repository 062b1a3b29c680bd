//! E7, E8, W3 and W7: the period, month tokens, and activities. When a visit happens, and
//! which year a month is of, is `calendar`'s to say; the visits' own rules are `visits`'.

use super::super::calendar::{self, MONTH_TOKENS, active_months, year_stays_in_calendar};
use super::super::model::Plan;
use super::Checker;
use crate::diag::Code;
use toml::Spanned;

impl Checker<'_, '_> {
    // ---- E7: period ----------------------------------------------------------------------------

    pub(super) fn period(&mut self, plan: &Plan) {
        let (Some(periodo), Some(anio)) = (&plan.periodo, &plan.anio) else {
            return;
        };
        // As written: a year too large for a date is still shown whole, never truncated.
        let year = *anio.get_ref();
        let p = periodo.get_ref();
        let (Some(inicio), Some(fin)) = (&p.inicio, &p.fin) else {
            self.error(
                Code::E7,
                periodo.span(),
                "`[periodo]` necesita `inicio` y `fin`".into(),
                "p. ej. `inicio = 2024-03-01` y `fin = 2024-12-20`",
            );
            return;
        };
        let (start, end) = (*inicio.get_ref(), *fin.get_ref());
        if start >= end {
            self.error(
                Code::E7,
                fin.span(),
                format!("el periodo termina ({end}) antes de empezar ({start})"),
                "revise `inicio` y `fin` de `[periodo]`",
            );
        } else if year_stays_in_calendar(plan) {
            for (date, span) in [(start, inicio.span()), (end, fin.span())] {
                if i64::from(date.anio) != year {
                    self.error(
                        Code::E7,
                        span,
                        format!("la fecha {date} no es del año del plan ({year})"),
                        "en el Perú y Chile el año escolar cae dentro del año calendario",
                    );
                }
            }
        } else if end.days() - start.days() > 397 {
            self.error(
                Code::E7,
                fin.span(),
                "el periodo dura más de 13 meses".into(),
                "un plan cubre un solo año escolar",
            );
        }
        for semana in &p.semanas_gestion {
            let s = semana.get_ref();
            if s.inicio.get_ref() > s.fin.get_ref() {
                self.error(
                    Code::E7,
                    semana.span(),
                    "una semana de gestión termina antes de empezar".into(),
                    "revise su `inicio` y `fin`",
                );
            }
        }
    }

    /// E8: a month, by token or name; returns its number.
    pub(super) fn month(&mut self, mes: &Spanned<String>) -> Option<u8> {
        let month = calendar::month_number(mes.get_ref());
        if month.is_none() {
            let how = format!(
                "se escriben con tres letras ({}) o con su nombre (`abril`, `setiembre`)",
                MONTH_TOKENS.join(" ")
            );
            let help = match calendar::nearest_month(mes.get_ref()) {
                Some(right) => format!("¿quiso decir `{right}`? Los meses {how}"),
                None => format!("los meses {how}"),
            };
            self.error(
                Code::E8,
                mes.span(),
                format!("`{}` no es un mes", mes.get_ref()),
                help,
            );
        }
        month
    }

    /// W3: a month outside the school period (default March–December for Peru and Chile).
    pub(super) fn month_in_period(&mut self, mes: &Spanned<String>, month: u8, months: &[u8]) {
        if !months.contains(&month) {
            self.warning(
                Code::W3,
                mes.span(),
                format!("el mes `{}` está fuera del periodo del plan", mes.get_ref()),
                "revise el mes o amplíe `[periodo]` si el plan empieza antes",
            );
        }
    }

    // ---- E8, E9, W3, W7: activities --------------------------------------------------------

    pub(super) fn activities(&mut self, plan: &Plan) {
        let months = active_months(plan);
        for actividad in &plan.actividades {
            let a = actividad.get_ref();
            let name = a
                .nombre
                .as_ref()
                .map_or("(sin nombre)", |n| n.get_ref().as_str());
            for mes in &a.meses {
                if let Some(month) = self.month(mes) {
                    self.month_in_period(mes, month, &months);
                }
            }
            let (missing, add) = match (a.responsables.is_empty(), a.meses.is_empty()) {
                (true, true) => (
                    "responsables ni meses",
                    "`responsables = […]` y `meses = […]`",
                ),
                (true, false) => ("responsables", "`responsables = […]`"),
                (false, true) => ("meses", "`meses = […]`"),
                (false, false) => continue,
            };
            self.warning(
                Code::W7,
                actividad.span(),
                format!("la actividad «{name}» no tiene {missing}"),
                format!("agregue {add} para que el cronograma muestre quién y cuándo"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_cases;
    use crate::diag::Code::{E7, E8, W3, W7};

    const PERIOD: &str = "anio = 2024\n[periodo]\ninicio = 2024-03-11\nfin = 2024-12-20\nsemanas_gestion = [{ inicio = 2024-07-22, fin = 2024-08-02 }]\n";

    #[test]
    fn period_rules() {
        check_cases(
            &[
                (PERIOD, &[]),
                ("anio = 2024\n[periodo]\ninicio = 2024-03-11\n", &[E7]),
                (
                    "anio = 2024\n[periodo]\ninicio = 2024-12-11\nfin = 2024-03-01\n",
                    &[E7],
                ),
                (
                    "anio = 2024\n[periodo]\ninicio = 2023-03-11\nfin = 2024-12-01\n",
                    &[E7],
                ),
                // Outside Peru and Chile a school year may cross into the next year, for 13 months at most.
                (
                    "anio = 2024\npais = \"CO\"\n[periodo]\ninicio = 2024-09-02\nfin = 2025-06-20\n",
                    &[],
                ),
                (
                    "anio = 2024\npais = \"CO\"\n[periodo]\ninicio = 2024-01-02\nfin = 2025-06-20\n",
                    &[E7],
                ),
                (
                    "anio = 2024\n[periodo]\ninicio = 2024-03-11\nfin = 2024-12-20\nsemanas_gestion = [{ inicio = 2024-08-02, fin = 2024-07-22 }]\n",
                    &[E7],
                ),
            ],
            |check, plan, _| check.period(plan),
        );
    }

    #[test]
    fn activity_rules() {
        check_cases(
            &[
                (
                    "[[actividades]]\nnombre = \"GIA\"\nresponsables = [\"dir\"]\nmeses = [\"abr\"]\n",
                    &[],
                ),
                ("[[actividades]]\nnombre = \"GIA\"\n", &[W7]),
                ("[[actividades]]\nresponsables = [\"dir\"]\n", &[W7]),
                (
                    "[[actividades]]\nresponsables = [\"dir\"]\nmeses = [\"abr\", \"xx\", \"ene\"]\n",
                    &[E8, W3],
                ),
                // Names and tokens, in any case: Peru's `setiembre` and Spain's `septiembre`.
                (
                    "[[actividades]]\nresponsables = [\"dir\"]\nmeses = [\"Abril\", \"setiembre\", \"septiembre\", \"SET\", \"octubre\"]\n",
                    &[],
                ),
                (
                    "[[actividades]]\nresponsables = [\"dir\"]\nmeses = [\"octubree\", \"Enero\"]\n",
                    &[E8, W3],
                ),
            ],
            |check, plan, _| check.activities(plan),
        );
    }
}
