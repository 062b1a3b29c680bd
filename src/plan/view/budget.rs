//! The budget: amounts as the page prints them, subtotals and the total.

use serde::Serialize;

use super::super::model;

#[derive(Debug, Clone, Serialize)]
pub struct Presupuesto {
    pub moneda: String,
    pub descripcion: Option<String>,
    pub items: Vec<Item>,
    pub total: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub concepto: String,
    pub cantidad: String,
    pub costo_unitario: String,
    pub subtotal: String,
    pub fuente: Option<String>,
}

/// Summed as rule E18 sums it, so the total of a plan that passed is finite.
pub(super) fn budget(p: &model::Presupuesto) -> Presupuesto {
    let moneda = p
        .moneda
        .as_ref()
        .map_or("PEN".to_string(), |m| m.get_ref().clone());
    let mut total = 0.0;
    let items = p
        .items
        .iter()
        .map(|item| {
            let i = item.get_ref();
            let cantidad = i.cantidad.as_ref().map_or(0.0, |c| *c.get_ref());
            let unit = i.costo_unitario.as_ref().map_or(0.0, |c| *c.get_ref());
            total += cantidad * unit;
            Item {
                concepto: i
                    .concepto
                    .as_ref()
                    .map_or(String::new(), |c| c.get_ref().clone()),
                cantidad: number(cantidad),
                costo_unitario: money(unit),
                subtotal: money(cantidad * unit),
                fuente: i.fuente.as_ref().map(|f| f.get_ref().clone()),
            }
        })
        .collect();
    Presupuesto {
        descripcion: p.descripcion.as_ref().map(|d| d.get_ref().clone()),
        items,
        total: money(total),
        moneda,
    }
}

fn money(amount: f64) -> String {
    format!("{amount:.2}")
}

fn number(amount: f64) -> String {
    if amount.fract() == 0.0 {
        format!("{amount:.0}")
    } else {
        format!("{amount}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_printed_as_on_paper() {
        assert_eq!(money(30.0), "30.00");
        assert_eq!(money(2.5), "2.50");
        assert_eq!(number(12.0), "12");
        assert_eq!(number(1.5), "1.5");
    }
}
