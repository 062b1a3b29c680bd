//! The document as senda reads it, whatever wrote it: a list of paragraphs and tables in
//! reading order, their text only (formatting, images, fields and bookmarks dropped), each
//! paragraph with what its style says (a heading, a list item).

use crate::diag::Diagnostic;

/// The most paragraphs and tables a document may have: a long plan has a few thousand.
pub const MAX_BLOCKS: usize = 50_000;
/// The most rows of one table: a visit schedule of a large school has a few hundred.
pub const MAX_ROWS: usize = 2_000;
/// The most columns of one table: a schedule of twelve months and its labels.
pub const MAX_COLUMNS: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    pub text: String,
    /// The outline level its style gives (1 = a top-level heading), if it is a heading.
    pub heading: Option<u8>,
    /// A numbered or bulleted list item.
    pub list: bool,
}

/// A table's rows of cells, each cell's paragraphs joined by newlines. A cell merged over
/// several columns is repeated empty after itself, so columns line up across rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<String>>,
}

/// Collects blocks, enforcing the limits so a hostile document gets an error, not an
/// unbounded allocation.
pub struct Builder<'a> {
    pub blocks: Vec<Block>,
    shown: &'a str,
    tables: usize,
}

impl<'a> Builder<'a> {
    pub fn new(shown: &'a str) -> Builder<'a> {
        Builder {
            blocks: Vec::new(),
            shown,
            tables: 0,
        }
    }

    /// A paragraph, unless it has no text (Word's empty paragraphs are spacing).
    pub fn paragraph(&mut self, mut paragraph: Paragraph) -> Result<(), Diagnostic> {
        paragraph.text = clean(&paragraph.text);
        if paragraph.text.is_empty() {
            return Ok(());
        }
        self.push(Block::Paragraph(paragraph))
    }

    pub fn table(&mut self, mut table: Table) -> Result<(), Diagnostic> {
        self.tables += 1;
        table
            .rows
            .retain(|row| row.iter().any(|cell| !cell.trim().is_empty()));
        if table.rows.is_empty() {
            return Ok(());
        }
        self.push(Block::Table(table))
    }

    fn push(&mut self, block: Block) -> Result<(), Diagnostic> {
        if self.blocks.len() >= MAX_BLOCKS {
            return Err(Diagnostic::error(format!(
                "{} tiene más de {MAX_BLOCKS} párrafos y tablas, más que cualquier plan",
                self.shown
            ))
            .help("importe solo el plan: guarde una copia sin los anexos largos"));
        }
        self.blocks.push(block);
        Ok(())
    }

    /// The error for a table past `MAX_ROWS` rows or `MAX_COLUMNS` columns, numbered as a
    /// reader counts the document's tables.
    pub fn huge_table(&self, what: &str) -> Diagnostic {
        Diagnostic::error(format!(
            "{}: la tabla {} tiene {what}, más que cualquier cronograma",
            self.shown,
            self.tables + 1
        ))
        .help(format!(
            "senda lee tablas de hasta {MAX_ROWS} filas y {MAX_COLUMNS} columnas: divida la tabla o quítela del documento a importar"
        ))
    }
}

/// Text as a reader sees it: runs of spaces and tabs as one space (a tab that separates a
/// label from its value kept as one), lines trimmed, no control characters.
pub fn clean(text: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let mut out = String::new();
            let mut last_space = true;
            for c in line.chars() {
                let c = if c == '\u{a0}' { ' ' } else { c };
                if c == ' ' || c == '\t' {
                    if !last_space {
                        out.push(if c == '\t' { '\t' } else { ' ' });
                    }
                    last_space = true;
                } else if !c.is_control() {
                    out.push(c);
                    last_space = false;
                }
            }
            out.trim_matches([' ', '\t']).to_string()
        })
        .filter(|line| !line.is_empty())
        .collect();
    lines.join("\n")
}
