//! The document's blocks read in order into a `Draft`: each heading opens its section, and
//! each paragraph or table is read as that section reads (data lines, prose, a list, norms,
//! a schedule). What no section can place is kept, with the heading it was under.

use super::blocks::{Block, Paragraph, Table};
use super::draft::{Activity, Draft, Reference, Strategy};
use super::sections::{Heading, Section, heading, words};
use super::{fields, norms, schedule};

/// Where the reading is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    /// Before the first heading: the cover (title, the year's name).
    Cover,
    Known(Section),
    /// Under a heading senda does not know.
    Unknown,
}

struct Reader {
    draft: Draft,
    place: Place,
    /// The depth of the heading that opened `place`.
    depth: u8,
    context: String,
}

pub fn recognise(blocks: &[Block]) -> Draft {
    let mut reader = Reader {
        draft: Draft::default(),
        place: Place::Cover,
        depth: 0,
        context: "el comienzo del documento".to_string(),
    };
    for block in blocks {
        match block {
            Block::Paragraph(p) => reader.paragraph(p),
            Block::Table(t) => reader.table(t),
        }
    }
    reader.draft
}

/// Sections read as a list, one item a paragraph: a typed "1." there numbers an item.
fn is_list(section: Section) -> bool {
    use Section::*;
    matches!(
        section,
        BaseLegal
            | Objetivos
            | ObjetivosGenerales
            | ObjetivosEspecificos
            | Metas
            | Principios
            | Requerimientos
            | Bibliografia
            | Poblacion
    )
}

impl Reader {
    fn paragraph(&mut self, p: &Paragraph) {
        // The cover's title is often styled as a heading.
        if self.place == Place::Cover && self.draft.titulo.is_none() && is_title(&p.text) {
            return self.cover(&p.text);
        }
        if let Some(h) = heading(p) {
            match (h.section, self.place) {
                (Some(section), _) => self.enter(Place::Known(section), &h),
                (None, Place::Known(section)) if h.decimal && is_list(section) => {
                    self.content(section, &h.title, p.list);
                }
                (None, Place::Known(section)) if h.depth > self.depth => {
                    self.subheading(section, &h.title);
                }
                (None, _) => self.enter(Place::Unknown, &h),
            }
            return;
        }
        match self.place {
            Place::Cover => self.cover(&p.text),
            Place::Unknown => self.not_placed(&p.text),
            Place::Known(section) => self.content(section, &p.text, p.list),
        }
    }

    fn enter(&mut self, place: Place, h: &Heading) {
        self.place = place;
        self.depth = h.depth;
        self.context = format!("«{}»", h.title);
        if let Place::Known(section) = place {
            self.draft.recognised(section.label());
        }
    }

    fn not_placed(&mut self, text: &str) {
        let context = self.context.clone();
        self.draft.not_placed(&context, text);
    }

    fn cover(&mut self, text: &str) {
        let w = words(text);
        if self.draft.titulo.is_none() && is_title(text) {
            self.draft.titulo = Some(text.replace('\n', " "));
            self.draft.anio = self.draft.anio.or_else(|| fields::year_in(text));
        } else if w.starts_with("ano del ") || w.starts_with("ano de la ") {
            let name = text.trim_matches(['“', '”', '"', ' ']);
            self.draft.denominacion_anio = Some(name.to_string());
        } else if w.starts_with("decenio ") {
            let name = text.trim_matches(['“', '”', '"', ' ']);
            self.draft.decenio = Some(name.to_string());
        } else if !self.data_lines(text) {
            self.not_placed(text);
        }
    }

    /// Each `label : value` line of `text` put in its place; `false` if none was.
    fn data_lines(&mut self, text: &str) -> bool {
        let mut any = false;
        for line in text.lines() {
            let placed =
                fields::split(line).is_some_and(|(l, v)| fields::line(&mut self.draft, l, v));
            if placed {
                any = true;
            } else if any {
                self.not_placed(line);
            }
        }
        any
    }

    fn content(&mut self, section: Section, text: &str, list: bool) {
        use Section::*;
        let (item, bulleted) = strip_bullet(text);
        let list = list || bulleted;
        if section == Datos {
            for line in text.lines() {
                let placed =
                    fields::split(line).is_some_and(|(l, v)| fields::line(&mut self.draft, l, v));
                if !placed {
                    self.not_placed(line);
                }
            }
            return;
        }
        let draft = &mut self.draft;
        match section {
            Datos => {}
            Presentacion | Fundamentacion | Justificacion | Finalidad => {
                let key = match section {
                    Presentacion => "presentacion",
                    Fundamentacion => "fundamentacion",
                    Justificacion => "justificacion",
                    _ => "finalidad",
                };
                let paragraph = if list {
                    format!("- {item}")
                } else {
                    item.to_string()
                };
                draft.textos.entry(key).or_default().push(paragraph);
            }
            BaseLegal => draft.normas.push(norms::parse(item)),
            Objetivos | ObjetivosGenerales | ObjetivosEspecificos | Metas
                if item.ends_with(':') =>
            {
                self.not_placed(text);
            }
            Objetivos | ObjetivosGenerales => draft.general.push(item.to_string()),
            ObjetivosEspecificos => draft.especificos.push(item.to_string()),
            Metas => draft.metas.push(item.to_string()),
            Principios => draft.principios.push(principle(item)),
            Estrategias => match draft.estrategias.last_mut() {
                Some(strategy) => strategy.descripcion.push(item.to_string()),
                None => self.not_placed(text),
            },
            Competencias => self.competencies(text),
            Poblacion => self.population(text),
            Presupuesto => draft.presupuesto.push(item.to_string()),
            Requerimientos => draft.requerimientos.push(item.to_string()),
            Bibliografia => draft.bibliografia.push(reference(item)),
            Cronograma => match schedule::activity_line(item) {
                Some(row) => self.activity(row),
                None => self.not_placed(text),
            },
            Visitas | Anexos => self.not_placed(text),
        }
    }

    /// A heading under a known section: a strategy's name, a bold line in prose.
    fn subheading(&mut self, section: Section, title: &str) {
        use Section::*;
        match section {
            Estrategias => self.draft.estrategias.push(Strategy {
                tipo: strategy_type(title),
                nombre: title.to_string(),
                descripcion: Vec::new(),
            }),
            Presentacion | Fundamentacion | Justificacion | Finalidad => {
                self.content(section, &format!("**{title}**"), false);
            }
            _ => self.not_placed(title),
        }
    }

    fn competencies(&mut self, text: &str) {
        let w = words(text);
        let tokens: Vec<&str> = w.split(' ').collect();
        let mut found = false;
        for pair in tokens.windows(2) {
            if pair[0].starts_with("competencia")
                && let Ok(n) = pair[1].parse::<i64>()
                && (1..=9).contains(&n)
            {
                found = true;
                if !self.draft.competencias.contains(&n) {
                    self.draft.competencias.push(n);
                }
            }
        }
        if !found {
            self.not_placed(text);
        }
    }

    /// "Docentes 11", "Estudiantes. 220"; a label without a number is left unknown.
    fn population(&mut self, text: &str) {
        for line in text.lines() {
            let w = words(strip_bullet(line).0);
            let key = [
                ("direct", "directivos"),
                ("docente", "docentes"),
                ("profesor", "docentes"),
                ("estudiante", "estudiantes"),
                ("alumno", "estudiantes"),
                ("padre", "familias"),
                ("familia", "familias"),
            ]
            .iter()
            .find(|(k, _)| w.starts_with(k))
            .map(|(_, key)| *key);
            let number = w.split(' ').find_map(|t| t.parse::<i64>().ok());
            match (key, number) {
                (Some(key), Some(n)) => {
                    self.draft.poblacion.insert(key, n);
                }
                (Some(_), None) => {}
                _ => self.not_placed(line),
            }
        }
    }

    fn table(&mut self, t: &Table) {
        if let Some(rows) = schedule::activities(&t.rows) {
            self.draft.recognised(Section::Cronograma.label());
            rows.into_iter().for_each(|row| self.activity(row));
        } else if let Some((teachers, visits)) = schedule::visits(&t.rows, self.draft.anio)
            && self.draft.docentes.is_empty()
        {
            self.draft.recognised(Section::Visitas.label());
            self.draft.docentes = teachers;
            self.draft.visitas = visits;
        } else if let Some(unplaced) = fields::table(&mut self.draft, t) {
            unplaced.iter().for_each(|line| self.not_placed(line));
        } else {
            for row in &t.rows {
                self.not_placed(&row.join(" | ").replace('\n', " "));
            }
        }
    }

    fn activity(&mut self, row: schedule::Row) {
        let responsables = self.responsibles(&row.nombre, &row.responsables);
        self.draft.actividades.push(Activity {
            nombre: row.nombre,
            responsables,
            meses: row.meses,
            evidencia: row.evidencia,
        });
    }

    /// The team ids an activity's "Director y CGP" names; the rest is kept for the director.
    fn responsibles(&mut self, activity: &str, text: &str) -> Vec<&'static str> {
        let w = words(text);
        let mut ids = Vec::new();
        let has_director = self.draft.equipo.iter().any(|m| m.id == "dir");
        let director = w
            .split(' ')
            .any(|t| matches!(t, "director" | "directora" | "direccion" | "directivo"));
        if director && has_director {
            ids.push("dir");
        }
        if w.split(' ').any(|t| t == "cgp") || w.contains("comite de gestion pedagogica") {
            self.draft
                .member("cgp", "Comité de Gestión Pedagógica", "Comité");
            ids.push("cgp");
        }
        if ids.is_empty() && !text.trim().is_empty() {
            self.draft.not_placed(
                "los responsables del cronograma de actividades",
                format!("{activity}: {text}"),
            );
        }
        ids
    }
}

/// "PLAN DE MONITOREO Y ACOMPAÑAMIENTO PEDAGÓGICO 2024", "Plan anual de monitoreo ...".
fn is_title(text: &str) -> bool {
    let w = words(text);
    !text.contains('\n')
        && text.chars().count() <= 200
        && w.starts_with("plan ")
        && w.contains("monitoreo")
}

/// The text without the bullet typed before it (`·`, `•`, `-`, Word's Symbol bullets in
/// the private-use area), and whether there was one.
fn strip_bullet(text: &str) -> (&str, bool) {
    let stripped = text.trim_start_matches(|c: char| {
        matches!(
            c,
            '·' | '•'
                | '-'
                | '–'
                | '*'
                | '‣'
                | '◦'
                | '▪'
                | '●'
                | '○'
                | '✓'
                | '✔'
                | '➢'
                | '►'
                | '\t'
                | ' '
        ) || ('\u{e000}'..='\u{f8ff}').contains(&c)
    });
    (stripped.trim(), stripped.len() != text.len())
}

/// "Autonomía. El docente decide..." is a name and a description; a sentence is a name.
fn principle(text: &str) -> (String, Option<String>) {
    match text.split_once(['.', ':']) {
        Some((name, rest)) if name.chars().count() <= 40 && !rest.trim().is_empty() => {
            (name.trim().to_string(), Some(rest.trim().to_string()))
        }
        _ => (text.to_string(), None),
    }
}

/// "MINEDU. 2014 Fascículo de gestión escolar": author, year, title.
fn reference(text: &str) -> Reference {
    if let Some((autor, rest)) = text.split_once('.') {
        let rest = rest.trim();
        let year: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if autor.chars().count() <= 60 && year.len() == 4 {
            let titulo = rest[4..].trim().trim_start_matches(['.', ',', ')']).trim();
            if !titulo.is_empty() {
                return Reference {
                    autor: Some(autor.trim().to_string()),
                    anio: year.parse().ok(),
                    titulo: titulo.to_string(),
                };
            }
        }
    }
    Reference {
        autor: None,
        anio: None,
        titulo: text.to_string(),
    }
}

/// A strategy's type from its name.
fn strategy_type(name: &str) -> &'static str {
    let w = words(name);
    [
        ("interaprendizaje", "gia"),
        ("gia", "gia"),
        ("colegiad", "rtc"),
        ("rtc", "rtc"),
        ("entre pares", "observacion_pares"),
        ("visita", "visita_aula"),
        ("asesor", "asesoria"),
        ("microtaller", "microtaller"),
        ("taller", "taller"),
        ("curso", "curso_virtual"),
        ("pasantia", "pasantia"),
        ("dialogo reflexivo", "dialogo_reflexivo"),
        ("jornada", "jornada_reflexion"),
    ]
    .iter()
    .find(|(k, _)| match k.contains(' ') {
        true => w.contains(k),
        false => w.split(' ').any(|t| t.starts_with(k)),
    })
    .map_or("otro", |(_, t)| t)
}
