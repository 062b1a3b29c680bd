//! School plans as people receive them: pages, listings, exports, and the guarantee that
//! nothing private reaches any public file.

use std::path::Path;

use crate::util::{PRIVATE_VALUES, TestSite, snapshot};

fn site() -> TestSite {
    TestSite::fixture("privacy").with_bundled_theme()
}

fn built() -> TestSite {
    let site = site();
    site.build().assert_ok();
    site
}

#[test]
fn private_data_never_reaches_any_output_file() {
    let site = built();
    // The private values below must really be in the site's data, or this test proves nothing:
    // the private planners, written outside the site, do contain them.
    let planners = site.path("../planificadores");
    site.senda(&[
        "build",
        "--private",
        "--output",
        &planners.to_string_lossy(),
    ])
    .assert_ok();
    let private_output: String = snapshot(&planners)
        .into_iter()
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    let files = snapshot(&site.path("public"));
    let kinds: Vec<&str> = [
        "index.html",
        "plan.json",
        "planes.json",
        "calendario.ics",
        "visitas.csv",
        "sitemap.xml",
    ]
    .into_iter()
    .filter(|name| files.iter().any(|(path, _)| path.ends_with(name)))
    .collect();
    assert_eq!(
        kinds.len(),
        6,
        "the build should write every kind of file; found {kinds:?}"
    );

    // The private vocabulary, as keys of any structured output.
    let private_keys = [
        "\"seguimiento\"",
        "\"nivel_logro\"",
        "\"fortalezas\"",
        "\"aspectos_criticos\"",
        "\"compromisos\"",
        "\"necesidades_formacion\"",
        "\"mejoras\"",
    ];
    for value in &PRIVATE_VALUES {
        assert!(
            private_output.contains(value),
            "{value} is not in the private data"
        );
    }
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for needle in PRIVATE_VALUES.iter().chain(&private_keys) {
            assert!(
                !text.contains(needle),
                "{needle} leaked into {}",
                path.display()
            );
        }
        assert!(
            !path.to_string_lossy().contains("privado"),
            "a private file was copied: {}",
            path.display()
        );
    }
}

#[test]
fn teachers_names_are_masked_as_the_plan_says() {
    let site = built();
    let page = site.output("planes/ie-zeta-2024/index.html");
    assert!(page.contains("Z. Q. U."), "initials missing");
    assert!(page.contains("F. X. B."), "initials missing");
    // Office holders who sign the plan are named in full.
    assert!(page.contains("Directora Ficticia Uno"));

    let plan = std::fs::read_to_string(site.path("content/planes/ie-zeta-2024.toml")).unwrap();
    site.write(
        "content/planes/ie-zeta-2024.toml",
        plan.replace("\"iniciales\"", "\"codigo\""),
    );
    site.build().assert_ok();
    let page = site.output("planes/ie-zeta-2024/index.html");
    assert!(page.contains("Docente 01") && page.contains("Docente 02"));
    assert!(!page.contains("Z. Q. U."));
}

#[test]
fn full_names_on_a_public_build_are_warned_about() {
    let site = site();
    let plan = std::fs::read_to_string(site.path("content/planes/ie-zeta-2024.toml")).unwrap();
    site.write(
        "content/planes/ie-zeta-2024.toml",
        plan.replace("\"iniciales\"", "\"completo\""),
    );
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("warning[P5]: los nombres completos de las y los docentes se publicarán"),
        "{}",
        run.stderr
    );
    assert!(
        site.output("planes/ie-zeta-2024/index.html")
            .contains("Zacarías Quelopana Urquizo")
    );
}

#[test]
fn plan_pages_listings_and_exports_are_written() {
    let site = built();
    for file in [
        "planes/index.html",
        "planes/ie-zeta-2024/index.html",
        "planes/ie-zeta-2024/imprimir/index.html",
        "planes/ie-zeta-2024/calendario.ics",
        "planes/ie-zeta-2024/plan.json",
        "planes/ie-zeta-2024/visitas.csv",
        "planes/planes.json",
        "planes/ugel/ugel-chucuito/index.html",
        "planes/2024/index.html",
    ] {
        assert!(site.output_exists(file), "{file} was not written");
    }
    assert!(
        site.output("planes/index.html")
            .contains("href=\"ie-zeta-2024/\"")
    );
    assert!(
        site.output("planes/ugel/ugel-chucuito/index.html")
            .contains("href=\"../../ie-zeta-2024/\"")
    );
    assert!(
        site.output("sitemap.xml")
            .contains("<loc>https://example.org/planes/ie-zeta-2024/</loc>")
    );
    let page = site.output("planes/ie-zeta-2024/index.html");
    assert!(page.contains("RD N° 001-2024-IE ZETA"));
    assert!(
        page.contains("href=\"../../estrategias/visita-en-aula/\""),
        "strategy not linked to its guide"
    );
}

#[test]
fn the_print_version_is_the_plan_without_site_chrome() {
    let site = built();
    let print = site.output("planes/ie-zeta-2024/imprimir/index.html");
    let page = site.output("planes/ie-zeta-2024/index.html");
    for chrome in [
        "class=\"site-header\"",
        "class=\"site-footer\"",
        "aria-label=\"Secciones del portal\"",
        "skip-link",
    ] {
        assert!(page.contains(chrome), "the plan page should have {chrome}");
        assert!(
            !print.contains(chrome),
            "the print version must not have {chrome}"
        );
    }
    for part in [
        "RD N° 001-2024-IE ZETA",
        "Z. Q. U.",
        "Directora Ficticia Uno",
        "Cronograma de actividades",
    ] {
        assert!(print.contains(part), "the print version lacks {part}");
    }
}

#[test]
fn plan_json_is_the_public_plan() {
    let site = built();
    let json = site.output("planes/ie-zeta-2024/plan.json");
    for expected in [
        "\"id\": \"ie-zeta-2024\"",
        "\"nombre\": \"Z. Q. U.\"",
        "\"nombre_completo\": \"IE N° 70001 «Zeta»\"",
        "\"nombres_docentes\": \"iniciales\"",
    ] {
        assert!(json.contains(expected), "{expected} missing from plan.json");
    }
    // The index summarizes each plan and points to its full data, rather than repeating it.
    let all = site.output("planes/planes.json");
    for expected in [
        "\"esquema\": \"pmap/1\"",
        "\"id\": \"ie-zeta-2024\"",
        "\"institucion\": \"IE N° 70001 «Zeta»\"",
        "\"datos\": \"/planes/ie-zeta-2024/plan.json\"",
    ] {
        assert!(
            all.contains(expected),
            "{expected} missing from planes.json:\n{all}"
        );
    }
    assert!(
        !all.contains("\"cronograma_visitas\""),
        "planes.json repeats whole plans:\n{all}"
    );
}

#[test]
fn visit_csv_opens_in_spreadsheets_with_accents() {
    let site = built();
    let bytes = std::fs::read(site.path("public/planes/ie-zeta-2024/visitas.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "no UTF-8 byte-order mark"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "docente,codigo,nivel,grados,secciones,areas,visita,fase,fecha,mes,responsable"
    );
    assert_eq!(
        lines[1],
        "Z. Q. U.,d-0d53bccf02cd,primaria,1°; 2°,,,1,diagnostico,2024-04-09,abril,Directora Ficticia Uno"
    );
    assert_eq!(lines.len(), 4, "{text}");
}

/// Parses the calendar with Python's `icalendar` (a real RFC 5545 parser) and returns one
/// line per event: `UID|DTSTART|DTEND|SUMMARY`.
fn parse_calendar(path: &Path) -> Vec<String> {
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for e in cal.walk('VEVENT'):
    print(f"{e['UID']}|{e.decoded('DTSTART')}|{e.decoded('DTEND')}|{e['SUMMARY']}")
"#;
    crate::util::python_calendar(script, path)
}

#[test]
fn calendar_is_valid_icalendar_with_stable_uids() {
    let site = built();
    let ics = site.path("public/planes/ie-zeta-2024/calendario.ics");
    let events = parse_calendar(&ics);
    assert_eq!(
        events,
        [
            "ie-zeta-2024-visita-d-0d53bccf02cd-1@senda|2024-04-09|2024-04-10|Visita I (diagnóstico) – Z. Q. U.",
            "ie-zeta-2024-visita-d-0d53bccf02cd-2@senda|2024-06-01|2024-07-01|Visita II (proceso) – Z. Q. U.",
            "ie-zeta-2024-visita-d-a316e967cca3-1@senda|2024-04-10|2024-04-11|Visita I (diagnóstico) – F. X. B.",
            "ie-zeta-2024-actividad-1-abr@senda|2024-04-01|2024-05-01|Visitas en aula, diálogo reflexivo",
            "ie-zeta-2024-actividad-1-jun@senda|2024-06-01|2024-07-01|Visitas en aula, diálogo reflexivo",
        ]
    );
    // Re-publishing with a changed date keeps the event's UID, so calendars update it.
    let plan = std::fs::read_to_string(site.path("content/planes/ie-zeta-2024.toml")).unwrap();
    site.write(
        "content/planes/ie-zeta-2024.toml",
        plan.replace("fecha = 2024-04-09", "fecha = 2024-04-16"),
    );
    site.build().assert_ok();
    let events = parse_calendar(&ics);
    assert_eq!(
        events[0],
        "ie-zeta-2024-visita-d-0d53bccf02cd-1@senda|2024-04-16|2024-04-17|Visita I (diagnóstico) – Z. Q. U."
    );
}

/// A month carries no year: in a Peruvian plan every month is of `anio`, so a February
/// planning activity of a 2024 plan (before its March start) is February 2024, as the rules
/// that order visits read it, not February 2025.
#[test]
fn calendar_dates_months_before_the_period_in_the_plans_year() {
    let site = site();
    let plan = std::fs::read_to_string(site.path("content/planes/ie-zeta-2024.toml")).unwrap();
    site.write(
        "content/planes/ie-zeta-2024.toml",
        plan.replace("meses = [\"abr\", \"jun\"]", "meses = [\"feb\", \"abr\"]"),
    );
    site.build().assert_ok();
    let events = parse_calendar(&site.path("public/planes/ie-zeta-2024/calendario.ics"));
    let activities: Vec<&str> = events
        .iter()
        .filter(|e| e.contains("-actividad-"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        activities,
        [
            "ie-zeta-2024-actividad-1-feb@senda|2024-02-01|2024-03-01|Visitas en aula, diálogo reflexivo",
            "ie-zeta-2024-actividad-1-abr@senda|2024-04-01|2024-05-01|Visitas en aula, diálogo reflexivo",
        ]
    );
}

#[test]
fn private_planners_are_written_only_outside_the_site() {
    let site = site();
    site.senda(&["build", "--private"])
        .assert_failure(r#"error: --private needs an explicit --output folder
  = help: pass --output with a folder of its own outside the site and its public output, e.g. `--output ../planificadores`

1 error found; nothing was written, the previous output is unchanged
"#);
    let inside = site.path("planificadores");
    site.senda(&["build", "--private", "--output", &inside.to_string_lossy()])
        .assert_failure(r#"error: refusing to write private planners into <tmp>/site/planificadores: it is inside the site, next to what gets published
  = help: pass --output with a folder of its own outside the site and its public output, e.g. `--output ../planificadores`

1 error found; nothing was written, the previous output is unchanged
"#);
    assert!(!inside.exists());

    let outside = site.path("../planificadores");
    let run = site.senda(&["build", "--private", "--output", &outside.to_string_lossy()]);
    run.assert_ok();
    assert!(
        run.stdout.contains("(personal data: do not publish)"),
        "{}",
        run.stdout
    );
    let planner = std::fs::read_to_string(outside.join("ie-zeta-2024/d01.html")).unwrap();
    assert!(planner.contains("Zacarías Quelopana Urquizo"));
    assert!(planner.contains("Retroalimenta con preguntas abiertas muy oportunas"));
    assert!(planner.contains("Nivel II"));
    assert!(outside.join("ie-zeta-2024/d02.html").exists());
    assert!(
        !site.path("public").exists(),
        "--private must not build the public site"
    );
}

#[test]
fn a_private_file_in_the_output_folder_stops_the_build() {
    let site = site();
    site.build().assert_ok();
    site.write("public/copia.privado.toml", "plan = \"ie-zeta-2024\"\n");
    site.build()
        .assert_failure(r#"error[P4]: hay un archivo privado dentro de la carpeta de salida: public/copia.privado.toml
  = help: muévalo a content/planes/: la carpeta de salida se publica y se reemplaza en cada construcción

1 error found; nothing was written, the previous output is unchanged
"#);
    assert!(
        site.path("public/copia.privado.toml").exists(),
        "the private file must survive"
    );
}

#[test]
fn personal_data_in_a_page_stops_the_build() {
    let site = site();
    site.write(
        "content/estrategias/contacto.md",
        "+++\ntitle = \"Contacto\"\n+++\nLlame a la docente al 987 654 321 o escriba a maria.q@gmail.com\n",
    );
    site.build().assert_failure(
        r#"error[P2]: parece un número de celular personal
 --> content/estrategias/contacto.md:4:23
  |
4 | Llame a la docente al 987 654 321 o escriba a maria.q@gmail.com
  |                       ^^^^^^^^^^^
  = help: quítelo; solo el teléfono institucional puede publicarse, en `institucion.contacto`

error[P2]: parece un correo personal (@gmail.com)
 --> content/estrategias/contacto.md:4:47
  |
4 | Llame a la docente al 987 654 321 o escriba a maria.q@gmail.com
  |                                               ^^^^^^^^^^^^^^^^^
  = help: quítelo; solo el correo institucional puede publicarse, en `institucion.contacto`

2 errors found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn new_plan_writes_a_template_and_never_overwrites() {
    let site = site();
    let run = site.senda(&["new", "plan", "ie-nueva-2026"]);
    run.assert_ok();
    let path = site.path("content/planes/ie-nueva-2026.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("id = \"ie-nueva-2026\""));
    assert!(text.contains("esquema = \"pmap/1\""));
    // What `check` says of the unfilled template: drafts::the_unfilled_template_is_a_draft_that_strict_check_refuses.

    std::fs::write(&path, "# mi trabajo\n").unwrap();
    site.senda(&["new", "plan", "ie-nueva-2026"])
        .assert_failure(
            r#"error: <tmp>/site/content/planes/ie-nueva-2026.toml already exists
  = help: edit that file, or choose another id; senda never overwrites a plan

"#,
        );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mi trabajo\n");
    site.senda(&["new", "plan", "IE Nueva"])
        .assert_failure(r#"error: `IE Nueva` cannot be a plan id
  = help: use lowercase letters without accents, digits and hyphens, e.g. `ie70999-nueva-esperanza-2025`

"#);
}

/// Plans are built a chunk at a time: every plan of a large portal still gets its pages and
/// exports, and each private file is still checked against its own plan, whichever chunk it
/// falls in.
#[test]
fn a_portal_of_many_plans_is_built_whole() {
    let site = site();
    let plan = std::fs::read_to_string(site.path("content/planes/ie-zeta-2024.toml")).unwrap();
    let private =
        std::fs::read_to_string(site.path("content/planes/ie-zeta-2024.privado.toml")).unwrap();
    site.remove("content/planes/ie-zeta-2024.privado.toml");
    let count = 600;
    for n in 0..count {
        let id = format!("ie-z{n:03}-2024");
        site.write(
            &format!("content/planes/{id}.toml"),
            plan.replace("ie-zeta-2024", &id),
        );
    }
    // The last plan's companion names a teacher its plan does not have.
    site.write(
        "content/planes/ie-z599-2024.privado.toml",
        private
            .replace("ie-zeta-2024", "ie-z599-2024")
            .replace("\"d02\"", "\"d99\""),
    );
    site.build().assert_failure(
        r#"error[E16]: `d99` no es docente del plan `ie-z599-2024`
  --> content/planes/ie-z599-2024.privado.toml:15:11
   |
15 | docente = "d99"
   |           ^^^^^
   = help: use un id de `[[docentes]]` del plan

1 error found; nothing was written, the previous output is unchanged
"#,
    );

    site.remove("content/planes/ie-z599-2024.privado.toml");
    site.build().assert_ok();
    for n in [0, 255, 256, 599] {
        let dir = format!("planes/ie-z{n:03}-2024");
        for file in [
            "index.html",
            "imprimir/index.html",
            "plan.json",
            "calendario.ics",
        ] {
            assert!(
                site.output_exists(&format!("{dir}/{file}")),
                "{dir}/{file} missing"
            );
        }
    }
    let index = site.output("planes/planes.json");
    assert_eq!(index.matches("\"datos\": ").count(), count + 1, "{index}");
    assert!(site.output("sitemap.xml").contains("/planes/ie-z599-2024/"));
}

/// A build writes plans into its staging folder as it goes: an error found in the last chunk,
/// after hundreds of plans were written, must still leave the previous site as it was and no
/// staging folder behind.
#[test]
fn an_error_in_the_last_chunk_keeps_the_previous_site() {
    let site = built();
    let before = snapshot(&site.path("public"));
    let plan = std::fs::read_to_string(site.path("content/planes/ie-zeta-2024.toml")).unwrap();
    for n in 0..300 {
        let id = format!("ie-z{n:03}-2024");
        site.write(
            &format!("content/planes/{id}.toml"),
            plan.replace("ie-zeta-2024", &id),
        );
    }
    // The last plan, in the second chunk, publishes a personal phone.
    let broken = plan.replace("ie-zeta-2024", "ie-z299-2024").replacen(
        "lugar = \"Juli\"",
        "lugar = \"Juli, cel. 987654321\"",
        1,
    );
    site.write("content/planes/ie-z299-2024.toml", broken);
    site.build().assert_failure(
        r#"error[P2]: parece un número de celular personal
 --> content/planes/ie-z299-2024.toml:6:21
  |
6 | lugar = "Juli, cel. 987654321"
  |                     ^^^^^^^^^
  = help: quítelo; solo el teléfono institucional puede publicarse, en `institucion.contacto`

1 error found; nothing was written, the previous output is unchanged
"#,
    );

    assert!(
        before == snapshot(&site.path("public")),
        "the previous site changed"
    );
    let leftovers: Vec<String> = std::fs::read_dir(&site.root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("senda-staging") || name.contains("senda-old"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}
