//! LibreOffice's `content.xml` (OpenDocument text) into the same blocks as Word's: `text:h`
//! is a heading of its `text:outline-level`, a paragraph inside `text:list` a list item,
//! `table:table` a table (repeated and spanned cells laid out as columns). Annotations
//! and tracked changes are skipped; a text box's paragraphs join the paragraph holding it.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::blocks::{Block, Builder, MAX_COLUMNS, MAX_ROWS, Paragraph, Table};
use super::xml::{attr, entity, invalid};
use crate::diag::Diagnostic;

const SKIPPED: [&str; 3] = [
    "office:annotation",
    "text:tracked-changes",
    "text:note-citation",
];

#[derive(Default)]
struct OpenTable {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    row_repeat: usize,
    cell: String,
    cell_repeat: usize,
}

struct State<'a> {
    out: Builder<'a>,
    paragraph: Paragraph,
    depth: usize,
    lists: usize,
    skipping: usize,
    tables: Vec<OpenTable>,
}

/// The blocks of `content.xml`.
pub fn read(xml: &str, shown: &str) -> Result<Vec<Block>, Diagnostic> {
    let mut reader = Reader::from_str(xml);
    let mut state = State {
        out: Builder::new(shown),
        paragraph: Paragraph::default(),
        depth: 0,
        lists: 0,
        skipping: 0,
        tables: Vec::new(),
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|_| invalid(shown, "content.xml", reader.error_position()))?;
        let reading = state.depth > 0 && state.skipping == 0;
        match event {
            Event::Eof => break,
            Event::Start(e) => state.start(&e, false),
            Event::Empty(e) => state.start(&e, true),
            Event::End(e) => state.end(e.name().as_ref())?,
            Event::Text(t) if reading => state.paragraph.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if reading => {
                if let Some(c) = entity(&r) {
                    state.paragraph.text.push(c);
                }
            }
            _ => {}
        }
    }
    Ok(state.out.blocks)
}

fn repeat(e: &BytesStart, name: &str) -> usize {
    attr(e, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

impl State<'_> {
    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.name();
        let name = name.as_ref();
        if SKIPPED.contains(&name) {
            self.skipping += usize::from(!empty);
            return;
        }
        if self.skipping > 0 {
            return;
        }
        match name {
            "text:p" | "text:h" if !empty => {
                if self.depth == 0 {
                    self.paragraph = Paragraph {
                        list: self.lists > 0,
                        heading: (name == "text:h").then(|| {
                            attr(e, "text:outline-level")
                                .and_then(|l| l.parse().ok())
                                .unwrap_or(1)
                        }),
                        ..Paragraph::default()
                    };
                }
                self.depth += 1;
            }
            "text:s" if self.depth > 0 => {
                let n = repeat(e, "text:c").min(8);
                self.paragraph.text.push_str(&" ".repeat(n));
            }
            "text:tab" if self.depth > 0 => self.paragraph.text.push('\t'),
            "text:line-break" if self.depth > 0 => self.paragraph.text.push('\n'),
            "text:list" if !empty => self.lists += 1,
            "table:table" if !empty => self.tables.push(OpenTable::default()),
            "table:table-row" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Vec::new();
                    t.row_repeat = repeat(e, "table:number-rows-repeated");
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = String::new();
                    t.cell_repeat = repeat(e, "table:number-columns-repeated");
                    if empty {
                        t.push_cell();
                    }
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) -> Result<(), Diagnostic> {
        if SKIPPED.contains(&name) {
            self.skipping = self.skipping.saturating_sub(1);
            return Ok(());
        }
        if self.skipping > 0 {
            return Ok(());
        }
        match name {
            "text:p" | "text:h" => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth > 0 {
                    self.paragraph.text.push('\n');
                    return Ok(());
                }
                let paragraph = std::mem::take(&mut self.paragraph);
                match self.tables.last_mut() {
                    Some(t) => {
                        if !t.cell.is_empty() {
                            t.cell.push('\n');
                        }
                        t.cell.push_str(&paragraph.text);
                    }
                    None => self.out.paragraph(paragraph)?,
                }
            }
            "text:list" => self.lists = self.lists.saturating_sub(1),
            "table:table-cell" | "table:covered-table-cell" => {
                if let Some(t) = self.tables.last_mut() {
                    t.push_cell();
                    if t.row.len() > MAX_COLUMNS {
                        return Err(self
                            .out
                            .huge_table(&format!("más de {MAX_COLUMNS} columnas")));
                    }
                }
            }
            "table:table-row" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    // Repeated empty rows are layout; repeated full ones are rows.
                    let times = if row.iter().all(String::is_empty) {
                        1
                    } else {
                        t.row_repeat.min(MAX_ROWS + 1)
                    };
                    for _ in 0..times {
                        t.rows.push(row.clone());
                    }
                    if t.rows.len() > MAX_ROWS {
                        return Err(self.out.huge_table(&format!("más de {MAX_ROWS} filas")));
                    }
                }
            }
            "table:table" => {
                if let Some(t) = self.tables.pop() {
                    match self.tables.last_mut() {
                        Some(outer) => {
                            for row in t.rows {
                                if !outer.cell.is_empty() {
                                    outer.cell.push('\n');
                                }
                                outer.cell.push_str(&row.join(" | "));
                            }
                        }
                        None => self.out.table(Table { rows: t.rows })?,
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl OpenTable {
    /// The cell, as many times as it is repeated; repeated empty cells only up to the
    /// table's width limit, since LibreOffice repeats them to the page's edge.
    fn push_cell(&mut self) {
        let cell = super::blocks::clean(&std::mem::take(&mut self.cell));
        let times = if cell.is_empty() {
            self.cell_repeat
                .min(MAX_COLUMNS.saturating_sub(self.row.len()))
        } else {
            self.cell_repeat.min(MAX_COLUMNS + 1)
        };
        for _ in 0..times {
            self.row.push(cell.clone());
        }
        self.cell_repeat = 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_and_repeated_cells() {
        let xml = concat!(
            r#"<office:document-content><office:body><office:text>"#,
            r#"<text:h text:outline-level="2">5.1 Objetivos</text:h>"#,
            r#"<text:list><text:list-item><text:p>uno<text:s text:c="3"/>dos<text:tab/>tres</text:p></text:list-item></text:list>"#,
            r#"<text:p>nota<office:annotation><text:p>comentario</text:p></office:annotation></text:p>"#,
            r#"<table:table><table:table-row><table:table-cell table:number-columns-repeated="2"><text:p>X</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1000"/></table:table-row></table:table>"#,
            r#"</office:text></office:body></office:document-content>"#,
        );
        let blocks = read(xml, "p.odt").expect("reads");
        let Block::Paragraph(h) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!((h.heading, h.text.as_str()), (Some(2), "5.1 Objetivos"));
        let Block::Paragraph(item) = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert_eq!((item.list, item.text.as_str()), (true, "uno dos\ttres"));
        let Block::Paragraph(note) = &blocks[2] else {
            panic!("{blocks:?}")
        };
        assert_eq!(note.text, "nota");
        let Block::Table(t) = &blocks[3] else {
            panic!("{blocks:?}")
        };
        assert_eq!(t.rows[0][..3], ["X", "X", ""]);
        assert_eq!(t.rows[0].len(), MAX_COLUMNS);
    }
}
