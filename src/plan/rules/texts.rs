//! W11: a text given but left empty.

use super::super::model::Plan;
use super::Checker;
use crate::diag::Code;

impl Checker<'_, '_> {
    // ---- W11: empty texts ------------------------------------------------------------------------

    pub(super) fn texts(&mut self, plan: &Plan) {
        let Some(t) = &plan.textos else { return };
        for (name, text) in [
            ("presentacion", &t.presentacion),
            ("fundamentacion", &t.fundamentacion),
            ("justificacion", &t.justificacion),
            ("finalidad", &t.finalidad),
        ] {
            if let Some(text) = text
                && text.get_ref().trim().is_empty()
            {
                self.warning(
                    Code::W11,
                    text.span(),
                    format!("`textos.{name}` está vacío"),
                    "escriba el texto o quite la línea",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_cases;
    use crate::diag::Code::W11;

    #[test]
    fn empty_texts_are_warned_about() {
        check_cases(
            &[
                ("", &[]),
                ("[textos]\npresentacion = \"Hola\"\n", &[]),
                ("[textos]\npresentacion = \"  \"\n", &[W11]),
                (
                    "[textos]\njustificacion = \"\"\nfinalidad = \"\\n\"\n",
                    &[W11, W11],
                ),
            ],
            |check, plan, _| check.texts(plan),
        );
    }
}
