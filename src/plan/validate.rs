//! The validation rules of `pmap/1` (docs/plan-rules.md): E = error, W = warning.
//! Messages are in Spanish, for the school directors who write the plans, and every one
//! starts with its rule code so it can be looked up.
//!
//! The privacy rules (P1–P5) live in `privacy`; they scan the raw text, not this model.

use std::ops::Range;

use toml::Spanned;

use super::calendar::{Fecha, plan_year, visit_when};
use super::model::Plan;
use super::vocab;
use crate::diag::{Diagnostic, Diagnostics, Location, suggest};
use crate::load::toml_input::Source;
use crate::names;

mod budget;
mod links;
mod numbers;
mod people;
mod time;

/// The most visits a teacher can get in one plan (rule E12): a school year has about 40
/// weeks, so this is well over two a week, and no real plan comes near it.
pub const MAX_VISITS: i64 = 100;

/// What the rules need to know beyond the plan itself.
pub struct Context<'a> {
    /// The file name without `.toml`, which `id` must equal.
    pub file_id: &'a str,
    pub current_year: i32,
    /// Resolves `@/` guidance links (rule E6).
    pub page_exists: &'a (dyn Fn(&str) -> bool + Sync),
}

pub fn validate(plan: &Plan, source: &Source, context: &Context, out: &mut Diagnostics) {
    let mut check = Checker { source, out };
    check.identity(plan, context);
    check.institution(plan);
    check.approval(plan, context);
    check.people(plan, context);
    check.period(plan);
    check.visits(plan);
    check.activities(plan);
    check.numbers(plan);
    check.norms(plan, context);
    check.budget(plan);
    check.urls(plan);
    check.texts(plan);
}

struct Checker<'a, 'b> {
    source: &'a Source<'b>,
    out: &'a mut Diagnostics,
}

impl Checker<'_, '_> {
    fn error(&mut self, code: &str, span: Range<usize>, message: String, help: impl Into<String>) {
        let location = self.source.locate(span);
        self.out.push(
            Diagnostic::error(message)
                .code(code)
                .at(location)
                .help(help),
        );
    }

    /// An error about something absent from the whole file: located at the file, not at a
    /// line that happens to come first (often a comment).
    fn missing(&mut self, code: &str, message: String, help: impl Into<String>) {
        self.out.push(
            Diagnostic::error(message)
                .code(code)
                .at(Location::file(self.source.path))
                .help(help),
        );
    }

    fn warning(
        &mut self,
        code: &str,
        span: Range<usize>,
        message: String,
        help: impl Into<String>,
    ) {
        let location = self.source.locate(span);
        self.out.push(
            Diagnostic::warning(message)
                .code(code)
                .at(location)
                .help(help),
        );
    }

    /// An enumerated value must be one of `allowed`; `otro` is always accepted.
    fn one_of(&mut self, value: &Spanned<String>, what: &str, allowed: &[&str]) {
        let text = value.get_ref().as_str();
        if text == "otro" || allowed.contains(&text) {
            return;
        }
        let listed = allowed
            .iter()
            .map(|a| format!("`{a}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = match suggest(text, allowed.iter().copied()) {
            Some(right) => format!(
                "¿quiso decir `{right}`? Valores admitidos: {listed}, u `otro` con `detalle`"
            ),
            None => {
                format!("valores admitidos: {listed}, u `otro` con un `detalle` que lo explique")
            }
        };
        self.error(
            "E0",
            value.span(),
            format!("`{text}` no es un valor válido para {what}"),
            help,
        );
    }

    // ---- E1, E3: structure and identity -------------------------------------------------

    fn identity(&mut self, plan: &Plan, context: &Context) {
        match &plan.esquema {
            None => self.missing(
                "E1",
                "falta `esquema`".into(),
                "agregue `esquema = \"pmap/1\"` al inicio del archivo",
            ),
            Some(e) if e.get_ref() != "pmap/1" => self.error(
                "E1",
                e.span(),
                format!("esquema `{}` desconocido", e.get_ref()),
                "senda lee el formato `pmap/1`: escriba `esquema = \"pmap/1\"`",
            ),
            Some(_) => {}
        }
        match &plan.id {
            None => self.missing(
                "E1",
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
                    self.error("E1", id.span(), format!("el id `{text}` tiene caracteres no permitidos"), "use solo minúsculas sin tildes, dígitos y guiones, p. ej. `ie70999-nueva-esperanza-2024`");
                } else if let Some(device) = names::windows_device(text) {
                    self.error("E1", id.span(), format!("el id `{text}` es un nombre reservado de Windows (`{device}`)"), format!("Windows no abre archivos ni carpetas con ese nombre, así que el sitio no se abriría desde una memoria USB: cambie el id y el nombre del archivo, p. ej. `ie-{text}-{}`", context.current_year));
                } else if text != context.file_id {
                    self.error("E1", id.span(), format!("el id `{text}` no coincide con el nombre del archivo `{}.toml`", context.file_id), format!("cambie el id a `{}` o renombre el archivo a `{text}.toml`; así la dirección del plan es predecible", context.file_id));
                }
            }
        }
        let titulo_help =
            "agregue p. ej. `titulo = \"Plan de Monitoreo y Acompañamiento Pedagógico 2024\"`";
        match &plan.titulo {
            None => self.missing("E1", "falta `titulo`".into(), titulo_help),
            Some(t) if t.get_ref().trim().is_empty() => {
                self.error("E1", t.span(), "`titulo` está vacío".into(), titulo_help);
            }
            Some(_) => {}
        }
        match &plan.anio {
            None => self.missing(
                "E1",
                "falta `anio`".into(),
                "agregue el año escolar del plan, p. ej. `anio = 2024`",
            ),
            Some(anio) => {
                let year = *anio.get_ref();
                let last = i64::from(context.current_year) + 1;
                if !(2000..=last).contains(&year) {
                    self.error(
                        "E3",
                        anio.span(),
                        format!("el año {year} está fuera de rango"),
                        format!("el año del plan debe estar entre 2000 y {last}"),
                    );
                }
            }
        }
        match &plan.institucion {
            None => self.missing(
                "E1",
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
                    self.error("E1", span.clone(), "falta `institucion.nombre`".into(), "agregue el nombre de la institución educativa, p. ej. `nombre = \"Nueva Esperanza\"`");
                }
                if inst.niveles.is_empty() {
                    self.error(
                        "E1",
                        span,
                        "falta `institucion.niveles`".into(),
                        "agregue los niveles que atiende, p. ej. `niveles = [\"primaria\"]`",
                    );
                }
            }
        }
        if plan.equipo.is_empty() {
            self.missing("E1", "el plan no tiene `[[equipo]]`".into(), "agregue al menos a la persona responsable: `[[equipo]]` con `id`, `nombre` y `cargo`");
        }
        if let Some(estado) = &plan.estado {
            self.one_of(estado, "`estado`", vocab::ESTADOS);
        }
        if let Some(ambito) = &plan.ambito {
            self.one_of(ambito, "`ambito`", vocab::AMBITOS);
        }
        if let Some(m) = &plan.modalidad_atencion {
            self.one_of(m, "`modalidad_atencion`", vocab::MODALIDADES_ATENCION);
        }
    }

    // ---- E2, E5: institution -------------------------------------------------------------

    fn institution(&mut self, plan: &Plan) {
        let Some(inst) = &plan.institucion else {
            return;
        };
        let span = inst.span();
        let inst = inst.get_ref();
        if is_peru(plan) {
            if inst.dre.is_none() {
                self.error(
                    "E2",
                    span.clone(),
                    "falta `institucion.dre`".into(),
                    "en el Perú todo plan indica su DRE o GRE, p. ej. `dre = \"DRE Puno\"`",
                );
            }
            if inst.ugel.is_none() {
                self.warning("W13", span.clone(), "falta `institucion.ugel`".into(), "agregue la UGEL, p. ej. `ugel = \"UGEL El Collao\"`; omítala solo si la DRE gestiona la IE directamente");
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
                self.error("E5", value.span(), format!("{what} está escrito como número ({n})"), format!("escríbalo entre comillas, p. ej. `{quoted}`: como número pierde los ceros a la izquierda"));
                return;
            }
            _ => {
                self.error(
                    "E5",
                    value.span(),
                    format!("{what} debe ser un texto de dígitos"),
                    "escríbalo entre comillas, p. ej. `\"0452912\"`",
                );
                return;
            }
        };
        let all_digits = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit());
        if all_digits && text.len() == 5 && *digits.start() == 5 {
            self.warning("W12", value.span(), format!("{what} `{text}` tiene 5 dígitos"), "los códigos de local tienen 6 dígitos: probablemente se perdió un cero a la izquierda");
        } else if !all_digits || !digits.contains(&text.len()) {
            let expected = if digits.start() == digits.end() {
                format!("{} dígitos", digits.start())
            } else {
                "6 dígitos".to_string()
            };
            self.error(
                "E5",
                value.span(),
                format!("{what} `{text}` no es válido"),
                format!("debe tener {expected}, sin espacios ni guiones; verifíquelo en ESCALE"),
            );
        }
    }

    // ---- E4, W1, W2: approval ------------------------------------------------------------

    fn approval(&mut self, plan: &Plan, _: &Context) {
        let approved = plan
            .estado
            .as_ref()
            .is_some_and(|e| e.get_ref() == "aprobado");
        let aprobacion = plan.aprobacion.as_ref().map(Spanned::get_ref);
        if approved {
            let estado_span = plan.estado.as_ref().map_or(0..0, Spanned::span);
            if aprobacion.and_then(|a| a.numero.as_ref()).is_none() {
                self.error("E4", estado_span.clone(), "el plan está `aprobado` pero falta `aprobacion.numero`".into(), "agregue en `[aprobacion]` el número de la resolución, p. ej. `numero = \"RD N° 012-2024-…\"`, o cambie el estado a `en_revision`");
            }
            if aprobacion.and_then(|a| a.fecha.as_ref()).is_none() {
                self.error("E4", estado_span, "el plan está `aprobado` pero falta `aprobacion.fecha`".into(), "agregue en `[aprobacion]` la fecha de la resolución, p. ej. `fecha = 2024-03-15`");
            }
        }
        let (Some(fecha), Some(year)) =
            (aprobacion.and_then(|a| a.fecha.as_ref()), plan_year(plan))
        else {
            return;
        };
        let date = *fecha.get_ref();
        let window = (
            Fecha {
                anio: year - 1,
                mes: 12,
                dia: 1,
            },
            Fecha {
                anio: year,
                mes: 12,
                dia: 31,
            },
        );
        if date < window.0 || date > window.1 {
            self.warning("W1", fecha.span(), format!("la resolución de aprobación ({date}) no es del año del plan"), format!("para un plan de {year} se espera una fecha entre el 1 de diciembre de {} y el 31 de diciembre de {year}", year - 1));
        }
        // Only when certainly after: a visit in "abr" may come after an RD of 15 April.
        if let Some(first) = plan
            .visitas
            .iter()
            .filter_map(|v| visit_when(plan, v.get_ref()))
            .filter(|when| when.last < date)
            .min_by_key(|when| when.first)
        {
            self.warning("W2", fecha.span(), format!("la resolución ({date}) es posterior a la primera visita ({})", first.label()), "las visitas se planifican con el plan ya aprobado: revise la fecha de la resolución o de la visita");
        }
    }

    // ---- W11: empty texts ------------------------------------------------------------------------

    fn texts(&mut self, plan: &Plan) {
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
                    "W11",
                    text.span(),
                    format!("`textos.{name}` está vacío"),
                    "escriba el texto o quite la línea",
                );
            }
        }
    }
}

/// A plan of Peru, or one that does not say: DRE and UGEL are Peru's instances.
fn is_peru(plan: &Plan) -> bool {
    plan.pais.as_ref().is_none_or(|p| p.get_ref() == "PE")
}
