//! Zola's template functions and filters, with Zola's names and arguments, so a Zola
//! site's templates render here: `get_section`, `get_page`, `load_data`, and the `date`,
//! `markdown`, `slugify` and `urlencode` filters. `templates` registers them; each here is
//! a plain function whose error is the message the template error shows.

use std::collections::HashMap;
use std::path::{Component, Path};

use tera::Value;

use super::context::{page_view, section_view};
use crate::diag::suggest_unique;
use crate::messages::Site as Text;
use crate::model::Site;
use crate::plan::calendar::{Fecha, MonthNames};
use crate::tr;

/// Every section and page as `get_section` and `get_page` return them, by content path.
#[derive(Default)]
pub(super) struct Documents {
    sections: HashMap<String, Value>,
    pages: HashMap<String, Value>,
}

impl Documents {
    pub(super) fn of(site: &Site) -> Documents {
        Documents {
            sections: (0..site.sections.len())
                .map(|id| {
                    let view = Value::from_serializable(&section_view(site, id));
                    (site.sections[id].doc.source.clone(), view)
                })
                .collect(),
            pages: (0..site.pages.len())
                .map(|id| {
                    let view = Value::from_serializable(&page_view(site, id));
                    (site.pages[id].doc.source.clone(), view)
                })
                .collect(),
        }
    }

    /// `path` as Zola writes it (`blog/_index.md`, maybe `@/blog/_index.md`), or a
    /// subsection or page from a listing (its `relative_path`).
    pub(super) fn section(&self, path: &Value) -> Result<Value, String> {
        let path = content_path(path);
        lookup(&self.sections, &path).ok_or_else(|| {
            tr!(
                Text::GetSectionMissing,
                path,
                nearest(&self.sections, &path)
            )
        })
    }

    pub(super) fn page(&self, path: &Value) -> Result<Value, String> {
        let path = content_path(path);
        lookup(&self.pages, &path)
            .ok_or_else(|| tr!(Text::GetPageMissing, path, nearest(&self.pages, &path)))
    }
}

fn content_path(path: &Value) -> String {
    let text = path
        .get_from_path("relative_path")
        .and_then(Value::as_str)
        .or_else(|| path.as_str())
        .unwrap_or_default();
    text.strip_prefix("@/").unwrap_or(text).to_string()
}

fn lookup(map: &HashMap<String, Value>, path: &str) -> Option<Value> {
    map.get(path).cloned()
}

fn nearest(map: &HashMap<String, Value>, path: &str) -> String {
    let mut known: Vec<&str> = map.keys().map(String::as_str).collect();
    known.sort_unstable();
    suggest_unique(path, known.iter().copied())
        .map(|found| tr!(Text::SuggestInline, found))
        .unwrap_or_default()
}

/// Zola's `load_data(path=…, format=…)`: a TOML, JSON or CSV file (or `plain` text) of
/// the site folder, never outside it. CSV is `{headers, records}` as in Zola.
pub(super) fn load_data(root: &Path, path: &str, format: Option<&str>) -> Result<Value, String> {
    let relative = Path::new(path);
    let inside = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let outside = || tr!(Text::LoadDataOutside, path);
    if !inside || path.is_empty() {
        return Err(outside());
    }
    let absolute = root.join(relative);
    // A symbolic link could still lead out: the real path must stay under the real root.
    let real = absolute
        .canonicalize()
        .map_err(|e| tr!(Text::LoadDataUnread, path, e))?;
    let real_root = root.canonicalize().map_err(|_| outside())?;
    if !real.starts_with(&real_root) {
        return Err(outside());
    }
    let text = crate::fs::read_text(&real, relative).map_err(|e| match e {
        crate::fs::ReadError::Io { error, .. } => tr!(Text::LoadDataUnread, path, error),
        crate::fs::ReadError::NotUtf8(d) => tr!(Text::LoadDataUnread, path, d.message),
    })?;
    let format = format
        .map(str::to_ascii_lowercase)
        .or_else(|| {
            relative
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
        })
        .unwrap_or_default();
    let bad = |kind: &str, error: String| tr!(Text::LoadDataBad, path, kind, error);
    match format.as_str() {
        "toml" => toml::from_str::<toml::Table>(&text)
            .map(|t| Value::from_serializable(&toml_to_json(toml::Value::Table(t))))
            .map_err(|e| bad("TOML", e.message().to_string())),
        "json" => serde_json::from_str::<serde_json::Value>(&text)
            .map(|v| Value::from_serializable(&v))
            .map_err(|e| bad("JSON", e.to_string())),
        "csv" => csv_value(&text).map_err(|e| bad("CSV", e)),
        "plain" | "txt" => Ok(Value::from(text)),
        other => Err(tr!(Text::LoadDataFormat, other)),
    }
}

/// TOML dates become their text, as templates print them.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(items) => items.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(table) => table
            .into_iter()
            .map(|(k, v)| (k, toml_to_json(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

fn csv_value(text: &str) -> Result<Value, String> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(str::to_string)
        .collect();
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        records.push(record.iter().map(str::to_string).collect::<Vec<_>>());
    }
    Ok(Value::from_serializable(&serde_json::json!({
        "headers": headers,
        "records": records,
    })))
}

/// Zola's `date(format=…)` over a front-matter date, strftime's directives for a date;
/// month and day names in English, or Spanish with `locale="es…"`.
pub(super) fn date(text: &str, format: &str, locale: Option<&str>) -> Result<String, String> {
    let day = Fecha::parse_start(text).ok_or_else(|| tr!(Text::DateFilterBad, text))?;
    let spanish = locale.is_some_and(|l| l.to_ascii_lowercase().starts_with("es"));
    let names = if spanish {
        // Zola's locales are POSIX (`es_PE`), site languages BCP 47 (`es-PE`).
        let tag = locale.unwrap_or("es").replace('_', "-");
        MonthNames::of_language(&tag).unwrap_or(MonthNames::Spanish)
    } else {
        MonthNames::English
    };
    let weekday = usize::from(day.weekday()) - 1;
    let day_name = if spanish {
        [
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
            "domingo",
        ][weekday]
    } else {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][weekday]
    };
    let month = names.name(day.mes);
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let directive = chars.next().unwrap_or('%');
        let written = match directive {
            'Y' => day.anio.to_string(),
            'y' => format!("{:02}", day.anio.rem_euclid(100)),
            'm' => format!("{:02}", day.mes),
            'd' => format!("{:02}", day.dia),
            'e' => format!("{:>2}", day.dia),
            'B' => month.to_string(),
            'b' | 'h' => month.chars().take(3).collect(),
            'A' => day_name.to_string(),
            'a' => day_name.chars().take(3).collect(),
            'j' => format!("{:03}", day_of_year(day)),
            'F' => format!("{}-{:02}-{:02}", day.anio, day.mes, day.dia),
            'H' | 'M' | 'S' => "00".to_string(),
            '%' => "%".to_string(),
            other => return Err(tr!(Text::DateFormatBad, other)),
        };
        out.push_str(&written);
    }
    Ok(out)
}

fn day_of_year(day: Fecha) -> i64 {
    let first = Fecha {
        anio: day.anio,
        mes: 1,
        dia: 1,
    };
    day.days() - first.days() + 1
}

/// Zola's `urlencode`: everything but ASCII letters, digits, `-_.~` and `/` as `%XX`.
pub(super) fn urlencode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Zola's `inline = true`: one paragraph without its `<p>`.
pub(super) fn strip_paragraph(html: &str) -> &str {
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner,
        _ => html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_strftime() {
        let long = date("2024-07-12", "%A %e %B %Y, %a %d %b %y (%j)", None).unwrap();
        assert_eq!(long, "Friday 12 July 2024, Fri 12 Jul 24 (194)");
        let spanish = date("2024-09-03", "%d de %B de %Y", Some("es_PE")).unwrap();
        assert_eq!(spanish, "03 de setiembre de 2024");
        assert!(date("2024-07-12", "%Q", None).is_err());
        assert!(date("12/07/2024", "%Y", None).is_err());
    }

    #[test]
    fn urlencode_keeps_slashes() {
        assert_eq!(urlencode("a b/ñ?"), "a%20b/%C3%B1%3F");
    }

    #[test]
    fn load_data_stays_in_the_site() {
        let root = std::env::temp_dir();
        assert!(load_data(&root, "../etc/passwd", None).is_err());
        assert!(load_data(&root, "/etc/passwd", None).is_err());
    }
}
