//! Legal bases: a norm's code read into the format's parts. "RM N° 587-2023-MINEDU,
//! Disposiciones ..." is `tipo = "RM"`, `numero = "587"`, `anio = 2023`,
//! `emisor = "MINEDU"` and its title; "Ley General de Educación N° 28044" is a `Ley`
//! numbered 28044. A line with no code ("Constitución Política del Perú") is a norm of
//! type `otro` with that title.

use super::draft::Norm;
use super::sections::words;

/// Types by the words that open them, folded ("D.S." is "d s").
const TYPES: &[(&str, &str)] = &[
    ("ley", "Ley"),
    ("decreto legislativo", "DL"),
    ("d leg", "DL"),
    ("d l", "DL"),
    ("dl", "DL"),
    ("decreto supremo", "DS"),
    ("d s", "DS"),
    ("ds", "DS"),
    ("resolucion viceministerial", "RVM"),
    ("r v m", "RVM"),
    ("rvm", "RVM"),
    ("resolucion de secretaria general", "RSG"),
    ("r s g", "RSG"),
    ("rsg", "RSG"),
    ("resolucion ministerial", "RM"),
    ("r m", "RM"),
    ("rm", "RM"),
    ("directiva", "Directiva"),
    ("ordenanza municipal", "OM"),
];

/// The norm a line of the legal bases cites.
pub fn parse(line: &str) -> Norm {
    let text = line
        .replace(['–', '—', '‐'], "-")
        .replace(" -", "-")
        .replace("- ", "-");
    let text = text.trim().trim_end_matches(['.', ';', ',']).trim();
    let folded = words(text);
    let tipo = TYPES
        .iter()
        .find(|(start, _)| folded == *start || folded.starts_with(&format!("{start} ")))
        .map(|(_, t)| *t);
    let Some((code_start, code_end, numero, anio, emisor)) = code(text) else {
        return Norm {
            tipo: "otro".into(),
            titulo: Some(text.to_string()),
            ..Norm::default()
        };
    };
    // "Ley General de Educación N° 28044": the type is named before the number.
    let tipo = tipo.or_else(|| {
        let before = words(&text[..code_start]);
        before.starts_with("ley").then_some("Ley")
    });
    let Some(tipo) = tipo else {
        return Norm {
            tipo: "otro".into(),
            titulo: Some(text.to_string()),
            ..Norm::default()
        };
    };
    let before = text[..code_start].trim();
    let after = text[code_end..]
        .trim()
        .trim_start_matches([',', '.', ':', '-'])
        .trim();
    // The title is what is not the type: after the code, or before it.
    let titulo = if !after.is_empty() {
        after
    } else if words(before) != tipo.to_lowercase() && before.len() > 6 {
        before
    } else {
        ""
    };
    let titulo = titulo.trim_matches(['“', '”', '"', ' ', ',', '.']);
    Norm {
        tipo: tipo.to_string(),
        numero: Some(numero),
        anio,
        emisor,
        titulo: (!titulo.is_empty()).then(|| titulo.to_string()),
    }
}

type Code = (usize, usize, String, Option<i64>, Option<String>);

/// Where the code is (`N° 587-2023-MINEDU`, or the first number), and its parts.
fn code(text: &str) -> Option<Code> {
    // The first "N°" (in any of its spellings) that a number follows.
    let mut markers: Vec<(usize, usize)> = ["N°", "Nº", "N.°", "N. °", "Nro.", "No.", "N "]
        .iter()
        .flat_map(|m| text.match_indices(m).map(|(at, _)| (at, at + m.len())))
        .collect();
    markers.sort_unstable();
    let marker = markers.into_iter().find(|(_, after)| {
        text[*after..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
    });
    let (start, digits_from) = match marker {
        Some(found) => found,
        None => {
            let at = text.find(|c: char| c.is_ascii_digit())?;
            (at, at)
        }
    };
    let rest = &text[digits_from..];
    let skipped = rest.len() - rest.trim_start().len();
    let rest = rest.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let mut end = digits_from + skipped + digits.len();
    let mut anio = None;
    let mut emisor = None;
    let mut tail = &text[end..];
    if let Some(after) = tail.strip_prefix('-') {
        let year: String = after.chars().take_while(char::is_ascii_digit).collect();
        if year.len() == 4 || year.len() == 2 {
            let y: i64 = year.parse().ok()?;
            anio = Some(match year.len() {
                2 if y > 30 => 1900 + y,
                2 => 2000 + y,
                _ => y,
            });
            end += 1 + year.len();
            tail = &text[end..];
        }
    }
    if anio.is_some()
        && let Some(after) = tail.strip_prefix('-')
    {
        let issuer: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '/' | '-'))
            .collect();
        let issuer = issuer.trim_end_matches(['.', '-']);
        if !issuer.is_empty() {
            end += 1 + issuer.len();
            emisor = Some(issuer.replace('.', ""));
        }
    }
    Some((start, end, digits, anio, emisor))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(
        tipo: &str,
        numero: &str,
        anio: Option<i64>,
        emisor: Option<&str>,
        titulo: Option<&str>,
    ) -> Norm {
        Norm {
            tipo: tipo.into(),
            numero: Some(numero.into()),
            anio,
            emisor: emisor.map(Into::into),
            titulo: titulo.map(Into::into),
        }
    }

    #[test]
    fn codes_as_plans_write_them() {
        let cases = [
            (
                "RM N° 587-2023-MINEDU, Disposiciones para la prestación del servicio educativo.",
                norm(
                    "RM",
                    "587",
                    Some(2023),
                    Some("MINEDU"),
                    Some("Disposiciones para la prestación del servicio educativo"),
                ),
            ),
            (
                "D.S. N° 004-2013-ED Reglamento.",
                norm("DS", "004", Some(2013), Some("ED"), Some("Reglamento")),
            ),
            (
                "Ley N° 28044 Ley General de Educación.",
                norm("Ley", "28044", None, None, Some("Ley General de Educación")),
            ),
            (
                "Ley General de Educación N° 28044.",
                norm("Ley", "28044", None, None, Some("Ley General de Educación")),
            ),
            (
                "Decreto Supremo N° 50-82 – ED Reglamento del Sistema de Supervisión Educativa.",
                norm(
                    "DS",
                    "50",
                    Some(1982),
                    Some("ED"),
                    Some("Reglamento del Sistema de Supervisión Educativa"),
                ),
            ),
            (
                "RVM N° 051-2021-MINEDU, “Disposiciones para la gestión de cargos”.",
                norm(
                    "RVM",
                    "051",
                    Some(2021),
                    Some("MINEDU"),
                    Some("Disposiciones para la gestión de cargos"),
                ),
            ),
            (
                "R.S.G. Nº 078-2017-MINEDU",
                norm("RSG", "078", Some(2017), Some("MINEDU"), None),
            ),
        ];
        for (line, expected) in cases {
            assert_eq!(parse(line), expected, "{line}");
        }
    }

    #[test]
    fn a_line_without_a_code_is_another_kind_of_norm() {
        let n = parse("Constitución Política del Perú.");
        assert_eq!(
            (n.tipo.as_str(), n.titulo.as_deref()),
            ("otro", Some("Constitución Política del Perú"))
        );
        assert_eq!(parse("Marco del Buen Desempeño Docente").tipo, "otro");
    }
}
