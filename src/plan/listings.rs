//! The plan listing pages: every plan at `/planes/`, and one page per UGEL and per year,
//! built from the plans' summaries (the only part of a plan that outlives its chunk).
//! `render` renders them with the `plans.html` template.

use serde::Serialize;

use crate::load::config::Config;
use crate::model::Site;
use crate::plan::paths;
use crate::plan::view::PlanSummary;

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
        let dre = plan.dre.clone().unwrap_or_else(|| "Sin DRE".to_string());
        let ugel = plan
            .ugel
            .clone()
            .unwrap_or_else(|| "Gestión directa de la DRE".to_string());
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
