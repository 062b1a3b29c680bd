//! E14, E15, E17, W8 and W9: population counts, the numbered lists of the framework, and
//! the legal bases.

use std::collections::HashSet;

use toml::Spanned;

use super::super::model::Plan;
use super::super::vocab;
use super::{Checker, Context};
use crate::diag::Code;

impl Checker<'_, '_> {
    // ---- E14, E15, W8: numbers -----------------------------------------------------------------

    pub(super) fn numbers(&mut self, plan: &Plan) {
        if let Some(p) = &plan.poblacion {
            for (name, value) in [
                ("directivos", &p.directivos),
                ("docentes", &p.docentes),
                ("estudiantes", &p.estudiantes),
                ("familias", &p.familias),
            ] {
                let Some(value) = value else { continue };
                match value.get_ref() {
                    toml::Value::Integer(n) if *n >= 0 => {}
                    _ => self.error(
                        Code::E14,
                        value.span(),
                        format!("`poblacion.{name}` debe ser un número entero mayor o igual a 0"),
                        "si no se conoce el dato, quite la línea (no use -1 ni \"\")",
                    ),
                }
            }
            if let Some(value) = &p.docentes
                && let toml::Value::Integer(n) = value.get_ref()
                && !plan.docentes.is_empty()
                && *n != plan.docentes.len() as i64
            {
                self.warning(
                    Code::W8,
                    value.span(),
                    format!(
                        "`poblacion.docentes` dice {n}, pero `[[docentes]]` lista {}",
                        plan.docentes.len()
                    ),
                    "corrija el número o complete la lista de docentes",
                );
            }
        }
        let Some(enfoque) = &plan.enfoque else { return };
        let fid = enfoque
            .marco
            .as_ref()
            .is_some_and(|m| m.get_ref() == "perfil-egreso-FID");
        let rubricas_2017 = enfoque
            .marco_rubricas
            .as_ref()
            .is_some_and(|m| m.get_ref() == "2017");
        let lists: [(&[Spanned<i64>], &str, i64, &str); 4] = [
            (
                &enfoque.competencias_mbdd,
                "competencias_mbdd",
                if fid { 12 } else { 9 },
                if fid {
                    "el perfil de egreso de la FID tiene 12 competencias"
                } else {
                    "el MBDD tiene 9 competencias (12 solo con `marco = \"perfil-egreso-FID\"`)"
                },
            ),
            (
                &enfoque.desempenos_mbdd,
                "desempenos_mbdd",
                40,
                "el MBDD tiene 40 desempeños",
            ),
            (
                &enfoque.rubricas,
                "rubricas",
                if rubricas_2017 { 6 } else { 5 },
                "las rúbricas de observación vigentes (2018) son 5; con `marco_rubricas = \"2017\"` son 6",
            ),
            (
                &enfoque.cge,
                "cge",
                5,
                "los Compromisos de Gestión Escolar son 5",
            ),
        ];
        for (values, name, max, why) in lists {
            for value in values {
                if !(1..=max).contains(value.get_ref()) {
                    self.error(
                        Code::E15,
                        value.span(),
                        format!("`{name}` incluye {}, fuera de 1 a {max}", value.get_ref()),
                        why.to_string(),
                    );
                }
            }
        }
    }

    // ---- E17, W9: legal bases ----------------------------------------------------------------

    pub(super) fn norms(&mut self, plan: &Plan, context: &Context) {
        let mut seen: HashSet<(String, String, i64)> = HashSet::new();
        for norma in &plan.bases_legales {
            let n = norma.get_ref();
            let Some(tipo) = &n.tipo else {
                self.error(
                    Code::E17,
                    norma.span(),
                    "una base legal no tiene `tipo`".into(),
                    format!("use uno de: {}", vocab::NORMAS.join(", ")),
                );
                continue;
            };
            self.one_of(tipo, "el tipo de norma", vocab::NORMAS);
            if let Some(numero) = &n.numero
                && (numero.get_ref().is_empty()
                    || !numero.get_ref().chars().all(|c| c.is_ascii_digit()))
            {
                self.error(Code::E17, numero.span(), format!("el número de norma `{}` debe tener solo dígitos", numero.get_ref()), "escriba solo el número (se admiten ceros a la izquierda); el año y el emisor van en `anio` y `emisor`");
            }
            if n.numero.is_none() && tipo.get_ref() != "otro" {
                self.error(
                    Code::E17,
                    tipo.span(),
                    format!("la norma de tipo `{}` no tiene `numero`", tipo.get_ref()),
                    "agregue su número, p. ej. `numero = \"587\"`",
                );
            }
            if let Some(anio) = &n.anio
                && !(1900..=i64::from(context.current_year)).contains(anio.get_ref())
            {
                self.error(
                    Code::E17,
                    anio.span(),
                    format!("el año de la norma ({}) no es válido", anio.get_ref()),
                    format!("debe estar entre 1900 y {}", context.current_year),
                );
            }
            if matches!(tipo.get_ref().as_str(), "DS" | "RM" | "RVM" | "RSG") && n.emisor.is_none()
            {
                self.error(Code::E17, tipo.span(), format!("una norma `{}` necesita `emisor`", tipo.get_ref()), "agregue el sector que la emite, p. ej. `emisor = \"MINEDU\"` o `emisor = \"ED\"`");
            }
            let key = (
                tipo.get_ref().clone(),
                n.numero
                    .as_ref()
                    .map(|x| x.get_ref().trim_start_matches('0').to_string())
                    .unwrap_or_else(|| {
                        n.titulo
                            .as_ref()
                            .map(|t| t.get_ref().to_lowercase())
                            .unwrap_or_default()
                    }),
                n.anio.as_ref().map_or(0, |a| *a.get_ref()),
            );
            if !seen.insert(key) {
                let cited = match (&n.numero, &n.titulo) {
                    (Some(numero), _) => format!("{} N° {}", tipo.get_ref(), numero.get_ref()),
                    (None, Some(titulo)) => format!("«{}»", titulo.get_ref()),
                    (None, None) => tipo.get_ref().clone(),
                };
                self.warning(
                    Code::W9,
                    norma.span(),
                    format!("la base legal {cited} está repetida"),
                    "quite la norma duplicada de `[[bases_legales]]`",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_cases;
    use crate::diag::Code::{E0, E14, E15, E17, W8, W9};

    fn norm(fields: &str) -> String {
        format!("[[bases_legales]]\n{fields}\n")
    }

    const RM: &str = "tipo = \"RM\"\nnumero = \"587\"\nanio = 2023\nemisor = \"MINEDU\"";

    #[test]
    fn number_rules() {
        check_cases(
            &[
                ("[poblacion]\ndocentes = 2\nestudiantes = 0\n", &[]),
                ("[poblacion]\ndocentes = -1\n", &[E14]),
                ("[poblacion]\nfamilias = \"\"\n", &[E14]),
                (
                    "[poblacion]\ndocentes = 3\n[[docentes]]\nid = \"d01\"\n",
                    &[W8],
                ),
                (
                    "[enfoque]\ncompetencias_mbdd = [1, 9]\nrubricas = [5]\ncge = [5]\ndesempenos_mbdd = [40]\n",
                    &[],
                ),
                ("[enfoque]\ncompetencias_mbdd = [10]\n", &[E15]),
                (
                    "[enfoque]\nmarco = \"perfil-egreso-FID\"\ncompetencias_mbdd = [12]\n",
                    &[],
                ),
                ("[enfoque]\nrubricas = [6]\n", &[E15]),
                (
                    "[enfoque]\nmarco_rubricas = \"2017\"\nrubricas = [6]\n",
                    &[],
                ),
                (
                    "[enfoque]\ncge = [0]\ndesempenos_mbdd = [41]\n",
                    &[E15, E15],
                ),
            ],
            |check, plan, _| check.numbers(plan),
        );
    }

    #[test]
    fn legal_basis_rules() {
        check_cases(
            &[
                (&norm(RM), &[]),
                (&norm("titulo = \"Sin tipo\""), &[E17]),
                (&norm("tipo = \"Resolucion\"\nnumero = \"1\""), &[E0]),
                (&norm("tipo = \"Ley\"\nnumero = \"28044-2003\""), &[E17]),
                (&norm("tipo = \"Ley\""), &[E17]),
                (&norm("tipo = \"otro\"\ntitulo = \"Oficio\""), &[]),
                (
                    &norm("tipo = \"Ley\"\nnumero = \"28044\"\nanio = 1899"),
                    &[E17],
                ),
                (
                    &norm("tipo = \"Ley\"\nnumero = \"28044\"\nanio = 2026"),
                    &[E17],
                ),
                (
                    &norm("tipo = \"DS\"\nnumero = \"011\"\nanio = 2012"),
                    &[E17],
                ),
                (
                    &format!("{}{}", norm(RM), norm(&RM.replace("\"587\"", "\"0587\""))),
                    &[W9],
                ),
            ],
            |check, plan, context| check.norms(plan, context),
        );
    }
}
