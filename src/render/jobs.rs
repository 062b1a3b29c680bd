//! What a run renders, one job per output page, in parallel: sections, pages, plans, plan
//! listings and the 404 page.

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;
use tera::Context;

use super::context::{nav, page_view, pager_count, pager_path, paginator_view, section_view};
use super::errors::{Failures, RenderError, template_error};
use super::fingerprint::Fingerprints;
use super::redirects;
use super::sitemap::{robots, sitemap};
use super::taxonomies::{term_view, terms_view};
use super::templates::Templates;
use super::urls::{self, Base, Style};
use crate::cache::{Cache, CachedPage};
use crate::linkcheck::{Found, Ledger, Origin};
use crate::model::{Document, PageId, ROOT, SectionId, Site};
use crate::plan::listings::Listings;
use crate::plan::paths;
use crate::plan::view::{PlanSummary, PublicPlan};
use crate::resolve::links::LinkIndex;
use crate::write::{OutputFile, Sink};

/// Renders every section, page and the 404 page, plus the sitemap and robots.txt.
/// Plans are not among them: `render_plans` renders those a chunk at a time, and `plans`
/// here are their summaries, for the listings. `cache` reuses and keeps rendered pages from
/// one rebuild to the next (`senda serve`); a one-off build has no next time and passes none.
pub fn render_site(
    site: &Site,
    plans: &[PlanSummary],
    templates: &Templates,
    index: &LinkIndex,
    cache: Option<&mut Cache>,
    failures: &mut Failures,
    out: (&Sink, &Ledger),
) {
    let (sink, ledger) = out;
    if !templates.check_names(site, failures) {
        return;
    }

    let nav = nav(site);
    let config = tera::Value::from_serializable(&site.config);
    let listings = Listings::new(site, plans);
    let jobs: Vec<Job> = (0..site.sections.len())
        .flat_map(|id| section_jobs(site, id))
        .chain((0..site.pages.len()).map(Job::Page))
        .chain((0..listings.pages.len()).map(Job::PlanListing))
        .chain(taxonomy_jobs(site))
        .chain([Job::NotFound])
        .collect();
    let shared = Shared {
        site,
        plans: &[],
        plan_values: &[],
        has_plans: !plans.is_empty(),
        listings: &listings,
        templates,
        nav: &nav,
        config: &config,
        index,
        ledger,
    };
    let fingerprints = Fingerprints::new(site, index, templates, !plans.is_empty());
    let remember = cache.is_some();
    let empty = crate::cache::FastMap::default();
    let cached = cache.as_ref().map_or(&empty, |c| &c.pages);
    // Each page goes to the sink as soon as it is rendered, so a build never holds them all;
    // what stays is its path, and its bytes when the next rebuild may reuse them.
    let results: Vec<Result<RenderedPage, RenderError>> = jobs
        .par_iter()
        .map(|job| {
            let fingerprint = fingerprints.of(site, *job);
            let output = output_path(site, &[], &listings, *job);
            let reused = fingerprint.and_then(|fingerprint| {
                cached
                    .get(&output)
                    .filter(|page| page.fingerprint == fingerprint)
            });
            let (path, fresh, reused) = match reused {
                // The same inputs gave these bytes and these ids and links: they go to the
                // ledger again (checked against this build's files), without a new scan.
                Some(page) => {
                    if let Some(found) = &page.found {
                        ledger.add(&output, found);
                    }
                    sink.put_one(OutputFile {
                        path: output.clone(),
                        bytes: Arc::clone(&page.bytes),
                    });
                    (output, None, true)
                }
                None => {
                    let (path, html) = render_job(&shared, *job)?;
                    let found = record(&shared, *job, &path, &html);
                    let file = OutputFile::new(path, html.into_bytes());
                    let fresh = fingerprint
                        .filter(|_| remember)
                        .map(|fingerprint| CachedPage {
                            fingerprint,
                            bytes: Arc::clone(&file.bytes),
                            found,
                        });
                    let path = file.path.clone();
                    sink.put_one(file);
                    (path, fresh, false)
                }
            };
            Ok(RenderedPage {
                path,
                fresh,
                reused,
            })
        })
        .collect();
    let pages = failures.successes(results);
    if let Some(cache) = cache {
        keep(cache, &pages);
    }
    sink.put(vec![sitemap(site, plans, &listings), robots(&site.config)]);
    sink.put(super::feeds::feeds(site));
    sink.put(redirects::files(site));
}

/// A section's page and its further pagers, unless Zola's `render = false` or
/// `redirect_to` says it has none (`redirects` writes the latter).
fn section_jobs(site: &Site, id: SectionId) -> Vec<Job> {
    let keys = &site.sections[id].doc.meta.section;
    if !keys.render || keys.redirect_to.is_some() {
        return Vec::new();
    }
    let pagers = pager_count(site, id);
    std::iter::once(Job::Section(id))
        .chain((2..=pagers).map(|n| Job::Pager(id, n)))
        .collect()
}

/// A page `render_site` put in the sink: its path, and for the cache, when it was rendered
/// afresh, its fingerprint, bytes and what the link check read in it.
struct RenderedPage {
    path: String,
    fresh: Option<CachedPage>,
    /// Put in the sink from the cache.
    reused: bool,
}

/// Keeps the cache entries still in use (reused ones) and the fresh ones; drops the rest.
fn keep(cache: &mut Cache, pages: &[RenderedPage]) {
    // Usually each entry not reused is replaced by a fresh one (the saved page's): then
    // there is nothing to drop, and no need to look every entry up.
    let reused = pages.iter().filter(|p| p.reused).count();
    let replaced = pages
        .iter()
        .filter(|p| p.fresh.is_some() && cache.pages.contains_key(&p.path))
        .count();
    if cache.pages.len() > reused + replaced {
        let used: crate::cache::FastSet<&String> = pages.iter().map(|p| &p.path).collect();
        cache.pages.retain(|path, _| used.contains(path));
    }
    let fresh = pages
        .iter()
        .filter_map(|p| Some((p.path.clone(), p.fresh.clone()?)));
    cache.pages.extend(fresh);
}

/// The page and print page of each plan in `plans`.
pub fn render_plans(
    site: &Site,
    plans: &[PublicPlan],
    templates: &Templates,
    failures: &mut Failures,
    links: (&LinkIndex, &Ledger),
) -> Vec<OutputFile> {
    let (index, ledger) = links;
    let nav = nav(site);
    let config = tera::Value::from_serializable(&site.config);
    let listings = Listings::default();
    // Serialized once for both of a plan's pages: the plan is most of their cost.
    let values: Vec<tera::Value> = plans
        .par_iter()
        .map(tera::Value::from_serializable)
        .collect();
    let shared = Shared {
        site,
        plans,
        plan_values: &values,
        has_plans: true,
        listings: &listings,
        templates,
        nav: &nav,
        config: &config,
        index,
        ledger,
    };
    let results: Vec<Result<OutputFile, RenderError>> = (0..plans.len())
        .into_par_iter()
        .flat_map_iter(|i| [Job::Plan(i), Job::PlanPrint(i)])
        .map(|job| {
            let (path, html) = render_job(&shared, job)?;
            record(&shared, job, &path, &html);
            Ok(OutputFile::new(path, html.into_bytes()))
        })
        .collect();
    failures.successes(results)
}

/// The output file a job writes.
fn output_path(site: &Site, plans: &[PublicPlan], listings: &Listings, job: Job) -> String {
    match job {
        Job::Section(id) => index_html(&site.sections[id].doc.path),
        Job::Pager(id, n) => index_html(&pager_path(&site.sections[id].doc.path, n)),
        Job::Page(id) => index_html(&site.pages[id].doc.path),
        Job::Plan(i) => index_html(&paths::page(&plans[i].id)),
        Job::PlanPrint(i) => index_html(&paths::print_page(&plans[i].id)),
        Job::PlanListing(i) => index_html(&listings.pages[i].path),
        Job::TaxonomyList(t) => index_html(&site.taxonomies[t].path),
        Job::TaxonomyTerm(t, i) => index_html(&site.taxonomies[t].terms[i].path),
        Job::NotFound => "404.html".to_string(),
    }
}

#[derive(Clone, Copy)]
pub(super) enum Job {
    Section(SectionId),
    /// Pager `n` (2 and up) of a section with `paginate_by`; pager 1 is `Section`.
    Pager(SectionId, usize),
    Page(PageId),
    Plan(usize),
    PlanPrint(usize),
    /// A listing of plans: all, one UGEL's, or one year's (index into `Listings::pages`).
    PlanListing(usize),
    /// A taxonomy's list of terms (index into `Site::taxonomies`).
    TaxonomyList(usize),
    /// One term's pages: (taxonomy, term).
    TaxonomyTerm(usize, usize),
    NotFound,
}

/// The list and term pages of every taxonomy `site.toml` does not keep from rendering.
fn taxonomy_jobs(site: &Site) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        if site.config.taxonomies[taxonomy.config].render {
            jobs.push(Job::TaxonomyList(t));
            jobs.extend((0..taxonomy.terms.len()).map(|i| Job::TaxonomyTerm(t, i)));
        }
    }
    jobs
}

/// What every render job reads.
struct Shared<'a> {
    site: &'a Site,
    /// The plans of the chunk being rendered (`render_plans`).
    plans: &'a [PublicPlan],
    /// `plans`, serialized for templates.
    plan_values: &'a [tera::Value],
    /// Whether the site has plans at all, for the `/planes/` section's template.
    has_plans: bool,
    listings: &'a Listings,
    templates: &'a Templates,
    nav: &'a tera::Value,
    /// `site.config`, serialized once: every page reads it, and a `Value` is shared, not
    /// copied, by `clone`.
    config: &'a tera::Value,
    index: &'a LinkIndex,
    /// Where each page's ids and links are noted for the link check.
    ledger: &'a Ledger,
}

/// Notes the ids and links of a rendered page, with the template and page they are from.
fn record(shared: &Shared, job: Job, path: &str, html: &str) -> Option<Arc<Found>> {
    let site = shared.site;
    let (template, doc) = match job {
        Job::Section(id) | Job::Pager(id, _) => {
            (section_template(shared, id), Some(&site.sections[id].doc))
        }
        Job::Page(id) => (
            template_name(&site.pages[id].doc, "page.html"),
            Some(&site.pages[id].doc),
        ),
        Job::Plan(_) => ("plan.html", None),
        Job::PlanPrint(_) => ("plan_print.html", None),
        Job::PlanListing(_) => ("plans.html", None),
        Job::TaxonomyList(_) => ("taxonomy_list.html", None),
        Job::TaxonomyTerm(..) => ("taxonomy_single.html", None),
        Job::NotFound => ("404.html", None),
    };
    let page = match (job, doc) {
        (_, Some(doc)) => format!("content/{}", doc.source),
        (Job::Plan(i) | Job::PlanPrint(i), _) => {
            crate::diag::display_path(&paths::source(&shared.plans[i].id))
        }
        _ => path.to_string(),
    };
    let (template_file, _) = shared.templates.files.get(template)?;
    let config = &site.config;
    let base = Base {
        url: &config.base_url,
        path: &config.base_path,
    };
    let origin = Origin {
        template: template_file,
        page: &page,
        doc,
    };
    let found = shared
        .ledger
        .record(path, html, &origin, base, shared.index);
    Some(found)
}

/// The template a section is rendered with.
fn section_template<'a>(shared: &Shared<'a>, id: SectionId) -> &'a str {
    let section = &shared.site.sections[id];
    let default = if id == ROOT {
        "index.html"
    } else if section.doc.path == paths::INDEX && shared.has_plans {
        "plans.html"
    } else {
        "section.html"
    };
    template_name(&section.doc, default)
}

/// A job's output path and HTML.
fn render_job(shared: &Shared, job: Job) -> Result<(String, String), RenderError> {
    let config = &shared.site.config;
    let mut context = Context::new();
    context.insert_value("nav", shared.nav.clone());
    context.insert_value("config", shared.config.clone());
    context.insert("lang", &config.language);
    let target = target(shared, job, &mut context);
    context.insert("current_path", &format!("/{}", target.path));
    context.insert("current_url", &config.permalink(&target.path));
    let templates = shared.templates;
    match templates.tera.render(target.template, &context) {
        Ok(html) => {
            // Every internal URL relative to the page; 404.html is served at any depth.
            let style = if matches!(job, Job::NotFound) {
                Style::RootRelative
            } else {
                Style::Relative
            };
            let base = Base {
                url: &config.base_url,
                path: &config.base_path,
            };
            let html = match urls::rewrite(&html, &target.output, base, style) {
                Cow::Borrowed(_) => html,
                Cow::Owned(rewritten) => rewritten,
            };
            Ok((target.output, html))
        }
        Err(error) => {
            let (file, text) = &templates.files[target.template];
            Err(RenderError {
                diagnostic: template_error(&error, target.template, file, text, &templates.files),
                page: target.source,
            })
        }
    }
}

/// What a job renders, and where.
struct Target<'a> {
    template: &'a str,
    /// The site path of the page.
    path: String,
    /// The output file.
    output: String,
    /// The source file named in errors, if the page has one.
    source: Option<String>,
}

/// The template, paths and source of `job`, its own data put into `context`.
fn target<'a>(shared: &Shared<'a>, job: Job, context: &mut Context) -> Target<'a> {
    let Shared {
        site,
        plans,
        plan_values,
        has_plans,
        listings,
        ..
    } = *shared;
    let document = |template: &'a str, doc: &Document| Target {
        template,
        path: doc.path.clone(),
        output: index_html(&doc.path),
        source: Some(format!("content/{}", doc.source)),
    };
    match job {
        Job::Section(id) | Job::Pager(id, _) => {
            let section = &site.sections[id];
            let n = if let Job::Pager(_, n) = job { n } else { 1 };
            context.insert("section", &section_view(site, id));
            if let Some(paginator) = paginator_view(site, id, n) {
                context.insert("paginator", &paginator);
            }
            let default = if id == ROOT {
                "index.html"
            } else if section.doc.path == paths::INDEX && has_plans {
                context.insert("listing", &listings.all);
                "plans.html"
            } else {
                "section.html"
            };
            let mut target = document(template_name(&section.doc, default), &section.doc);
            if n > 1 {
                target.path = pager_path(&section.doc.path, n);
                target.output = index_html(&target.path);
            }
            target
        }
        Job::Page(id) => {
            let page = &site.pages[id];
            context.insert("page", &page_view(site, id));
            document(template_name(&page.doc, "page.html"), &page.doc)
        }
        Job::Plan(i) | Job::PlanPrint(i) => {
            let plan = &plans[i];
            let printing = matches!(job, Job::PlanPrint(_));
            context.insert_value("plan", plan_values[i].clone());
            context.insert("imprimir", &printing);
            let path = if printing {
                paths::print_page(&plan.id)
            } else {
                paths::page(&plan.id)
            };
            Target {
                template: if printing {
                    "plan_print.html"
                } else {
                    "plan.html"
                },
                output: index_html(&path),
                path,
                source: Some(crate::diag::display_path(&paths::source(&plan.id))),
            }
        }
        Job::PlanListing(i) => {
            let listing = &listings.pages[i];
            context.insert("listing", listing);
            Target {
                template: "plans.html",
                path: listing.path.clone(),
                output: index_html(&listing.path),
                source: None,
            }
        }
        Job::TaxonomyList(t) | Job::TaxonomyTerm(t, _) => taxonomy_target(site, job, t, context),
        Job::NotFound => Target {
            template: "404.html",
            path: "404.html".to_string(),
            output: "404.html".to_string(),
            source: None,
        },
    }
}

fn taxonomy_target<'a>(site: &'a Site, job: Job, t: usize, context: &mut Context) -> Target<'a> {
    let taxonomy = &site.taxonomies[t];
    context.insert("taxonomy", &site.config.taxonomies[taxonomy.config]);
    let (template, path) = match job {
        Job::TaxonomyTerm(_, i) => {
            let term = &taxonomy.terms[i];
            context.insert("term", &term_view(site, term));
            ("taxonomy_single.html", term.path.clone())
        }
        _ => {
            context.insert("terms", &terms_view(site, taxonomy));
            ("taxonomy_list.html", taxonomy.path.clone())
        }
    };
    Target {
        template,
        output: index_html(&path),
        path,
        source: None,
    }
}

fn template_name<'a>(doc: &'a Document, default: &'a str) -> &'a str {
    doc.meta.template.as_deref().unwrap_or(default)
}

fn index_html(path: &str) -> String {
    format!("{path}index.html")
}
