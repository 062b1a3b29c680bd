//! `senda build --zip`: the built site as one ZIP file, to copy to a USB stick and open
//! from `file://` (every internal URL is relative, so it works wherever it is unpacked).

use std::io::Write;
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::diag::{Diagnostic, display_path};
use crate::messages::Site as Text;
use crate::tr;

/// Where `--zip` alone writes: `<output>.zip` beside the output folder, never inside it
/// (the next build replaces the output folder whole).
pub fn default_path(output: &Path) -> PathBuf {
    let mut name = output.file_name().unwrap_or_default().to_os_string();
    name.push(".zip");
    output.with_file_name(name)
}

/// Writes every file of the built `output` folder (but senda's marker) into `dest`, in the
/// walk's sorted order with a fixed date, so the same site gives the same bytes. The ZIP is
/// written beside `dest` and renamed over it: an interrupted run leaves no half file.
/// Returns the number of files.
pub fn write(output: &Path, dest: &Path) -> Result<usize, Diagnostic> {
    let dest = super::resolve(dest);
    if dest.starts_with(super::resolve(output)) {
        return Err(
            Diagnostic::error(tr!(Text::ZipInsideOutput, display_path(&dest)))
                .help(tr!(Text::ZipInsideOutputHelp)),
        );
    }
    let shown = display_path(&dest);
    let failed = |e: &dyn std::fmt::Display| Diagnostic::error(tr!(Text::CannotZip, shown, e));
    let mut temporary = dest.clone().into_os_string();
    temporary.push(".senda-tmp");
    let temporary = PathBuf::from(temporary);
    let file = std::fs::File::create(&temporary).map_err(|e| failed(&e))?;
    let written = fill(output, file).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        failed(&e)
    })?;
    std::fs::rename(&temporary, &dest).map_err(|e| failed(&e))?;
    Ok(written)
}

fn fill(output: &Path, file: std::fs::File) -> Result<usize, Box<dyn std::error::Error>> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(std::io::BufWriter::new(file));
    let mut written = 0;
    for entry in crate::fs::walk(output) {
        let entry = entry?;
        if !entry.is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(output)?;
        let name = relative.to_string_lossy().replace('\\', "/");
        if name == super::MARKER {
            continue;
        }
        zip.start_file(name, options)?;
        zip.write_all(&std::fs::read(entry.path())?)?;
        written += 1;
    }
    zip.finish()?.flush()?;
    Ok(written)
}
