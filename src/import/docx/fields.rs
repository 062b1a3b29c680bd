//! The "Datos informativos": `label : value` lines (`1.1 UGEL : El Collao`, `DRE\t: PUNO`)
//! or a table of two columns (or three, the middle one `:`), each label matched against
//! the ones plans use and its value put in its place in `[institucion]` or `[[equipo]]`.

use super::blocks::Table;
use super::draft::Draft;
use super::sections::words;

/// The label and value of a data line, if it is one: split at the first `:` (or a tab).
pub fn split(line: &str) -> Option<(&str, &str)> {
    let (label, value) = line.split_once(':').or_else(|| line.split_once('\t'))?;
    let value = value.trim().trim_start_matches(':').trim();
    (!label.trim().is_empty() && !value.is_empty() && label.chars().count() <= 50)
        .then(|| (label.trim(), value))
}

/// A table of labels and values (a pair a row, or two: `UGEL | El Collao | DRE | Puno`):
/// `None` if it is not one; else the rows it could not place, as text.
pub fn table(draft: &mut Draft, table: &Table) -> Option<Vec<String>> {
    let rows: Vec<(Vec<(String, String)>, String)> = table
        .rows
        .iter()
        .map(|row| {
            let cells: Vec<&str> = row
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty() && *c != ":")
                .collect();
            let pairs = match cells.as_slice() {
                [line] => split(line)
                    .map(|(l, v)| vec![(l.to_string(), v.to_string())])
                    .unwrap_or_default(),
                even if even.len() % 2 == 0 && even.len() <= 6 => even
                    .chunks(2)
                    .map(|p| (p[0].trim_end_matches(':').to_string(), p[1].to_string()))
                    .collect(),
                _ => Vec::new(),
            };
            (pairs, row.join(" | ").replace('\n', " "))
        })
        .collect();
    // A table is data if most of its rows are pairs, and some labels are known ones.
    let paired = rows.iter().filter(|(pairs, _)| !pairs.is_empty()).count();
    let known = rows
        .iter()
        .flat_map(|(pairs, _)| pairs)
        .filter(|(l, _)| field_of(l).is_some())
        .count();
    if paired * 2 < table.rows.len() || known < 2 {
        return None;
    }
    let mut unplaced = Vec::new();
    for (pairs, text) in rows {
        if pairs.is_empty() {
            unplaced.push(text);
        }
        for (label, value) in pairs {
            if !line(draft, &label, &value) {
                unplaced.push(format!("{label}: {value}"));
            }
        }
    }
    Some(unplaced)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Field {
    Ugel,
    Dre,
    School,
    Levels,
    Text(&'static str),
    Director,
    Subdirector,
    CodigoModular,
    CodigoLocal,
    Turno,
    Year,
    Lugar,
}

/// Labels by their first words, folded and without their number (`1.2`).
const LABELS: &[(&str, Field)] = &[
    ("ugel", Field::Ugel),
    ("unidad de gestion educativa", Field::Ugel),
    ("dre", Field::Dre),
    ("gre", Field::Dre),
    ("direccion regional", Field::Dre),
    ("institucion educativa", Field::School),
    ("nombre de la", Field::School),
    ("centro educativo", Field::School),
    ("i e", Field::School),
    ("ie", Field::School),
    ("iei", Field::School),
    ("ies", Field::School),
    ("iep", Field::School),
    ("ii ee", Field::School),
    ("nivel", Field::Levels),
    ("niveles", Field::Levels),
    ("modalidad", Field::Levels),
    ("distrito", Field::Text("distrito")),
    ("provincia", Field::Text("provincia")),
    ("region", Field::Text("region")),
    ("departamento", Field::Text("region")),
    ("centro poblado", Field::Text("centro_poblado")),
    ("direccion", Field::Text("direccion")),
    ("red educativa", Field::Text("red_educativa")),
    ("director", Field::Director),
    ("directora", Field::Director),
    ("subdirector", Field::Subdirector),
    ("subdirectora", Field::Subdirector),
    ("codigo modular", Field::CodigoModular),
    ("cod modular", Field::CodigoModular),
    ("codigo de local", Field::CodigoLocal),
    ("codigo local", Field::CodigoLocal),
    ("turno", Field::Turno),
    ("turnos", Field::Turno),
    ("ano", Field::Year),
    ("ano escolar", Field::Year),
    ("lugar", Field::Lugar),
];

fn field_of(label: &str) -> Option<Field> {
    let words = words(label);
    let words = words.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    LABELS
        .iter()
        .filter(|(start, _)| words == *start || words.starts_with(&format!("{start} ")))
        .max_by_key(|(start, _)| start.len())
        .map(|(_, field)| *field)
}

/// Puts one labelled value in its place; `false` if the label is not a known one.
pub fn line(draft: &mut Draft, label: &str, value: &str) -> bool {
    let Some(field) = field_of(label) else {
        return false;
    };
    let value = value.trim().trim_end_matches(['.', ';', ',']).trim();
    match field {
        Field::Ugel => set(draft, "ugel", prefixed("UGEL", value)),
        Field::Dre => set(draft, "dre", prefixed("DRE", value)),
        Field::School => school(draft, label, value),
        Field::Levels => levels(draft, value),
        Field::Text(key) => set(draft, key, title_case(value)),
        Field::Director => draft.member("dir", value, "Director(a)"),
        Field::Subdirector => draft.member("sub", value, "Subdirector(a)"),
        Field::CodigoModular => {
            let code: String = value.chars().filter(char::is_ascii_digit).collect();
            draft.codigos_modulares.push((String::new(), code));
        }
        Field::CodigoLocal => {
            let code: String = value.chars().filter(char::is_ascii_digit).collect();
            set(draft, "codigo_local", code);
        }
        Field::Turno => {
            for turno in ["manana", "tarde", "noche"] {
                if words(value).contains(turno) {
                    let spelled = if turno == "manana" { "mañana" } else { turno };
                    draft.turnos.push(spelled.to_string());
                }
            }
        }
        Field::Year => draft.anio = draft.anio.or_else(|| year_in(value)),
        Field::Lugar => draft.lugar = Some(value.to_string()),
    }
    draft.recognised(super::sections::Section::Datos.label());
    true
}

fn set(draft: &mut Draft, key: &'static str, value: String) {
    draft.institucion.entry(key).or_insert(value);
}

/// "El Collao" -> "UGEL El Collao"; a value that already names it is kept.
fn prefixed(prefix: &str, value: &str) -> String {
    let value = title_case(value);
    if words(&value).starts_with(&prefix.to_lowercase()) {
        value
    } else {
        format!("{prefix} {value}")
    }
}

/// A value typed in capitals ("EL COLLAO") as a name is written ("El Collao"); anything
/// in mixed case is kept as typed.
fn title_case(value: &str) -> String {
    if value.chars().any(char::is_lowercase) {
        return value.to_string();
    }
    value
        .split(' ')
        .map(|word| {
            let lower = word.to_lowercase();
            let keep = ["UGEL", "DRE", "GRE", "IE", "IEI", "IES", "EBR"].contains(&word);
            let mut chars = lower.chars();
            match (keep, chars.next()) {
                (true, _) => word.to_string(),
                (false, Some(first)) => first.to_uppercase().chain(chars).collect(),
                (false, None) => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first year (four digits from 2000) in `text`.
pub fn year_in(text: &str) -> Option<i64> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .find(|y| (2000..2100).contains(y))
}

/// "IEI N°246 “Mi Segundo Hogar”": the type, the number and the name, apart.
fn school(draft: &mut Draft, label: &str, value: &str) {
    let types = [
        ("iei", "IEI"),
        ("i e i", "IEI"),
        ("ies", "IES"),
        ("i e s", "IES"),
        ("iep", "IEP"),
        ("i e p", "IEP"),
        ("ie", "IE"),
        ("i e", "IE"),
    ];
    let kind = |text: &str| {
        let w = words(text);
        let w = w.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
        types
            .iter()
            .find(|(t, _)| w == *t || w.starts_with(&format!("{t} ")))
            .map(|(_, spelled)| *spelled)
    };
    let tipo = kind(value).or_else(|| kind(label)).unwrap_or("IE");
    draft.institucion.entry("tipo").or_insert(tipo.to_string());
    let numero: String = value
        .split_once(['°', 'º'])
        .map(|(_, after)| {
            after
                .trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect()
        })
        .unwrap_or_default();
    if !numero.is_empty() {
        set(draft, "numero", numero.clone());
    }
    let quoted = value
        .split(['“', '”', '"', '«', '»'])
        .nth(1)
        .map(str::trim)
        .filter(|q| !q.is_empty());
    let nombre = match quoted {
        Some(q) => q.to_string(),
        None => {
            // What follows the type and number: "IE N° 70999 Nueva Esperanza".
            let rest = value
                .rsplit_once(numero.as_str())
                .filter(|_| !numero.is_empty());
            let rest = rest.map_or(value, |(_, r)| r).trim();
            let skip = if rest == value && kind(value).is_some() {
                rest.split_once(' ').map_or("", |(_, r)| r)
            } else {
                rest
            };
            skip.trim_matches(['.', ' ', '-']).to_string()
        }
    };
    if !nombre.is_empty() {
        set(draft, "nombre", title_case(&nombre));
    }
    levels_of_type(draft, tipo);
}

fn levels_of_type(draft: &mut Draft, tipo: &str) {
    let nivel = match tipo {
        "IEI" => "inicial",
        "IES" => "secundaria",
        _ => return,
    };
    if draft.niveles.is_empty() {
        draft.niveles.push(nivel.to_string());
    }
}

/// "EBR / Educación Secundaria": the modality and the levels named.
fn levels(draft: &mut Draft, value: &str) {
    let w = words(value);
    for nivel in ["inicial", "primaria", "secundaria"] {
        if w.contains(nivel) && !draft.niveles.iter().any(|n| n == nivel) {
            draft.niveles.push(nivel.to_string());
        }
    }
    let modalidad = [
        ("ebr", "EBR"),
        ("eba", "EBA"),
        ("ebe", "EBE"),
        ("basica regular", "EBR"),
    ]
    .iter()
    .find(|(m, _)| w.split(' ').any(|x| x == *m) || w.contains(m))
    .map(|(_, spelled)| *spelled);
    if let Some(m) = modalidad {
        set(draft, "modalidad", m.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schools_types_numbers_and_names() {
        let cases = [
            (
                "IE",
                "IEI N°246 “Mi Segundo Hogar”",
                "IEI",
                Some("246"),
                "Mi Segundo Hogar",
            ),
            ("1.2 IES.", "Miguel Grau.", "IES", None, "Miguel Grau"),
            (
                "Institución educativa",
                "N° 70999 Nueva Esperanza",
                "IE",
                Some("70999"),
                "Nueva Esperanza",
            ),
            ("I.E.", "I.E. SAN JUAN", "IE", None, "San Juan"),
        ];
        for (label, value, tipo, numero, nombre) in cases {
            let mut draft = Draft::default();
            assert!(line(&mut draft, label, value), "{label}");
            assert_eq!(draft.institucion["tipo"], tipo, "{value}");
            assert_eq!(
                draft.institucion.get("numero").map(String::as_str),
                numero,
                "{value}"
            );
            assert_eq!(draft.institucion["nombre"], nombre, "{value}");
        }
    }

    #[test]
    fn labels_in_their_variants() {
        let mut draft = Draft::default();
        for (label, value) in [
            ("1.1 UGEL", "El Collao"),
            ("DRE", "PUNO"),
            ("1.3 Nivel y Modalidad", "EBR / Educación Secundaria"),
            ("Director", "Lic. Ana Prueba Ficticia"),
            ("Código modular", "0123456"),
            ("TURNO", "MAÑANA"),
            ("AÑO", " 2024"),
        ] {
            assert!(line(&mut draft, label, value), "{label}");
        }
        assert!(!line(&mut draft, "RESPONSABLES", "Alguien"));
        assert_eq!(draft.institucion["ugel"], "UGEL El Collao");
        assert_eq!(draft.institucion["dre"], "DRE Puno");
        assert_eq!(draft.institucion["modalidad"], "EBR");
        assert_eq!(draft.niveles, ["secundaria"]);
        assert_eq!(draft.equipo[0].nombre, "Lic. Ana Prueba Ficticia");
        assert_eq!(draft.turnos, ["mañana"]);
        assert_eq!(draft.anio, Some(2024));
        assert_eq!(split("DRE\t: PUNO"), Some(("DRE", "PUNO")));
    }

    #[test]
    fn a_table_of_two_pairs_a_row_and_what_it_cannot_place() {
        let cells = |r: &[&str]| r.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let data = Table {
            rows: vec![
                cells(&["UGEL", "El Collao", "DRE", "Puno"]),
                cells(&["Celular", ":", "900000000"]),
                cells(&["Director(a)", "Ana Ficticia"]),
            ],
        };
        let mut draft = Draft::default();
        assert_eq!(
            table(&mut draft, &data),
            Some(vec!["Celular: 900000000".to_string()])
        );
        assert_eq!(draft.institucion["dre"], "DRE Puno");
        assert_eq!(draft.equipo[0].nombre, "Ana Ficticia");
    }
}
