//! `senda import plan <id> FILE.docx`: the Word (or LibreOffice) document a school already
//! has, drafted into `content/planes/<id>.toml`.
//!
//! One job a file, in the order a document goes through them: `archive` opens the zip
//! with limits; `wordml` and `odt` read its XML into `blocks` (paragraphs and tables);
//! `recognise` reads the blocks in order, with `sections` for the headings, `fields` for
//! the datos informativos, `norms` for the legal bases and `schedule` for the activity and
//! visit tables, into a `draft`; `write` makes its TOML. The draft is then checked as
//! `senda check` would, and its warnings are what the director must still fill in.

mod archive;
mod blocks;
mod draft;
mod fields;
mod norms;
mod odt;
mod recognise;
mod schedule;
mod sections;
mod wordml;
mod write;
mod xml;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, display_path};
use crate::plan::{calendar, paths};

/// What `senda import plan` wrote, and what its summary says.
#[derive(Debug)]
pub struct Drafted {
    pub path: PathBuf,
    /// The sections and parts read, in the document's order.
    pub recognised: Vec<String>,
    /// Counts of what was read: norms, objectives, activities, teachers, visits.
    pub counts: Vec<(usize, &'static str, &'static str)>,
    /// How many lines went to the `# No reconocido` blocks, and under how many headings.
    pub unplaced_lines: usize,
    pub unplaced_places: Vec<String>,
    /// The draft's warnings (its errors shown as warnings, as for every draft).
    pub to_fill: Diagnostics,
    pub teachers: usize,
}

/// Reads `file` and writes `content/planes/<id>.toml` under `root`, never over a file.
pub fn plan(root: &Path, id: &str, file: &Path) -> Result<Drafted, Diagnostic> {
    crate::plan::check_new_id(id)?;
    let path = root.join(paths::source(id));
    if path.exists() {
        return Err(Diagnostic::error(format!("{} ya existe", display_path(&path)))
            .help("senda nunca reemplaza un plan: elija otro id, o borre ese archivo si quiere importarlo de nuevo"));
    }
    let shown = file.display().to_string();
    let blocks = read(file, &shown)?;
    if blocks.is_empty() {
        return Err(Diagnostic::error(format!("{shown} no tiene texto"))
            .help("revise que sea el documento del plan"));
    }
    let draft = recognise::recognise(&blocks);
    let year = i64::from(calendar::current_year());
    let source = file
        .file_name()
        .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
    let text = write::toml(&draft, id, &source, year);
    let mut to_fill = Diagnostics::default();
    crate::plan::check_text(
        id,
        text.clone(),
        calendar::current_year(),
        &|_| true,
        &mut to_fill,
    );
    write_new(&path, &text)?;
    Ok(Drafted {
        path,
        counts: vec![
            (draft.normas.len(), "norma", "normas"),
            (
                draft.general.len() + draft.especificos.len(),
                "objetivo",
                "objetivos",
            ),
            (draft.actividades.len(), "actividad", "actividades"),
            (draft.docentes.len(), "docente", "docentes"),
            (draft.visitas.len(), "visita", "visitas"),
        ],
        unplaced_lines: draft.unrecognised.iter().map(|(_, l)| l.len()).sum(),
        unplaced_places: draft.unrecognised.iter().map(|(c, _)| c.clone()).collect(),
        recognised: draft.recognised,
        teachers: draft.docentes.len(),
        to_fill,
    })
}

/// The document's blocks, from Word's or LibreOffice's XML.
fn read(file: &Path, shown: &str) -> Result<Vec<blocks::Block>, Diagnostic> {
    let mut zip = archive::open(file, shown)?;
    match zip.kind {
        archive::Kind::Docx => {
            let styles = zip
                .part("word/styles.xml")?
                .map(|x| wordml::styles(&x))
                .unwrap_or_default();
            let xml = zip.part("word/document.xml")?.unwrap_or_default();
            wordml::read(&xml, &styles, shown)
        }
        archive::Kind::Odt => {
            let xml = zip.part("content.xml")?.unwrap_or_default();
            odt::read(&xml, shown)
        }
    }
}

fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error(format!("no se puede escribir {}: {e}", display_path(path)))
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(cannot)?;
    }
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(cannot)?;
    out.write_all(text.as_bytes()).map_err(cannot)
}

impl Drafted {
    /// The summary `senda import plan` prints, in Spanish, a line each; `shown` is how the
    /// written file is named to the user.
    pub fn summary(&self, shown: &str) -> Vec<String> {
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut out = vec![format!("Escrito {shown} (borrador).")];
        let recognised = if self.recognised.is_empty() {
            "ninguna sección".to_string()
        } else {
            self.recognised.join(", ")
        };
        out.push(format!("Reconocido: {recognised}."));
        let counts: Vec<String> = self
            .counts
            .iter()
            .map(|(n, one, many)| count(*n, one, many))
            .collect();
        out.push(format!("Leído: {}.", counts.join(", ")));
        if self.unplaced_lines == 0 {
            out.push(
                "No reconocido: nada; todo el documento tiene su lugar en el plan.".to_string(),
            );
        } else {
            out.push(format!(
                "No reconocido: {} (bajo {}), copiado al final del plan como «# No reconocido: …» para que lo ubique a mano.",
                count(self.unplaced_lines, "línea", "líneas"),
                self.unplaced_places.join(", ")
            ));
        }
        if self.teachers > 0 {
            out.push(format!(
                "Los nombres de {} se importaron tal como están escritos; la web muestra solo sus iniciales (privacidad.nombres_docentes = \"iniciales\").",
                count(self.teachers, "docente", "docentes")
            ));
        }
        let warnings = self.to_fill.warning_count();
        if warnings == 0 {
            out.push("Por completar: nada según las reglas; revise el borrador y cambie `estado` al aprobarlo.".to_string());
        } else {
            out.push(format!(
                "Por completar ({}, `senda check --drafts` los muestra con su línea):",
                count(warnings, "aviso", "avisos")
            ));
            for d in self.to_fill.iter() {
                let code = d.code.map(|c| format!("{c}: ")).unwrap_or_default();
                out.push(format!("  - {code}{}", d.message));
            }
        }
        out
    }
}

/// Whatever a document holds, reading, recognising and writing never panic, and the draft
/// is TOML that `senda check` reads as a draft. Fragments are drawn from what plans write
/// and what breaks parsers (quotes, `"""`, entities, control characters, a lone `#`).
#[cfg(test)]
mod properties {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};

    use super::{recognise, wordml, write};
    use crate::diag::Diagnostics;

    const FRAGMENTS: &[&str] = &[
        "I. Datos Informativos",
        "II.- FUNDAMENTACIÓN",
        "5.1. Objetivos Generales",
        "IV. Base Legal",
        "VII.\tCRONOGRAMA DE VISITAS",
        "IX. Cronograma de Actividades",
        "VI. Estrategias",
        "6.1 GIA",
        "UGEL\t: EL COLLAO",
        "IE : IEI N°246 “Hogar”",
        "Director : Ana Ficticia",
        "Código modular: 0123",
        "RM N° 587-2023-MINEDU, Disposiciones",
        "Ley N° 28044",
        "D.S. N° 50-82 – ED",
        "N° 9999-99999-",
        "· Fortalecer",
        "\u{f0b7} ítem",
        "COMPETENCIA 12",
        "Docentes\t11",
        "X",
        "✓",
        "junio",
        "I VISITA",
        "M",
        "A",
        "15/13/2024",
        "31/02/2024",
        "de junio a marzo",
        "\"\"\"",
        "'''",
        "\\u0000",
        "# no",
        "&amp;",
        "&#x1F600;",
        "&#0;",
        "&bogus;",
        "<",
        "]]>",
        "\u{7}",
        "\r",
        "",
        " ",
        "PLAN DE MONITOREO 2024",
        "Año del Bicentenario",
        "ANEXO B",
        "a) b",
        "2)",
        "XIII.",
        "MINEDU. 2014 Fascículo",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(FRAGMENTS), 1..4).prop_map(|f| {
            f.iter()
                .map(|t| t.replace('&', "&amp;").replace('<', "&lt;"))
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    fn paragraph() -> impl Strategy<Value = String> {
        (text(), any::<bool>()).prop_map(|(t, list)| {
            let props = if list {
                "<w:pPr><w:numPr/></w:pPr>"
            } else {
                ""
            };
            format!("<w:p>{props}<w:r><w:t>{t}</w:t></w:r></w:p>")
        })
    }

    fn table() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::collection::vec((text(), 1usize..4), 1..12), 1..8).prop_map(
            |rows| {
                let rows: String = rows
                    .iter()
                    .map(|cells| {
                        let cells: String = cells
                            .iter()
                            .map(|(t, span)| format!("<w:tc><w:tcPr><w:gridSpan w:val=\"{span}\"/></w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>"))
                            .collect();
                        format!("<w:tr>{cells}</w:tr>")
                    })
                    .collect();
                format!("<w:tbl>{rows}</w:tbl>")
            },
        )
    }

    fn document() -> impl Strategy<Value = String> {
        prop::collection::vec(prop_oneof![4 => paragraph(), 1 => table()], 0..40).prop_map(
            |blocks| {
                format!(
                    "<w:document><w:body>{}</w:body></w:document>",
                    blocks.concat()
                )
            },
        )
    }

    fn config() -> Config {
        Config {
            failure_persistence: None,
            rng_seed: match Config::default().rng_seed {
                RngSeed::Random => RngSeed::Fixed(0x1515),
                chosen => chosen,
            },
            ..Config::default()
        }
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn any_document_drafts_a_plan_senda_reads(xml in document()) {
            let styles = Default::default();
            let blocks = wordml::read(&xml, &styles, "p.docx").expect("well-formed XML reads");
            let draft = recognise::recognise(&blocks);
            let text = write::toml(&draft, "ie-p-2024", "p.docx", 2026);
            prop_assert!(text.parse::<toml_edit::DocumentMut>().is_ok(), "not TOML:\n{text}");
            let mut out = Diagnostics::default();
            crate::plan::check_text("ie-p-2024", text.clone(), 2026, &|_| true, &mut out);
            prop_assert_eq!(out.error_count(), 0, "a draft's errors are warnings:\n{}", text);
        }

        #[test]
        fn any_bytes_as_document_xml_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            let xml = String::from_utf8_lossy(&bytes);
            let styles = wordml::styles(&xml);
            let _ = wordml::read(&xml, &styles, "p.docx");
            let _ = super::odt::read(&xml, "p.odt");
        }
    }
}
