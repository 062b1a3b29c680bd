//! The draft's TOML, written with `toml_edit` as `senda new plan --from` writes: the
//! format's keys in the format's order, `estado = "borrador"`, teachers' names masked to
//! initials, and at the end, commented out, every line senda could not place.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value, value};

use super::draft::Draft;
use crate::plan::vocab::{Estado, NombresDocentes, Term};

/// The plan `id` as a draft from `draft`; `source` names the document in its header.
pub fn toml(draft: &Draft, id: &str, source: &str, current_year: i64) -> String {
    let mut doc = DocumentMut::new();
    let anio = draft.anio.unwrap_or(current_year);
    doc["esquema"] = value("pmap/1");
    doc["id"] = value(id);
    let titulo = draft
        .titulo
        .clone()
        .unwrap_or_else(|| format!("Plan de Monitoreo y Acompañamiento Pedagógico {anio}"));
    doc["titulo"] = value(titulo);
    doc["pais"] = value("PE");
    doc["anio"] = value(anio);
    if let Some(name) = &draft.denominacion_anio {
        doc["denominacion_anio"] = value(name);
    }
    if let Some(name) = &draft.decenio {
        doc["decenio"] = value(name);
    }
    if let Some(lugar) = draft.lugar.as_ref().or(draft.institucion.get("distrito")) {
        doc["lugar"] = value(lugar);
    }
    doc["estado"] = value(Estado::Borrador.spelling());
    if let Some(mut key) = doc.key_mut("esquema") {
        key.leaf_decor_mut().set_prefix(format!(
            "# Borrador importado de «{}» con `senda import plan`. Revise cada valor contra el\n# documento, complete lo que falta (`senda check --drafts` lo dice) y, al aprobarlo,\n# cambie `estado`. Lo que senda no supo dónde poner está al final, comentado.\n",
            source.replace('\n', " ")
        ));
    }
    institution(&mut doc, draft);
    people(&mut doc, draft);
    texts(&mut doc, draft);
    schedule(&mut doc, draft);
    closing(&mut doc, draft);
    let mut text = doc.to_string();
    unplaced(&mut text, draft);
    text
}

fn strings<'a>(items: impl IntoIterator<Item = &'a String>) -> Value {
    Value::Array(items.into_iter().map(String::as_str).collect::<Array>())
}

fn institution(doc: &mut DocumentMut, draft: &Draft) {
    let mut table = Table::new();
    let i = &draft.institucion;
    for key in ["numero", "nombre", "tipo"] {
        if let Some(v) = i.get(key) {
            table[key] = value(v);
        }
    }
    if !draft.niveles.is_empty() {
        table["niveles"] = Item::Value(strings(&draft.niveles));
    }
    if let Some(v) = i.get("modalidad") {
        table["modalidad"] = value(v);
    }
    if !draft.turnos.is_empty() {
        table["turnos"] = Item::Value(strings(&draft.turnos));
    }
    for key in [
        "dre",
        "ugel",
        "red_educativa",
        "region",
        "provincia",
        "distrito",
        "centro_poblado",
        "direccion",
        "codigo_local",
    ] {
        if let Some(v) = i.get(key) {
            table[key] = value(v);
        }
    }
    if !draft.codigos_modulares.is_empty() {
        let mut codes = toml_edit::InlineTable::new();
        for (k, (nivel, code)) in draft.codigos_modulares.iter().enumerate() {
            let nivel = match (nivel.is_empty(), draft.niveles.get(k)) {
                (false, _) => nivel.clone(),
                (true, Some(n)) => n.clone(),
                (true, None) => format!("codigo{}", k + 1),
            };
            codes.insert(&nivel, Value::from(code.as_str()));
        }
        table["codigos_modulares"] = Item::Value(Value::InlineTable(codes));
    }
    doc["institucion"] = Item::Table(table);
}

fn tables(doc: &mut DocumentMut, key: &str, rows: Vec<Table>) {
    if !rows.is_empty() {
        let mut array = ArrayOfTables::new();
        rows.into_iter().for_each(|t| array.push(t));
        doc[key] = Item::ArrayOfTables(array);
    }
}

fn people(doc: &mut DocumentMut, draft: &Draft) {
    let equipo = draft
        .equipo
        .iter()
        .map(|m| {
            let mut t = Table::new();
            t["id"] = value(m.id);
            t["nombre"] = value(&m.nombre);
            t["cargo"] = value(&m.cargo);
            t["firma"] = value(m.firma);
            t
        })
        .collect();
    tables(doc, "equipo", equipo);
}

fn texts(doc: &mut DocumentMut, draft: &Draft) {
    if !draft.textos.is_empty() {
        let mut table = Table::new();
        for key in [
            "presentacion",
            "fundamentacion",
            "justificacion",
            "finalidad",
        ] {
            if let Some(paragraphs) = draft.textos.get(key) {
                table[key] = value(markdown(paragraphs));
            }
        }
        doc["textos"] = Item::Table(table);
    }
    if !(draft.general.is_empty() && draft.especificos.is_empty() && draft.metas.is_empty()) {
        let mut table = Table::new();
        for (key, items) in [
            ("general", &draft.general),
            ("especificos", &draft.especificos),
            ("metas", &draft.metas),
        ] {
            if !items.is_empty() {
                let mut array = items.iter().map(String::as_str).collect::<Array>();
                array
                    .iter_mut()
                    .for_each(|v| v.decor_mut().set_prefix("\n  "));
                array.set_trailing("\n");
                array.set_trailing_comma(true);
                table[key] = Item::Value(Value::Array(array));
            }
        }
        doc["objetivos"] = Item::Table(table);
    }
    let principios = draft
        .principios
        .iter()
        .map(|(nombre, descripcion)| {
            let mut t = Table::new();
            t["nombre"] = value(nombre);
            if let Some(d) = descripcion {
                t["descripcion"] = value(d);
            }
            t
        })
        .collect();
    tables(doc, "principios", principios);
    let normas = draft
        .normas
        .iter()
        .map(|n| {
            let mut t = Table::new();
            t["tipo"] = value(&n.tipo);
            if let Some(v) = &n.numero {
                t["numero"] = value(v);
            }
            if let Some(v) = n.anio {
                t["anio"] = value(v);
            }
            if let Some(v) = &n.emisor {
                t["emisor"] = value(v);
            }
            if let Some(v) = &n.titulo {
                t["titulo"] = value(v);
            }
            t
        })
        .collect();
    tables(doc, "bases_legales", normas);
    let estrategias = draft
        .estrategias
        .iter()
        .map(|s| {
            let mut t = Table::new();
            t["tipo"] = value(s.tipo);
            t["nombre"] = value(&s.nombre);
            if !s.descripcion.is_empty() {
                t["descripcion"] = value(markdown(&s.descripcion));
            }
            t
        })
        .collect();
    tables(doc, "estrategias", estrategias);
    if !draft.competencias.is_empty() {
        let mut t = Table::new();
        t["marco"] = value("MBDD-2012");
        t["competencias_mbdd"] =
            Item::Value(Value::Array(draft.competencias.iter().copied().collect()));
        doc["enfoque"] = Item::Table(t);
    }
    if !draft.poblacion.is_empty() {
        let mut t = Table::new();
        for key in ["directivos", "docentes", "estudiantes", "familias"] {
            if let Some(n) = draft.poblacion.get(key) {
                t[key] = value(*n);
            }
        }
        doc["poblacion"] = Item::Table(t);
    }
}

/// Paragraphs as Markdown: a blank line between them, list items one under the other.
fn markdown(paragraphs: &[String]) -> String {
    let mut out = String::new();
    for (k, p) in paragraphs.iter().enumerate() {
        if k > 0 {
            let both_items = p.starts_with("- ") && paragraphs[k - 1].starts_with("- ");
            out.push_str(if both_items { "\n" } else { "\n\n" });
        }
        out.push_str(p);
    }
    out.push('\n');
    out
}

fn schedule(doc: &mut DocumentMut, draft: &Draft) {
    let mut privacidad = Table::new();
    privacidad["nombres_docentes"] = value(NombresDocentes::Iniciales.spelling());
    doc["privacidad"] = Item::Table(privacidad);
    let nivel = (draft.niveles.len() == 1).then(|| draft.niveles[0].as_str());
    let docentes = draft
        .docentes
        .iter()
        .map(|d| {
            let mut t = Table::new();
            t["id"] = value(&d.id);
            t["nombre"] = value(&d.nombre);
            if let Some(nivel) = nivel {
                t["nivel_educativo"] = value(nivel);
            }
            if !d.grados.is_empty() {
                t["grados"] = Item::Value(strings(&d.grados));
            }
            if !d.secciones.is_empty() {
                t["secciones"] = Item::Value(strings(&d.secciones));
            }
            t
        })
        .collect();
    tables(doc, "docentes", docentes);
    let director = draft.equipo.iter().any(|m| m.id == "dir");
    let visitas = draft
        .visitas
        .iter()
        .map(|v| {
            let mut t = Table::new();
            t["docente"] = value(&v.docente);
            t["n"] = value(v.n);
            if let Some(fase) = v.fase {
                t["fase"] = value(fase);
            }
            if let Some(date) = v
                .fecha
                .as_ref()
                .and_then(|f| f.parse::<toml_edit::Datetime>().ok())
            {
                t["fecha"] = value(date);
            }
            if let Some(mes) = v.mes {
                t["mes"] = value(mes);
            }
            if director {
                t["responsable"] = value("dir");
            }
            t
        })
        .collect();
    tables(doc, "visitas", visitas);
    let actividades = draft
        .actividades
        .iter()
        .map(|a| {
            let mut t = Table::new();
            t["nombre"] = value(&a.nombre);
            t["responsables"] = Item::Value(Value::Array(a.responsables.iter().copied().collect()));
            t["meses"] = Item::Value(Value::Array(a.meses.iter().copied().collect()));
            if let Some(e) = &a.evidencia {
                t["evidencia"] = value(e);
            }
            t
        })
        .collect();
    tables(doc, "actividades", actividades);
}

fn closing(doc: &mut DocumentMut, draft: &Draft) {
    if !draft.presupuesto.is_empty() {
        let mut t = Table::new();
        t["moneda"] = value("PEN");
        t["descripcion"] = value(draft.presupuesto.join("\n\n"));
        doc["presupuesto"] = Item::Table(t);
    }
    let requerimientos = draft
        .requerimientos
        .iter()
        .map(|r| {
            let mut t = Table::new();
            t["descripcion"] = value(r);
            t
        })
        .collect();
    tables(doc, "requerimientos", requerimientos);
    let bibliografia = draft
        .bibliografia
        .iter()
        .map(|r| {
            let mut t = Table::new();
            if let Some(a) = &r.autor {
                t["autor"] = value(a);
            }
            if let Some(y) = r.anio {
                t["anio"] = value(y);
            }
            t["titulo"] = value(&r.titulo);
            t
        })
        .collect();
    tables(doc, "bibliografia", bibliografia);
    if draft.equipo.iter().any(|m| m.id == "dir") {
        let mut t = Table::new();
        t["ref"] = value("dir");
        tables(doc, "firmas", vec![t]);
    }
}

/// The `# No reconocido: ...` blocks, one per heading they were under.
fn unplaced(text: &mut String, draft: &Draft) {
    if draft.unrecognised.is_empty() {
        return;
    }
    text.push_str("\n# ------------------------------------------------------------------------\n");
    text.push_str(
        "# Lo que senda no supo dónde poner: cópielo a su lugar (o bórrelo) y quite este bloque.\n",
    );
    for (context, lines) in &draft.unrecognised {
        text.push_str(&format!("#\n# No reconocido: {context}\n"));
        for line in lines.iter().flat_map(|l| l.lines()) {
            text.push_str(&format!("#   {line}\n"));
        }
    }
}
