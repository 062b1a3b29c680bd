//! E10–E12, W4 and W5: each visit has a date or a month, inside the period, on a school
//! day, in a phase that fits it; and each teacher's visits are numbered 1, 2, 3… in
//! calendar order.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::super::calendar::{
    Fecha, When, active_months, month_name, period, plan_year, visit_when, year_stays_in_calendar,
};
use super::super::model::{Plan, Visita};
use super::super::vocab::{self, Fase};
use super::{Checker, MAX_VISITS};
use crate::diag::Code;

impl Checker<'_, '_> {
    // ---- E8–E12, W3–W5: visits ---------------------------------------------------------------

    pub(super) fn visits(&mut self, plan: &Plan) {
        let year = plan_year(plan);
        let months = active_months(plan);
        let mut by_teacher: BTreeMap<&str, Vec<&Spanned<Visita>>> = BTreeMap::new();
        let mut days: HashMap<(&str, Fecha), ()> = HashMap::new();
        for visita in &plan.visitas {
            let v = visita.get_ref();
            let who = v.docente.as_ref().map_or("", |d| d.get_ref().as_str());
            match (&v.fecha, &v.mes) {
                (Some(_), Some(mes)) => self.error(
                    Code::E11,
                    mes.span(),
                    "la visita tiene `fecha` y `mes` a la vez".into(),
                    "deje solo `fecha` (si ya se conoce el día) o solo `mes`",
                ),
                (None, None) => self.error(
                    Code::E11,
                    visita.span(),
                    format!(
                        "la visita n={} de `{who}` no tiene `fecha` ni `mes`",
                        v.n.as_ref().map_or(0, |n| *n.get_ref())
                    ),
                    "agregue `fecha = 2024-04-09` o `mes = \"abr\"`",
                ),
                _ => {}
            }
            if let Some(mes) = &v.mes
                && let Some(month) = self.month(mes)
            {
                self.month_in_period(mes, month, &months);
                self.phase_matches(plan, v, month);
            }
            if let Some(fecha) = &v.fecha {
                let date = *fecha.get_ref();
                self.date_in_period(plan, fecha, year);
                if date.weekday() >= 6 {
                    self.warning(
                        Code::W4,
                        fecha.span(),
                        format!(
                            "la visita n={} de `{who}` cae en {} ({date})",
                            v.n.as_ref().map_or(0, |n| *n.get_ref()),
                            if date.weekday() == 6 {
                                "sábado"
                            } else {
                                "domingo"
                            }
                        ),
                        "programe la visita en un día de clases",
                    );
                } else if let Some(semana) = plan.periodo.as_ref().and_then(|p| {
                    p.get_ref().semanas_gestion.iter().find(|s| {
                        *s.get_ref().inicio.get_ref() <= date && date <= *s.get_ref().fin.get_ref()
                    })
                }) {
                    let s = semana.get_ref();
                    self.warning(Code::W4, fecha.span(), format!("la visita n={} de `{who}` ({date}) cae en semana de gestión ({} a {}); los estudiantes no asisten", v.n.as_ref().map_or(0, |n| *n.get_ref()), s.inicio.get_ref(), s.fin.get_ref()), "no se puede observar una clase sin estudiantes: elija otra fecha");
                }
                self.phase_matches(plan, v, date.mes);
                if days.insert((who, date), ()).is_some() {
                    self.warning(
                        Code::W5,
                        fecha.span(),
                        format!("`{who}` tiene dos visitas el mismo día ({date})"),
                        "separe las visitas para que haya tiempo de aplicar los compromisos",
                    );
                }
            }
            if let Some(fase) = &v.fase {
                self.term(fase, "la fase de la visita");
            }
            for instrumento in &v.instrumentos {
                self.one_of(instrumento, "un instrumento", vocab::INSTRUMENTOS);
            }
            by_teacher.entry(who).or_default().push(visita);
        }
        let teachers: HashSet<&str> = plan
            .docentes
            .iter()
            .filter_map(|d| d.get_ref().id.as_ref())
            .map(|id| id.get_ref().as_str())
            .collect();
        let unknown = |who: &str| !who.is_empty() && !teachers.contains(who);
        // A visit to someone not in `[[docentes]]` is E13's: its numbering is no news, and
        // it was most likely meant for a teacher whose numbers it leaves a gap in.
        let strays: BTreeSet<i64> = by_teacher
            .iter()
            .filter(|(who, _)| unknown(who))
            .flat_map(|(_, visits)| visits.iter().filter_map(|v| v.get_ref().n.as_ref()))
            .map(|n| *n.get_ref())
            .collect();
        for (who, visits) in &by_teacher {
            if !unknown(who) {
                self.visit_numbers(plan, who, visits, &strays);
            }
        }
    }

    /// E12: visit numbers per teacher are 1..k, once each, in time order, and at most
    /// `MAX_VISITS`: the schedule has a column per number, so a typo such as
    /// `n = 20000000` must stop here, before anything is sized by it. A gap of numbers that
    /// visits to unknown teachers have (`strays`, E13's) is left to E13.
    pub(super) fn visit_numbers(
        &mut self,
        plan: &Plan,
        who: &str,
        visits: &[&Spanned<Visita>],
        strays: &BTreeSet<i64>,
    ) {
        let mut numbered: Vec<(i64, Option<When>, Range<usize>)> = Vec::new();
        let mut out_of_range = false;
        for visita in visits {
            let v = visita.get_ref();
            match &v.n {
                Some(n) if !(1..=MAX_VISITS).contains(n.get_ref()) => {
                    out_of_range = true;
                    self.error(
                        Code::E12,
                        n.span(),
                        format!("el número de visita n={} de `{who}` está fuera de rango", n.get_ref()),
                        format!("los números de visita van de 1 a {MAX_VISITS} por docente: numere sus visitas 1, 2, 3…"),
                    );
                }
                Some(n) => numbered.push((*n.get_ref(), visit_when(plan, v), n.span())),
                None => self.error(
                    Code::E12,
                    visita.span(),
                    format!("una visita de `{who}` no tiene número `n`"),
                    "numere las visitas de cada docente: `n = 1`, `n = 2`…",
                ),
            }
        }
        // With a number out of range, "n=3 after n=1" would only be noise around the typo.
        if out_of_range {
            return;
        }
        numbered.sort_by_key(|(n, _, _)| *n);
        let mut previous = 0;
        for (n, _, span) in &numbered {
            let (n, gap) = (*n, previous + 1..*n);
            let expected =
                n == previous + 1 || (!gap.is_empty() && gap.clone().all(|g| strays.contains(&g)));
            let seen = std::mem::replace(&mut previous, n);
            if !expected {
                let problem = if seen == n {
                    format!("la visita n={n} de `{who}` se repite")
                } else if seen == 0 {
                    format!("las visitas de `{who}` empiezan en n={n}, no en n=1")
                } else {
                    format!("las visitas de `{who}` saltan del número {seen} al {n}")
                };
                self.error(
                    Code::E12,
                    span.clone(),
                    problem,
                    "numere las visitas de cada docente 1, 2, 3… sin repetir ni saltar",
                );
                return;
            }
        }
        // A visit given by month is some day of that month: out of order only when certain.
        for pair in numbered.windows(2) {
            if let ((a, Some(wa), _), (b, Some(wb), span)) = (&pair[0], &pair[1])
                && wb.last < wa.first
            {
                self.error(
                    Code::E12,
                    span.clone(),
                    format!(
                        "la visita n={b} de `{who}` ({}) es anterior a la n={a} ({})",
                        wb.label(),
                        wa.label()
                    ),
                    "el número de visita debe seguir el orden del calendario",
                );
            }
        }
    }

    /// E10: a dated visit falls inside the period (or at least the plan's year).
    pub(super) fn date_in_period(
        &mut self,
        plan: &Plan,
        fecha: &Spanned<Fecha>,
        year: Option<i32>,
    ) {
        let date = *fecha.get_ref();
        // An inverted period is already an E7; measuring visits against it is only noise,
        // and so it is against a year that no date can have (E1 or E3 says so).
        let Some((start, end)) = period(plan).filter(|(s, e)| s < e).or(year.map(|year| {
            (
                Fecha {
                    anio: year,
                    mes: 1,
                    dia: 1,
                },
                Fecha {
                    anio: year,
                    mes: 12,
                    dia: 31,
                },
            )
        })) else {
            return;
        };
        if date < start || date > end {
            self.error(
                Code::E10,
                fecha.span(),
                format!("la visita del {date} está fuera del periodo del plan ({start} a {end})"),
                "corrija la fecha de la visita o el `[periodo]`",
            );
        }
    }

    /// W5: the phase agrees with the month, with a month of slack on each side of the
    /// usual windows (diagnóstico mar–abr, proceso may–set, salida oct–nov). Those are the
    /// months of a school year that starts in March; when `[periodo]` crosses into the next
    /// calendar year (not Peru or Chile), months count from the period's first month instead.
    pub(super) fn phase_matches(&mut self, plan: &Plan, visita: &Visita, month: u8) {
        let Some(fase) = &visita.fase else { return };
        // Usual months, as offsets from March, the first month of a Peruvian school year.
        let (window, usual) = match fase.get_ref().value {
            Some(Fase::Diagnostico) => (-1..=2, (0, 1)),
            Some(Fase::Proceso) => (1..=7, (2, 6)),
            Some(Fase::Salida) => (6..=9, (7, 8)),
            Some(Fase::Otro) | None => return,
        };
        let first_month = match period(plan) {
            Some((start, end)) if !year_stays_in_calendar(plan) && start < end => start.mes,
            _ => 3,
        };
        let offset = |m: u8| {
            let d = (i32::from(m) - i32::from(first_month)).rem_euclid(12);
            // February, just before a March start, is the month before, not the 12th after.
            if d == 11 { -1 } else { d }
        };
        let name = |offset: i32| {
            let index = (i32::from(first_month) - 1 + offset).rem_euclid(12);
            month_name(index as u8 + 1)
        };
        if !window.contains(&offset(month)) {
            self.warning(
                Code::W5,
                fase.span(),
                format!(
                    "una visita de fase `{}` en {}",
                    fase.get_ref(),
                    month_name(month)
                ),
                format!(
                    "esa fase suele ir entre {} y {}: revise la fase o el mes",
                    name(usual.0),
                    name(usual.1)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_cases;
    use crate::diag::Code::{E0, E8, E10, E11, E12, W3, W4, W5};

    const PERIOD: &str = "anio = 2024\n[periodo]\ninicio = 2024-03-11\nfin = 2024-12-20\nsemanas_gestion = [{ inicio = 2024-07-22, fin = 2024-08-02 }]\n";

    /// The 2024 period, and visits to `d01`, each given as `n, when` (`when` is
    /// `fecha = …`, `mes = "…"`, or anything else a visit holds).
    fn visits(list: &[(i64, &str)]) -> String {
        let mut toml = format!("{PERIOD}[[docentes]]\nid = \"d01\"\n");
        for (n, when) in list {
            toml.push_str(&format!(
                "[[visitas]]\ndocente = \"d01\"\nn = {n}\n{when}\n"
            ));
        }
        toml
    }

    #[test]
    fn visit_rules() {
        check_cases(
            &[
                (
                    &visits(&[
                        (1, "fecha = 2024-04-09\nfase = \"diagnostico\""),
                        (2, "mes = \"jun\"\nfase = \"proceso\""),
                    ]),
                    &[],
                ),
                (&visits(&[(1, "fecha = 2024-04-09\nmes = \"abr\"")]), &[E11]),
                (&visits(&[(1, "")]), &[E11]),
                // A month by its name, in any case, is a month; a misspelled one is not.
                (&visits(&[(1, "mes = \"Abril\"")]), &[]),
                (&visits(&[(1, "mes = \"abrill\"")]), &[E8]),
                (&visits(&[(1, "mes = \"feb\"")]), &[W3]),
                (&visits(&[(1, "fecha = 2024-03-01")]), &[E10]),
                (&visits(&[(1, "fecha = 2024-04-13")]), &[W4]),
                (&visits(&[(1, "fecha = 2024-07-23")]), &[W4]),
                (
                    &visits(&[(1, "fecha = 2024-04-09"), (2, "fecha = 2024-04-09")]),
                    &[W5],
                ),
                (
                    &visits(&[(1, "fecha = 2024-04-09\nfase = \"salida\"")]),
                    &[W5],
                ),
                (
                    &visits(&[(1, "mes = \"abr\"\nfase = \"diagnostic\"")]),
                    &[E0],
                ),
                (
                    &visits(&[(1, "mes = \"abr\"\ninstrumentos = [\"rubricas\", \"ficha\"]")]),
                    &[E0],
                ),
                (&visits(&[(2, "mes = \"abr\"")]), &[E12]),
                (
                    &visits(&[(1, "mes = \"abr\""), (1, "mes = \"may\"")]),
                    &[E12],
                ),
                (
                    &visits(&[(1, "mes = \"abr\""), (3, "mes = \"may\"")]),
                    &[E12],
                ),
                (
                    &visits(&[(1, "mes = \"jun\""), (2, "mes = \"abr\"")]),
                    &[E12],
                ),
                // Within one month, by month and by day: not certainly out of order.
                (
                    &visits(&[(1, "mes = \"abr\""), (2, "fecha = 2024-04-09")]),
                    &[],
                ),
                (&visits(&[(0, "mes = \"abr\"")]), &[E12]),
                (
                    &visits(&[(20000000, "mes = \"abr\""), (3, "mes = \"abr\"")]),
                    &[E12],
                ),
                (
                    &format!(
                        "{}[[visitas]]\ndocente = \"d01\"\nmes = \"abr\"\n",
                        visits(&[])
                    ),
                    &[E12],
                ),
                // A visit to someone not in `[[docentes]]` is E13's: neither its numbers nor
                // the gap it leaves in the numbers of the teacher it was meant for are news.
                (
                    &format!(
                        "{}[[visitas]]\ndocente = \"d09\"\nn = 2\nmes = \"may\"\n",
                        visits(&[])
                    ),
                    &[],
                ),
                (
                    &format!(
                        "{}[[visitas]]\ndocente = \"d09\"\nn = 2\nmes = \"may\"\n",
                        visits(&[(1, "mes = \"abr\""), (3, "mes = \"jun\"")])
                    ),
                    &[],
                ),
                (
                    &format!(
                        "{}[[visitas]]\ndocente = \"d09\"\nn = 2\nmes = \"may\"\n",
                        visits(&[(1, "mes = \"abr\""), (4, "mes = \"jun\"")])
                    ),
                    &[E12],
                ),
            ],
            |check, plan, _| check.visits(plan),
        );
    }
}
