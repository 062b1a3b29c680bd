//! E7–E12, W3–W5 and W7: the period, months, visit dates and numbers, and activities. When
//! a visit happens, and which year a month is of, is `calendar`'s to say.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use toml::Spanned;

use super::super::calendar::{
    self, Fecha, MONTH_TOKENS, When, active_months, month_name, period, plan_year, visit_when,
    year_stays_in_calendar,
};
use super::super::model::{Plan, Visita};
use super::super::vocab::{self, Fase};
use super::{Checker, MAX_VISITS};
use crate::diag::{Code, suggest};

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
        for (who, visits) in by_teacher {
            self.visit_numbers(plan, who, &visits);
        }
    }

    /// E12: visit numbers per teacher are 1..k, once each, in time order, and at most
    /// `MAX_VISITS`: the schedule has a column per number, so a typo such as
    /// `n = 20000000` must stop here, before anything is sized by it.
    pub(super) fn visit_numbers(&mut self, plan: &Plan, who: &str, visits: &[&Spanned<Visita>]) {
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
        for (index, (n, _, span)) in numbered.iter().enumerate() {
            let expected = index as i64 + 1;
            if *n != expected {
                let problem = if index > 0 && numbered[index - 1].0 == *n {
                    format!("la visita n={n} de `{who}` se repite")
                } else if index == 0 {
                    format!("las visitas de `{who}` empiezan en n={n}, no en n=1")
                } else {
                    format!(
                        "las visitas de `{who}` saltan del número {} al {n}",
                        expected - 1
                    )
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

    /// E8: a month token; returns its number.
    pub(super) fn month(&mut self, mes: &Spanned<String>) -> Option<u8> {
        let month = calendar::month_number(mes.get_ref());
        if month.is_none() {
            let help = match suggest(&mes.get_ref().to_lowercase(), MONTH_TOKENS.iter().copied()) {
                Some(right) => format!(
                    "¿quiso decir `{right}`? Los meses se escriben con tres letras: {}",
                    MONTH_TOKENS.join(" ")
                ),
                None => format!(
                    "los meses se escriben con tres letras: {}",
                    MONTH_TOKENS.join(" ")
                ),
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
