//! The school year: which months a plan's period covers, which calendar year a month token
//! is of, and when a visit happens.

use super::super::model::{Plan, Visita};
use super::{Fecha, month_name, month_number};

/// Peru and Chile (and plans that say nothing) run the school year inside the calendar year.
pub fn year_stays_in_calendar(plan: &Plan) -> bool {
    plan.pais
        .as_ref()
        .is_none_or(|p| matches!(p.get_ref().as_str(), "PE" | "CL"))
}

/// `anio`, when it is a year a date can have (TOML dates have four digits): rules that
/// compare dates with it skip an absurd one, which E3 reports, rather than truncate it.
pub fn plan_year(plan: &Plan) -> Option<i32> {
    let year = *plan.anio.as_ref()?.get_ref();
    (1..=9999).contains(&year).then_some(year as i32)
}

/// `[periodo]`'s start and end, when both are given.
pub fn period(plan: &Plan) -> Option<(Fecha, Fecha)> {
    let p = plan.periodo.as_ref()?.get_ref();
    Some((*p.inicio.as_ref()?.get_ref(), *p.fin.as_ref()?.get_ref()))
}

/// The months the school period covers: from `[periodo]`, else March–December.
pub fn active_months(plan: &Plan) -> Vec<u8> {
    match period(plan) {
        Some((start, end)) if start <= end => {
            let mut months = Vec::new();
            let (mut y, mut m) = (start.anio, start.mes);
            while (y, m) <= (end.anio, end.mes) && months.len() < 13 {
                months.push(m);
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
            months
        }
        _ => (3..=12).collect(),
    }
}

/// Which calendar year each month token of a plan falls in: the one month -> year rule.
///
/// Month tokens carry no year: for a school year inside the calendar year (Peru, Chile) it
/// is `anio`, whatever the month, February planning included; for a `[periodo]` that
/// crosses into the next year (Colombia calendario B, Ecuador Sierra), months before the
/// start month are next year's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchoolYear {
    year: i32,
    /// `[periodo]`'s start and end, when it crosses into the next calendar year in a country
    /// whose school year may.
    crossing: Option<(Fecha, Fecha)>,
}

impl SchoolYear {
    /// The school year of `plan`, if its `anio` is a year a date can have.
    pub fn of(plan: &Plan) -> Option<SchoolYear> {
        let crossing = period(plan).filter(|(start, end)| {
            !year_stays_in_calendar(plan) && start < end && start.anio < end.anio
        });
        Some(SchoolYear {
            year: plan_year(plan)?,
            crossing,
        })
    }

    /// A school year inside the calendar year `year`.
    pub fn within(year: i32) -> SchoolYear {
        SchoolYear {
            year,
            crossing: None,
        }
    }

    /// The calendar year month 1–12 falls in.
    pub fn year_of(&self, month: u8) -> i32 {
        match self.crossing {
            Some((start, _)) if month >= start.mes => start.anio,
            Some((_, end)) => end.anio,
            None => self.year,
        }
    }

    /// The first and the last day of month 1–12.
    pub fn month_days(&self, month: u8) -> Option<(Fecha, Fecha)> {
        let year = self.year_of(month);
        let first = Fecha::new(year, month, 1)?;
        let last = (28..=31)
            .rev()
            .find_map(|day| Fecha::new(year, month, day))?;
        Some((first, last))
    }
}

/// When a visit happens: on one day (`fecha`), or some day of a month (`mes`).
#[derive(Debug, Clone, Copy)]
pub struct When {
    pub first: Fecha,
    pub last: Fecha,
    pub by_month: bool,
}

impl When {
    /// The date, or the month's name for a visit given by month.
    pub fn label(&self) -> String {
        if self.by_month {
            month_name(self.first.mes).to_string()
        } else {
            self.first.to_string()
        }
    }
}

/// When a visit happens, if it says (and its month is a valid token).
pub fn visit_when(plan: &Plan, visita: &Visita) -> Option<When> {
    if let Some(fecha) = &visita.fecha {
        let day = *fecha.get_ref();
        return Some(When {
            first: day,
            last: day,
            by_month: false,
        });
    }
    let month = month_number(visita.mes.as_ref()?.get_ref())?;
    let (first, last) = SchoolYear::of(plan)?.month_days(month)?;
    Some(When {
        first,
        last,
        by_month: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Fecha {
        Fecha::parse(text).unwrap()
    }

    fn plan(text: &str) -> Plan {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn months_are_of_the_plans_year_unless_the_period_crosses_new_year() {
        // Peru: February planning before a March start is February of `anio`.
        let peru = plan("anio = 2024\n[periodo]\ninicio = 2024-03-01\nfin = 2024-12-20\n");
        let year = SchoolYear::of(&peru).unwrap();
        assert_eq!((year.year_of(2), year.year_of(12)), (2024, 2024));
        // Colombia, calendario B: September to June.
        let colombia =
            plan("anio = 2024\npais = \"CO\"\n[periodo]\ninicio = 2024-09-02\nfin = 2025-06-20\n");
        let year = SchoolYear::of(&colombia).unwrap();
        assert_eq!((year.year_of(9), year.year_of(2)), (2024, 2025));
        assert_eq!(
            year.month_days(2),
            Some((date("2025-02-01"), date("2025-02-28")))
        );
        // A country whose period stays in one year, and a plan without a period.
        let chile_like =
            plan("anio = 2024\npais = \"AR\"\n[periodo]\ninicio = 2024-03-01\nfin = 2024-12-01\n");
        assert_eq!(SchoolYear::of(&chile_like).unwrap().year_of(1), 2024);
        assert_eq!(
            SchoolYear::of(&plan("anio = 2023\n")).unwrap().year_of(2),
            2023
        );
        assert_eq!(SchoolYear::of(&plan("anio = 123456\n")), None);
    }

    #[test]
    fn active_months_follow_the_period() {
        assert_eq!(active_months(&plan("")), (3..=12).collect::<Vec<u8>>());
        let crossing = plan("[periodo]\ninicio = 2024-09-02\nfin = 2025-02-20\n");
        assert_eq!(active_months(&crossing), [9, 10, 11, 12, 1, 2]);
    }
}
