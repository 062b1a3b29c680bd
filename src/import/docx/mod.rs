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
