//! P5 and its E0: how `privacidad.nombres_docentes` shows teachers' names. Full names on a
//! public site are allowed, but said aloud.

use super::super::model::Plan;
use super::super::vocab::{self, NombresDocentes, Term};
use super::Checker;
use crate::diag::Code;

impl Checker<'_, '_> {
    pub(super) fn masking(&mut self, plan: &Plan) {
        let Some(setting) = plan
            .privacidad
            .as_ref()
            .and_then(|p| p.nombres_docentes.as_ref())
        else {
            return;
        };
        let written = &setting.get_ref().text;
        match setting.get_ref().value {
            None => {
                let allowed = "use `iniciales`, `codigo` o `completo`";
                let help = match vocab::nearest(written, NombresDocentes::listed()) {
                    Some(right) => format!("¿quiso decir `{right}`? Valores admitidos: {allowed}"),
                    None => allowed.to_string(),
                };
                self.error(
                    Code::E0,
                    setting.span(),
                    format!("`{written}` no es un valor válido para `nombres_docentes`"),
                    help,
                );
            }
            Some(NombresDocentes::Completo) => self.warning(
                Code::P5,
                setting.span(),
                "los nombres completos de las y los docentes se publicarán".to_string(),
                "una lista de visitas con nombres puede revelar a quién se acompaña más; considere `nombres_docentes = \"iniciales\"` o `\"codigo\"`",
            ),
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_cases;
    use crate::diag::Code::{E0, P5};

    #[test]
    fn masking_rules() {
        check_cases(
            &[
                ("", &[]),
                ("[privacidad]\nnombres_docentes = \"iniciales\"\n", &[]),
                ("[privacidad]\nnombres_docentes = \"codigo\"\n", &[]),
                ("[privacidad]\nnombres_docentes = \"completo\"\n", &[P5]),
                ("[privacidad]\nnombres_docentes = \"inicial\"\n", &[E0]),
                ("[privacidad]\nnombres_docentes = \"otro\"\n", &[E0]),
            ],
            |check, plan, _| check.masking(plan),
        );
    }
}
