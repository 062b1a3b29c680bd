//! The individual planners (Anexo B) of `senda build --private`: standalone HTML pages to
//! print at the school, with teachers' full names and their follow-up. Never public.

use super::super::PlanFile;
use super::super::paths;
use super::super::vocab::{FaseSeguimiento, Term};
use super::{PrivateFile, Seguimiento, normalise_level};
use crate::write::OutputFile;

/// The individual planners (Anexo B) of every plan with a private file, as standalone HTML
/// pages for printing at the school: `<plan>/<docente>.html`, plus an index. Full names
/// appear here on purpose: this output is local, and `build_private` refuses to write it
/// anywhere inside the site or its public output.
pub fn planner_pages(plans: &[PlanFile], files: &[(String, PrivateFile)]) -> Vec<OutputFile> {
    let mut pages = Vec::new();
    let mut index = String::from("<h1>Planificadores individuales (uso interno)</h1>\n<ul>\n");
    for (id, file) in files {
        let Some(plan) = plans.iter().find(|p| &p.id == id) else {
            continue;
        };
        for docente in plan.plan.docentes.iter().map(|d| d.get_ref()) {
            let (Some(docente_id), Some(nombre)) = (&docente.id, &docente.nombre) else {
                continue;
            };
            let entries: Vec<&Seguimiento> = file
                .seguimiento
                .iter()
                .map(|s| s.get_ref())
                .filter(|s| {
                    s.docente
                        .as_ref()
                        .is_some_and(|d| d.get_ref() == docente_id.get_ref())
                })
                .collect();
            if entries.is_empty() {
                continue;
            }
            let name = paths::planner(id, docente_id.get_ref());
            index.push_str(&format!(
                "<li><a href=\"{name}\">{} — {}</a></li>\n",
                escape(id),
                escape(nombre.get_ref())
            ));
            pages.push(OutputFile::new(
                name,
                planner(plan, nombre.get_ref(), &entries).into_bytes(),
            ));
        }
    }
    index.push_str("</ul>\n");
    pages.push(OutputFile::new(
        paths::PLANNERS_INDEX.to_string(),
        document("Planificadores individuales", &index).into_bytes(),
    ));
    pages
}

fn planner(plan: &PlanFile, teacher: &str, entries: &[&Seguimiento]) -> String {
    const ROWS: [(&str, &str); 6] = [
        (
            "1",
            "Involucra activamente a los estudiantes en el proceso de aprendizaje",
        ),
        (
            "2",
            "Promueve el razonamiento, la creatividad y/o el pensamiento crítico",
        ),
        (
            "3",
            "Evalúa el progreso de los aprendizajes para retroalimentar a los estudiantes y adecuar su enseñanza",
        ),
        ("4", "Propicia un ambiente de respeto y proximidad"),
        (
            "5",
            "Regula positivamente el comportamiento de los estudiantes",
        ),
        (
            "programacion",
            "Programación curricular y trabajo colegiado",
        ),
    ];
    let school = plan
        .plan
        .institucion
        .as_ref()
        .and_then(|i| i.get_ref().nombre.as_ref())
        .map_or(String::new(), |n| n.get_ref().clone());
    let mut html = format!(
        "<p class=\"aviso\">Documento confidencial: datos personales de una o un docente. No publicar.</p>\n<h1>Planificador de monitoreo y acompañamiento individual</h1>\n<p>IE: {}<br>Docente: {}</p>\n<table>\n<thead><tr><th scope=\"col\">Desempeño</th>",
        escape(&school),
        escape(teacher)
    );
    for (_, fase) in FaseSeguimiento::SPELLINGS {
        html.push_str(&format!(
            "<th scope=\"col\">{}</th>",
            fase.replace('_', " ")
        ));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for (key, label) in ROWS {
        html.push_str(&format!("<tr><th scope=\"row\">{}</th>", escape(label)));
        for (fase, _) in FaseSeguimiento::SPELLINGS {
            let cell: Vec<String> = entries
                .iter()
                .filter(|s| {
                    s.fase
                        .as_ref()
                        .is_some_and(|f| f.get_ref().value == Some(*fase))
                })
                .filter(|s| {
                    s.rubrica
                        .as_ref()
                        .is_some_and(|r| rubric_key(r.get_ref()) == key)
                })
                .map(|s| cell_text(s))
                .collect();
            html.push_str(&format!("<td>{}</td>", cell.join("<hr>")));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n");
    document(&format!("Planificador — {teacher}"), &html)
}

fn rubric_key(value: &toml::Value) -> String {
    match value {
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn cell_text(s: &Seguimiento) -> String {
    let mut parts = Vec::new();
    if let Some(level) = s
        .nivel_logro
        .as_ref()
        .and_then(|l| normalise_level(l.get_ref()))
    {
        parts.push(format!("<strong>Nivel {level}</strong>"));
    }
    for (label, value) in [
        ("Fortalezas", &s.fortalezas),
        ("Aspectos críticos", &s.aspectos_criticos),
        ("Mejoras", &s.mejoras),
    ] {
        if let Some(value) = value {
            parts.push(format!("{label}: {}", escape(value.get_ref())));
        }
    }
    for (label, list) in [
        ("Compromisos", &s.compromisos),
        ("Necesidades de formación", &s.necesidades_formacion),
    ] {
        if !list.is_empty() {
            let items: Vec<String> = list.iter().map(|i| escape(i.get_ref())).collect();
            parts.push(format!("{label}: {}", items.join("; ")));
        }
    }
    parts.join("<br>")
}

fn document(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>@page {{ size: A4 landscape; margin: 12mm; }} body {{ font: 10pt/1.4 system-ui, sans-serif; }} table {{ border-collapse: collapse; width: 100%; }} th, td {{ border: 1px solid #000; padding: 4px; vertical-align: top; text-align: left; }} .aviso {{ border: 2px solid #000; padding: 4px; font-weight: bold; }}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
