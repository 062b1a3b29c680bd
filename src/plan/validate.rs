//! The validation rules of `pmap/1` (docs/plan-rules.md): E = error, W = warning.
//! Messages are in Spanish, for the school directors who write the plans, and every one
//! starts with its rule code so it can be looked up.
//!
//! The privacy rules (P1–P5) live in `privacy`; they scan the raw text, not this model.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::model::{Fecha, Plan, Visita};
use super::vocab;
use crate::diag::{Diagnostic, Diagnostics, Location, suggest};
use crate::load::toml_input::Source;

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
        let (Some(fecha), Some(anio)) = (aprobacion.and_then(|a| a.fecha.as_ref()), &plan.anio)
        else {
            return;
        };
        let year = *anio.get_ref() as i32;
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

    // ---- E6, E13, W6: identifiers and references -------------------------------------------

    fn people(&mut self, plan: &Plan, context: &Context) {
        let mut people: HashMap<&str, Range<usize>> = HashMap::new();
        let ids = plan
            .equipo
            .iter()
            .filter_map(|m| m.get_ref().id.as_ref())
            .chain(plan.docentes.iter().filter_map(|d| d.get_ref().id.as_ref()));
        for id in ids {
            if people.insert(id.get_ref(), id.span()).is_some() {
                self.error("E6", id.span(), format!("el id `{}` se repite", id.get_ref()), "cada integrante del equipo y cada docente necesita un id distinto (`dir`, `d01`, `d02`…)");
            }
        }
        for member in &plan.equipo {
            let m = member.get_ref();
            if m.id.is_none() {
                self.error(
                    "E6",
                    member.span(),
                    "un integrante del `[[equipo]]` no tiene `id`".into(),
                    "agregue un id corto, p. ej. `id = \"dir\"`; las visitas y firmas lo usan",
                );
            }
        }
        let teachers: HashSet<&str> = plan
            .docentes
            .iter()
            .filter_map(|d| d.get_ref().id.as_ref())
            .map(|i| i.get_ref().as_str())
            .collect();
        for docente in &plan.docentes {
            let d = docente.get_ref();
            if d.id.is_none() {
                self.error(
                    "E6",
                    docente.span(),
                    "un `[[docentes]]` no tiene `id`".into(),
                    "agregue un id, p. ej. `id = \"d01\"`",
                );
            }
            if let Some(n) = &d.nivel_educativo {
                self.one_of(n, "`nivel_educativo`", vocab::NIVELES);
            }
        }
        let known: Vec<&str> = people.keys().copied().collect();
        let reference = |check: &mut Self, r: &Spanned<String>, what: &str| {
            if !people.contains_key(r.get_ref().as_str()) {
                let help = match suggest(r.get_ref(), known.iter().copied()) {
                    Some(right) => format!(
                        "¿quiso decir `{right}`? Use el id de alguien de `[[equipo]]` o `[[docentes]]`"
                    ),
                    None => "use el id de alguien de `[[equipo]]` o `[[docentes]]`".to_string(),
                };
                check.error(
                    "E6",
                    r.span(),
                    format!("{what} `{}` no existe", r.get_ref()),
                    help,
                );
            }
        };
        for visita in &plan.visitas {
            let v = visita.get_ref();
            if let Some(r) = &v.responsable {
                reference(self, r, "el responsable");
            }
            if let Some(docente) = &v.docente
                && !teachers.contains(docente.get_ref().as_str())
            {
                let help = match suggest(docente.get_ref(), teachers.iter().copied()) {
                    Some(right) => format!(
                        "¿quiso decir `{right}`? Agregue a la o el docente en `[[docentes]]` o corrija el id"
                    ),
                    None => {
                        "agregue a la o el docente en `[[docentes]]` o corrija el id".to_string()
                    }
                };
                self.error(
                    "E13",
                    docente.span(),
                    format!(
                        "la visita es a `{}`, que no está en `[[docentes]]`",
                        docente.get_ref()
                    ),
                    help,
                );
            }
        }
        for actividad in &plan.actividades {
            for r in &actividad.get_ref().responsables {
                reference(self, r, "el responsable");
            }
        }
        for firma in &plan.firmas {
            if let Some(r) = &firma.get_ref().referencia {
                reference(self, r, "quien firma");
            }
        }
        for estrategia in &plan.estrategias {
            let e = estrategia.get_ref();
            if let Some(tipo) = &e.tipo {
                self.one_of(tipo, "el tipo de estrategia", vocab::ESTRATEGIAS);
            }
            if let Some(m) = &e.modalidad {
                self.one_of(
                    m,
                    "la modalidad de la estrategia",
                    vocab::MODALIDADES_ESTRATEGIA,
                );
            }
            if let Some(guia) = &e.guia {
                let text = guia.get_ref();
                match text.strip_prefix("@/") {
                    Some(target) if (context.page_exists)(target) => {}
                    None if (context.page_exists)(text.trim_start_matches('/')) => {
                        self.error("E6", guia.span(), format!("la guía `{text}` no empieza con `@/`"), format!("las páginas del portal se enlazan con `@/` y su ruta dentro de content/: escriba `guia = \"@/{}\"`", text.trim_start_matches('/')));
                    }
                    _ => self.error("E6", guia.span(), format!("la guía `{text}` no existe"), "escriba la ruta de una página del portal dentro de content/, p. ej. `guia = \"@/estrategias/visita-en-aula.md\"`"),
                }
            }
        }
        let mut annexes: HashSet<&str> = HashSet::new();
        for anexo in &plan.anexos {
            let a = anexo.get_ref();
            if let Some(id) = &a.id
                && !annexes.insert(id.get_ref())
            {
                self.error(
                    "E6",
                    id.span(),
                    format!("el anexo `{}` se repite", id.get_ref()),
                    "cada anexo necesita una letra o id distinto",
                );
            }
            if let Some(tipo) = &a.tipo {
                self.one_of(tipo, "el tipo de anexo", vocab::ANEXOS);
            }
        }
        for instrumento in &plan.instrumentos {
            let i = instrumento.get_ref();
            if let Some(tipo) = &i.tipo {
                self.one_of(tipo, "el tipo de instrumento", vocab::INSTRUMENTOS);
            }
            if let Some(anexo) = &i.anexo
                && !annexes.contains(anexo.get_ref().as_str())
            {
                self.error(
                    "E6",
                    anexo.span(),
                    format!("el anexo `{}` no existe", anexo.get_ref()),
                    "agregue ese anexo en `[[anexos]]` o corrija la letra",
                );
            }
        }
        let visited: HashSet<&str> = plan
            .visitas
            .iter()
            .filter_map(|v| v.get_ref().docente.as_ref())
            .map(|d| d.get_ref().as_str())
            .collect();
        for docente in &plan.docentes {
            if let Some(id) = &docente.get_ref().id
                && !visited.contains(id.get_ref().as_str())
            {
                self.warning("W6", id.span(), format!("la o el docente `{}` no tiene ninguna visita programada", id.get_ref()), "agregue sus `[[visitas]]`: los planes se comprometen a acompañar a todas y todos los docentes");
            }
        }
    }

    // ---- E7: period ----------------------------------------------------------------------------

    fn period(&mut self, plan: &Plan) {
        let (Some(periodo), Some(anio)) = (&plan.periodo, &plan.anio) else {
            return;
        };
        let year = *anio.get_ref() as i32;
        let p = periodo.get_ref();
        let (Some(inicio), Some(fin)) = (&p.inicio, &p.fin) else {
            self.error(
                "E7",
                periodo.span(),
                "`[periodo]` necesita `inicio` y `fin`".into(),
                "p. ej. `inicio = 2024-03-01` y `fin = 2024-12-20`",
            );
            return;
        };
        let (start, end) = (*inicio.get_ref(), *fin.get_ref());
        if start >= end {
            self.error(
                "E7",
                fin.span(),
                format!("el periodo termina ({end}) antes de empezar ({start})"),
                "revise `inicio` y `fin` de `[periodo]`",
            );
        } else if year_stays_in_calendar(plan) {
            for (date, span) in [(start, inicio.span()), (end, fin.span())] {
                if date.anio != year {
                    self.error(
                        "E7",
                        span,
                        format!("la fecha {date} no es del año del plan ({year})"),
                        "en el Perú y Chile el año escolar cae dentro del año calendario",
                    );
                }
            }
        } else if end.days() - start.days() > 397 {
            self.error(
                "E7",
                fin.span(),
                "el periodo dura más de 13 meses".into(),
                "un plan cubre un solo año escolar",
            );
        }
        for semana in &p.semanas_gestion {
            let s = semana.get_ref();
            if s.inicio.get_ref() > s.fin.get_ref() {
                self.error(
                    "E7",
                    semana.span(),
                    "una semana de gestión termina antes de empezar".into(),
                    "revise su `inicio` y `fin`",
                );
            }
        }
    }

    // ---- E8–E12, W3–W5: visits ---------------------------------------------------------------

    fn visits(&mut self, plan: &Plan) {
        let year = plan.anio.as_ref().map_or(0, |a| *a.get_ref() as i32);
        let months = active_months(plan);
        let mut by_teacher: BTreeMap<&str, Vec<&Spanned<Visita>>> = BTreeMap::new();
        let mut days: HashMap<(&str, Fecha), ()> = HashMap::new();
        for visita in &plan.visitas {
            let v = visita.get_ref();
            let who = v.docente.as_ref().map_or("", |d| d.get_ref().as_str());
            match (&v.fecha, &v.mes) {
                (Some(_), Some(mes)) => self.error(
                    "E11",
                    mes.span(),
                    "la visita tiene `fecha` y `mes` a la vez".into(),
                    "deje solo `fecha` (si ya se conoce el día) o solo `mes`",
                ),
                (None, None) => self.error(
                    "E11",
                    visita.span(),
                    format!(
                        "la visita n={} de `{who}` no tiene `fecha` ni `mes`",
                        v.n.as_ref().map_or(0, |n| *n.get_ref())
                    ),
                    "agregue `fecha = 2024-04-09` o `mes = \"abr\"`",
                ),
                _ => {}
            }
            if let Some(mes) = &v.mes
                && let Some(month) = self.month(mes)
            {
                self.month_in_period(mes, month, &months);
                self.phase_matches(plan, v, month);
            }
            if let Some(fecha) = &v.fecha {
                let date = *fecha.get_ref();
                self.date_in_period(plan, fecha, year);
                if date.weekday() >= 6 {
                    self.warning(
                        "W4",
                        fecha.span(),
                        format!(
                            "la visita n={} de `{who}` cae en {} ({date})",
                            v.n.as_ref().map_or(0, |n| *n.get_ref()),
                            if date.weekday() == 6 {
                                "sábado"
                            } else {
                                "domingo"
                            }
                        ),
                        "programe la visita en un día de clases",
                    );
                } else if let Some(semana) = plan.periodo.as_ref().and_then(|p| {
                    p.get_ref().semanas_gestion.iter().find(|s| {
                        *s.get_ref().inicio.get_ref() <= date && date <= *s.get_ref().fin.get_ref()
                    })
                }) {
                    let s = semana.get_ref();
                    self.warning("W4", fecha.span(), format!("la visita n={} de `{who}` ({date}) cae en semana de gestión ({} a {}); los estudiantes no asisten", v.n.as_ref().map_or(0, |n| *n.get_ref()), s.inicio.get_ref(), s.fin.get_ref()), "no se puede observar una clase sin estudiantes: elija otra fecha");
                }
                self.phase_matches(plan, v, date.mes);
                if days.insert((who, date), ()).is_some() {
                    self.warning(
                        "W5",
                        fecha.span(),
                        format!("`{who}` tiene dos visitas el mismo día ({date})"),
                        "separe las visitas para que haya tiempo de aplicar los compromisos",
                    );
                }
            }
            if let Some(fase) = &v.fase {
                self.one_of(fase, "la fase de la visita", vocab::FASES);
            }
            for instrumento in &v.instrumentos {
                self.one_of(instrumento, "un instrumento", vocab::INSTRUMENTOS);
            }
            by_teacher.entry(who).or_default().push(visita);
        }
        for (who, visits) in by_teacher {
            self.visit_numbers(plan, who, &visits);
        }
    }

    /// E12: visit numbers per teacher are 1..k, once each, in time order.
    fn visit_numbers(&mut self, plan: &Plan, who: &str, visits: &[&Spanned<Visita>]) {
        let mut numbered: Vec<(i64, Option<When>, Range<usize>)> = Vec::new();
        for visita in visits {
            let v = visita.get_ref();
            match &v.n {
                Some(n) => numbered.push((*n.get_ref(), visit_when(plan, v), n.span())),
                None => self.error(
                    "E12",
                    visita.span(),
                    format!("una visita de `{who}` no tiene número `n`"),
                    "numere las visitas de cada docente: `n = 1`, `n = 2`…",
                ),
            }
        }
        numbered.sort_by_key(|(n, _, _)| *n);
        for (index, (n, _, span)) in numbered.iter().enumerate() {
            let expected = index as i64 + 1;
            if *n != expected {
                let problem = if index > 0 && numbered[index - 1].0 == *n {
                    format!("la visita n={n} de `{who}` se repite")
                } else if index == 0 {
                    format!("las visitas de `{who}` empiezan en n={n}, no en n=1")
                } else {
                    format!(
                        "las visitas de `{who}` saltan del número {} al {n}",
                        expected - 1
                    )
                };
                self.error(
                    "E12",
                    span.clone(),
                    problem,
                    "numere las visitas de cada docente 1, 2, 3… sin repetir ni saltar",
                );
                return;
            }
        }
        // A visit given by month is some day of that month: out of order only when certain.
        for pair in numbered.windows(2) {
            if let ((a, Some(wa), _), (b, Some(wb), span)) = (&pair[0], &pair[1])
                && wb.last < wa.first
            {
                self.error(
                    "E12",
                    span.clone(),
                    format!(
                        "la visita n={b} de `{who}` ({}) es anterior a la n={a} ({})",
                        wb.label(),
                        wa.label()
                    ),
                    "el número de visita debe seguir el orden del calendario",
                );
            }
        }
    }

    /// E8: a month token; returns its number.
    fn month(&mut self, mes: &Spanned<String>) -> Option<u8> {
        let month = vocab::month_number(mes.get_ref());
        if month.is_none() {
            let help = match suggest(&mes.get_ref().to_lowercase(), vocab::MONTHS.iter().copied()) {
                Some(right) => format!(
                    "¿quiso decir `{right}`? Los meses se escriben con tres letras: {}",
                    vocab::MONTHS.join(" ")
                ),
                None => format!(
                    "los meses se escriben con tres letras: {}",
                    vocab::MONTHS.join(" ")
                ),
            };
            self.error(
                "E8",
                mes.span(),
                format!("`{}` no es un mes", mes.get_ref()),
                help,
            );
        }
        month
    }

    /// W3: a month outside the school period (default March–December for Peru and Chile).
    fn month_in_period(&mut self, mes: &Spanned<String>, month: u8, months: &[u8]) {
        if !months.contains(&month) {
            self.warning(
                "W3",
                mes.span(),
                format!("el mes `{}` está fuera del periodo del plan", mes.get_ref()),
                "revise el mes o amplíe `[periodo]` si el plan empieza antes",
            );
        }
    }

    /// E10: a dated visit falls inside the period (or at least the plan's year).
    fn date_in_period(&mut self, plan: &Plan, fecha: &Spanned<Fecha>, year: i32) {
        let date = *fecha.get_ref();
        // An inverted period is already an E7; measuring visits against it is only noise.
        let (start, end) = period(plan).filter(|(s, e)| s < e).unwrap_or((
            Fecha {
                anio: year,
                mes: 1,
                dia: 1,
            },
            Fecha {
                anio: year,
                mes: 12,
                dia: 31,
            },
        ));
        if date < start || date > end {
            self.error(
                "E10",
                fecha.span(),
                format!("la visita del {date} está fuera del periodo del plan ({start} a {end})"),
                "corrija la fecha de la visita o el `[periodo]`",
            );
        }
    }

    /// W5: the phase agrees with the month, with a month of slack on each side of the
    /// usual windows (diagnóstico mar–abr, proceso may–set, salida oct–nov). Those are the
    /// months of a school year that starts in March; when `[periodo]` crosses into the next
    /// calendar year (not Peru or Chile), months count from the period's first month instead.
    fn phase_matches(&mut self, plan: &Plan, visita: &Visita, month: u8) {
        let Some(fase) = &visita.fase else { return };
        // Usual months, as offsets from March, the first month of a Peruvian school year.
        let (window, usual) = match fase.get_ref().as_str() {
            "diagnostico" => (-1..=2, (0, 1)),
            "proceso" => (1..=7, (2, 6)),
            "salida" => (6..=9, (7, 8)),
            _ => return,
        };
        let first_month = match period(plan) {
            Some((start, end)) if !year_stays_in_calendar(plan) && start < end => start.mes,
            _ => 3,
        };
        let offset = |m: u8| {
            let d = (i32::from(m) - i32::from(first_month)).rem_euclid(12);
            // February, just before a March start, is the month before, not the 12th after.
            if d == 11 { -1 } else { d }
        };
        let name = |offset: i32| {
            let index = (i32::from(first_month) - 1 + offset).rem_euclid(12) as usize;
            vocab::MONTH_NAMES[index]
        };
        if !window.contains(&offset(month)) {
            self.warning(
                "W5",
                fase.span(),
                format!(
                    "una visita de fase `{}` en {}",
                    fase.get_ref(),
                    vocab::MONTH_NAMES[usize::from(month) - 1]
                ),
                format!(
                    "esa fase suele ir entre {} y {}: revise la fase o el mes",
                    name(usual.0),
                    name(usual.1)
                ),
            );
        }
    }

    // ---- E8, E9, W3, W7: activities --------------------------------------------------------

    fn activities(&mut self, plan: &Plan) {
        let months = active_months(plan);
        for actividad in &plan.actividades {
            let a = actividad.get_ref();
            let name = a
                .nombre
                .as_ref()
                .map_or("(sin nombre)", |n| n.get_ref().as_str());
            for mes in &a.meses {
                if let Some(month) = self.month(mes) {
                    self.month_in_period(mes, month, &months);
                }
            }
            let (missing, add) = match (a.responsables.is_empty(), a.meses.is_empty()) {
                (true, true) => (
                    "responsables ni meses",
                    "`responsables = […]` y `meses = […]`",
                ),
                (true, false) => ("responsables", "`responsables = […]`"),
                (false, true) => ("meses", "`meses = […]`"),
                (false, false) => continue,
            };
            self.warning(
                "W7",
                actividad.span(),
                format!("la actividad «{name}» no tiene {missing}"),
                format!("agregue {add} para que el cronograma muestre quién y cuándo"),
            );
        }
    }

    // ---- E14, E15, W8: numbers -----------------------------------------------------------------

    fn numbers(&mut self, plan: &Plan) {
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
                        "E14",
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
                    "W8",
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
                        "E15",
                        value.span(),
                        format!("`{name}` incluye {}, fuera de 1 a {max}", value.get_ref()),
                        why.to_string(),
                    );
                }
            }
        }
    }

    // ---- E17, W9: legal bases ----------------------------------------------------------------

    fn norms(&mut self, plan: &Plan, context: &Context) {
        let mut seen: HashSet<(String, String, i64)> = HashSet::new();
        for norma in &plan.bases_legales {
            let n = norma.get_ref();
            let Some(tipo) = &n.tipo else {
                self.error(
                    "E17",
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
                self.error("E17", numero.span(), format!("el número de norma `{}` debe tener solo dígitos", numero.get_ref()), "escriba solo el número (se admiten ceros a la izquierda); el año y el emisor van en `anio` y `emisor`");
            }
            if n.numero.is_none() && tipo.get_ref() != "otro" {
                self.error(
                    "E17",
                    tipo.span(),
                    format!("la norma de tipo `{}` no tiene `numero`", tipo.get_ref()),
                    "agregue su número, p. ej. `numero = \"587\"`",
                );
            }
            if let Some(anio) = &n.anio
                && !(1900..=i64::from(context.current_year)).contains(anio.get_ref())
            {
                self.error(
                    "E17",
                    anio.span(),
                    format!("el año de la norma ({}) no es válido", anio.get_ref()),
                    format!("debe estar entre 1900 y {}", context.current_year),
                );
            }
            if matches!(tipo.get_ref().as_str(), "DS" | "RM" | "RVM" | "RSG") && n.emisor.is_none()
            {
                self.error("E17", tipo.span(), format!("una norma `{}` necesita `emisor`", tipo.get_ref()), "agregue el sector que la emite, p. ej. `emisor = \"MINEDU\"` o `emisor = \"ED\"`");
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
                    "W9",
                    norma.span(),
                    format!("la base legal {cited} está repetida"),
                    "quite la norma duplicada de `[[bases_legales]]`",
                );
            }
        }
    }

    // ---- E18: budget ---------------------------------------------------------------------------

    fn budget(&mut self, plan: &Plan) {
        let Some(p) = &plan.presupuesto else { return };
        if let Some(moneda) = &p.moneda
            && !vocab::CURRENCIES.contains(&moneda.get_ref().as_str())
        {
            self.error(
                "E18",
                moneda.span(),
                format!("`{}` no es un código de moneda ISO 4217", moneda.get_ref()),
                "use el código de tres letras, p. ej. `moneda = \"PEN\"` (soles) o `\"USD\"`",
            );
        }
        for item in &p.items {
            let i = item.get_ref();
            for (name, value) in [
                ("cantidad", &i.cantidad),
                ("costo_unitario", &i.costo_unitario),
            ] {
                if let Some(value) = value
                    && (*value.get_ref() < 0.0 || !value.get_ref().is_finite())
                {
                    self.error(
                        "E18",
                        value.span(),
                        format!("`{name}` no puede ser negativo"),
                        "los montos y cantidades del presupuesto son 0 o más",
                    );
                }
            }
        }
    }

    // ---- E19, W10: links -------------------------------------------------------------------------

    fn urls(&mut self, plan: &Plan) {
        let mut urls: Vec<(&Spanned<String>, String)> = Vec::new();
        for n in &plan.bases_legales {
            let n = n.get_ref();
            if let Some(url) = &n.url {
                urls.push((
                    url,
                    format!(
                        "{} {}",
                        n.emisor.as_ref().map_or("", |e| e.get_ref()),
                        n.titulo.as_ref().map_or("", |t| t.get_ref())
                    ),
                ));
            }
        }
        for r in &plan.bibliografia {
            if let Some(url) = &r.url {
                urls.push((
                    url,
                    format!(
                        "{} {}",
                        r.autor.as_ref().map_or("", |a| a.get_ref()),
                        r.titulo.get_ref()
                    ),
                ));
            }
        }
        for a in &plan.anexos {
            let a = a.get_ref();
            if let Some(url) = &a.url {
                urls.push((
                    url,
                    a.titulo
                        .as_ref()
                        .map_or(String::new(), |t| t.get_ref().clone()),
                ));
            }
        }
        if let Some(web) = plan
            .institucion
            .as_ref()
            .and_then(|i| i.get_ref().contacto.as_ref())
            .and_then(|c| c.web.as_ref())
        {
            urls.push((web, String::new()));
        }
        for (url, described) in urls {
            let Some(host) = url_host(url.get_ref()) else {
                let fixed = format!("https://{}", url.get_ref().trim());
                let help = if url_host(&fixed).is_some() && !url.get_ref().contains("://") {
                    format!("las direcciones empiezan con https:// (o http://): `{fixed}`")
                } else {
                    "las direcciones empiezan con https:// (o http://)".to_string()
                };
                self.error(
                    "E19",
                    url.span(),
                    format!("`{}` no es una dirección web", url.get_ref()),
                    help,
                );
                continue;
            };
            if let Some(expected) = vocab::expected_hosts(&described)
                && !expected
                    .iter()
                    .any(|e| host == *e || host.ends_with(&format!(".{e}")))
            {
                self.warning(
                    "W10",
                    url.span(),
                    format!("el enlace lleva a `{host}`, que no corresponde a la fuente citada"),
                    format!(
                        "la fuente parece ser de {}: verifique el enlace",
                        expected.join(" o ")
                    ),
                );
            }
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

/// Peru and Chile (and plans that say nothing) run the school year inside the calendar year.
fn is_peru(plan: &Plan) -> bool {
    plan.pais.as_ref().is_none_or(|p| p.get_ref() == "PE")
}

fn year_stays_in_calendar(plan: &Plan) -> bool {
    plan.pais
        .as_ref()
        .is_none_or(|p| matches!(p.get_ref().as_str(), "PE" | "CL"))
}

/// The months the school period covers: from `[periodo]`, else March–December.
pub fn active_months(plan: &Plan) -> Vec<u8> {
    let period = plan.periodo.as_ref().and_then(|p| {
        Some((
            *p.get_ref().inicio.as_ref()?.get_ref(),
            *p.get_ref().fin.as_ref()?.get_ref(),
        ))
    });
    match period {
        Some((start, end)) if start <= end => {
            let mut months = Vec::new();
            let (mut y, mut m) = (start.anio, start.mes);
            while (y, m) <= (end.anio, end.mes) && months.len() < 13 {
                months.push(m);
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
            months
        }
        _ => (3..=12).collect(),
    }
}

/// `[periodo]`'s start and end, when both are given.
fn period(plan: &Plan) -> Option<(Fecha, Fecha)> {
    let p = plan.periodo.as_ref()?.get_ref();
    Some((*p.inicio.as_ref()?.get_ref(), *p.fin.as_ref()?.get_ref()))
}

/// When a visit happens: on one day (`fecha`), or some day of a month (`mes`).
#[derive(Debug, Clone, Copy)]
pub struct When {
    pub first: Fecha,
    pub last: Fecha,
    pub by_month: bool,
}

impl When {
    /// The date, or the month's name for a visit given by month.
    pub fn label(&self) -> String {
        if self.by_month {
            vocab::MONTH_NAMES[usize::from(self.first.mes) - 1].to_string()
        } else {
            self.first.to_string()
        }
    }
}

/// The year a month token falls in. Month tokens carry no year: for a school year inside
/// the calendar year (Peru, Chile) it is `anio`; for a `[periodo]` that crosses into the next
/// year (Colombia calendario B, Ecuador Sierra), months before the start month are next year's.
pub fn month_year(plan: &Plan, month: u8) -> Option<i32> {
    let year = *plan.anio.as_ref()?.get_ref() as i32;
    Some(match period(plan) {
        Some((start, end))
            if !year_stays_in_calendar(plan) && start < end && start.anio < end.anio =>
        {
            if month >= start.mes {
                start.anio
            } else {
                end.anio
            }
        }
        _ => year,
    })
}

/// When a visit happens, if it says (and its month is a valid token).
pub fn visit_when(plan: &Plan, visita: &Visita) -> Option<When> {
    if let Some(fecha) = &visita.fecha {
        let day = *fecha.get_ref();
        return Some(When {
            first: day,
            last: day,
            by_month: false,
        });
    }
    let month = vocab::month_number(visita.mes.as_ref()?.get_ref())?;
    let year = month_year(plan, month)?;
    let first = Fecha::new(year, month, 1)?;
    let last = (28..=31)
        .rev()
        .find_map(|day| Fecha::new(year, month, day))?;
    Some(When {
        first,
        last,
        by_month: true,
    })
}

fn url_host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    (!host.is_empty() && host.contains('.')).then_some(host)
}
