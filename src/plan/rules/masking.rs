//! P5 and its E0: how `privacidad.nombres_docentes` shows teachers' names. Full names on a
//! public site are allowed, but said aloud. W16: two teachers shown alike.

use std::collections::HashMap;

use super::super::model::Plan;
use super::super::teacher_ids;
use super::super::view::{TeacherName, teacher_names};
use super::super::vocab::{self, NombresDocentes, Term};
use super::Checker;
use crate::diag::Code;

impl Checker<'_, '_> {
    pub(super) fn masking(&mut self, plan: &Plan) {
        self.nombres_docentes(plan);
        self.shown_alike(plan);
    }

    /// W16: two teachers whose public names are the same (two "A. M. C. H."). The view tells
    /// them apart by their number; the author hears of it, and of both teachers' lines.
    fn shown_alike(&mut self, plan: &Plan) {
        let masking = teacher_ids::masking(plan);
        let teachers = teacher_names(plan, masking);
        let mut first: HashMap<String, &TeacherName> = HashMap::new();
        for teacher in &teachers {
            if teacher.masked.is_empty() {
                continue;
            }
            let Some(earlier) = first.get(&vocab::fold(&teacher.masked)).copied() else {
                first.insert(vocab::fold(&teacher.masked), teacher);
                continue;
            };
            let line = |t: &TeacherName| self.source.locate(teacher_span(plan, t)).line;
            let how = if masking == NombresDocentes::Iniciales {
                "con las mismas iniciales"
            } else {
                "con el mismo nombre"
            };
            let message = format!(
                "`{}` (línea {}) y `{}` (línea {}) se publican {how}, «{}»",
                earlier.id,
                line(earlier),
                teacher.id,
                line(teacher),
                teacher.masked,
            );
            let help = format!(
                "para distinguirlos, las páginas y los archivos los muestran como «{}» y «{}»; si prefiere, use `nombres_docentes = \"codigo\"`",
                earlier.shown, teacher.shown
            );
            self.warning(Code::W16, teacher_span(plan, teacher), message, help);
        }
    }

    fn nombres_docentes(&mut self, plan: &Plan) {
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

/// Where a teacher's name is written, or the teacher's table if it has none.
fn teacher_span(plan: &Plan, teacher: &TeacherName) -> std::ops::Range<usize> {
    let docente = &plan.docentes[teacher.index];
    docente
        .get_ref()
        .nombre
        .as_ref()
        .map_or_else(|| docente.span(), |n| n.span())
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_cases;
    use crate::diag::Code::{E0, P5, W16};

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

    #[test]
    fn teachers_shown_alike_rules() {
        let two = |masking: &str, first: &str, second: &str| {
            format!(
                "[privacidad]\nnombres_docentes = \"{masking}\"\n[[docentes]]\nid = \"d01\"\nnombre = \"{first}\"\n[[docentes]]\nid = \"d02\"\nnombre = \"{second}\"\n"
            )
        };
        let alike = ("Ana María Condori Huanca", "Alberto Mamani Choque Hancco");
        check_cases(
            &[
                (&two("iniciales", alike.0, alike.1), &[W16]),
                (
                    &two("iniciales", alike.0, "Ángel Mario Cruz Huamán"),
                    &[W16],
                ),
                (&two("iniciales", alike.0, "Ana María Condori"), &[]),
                (&two("codigo", alike.0, alike.1), &[]),
                (&two("completo", alike.0, alike.1), &[P5]),
                (&two("completo", alike.0, alike.0), &[P5, W16]),
                (&two("iniciales", "", ""), &[]),
            ],
            |check, plan, _| check.masking(plan),
        );
    }
}
