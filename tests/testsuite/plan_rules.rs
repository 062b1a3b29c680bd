//! One test per rule of the plan format `pmap/1` (docs/plan-rules.md). Each test starts from
//! the valid plan in `tests/fixtures/plans`, which checks without errors or warnings, changes
//! as little as the rule needs, runs `senda check`, and pins the diagnostic: its code and
//! message, its `-->` location and its help line.

use std::fs;

use crate::util::{Run, TestSite};

pub(crate) const PLAN: &str = "content/planes/ie-prueba-2024.toml";
const PRIVATE: &str = "content/planes/ie-prueba-2024.privado.toml";

pub(crate) fn site() -> TestSite {
    TestSite::fixture("plans")
}

/// Rewrites the fixture's plan with each `(old, new)` replaced. Each `old` must occur
/// exactly once, so a test cannot silently change nothing (or the wrong line).
pub(crate) fn edit_plan(site: &TestSite, changes: &[(&str, &str)]) {
    let mut text = fs::read_to_string(site.path(PLAN)).expect("read the fixture plan");
    for (old, new) in changes {
        assert_eq!(
            text.matches(old).count(),
            1,
            "`{old}` must occur exactly once in the fixture plan"
        );
        text = text.replace(old, new);
    }
    site.write(PLAN, text);
}

/// `senda check` on the fixture with the plan changed.
pub(crate) fn check(changes: &[(&str, &str)]) -> Run {
    let site = site();
    edit_plan(&site, changes);
    site.senda(&["check"])
}

/// `path:line:column`, as printed after `-->`.
pub(crate) fn at(path: &str, line_column: &str) -> String {
    format!("{path}:{line_column}")
}

/// Every diagnostic's first line (`error[E5]: …`, `warning[W3]: …`), in order.
pub(crate) fn headers(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error") || l.starts_with("warning"))
        .collect()
}

/// The printed diagnostic whose first line is exactly `header`: checks that its location
/// line is exactly `--> {location}` (none when `location` is empty) and that its last line
/// is exactly `= help: {help}`.
#[track_caller]
pub(crate) fn assert_diagnostic(stderr: &str, header: &str, location: &str, help: &str) {
    let block = stderr
        .split("\n\n")
        .map(|b| b.trim_start_matches('\n'))
        .find(|b| b.lines().next() == Some(header))
        .unwrap_or_else(|| panic!("expected a diagnostic `{header}`; stderr was:\n{stderr}"));
    let lines: Vec<&str> = block.lines().map(str::trim_start).collect();
    if location.is_empty() {
        assert!(
            !lines.iter().any(|l| l.starts_with("-->")),
            "expected no location in:\n{block}"
        );
    } else {
        assert_eq!(lines[1], format!("--> {location}"), "in:\n{block}");
    }
    assert_eq!(
        lines.last().copied(),
        Some(format!("= help: {help}").as_str()),
        "in:\n{block}"
    );
}

/// The check failed (exit code 1) with this error among its diagnostics.
#[track_caller]
pub(crate) fn assert_error(run: &Run, header: &str, location: &str, help: &str) {
    assert_eq!(run.code, 1, "expected exit code 1; stderr:\n{}", run.stderr);
    assert_diagnostic(&run.stderr, header, location, help);
}

/// The check failed with this error and nothing else.
#[track_caller]
pub(crate) fn assert_only_error(run: &Run, header: &str, location: &str, help: &str) {
    assert_error(run, header, location, help);
    assert_eq!(headers(&run.stderr), [header], "stderr:\n{}", run.stderr);
}

/// The check passed (exit code 0) and printed this warning and nothing else.
#[track_caller]
pub(crate) fn assert_warning(run: &Run, header: &str, location: &str, help: &str) {
    assert_eq!(run.code, 0, "expected exit code 0; stderr:\n{}", run.stderr);
    assert_diagnostic(&run.stderr, header, location, help);
    assert_eq!(headers(&run.stderr), [header], "stderr:\n{}", run.stderr);
}

/// The check passed with no diagnostic at all.
#[track_caller]
pub(crate) fn assert_clean(run: &Run) {
    assert_eq!(run.code, 0, "expected exit code 0; stderr:\n{}", run.stderr);
    assert!(
        headers(&run.stderr).is_empty(),
        "expected no diagnostics; stderr:\n{}",
        run.stderr
    );
}

// ---- The fixture ---------------------------------------------------------------------------

#[test]
fn the_fixture_plan_is_valid_without_warnings() {
    let site = site();
    let run = site.senda(&["check"]);
    assert_clean(&run);
    assert!(run.stdout.contains("1 plan"), "stdout: {}", run.stdout);
    assert_clean(&site.senda(&["check", "--strict"]));
}

// ---- E0: the shape of the file ----------------------------------------------------------------

#[test]
fn e0_unknown_key_suggests_the_right_one() {
    let run = check(&[("fundamentacion =", "fundamentacon =")]);
    assert_only_error(
        &run,
        "error[E0]: clave desconocida `fundamentacon`",
        &at(PLAN, "73:1"),
        "¿quiso decir `fundamentacion`?",
    );
}

#[test]
fn e0_unknown_enumeration_value_suggests_the_right_one() {
    let run = check(&[("area = \"urbana\"", "area = \"urbano\"")]);
    assert_only_error(
        &run,
        "error[E0]: `urbano` no es un valor válido para `institucion.area`",
        &at(PLAN, "45:8"),
        "¿quiso decir `urbana`? Valores admitidos: `urbana`, `rural`, u `otro` con `detalle`",
    );
}

#[test]
fn e0_privacy_setting_value_suggests_the_right_one() {
    let run = check(&[(
        "nombres_docentes = \"iniciales\"",
        "nombres_docentes = \"inicial\"",
    )]);
    assert_only_error(
        &run,
        "error[E0]: `inicial` no es un valor válido para `nombres_docentes`",
        &at(PLAN, "120:20"),
        "¿quiso decir `iniciales`? Valores admitidos: use `iniciales`, `codigo` o `completo`",
    );
}

#[test]
fn e0_value_of_the_wrong_type_is_explained_in_spanish() {
    let run = check(&[
        ("folios = 12", "folios = \"12\""),
        ("opinion_conei = true", "opinion_conei = \"si\""),
    ]);
    let help = "revise el valor en esta posición; los textos van entre comillas y las fechas como 2024-04-09";
    assert_error(
        &run,
        "error[E0]: TOML inválido: se encontró un texto \"12\"; se esperaba un número entero",
        &at(PLAN, "30:10"),
        help,
    );
    assert_error(
        &run,
        "error[E0]: TOML inválido: se encontró un texto \"si\"; se esperaba true o false",
        &at(PLAN, "31:17"),
        help,
    );
}

#[test]
fn e0_toml_syntax_errors_are_explained_in_spanish() {
    // A visit block pasted without its `[[visitas]]` header repeats its keys.
    let run = check(&[("fecha = 2024-04-09\n", "fecha = 2024-04-09\nn = 2\n")]);
    assert_only_error(
        &run,
        "error[E0]: TOML inválido: la clave está repetida",
        &at(PLAN, "141:1"),
        "cada clave va una sola vez en su tabla: quite la repetida; si copió un bloque como `[[visitas]]`, copie también su encabezado",
    );
    let run = check(&[("lugar = \"Villa Ejemplo\"", "lugar = Villa Ejemplo")]);
    assert_only_error(
        &run,
        "error[E0]: TOML inválido: los textos van entre comillas",
        &at(PLAN, "12:9"),
        "revise el valor en esta posición; los textos van entre comillas y las fechas como 2024-04-09",
    );
}

// ---- E1, E2, E3: structure and identity ---------------------------------------------------------

#[test]
fn e1_id_must_match_the_file_name() {
    // The same year as `anio`, so W15 has nothing to say.
    let run = check(&[("id = \"ie-prueba-2024\"", "id = \"ie-otra-2024\"")]);
    assert_only_error(
        &run,
        "error[E1]: el id `ie-otra-2024` no coincide con el nombre del archivo `ie-prueba-2024.toml`",
        &at(PLAN, "5:6"),
        "cambie el id a `ie-prueba-2024` o renombre el archivo a `ie-otra-2024.toml`; así la dirección del plan es predecible",
    );
}

#[test]
fn e1_id_uses_only_lowercase_digits_and_hyphens() {
    let run = check(&[("id = \"ie-prueba-2024\"", "id = \"IE_Prueba_2024\"")]);
    assert_only_error(
        &run,
        "error[E1]: el id `IE_Prueba_2024` tiene caracteres no permitidos",
        &at(PLAN, "5:6"),
        "use solo minúsculas sin tildes, dígitos y guiones, p. ej. `ie70999-nueva-esperanza-2024`",
    );
}

#[test]
fn e1_required_keys_are_present() {
    let run = check(&[
        (
            "titulo = \"Plan de Monitoreo y Acompañamiento Pedagógico 2024\"\n",
            "",
        ),
        ("niveles = [\"primaria\"]\n", ""),
    ]);
    // A key missing from the whole file points at the file, not at its first line.
    assert_error(
        &run,
        "error[E1]: falta `titulo`",
        "content/planes/ie-prueba-2024.toml:1:1",
        "agregue p. ej. `titulo = \"Plan de Monitoreo y Acompañamiento Pedagógico 2024\"`",
    );
    assert!(!run.stderr.contains("# Plan de prueba"), "{}", run.stderr);
    assert_error(
        &run,
        "error[E1]: falta `institucion.niveles`",
        &at(PLAN, "34:1"),
        "agregue los niveles que atiende, p. ej. `niveles = [\"primaria\"]`",
    );
    assert_eq!(headers(&run.stderr).len(), 2, "{}", run.stderr);
}

#[test]
fn e2_peru_requires_the_dre() {
    let run = check(&[("dre = \"DRE Ejemplo\"\n", "")]);
    assert_only_error(
        &run,
        "error[E2]: falta `institucion.dre`",
        &at(PLAN, "35:1"),
        "en el Perú todo plan indica su DRE o GRE, p. ej. `dre = \"DRE Puno\"`",
    );
    // Outside Peru there are no DRE or UGEL.
    assert_clean(&check(&[
        ("pais = \"PE\"", "pais = \"CL\""),
        ("dre = \"DRE Ejemplo\"\n", ""),
        ("ugel = \"UGEL Ejemplo\"\n", ""),
    ]));
}

#[test]
fn e3_year_out_of_range() {
    let run = check(&[("anio = 2024", "anio = 1999")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let block = run
        .stderr
        .split("\n\n")
        .find(|b| b.starts_with("error[E3]: el año 1999 está fuera de rango\n"))
        .unwrap_or_else(|| panic!("no E3 in:\n{}", run.stderr));
    assert!(
        block.contains(&format!("--> {}", at(PLAN, "9:8"))),
        "{block}"
    );
    // The upper bound is next year, whatever year the test runs in.
    let help = block.lines().last().expect("help line").trim_start();
    let last_year: i32 = help
        .strip_prefix("= help: el año del plan debe estar entre 2000 y ")
        .unwrap_or_else(|| panic!("unexpected help: {help}"))
        .parse()
        .expect("a year");
    assert!((2026..2200).contains(&last_year), "{help}");
}

// ---- E4, W1, W2: approval ------------------------------------------------------------------------

#[test]
fn e4_approved_plan_needs_the_resolution_number() {
    let run = check(&[("numero = \"RD N° 001-2024-IE-PRUEBA\"\n", "")]);
    assert_only_error(
        &run,
        "error[E4]: el plan está `aprobado` pero falta `aprobacion.numero`",
        &at(PLAN, "14:10"),
        "agregue en `[aprobacion]` el número de la resolución, p. ej. `numero = \"RD N° 012-2024-…\"`, o cambie el estado a `en_revision`",
    );
    // A plan still under review has no resolution yet.
    assert_clean(&check(&[
        ("numero = \"RD N° 001-2024-IE-PRUEBA\"\n", ""),
        ("estado = \"aprobado\"", "estado = \"en_revision\""),
    ]));
}

#[test]
fn w1_resolution_from_another_year() {
    let run = check(&[("fecha = 2024-03-15", "fecha = 2023-11-20")]);
    assert_warning(
        &run,
        "warning[W1]: la resolución de aprobación (2023-11-20) no es del año del plan",
        &at(PLAN, "29:9"),
        "para un plan de 2024 se espera una fecha entre el 1 de diciembre de 2023 y el 31 de diciembre de 2024",
    );
}

#[test]
fn w2_resolution_after_the_first_visit() {
    let run = check(&[("fecha = 2024-03-15", "fecha = 2024-04-20")]);
    assert_warning(
        &run,
        "warning[W2]: la resolución (2024-04-20) es posterior a la primera visita (2024-04-09)",
        &at(PLAN, "29:9"),
        "las visitas se planifican con el plan ya aprobado: revise la fecha de la resolución o de la visita",
    );
}

// ---- E5, W12, W13: the institution -----------------------------------------------------------------

#[test]
fn e5_code_written_as_a_number() {
    let site = site();
    edit_plan(&site, &[("primaria = \"0123456\"", "primaria = 999999")]);
    site.senda(&["check"]).assert_failure(
        r#"error[E5]: el código modular de primaria está escrito como número (999999)
  --> content/planes/ie-prueba-2024.toml:56:34
   |
56 | codigos_modulares = { primaria = 999999 }
   |                                  ^^^^^^
   = help: escríbalo entre comillas, p. ej. `"0999999"`: como número pierde los ceros a la izquierda

senda check found 1 error
"#,
    );
    // The suggested code has the code's length: a local code has 6 digits.
    let run = check(&[("codigo_local = \"012345\"", "codigo_local = 12345")]);
    assert_only_error(
        &run,
        "error[E5]: el código de local está escrito como número (12345)",
        &at(PLAN, "55:16"),
        "escríbalo entre comillas, p. ej. `\"012345\"`: como número pierde los ceros a la izquierda",
    );
}

#[test]
fn e5_code_with_the_wrong_number_of_digits() {
    let run = check(&[("primaria = \"0123456\"", "primaria = \"012345\"")]);
    assert_only_error(
        &run,
        "error[E5]: el código modular de primaria `012345` no es válido",
        &at(PLAN, "56:34"),
        "debe tener 7 dígitos, sin espacios ni guiones; verifíquelo en ESCALE",
    );
}

#[test]
fn w12_local_code_with_five_digits() {
    let run = check(&[("codigo_local = \"012345\"", "codigo_local = \"12345\"")]);
    assert_warning(
        &run,
        "warning[W12]: el código de local `12345` tiene 5 dígitos",
        &at(PLAN, "55:16"),
        "los códigos de local tienen 6 dígitos: probablemente se perdió un cero a la izquierda",
    );
}

#[test]
fn w13_missing_ugel() {
    let run = check(&[("ugel = \"UGEL Ejemplo\"\n", "")]);
    assert_warning(
        &run,
        "warning[W13]: falta `institucion.ugel`",
        &at(PLAN, "35:1"),
        "agregue la UGEL, p. ej. `ugel = \"UGEL El Collao\"`; omítala solo si la DRE gestiona la IE directamente",
    );
}

// ---- E6, E13, W6: identifiers and references ---------------------------------------------------------

#[test]
fn e6_reference_to_nobody() {
    let run = check(&[("ref = \"dir\"", "ref = \"dr\"")]);
    assert_only_error(
        &run,
        "error[E6]: quien firma `dr` no existe",
        &at(PLAN, "225:7"),
        "¿quiso decir `dir`? Use el id de alguien de `[[equipo]]` o `[[docentes]]`",
    );
}

#[test]
fn e6_duplicate_ids_share_one_namespace() {
    // A teacher and a team member may not share an id: visits name either.
    let run = check(&[("id = \"sub\"", "id = \"d01\"")]);
    assert_error(
        &run,
        "error[E6]: el id `d01` se repite",
        &at(PLAN, "123:6"),
        "cada integrante del equipo y cada docente necesita un id distinto (`dir`, `d01`, `d02`…)",
    );
}

#[test]
fn e6_guide_page_must_exist() {
    let run = check(&[(
        "guia = \"@/estrategias/visita-en-aula.md\"",
        "guia = \"@/estrategias/visita.md\"",
    )]);
    assert_only_error(
        &run,
        "error[E6]: la guía `@/estrategias/visita.md` no existe",
        &at(PLAN, "103:8"),
        "escriba la ruta de una página del portal dentro de content/, p. ej. `guia = \"@/estrategias/visita-en-aula.md\"`",
    );
    let run = check(&[(
        "guia = \"@/estrategias/visita-en-aula.md\"",
        "guia = \"estrategias/visita-en-aula.md\"",
    )]);
    assert_only_error(
        &run,
        "error[E6]: la guía `estrategias/visita-en-aula.md` no empieza con `@/`",
        &at(PLAN, "103:8"),
        "las páginas del portal se enlazan con `@/` y su ruta dentro de content/: escriba `guia = \"@/estrategias/visita-en-aula.md\"`",
    );
}

#[test]
fn e6_annex_references_resolve() {
    let run = check(&[("anexo = \"A\"", "anexo = \"C\"")]);
    assert_only_error(
        &run,
        "error[E6]: el anexo `C` no existe",
        &at(PLAN, "193:9"),
        "agregue ese anexo en `[[anexos]]` o corrija la letra",
    );
}

#[test]
fn e13_visit_to_a_teacher_not_in_the_list() {
    let run = check(&[("docente = \"d02\"\nn = 1", "docente = \"d2\"\nn = 1")]);
    assert_error(
        &run,
        "error[E13]: la visita es a `d2`, que no está en `[[docentes]]`",
        &at(PLAN, "159:11"),
        "¿quiso decir `d02`? Agregue a la o el docente en `[[docentes]]` o corrija el id",
    );
}

/// A third teacher, with no visits, and the head count to match.
const TEACHER_WITHOUT_VISITS: [(&str, &str); 2] = [
    ("docentes = 2", "docentes = 3"),
    (
        "[[visitas]]\ndocente = \"d01\"\nn = 1",
        "[[docentes]]\nid = \"d03\"\nnombre = \"Elena Sofía Prueba Inventada\"\nnivel_educativo = \"primaria\"\n\n[[visitas]]\ndocente = \"d01\"\nn = 1",
    ),
];

#[test]
fn w6_teacher_without_visits() {
    let run = check(&TEACHER_WITHOUT_VISITS);
    assert_warning(
        &run,
        "warning[W6]: la o el docente `d03` no tiene ninguna visita programada",
        &at(PLAN, "137:6"),
        "agregue sus `[[visitas]]`: los planes se comprometen a acompañar a todas y todos los docentes",
    );
}

#[test]
fn strict_turns_warnings_into_errors() {
    let site = site();
    edit_plan(&site, &TEACHER_WITHOUT_VISITS);
    let plain = site.senda(&["check"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(
        plain.stdout.contains("(1 warning)"),
        "stdout: {}",
        plain.stdout
    );
    let strict = site.senda(&["check", "--strict"]);
    assert_only_error(
        &strict,
        "error[W6]: la o el docente `d03` no tiene ninguna visita programada",
        &at(PLAN, "137:6"),
        "agregue sus `[[visitas]]`: los planes se comprometen a acompañar a todas y todos los docentes",
    );
    assert!(
        strict.stderr.ends_with("\nsenda check found 1 error\n"),
        "{}",
        strict.stderr
    );
}

// ---- E7, E8, E10, W3: time -------------------------------------------------------------------------

#[test]
fn e7_period_outside_the_plan_year() {
    let run = check(&[(
        "[periodo]\ninicio = 2024-03-01",
        "[periodo]\ninicio = 2023-03-01",
    )]);
    assert_only_error(
        &run,
        "error[E7]: la fecha 2023-03-01 no es del año del plan (2024)",
        &at(PLAN, "19:10"),
        "en el Perú y Chile el año escolar cae dentro del año calendario",
    );
}

#[test]
fn e7_period_that_ends_before_it_starts() {
    let run = check(&[("fin = 2024-12-20", "fin = 2024-02-20")]);
    // Only E7: the visits are not also measured against the impossible period.
    assert_only_error(
        &run,
        "error[E7]: el periodo termina (2024-02-20) antes de empezar (2024-03-01)",
        &at(PLAN, "20:7"),
        "revise `inicio` y `fin` de `[periodo]`",
    );
}

#[test]
fn e7_school_year_across_calendar_years_is_at_most_13_months() {
    let run = check(&[
        ("pais = \"PE\"", "pais = \"CO\""),
        ("fin = 2024-12-20", "fin = 2025-06-20"),
    ]);
    assert_only_error(
        &run,
        "error[E7]: el periodo dura más de 13 meses",
        &at(PLAN, "20:7"),
        "un plan cubre un solo año escolar",
    );
}

#[test]
fn school_year_across_calendar_years_orders_months_from_the_period_start() {
    // Colombia, calendario B: September to June. A visit in `feb` is February of next year,
    // after one in September; phases count from the first month of the period.
    let run = check(&[
        ("pais = \"PE\"", "pais = \"CO\""),
        (
            "[periodo]\ninicio = 2024-03-01\nfin = 2024-12-20",
            "[periodo]\ninicio = 2024-09-02\nfin = 2025-06-20",
        ),
        ("fecha = 2024-04-09", "fecha = 2024-09-10"),
        ("mes = \"jun\"", "mes = \"feb\""),
        ("mes = \"oct\"", "mes = \"may\""),
        ("fecha = 2024-04-10", "fecha = 2024-09-11"),
        ("fecha = 2024-07-10", "fecha = 2025-01-15"),
        ("fecha = 2024-11-13", "fecha = 2025-05-14"),
        ("meses = [\"mar\"]", "meses = [\"set\"]"),
        (
            "meses = [\"abr\", \"jun\", \"jul\", \"oct\", \"nov\"]",
            "meses = [\"set\", \"ene\", \"feb\", \"may\"]",
        ),
    ]);
    assert_clean(&run);
}

#[test]
fn e8_invalid_month_token() {
    let run = check(&[("mes = \"jun\"", "mes = \"junio\"")]);
    assert_only_error(
        &run,
        "error[E8]: `junio` no es un mes",
        &at(PLAN, "148:7"),
        "¿quiso decir `jun`? Los meses se escriben con tres letras: ene feb mar abr may jun jul ago set oct nov dic",
    );
}

#[test]
fn e8_sep_and_septiembre_are_aliases_of_set() {
    assert_clean(&check(&[(
        "meses = [\"mar\"]",
        "meses = [\"mar\", \"sep\", \"septiembre\", \"set\"]",
    )]));
}

// E9 (months inside the plan year) has no test of its own: month tokens carry no year, so a
// month is always in the plan year; the rule is checked through E8 (the token), W3 (the month
// is inside the period) and E7 (the period is inside the year).

#[test]
fn w3_month_outside_the_period() {
    let run = check(&[("meses = [\"mar\"]", "meses = [\"feb\", \"mar\"]")]);
    assert_warning(
        &run,
        "warning[W3]: el mes `feb` está fuera del periodo del plan",
        &at(PLAN, "182:10"),
        "revise el mes o amplíe `[periodo]` si el plan empieza antes",
    );
}

#[test]
fn e10_visit_date_outside_the_period() {
    let run = check(&[("fecha = 2024-11-13", "fecha = 2024-12-23")]);
    assert_only_error(
        &run,
        "error[E10]: la visita del 2024-12-23 está fuera del periodo del plan (2024-03-01 a 2024-12-20)",
        &at(PLAN, "176:9"),
        "corrija la fecha de la visita o el `[periodo]`",
    );
}

// ---- W4, E11, E12, W5: visits ------------------------------------------------------------------------

#[test]
fn w4_visit_on_a_weekend() {
    let run = check(&[("fecha = 2024-11-13", "fecha = 2024-11-16")]);
    assert_warning(
        &run,
        "warning[W4]: la visita n=3 de `d02` cae en sábado (2024-11-16)",
        &at(PLAN, "176:9"),
        "programe la visita en un día de clases",
    );
}

#[test]
fn w4_visit_in_a_week_without_students() {
    let run = check(&[("fecha = 2024-07-10", "fecha = 2024-07-24")]);
    assert_warning(
        &run,
        "warning[W4]: la visita n=2 de `d02` (2024-07-24) cae en semana de gestión (2024-07-22 a 2024-08-02); los estudiantes no asisten",
        &at(PLAN, "169:9"),
        "no se puede observar una clase sin estudiantes: elija otra fecha",
    );
}

#[test]
fn e11_visit_with_both_date_and_month() {
    let run = check(&[(
        "fecha = 2024-04-09\n",
        "fecha = 2024-04-09\nmes = \"abr\"\n",
    )]);
    assert_only_error(
        &run,
        "error[E11]: la visita tiene `fecha` y `mes` a la vez",
        &at(PLAN, "141:7"),
        "deje solo `fecha` (si ya se conoce el día) o solo `mes`",
    );
}

#[test]
fn e11_visit_with_neither_date_nor_month() {
    let run = check(&[("fecha = 2024-04-09\n", "")]);
    assert_only_error(
        &run,
        "error[E11]: la visita n=1 de `d01` no tiene `fecha` ni `mes`",
        &at(PLAN, "136:1"),
        "agregue `fecha = 2024-04-09` o `mes = \"abr\"`",
    );
}

#[test]
fn e12_repeated_visit_number() {
    let run = check(&[(
        "n = 3\nfase = \"salida\"\nmes = \"oct\"",
        "n = 2\nfase = \"salida\"\nmes = \"oct\"",
    )]);
    assert_only_error(
        &run,
        "error[E12]: la visita n=2 de `d01` se repite",
        &at(PLAN, "153:5"),
        "numere las visitas de cada docente 1, 2, 3… sin repetir ni saltar",
    );
}

#[test]
fn e12_visit_numbers_out_of_calendar_order() {
    let run = check(&[(
        "fase = \"proceso\"\nfecha = 2024-07-10",
        "fase = \"salida\"\nfecha = 2024-11-20",
    )]);
    assert_only_error(
        &run,
        "error[E12]: la visita n=3 de `d02` (2024-11-13) es anterior a la n=2 (2024-11-20)",
        &at(PLAN, "174:5"),
        "el número de visita debe seguir el orden del calendario",
    );
}

#[test]
fn e12_a_visit_by_month_may_follow_a_date_in_that_month() {
    // n=2 on 9 October, n=3 "in October": that can be in order, so it is not an error.
    assert_clean(&check(&[
        ("fecha = 2024-07-10", "fecha = 2024-10-09"),
        ("fecha = 2024-11-13", "mes = \"oct\""),
    ]));
}

#[test]
fn w5_phase_disagrees_with_the_month() {
    let run = check(&[(
        "fase = \"salida\"\nmes = \"oct\"",
        "fase = \"salida\"\nmes = \"ago\"",
    )]);
    assert_warning(
        &run,
        "warning[W5]: una visita de fase `salida` en agosto",
        &at(PLAN, "154:8"),
        "esa fase suele ir entre octubre y noviembre: revise la fase o el mes",
    );
}

#[test]
fn w5_windows_have_a_month_of_slack() {
    // A diagnostic visit in May (usual: March and April) is fine.
    assert_clean(&check(&[("fecha = 2024-04-10", "fecha = 2024-05-08")]));
}

#[test]
fn w5_two_visits_on_the_same_day() {
    let run = check(&[(
        "fase = \"proceso\"\nfecha = 2024-07-10",
        "fase = \"salida\"\nfecha = 2024-11-13",
    )]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_diagnostic(
        &run.stderr,
        "warning[W5]: `d02` tiene dos visitas el mismo día (2024-11-13)",
        &at(PLAN, "176:9"),
        "separe las visitas para que haya tiempo de aplicar los compromisos",
    );
}

// ---- W7: activities ----------------------------------------------------------------------------------

#[test]
fn w7_activity_without_responsibles() {
    let run = check(&[("responsables = [\"dir\"]\n", "")]);
    assert_warning(
        &run,
        "warning[W7]: la actividad «Elaboración del plan» no tiene responsables",
        &at(PLAN, "179:1"),
        "agregue `responsables = […]` para que el cronograma muestre quién y cuándo",
    );
    let run = check(&[
        ("responsables = [\"dir\"]\n", ""),
        ("meses = [\"mar\"]\n", ""),
    ]);
    assert_warning(
        &run,
        "warning[W7]: la actividad «Elaboración del plan» no tiene responsables ni meses",
        &at(PLAN, "179:1"),
        "agregue `responsables = […]` y `meses = […]` para que el cronograma muestre quién y cuándo",
    );
}

// ---- E14, W8, E15: numbers -----------------------------------------------------------------------------

#[test]
fn e14_negative_count() {
    let run = check(&[("estudiantes = 40", "estudiantes = -1")]);
    assert_only_error(
        &run,
        "error[E14]: `poblacion.estudiantes` debe ser un número entero mayor o igual a 0",
        &at(PLAN, "116:15"),
        "si no se conoce el dato, quite la línea (no use -1 ni \"\")",
    );
}

#[test]
fn w8_teacher_count_differs_from_the_list() {
    let run = check(&[("docentes = 2", "docentes = 3")]);
    assert_warning(
        &run,
        "warning[W8]: `poblacion.docentes` dice 3, pero `[[docentes]]` lista 2",
        &at(PLAN, "115:12"),
        "corrija el número o complete la lista de docentes",
    );
}

#[test]
fn e15_rubric_out_of_range() {
    let run = check(&[("rubricas = [1, 2, 3, 4, 5]", "rubricas = [1, 2, 3, 4, 6]")]);
    assert_only_error(
        &run,
        "error[E15]: `rubricas` incluye 6, fuera de 1 a 5",
        &at(PLAN, "110:25"),
        "las rúbricas de observación vigentes (2018) son 5; con `marco_rubricas = \"2017\"` son 6",
    );
    // The 2017 rubrics were six.
    assert_clean(&check(&[
        ("rubricas = [1, 2, 3, 4, 5]", "rubricas = [1, 2, 3, 4, 6]"),
        ("marco_rubricas = \"2018\"", "marco_rubricas = \"2017\""),
    ]));
}

// ---- E16, W14: the private file -------------------------------------------------------------------------

const PRIVATE_FILE: &str = r#"plan = "ie-prueba-2024"

[[seguimiento]]
docente = "d01"
rubrica = 3
fase = "diagnostico"
fecha = 2024-04-09
nivel_logro = "II"
fortalezas = "Organiza bien el tiempo de la sesión."
aspectos_criticos = "Pocas preguntas abiertas."
compromisos = ["Planificar preguntas inferenciales."]
necesidades_formacion = ["Retroalimentación descriptiva."]

[[seguimiento]]
docente = "d02"
rubrica = "programacion"
fase = "avance_1"
nivel_logro = "3"
"#;

fn check_private(old: &str, new: &str) -> Run {
    let site = site();
    assert_eq!(PRIVATE_FILE.matches(old).count(), 1, "`{old}`");
    site.write(PRIVATE, PRIVATE_FILE.replace(old, new));
    site.senda(&["check"])
}

#[test]
fn valid_private_file_passes() {
    let site = site();
    site.write(PRIVATE, PRIVATE_FILE);
    assert_clean(&site.senda(&["check"]));
}

#[test]
fn e16_private_file_names_a_teacher_not_in_the_plan() {
    let run = check_private("docente = \"d02\"", "docente = \"d1\"");
    assert_only_error(
        &run,
        "error[E16]: `d1` no es docente del plan `ie-prueba-2024`",
        &at(PRIVATE, "15:11"),
        "¿quiso decir `d01`? Use un id de `[[docentes]]` del plan",
    );
}

#[test]
fn e16_private_file_belongs_to_its_plan() {
    let run = check_private("plan = \"ie-prueba-2024\"", "plan = \"ie-otra-2024\"");
    assert_only_error(
        &run,
        "error[E16]: el plan `ie-otra-2024` no corresponde a este archivo",
        &at(PRIVATE, "1:8"),
        "el archivo `ie-prueba-2024.privado.toml` acompaña al plan `ie-prueba-2024.toml`: escriba `plan = \"ie-prueba-2024\"`",
    );
    // A private file whose plan does not exist at all.
    let site = site();
    site.write(
        "content/planes/ie-otra-2024.privado.toml",
        PRIVATE_FILE.replace("ie-prueba-2024", "ie-otra-2024"),
    );
    assert_only_error(
        &site.senda(&["check"]),
        "error[E16]: no existe el plan `ie-otra-2024` que acompaña este archivo",
        "content/planes/ie-otra-2024.privado.toml:1:8",
        "un archivo `<id>.privado.toml` acompaña al plan `content/planes/<id>.toml`: cree ese plan o renombre este archivo con el id de su plan",
    );
}

#[test]
fn e16_achievement_level_and_rubric() {
    let run = check_private("nivel_logro = \"3\"", "nivel_logro = \"V\"");
    assert_only_error(
        &run,
        "error[E16]: `V` no es un nivel de logro",
        &at(PRIVATE, "18:15"),
        "use I, II, III o IV (o 1 a 4)",
    );
    let run = check_private("rubrica = 3", "rubrica = 7");
    assert_only_error(
        &run,
        "error[E16]: la rúbrica 7 no es válida",
        &at(PRIVATE, "5:11"),
        "use un número de 1 a 5 o \"programacion\" para la fila de programación curricular",
    );
}

#[test]
fn e16_private_file_of_a_plan_with_errors_is_not_checked_yet() {
    // The plan's own error is the one to fix; "no existe el plan" would mislead.
    let site = site();
    edit_plan(&site, &[("folios = 12", "folios = \"12\"")]);
    site.write(PRIVATE, PRIVATE_FILE);
    let run = site.senda(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("E16"), "{}", run.stderr);
}

#[test]
fn w14_achievement_label_instead_of_a_level() {
    let run = check_private("nivel_logro = \"3\"", "nivel_logro = \"logrado\"");
    assert_warning(
        &run,
        "warning[W14]: el nivel «logrado» es una etiqueta, no un nivel de la rúbrica",
        &at(PRIVATE, "18:15"),
        "las rúbricas usan los niveles I, II, III y IV: «logrado» corresponde probablemente al nivel III",
    );
}

// ---- E17, W9: legal bases ---------------------------------------------------------------------------------

#[test]
fn e17_norm_number_is_only_digits() {
    let run = check(&[("numero = \"0547\"", "numero = \"0547-2012-ED\"")]);
    assert_only_error(
        &run,
        "error[E17]: el número de norma `0547-2012-ED` debe tener solo dígitos",
        &at(PLAN, "93:10"),
        "escriba solo el número (se admiten ceros a la izquierda); el año y el emisor van en `anio` y `emisor`",
    );
}

#[test]
fn e17_ministerial_resolution_needs_its_issuer() {
    let run = check(&[("emisor = \"ED\"\n", "")]);
    assert_only_error(
        &run,
        "error[E17]: una norma `RM` necesita `emisor`",
        &at(PLAN, "92:8"),
        "agregue el sector que la emite, p. ej. `emisor = \"MINEDU\"` o `emisor = \"ED\"`",
    );
}

#[test]
fn w9_duplicated_norm() {
    let run = check(&[(
        "[[estrategias]]",
        "[[bases_legales]]\ntipo = \"Ley\"\nnumero = \"028044\"\ntitulo = \"Ley General de Educación\"\n\n[[estrategias]]",
    )]);
    assert_warning(
        &run,
        "warning[W9]: la base legal Ley N° 028044 está repetida",
        &at(PLAN, "98:1"),
        "quite la norma duplicada de `[[bases_legales]]`",
    );
}

// ---- E18: budget --------------------------------------------------------------------------------------------

#[test]
fn e18_currency_and_amounts() {
    let run = check(&[
        ("moneda = \"PEN\"", "moneda = \"SOLES\""),
        ("cantidad = 30", "cantidad = -30"),
    ]);
    assert_error(
        &run,
        "error[E18]: `SOLES` no es un código de moneda ISO 4217",
        &at(PLAN, "196:10"),
        "use el código de tres letras, p. ej. `moneda = \"PEN\"` (soles) o `\"USD\"`",
    );
    assert_error(
        &run,
        "error[E18]: `cantidad` no puede ser negativo",
        &at(PLAN, "199:56"),
        "los montos y cantidades del presupuesto son 0 o más",
    );
    assert_eq!(headers(&run.stderr).len(), 2, "{}", run.stderr);
}

// ---- E19, W10: links ------------------------------------------------------------------------------------------

#[test]
fn e19_url_without_scheme() {
    let run = check(&[(
        "tipo = \"enlace\"\nurl = \"https://www.minedu.gob.pe/\"",
        "tipo = \"enlace\"\nurl = \"www.minedu.gob.pe/rubricas\"",
    )]);
    assert_only_error(
        &run,
        "error[E19]: `www.minedu.gob.pe/rubricas` no es una dirección web",
        &at(PLAN, "216:7"),
        "las direcciones empiezan con https:// (o http://): `https://www.minedu.gob.pe/rubricas`",
    );
}

#[test]
fn w10_link_to_an_unrelated_site() {
    let run = check(&[(
        "editorial = \"Ministerio de Educación\"\nurl = \"https://www.minedu.gob.pe/\"",
        "editorial = \"Ministerio de Educación\"\nurl = \"https://www.sisfoh.gob.pe/\"",
    )]);
    assert_warning(
        &run,
        "warning[W10]: el enlace lleva a `www.sisfoh.gob.pe`, que no corresponde a la fuente citada",
        &at(PLAN, "210:7"),
        "la fuente parece ser de minedu.gob.pe o perueduca.pe o www.gob.pe: verifique el enlace",
    );
}

// ---- E20, W11: texts --------------------------------------------------------------------------------------------

#[test]
fn e20_active_markup_in_a_text() {
    let help =
        "los textos del plan son Markdown sin HTML activo: quite scripts, iframes y atributos on…=";
    let run = check(&[(
        "presentacion = \"\"\"El plan",
        "presentacion = \"\"\"<script>alert(1)</script> El plan",
    )]);
    assert_only_error(
        &run,
        "error[E20]: el texto contiene código no permitido (`<script`)",
        &at(PLAN, "72:19"),
        help,
    );
    // An event handler after a line break is still an attribute.
    let run = check(&[(
        "finalidad = \"\"\"Fortalecer la práctica pedagógica.\"\"\"",
        "finalidad = \"\"\"Ver <img src=x\nonerror=alert(1)>\"\"\"",
    )]);
    assert_only_error(
        &run,
        "error[E20]: el texto contiene código no permitido (`on…=`)",
        &at(PLAN, "76:1"),
        help,
    );
}

#[test]
fn w11_empty_text() {
    let run = check(&[(
        "finalidad = \"\"\"Fortalecer la práctica pedagógica.\"\"\"",
        "finalidad = \"\"",
    )]);
    assert_warning(
        &run,
        "warning[W11]: `textos.finalidad` está vacío",
        &at(PLAN, "75:13"),
        "escriba el texto o quite la línea",
    );
}

// ---- P1–P5: privacy -----------------------------------------------------------------------------------------------

#[test]
fn p1_dni_number() {
    let help = "un DNI es un dato personal: quítelo; los planes públicos no llevan documentos de identidad";
    let run = check(&[(
        "justificacion = \"\"\"El diagnóstico",
        "justificacion = \"\"\"Docente con DNI 45678912. El diagnóstico",
    )]);
    assert_only_error(
        &run,
        "error[P1]: parece un número de DNI",
        &at(PLAN, "74:36"),
        help,
    );
    // In the teacher table, any 8-digit number is taken for a DNI.
    let run = check(&[("grados = [\"3°\"]", "grados = [\"3°\", \"45678912\"]")]);
    assert_only_error(
        &run,
        "error[P1]: parece un número de DNI",
        &at(PLAN, "133:18"),
        help,
    );
}

#[test]
fn p2_personal_phone_and_email() {
    let run = check(&[(
        "finalidad = \"\"\"Fortalecer la práctica pedagógica.\"\"\"",
        "finalidad = \"\"\"Consultas al 987 654 321 o a ana.prueba@gmail.com.\"\"\"",
    )]);
    assert_error(
        &run,
        "error[P2]: parece un número de celular personal",
        &at(PLAN, "75:29"),
        "quítelo; solo el teléfono institucional puede publicarse, en `institucion.contacto`",
    );
    assert_error(
        &run,
        "error[P2]: parece un correo personal (@gmail.com)",
        &at(PLAN, "75:45"),
        "quítelo; solo el correo institucional puede publicarse, en `institucion.contacto`",
    );
    assert_eq!(headers(&run.stderr).len(), 2, "{}", run.stderr);
}

#[test]
fn p3_follow_up_keys_in_the_public_file() {
    let run = check(&[(
        "fecha = 2024-11-13\n",
        "fecha = 2024-11-13\nfortalezas = \"Buen manejo del aula\"\n",
    )]);
    // Only P3: not also "clave desconocida" for the same key.
    assert_only_error(
        &run,
        "error[P3]: la clave `fortalezas` es seguimiento individual de docentes y no puede estar en un archivo público",
        &at(PLAN, "177:1"),
        "mueva ese dato al archivo privado `ie-prueba-2024.privado.toml`, que nunca se publica",
    );
}

#[test]
fn p4_private_file_referenced_from_a_page() {
    let site = site();
    site.write(
        "content/estrategias/visita-en-aula.md",
        "+++\ntitle = \"Visita en aula\"\n+++\nLas notas están en [el planificador](ie-prueba-2024.privado.toml).\n",
    );
    assert_only_error(
        &site.senda(&["check"]),
        "error[P4]: se hace referencia al archivo privado `ie-prueba-2024.privado.toml`",
        "content/estrategias/visita-en-aula.md:4:38",
        "los archivos privados nunca se publican ni se enlazan: quite la referencia",
    );
}

#[test]
fn p4_private_file_inside_the_output_folder() {
    let site = site();
    site.write("public/ie-prueba-2024.privado.toml", PRIVATE_FILE);
    assert_only_error(
        &site.senda(&["check"]),
        "error[P4]: hay un archivo privado dentro de la carpeta de salida: public/ie-prueba-2024.privado.toml",
        "",
        "muévalo a content/planes/: la carpeta de salida se publica y se reemplaza en cada construcción",
    );
}

#[test]
fn p5_full_teacher_names_on_a_public_site() {
    let run = check(&[(
        "nombres_docentes = \"iniciales\"",
        "nombres_docentes = \"completo\"",
    )]);
    assert_warning(
        &run,
        "warning[P5]: los nombres completos de las y los docentes se publicarán",
        &at(PLAN, "120:20"),
        "una lista de visitas con nombres puede revelar a quién se acompaña más; considere `nombres_docentes = \"iniciales\"` o `\"codigo\"`",
    );
}

#[test]
fn privacy_setting_defaults_to_initials() {
    // Without `[privacidad]` names are masked as initials, so there is nothing to warn about.
    assert_clean(&check(&[(
        "[privacidad]\nnombres_docentes = \"iniciales\"\n",
        "",
    )]));
}

// ---- Reporting ------------------------------------------------------------------------------------------------------

#[test]
fn every_error_of_a_plan_is_reported_at_once() {
    let run = check(&[
        ("fundamentacion =", "fundamentacon ="),
        ("cge = [4]", "cgee = [4]"),
        ("primaria = \"0123456\"", "primaria = 999999"),
        ("mes = \"jun\"", "mes = \"junio\""),
        ("rubricas = [1, 2, 3, 4, 5]", "rubricas = [1, 2, 3, 4, 6]"),
        ("ref = \"dir\"", "ref = \"dr\""),
    ]);
    assert_eq!(
        headers(&run.stderr),
        [
            "error[E5]: el código modular de primaria está escrito como número (999999)",
            "error[E0]: clave desconocida `fundamentacon`",
            "error[E15]: `rubricas` incluye 6, fuera de 1 a 5",
            "error[E0]: clave desconocida `cgee`",
            "error[E8]: `junio` no es un mes",
            "error[E6]: quien firma `dr` no existe",
        ],
        "stderr:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("\nsenda check found 6 errors\n"),
        "{}",
        run.stderr
    );
}
