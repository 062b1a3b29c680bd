//! Numbers and names at their limits: a visit number that would size the schedule, budget
//! amounts TOML writes as `inf` and `nan`, years too large for a date, and names a disk or
//! Windows cannot hold. Each must be a located diagnostic, never an abort, a hang, an io
//! error without a file name, or a site that does not open from a USB stick.

use std::fs;

use crate::plan_rules::{
    PLAN, assert_clean, assert_error, assert_only_error, at, check, edit_plan, headers, site,
};
use crate::util::{Run, TestSite};

// ---- E12: visit numbers that would size an allocation --------------------------------------

/// The numbers of the bug reports: 20,000,000 aborted `check` on a failed allocation (2,000,000
/// took 900 MB just to report E12); 1,000,000,000 aborted every command; i64::MAX spun.
const HUGE: [&str; 3] = ["20000000", "1000000000", "9223372036854775807"];

fn with_visit_number(site: &TestSite, n: &str) {
    edit_plan(
        site,
        &[(
            "docente = \"d01\"\nn = 1\n",
            &format!("docente = \"d01\"\nn = {n}\n"),
        )],
    );
}

#[track_caller]
fn assert_huge_visit_number(run: &Run, n: &str) {
    assert_only_error(
        run,
        &format!("error[E12]: el número de visita n={n} de `d01` está fuera de rango"),
        &at(PLAN, "138:5"),
        "los números de visita van de 1 a 100 por docente: numere sus visitas 1, 2, 3…",
    );
}

#[test]
fn a_huge_visit_number_is_a_located_error_in_check() {
    for n in HUGE {
        let site = site();
        with_visit_number(&site, n);
        assert_huge_visit_number(&site.senda(&["check"]), n);
    }
}

#[test]
fn a_huge_visit_number_is_a_located_error_in_build_and_nothing_is_written() {
    for n in HUGE {
        let site = site();
        with_visit_number(&site, n);
        assert_huge_visit_number(&site.build(), n);
        assert!(!site.path("public").exists(), "n = {n}: nothing is written");
    }
}

#[test]
fn visit_numbers_up_to_the_cap_are_numbered_as_usual() {
    // 100 is in range, so the usual E12 message about the gap is given.
    let run = check(&[("docente = \"d01\"\nn = 1\n", "docente = \"d01\"\nn = 100\n")]);
    assert_only_error(
        &run,
        "error[E12]: las visitas de `d01` empiezan en n=2, no en n=1",
        &at(PLAN, "146:5"),
        "numere las visitas de cada docente 1, 2, 3… sin repetir ni saltar",
    );
    let run = check(&[("docente = \"d01\"\nn = 1\n", "docente = \"d01\"\nn = 101\n")]);
    assert_huge_visit_number(&run, "101");
}

// ---- E3, E7: years too large for a date ------------------------------------------------------

#[test]
fn e7_shows_the_year_as_written_not_truncated() {
    // 2^32 + 2024: truncated to 32 bits it was 2024, and E7 said nothing.
    let run = check(&[("anio = 2024\n", "anio = 4294969320\n")]);
    assert_error(
        &run,
        "error[E7]: la fecha 2024-03-01 no es del año del plan (4294969320)",
        &at(PLAN, "19:10"),
        "en el Perú y Chile el año escolar cae dentro del año calendario",
    );
    assert_error(
        &run,
        "error[E3]: el año 4294969320 está fuera de rango",
        &at(PLAN, "9:8"),
        &format!(
            "el año del plan debe estar entre 2000 y {}",
            current_year() + 1
        ),
    );
}

#[test]
fn the_smallest_32_bit_year_is_an_error_not_an_overflow() {
    // As a 32-bit year, the window of W1 (1 December of the year before) overflowed.
    let run = check(&[("anio = 2024\n", "anio = -2147483648\n")]);
    assert_error(
        &run,
        "error[E3]: el año -2147483648 está fuera de rango",
        &at(PLAN, "9:8"),
        &format!(
            "el año del plan debe estar entre 2000 y {}",
            current_year() + 1
        ),
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

pub(crate) fn current_year() -> i64 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    // Good to the day for the next centuries: 365.2425 days a year since 1970.
    1970 + (seconds as f64 / (365.2425 * 86_400.0)) as i64
}

// ---- E18: inf, nan and totals past the largest number ---------------------------------------

const ITEM: &str = "cantidad = 30, costo_unitario = 1.50";

#[test]
fn e18_an_infinite_amount_has_its_own_message() {
    let run = check(&[(ITEM, "cantidad = inf, costo_unitario = 1.50")]);
    assert_only_error(
        &run,
        "error[E18]: `cantidad` es infinito (`inf`)",
        &at(PLAN, "199:56"),
        "escriba la cifra real, p. ej. `cantidad = 30`: los montos y cantidades son 0 o más",
    );
}

#[test]
fn e18_nan_is_not_a_number_rather_than_negative() {
    let run = check(&[(ITEM, "cantidad = 30, costo_unitario = nan")]);
    assert_only_error(
        &run,
        "error[E18]: `costo_unitario` no es un número (`nan`)",
        &at(PLAN, "199:77"),
        "escriba la cifra, p. ej. `costo_unitario = 30`, o quite la línea si no se conoce",
    );
}

#[test]
fn e18_a_subtotal_or_total_past_the_largest_number_is_an_error() {
    let run = check(&[(ITEM, "cantidad = 1e200, costo_unitario = 1e200")]);
    assert_only_error(
        &run,
        "error[E18]: el subtotal de «Impresión de instrumentos» es demasiado grande para calcularse",
        &at(PLAN, "199:3"),
        "revise `cantidad` y `costo_unitario`: alguna cifra tiene demasiados dígitos",
    );
    // Each subtotal is finite; their sum is not.
    let huge = "{ concepto = \"A\", cantidad = 1, costo_unitario = 1.7e308 }";
    let run = check(&[(
        "  { concepto = \"Impresión de instrumentos\", cantidad = 30, costo_unitario = 1.50, fuente = \"recursos propios\" },\n",
        &format!("  {huge},\n  {huge},\n"),
    )]);
    assert_only_error(
        &run,
        "error[E18]: el total del presupuesto es demasiado grande para calcularse",
        &at(PLAN, "200:3"),
        "revise `cantidad` y `costo_unitario`: alguna cifra tiene demasiados dígitos",
    );
}

// ---- E19: URL schemes in any case ------------------------------------------------------------

#[test]
fn e19_accepts_the_scheme_and_host_in_capitals() {
    let run = check(&[(
        "tipo = \"enlace\"\nurl = \"https://www.minedu.gob.pe/\"",
        "tipo = \"enlace\"\nurl = \"HTTPS://WWW.MINEDU.GOB.PE/\"",
    )]);
    assert_clean(&run);
}

// ---- E1: Windows device names as plan ids ----------------------------------------------------

#[test]
fn e1_a_windows_device_name_cannot_be_a_plan_id() {
    let site = site();
    let text = fs::read_to_string(site.path(PLAN)).expect("plan");
    site.remove(PLAN);
    site.write(
        "content/planes/nul.toml",
        text.replace("id = \"ie-prueba-2024\"", "id = \"nul\""),
    );
    let run = site.senda(&["check"]);
    assert_only_error(
        &run,
        "error[E1]: el id `nul` es un nombre reservado de Windows (`nul`)",
        &at("content/planes/nul.toml", "5:6"),
        &format!(
            "Windows no abre archivos ni carpetas con ese nombre, así que el sitio no se abriría desde una memoria USB: cambie el id y el nombre del archivo, p. ej. `ie-nul-{}`",
            current_year()
        ),
    );
    let run = site.senda(&["new", "plan", "com1"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: `com1` cannot be a plan id: `com1` is a device name on Windows"),
        "{}",
        run.stderr
    );
    assert!(!site.path("content/planes/com1.toml").exists());
}

// ---- Content names ---------------------------------------------------------------------------

const DEVICE: &str = "is a device name on Windows, which cannot open such a file (with any extension), so the site would not open from a USB stick there";

#[test]
fn windows_device_names_are_refused_as_page_folder_and_asset_names() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/guias/Con.md",
        "+++\ntitle = \"Con\"\n+++\nTexto.\n",
    );
    site.write("content/aux/_index.md", "+++\ntitle = \"Aux\"\n+++\n");
    site.write("content/guias/visita/nul.tar.gz", "datos");
    let help = "  = help: rename it, e.g. with a word more (`consejo`, `aux-docente`)\n";
    site.senda(&["check"]).assert_failure(&format!(
        "error: the name `aux` cannot be a file of the site: `aux` {DEVICE}\n --> content/aux/_index.md:1:1\n{help}\n\
         error: the name `Con` (written as `con`) cannot be a file of the site: `con` {DEVICE}\n --> content/guias/Con.md:1:1\n{help}\n\
         error: the name `nul.tar.gz` cannot be a file of the site: `nul` {DEVICE}\n --> content/guias/visita/nul.tar.gz:1:1\n{help}\n\
         senda check found 3 errors\n"
    ));
    // A word that merely starts like one is fine.
    let site = TestSite::fixture("basic");
    site.write(
        "content/guias/consejo.md",
        "+++\ntitle = \"Consejo\"\n+++\n",
    );
    site.senda(&["check"]).assert_ok();
}

#[test]
fn an_asset_name_with_a_backslash_is_refused_with_its_file_named() {
    let site = TestSite::fixture("basic");
    site.write("content/guias/visita/ficha\\anexo.pdf", "pdf");
    site.senda(&["check"]).assert_failure(
        "error: the name `ficha\\anexo.pdf` cannot be a file of the site: it contains `\\`, which Windows does not allow in file names\n --> content/guias/visita:1:1\n  = help: rename it, e.g. with `-` in place of `\\`\n\nsenda check found 1 error\n",
    );
}

#[test]
fn a_name_whose_url_is_too_long_for_the_disk_is_refused_with_its_file_named() {
    // 84 characters of 3 bytes: `<name>.md` is 255 bytes, and its URL spells it in 335.
    let name = "北".repeat(84);
    let site = TestSite::fixture("basic");
    site.write(
        &format!("content/guias/{name}.md"),
        "+++\ntitle = \"Largo\"\n+++\n",
    );
    let slug = vec!["bei"; 84].join("-");
    let expected = format!(
        "error: the name `{name}` (written as `{slug}`) cannot be a file of the site: it is 335 bytes long, and file systems allow at most 255\n --> content/guias/{name}.md:1:1\n  = help: shorten it\n\n1 error found; nothing was written, the previous output is unchanged\n"
    );
    site.senda(&["check"]).assert_failure(&expected.replace(
        "1 error found; nothing was written, the previous output is unchanged",
        "senda check found 1 error",
    ));
    site.build().assert_failure(&expected);
}

#[test]
fn an_output_path_too_long_for_the_system_names_the_file() {
    let site = TestSite::fixture("basic");
    // Folders nested so deep that the page's source path is 4,090 bytes: readable, but its
    // output path, `/index.html` and the staging folder's name longer, is not writable.
    let prefix = site.path("content").as_os_str().len() + 1;
    let mut rel = String::new();
    while prefix + rel.len() + 210 + 5 < 4090 {
        rel.push_str(&"c".repeat(209));
        rel.push('/');
    }
    rel.push_str(&"p".repeat(4090 - prefix - rel.len() - 3));
    rel.push_str(".md");
    site.write(&format!("content/{rel}"), "+++\ntitle = \"Hondo\"\n+++\n");
    let output = format!("{}/index.html", rel.trim_end_matches(".md"));
    let expected = format!(
        "error: the output file `{output}` cannot be written: the path is {} bytes long, and with the output folder (27 bytes) and room for senda's staging folder it passes the 4095 bytes the system opens\n  = help: rename what it is made from (a page or folder of content/, a plan's `ugel` or teacher id), or choose an output folder with a shorter path\n\n1 error found; nothing was written, the previous output is unchanged\n",
        output.len()
    );
    site.senda(&["check"]).assert_failure(&expected.replace(
        "1 error found; nothing was written, the previous output is unchanged",
        "senda check found 1 error",
    ));
    let run = site.build();
    run.assert_failure(&expected);
    assert!(
        !run.stderr.contains("cannot write the site"),
        "{}",
        run.stderr
    );
}

// ---- Symbolic links: skipped, with a warning, for pages and plans alike ----------------------

#[test]
fn symlinked_pages_and_plans_are_skipped_with_a_warning() {
    use std::os::unix::fs::symlink;
    let site = site();
    let outside = site.path("../fuera");
    fs::create_dir_all(&outside).expect("folder");
    let plan = fs::read_to_string(site.path(PLAN)).expect("plan");
    fs::write(
        outside.join("otro.toml"),
        plan.replace("id = \"ie-prueba-2024\"", "id = \"otro\""),
    )
    .expect("write");
    fs::write(
        outside.join("pagina.md"),
        "+++\ntitle = \"Página de fuera\"\n+++\nSecreto de fuera.\n",
    )
    .expect("write");
    symlink(
        outside.join("otro.toml"),
        site.path("content/planes/otro.toml"),
    )
    .expect("link");
    symlink(outside.join("pagina.md"), site.path("content/pagina.md")).expect("link");

    let run = site.build();
    run.assert_ok();
    let help =
        "senda never follows links, which may point outside the site: put the file itself here";
    for link in ["content/pagina.md", "content/planes/otro.toml"] {
        let expected = format!(
            "warning: `{link}` is a symbolic link: skipped\n --> {link}:1:1\n  = help: {help}\n"
        );
        assert!(
            run.stderr.contains(&expected),
            "expected:\n{expected}\n--- stderr:\n{}",
            run.stderr
        );
    }
    assert_eq!(headers(&run.stderr).len(), 2, "{}", run.stderr);
    assert!(run.stdout.contains("1 plan"), "{}", run.stdout);
    assert!(!site.output_exists("planes/otro/index.html"));
    assert!(!site.output_exists("pagina/index.html"));
}

// ---- site.toml: control characters and the theme's folder -------------------------------------

#[test]
fn a_control_character_in_a_site_toml_string_is_an_error() {
    let site = TestSite::fixture("basic");
    let config = fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        config.replace(
            "title = \"Portal de prueba\"",
            "title = \"Portal\\u0000de prueba\"",
        ),
    );
    let help = "  = help: remove it: settings are plain text (line breaks and tabs only in free text such as `description`)\n";
    site.senda(&["check"]).assert_failure(&format!(
        "error: a text in site.toml contains the control character U+0000\n --> site.toml:1:9\n  |\n1 | title = \"Portal\\u0000de prueba\"\n  |         ^^^^^^^^^^^^^^^^^^^^^^^\n{help}\nsenda check found 1 error\n"
    ));
    // Line breaks are fine in free text, not in one-line values.
    site.write(
        "site.toml",
        config.replace(
            "description = \"Un sitio pequeño para las pruebas.\"",
            "description = \"Un sitio\\npequeño.\"\n[strings]\n\"a\\u0007\" = \"x\"",
        ),
    );
    site.senda(&["check"]).assert_failure(&format!(
        "error: a text in site.toml contains the control character U+0007\n --> site.toml:6:1\n  |\n6 | \"a\\u0007\" = \"x\"\n  | ^^^^^^^^^\n{help}\nsenda check found 1 error\n"
    ));
}

#[test]
fn the_theme_must_be_a_folder_of_themes() {
    let site = TestSite::fixture("basic");
    let config = fs::read_to_string(site.path("site.toml")).expect("site.toml");
    let outside = site.path("../otro-tema");
    crate::util::copy_dir(&site.path("themes/plain"), &outside);
    // Both exist, one beside the site and one through `..`: neither is a folder of themes/.
    for theme in [
        outside.to_string_lossy().into_owned(),
        "../themes/plain".to_string(),
        "..".to_string(),
    ] {
        site.write(
            "site.toml",
            config.replace("theme = \"plain\"", &format!("theme = \"{theme}\"")),
        );
        let tmp = site.root.parent().expect("the temporary folder");
        let shown = theme.replace(&*tmp.to_string_lossy(), "<tmp>");
        let caret = "^".repeat("theme".len());
        site.senda(&["check"]).assert_failure(&format!(
            "error: `theme` must be the name of a folder in themes/, not `{shown}`\n --> site.toml:3:1\n  |\n3 | theme = \"{shown}\"\n  | {caret}\n  = help: write only the folder's name, without `/`, `\\` or `..`: one of `plain`\n\nsenda check found 1 error\n"
        ));
    }
}

// ---- --private: teacher ids name the planners' files --------------------------------------------

#[test]
fn a_teacher_id_that_windows_reserves_stops_the_private_planners() {
    let site = TestSite::fixture("privacy").with_bundled_theme();
    for file in [
        "content/planes/ie-zeta-2024.toml",
        "content/planes/ie-zeta-2024.privado.toml",
    ] {
        let text = fs::read_to_string(site.path(file)).expect("plan");
        site.write(file, text.replace("\"d01\"", "\"con\""));
    }
    let outside = site.path("../planificadores");
    let run = site.senda(&["build", "--private", "--output", &outside.to_string_lossy()]);
    run.assert_failure(&format!(
        "error: the output file `ie-zeta-2024/con.html` cannot be written: `con.html`: `con` {DEVICE}\n  = help: rename what it is made from (a page or folder of content/, a plan's `ugel` or teacher id), or choose an output folder with a shorter path\n\n1 error found; nothing was written, the previous output is unchanged\n"
    ));
    assert!(!outside.join("ie-zeta-2024").exists());
}

/// A static file Windows cannot hold is named from the site's folder, with what to do.
#[test]
fn a_static_file_with_a_device_name_is_named_from_the_site() {
    let site = TestSite::fixture("basic");
    site.write("static/con.txt", "texto\n");
    site.build().assert_failure(&format!(
        "error: the output file `con.txt` cannot be written: `con.txt`: `con` {DEVICE}\n --> static/con.txt:1:1\n  = help: rename the file it is copied from\n\n1 error found; nothing was written, the previous output is unchanged\n"
    ));
}
