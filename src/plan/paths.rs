//! Every plan file senda reads and every plan URL and file it writes, spelled once.
//!
//! Site paths are relative to the site root, folders with a trailing `/` (`planes/<id>/`),
//! as `Config::url` takes them; source paths are as diagnostics show them
//! (`content/planes/<id>.toml`). Templates get the URLs from the view (`PublicPlan::urls`)
//! and the listings, never by joining strings of their own.

use std::path::PathBuf;

use crate::load::content::CONTENT_DIR;

/// The folder of plans under `content/`, and the plans' section of the site.
pub const PLANS_DIR: &str = "planes";
/// A plan's private companion: `<id>.privado.toml`, beside `<id>.toml`.
pub const PRIVATE_SUFFIX: &str = ".privado.toml";
/// The plans section: `content/planes/_index.md` when the site has one, else the listing
/// of all plans that senda makes.
pub const INDEX: &str = "planes/";
/// Every plan's summary, with the address of its full data.
pub const INDEX_JSON: &str = "planes/planes.json";
/// One row per plan, for a specialist's spreadsheet.
pub const CONSOLIDATED_CSV: &str = "planes/consolidado.csv";
/// The JSON Schema of every `plan.json`.
pub const SCHEMA_JSON: &str = "planes/plan.schema.json";
const CALENDAR: &str = "calendario.ics";
const JSON: &str = "plan.json";
const CSV: &str = "visitas.csv";
const XLSX: &str = "visitas.xlsx";
/// The index page of the private planners (`senda build --private`).
pub const PLANNERS_INDEX: &str = "index.html";

/// `content/planes/<id>.toml`.
pub fn source(id: &str) -> PathBuf {
    sources().join(format!("{id}.toml"))
}

/// `content/planes/<id>.privado.toml`.
pub fn private_source(id: &str) -> PathBuf {
    sources().join(format!("{id}{PRIVATE_SUFFIX}"))
}

/// `content/planes`, relative to the site.
pub fn sources() -> PathBuf {
    [CONTENT_DIR, PLANS_DIR].iter().collect()
}

/// A plan's page: `planes/<id>/`.
pub fn page(id: &str) -> String {
    format!("{INDEX}{id}/")
}

/// Its print version: `planes/<id>/imprimir/`.
pub fn print_page(id: &str) -> String {
    format!("{}imprimir/", page(id))
}

/// `planes/<id>/calendario.ics`.
pub fn calendar_file(id: &str) -> String {
    format!("{}{CALENDAR}", page(id))
}

/// `planes/<id>/plan.json`.
pub fn json_file(id: &str) -> String {
    format!("{}{JSON}", page(id))
}

/// `planes/<id>/visitas.csv`.
pub fn csv_file(id: &str) -> String {
    format!("{}{CSV}", page(id))
}

/// `planes/<id>/visitas.xlsx`.
pub fn xlsx_file(id: &str) -> String {
    format!("{}{XLSX}", page(id))
}

/// A plan's export files: calendar, data, visit schedule (CSV and workbook).
pub fn exports(id: &str) -> [String; 4] {
    [
        calendar_file(id),
        json_file(id),
        csv_file(id),
        xlsx_file(id),
    ]
}

/// The plans of one UGEL: `planes/ugel/<slug>/`.
pub fn ugel_listing(slug: &str) -> String {
    format!("{INDEX}ugel/{slug}/")
}

/// The plans of one year: `planes/<anio>/`.
pub fn year_listing(year: i64) -> String {
    format!("{INDEX}{year}/")
}

/// A teacher's planner in the private output: `<plan id>/<teacher id>.html`.
pub fn planner(plan_id: &str, teacher_id: &str) -> String {
    format!("{plan_id}/{teacher_id}.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_paths() {
        assert_eq!(source("ie-1"), PathBuf::from("content/planes/ie-1.toml"));
        assert_eq!(
            private_source("ie-1"),
            PathBuf::from("content/planes/ie-1.privado.toml")
        );
        assert_eq!(page("ie-1"), "planes/ie-1/");
        assert_eq!(print_page("ie-1"), "planes/ie-1/imprimir/");
        assert_eq!(
            exports("a"),
            [
                "planes/a/calendario.ics",
                "planes/a/plan.json",
                "planes/a/visitas.csv",
                "planes/a/visitas.xlsx"
            ]
        );
        assert_eq!(ugel_listing("ugel-puno"), "planes/ugel/ugel-puno/");
        assert_eq!(year_listing(2024), "planes/2024/");
        assert_eq!(planner("ie-1", "d01"), "ie-1/d01.html");
    }
}
