//! E18: the budget's currency and amounts.
//!
//! TOML floats include `inf` and `nan`, and two finite amounts can multiply (or add up) past
//! the largest float: each case gets its own message, and a plan that passes has a total the
//! view can print.

use std::ops::Range;

use super::super::model::{Item, Plan};
use super::super::vocab;
use super::Checker;
use crate::diag::Code;

impl Checker<'_, '_> {
    pub(super) fn budget(&mut self, plan: &Plan) {
        let Some(p) = &plan.presupuesto else { return };
        if let Some(moneda) = &p.moneda
            && !vocab::CURRENCIES.contains(&moneda.get_ref().as_str())
        {
            self.error(
                Code::E18,
                moneda.span(),
                format!("`{}` no es un código de moneda ISO 4217", moneda.get_ref()),
                "use el código de tres letras, p. ej. `moneda = \"PEN\"` (soles) o `\"USD\"`",
            );
        }
        // Summed as `view::budget` sums it, so a total that passes here prints there.
        let mut total = 0.0;
        let mut reported_total = false;
        for item in &p.items {
            let i = item.get_ref();
            if !self.amounts(i) {
                continue;
            }
            let cantidad = i.cantidad.as_ref().map_or(0.0, |c| *c.get_ref());
            let unit = i.costo_unitario.as_ref().map_or(0.0, |c| *c.get_ref());
            let subtotal = cantidad * unit;
            if !subtotal.is_finite() {
                self.too_large(item.span(), &format!("el subtotal de «{}»", concept(i)));
                continue;
            }
            total += subtotal;
            if !total.is_finite() && !reported_total {
                reported_total = true;
                self.too_large(item.span(), "el total del presupuesto");
            }
        }
    }

    /// `cantidad` and `costo_unitario` are numbers, finite, 0 or more; false if not.
    fn amounts(&mut self, item: &Item) -> bool {
        let mut valid = true;
        for (name, value) in [
            ("cantidad", &item.cantidad),
            ("costo_unitario", &item.costo_unitario),
        ] {
            let Some(value) = value else { continue };
            let amount = *value.get_ref();
            let (message, help) = if amount.is_nan() {
                (
                    format!("`{name}` no es un número (`nan`)"),
                    format!(
                        "escriba la cifra, p. ej. `{name} = 30`, o quite la línea si no se conoce"
                    ),
                )
            } else if amount.is_infinite() {
                (
                    format!("`{name}` es infinito (`{amount}`)"),
                    format!(
                        "escriba la cifra real, p. ej. `{name} = 30`: los montos y cantidades son 0 o más"
                    ),
                )
            } else if amount < 0.0 {
                (
                    format!("`{name}` no puede ser negativo"),
                    "los montos y cantidades del presupuesto son 0 o más".to_string(),
                )
            } else {
                continue;
            };
            valid = false;
            self.error(Code::E18, value.span(), message, help);
        }
        valid
    }

    fn too_large(&mut self, span: Range<usize>, what: &str) {
        self.error(
            Code::E18,
            span,
            format!("{what} es demasiado grande para calcularse"),
            "revise `cantidad` y `costo_unitario`: alguna cifra tiene demasiados dígitos",
        );
    }
}

fn concept(item: &Item) -> &str {
    item.concepto
        .as_ref()
        .map_or("(sin concepto)", |c| c.get_ref().as_str())
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_cases;
    use crate::diag::Code::E18;

    fn item(cantidad: &str, costo: &str) -> String {
        format!(
            "[[presupuesto.items]]\nconcepto = \"Copias\"\ncantidad = {cantidad}\ncosto_unitario = {costo}\n"
        )
    }

    #[test]
    fn budget_rules() {
        let huge = item("1e300", "1e300");
        let large = item("1", "1.5e308");
        check_cases(
            &[
                (
                    &format!("[presupuesto]\nmoneda = \"PEN\"\n{}", item("100", "0.1")),
                    &[],
                ),
                ("[presupuesto]\nmoneda = \"SOL\"\n", &[E18]),
                (&item("-1", "2"), &[E18]),
                (&item("nan", "2"), &[E18]),
                (&item("2", "-inf"), &[E18]),
                (&huge, &[E18]),
                (&format!("{large}{large}{large}"), &[E18]),
            ],
            |check, plan, _| check.budget(plan),
        );
    }
}
