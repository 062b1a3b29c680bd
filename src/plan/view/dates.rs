//! The plan's dates in words: where and when it was written, its period, its approval.

use serde::Serialize;

use super::super::calendar::{self, Fecha, MonthNames, month_and_year};
use super::super::model::Plan;
use super::text;

#[derive(Debug, Clone, Serialize)]
pub struct Periodo {
    pub inicio: Fecha,
    pub fin: Fecha,
    pub texto: String,
    pub semanas_gestion: Vec<String>,
    /// The same weeks as dates, first and last day, for the exports.
    #[serde(skip)]
    pub intervalos_gestion: Vec<(Fecha, Fecha)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Aprobacion {
    pub documento: String,
    pub numero: Option<String>,
    pub fecha: Option<Fecha>,
    pub fecha_texto: Option<String>,
    pub folios: Option<i64>,
    pub opinion_conei: bool,
    pub considerandos: Vec<String>,
    pub articulos: Vec<String>,
}

/// "Juli, marzo de 2024": the place, and the month the plan was written (else its year).
pub(super) fn place_and_date(plan: &Plan, anio: i64) -> Option<String> {
    plan.lugar.as_ref().map(|lugar| {
        let when = plan
            .fecha_elaboracion
            .as_ref()
            .map(|f| month_and_year(*f.get_ref()))
            .unwrap_or_else(|| anio.to_string());
        format!("{}, {when}", lugar.get_ref())
    })
}

pub(super) fn period(plan: &Plan) -> Option<Periodo> {
    let p = plan.periodo.as_ref()?.get_ref();
    let (inicio, fin) = (*p.inicio.as_ref()?.get_ref(), *p.fin.as_ref()?.get_ref());
    Some(Periodo {
        inicio,
        fin,
        texto: format!("del {} al {}", long_date(inicio), long_date(fin)),
        semanas_gestion: p
            .semanas_gestion
            .iter()
            .map(|s| {
                format!(
                    "del {} al {}",
                    long_date(*s.get_ref().inicio.get_ref()),
                    long_date(*s.get_ref().fin.get_ref())
                )
            })
            .collect(),
        intervalos_gestion: p
            .semanas_gestion
            .iter()
            .map(|s| (*s.get_ref().inicio.get_ref(), *s.get_ref().fin.get_ref()))
            .collect(),
    })
}

pub(super) fn approval(plan: &Plan) -> Option<Aprobacion> {
    plan.aprobacion.as_ref().map(|a| {
        let a = a.get_ref();
        Aprobacion {
            documento: text(&a.documento).unwrap_or_else(|| "Resolución Directoral".to_string()),
            numero: text(&a.numero),
            fecha: a.fecha.as_ref().map(|f| *f.get_ref()),
            fecha_texto: a.fecha.as_ref().map(|f| long_date(*f.get_ref())),
            folios: a.folios.as_ref().map(|f| *f.get_ref()),
            opinion_conei: a.opinion_conei.unwrap_or(false),
            considerandos: a
                .considerandos
                .iter()
                .map(|c| c.get_ref().clone())
                .collect(),
            articulos: a.articulos.iter().map(|c| c.get_ref().clone()).collect(),
        }
    })
}

/// "11 de marzo de 2024", as plans write it.
fn long_date(date: Fecha) -> String {
    calendar::long_date(date, MonthNames::Peru)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words() {
        let plan: Plan = toml::from_str(
            "lugar = \"Juli\"\nfecha_elaboracion = 2024-03-04\n[periodo]\ninicio = 2024-03-11\nfin = 2024-12-20\nsemanas_gestion = [{ inicio = 2024-07-22, fin = 2024-08-02 }]\n",
        )
        .unwrap();
        assert_eq!(
            place_and_date(&plan, 2024).as_deref(),
            Some("Juli, marzo de 2024")
        );
        let periodo = period(&plan).unwrap();
        assert_eq!(
            periodo.texto,
            "del 11 de marzo de 2024 al 20 de diciembre de 2024"
        );
        assert_eq!(
            periodo.semanas_gestion,
            ["del 22 de julio de 2024 al 2 de agosto de 2024"]
        );
        let undated: Plan = toml::from_str("lugar = \"Juli\"\n").unwrap();
        assert_eq!(
            place_and_date(&undated, 2024).as_deref(),
            Some("Juli, 2024")
        );
    }
}
