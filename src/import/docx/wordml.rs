//! Word's `word/document.xml` (WordprocessingML) into blocks. Only the text of `w:t` runs
//! is read, so field codes (`w:instrText`), deleted revisions (`w:delText`), bookmarks,
//! page breaks and drawings leave nothing behind; the shown result of a table of contents
//! or a page number field is dropped too (a contents line would read as a heading), while
//! other fields' results are text. `mc:Fallback` repeats its `mc:Choice` and is skipped.
//! Text boxes inside a paragraph join that paragraph's text.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::blocks::{Builder, MAX_COLUMNS, MAX_ROWS, Paragraph, Table};
use super::xml::{attr, entity, invalid};
use crate::diag::Diagnostic;
use crate::import::table::fold;

/// What a paragraph style says: its outline level (headings), and whether it is a list.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    heading: Option<u8>,
    list: bool,
}

/// `word/styles.xml`: each style id and what it says. A missing or unreadable part is
/// no styles (the text is still read; headings are then recognised by their words).
pub fn styles(xml: &str) -> HashMap<String, Style> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, Style)> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "w:style" => current = attr(&e, "w:styleId").map(|id| (id, Style::default())),
                "w:name" => {
                    if let (Some((_, style)), Some(name)) = (&mut current, attr(&e, "w:val")) {
                        *style = style_of_name(&name, *style);
                    }
                }
                "w:outlineLvl" => {
                    if let (Some((_, style)), Some(level)) = (&mut current, attr(&e, "w:val")) {
                        style.heading = outline(&level).or(style.heading);
                    }
                }
                "w:numPr" => {
                    if let Some((_, style)) = &mut current {
                        style.list = true;
                    }
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "w:style" => {
                if let Some((id, style)) = current.take() {
                    out.insert(id, style);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// "heading 2", "Título 2", "Encabezado 2" are headings; "List Paragraph", "Lista" lists.
fn style_of_name(name: &str, mut style: Style) -> Style {
    let folded = fold(name);
    for prefix in ["heading ", "titulo ", "encabezado "] {
        if let Some(level) = folded.strip_prefix(prefix).and_then(|n| n.parse().ok()) {
            style.heading = Some(level);
        }
    }
    if folded.starts_with("list") || folded.starts_with("parrafo de lista") {
        style.list = true;
    }
    style
}

/// `w:outlineLvl` counts from 0; 9 means body text.
fn outline(value: &str) -> Option<u8> {
    value.parse::<u8>().ok().filter(|l| *l < 9).map(|l| l + 1)
}

#[derive(Default)]
struct OpenTable {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: String,
    span: usize,
}

/// The parser's state between events.
struct State<'a> {
    out: Builder<'a>,
    styles: &'a HashMap<String, Style>,
    paragraph: Paragraph,
    /// Nested `w:p` (text boxes) are counted so only the outer one makes a block.
    depth: usize,
    in_text: bool,
    /// Inside an element whose content is not text of the document.
    skipping: usize,
    /// The fields open (`w:fldChar` begin ... end): each one's instruction, and whether
    /// its result is hidden.
    fields: Vec<(String, bool)>,
    in_instruction: bool,
    tables: Vec<OpenTable>,
}

/// The blocks of `word/document.xml`.
pub fn read<'a>(
    xml: &str,
    styles: &'a HashMap<String, Style>,
    shown: &'a str,
) -> Result<Vec<super::blocks::Block>, Diagnostic> {
    let mut reader = Reader::from_str(xml);
    let mut state = State {
        out: Builder::new(shown),
        styles,
        paragraph: Paragraph::default(),
        depth: 0,
        in_text: false,
        skipping: 0,
        tables: Vec::new(),
        fields: Vec::new(),
        in_instruction: false,
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|_| invalid(shown, "word/document.xml", reader.error_position()))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => state.start(&e, false)?,
            Event::Empty(e) => state.start(&e, true)?,
            Event::End(e) => state.end(e.name().as_ref())?,
            Event::Text(t) if state.in_instruction => {
                if let Some((instruction, _)) = state.fields.last_mut()
                    && instruction.len() < 256
                {
                    instruction.push_str(&t.xml10_content());
                }
            }
            Event::Text(t) if state.reading() => {
                state.paragraph.text.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if state.reading() => {
                if let Some(c) = entity(&r) {
                    state.paragraph.text.push(c);
                }
            }
            _ => {}
        }
    }
    Ok(state.out.blocks)
}

const SKIPPED: [&str; 2] = ["mc:Fallback", "w:del"];

/// Fields whose shown result is not the plan's text.
fn hidden_field(instruction: &str) -> bool {
    let name = instruction
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_uppercase();
    matches!(
        name.as_str(),
        "TOC" | "PAGE" | "NUMPAGES" | "PAGEREF" | "SECTIONPAGES"
    )
}

impl State<'_> {
    fn reading(&self) -> bool {
        self.in_text && self.skipping == 0 && !self.fields.iter().any(|(_, hidden)| *hidden)
    }

    fn field_char(&mut self, kind: Option<String>) {
        match kind.as_deref() {
            Some("begin") if self.fields.len() < 64 => self.fields.push((String::new(), false)),
            Some("separate") => {
                if let Some((instruction, hidden)) = self.fields.last_mut() {
                    *hidden = hidden_field(instruction);
                }
            }
            Some("end") => {
                self.fields.pop();
            }
            _ => {}
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) -> Result<(), Diagnostic> {
        let name = e.name();
        let name = name.as_ref();
        if SKIPPED.contains(&name) {
            if !empty {
                self.skipping += 1;
            }
            return Ok(());
        }
        if self.skipping > 0 {
            return Ok(());
        }
        match name {
            "w:p" if !empty => {
                if self.depth == 0 {
                    self.paragraph = Paragraph::default();
                }
                self.depth += 1;
            }
            "w:t" if !empty => self.in_text = true,
            "w:instrText" if !empty => self.in_instruction = true,
            "w:fldChar" => self.field_char(attr(e, "w:fldCharType")),
            "w:fldSimple" if !empty => {
                let instruction = attr(e, "w:instr").unwrap_or_default();
                let hidden = hidden_field(&instruction);
                self.fields.push((instruction, hidden));
            }
            "w:tab" if self.depth > 0 => self.paragraph.text.push('\t'),
            "w:br" | "w:cr" if self.depth > 0 && attr(e, "w:type").is_none() => {
                self.paragraph.text.push('\n');
            }
            "w:noBreakHyphen" => self.paragraph.text.push('-'),
            "w:pStyle" => {
                if let Some(style) = attr(e, "w:val").and_then(|id| self.styles.get(&id)) {
                    self.paragraph.heading = self.paragraph.heading.or(style.heading);
                    self.paragraph.list |= style.list;
                }
            }
            "w:numPr" => self.paragraph.list = true,
            "w:outlineLvl" => {
                let level = attr(e, "w:val").and_then(|l| outline(&l));
                self.paragraph.heading = level.or(self.paragraph.heading);
            }
            "w:tbl" if !empty => self.tables.push(OpenTable::default()),
            "w:tr" if !empty => {
                if let Some(table) = self.tables.last_mut() {
                    table.row = Vec::new();
                }
            }
            "w:tc" if !empty => {
                if let Some(table) = self.tables.last_mut() {
                    table.cell = String::new();
                    table.span = 1;
                }
            }
            "w:gridSpan" => {
                let span = attr(e, "w:val").and_then(|v| v.parse::<usize>().ok());
                if let (Some(table), Some(span)) = (self.tables.last_mut(), span) {
                    table.span = span.clamp(1, MAX_COLUMNS + 1);
                }
            }
            _ => {}
        }
        Ok(())
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
            "w:t" => self.in_text = false,
            "w:instrText" => self.in_instruction = false,
            "w:fldSimple" => {
                self.fields.pop();
            }
            "w:p" => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth > 0 {
                    self.paragraph.text.push('\n');
                } else {
                    let paragraph = std::mem::take(&mut self.paragraph);
                    match self.tables.last_mut() {
                        Some(table) => {
                            if !table.cell.is_empty() {
                                table.cell.push('\n');
                            }
                            table.cell.push_str(&paragraph.text);
                        }
                        None => self.out.paragraph(paragraph)?,
                    }
                }
            }
            "w:tc" => {
                if let Some(table) = self.tables.last_mut() {
                    let cell = super::blocks::clean(&std::mem::take(&mut table.cell));
                    table.row.push(cell);
                    for _ in 1..table.span {
                        table.row.push(String::new());
                    }
                    if table.row.len() > MAX_COLUMNS {
                        return Err(self
                            .out
                            .huge_table(&format!("más de {MAX_COLUMNS} columnas")));
                    }
                }
            }
            "w:tr" => {
                if let Some(table) = self.tables.last_mut() {
                    let row = std::mem::take(&mut table.row);
                    table.rows.push(row);
                    if table.rows.len() > MAX_ROWS {
                        return Err(self.out.huge_table(&format!("más de {MAX_ROWS} filas")));
                    }
                }
            }
            "w:tbl" => self.close_table()?,
            _ => {}
        }
        Ok(())
    }

    /// A table inside a cell becomes that cell's text, a line per row.
    fn close_table(&mut self) -> Result<(), Diagnostic> {
        let Some(table) = self.tables.pop() else {
            return Ok(());
        };
        match self.tables.last_mut() {
            Some(outer) => {
                for row in table.rows {
                    if !outer.cell.is_empty() {
                        outer.cell.push('\n');
                    }
                    outer.cell.push_str(&row.join(" | "));
                }
                Ok(())
            }
            None => self.out.table(Table { rows: table.rows }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::docx::blocks::Block;

    fn read_body(body: &str, styles: &str) -> Vec<Block> {
        let styles = super::styles(&format!("<w:styles>{styles}</w:styles>"));
        read(
            &format!("<w:document><w:body>{body}</w:body></w:document>"),
            &styles,
            "p.docx",
        )
        .expect("reads")
    }

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => format!("{:?} {} {}", p.heading, p.list, p.text),
                Block::Table(t) => format!("{:?}", t.rows),
            })
            .collect()
    }

    #[test]
    fn noise_is_dropped_and_text_kept() {
        let body = concat!(
            // A table of contents: its lines would read as headings.
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \o "1-3" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>I. Datos informativos</w:t><w:tab/><w:t>3</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>II. Fundamentación</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
            // A hyperlink field keeps its shown text; a deleted revision and a fallback do not.
            r#"<w:p><w:pPr><w:pStyle w:val="T1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>I. Presentación</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:del><w:r><w:delText>borrado</w:delText></w:r></w:del></w:p>"#,
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>caja</w:t></mc:Choice><mc:Fallback><w:t>caja</w:t></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t xml:space="preserve"> &amp; más</w:t></w:r></w:p>"#,
            r#"<w:p><w:bookmarkStart w:id="0" w:name="_Hlk1"/><w:r><w:br w:type="page"/></w:r></w:p><w:p/>"#,
            r#"<w:p><w:pPr><w:numPr/></w:pPr><w:r><w:t>ítem</w:t></w:r></w:p>"#,
        );
        let styles = r#"<w:style w:styleId="T1"><w:name w:val="Título 1"/></w:style>"#;
        assert_eq!(
            texts(&read_body(body, styles)),
            [
                "Some(1) false I. Presentación",
                "None false caja & más",
                "None true ítem"
            ]
        );
    }

    #[test]
    fn spans_repeat_empty_cells_and_a_nested_table_is_its_cells_text() {
        let body = concat!(
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>"#,
        );
        assert_eq!(
            texts(&read_body(body, "")),
            [r#"[["A", "", "B"], ["x | y"]]"#]
        );
    }
}
