//! The API's plans: listed, read, saved, created and imported into, each answer a status
//! and its JSON. Only `content/planes/<id>.toml` of a valid id is ever read or written
//! (`Store`), never a private companion, and every save is checked by `plan::check_text`,
//! the code `senda check` runs, and written whatever it finds: work is never lost.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use serde_json::{Map, Value as Json, json};

use super::{completeness, diagnostics, toml_json};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::plan::{calendar, paths, private};

/// A JSON answer.
pub struct Reply {
    pub status: u16,
    pub body: Json,
}

impl Reply {
    pub fn ok(body: Json) -> Reply {
        Reply { status: 200, body }
    }

    pub fn error(status: u16, message: impl Into<String>) -> Reply {
        Reply {
            status,
            body: json!({"error": message.into()}),
        }
    }
}

/// The site's plan files, as the editor may touch them.
pub struct Store {
    root: PathBuf,
    /// One write at a time: two saves of a plan must not interleave their temporary files.
    writing: Mutex<()>,
}

impl Store {
    pub fn new(root: &Path) -> Store {
        Store {
            root: root.to_path_buf(),
            writing: Mutex::new(()),
        }
    }

    /// `content/planes/<id>.toml`; `id` is valid (`guard::plan_id`).
    fn path(&self, id: &str) -> PathBuf {
        self.root.join(paths::source(id))
    }

    /// The ids of the plan files, sorted: regular files only (never a link), never a
    /// private file or a hidden one.
    fn ids(&self) -> Vec<String> {
        let listed = crate::fs::list(&self.root.join(paths::sources())).unwrap_or_default();
        listed
            .into_iter()
            .filter(|entry| entry.file_type.is_file() && !crate::fs::is_ignored(&entry.name))
            .filter(|entry| !private::looks_private(&entry.name))
            .filter_map(|entry| entry.name.strip_suffix(".toml").map(str::to_string))
            .filter(|id| super::guard::plan_id(id).is_ok())
            .collect()
    }

    /// The plan's text; `None` if there is no such regular file.
    fn read(&self, id: &str) -> Option<String> {
        let path = self.path(id);
        let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
        if !is_file {
            return None;
        }
        crate::fs::read_text(&path, &paths::source(id)).ok()
    }

    fn write(&self, id: &str, text: &str) -> Result<(), Diagnostic> {
        let _one = self
            .writing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        crate::import::write_atomic(&self.path(id), text)
    }

    /// `senda check`'s findings on one plan's text.
    fn check(&self, id: &str, text: &str) -> Vec<Diagnostic> {
        let mut found = Diagnostics::default();
        let content = self.root.join("content");
        // What E19 asks (`guia = "estrategias/x.md"`): a page of the site's content.
        let page_exists = |page: &str| {
            !page.split('/').any(|s| s == ".." || s.is_empty())
                && std::fs::symlink_metadata(content.join(page)).is_ok_and(|m| m.is_file())
        };
        let year = calendar::current_year();
        crate::plan::check_text(id, text.to_string(), year, &page_exists, &mut found);
        found.sort();
        found.iter().cloned().collect()
    }

    pub fn list(&self) -> Reply {
        // Each plan is checked, as `senda check` checks them: in parallel.
        let planes: Vec<Json> = self
            .ids()
            .par_iter()
            .filter_map(|id| Some(self.summary(id, &self.read(id)?)))
            .collect();
        Reply::ok(json!({ "planes": planes }))
    }

    fn summary(&self, id: &str, text: &str) -> Json {
        let found = self.check(id, text);
        let plan = toml_json::to_json(text).unwrap_or(Json::Null);
        let paths = diagnostics::KeyPaths::of(text);
        let claves: Vec<Option<String>> = found
            .iter()
            .map(|d| {
                let l = d.location.as_deref()?;
                paths.at(l.line, l.column).map(str::to_string)
            })
            .collect();
        let count = |s: Severity| found.iter().filter(|d| d.severity == s).count();
        json!({
            "id": id,
            "titulo": plan.get("titulo"),
            "anio": plan.get("anio"),
            "estado": plan.get("estado"),
            "completitud": completeness::json(&plan, &found, &claves),
            "errores": count(Severity::Error),
            "advertencias": count(Severity::Warning),
        })
    }

    pub fn get(&self, id: &str) -> Reply {
        let Some(text) = self.read(id) else {
            return not_found(id);
        };
        let found = self.check(id, &text);
        // A plan that is not TOML yet is still opened: its syntax error says where.
        let plan = toml_json::to_json(&text).unwrap_or_else(|_| json!({}));
        Reply::ok(json!({
            "id": id,
            "plan": plan,
            "diagnosticos": diagnostics::list(&found, &text),
            "urls": {
                "publica": format!("/{}", paths::page(id)),
                "impresion": format!("/{}", paths::print_page(id)),
            },
        }))
    }

    pub fn put(&self, id: &str, body: &[u8]) -> Reply {
        let Some(text) = self.read(id) else {
            return not_found(id);
        };
        let changes = match parse_object(body) {
            Ok(changes) => changes,
            Err(reply) => return reply,
        };
        let mut doc: toml_edit::DocumentMut = match text.parse() {
            Ok(doc) => doc,
            Err(e) => {
                return Reply::error(
                    409,
                    format!(
                        "el archivo del plan no es TOML válido ({}): corríjalo en el archivo antes de editarlo aquí",
                        e.message()
                    ),
                );
            }
        };
        if let Err(message) = toml_json::apply(&mut doc, &changes) {
            return Reply::error(400, message);
        }
        let text = doc.to_string();
        if let Err(e) = self.write(id, &text) {
            return Reply::error(500, e.message);
        }
        let found = self.check(id, &text);
        Reply::ok(json!({ "diagnosticos": diagnostics::list(&found, &text) }))
    }

    /// `POST /_editor/api/planes`: `{"id", "desde"?}`, the template or next year's plan.
    pub fn create(&self, body: &[u8]) -> Reply {
        let request = match parse_object(body) {
            Ok(request) => request,
            Err(reply) => return reply,
        };
        let Some(id) = request.get("id").and_then(Json::as_str) else {
            return Reply::error(400, "falta `id`, el id del plan nuevo");
        };
        let desde = match request.get("desde") {
            None | Some(Json::Null) => None,
            Some(Json::String(desde)) => Some(desde.as_str()),
            Some(_) => return Reply::error(400, "`desde` debe ser el id de un plan"),
        };
        for id in std::iter::once(id).chain(desde) {
            if let Err(message) = super::guard::plan_id(id) {
                return Reply::error(400, message);
            }
        }
        if std::fs::symlink_metadata(self.path(id)).is_ok() {
            return Reply::error(409, format!("ya existe el plan «{id}»: elija otro id"));
        }
        if let Some(desde) = desde
            && self.read(desde).is_none()
        {
            return not_found(desde);
        }
        let made = {
            let _one = self
                .writing
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match desde {
                None => crate::plan::scaffold(&self.root, id).map(drop),
                Some(desde) => {
                    crate::plan::next_year::scaffold_from(&self.root, id, desde).map(drop)
                }
            }
        };
        if let Err(e) = made {
            return Reply::error(500, e.message);
        }
        let text = self.read(id).unwrap_or_default();
        let found = self.check(id, &text);
        Reply {
            status: 201,
            body: json!({"id": id, "diagnosticos": diagnostics::list(&found, &text)}),
        }
    }

    /// `POST .../importar/docentes|visitas`: the uploaded spreadsheet merged as
    /// `senda import` merges it.
    pub fn import(&self, id: &str, kind: &str, file: &str, bytes: &[u8]) -> Reply {
        if self.read(id).is_none() {
            return not_found(id);
        }
        let read = || crate::import::table::from_bytes(file, bytes);
        let (result, [new, news, updated, updateds]) = {
            let _one = self
                .writing
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match kind {
                "docentes" => (
                    crate::import::docentes_from(&self.root, id, read),
                    [
                        "docente nuevo",
                        "docentes nuevos",
                        "actualizado",
                        "actualizados",
                    ],
                ),
                _ => (
                    crate::import::visitas_from(&self.root, id, read),
                    [
                        "visita nueva",
                        "visitas nuevas",
                        "actualizada",
                        "actualizadas",
                    ],
                ),
            }
        };
        let text = self.read(id).unwrap_or_default();
        match result {
            Ok(imported) => {
                let found = self.check(id, &text);
                let plural = |n: usize, one: &str, many: &str| {
                    format!("{n} {}", if n == 1 { one } else { many })
                };
                let resumen = format!(
                    "{}, {} desde {file}",
                    plural(imported.added, new, news),
                    plural(imported.updated, updated, updateds)
                );
                Reply::ok(
                    json!({"resumen": resumen, "diagnosticos": diagnostics::list(&found, &text)}),
                )
            }
            Err(errors) => Reply {
                status: 422,
                body: json!({
                    "resumen": format!("no se importó nada de {file}: revise los errores"),
                    "diagnosticos": diagnostics::list(&errors, &text),
                }),
            },
        }
    }
}

fn not_found(id: &str) -> Reply {
    Reply::error(404, format!("no existe el plan «{id}» en content/planes/"))
}

fn parse_object(body: &[u8]) -> Result<Map<String, Json>, Reply> {
    match serde_json::from_slice::<Json>(body) {
        Ok(Json::Object(object)) => Ok(object),
        Ok(_) => Err(Reply::error(400, "el cuerpo debe ser un objeto JSON")),
        Err(e) => Err(Reply::error(
            400,
            format!("el cuerpo no es JSON válido: {e}"),
        )),
    }
}
