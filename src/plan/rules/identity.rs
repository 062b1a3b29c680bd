//! E1 and E3: the keys every plan needs, its id and year; and the plan's own enumerations.
//! W15: the year an id names is the plan's year.

use super::super::model::Plan;
use super::super::vocab;
use super::{Checker, Context};
use crate::diag::Code;
use crate::names;

impl Checker<'_, '_> {
    // ---- E1, E3: structure and identity -------------------------------------------------

    pub(super) fn identity(&mut self, plan: &Plan, context: &Context) {
        self.schema_and_id(plan, context);
        self.required(plan, context);
        self.id_year(plan);
    }

    /// W15: an id that names a year (`ie70999-2025`) names the plan's `anio`; a plan copied
    /// from last year's keeps the old id otherwise, and its address says the wrong year.
    fn id_year(&mut self, plan: &Plan) {
        let (Some(id), Some(anio)) = (&plan.id, &plan.anio) else {
            return;
        };
        let Some(named) = id_year(id.get_ref()) else {
            return;
        };
        let year = *anio.get_ref();
        if named != year {
            self.warning(
                Code::W15,
                id.span(),
                format!("el id `{}` dice {named}, pero `anio` es {year}", id.get_ref()),
                format!("si el plan es de {year}, cambie el año en el id y en el nombre del archivo; si es de {named}, corrija `anio`"),
            );
        }
    }

    /// E1: `esquema` is `pmap/1`, and `id` is the file's name, one that every disk can hold.
    fn schema_and_id(&mut self, plan: &Plan, context: &Context) {
        match &plan.esquema {
            None => self.missing(
                Code::E1,
                "falta `esquema`".into(),
                "agregue `esquema = \"pmap/1\"` al inicio del archivo",
            ),
            Some(e) if e.get_ref() != "pmap/1" => self.error(
                Code::E1,
                e.span(),
                format!("esquema `{}` desconocido", e.get_ref()),
                "senda lee el formato `pmap/1`: escriba `esquema = \"pmap/1\"`",
            ),
            Some(_) => {}
        }
        match &plan.id {
            None => self.missing(
                Code::E1,
                "falta `id`".into(),
                format!(
                    "agregue `id = \"{}\"` (el nombre del archivo sin .toml)",
                    context.file_id
                ),
            ),
            Some(id) => {
                let text = id.get_ref();
                if text.is_empty()
                    || !text
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    self.error(Code::E1, id.span(), format!("el id `{text}` tiene caracteres no permitidos"), "use solo minúsculas sin tildes, dígitos y guiones, p. ej. `ie70999-nueva-esperanza-2024`");
                } else if let Some(device) = names::windows_device(text) {
                    self.error(Code::E1, id.span(), format!("el id `{text}` es un nombre reservado de Windows (`{device}`)"), format!("Windows no abre archivos ni carpetas con ese nombre, así que el sitio no se abriría desde una memoria USB: cambie el id y el nombre del archivo, p. ej. `ie-{text}-{}`", context.current_year));
                } else if text != context.file_id {
                    self.error(Code::E1, id.span(), format!("el id `{text}` no coincide con el nombre del archivo `{}.toml`", context.file_id), format!("cambie el id a `{}` o renombre el archivo a `{text}.toml`; así la dirección del plan es predecible", context.file_id));
                }
            }
        }
    }

    /// E1 and E3: the title, year, school and team every plan has; and the values of the
    /// plan's own enumerations.
    fn required(&mut self, plan: &Plan, context: &Context) {
        let titulo_help =
            "agregue p. ej. `titulo = \"Plan de Monitoreo y Acompañamiento Pedagógico 2024\"`";
        match &plan.titulo {
            None => self.missing(Code::E1, "falta `titulo`".into(), titulo_help),
            Some(t) if t.get_ref().trim().is_empty() => {
                self.error(
                    Code::E1,
                    t.span(),
                    "`titulo` está vacío".into(),
                    titulo_help,
                );
            }
            Some(_) => {}
        }
        match &plan.anio {
            None => self.missing(
                Code::E1,
                "falta `anio`".into(),
                "agregue el año escolar del plan, p. ej. `anio = 2024`",
            ),
            Some(anio) => {
                let year = *anio.get_ref();
                let last = i64::from(context.current_year) + 1;
                if !(2000..=last).contains(&year) {
                    self.error(
                        Code::E3,
                        anio.span(),
                        format!("el año {year} está fuera de rango"),
                        format!("el año del plan debe estar entre 2000 y {last}"),
                    );
                }
            }
        }
        match &plan.institucion {
            None => self.missing(
                Code::E1,
                "falta la tabla `[institucion]`".into(),
                "agregue `[institucion]` con al menos `nombre` y `niveles`",
            ),
            Some(inst) => {
                let span = inst.span();
                let inst = inst.get_ref();
                if inst
                    .nombre
                    .as_ref()
                    .is_none_or(|n| n.get_ref().trim().is_empty())
                {
                    self.error(Code::E1, span.clone(), "falta `institucion.nombre`".into(), "agregue el nombre de la institución educativa, p. ej. `nombre = \"Nueva Esperanza\"`");
                }
                if inst.niveles.is_empty() {
                    self.error(
                        Code::E1,
                        span,
                        "falta `institucion.niveles`".into(),
                        "agregue los niveles que atiende, p. ej. `niveles = [\"primaria\"]`",
                    );
                }
            }
        }
        if plan.equipo.is_empty() {
            self.missing(Code::E1, "el plan no tiene `[[equipo]]`".into(), "agregue al menos a la persona responsable: `[[equipo]]` con `id`, `nombre` y `cargo`");
        }
        if let Some(estado) = &plan.estado {
            self.term(estado, "`estado`");
        }
        if let Some(ambito) = &plan.ambito {
            self.one_of(ambito, "`ambito`", vocab::AMBITOS);
        }
        if let Some(m) = &plan.modalidad_atencion {
            self.one_of(m, "`modalidad_atencion`", vocab::MODALIDADES_ATENCION);
        }
    }
}

/// The year an id names: its last hyphen-separated part of four digits from 2000 to 2099.
fn id_year(id: &str) -> Option<i64> {
    id.rsplit('-')
        .find(|part| {
            part.len() == 4 && part.starts_with("20") && part.bytes().all(|b| b.is_ascii_digit())
        })
        .and_then(|part| part.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_cases;
    use crate::diag::Code::{E0, E1, E3, W15};

    /// A plan with everything `identity` asks for, after the top-level keys of a case.
    fn plan(top: &str) -> String {
        format!(
            "{top}\n[institucion]\nnombre = \"Nueva Esperanza\"\nniveles = [\"primaria\"]\n[[equipo]]\nid = \"dir\"\n"
        )
    }

    const VALID: &str = "esquema = \"pmap/1\"\nid = \"ie-1-2024\"\ntitulo = \"Plan\"\nanio = 2024";

    #[test]
    fn identity_rules() {
        let with = |extra: &str| plan(&format!("{VALID}\n{extra}"));
        let swap = |from: &str, to: &str| plan(&VALID.replace(from, to));
        check_cases(
            &[
                (&plan(VALID), &[]),
                ("", &[E1, E1, E1, E1, E1, E1]),
                (&swap("pmap/1", "pmap/2"), &[E1]),
                (&swap("\"ie-1-2024\"", "\"IE-1-2024\""), &[E1]),
                (&swap("\"ie-1-2024\"", "\"\""), &[E1]),
                (&swap("\"ie-1-2024\"", "\"con\""), &[E1]),
                (&swap("\"ie-1-2024\"", "\"ie-2-2024\""), &[E1]),
                (&swap("\"Plan\"", "\"  \""), &[E1]),
                (&swap("anio = 2024", "anio = 1999"), &[E3, W15]),
                (&swap("anio = 2024", "anio = 2026"), &[W15]),
                (&swap("anio = 2024", "anio = 2027"), &[E3, W15]),
                // W15 reads the last four-digit year of the id; an id without one is fine.
                (&swap("\"ie-1-2024\"", "\"ie-2024-2025\""), &[E1, W15]),
                (&swap("\"ie-1-2024\"", "\"ie-2024-b\""), &[E1]),
                (&swap("\"ie-1-2024\"", "\"ie-70999\""), &[E1]),
                (&with("estado = \"aprobad\""), &[E0]),
                (&with("estado = \"otro\""), &[]),
                (&with("ambito = \"distrito\""), &[E0]),
                (&with("modalidad_atencion = \"a_distancia\""), &[]),
                (
                    "esquema = \"pmap/1\"\nid = \"ie-1-2024\"\ntitulo = \"P\"\nanio = 2024\n[institucion]\nnombre = \" \"\n",
                    &[E1, E1, E1],
                ),
            ],
            |check, plan, context| check.identity(plan, context),
        );
    }
}
