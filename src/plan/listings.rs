//! The plan listing pages: every plan at `/planes/`, and one page per UGEL and per year,
//! built from the plans' summaries (the only part of a plan that outlives its chunk).
//! `render` renders them with the `plans.html` template.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::load::config::Config;
use crate::model::Site;
use crate::plan::calendar::month_name;
use crate::plan::paths;
use crate::plan::view::PlanSummary;
use crate::plan::vocab::{Estado, Term};

/// The plan listing pages: `/planes/` (all), `/planes/ugel/<slug>/`, `/planes/<anio>/`.
#[derive(Default)]
pub struct Listings {
    pub all: Listing,
    pub pages: Vec<Listing>,
}

#[derive(Clone, Default, Serialize)]
pub struct Listing {
    titulo: String,
    pub path: String,
    url: String,
    /// `ugel`, `anio`, or empty for all plans.
    filtro: &'static str,
    plans: Vec<PlanSummary>,
    /// Plans grouped by DRE, then UGEL, as specialists read them.
    grupos: Vec<Grupo>,
    ugels: Vec<Faceta>,
    anios: Vec<Faceta>,
    niveles: Vec<String>,
    todos_url: String,
    /// The specialist's table: per UGEL, plans by status, approved with a resolution,
    /// visits per month.
    consolidado: Consolidado,
    /// `planes/consolidado.csv`, the same per plan.
    consolidado_url: String,
}

#[derive(Clone, Default, Serialize)]
pub struct Consolidado {
    /// The statuses some plan of the listing has, in the format's order: the columns.
    estados: Vec<String>,
    /// The months some visit of the listing falls in, January first: the columns.
    meses: Vec<String>,
    filas: Vec<FilaConsolidado>,
    total: FilaConsolidado,
}

#[derive(Clone, Default, Serialize)]
pub struct FilaConsolidado {
    dre: String,
    ugel: String,
    planes: usize,
    /// Per column of `Consolidado::estados`.
    por_estado: Vec<usize>,
    /// With an approval resolution (number and date).
    con_rd: usize,
    /// Per column of `Consolidado::meses`.
    visitas: Vec<usize>,
}

#[derive(Clone, Serialize)]
pub struct Grupo {
    dre: String,
    ugels: Vec<GrupoUgel>,
}

#[derive(Clone, Serialize)]
pub struct GrupoUgel {
    ugel: String,
    url: Option<String>,
    plans: Vec<PlanSummary>,
}

#[derive(Clone, Serialize)]
pub struct Faceta {
    nombre: String,
    url: String,
    cantidad: usize,
}

impl Listings {
    pub fn new(site: &Site, plans: &[PlanSummary]) -> Listings {
        let config = &site.config;
        let mut summaries: Vec<PlanSummary> = plans.to_vec();
        summaries.sort_by(|a, b| {
            (b.anio, &a.dre, &a.ugel, &a.institucion).cmp(&(
                a.anio,
                &b.dre,
                &b.ugel,
                &b.institucion,
            ))
        });
        let mut ugels: Vec<(String, String)> = summaries
            .iter()
            .filter_map(|p| Some((p.ugel_slug.clone()?, p.ugel.clone()?)))
            .collect();
        ugels.sort();
        ugels.dedup_by(|a, b| a.0 == b.0);
        let mut years: Vec<i64> = summaries.iter().map(|p| p.anio).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let mut niveles: Vec<String> = summaries.iter().flat_map(|p| p.niveles.clone()).collect();
        niveles.sort();
        niveles.dedup();
        let ugel_facets: Vec<Faceta> = ugels
            .iter()
            .map(|(slug, name)| Faceta {
                nombre: name.clone(),
                url: config.url(&paths::ugel_listing(slug)),
                cantidad: summaries
                    .iter()
                    .filter(|p| p.ugel_slug.as_deref() == Some(slug.as_str()))
                    .count(),
            })
            .collect();
        let year_facets: Vec<Faceta> = years
            .iter()
            .map(|year| Faceta {
                nombre: year.to_string(),
                url: config.url(&paths::year_listing(*year)),
                cantidad: summaries.iter().filter(|p| p.anio == *year).count(),
            })
            .collect();
        let listing =
            |titulo: String, path: String, filtro: &'static str, plans: Vec<PlanSummary>| Listing {
                grupos: group(&plans, config),
                consolidado: consolidate(&plans),
                consolidado_url: config.url(paths::CONSOLIDATED_CSV),
                titulo,
                url: config.url(&path),
                path,
                filtro,
                plans,
                ugels: ugel_facets.clone(),
                anios: year_facets.clone(),
                niveles: niveles.clone(),
                todos_url: config.url(paths::INDEX),
            };
        let mut pages = Vec::new();
        for (slug, name) in &ugels {
            let selected = summaries
                .iter()
                .filter(|p| p.ugel_slug.as_deref() == Some(slug.as_str()))
                .cloned()
                .collect();
            pages.push(listing(
                format!("Planes de {name}"),
                paths::ugel_listing(slug),
                "ugel",
                selected,
            ));
        }
        for year in &years {
            let selected = summaries
                .iter()
                .filter(|p| p.anio == *year)
                .cloned()
                .collect();
            pages.push(listing(
                format!("Planes {year}"),
                paths::year_listing(*year),
                "anio",
                selected,
            ));
        }
        let all = listing(
            "Planes de monitoreo y acompañamiento".to_string(),
            paths::INDEX.to_string(),
            "",
            summaries,
        );
        // Without content/planes/_index.md, /planes/ is one more listing page.
        if !plans.is_empty() && !site.sections.iter().any(|s| s.doc.path == paths::INDEX) {
            pages.push(all.clone());
        }
        Listings { all, pages }
    }
}

fn group(plans: &[PlanSummary], config: &Config) -> Vec<Grupo> {
    let mut grupos: Vec<Grupo> = Vec::new();
    for plan in plans {
        let dre = dre_name(plan);
        let ugel = ugel_name(plan);
        let index = match grupos.iter().position(|g| g.dre == dre) {
            Some(index) => index,
            None => {
                grupos.push(Grupo {
                    dre,
                    ugels: Vec::new(),
                });
                grupos.len() - 1
            }
        };
        let ugels = &mut grupos[index].ugels;
        match ugels.iter_mut().find(|u| u.ugel == ugel) {
            Some(group) => group.plans.push(plan.clone()),
            None => ugels.push(GrupoUgel {
                url: plan
                    .ugel_slug
                    .as_ref()
                    .map(|slug| config.url(&paths::ugel_listing(slug))),
                ugel,
                plans: vec![plan.clone()],
            }),
        }
    }
    grupos.sort_by(|a, b| a.dre.cmp(&b.dre));
    for grupo in &mut grupos {
        grupo.ugels.sort_by(|a, b| a.ugel.cmp(&b.ugel));
    }
    grupos
}

/// The consolidated table of `plans`: a row per UGEL (by name, as the groups show it), and
/// a total.
fn consolidate(plans: &[PlanSummary]) -> Consolidado {
    let estados: Vec<Estado> = Estado::SPELLINGS
        .iter()
        .map(|(estado, _)| *estado)
        .filter(|estado| plans.iter().any(|p| p.estado == *estado))
        .collect();
    let months: Vec<usize> = (0..12)
        .filter(|&m| plans.iter().any(|p| p.visitas_por_mes[m] > 0))
        .collect();
    let row = |(dre, ugel): (String, String), plans: &[&PlanSummary]| FilaConsolidado {
        dre,
        ugel,
        planes: plans.len(),
        por_estado: estados
            .iter()
            .map(|e| plans.iter().filter(|p| p.estado == *e).count())
            .collect(),
        con_rd: plans
            .iter()
            .filter(|p| p.aprobacion.is_some() && p.fecha_aprobacion.is_some())
            .count(),
        visitas: months
            .iter()
            .map(|&m| plans.iter().map(|p| p.visitas_por_mes[m]).sum())
            .collect(),
    };
    // One pass: a national listing holds 100,000 plans in some 220 UGELs.
    let mut by_ugel: BTreeMap<(String, String), Vec<&PlanSummary>> = BTreeMap::new();
    for plan in plans {
        by_ugel
            .entry((dre_name(plan), ugel_name(plan)))
            .or_default()
            .push(plan);
    }
    let filas = by_ugel
        .into_iter()
        .map(|(ugel, of_ugel)| row(ugel, &of_ugel))
        .collect();
    Consolidado {
        estados: estados.iter().map(|e| e.texto().to_string()).collect(),
        meses: months
            .iter()
            .map(|&m| month_name(m as u8 + 1).to_string())
            .collect(),
        filas,
        total: row(
            (String::new(), "Total".to_string()),
            &plans.iter().collect::<Vec<_>>(),
        ),
    }
}

/// A plan's DRE as the listing names it.
fn dre_name(plan: &PlanSummary) -> String {
    plan.dre.clone().unwrap_or_else(|| "Sin DRE".to_string())
}

/// A plan's UGEL as the listing names it.
fn ugel_name(plan: &PlanSummary) -> String {
    plan.ugel
        .clone()
        .unwrap_or_else(|| "Gestión directa de la DRE".to_string())
}
