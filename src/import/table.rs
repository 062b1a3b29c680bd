//! A spreadsheet (`.csv`, `.xlsx`, `.ods`) read as one table of text cells, each cell with
//! the position a director sees in Excel or LibreOffice: sheet, row number, column letter.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use crate::diag::Diagnostic;

/// The first sheet of a spreadsheet, as text. Row numbers and column indexes are those of
/// the spreadsheet, so an error can point at the cell.
pub struct Table {
    /// The file's name as the user gave it, for messages.
    pub file: String,
    /// `None` for a CSV file, which has no sheets.
    pub sheet: Option<String>,
    /// Non-empty rows: the 1-based row number and its cells (0-based columns).
    pub rows: Vec<(usize, Vec<Cell>)>,
}

#[derive(Debug, Clone)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number as the spreadsheet holds it (a CSV has none: every cell is text).
    Number(f64),
    /// A date cell, as `yyyy-mm-dd`.
    Date(String),
    /// A cell that holds a formula error (`#N/A`, `#¡VALOR!`...).
    Error(String),
}

impl Cell {
    /// The cell as text, numbers without a needless `.0`.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Date(s) | Cell::Error(s) => s.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty) || matches!(self, Cell::Text(s) if s.trim().is_empty())
    }
}

impl Table {
    /// Where a cell is, as a spreadsheet names it: `docentes.xlsx, hoja "Hoja1", fila 4,
    /// columna C`.
    pub fn at(&self, row: usize, column: usize) -> String {
        format!("{}, columna {}", self.at_row(row), column_letters(column))
    }

    pub fn at_row(&self, row: usize) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}, hoja \"{sheet}\", fila {row}", self.file),
            None => format!("{}, fila {row}", self.file),
        }
    }
}

/// `A`..`Z`, `AA`.. for a 0-based column index.
pub fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Reads the first sheet of `path` by its extension.
pub fn read(path: &Path) -> Result<Table, Diagnostic> {
    let file = crate::diag::display_path(path);
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("no se puede leer {file}: {e}"))
            .help("revise la ruta del archivo y vuelva a intentarlo")
    })?;
    from_bytes(&file, &bytes)
}

/// Reads the first sheet of a spreadsheet in memory; `file` is its name as the user gave
/// it, whose extension picks the reader.
pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Table, Diagnostic> {
    let file = file.to_string();
    let extension = Path::new(&file)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let cannot = |e: &dyn std::fmt::Display| {
        Diagnostic::error(format!("no se puede leer {file}: {e}"))
            .help("guarde la hoja de cálculo como .xlsx, .ods o .csv (UTF-8) y vuelva a intentarlo")
    };
    match extension.as_str() {
        "csv" => read_csv(bytes, file.clone()).map_err(|e| cannot(&e)),
        "xlsx" | "xlsm" | "ods" => read_workbook(bytes, file.clone()).map_err(|e| cannot(&e)),
        _ => Err(
            Diagnostic::error(format!("{file}: senda no sabe leer archivos de este tipo"))
                .help("guarde la hoja de cálculo como .xlsx, .ods o .csv (UTF-8)"),
        ),
    }
}

fn read_csv(bytes: &[u8], file: String) -> Result<Table, String> {
    let text = String::from_utf8(bytes.to_vec())
        .map_err(|_| "no está en UTF-8 (en Excel: «Guardar como» > «CSV UTF-8»)".to_string())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // Excel in Spanish writes `;` between cells (the comma is the decimal separator there).
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let row = record.position().map_or(0, |p| p.line() as usize);
        let cells: Vec<Cell> = record
            .iter()
            .map(|s| {
                if s.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(s.to_string())
                }
            })
            .collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((row, cells));
        }
    }
    Ok(Table {
        file,
        sheet: None,
        rows,
    })
}

fn read_workbook(bytes: &[u8], file: String) -> Result<Table, String> {
    let cursor = std::io::Cursor::new(bytes);
    let mut workbook = open_workbook_auto_from_rs(cursor).map_err(|e| e.to_string())?;
    let sheet = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| "el libro no tiene hojas".to_string())?;
    let range = workbook
        .worksheet_range(&sheet)
        .map_err(|e| e.to_string())?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let mut cells = vec![Cell::Empty; first_column as usize];
        cells.extend(row.iter().map(cell));
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((first_row as usize + i + 1, cells));
        }
    }
    Ok(Table {
        file,
        sheet: Some(sheet),
        rows,
    })
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Text(if *b { "sí" } else { "no" }.to_string()),
        Data::DateTime(d) => Cell::Date(serial_date(d.as_f64())),
        Data::DateTimeIso(s) => Cell::Date(s.chars().take(10).collect()),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e:?}")),
    }
}

/// Which of `known` each header cell names, by its folded text.
pub fn columns<C: Copy>(headers: &[Cell], known: &[(&str, C)]) -> Vec<Option<C>> {
    headers
        .iter()
        .map(|h| {
            let folded = fold(&h.text());
            known
                .iter()
                .find(|(name, _)| *name == folded)
                .map(|&(_, c)| c)
        })
        .collect()
}

/// An Excel date serial (days since 1899-12-30, the 1900 leap-year bug included) as
/// `yyyy-mm-dd`, through `plan::calendar`, the one owner of dates.
fn serial_date(serial: f64) -> String {
    let epoch = crate::plan::calendar::Fecha::new(1899, 12, 30).map_or(0, |f| f.days());
    crate::plan::calendar::Fecha::from_days(epoch + serial.floor() as i64).to_string()
}

/// A header folded for matching: lowercase, no accents, no `°`/`º`/`.`, spaces collapsed.
pub fn fold(text: &str) -> String {
    // deunicode spells `°` as "deg": `N°` must fold to `n`.
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '°' | 'º' | 'ª'))
        .collect();
    let plain = deunicode::deunicode(&text).to_lowercase();
    plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_as_spreadsheets_write_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn headers_fold_case_and_accents() {
        assert_eq!(fold("  Sección "), "seccion");
        assert_eq!(fold("ÁREA"), "area");
        assert_eq!(fold("N°"), "n");
        assert_eq!(fold("Nombres y  apellidos"), "nombres y apellidos");
    }
}
