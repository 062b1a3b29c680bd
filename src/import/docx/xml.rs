//! What both document readers need from quick-xml: attribute values, entity references
//! (only XML's own five and character references: a DTD's entities are never expanded, so
//! no "billion laughs"), and a parse error as a Spanish diagnostic.

use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart};

use crate::diag::Diagnostic;

/// The value of attribute `name` (qualified, as written: `w:val`).
pub fn attr(element: &BytesStart, name: &str) -> Option<String> {
    let attribute = element.try_get_attribute(name).ok()??;
    attribute
        .normalized_value(XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

/// The character an entity reference stands for; `None` for any other entity.
pub fn entity(reference: &BytesRef) -> Option<char> {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return Some(c);
    }
    match reference.as_ref() {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

pub fn invalid(shown: &str, part: &str, at: u64) -> Diagnostic {
    Diagnostic::error(format!(
        "{shown} está dañado: {part} no es XML válido (cerca del byte {at})"
    ))
    .help("ábralo en Word o LibreOffice y guárdelo de nuevo como .docx o .odt")
}
