//! `visitas.xlsx`: the visit schedule as a workbook, since directors keep these lists in
//! Excel. The same columns and rows as `visitas.csv`, names masked as on the page.
//!
//! Every cell is written as a text cell, never guessed: a name such as `=HYPERLINK(…)` or
//! `+1` is a string in the file, not a formula or a number, so no quote needs to be added
//! (the CSV needs one because a spreadsheet program guesses a CSV cell's type).

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::super::calendar::Fecha;
use super::super::view::PublicPlan;
use super::csv::{VISIT_COLUMNS, visit_rows};

/// The most characters a cell holds (Excel's limit); longer text is cut there.
const CELL_LIMIT: usize = 32_767;

/// The workbook's bytes. `reference` is the day written as its creation date, so that the
/// same plan makes the same bytes (the library would write the time of the build).
pub(super) fn visits_xlsx(plan: &PublicPlan, reference: Fecha) -> Vec<u8> {
    // The only failures are a cell over the limits (cut below), or a date out of range
    // (the rules keep plan dates in range): a plan that passed the rules always has a file.
    workbook(plan, reference).unwrap_or_default()
}

fn workbook(plan: &PublicPlan, reference: Fecha) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(reference.anio).unwrap_or(1900).max(1900),
        reference.mes,
        reference.dia,
    )?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Cronograma de visitas – {}", plan.titulo))
            .set_creation_datetime(&created),
    );
    let sheet = workbook.add_worksheet();
    sheet.set_name("Visitas")?;
    let bold = Format::new().set_bold();
    for (column, name) in VISIT_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *name, &bold)?;
    }
    for (row, cells) in visit_rows(plan).iter().enumerate() {
        for (column, text) in cells.iter().enumerate() {
            sheet.write_string(row as u32 + 1, column as u16, cell(text))?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    for column in 0..VISIT_COLUMNS.len() as u16 {
        sheet.set_column_width(column, 16)?;
    }
    workbook.save_to_buffer()
}

fn cell(text: &str) -> &str {
    match text.char_indices().nth(CELL_LIMIT) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}
