//! E2, E5, W12 and W13: the school, its instances and its codes.

use toml::Spanned;

use super::super::model::Plan;
use super::super::vocab;
use super::Checker;
use crate::diag::Code;

impl Checker<'_, '_> {
    // ---- E2, E5: institution -------------------------------------------------------------

    pub(super) fn institution(&mut self, plan: &Plan) {
        let Some(inst) = &plan.institucion else {
            return;
        };
        let span = inst.span();
        let inst = inst.get_ref();
        if is_peru(plan) {
            if inst.dre.is_none() {
                self.error(
                    Code::E2,
                    span.clone(),
                    "falta `institucion.dre`".into(),
                    "en el Perú todo plan indica su DRE o GRE, p. ej. `dre = \"DRE Puno\"`",
                );
            }
            if inst.ugel.is_none() {
                self.warning(Code::W13, span.clone(), "falta `institucion.ugel`".into(), "agregue la UGEL, p. ej. `ugel = \"UGEL El Collao\"`; omítala solo si la DRE gestiona la IE directamente");
            }
        }
        for (nivel, code) in &inst.codigos_modulares {
            self.code(code, &format!("el código modular de {nivel}"), 7..=7);
        }
        if let Some(code) = &inst.codigo_local {
            self.code(code, "el código de local", 5..=6);
        }
        if let Some(tipo) = &inst.tipo {
            self.one_of(tipo, "`institucion.tipo`", vocab::TIPOS_IE);
        }
        for nivel in &inst.niveles {
            self.one_of(nivel, "un nivel educativo", vocab::NIVELES);
        }
        if let Some(v) = &inst.modalidad {
            self.one_of(v, "`institucion.modalidad`", vocab::MODALIDADES);
        }
        if let Some(v) = &inst.modelo_servicio {
            self.one_of(v, "`institucion.modelo_servicio`", vocab::MODELOS_SERVICIO);
        }
        if let Some(v) = &inst.gestion {
            self.one_of(v, "`institucion.gestion`", vocab::GESTIONES);
        }
        if let Some(v) = &inst.area {
            self.one_of(v, "`institucion.area`", vocab::AREAS);
        }
    }

    /// E5: codes are strings of digits; a 5-digit código de local lost a leading zero (W12).
    fn code(
        &mut self,
        value: &Spanned<toml::Value>,
        what: &str,
        digits: std::ops::RangeInclusive<usize>,
    ) {
        let text = match value.get_ref() {
            toml::Value::String(s) => s,
            toml::Value::Integer(n) => {
                // The zeros the number lost, put back up to the code's length.
                let width = *digits.end();
                let quoted = if *n >= 0 && n.to_string().len() < width {
                    format!("\"{n:0width$}\"")
                } else {
                    format!("\"{n}\"")
                };
                self.error(Code::E5, value.span(), format!("{what} está escrito como número ({n})"), format!("escríbalo entre comillas, p. ej. `{quoted}`: como número pierde los ceros a la izquierda"));
                return;
            }
            _ => {
                self.error(
                    Code::E5,
                    value.span(),
                    format!("{what} debe ser un texto de dígitos"),
                    "escríbalo entre comillas, p. ej. `\"0452912\"`",
                );
                return;
            }
        };
        let all_digits = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit());
        if all_digits && text.len() == 5 && *digits.start() == 5 {
            self.warning(Code::W12, value.span(), format!("{what} `{text}` tiene 5 dígitos"), "los códigos de local tienen 6 dígitos: probablemente se perdió un cero a la izquierda");
        } else if !all_digits || !digits.contains(&text.len()) {
            let expected = if digits.start() == digits.end() {
                format!("{} dígitos", digits.start())
            } else {
                "6 dígitos".to_string()
            };
            self.error(
                Code::E5,
                value.span(),
                format!("{what} `{text}` no es válido"),
                format!("debe tener {expected}, sin espacios ni guiones; verifíquelo en ESCALE"),
            );
        }
    }
}

/// A plan of Peru, or one that does not say: DRE and UGEL are Peru's instances.
fn is_peru(plan: &Plan) -> bool {
    plan.pais.as_ref().is_none_or(|p| p.get_ref() == "PE")
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_cases;
    use crate::diag::Code::{E0, E2, E5, W12, W13};

    /// A school of Peru with a DRE and a UGEL, and the case's lines in `[institucion]`.
    fn school(lines: &str) -> String {
        format!(
            "[institucion]\nnombre = \"X\"\ndre = \"DRE Puno\"\nugel = \"UGEL Juli\"\n{lines}\n"
        )
    }

    #[test]
    fn institution_rules() {
        check_cases(
            &[
                (&school(""), &[]),
                ("[institucion]\nnombre = \"X\"\n", &[E2, W13]),
                (
                    "[institucion]\nnombre = \"X\"\ndre = \"DRE Puno\"\n",
                    &[W13],
                ),
                ("pais = \"CL\"\n[institucion]\nnombre = \"X\"\n", &[]),
                ("", &[]),
                (
                    &school("codigos_modulares = { primaria = \"0452912\" }"),
                    &[],
                ),
                (&school("codigos_modulares = { primaria = 452912 }"), &[E5]),
                (
                    &school("codigos_modulares = { primaria = \"045291\" }"),
                    &[E5],
                ),
                (
                    &school("codigos_modulares = { primaria = \"04529-2\" }"),
                    &[E5],
                ),
                (&school("codigo_local = \"045291\""), &[]),
                (&school("codigo_local = \"45291\""), &[W12]),
                (&school("codigo_local = 45291"), &[E5]),
                (&school("codigo_local = \"0452912\""), &[E5]),
                (&school("codigo_local = true"), &[E5]),
                (&school("tipo = \"IEX\""), &[E0]),
                (&school("tipo = \"otro\""), &[]),
                (&school("niveles = [\"primaria\", \"primari\"]"), &[E0]),
                (
                    &school("modalidad = \"EBR\"\nmodelo_servicio = \"JEC\""),
                    &[],
                ),
                (&school("gestion = \"publica\"\narea = \"rural\""), &[E0]),
            ],
            |check, plan, _| check.institution(plan),
        );
    }
}
