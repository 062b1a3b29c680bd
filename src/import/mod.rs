//! `senda import`: a spreadsheet (`.csv`, `.xlsx`, `.ods`) merged into a plan's TOML.
//!
//! Every cell is checked before anything is written, and every bad cell is reported, by
//! file, sheet, row and column as the spreadsheet shows them. The plan is edited with
//! `toml_edit`, so its comments, key order and layout stay as written, and replaced
//! atomically (a temporary file beside it, then a rename). The private companion
//! (`*.privado.toml`) is never read or written here.

pub mod docentes;
pub mod docx;
pub mod table;
pub mod visitas;

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, display_path};
use crate::plan::paths;

/// What an import changed.
#[derive(Debug)]
pub struct Imported {
    pub path: PathBuf,
    pub added: usize,
    pub updated: usize,
}

/// `senda import docentes <plan-id> FILE`: the teachers of `file` merged into the plan.
pub fn docentes(root: &Path, plan_id: &str, file: &Path) -> Result<Imported, Vec<Diagnostic>> {
    docentes_from(root, plan_id, || table::read(file))
}

/// The same, for a spreadsheet already in memory (the editor's upload): `read` gives its
/// table, and is called only once the plan could be opened.
pub fn docentes_from(
    root: &Path,
    plan_id: &str,
    read: impl FnOnce() -> Result<table::Table, Diagnostic>,
) -> Result<Imported, Vec<Diagnostic>> {
    merge_into(root, plan_id, read, |table, doc| {
        Ok(docentes::merge(doc, docentes::rows(table)?))
    })
}

/// `senda import visitas <plan-id> FILE`: the visits of `file` merged into the plan.
pub fn visitas(root: &Path, plan_id: &str, file: &Path) -> Result<Imported, Vec<Diagnostic>> {
    visitas_from(root, plan_id, || table::read(file))
}

/// `visitas` for a spreadsheet already in memory, as `docentes_from`.
pub fn visitas_from(
    root: &Path,
    plan_id: &str,
    read: impl FnOnce() -> Result<table::Table, Diagnostic>,
) -> Result<Imported, Vec<Diagnostic>> {
    merge_into(root, plan_id, read, |table, doc| {
        let rows = visitas::rows(table, doc)?;
        Ok(visitas::merge(doc, rows))
    })
}

/// The plan opened, the table read, its rows merged in, the plan written atomically.
fn merge_into(
    root: &Path,
    plan_id: &str,
    read: impl FnOnce() -> Result<table::Table, Diagnostic>,
    merge: impl FnOnce(
        &table::Table,
        &mut toml_edit::DocumentMut,
    ) -> Result<docentes::Merged, Vec<Diagnostic>>,
) -> Result<Imported, Vec<Diagnostic>> {
    let (path, mut doc) = open_plan(root, plan_id).map_err(|d| vec![d])?;
    let table = read().map_err(|d| vec![d])?;
    let merged = merge(&table, &mut doc)?;
    write_atomic(&path, &doc.to_string()).map_err(|d| vec![d])?;
    Ok(Imported {
        path,
        added: merged.added,
        updated: merged.updated,
    })
}

/// The plan's file and its text as an editable document.
fn open_plan(root: &Path, plan_id: &str) -> Result<(PathBuf, toml_edit::DocumentMut), Diagnostic> {
    let valid = !plan_id.is_empty()
        && plan_id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(Diagnostic::error(format!("`{plan_id}` no es el id de un plan"))
            .help("el id es el nombre del archivo en content/planes/ sin `.toml`, p. ej. `ie70999-2025`"));
    }
    let path = root.join(paths::source(plan_id));
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Diagnostic::error(format!("no se puede leer {}: {e}", display_path(&path)))
            .help("cree el plan con `senda new plan <id>`, o revise el id y `--root`")
    })?;
    let doc = text.parse::<toml_edit::DocumentMut>().map_err(|e| {
        Diagnostic::error(format!(
            "{} no es TOML válido: {}",
            display_path(&path),
            e.message()
        ))
        .help("corrija el plan (`senda check` señala dónde) y vuelva a importar")
    })?;
    Ok((path, doc))
}

/// Writes `text` to `path` through a temporary file in the same folder and a rename, so a
/// crash leaves the old plan or the new one, never half of one.
pub(crate) fn write_atomic(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.senda-import"));
    std::fs::write(&temporary, text)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            Diagnostic::error(format!("no se puede escribir {}: {e}", display_path(path)))
        })
}
