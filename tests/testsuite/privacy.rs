//! Private data kept out of the published site as careless users would let it in: copies of
//! a private file beside it, and DNIs, mobiles and personal mail in a page's front matter or
//! written the ways people in Peru write them.

use crate::util::{PRIVATE_VALUES, TestSite, snapshot};

fn site() -> TestSite {
    TestSite::fixture("privacy").with_bundled_theme()
}

/// Every file under `public/` as text, with its path.
fn published(site: &TestSite) -> Vec<(String, String)> {
    snapshot(&site.path("public"))
        .into_iter()
        .map(|(path, bytes)| {
            (
                path.to_string_lossy().into_owned(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        })
        .collect()
}

/// The names editors, merge tools and file managers give copies of a private file.
const BACKUPS: [&str; 8] = [
    "ie-zeta-2024.privado.toml.bak",
    "ie-zeta-2024.privado.toml.orig",
    "ie-zeta-2024.privado.toml.old",
    "ie-zeta-2024.privado.toml.txt",
    "ie-zeta-2024.privado.toml (copia)",
    "ie-zeta-2024.privado.TOML",
    "IE-ZETA-2024.PRIVADO.TOML",
    "notas.privado",
];

#[test]
fn copies_of_a_private_file_are_never_published_and_are_reported() {
    let site = site();
    let private = std::fs::read_to_string(site.path("content/planes/ie-zeta-2024.privado.toml"))
        .expect("the fixture's private file");
    let mut placed = Vec::new();
    for name in BACKUPS {
        for dir in ["content/planes", "content/estrategias", "static"] {
            let rel = format!("{dir}/{name}");
            site.write(&rel, &private);
            placed.push(rel);
        }
    }
    let run = site.build();
    run.assert_ok();
    for rel in &placed {
        let expected = format!(
            "warning[P6]: el nombre lleva `.privado`: este archivo no se publica ni se lee\n --> {rel}:1:1\n  = help: un archivo con `.privado` en el nombre guarda datos personales de docentes; solo `content/planes/<id>.privado.toml` se lee, y nunca se publica: saque las copias (.bak, .orig, «copia»…) de la carpeta del sitio\n"
        );
        assert!(
            run.stderr.contains(&expected),
            "expected in stderr:\n{expected}\n--- but stderr was:\n{}",
            run.stderr
        );
    }
    // The plan's own private file is where it belongs: read, not reported.
    assert!(
        !run.stderr
            .contains("--> content/planes/ie-zeta-2024.privado.toml:")
    );
    assert!(site.output_exists("planes/ie-zeta-2024/index.html"));
    for (path, text) in published(&site) {
        assert!(
            !path.to_lowercase().contains("privado"),
            "a private file was copied: {path}"
        );
        for value in PRIVATE_VALUES {
            assert!(!text.contains(value), "{value} leaked into {path}");
        }
    }
}

#[test]
fn a_copy_of_a_private_file_in_the_output_folder_stops_the_build() {
    let site = site();
    site.build().assert_ok();
    site.write(
        "public/ie-zeta-2024.privado.toml.bak",
        "plan = \"ie-zeta-2024\"\n",
    );
    site.build()
        .assert_failure(r#"error[P4]: hay un archivo privado dentro de la carpeta de salida: public/ie-zeta-2024.privado.toml.bak
  = help: muévalo a content/planes/: la carpeta de salida se publica y se reemplaza en cada construcción

1 error found; nothing was written, the previous output is unchanged
"#);
    assert!(
        site.path("public/ie-zeta-2024.privado.toml.bak").exists(),
        "the copy must survive"
    );
}

#[test]
fn copies_of_a_public_plan_are_not_published_with_the_names_it_masks() {
    let site = site();
    let plan = std::fs::read_to_string(site.path("content/planes/ie-zeta-2024.toml"))
        .expect("the fixture's plan");
    assert!(
        plan.contains("Quelopana"),
        "the plan names a masked teacher"
    );
    for name in [
        "ie-zeta-2024.toml.bak",
        "ie-zeta-2024.toml (copia)",
        "ie-zeta-2024.TOML",
    ] {
        site.write(&format!("content/planes/{name}"), &plan);
    }
    site.build().assert_ok();
    for (path, text) in published(&site) {
        assert!(
            !path.contains(".toml") && !path.contains(".TOML"),
            "{path} was copied"
        );
        assert!(
            !text.contains("Quelopana"),
            "a masked name leaked into {path}"
        );
    }
}

/// The page the front matter tests write: `marker` in its title, its description, a string
/// deep in `[extra]` and an integer of `[extra]`.
fn page_with(title: &str, description: &str, contact: &str, phone: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndescription = \"{description}\"\n\n[extra]\ndni = \"{title}\"\n[extra.contacto]\ncorreos = [\"{contact}\"]\ncelular = {phone}\n+++\nUna página.\n"
    )
}

#[test]
fn personal_data_in_front_matter_stops_the_build_and_reaches_no_output() {
    let site = site();
    site.write(
        "site.toml",
        format!(
            "build_search_index = true\n{}",
            std::fs::read_to_string(site.path("site.toml")).expect("site.toml")
        ),
    );
    // Harmless values first, to prove the title and description reach the page, its
    // listing, its <meta> and the search index: where a DNI in them would be published.
    let page = "content/estrategias/contacto.md";
    site.write(page, page_with("Ficha 4567", "Anexo 4567", "x", "7"));
    site.build().assert_ok();
    let holds = |file: &str, what: &str| site.output(file).contains(what);
    assert!(holds(
        "estrategias/contacto/index.html",
        "<title>Ficha 4567"
    ));
    assert!(holds(
        "estrategias/contacto/index.html",
        "<meta name=\"description\" content=\"Anexo 4567\">"
    ));
    assert!(holds("estrategias/index.html", "Ficha 4567"));
    assert!(holds("estrategias/index.html", "Anexo 4567"));
    let index = crate::search::index_text(&site);
    assert!(index.contains("Ficha 4567"));
    assert!(index.contains("Anexo 4567"));

    site.write(
        page,
        page_with(
            "Ficha DNI 45678912",
            "Celular +51 987 654 321",
            "ana.q@gmail.com",
            "987654321",
        ),
    );
    let run = site.build();
    run.assert_failure(
        r#"error[P1]: parece un número de DNI
 --> content/estrategias/contacto.md:2:20
  |
2 | title = "Ficha DNI 45678912"
  |                    ^^^^^^^^
  = help: un DNI es un dato personal: quítelo; los planes públicos no llevan documentos de identidad

error[P2]: parece un número de celular personal
 --> content/estrategias/contacto.md:3:24
  |
3 | description = "Celular +51 987 654 321"
  |                        ^^^^^^^^^^^^^^^
  = help: quítelo; solo el teléfono institucional puede publicarse, en `institucion.contacto`

error[P1]: parece un número de DNI
 --> content/estrategias/contacto.md:6:18
  |
6 | dni = "Ficha DNI 45678912"
  |                  ^^^^^^^^
  = help: un DNI es un dato personal: quítelo; los planes públicos no llevan documentos de identidad

error[P2]: parece un correo personal (@gmail.com)
 --> content/estrategias/contacto.md:8:13
  |
8 | correos = ["ana.q@gmail.com"]
  |             ^^^^^^^^^^^^^^^
  = help: quítelo; solo el correo institucional puede publicarse, en `institucion.contacto`

error[P2]: parece un número de celular personal
 --> content/estrategias/contacto.md:9:11
  |
9 | celular = 987654321
  |           ^^^^^^^^^
  = help: quítelo; solo el teléfono institucional puede publicarse, en `institucion.contacto`

5 errors found; nothing was written, the previous output is unchanged
"#,
    );
    for (path, text) in published(&site) {
        for leak in ["45678912", "987 654 321", "ana.q@gmail.com", "987654321"] {
            assert!(!text.contains(leak), "{leak} reached {path}");
        }
    }
    assert!(
        site.output("estrategias/contacto/index.html")
            .contains("Ficha 4567"),
        "the previous site stays as it was"
    );
}

#[test]
fn phones_and_dnis_as_people_in_peru_write_them_stop_the_build() {
    let site = site();
    // Each spelling, the rule it breaks, and the part of it that is flagged.
    let spellings = [
        ("+51 987654321", "P2", "+51 987654321"),
        ("+51987654321", "P2", "+51987654321"),
        ("(+51) 987 654 321", "P2", "987 654 321"),
        ("987.654.321", "P2", "987.654.321"),
        ("987 65 43 21", "P2", "987 65 43 21"),
        ("DNI: 45.678.912", "P1", "45.678.912"),
        ("D.N.I. 45 678 912", "P1", "45 678 912"),
        ("DNI45678912", "P1", "45678912"),
    ];
    let body: String = spellings
        .iter()
        .map(|(s, _, _)| format!("{s}\n\n"))
        .collect();
    site.write(
        "content/estrategias/contacto.md",
        format!("+++\ntitle = \"Contacto\"\n+++\n{body}"),
    );
    // One error per number, in order, each pointing at the number.
    let mut expected = String::new();
    for (line, (spelling, code, flagged)) in spellings.iter().enumerate() {
        let line = 4 + 2 * line;
        let column = spelling.find(flagged).expect("flagged part") + 1;
        // The gutter is as wide as the line number.
        let pad = " ".repeat(line.to_string().len());
        let (what, help) = if *code == "P1" {
            (
                "DNI",
                "un DNI es un dato personal: quítelo; los planes públicos no llevan documentos de identidad",
            )
        } else {
            (
                "celular personal",
                "quítelo; solo el teléfono institucional puede publicarse, en `institucion.contacto`",
            )
        };
        let carets = "^".repeat(flagged.chars().count());
        let indent = " ".repeat(column - 1);
        expected.push_str(&format!(
            "error[{code}]: parece un número de {what}\n\
             {pad}--> content/estrategias/contacto.md:{line}:{column}\n\
             {pad} |\n\
             {line} | {spelling}\n\
             {pad} | {indent}{carets}\n\
             {pad} = help: {help}\n\n"
        ));
    }
    expected.push_str(&format!(
        "{} errors found; nothing was written, the previous output is unchanged\n",
        spellings.len()
    ));
    site.build().assert_failure(&expected);
}

#[test]
fn codes_years_and_dates_in_a_page_are_not_personal_data() {
    let site = site();
    site.write(
        "content/estrategias/normas.md",
        "+++\ntitle = \"Normas 2024\"\ndescription = \"RD N° 0123-2024-UGEL-P del 2024-03-04\"\n\
         [extra]\nplan = \"ie-90123-2024\"\ncodigo_modular = \"0456789\"\npaginas = 912\n+++\n\
         El plan ie-90123-2024 de la IE 9012 34567 (código modular 0456789), aprobado por\n\
         RD N° 0123-2024-UGEL-P el 04/03/2024, vigente 2023-2024, pp. 123-145, con S/ 10.000.000.\n",
    );
    site.build().assert_ok();
}
