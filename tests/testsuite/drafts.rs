//! Drafts (`estado = "borrador"`) and text left from the template: a draft is checked but
//! never published without `--drafts`, its errors are warnings, and a plan that is not a
//! draft may keep no placeholder of `senda new plan`'s template (E21). W15: an id that names
//! another year than `anio`.

use crate::plan_rules::{PLAN, edit_plan};
use crate::util::TestSite;

const DRAFT: &str = "content/planes/ie-borrador-2024.toml";

/// The `plans` fixture with the bundled theme (whose listings name each plan) and search
/// on, and a copy of its plan as the draft `ie-borrador-2024`,
/// with `changes` made to the copy.
fn with_draft(changes: &[(&str, &str)]) -> TestSite {
    let site = TestSite::fixture("plans").with_bundled_theme();
    let config = std::fs::read_to_string(site.path("site.toml")).expect("read site.toml");
    let config = config.replace("theme = \"plain\"", "theme = \"senda\"");
    site.write("site.toml", format!("build_search_index = true\n{config}"));
    let mut text = std::fs::read_to_string(site.path(PLAN)).expect("read the fixture plan");
    let renames = [
        ("id = \"ie-prueba-2024\"", "id = \"ie-borrador-2024\""),
        ("estado = \"aprobado\"", "estado = \"borrador\""),
        (
            "nombre = \"Institución de Prueba\"",
            "nombre = \"Escuela Borrador\"",
        ),
    ];
    for (old, new) in renames.iter().chain(changes) {
        assert_eq!(text.matches(old).count(), 1, "`{old}` must occur once");
        text = text.replace(old, new);
    }
    site.write(DRAFT, text);
    site
}

/// Every public file a published plan has, and every listing that would name it.
fn assert_published(site: &TestSite, published: bool) {
    for file in [
        "planes/ie-borrador-2024/index.html",
        "planes/ie-borrador-2024/imprimir/index.html",
        "planes/ie-borrador-2024/plan.json",
        "planes/ie-borrador-2024/calendario.ics",
        "planes/ie-borrador-2024/visitas.csv",
    ] {
        assert_eq!(site.output_exists(file), published, "{file}");
    }
    for listing in [
        "planes/index.html",
        "planes/planes.json",
        "sitemap.xml",
        "search-index.js",
    ] {
        let text = if listing == "search-index.js" {
            crate::search::index_text(site)
        } else {
            site.output(listing)
        };
        let named = text.contains("ie-borrador-2024") || text.contains("Escuela Borrador");
        assert_eq!(named, published, "{listing}");
    }
    // The plan that is no draft is published either way.
    assert!(site.output_exists("planes/ie-prueba-2024/index.html"));
}

#[test]
fn a_draft_is_published_only_with_drafts() {
    let site = with_draft(&[]);
    site.build().assert_ok().assert_stderr("");
    assert_published(&site, false);
    site.senda(&["build", "--drafts"])
        .assert_ok()
        .assert_stderr("");
    assert_published(&site, true);
}

#[test]
fn a_draft_with_errors_is_checked_with_warnings_and_never_published() {
    let site = with_draft(&[("docente = \"d01\"\nn = 1", "docente = \"d99\"\nn = 1")]);
    let run = site.senda(&["build", "--drafts"]);
    run.assert_ok().assert_stderr(
        r#"warning: el plan es un borrador con 1 error, mostrados como avisos: no se publica
  --> content/planes/ie-borrador-2024.toml:14:10
   |
14 | estado = "borrador"
   |          ^^^^^^^^^^
   = help: corrija los avisos de este archivo; un borrador sin errores se publica con --drafts, y al cambiar `estado` sus errores vuelven a ser errores

warning[E13]: la visita es a `d99`, que no está en `[[docentes]]`
   --> content/planes/ie-borrador-2024.toml:137:11
    |
137 | docente = "d99"
    |           ^^^^^
    = help: los ids de `[[docentes]]` son `d01`, `d02`: corrija el id o agregue a la o el docente

"#,
    );
    assert_published(&site, false);
    site.senda(&["check", "--strict"]).assert_failure(
        r#"error: el plan es un borrador con 1 error, mostrados como avisos: no se publica
  --> content/planes/ie-borrador-2024.toml:14:10
   |
14 | estado = "borrador"
   |          ^^^^^^^^^^
   = help: corrija los avisos de este archivo; un borrador sin errores se publica con --drafts, y al cambiar `estado` sus errores vuelven a ser errores

error[E13]: la visita es a `d99`, que no está en `[[docentes]]`
   --> content/planes/ie-borrador-2024.toml:137:11
    |
137 | docente = "d99"
    |           ^^^^^
    = help: los ids de `[[docentes]]` son `d01`, `d02`: corrija el id o agregue a la o el docente

senda check found 2 errors
"#,
    );
}

#[test]
fn template_text_is_an_error_in_a_plan_that_is_not_a_draft() {
    let site = crate::plan_rules::site();
    edit_plan(
        &site,
        &[
            ("lugar = \"Villa Ejemplo\"", "lugar = \"Distrito\""),
            ("dre = \"DRE Ejemplo\"", "dre = \"DRE …\""),
        ],
    );
    site.senda(&["check"]).assert_failure(
        r#"error[E21]: `lugar` conserva el texto de la plantilla «Distrito»
  --> content/planes/ie-prueba-2024.toml:12:9
   |
12 | lugar = "Distrito"
   |         ^^^^^^^^^^
   = help: reemplácelo por el dato de su plan; mientras el plan no esté listo, déjelo con `estado = "borrador"`: así no se publica

error[E21]: `institucion.dre` tiene un espacio por completar de la plantilla (`…`): «DRE …»
  --> content/planes/ie-prueba-2024.toml:46:7
   |
46 | dre = "DRE …"
   |       ^^^^^^^
   = help: reemplácelo por el dato de su plan; mientras el plan no esté listo, déjelo con `estado = "borrador"`: así no se publica

senda check found 2 errors
"#,
    );
}

#[test]
fn the_unfilled_template_is_a_draft_that_strict_check_refuses() {
    let site = crate::plan_rules::site();
    let year = crate::limits::current_year();
    let id = format!("ie-nueva-{year}");
    site.senda(&["new", "plan", &id]).assert_ok();
    let run = site.senda(&["check"]);
    run.assert_ok().assert_stderr(&warnings(&id, "warning"));
    site.senda(&["check", "--strict"]).assert_failure(&format!(
        "{}senda check found 7 errors\n",
        warnings(&id, "error")
    ));
    site.build().assert_ok();
    assert!(!site.output_exists(&format!("planes/{id}")));
    assert!(!site.output_exists("planes/ugel/ugel"));
    for listing in ["planes/index.html", "planes/planes.json", "sitemap.xml"] {
        let text = site.output(listing);
        assert!(
            !text.contains(&id) && !text.contains("Nombre de la"),
            "{listing}"
        );
    }
}

/// What `senda check` says of the unfilled template `id`, each diagnostic at `level`.
fn warnings(id: &str, level: &str) -> String {
    format!(
        r#"{level}[E21]: `lugar` conserva el texto de la plantilla «Distrito»
  --> content/planes/{id}.toml:11:9
   |
11 | lugar = "Distrito"
   |         ^^^^^^^^^^
   = help: reemplácelo por el dato de su plan; mientras el plan no esté listo, déjelo con `estado = "borrador"`: así no se publica

{level}: el plan es un borrador con 6 errores, mostrados como avisos: no se publica
  --> content/planes/{id}.toml:12:10
   |
12 | estado = "borrador"           # borrador | en_revision | aprobado | en_ejecucion | cerrado
   |          ^^^^^^^^^^
   = help: corrija los avisos de este archivo; un borrador sin errores se publica con --drafts, y al cambiar `estado` sus errores vuelven a ser errores

{level}[E21]: `institucion.nombre` conserva el texto de la plantilla «Nombre de la institución educativa»
  --> content/planes/{id}.toml:27:10
   |
27 | nombre = "Nombre de la institución educativa"
   |          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   = help: reemplácelo por el dato de su plan; mientras el plan no esté listo, déjelo con `estado = "borrador"`: así no se publica

{level}[E21]: `institucion.dre` tiene un espacio por completar de la plantilla (`…`): «DRE …»
  --> content/planes/{id}.toml:30:7
   |
30 | dre = "DRE …"
   |       ^^^^^^^
   = help: reemplácelo por el dato de su plan; mientras el plan no esté listo, déjelo con `estado = "borrador"`: así no se publica

{level}[E21]: `institucion.ugel` tiene un espacio por completar de la plantilla (`…`): «UGEL …»
  --> content/planes/{id}.toml:31:8
   |
31 | ugel = "UGEL …"
   |        ^^^^^^^^
   = help: reemplácelo por el dato de su plan; mientras el plan no esté listo, déjelo con `estado = "borrador"`: así no se publica

{level}[E21]: `equipo.nombre` conserva el texto de la plantilla «Nombre de la directora o el director»
  --> content/planes/{id}.toml:38:10
   |
38 | nombre = "Nombre de la directora o el director"
   |          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   = help: reemplácelo por el dato de su plan; mientras el plan no esté listo, déjelo con `estado = "borrador"`: así no se publica

{level}[E21]: `textos.presentacion` conserva el texto de la plantilla «Qué es este plan y para qué se elaboró.»
  --> content/planes/{id}.toml:43:16
   |
43 | presentacion = """
   |                ^^^
   = help: reemplácelo por el dato de su plan; mientras el plan no esté listo, déjelo con `estado = "borrador"`: así no se publica

"#
    )
}

#[test]
fn an_id_naming_another_year_than_anio_is_a_warning() {
    let site = crate::plan_rules::site();
    let text = std::fs::read_to_string(site.path(PLAN)).expect("read the fixture plan");
    site.write(
        "content/planes/ie-prueba-2025.toml",
        text.replace("id = \"ie-prueba-2024\"", "id = \"ie-prueba-2025\""),
    );
    site.senda(&["check"]).assert_ok().assert_stderr(
        r#"warning[W15]: el id `ie-prueba-2025` dice 2025, pero `anio` es 2024
 --> content/planes/ie-prueba-2025.toml:5:6
  |
5 | id = "ie-prueba-2025"
  |      ^^^^^^^^^^^^^^^^
  = help: si el plan es de 2024, cambie el año en el id y en el nombre del archivo; si es de 2025, corrija `anio`

"#,
    );
}

#[test]
fn a_drafts_private_file_is_checked_with_warnings() {
    let site = with_draft(&[]);
    site.write(
        "content/planes/ie-borrador-2024.privado.toml",
        "plan = \"ie-otra-2024\"\n",
    );
    site.senda(&["check"]).assert_ok().assert_stderr(
        r#"warning[E16]: el plan `ie-otra-2024` no corresponde a este archivo
 --> content/planes/ie-borrador-2024.privado.toml:1:8
  |
1 | plan = "ie-otra-2024"
  |        ^^^^^^^^^^^^^^
  = help: el archivo `ie-borrador-2024.privado.toml` acompaña al plan `ie-borrador-2024.toml`: escriba `plan = "ie-borrador-2024"`

"#,
    );
    let strict = site.senda(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(strict.stderr.starts_with("error[E16]"), "{}", strict.stderr);
}
