//! The document's zip, opened with limits: a `.docx` or `.odt` comes from anyone, so a file
//! that is not a zip, a zip bomb (a small file that inflates to gigabytes), a zip of
//! millions of entries or one without its text part each get a Spanish error, and no read
//! is ever unbounded.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use zip::ZipArchive;

use crate::diag::Diagnostic;

/// The largest document read: plans with their logos and photos are a few megabytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most entries a zip may list: a Word document has a few dozen.
pub const MAX_ENTRIES: usize = 5_000;
/// The most any one XML part may inflate to: the text of a 300-page plan is a few MiB.
pub const MAX_PART_BYTES: u64 = 16 * 1024 * 1024;
/// The most all the parts read may inflate to together.
pub const MAX_TOTAL_BYTES: u64 = 32 * 1024 * 1024;

/// Which kind of document the zip holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Word's WordprocessingML: `word/document.xml`.
    Docx,
    /// OpenDocument text (LibreOffice): `content.xml`.
    Odt,
}

/// An open document: its zip, and how many bytes its parts have inflated to so far.
pub struct Archive {
    zip: ZipArchive<File>,
    shown: String,
    inflated: u64,
    pub kind: Kind,
}

/// Opens `path` as a `.docx` or `.odt`; `shown` is its name in messages.
pub fn open(path: &Path, shown: &str) -> Result<Archive, Diagnostic> {
    let file = File::open(path).map_err(|e| {
        let message = match e.kind() {
            std::io::ErrorKind::NotFound => format!("no existe el documento {shown}"),
            _ => format!("no se puede abrir {shown}: {e}"),
        };
        Diagnostic::error(message).help("revise el nombre y la carpeta del documento")
    })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::error(format!(
            "{shown} pesa {} MiB: senda lee documentos de hasta {} MiB",
            size / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ))
        .help("guarde una copia sin imágenes (o con imágenes comprimidas) e impórtela"));
    }
    let zip = ZipArchive::new(file).map_err(|_| not_a_document(shown))?;
    if zip.len() > MAX_ENTRIES {
        return Err(damaged(
            shown,
            &format!(
                "tiene {} partes internas (un documento tiene unas decenas)",
                zip.len()
            ),
        ));
    }
    // The sizes the zip declares can lie; `part` enforces the limits on the bytes read.
    // A declared total far over them is refused before anything is inflated.
    if zip
        .decompressed_size()
        .is_some_and(|total| total > u128::from(MAX_FILE_BYTES) * 16)
    {
        return Err(damaged(shown, "descomprimido ocuparía varios gigabytes"));
    }
    let kind = if zip.index_for_name("word/document.xml").is_some() {
        Kind::Docx
    } else if zip.index_for_name("content.xml").is_some() {
        Kind::Odt
    } else {
        return Err(Diagnostic::error(format!(
            "{shown} no tiene texto que leer: le falta word/document.xml (Word) o content.xml (LibreOffice)"
        ))
        .help("ábralo en Word o LibreOffice y guárdelo de nuevo como .docx o .odt"));
    };
    Ok(Archive {
        zip,
        shown: shown.to_string(),
        inflated: 0,
        kind,
    })
}

impl Archive {
    /// The text of the part `name`, or `None` if the zip has no such part. Reads at most
    /// `MAX_PART_BYTES` of it, and at most `MAX_TOTAL_BYTES` over all parts.
    pub fn part(&mut self, name: &str) -> Result<Option<String>, Diagnostic> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let shown = self.shown.clone();
        let entry = self
            .zip
            .by_index(index)
            .map_err(|_| damaged(&shown, &format!("no se puede descomprimir {name}")))?;
        let allowed = MAX_PART_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(self.inflated));
        if entry.size() > allowed {
            return Err(too_big(&shown, name));
        }
        let mut bytes = Vec::new();
        // One byte past the limit tells a part that is too big from one that fills it.
        entry
            .take(allowed + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| damaged(&shown, &format!("{name} está dañado")))?;
        if bytes.len() as u64 > allowed {
            return Err(too_big(&shown, name));
        }
        self.inflated += bytes.len() as u64;
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| damaged(&shown, &format!("{name} no es texto UTF-8")))
    }
}

fn not_a_document(shown: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "{shown} no es un documento .docx ni .odt (no es un archivo zip)"
    ))
    .help("si es un .doc o un .pdf, ábralo en Word o LibreOffice y use «Guardar como» .docx; luego impórtelo")
}

fn damaged(shown: &str, what: &str) -> Diagnostic {
    Diagnostic::error(format!("{shown} está dañado o no es un documento: {what}"))
        .help("ábralo en Word o LibreOffice y guárdelo de nuevo como .docx o .odt")
}

fn too_big(shown: &str, name: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "{shown}: {name} descomprimido pasa de {} MiB, más que el texto de cualquier plan",
        MAX_PART_BYTES / (1024 * 1024)
    ))
    .help("puede ser un archivo malicioso (una «bomba zip»); si es su plan, guárdelo de nuevo desde Word o LibreOffice")
}
