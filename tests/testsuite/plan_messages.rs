//! Messages that say what to write: a date written as on paper, a day the month does not
//! have, a visit to a teacher the plan does not list. Each test pins the whole stderr, so
//! a cascade of second errors would fail it too.

use crate::plan_rules::{edit_plan, site};
use crate::util::Run;

fn check(changes: &[(&str, &str)]) -> Run {
    let site = site();
    edit_plan(&site, changes);
    site.senda(&["check"])
}

const VISIT_DATE: &str = "fecha = 2024-04-09";

#[test]
fn a_date_written_day_first_is_told_to_be_written_year_first() {
    check(&[(VISIT_DATE, "fecha = 08/04/2024")]).assert_failure(
        "error[E0]: TOML inválido: `08/04/2024` no es una fecha de TOML
   --> content/planes/ie-prueba-2024.toml:140:9
    |
140 | fecha = 08/04/2024
    |         ^^^^^^^^^^
    = help: escriba la fecha como 2024-04-08 (año-mes-día, sin comillas)

senda check found 1 error
",
    );
}

#[test]
fn a_quoted_date_is_told_to_lose_its_quotes() {
    check(&[(VISIT_DATE, "fecha = \"08/04/2024\"")]).assert_failure(
        "error[E0]: TOML inválido: la fecha `08/04/2024` está entre comillas
   --> content/planes/ie-prueba-2024.toml:140:9
    |
140 | fecha = \"08/04/2024\"
    |         ^^^^^^^^^^^^
    = help: escriba la fecha como 2024-04-08 (año-mes-día, sin comillas)

senda check found 1 error
",
    );
}

#[test]
fn a_day_the_month_does_not_have_says_how_many_it_has() {
    check(&[(VISIT_DATE, "fecha = 2024-04-31")]).assert_failure(
        "error[E0]: TOML inválido: la fecha `2024-04-31` no existe: abril tiene 30 días
   --> content/planes/ie-prueba-2024.toml:140:9
    |
140 | fecha = 2024-04-31
    |         ^^^^^^^^^^
    = help: escriba un día del 1 al 30, p. ej. 2024-04-30

senda check found 1 error
",
    );
    check(&[(
        "fecha_elaboracion = 2024-03-04",
        "fecha_elaboracion = 2023-02-29",
    )])
    .assert_failure(
        "error[E0]: TOML inválido: la fecha `2023-02-29` no existe: febrero de 2023 tiene 28 días
  --> content/planes/ie-prueba-2024.toml:13:21
   |
13 | fecha_elaboracion = 2023-02-29
   |                     ^^^^^^^^^^
   = help: escriba un día del 1 al 28, p. ej. 2023-02-28

senda check found 1 error
",
    );
    check(&[(VISIT_DATE, "fecha = 2024-02-30")]).assert_failure(
        "error[E0]: TOML inválido: la fecha `2024-02-30` no existe: febrero de 2024 tiene 29 días
   --> content/planes/ie-prueba-2024.toml:140:9
    |
140 | fecha = 2024-02-30
    |         ^^^^^^^^^^
    = help: escriba un día del 1 al 29, p. ej. 2024-02-29

senda check found 1 error
",
    );
}

const D02_SECOND_VISIT: &str = "docente = \"d02\"\nn = 2";

/// `d03` is as close to `d01` as to `d02`: no guess, the list; and no E12 about the
/// numbers of `d03`'s visits, nor about the gap its visit leaves in `d02`'s.
#[test]
fn a_visit_to_an_unknown_teacher_lists_the_teachers_and_nothing_else() {
    check(&[(D02_SECOND_VISIT, "docente = \"d03\"\nn = 2")]).assert_failure(
        "error[E13]: la visita es a `d03`, que no está en `[[docentes]]`
   --> content/planes/ie-prueba-2024.toml:166:11
    |
166 | docente = \"d03\"
    |           ^^^^^
    = help: los ids de `[[docentes]]` son `d01`, `d02`: corrija el id o agregue a la o el docente

senda check found 1 error
",
    );
}

#[test]
fn a_visit_to_a_misspelled_teacher_suggests_the_one_it_is_close_to() {
    check(&[(D02_SECOND_VISIT, "docente = \"d2\"\nn = 2")]).assert_failure(
        "error[E13]: la visita es a `d2`, que no está en `[[docentes]]`
   --> content/planes/ie-prueba-2024.toml:166:11
    |
166 | docente = \"d2\"
    |           ^^^^
    = help: ¿quiso decir `d02`? Los ids de `[[docentes]]` son `d01`, `d02`

senda check found 1 error
",
    );
}

/// A gap that the unknown teacher's visit does not explain is still reported.
#[test]
fn a_gap_the_unknown_teachers_visits_do_not_explain_is_still_an_error() {
    let run = check(&[(D02_SECOND_VISIT, "docente = \"d03\"\nn = 5")]);
    let headers = crate::plan_rules::headers(&run.stderr);
    assert_eq!(
        headers,
        [
            "error[E13]: la visita es a `d03`, que no está en `[[docentes]]`",
            "error[E12]: las visitas de `d02` saltan del número 1 al 3",
        ],
        "{}",
        run.stderr
    );
}
