//! `senda import plan`: the Word and LibreOffice plans of tests/fixtures/import (written by
//! its make_plans.py) drafted into the `plans` fixture, checked and built with the bundled
//! theme; and hostile documents, made here with the zip crate, refused with a Spanish error.

use std::fs;
use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;

use crate::util::{Run, TestSite};

/// The `plans` fixture with the bundled theme and `name` beside it (where senda runs).
fn site_with(name: &str) -> TestSite {
    let site = TestSite::fixture("plans").with_bundled_theme();
    let config = fs::read_to_string(site.path("site.toml")).expect("read site.toml");
    site.write(
        "site.toml",
        config.replace("theme = \"plain\"", "theme = \"senda\""),
    );
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    if from.exists() {
        fs::copy(from, site.root.parent().expect("parent").join(name)).expect("copy document");
    }
    site
}

fn import(site: &TestSite, id: &str, file: &str) -> Run {
    site.senda(&["import", "plan", id, file])
}

/// Imports `file` as plan `id`, checks the site with --drafts, builds it with --drafts,
/// and returns the draft's TOML and its built page.
fn imported(file: &str, id: &str) -> (TestSite, Run, String, String) {
    let site = site_with(file);
    let run = import(&site, id, file);
    run.assert_ok();
    let plan = fs::read_to_string(site.path(&format!("content/planes/{id}.toml"))).expect("draft");
    let check = site.senda(&["check", "--drafts"]);
    check.assert_ok();
    assert!(
        check.stdout.contains("2 plans"),
        "the draft is published with --drafts:\n{}{}",
        check.stdout,
        check.stderr
    );
    site.senda(&["build", "--drafts"]).assert_ok();
    let page = site.output(&format!("planes/{id}/index.html"));
    (site, run, plan, page)
}

#[track_caller]
fn assert_shows(page: &str, texts: &[&str]) {
    for text in texts {
        assert!(page.contains(text), "the page lacks «{text}»");
    }
}

#[test]
fn import_plan_with_data_and_schedule_as_word_tables() {
    let (_site, run, plan, page) = imported("plan-tablas.docx", "ie-grau-2024");
    assert_eq!(
        run.stdout.lines().next(),
        Some("Escrito site/content/planes/ie-grau-2024.toml (borrador).")
    );
    assert!(run.stdout.contains("Reconocido: datos informativos, fundamentación, justificación, bases legales, objetivos"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("Leído: 6 normas, 3 objetivos, 5 actividades, 0 docentes, 0 visitas."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("No reconocido: 5 líneas (bajo «Estrategias de Intervención», «Acompañamiento Pedagógico a los Docentes», «Responsables», «ANEXO B»)"), "{}", run.stdout);
    for line in [
        "estado = \"borrador\"",
        "nombres_docentes = \"iniciales\"",
        "anio = 2024",
        "nombre = \"Inventado Grau\"",
        "tipo = \"IES\"",
        "niveles = [\"secundaria\"]",
        "nombre = \"Lic. Teodoro Ejemplo Ficticio\"",
        "tipo = \"RM\"\nnumero = \"587\"\nanio = 2023\nemisor = \"MINEDU\"",
        "tipo = \"DS\"\nnumero = \"011\"\nanio = 2012\nemisor = \"ED\"",
        "competencias_mbdd = [2, 3]",
        "nombre = \"Visitas en aula.\"\nresponsables = [\"dir\"]\nmeses = [\"may\", \"jun\", \"jul\", \"ago\", \"set\", \"oct\", \"nov\"]",
        "responsables = [\"dir\", \"cgp\"]\nmeses = [\"set\", \"oct\"]",
        "# No reconocido: «Acompañamiento Pedagógico a los Docentes»\n#   El acompañamiento se organiza por procesos.",
    ] {
        assert!(plan.contains(line), "the draft lacks {line:?}:\n{plan}");
    }
    // Word's noise left nothing: no field code, no page number, no bookmark.
    for noise in ["PAGE", "Página 2", "_Hlk"] {
        assert!(!plan.contains(noise), "{noise} in the draft:\n{plan}");
    }
    assert_shows(
        &page,
        &[
            "Inventado Grau",
            "UGEL El Collao",
            "RM N° 587-2023-MINEDU",
            "Ley N° 28044",
            "Fortalecer las capacidades de los docentes mediante el diálogo reflexivo.",
            "setiembre",
            "diciembre",
        ],
    );
}

#[track_caller]
fn assert_kindergarten(file: &str) {
    let (_site, run, plan, page) = imported(file, "ie-246-2024");
    assert!(
        run.stdout
            .contains("Leído: 4 normas, 3 objetivos, 2 actividades, 3 docentes, 9 visitas."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Los nombres de 3 docentes se importaron tal como están escritos; la web muestra solo sus iniciales"), "{}", run.stdout);
    assert!(run.stdout.contains("Por completar (2 avisos, `senda check --drafts` los muestra con su línea):\n  - W7: la actividad «Elaboración y aprobación del plan» no tiene responsables"), "{}", run.stdout);
    for line in [
        "numero = \"246\"\nnombre = \"Mi Segundo Hogar\"\ntipo = \"IEI\"\nniveles = [\"inicial\"]",
        "dre = \"DRE Puno\"\nugel = \"UGEL El Collao\"",
        "denominacion_anio = \"Año del Bicentenario, de la consolidación de nuestra Independencia, y de la conmemoración de las heroicas batallas de Junín y Ayacucho\"\ndecenio = \"Decenio de la Igualdad de Oportunidades para Mujeres y Hombres\"",
        "tipo = \"DS\"\nnumero = \"50\"\nanio = 1982\nemisor = \"ED\"",
        "[poblacion]\ndirectivos = 1\ndocentes = 3\nestudiantes = 220\n",
        "nombre = \"Rosa Inventada Quispe\"\nnivel_educativo = \"inicial\"\ngrados = [\"5 años\"]\nsecciones = [\"A\"]",
        "docente = \"d01\"\nn = 1\nmes = \"jun\"\nresponsable = \"dir\"",
        "docente = \"d03\"\nn = 2\nmes = \"set\"\nresponsable = \"dir\"",
        "meses = [\"jun\", \"jul\", \"ago\", \"set\", \"oct\", \"nov\"]",
        "# No reconocido: «DATOS INFORMATIVOS»\n#   RESPONSABLES\t: MARTA INVENTADA FICTICIA",
    ] {
        assert!(plan.contains(line), "the draft lacks {line:?}:\n{plan}");
    }
    assert_shows(
        &page,
        &[
            "Mi Segundo Hogar",
            "UGEL El Collao",
            "RM N° 587-2023-MINEDU",
            "Promover una práctica de evaluación",
            "junio",
            "setiembre",
            "noviembre",
            "R. I. Q.",
        ],
    );
    assert!(
        !page.contains("Rosa Inventada"),
        "a teacher's full name is published"
    );
}

#[test]
fn import_plan_typed_as_plain_paragraphs() {
    assert_kindergarten("plan-parrafos.docx");
}

#[test]
fn import_plan_from_libreoffice() {
    assert_kindergarten("plan-parrafos.odt");
}

#[test]
fn import_plan_never_overwrites() {
    let site = site_with("plan-tablas.docx");
    import(&site, "ie-grau-2024", "plan-tablas.docx").assert_ok();
    let before = fs::read(site.path("content/planes/ie-grau-2024.toml")).expect("draft");
    import(&site, "ie-grau-2024", "plan-tablas.docx").assert_failure(
        "error: <tmp>/site/content/planes/ie-grau-2024.toml ya existe
  = help: senda nunca reemplaza un plan: elija otro id, o borre ese archivo si quiere importarlo de nuevo

",
    );
    assert_eq!(
        fs::read(site.path("content/planes/ie-grau-2024.toml")).expect("draft"),
        before
    );
}

/// A zip of `parts` (name, bytes) beside the site, as `name`.
fn hostile(site: &TestSite, name: &str, parts: &[(&str, Vec<u8>)]) {
    let path = site.root.parent().expect("parent").join(name);
    let mut zip = zip::ZipWriter::new(fs::File::create(path).expect("create"));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (part, bytes) in parts {
        zip.start_file(*part, options).expect("start part");
        zip.write_all(bytes).expect("write part");
    }
    zip.finish().expect("finish zip");
}

fn document(body: &str) -> Vec<u8> {
    format!("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>").into_bytes()
}

#[track_caller]
fn assert_refused(site: &TestSite, file: &str, stderr: &str) {
    import(site, "ie-x-2024", file).assert_failure(stderr);
    assert!(
        !site.path("content/planes/ie-x-2024.toml").exists(),
        "a draft was written"
    );
}

#[test]
fn import_plan_refuses_what_is_not_a_document() {
    let site = site_with("none");
    assert_refused(
        &site,
        "falta.docx",
        "error: no existe el documento falta.docx\n  = help: revise el nombre y la carpeta del documento\n\n",
    );
    fs::write(
        site.root.parent().expect("parent").join("plan.docx"),
        "PLAN DE MONITOREO 2024\n",
    )
    .expect("write");
    assert_refused(&site, "plan.docx", "error: plan.docx no es un documento .docx ni .odt (no es un archivo zip)
  = help: si es un .doc o un .pdf, ábralo en Word o LibreOffice y use «Guardar como» .docx; luego impórtelo

");
    hostile(
        &site,
        "vacio.docx",
        &[("[Content_Types].xml", b"<Types/>".to_vec())],
    );
    assert_refused(&site, "vacio.docx", "error: vacio.docx no tiene texto que leer: le falta word/document.xml (Word) o content.xml (LibreOffice)
  = help: ábralo en Word o LibreOffice y guárdelo de nuevo como .docx o .odt

");
    hostile(
        &site,
        "roto.docx",
        &[(
            "word/document.xml",
            b"<w:document><w:body><w:p></w:body>".to_vec(),
        )],
    );
    let run = import(&site, "ie-x-2024", "roto.docx");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "error: roto.docx está dañado: word/document.xml no es XML válido (cerca del byte"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn import_plan_refuses_a_zip_bomb() {
    let site = site_with("none");
    // 17 MiB of one paragraph's text deflate to a few KiB: more than a part may inflate to.
    let text = "a".repeat(17 * 1024 * 1024);
    hostile(
        &site,
        "bomba.docx",
        &[(
            "word/document.xml",
            document(&format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")),
        )],
    );
    let size = fs::metadata(site.root.parent().expect("parent").join("bomba.docx"))
        .expect("size")
        .len();
    assert!(size < 200_000, "the bomb is small on disk: {size} bytes");
    assert_refused(&site, "bomba.docx", "error: bomba.docx: word/document.xml descomprimido pasa de 16 MiB, más que el texto de cualquier plan
  = help: puede ser un archivo malicioso (una «bomba zip»); si es su plan, guárdelo de nuevo desde Word o LibreOffice

");
    let many: Vec<(String, Vec<u8>)> = (0..5_001).map(|i| (format!("x/{i}"), Vec::new())).collect();
    let mut parts: Vec<(&str, Vec<u8>)> =
        many.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    parts.push((
        "word/document.xml",
        document("<w:p><w:r><w:t>Plan</w:t></w:r></w:p>"),
    ));
    hostile(&site, "partes.docx", &parts);
    assert_refused(&site, "partes.docx", "error: partes.docx está dañado o no es un documento: tiene 5002 partes internas (un documento tiene unas decenas)
  = help: ábralo en Word o LibreOffice y guárdelo de nuevo como .docx o .odt

");
}

#[test]
fn import_plan_refuses_a_huge_table() {
    let site = site_with("none");
    let rows = "<w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>".repeat(2_001);
    hostile(
        &site,
        "tabla.docx",
        &[(
            "word/document.xml",
            document(&format!(
                "<w:p><w:r><w:t>PLAN</w:t></w:r></w:p><w:tbl>{rows}</w:tbl>"
            )),
        )],
    );
    assert_refused(&site, "tabla.docx", "error: tabla.docx: la tabla 1 tiene más de 2000 filas, más que cualquier cronograma
  = help: senda lee tablas de hasta 2000 filas y 64 columnas: divida la tabla o quítela del documento a importar

");
    let cells = "<w:tc><w:p/></w:tc>".repeat(65);
    hostile(
        &site,
        "ancha.docx",
        &[(
            "word/document.xml",
            document(&format!("<w:tbl><w:tr>{cells}</w:tr></w:tbl>")),
        )],
    );
    assert_refused(&site, "ancha.docx", "error: ancha.docx: la tabla 1 tiene más de 64 columnas, más que cualquier cronograma
  = help: senda lee tablas de hasta 2000 filas y 64 columnas: divida la tabla o quítela del documento a importar

");
}
