//! Section headings: a paragraph whose style is a heading, or that starts with a Roman or
//! decimal number (`I.`, `II.-`, `5.1.`, `2)`), or that is one of the known titles in
//! capitals. Its words are matched against the sections plans have (case, accents, dots
//! and articles ignored): "IV.- BASES LEGALES:" and "4. Marco normativo" are one section.

use super::blocks::Paragraph;
use crate::import::table::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Datos,
    Presentacion,
    Fundamentacion,
    Justificacion,
    Finalidad,
    BaseLegal,
    Objetivos,
    ObjetivosGenerales,
    ObjetivosEspecificos,
    Metas,
    Principios,
    Estrategias,
    Competencias,
    Poblacion,
    Visitas,
    Cronograma,
    Presupuesto,
    Requerimientos,
    Bibliografia,
    Anexos,
}

/// Each section's titles, folded, most specific first: a title is matched by its start.
const TITLES: &[(&str, Section)] = &[
    ("datos informativos", Section::Datos),
    ("datos generales", Section::Datos),
    ("informacion general", Section::Datos),
    ("datos de la institucion", Section::Datos),
    ("presentacion", Section::Presentacion),
    ("fundamentacion", Section::Fundamentacion),
    ("marco teorico", Section::Fundamentacion),
    ("marco conceptual", Section::Fundamentacion),
    ("justificacion", Section::Justificacion),
    ("diagnostico", Section::Justificacion),
    ("finalidad", Section::Finalidad),
    ("bases legales", Section::BaseLegal),
    ("base legal", Section::BaseLegal),
    ("marco normativo", Section::BaseLegal),
    ("marco legal", Section::BaseLegal),
    ("normatividad", Section::BaseLegal),
    ("objetivos generales", Section::ObjetivosGenerales),
    ("objetivo general", Section::ObjetivosGenerales),
    ("objetivos especificos", Section::ObjetivosEspecificos),
    ("objetivo especifico", Section::ObjetivosEspecificos),
    ("objetivos", Section::Objetivos),
    ("metas", Section::Metas),
    ("principios", Section::Principios),
    ("estrategias", Section::Estrategias),
    ("formas de intervencion", Section::Estrategias),
    ("competencias", Section::Competencias),
    ("desempenos priorizados", Section::Competencias),
    ("poblacion", Section::Poblacion),
    ("beneficiarios", Section::Poblacion),
    ("cronograma de visitas", Section::Visitas),
    ("cronograma de monitoreo", Section::Visitas),
    ("cronograma", Section::Cronograma),
    ("presupuesto", Section::Presupuesto),
    ("financiamiento", Section::Presupuesto),
    ("recursos", Section::Presupuesto),
    ("requerimientos", Section::Requerimientos),
    ("requerimiento", Section::Requerimientos),
    ("bibliografia", Section::Bibliografia),
    ("referencias bibliograficas", Section::Bibliografia),
    ("anexos", Section::Anexos),
    ("anexo", Section::Anexos),
];

impl Section {
    /// The section's name in the summary.
    pub fn label(self) -> &'static str {
        match self {
            Section::Datos => "datos informativos",
            Section::Presentacion => "presentación",
            Section::Fundamentacion => "fundamentación",
            Section::Justificacion => "justificación",
            Section::Finalidad => "finalidad",
            Section::BaseLegal => "bases legales",
            Section::Objetivos => "objetivos",
            Section::ObjetivosGenerales => "objetivos generales",
            Section::ObjetivosEspecificos => "objetivos específicos",
            Section::Metas => "metas",
            Section::Principios => "principios",
            Section::Estrategias => "estrategias",
            Section::Competencias => "competencias",
            Section::Poblacion => "población",
            Section::Visitas => "cronograma de visitas",
            Section::Cronograma => "cronograma de actividades",
            Section::Presupuesto => "presupuesto",
            Section::Requerimientos => "requerimientos",
            Section::Bibliografia => "bibliografía",
            Section::Anexos => "anexos",
        }
    }
}

/// A paragraph read as a heading.
#[derive(Debug, PartialEq)]
pub struct Heading {
    /// The known section it opens, if its words are one.
    pub section: Option<Section>,
    /// 1 for `I.` or `2.`, 2 for `5.1`, the style's level for a styled heading.
    pub depth: u8,
    /// The heading without its number.
    pub title: String,
    /// Numbered with digits (`2.`, `5.1`) and not styled: in a list, it may be an item.
    pub decimal: bool,
}

/// The heading `paragraph` is, if it is one.
pub fn heading(paragraph: &Paragraph) -> Option<Heading> {
    let text = paragraph.text.trim();
    if text.contains('\n') || text.chars().count() > 120 {
        return None;
    }
    let (depth, title) = match numbering(text) {
        Some((depth, rest)) => (Some(depth), rest),
        None => (None, text),
    };
    let decimal = depth.is_some() && text.starts_with(|c: char| c.is_ascii_digit());
    let title = title.trim().trim_end_matches([':', '.', ' ']).to_string();
    let section = section_of(&title);
    // "1.1 UGEL : El Collao" is a line of data, not a heading.
    let is_data = title
        .split_once(':')
        .is_some_and(|(_, v)| !v.trim().is_empty());
    let short = title.chars().count() <= 80;
    let capitals = title.chars().any(char::is_alphabetic) && !title.chars().any(char::is_lowercase);
    match (paragraph.heading, depth) {
        (Some(level), _) if !is_data => Some(Heading {
            section,
            depth: depth.unwrap_or(level),
            title,
            decimal: false,
        }),
        (_, Some(depth)) if short && !is_data || section.is_some() => Some(Heading {
            section,
            depth,
            title,
            decimal,
        }),
        (None, None) if section.is_some() && short && (capitals || exact(&title)) => {
            Some(Heading {
                section,
                depth: 1,
                title,
                decimal: false,
            })
        }
        _ => None,
    }
}

/// The section a title names.
pub fn section_of(title: &str) -> Option<Section> {
    let words = words(title);
    let words = ["el ", "la ", "los ", "las "]
        .iter()
        .find_map(|a| words.strip_prefix(a))
        .unwrap_or(&words);
    TITLES
        .iter()
        .find(|(start, _)| words == *start || words.starts_with(&format!("{start} ")))
        .map(|(_, section)| *section)
}

/// A title that is only a known section's words ("Objetivos específicos").
fn exact(title: &str) -> bool {
    let words = words(title);
    TITLES.iter().any(|(start, _)| words == *start)
}

/// Folded, with every run of non-letters one space.
pub fn words(text: &str) -> String {
    // deunicode drops control characters: a line break must still part two words.
    let spaced: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let folded = fold(&spaced);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// The depth of a heading's number and the text after it: `II.-` and `3)` are 1, `5.1.`
/// is 2. A Roman numeral needs a mark after it, so a word such as "VISITA" is not one.
fn numbering(text: &str) -> Option<(u8, &str)> {
    let roman = text
        .find(|c: char| !matches!(c, 'I' | 'V' | 'X' | 'L'))
        .unwrap_or(text.len());
    if roman > 0 {
        let rest = &text[roman..];
        let marks = rest.len()
            - rest
                .trim_start_matches(['.', '-', ')', '–', ':', ' ', '\t'])
                .len();
        let punctuated = rest.starts_with(['.', '-', ')', '–', '\t']);
        if punctuated && marks > 0 {
            return Some((1, rest[marks..].trim_start()));
        }
        return None;
    }
    let mut depth = 0u8;
    let mut rest = text;
    loop {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 2 {
            break;
        }
        depth = depth.saturating_add(1);
        rest = &rest[digits..];
        match rest.strip_prefix('.') {
            Some(after) if after.starts_with(|c: char| c.is_ascii_digit()) => rest = after,
            _ => break,
        }
    }
    if depth == 0 {
        return None;
    }
    let after = rest.trim_start_matches(['.', '-', ')', '–', ':', '°', 'º']);
    // "5.1 Finalidad" needs no mark after its number; "2. Datos" does, or "5 años" would
    // be a heading.
    let marked = after.len() < rest.len();
    let separated = marked || (depth > 1 && after.starts_with([' ', '\t']));
    let after = after.trim_start();
    (separated && after.starts_with(char::is_alphabetic)).then_some((depth, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(Option<Section>, u8, String)> {
        let p = Paragraph {
            text: text.into(),
            ..Default::default()
        };
        heading(&p).map(|h| (h.section, h.depth, h.title))
    }

    #[test]
    fn numbered_headings_in_their_variants() {
        use Section::*;
        let cases: &[(&str, Option<Section>, u8, &str)] = &[
            (
                "I. Datos Informativos",
                Some(Datos),
                1,
                "Datos Informativos",
            ),
            (
                "I.-DATOS INFORMATIVOS:",
                Some(Datos),
                1,
                "DATOS INFORMATIVOS",
            ),
            (
                " II. FUNDAMENTACIÓN",
                Some(Fundamentacion),
                1,
                "FUNDAMENTACIÓN",
            ),
            ("III.- BASES LEGALES:", Some(BaseLegal), 1, "BASES LEGALES"),
            ("IV. Base Legal", Some(BaseLegal), 1, "Base Legal"),
            (
                "4.1.-Objetivos Generales:",
                Some(ObjetivosGenerales),
                2,
                "Objetivos Generales",
            ),
            (
                "5.2. Objetivos Específicos.",
                Some(ObjetivosEspecificos),
                2,
                "Objetivos Específicos",
            ),
            (
                "VII.\tCRONOGRAMA DE VISITAS",
                Some(Visitas),
                1,
                "CRONOGRAMA DE VISITAS",
            ),
            (
                "IX. Cronograma de Actividades.",
                Some(Cronograma),
                1,
                "Cronograma de Actividades",
            ),
            (
                "VII. Las Competencias Profesionales.",
                Some(Competencias),
                1,
                "Las Competencias Profesionales",
            ),
            ("2) Presentación", Some(Presentacion), 1, "Presentación"),
            ("6.2.1 Asesoría Pedagógica.", None, 3, "Asesoría Pedagógica"),
            (
                "VIII. Acompañamiento Pedagógico a los Docentes",
                None,
                1,
                "Acompañamiento Pedagógico a los Docentes",
            ),
            ("PRESENTACIÓN", Some(Presentacion), 1, "PRESENTACIÓN"),
        ];
        for (text, section, depth, title) in cases {
            assert_eq!(
                read(text),
                Some((*section, *depth, (*title).to_string())),
                "{text}"
            );
        }
    }

    #[test]
    fn lines_that_are_not_headings() {
        for text in [
            "1.1 UGEL    : El Collao",
            "VISITA DE PROCESO",
            "2024 fue un año de cambios en la escuela",
            "Presentación de los resultados a la comunidad educativa en la segunda jornada del año",
            "IE\t: IEI N°246",
            "a) Visitas al aula",
            "5 años “A”",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
