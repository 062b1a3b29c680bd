//! The bundled theme: its strings and a site's overrides of them, long dates, layout.

use crate::util::TestSite;

/// The basic fixture rendered by the bundled theme, with `extra` lines in site.toml.
fn with_senda(extra: &str) -> TestSite {
    let site = TestSite::fixture("basic").with_bundled_theme();
    site.remove("templates/404.html");
    site.write(
        "site.toml",
        format!(
            "title = \"Portal de prueba\"\nbase_url = \"https://example.org/portal/\"\ntheme = \"senda\"\n{extra}"
        ),
    );
    site
}

#[test]
fn theme_strings_fill_the_templates_and_a_site_overrides_them_key_by_key() {
    let site = with_senda("\n[strings]\nskip_link = \"Ir al contenido\"\n");
    site.build().assert_ok();
    let page = site.output("guias/que-es/index.html");
    assert!(page.contains(">Ir al contenido</a>"), "{page}");
    // Keys the site leaves alone keep the theme's text.
    assert!(page.contains("aria-label=\"Ruta de navegación\""), "{page}");
    assert!(page.contains(">En esta página</h2>"), "{page}");
}

#[test]
fn an_unknown_string_key_in_site_toml_is_located_with_a_suggestion() {
    let site = with_senda("\n[strings]\nskip_lnk = \"Ir al contenido\"\n");
    site.build().assert_failure(
        r#"error: unknown key `skip_lnk` in [strings]
 --> site.toml:6:1
  |
6 | skip_lnk = "Ir al contenido"
  | ^^^^^^^^
  = help: did you mean `skip_link`?

1 error found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn a_string_a_template_uses_but_nobody_defines_is_a_template_error() {
    let site = with_senda("");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}{{ strings.no_such_string }}{% endblock content %}",
    );
    // The message lists every string the theme defines.
    site.build()
        .assert_failure(r#"error: template error: Field `no_such_string` is not defined. Available fields: breadcrumbs, descarga_abrir, descarga_ayuda, descarga_label, footer_note, home, home_entries, label_approval, label_dre, label_level, label_status, label_ugel, label_year, menu, next, not_found_home, not_found_text, not_found_title, nota_importante, nota_reflexion, offline_home, offline_mark, offline_text, offline_title, pager, plan_back, plan_calendar, plan_data, plan_downloads, plan_print_format, plan_print_help, plan_print_version, plan_spreadsheet, plan_workbook, plans, plans_all, plans_any_f, plans_any_m, plans_by_status, plans_by_ugel, plans_by_year, plans_consolidated, plans_consolidated_csv, plans_facets, plans_filter, plans_in_list, plans_many, plans_no_resolution, plans_none, plans_one, plans_shown, plans_visits_by_month, plans_with_rd, previous, print_hint, reading_time, section_pages, section_subsections, site_nav, skip_link, table, taxonomies_nav, taxonomy_all, taxonomy_empty, taxonomy_list_lead, taxonomy_nivel, taxonomy_page_many, taxonomy_page_one, taxonomy_tema, toc_title, updated
 --> templates/404.html:1:56
  |
1 | {% extends "base.html" %}{% block content %}{{ strings.no_such_string }}{% endblock content %}
  |                                                        ^^^^^^^^^^^^^^
  = help: fix the template at this line; Tera's syntax: https://keats.github.io/tera/

1 error found; nothing was written, the previous output is unchanged
"#);
}

#[test]
fn page_dates_are_long_in_the_site_language() {
    let site = with_senda("language = \"es-PE\"\n");
    site.build().assert_ok();
    assert!(
        site.output("guias/que-es/index.html")
            .contains("Actualizado el <time datetime=\"2024-07-12\">12 de julio de 2024</time>")
    );
    let english = with_senda("language = \"en\"\n");
    english.build().assert_ok();
    assert!(
        english
            .output("guias/que-es/index.html")
            .contains("<time datetime=\"2024-07-12\">July 12, 2024</time>")
    );
}

#[test]
fn pages_have_landmarks_breadcrumbs_and_a_pager() {
    let site = with_senda("");
    site.build().assert_ok();
    let page = site.output("guias/que-es/index.html");
    for part in [
        "<html lang=\"es\">",
        "<a class=\"skip-link\" href=\"#contenido\">",
        "<header class=\"site-header\">",
        "<nav class=\"site-nav\" aria-label=\"Secciones del portal\">",
        "<a href=\"../\" aria-current=\"true\">Guías</a>",
        "<main id=\"contenido\"",
        "<footer class=\"site-footer\">",
        "<li aria-current=\"page\">¿Qué es el acompañamiento?</li>",
        "<a rel=\"prev\" href=\"../acompanamiento-entre-pares/\">",
        "<script src=\"../../senda.js\" defer></script>",
    ] {
        assert!(page.contains(part), "missing {part}:\n{page}");
    }
    let home = site.output("index.html");
    assert!(
        home.contains("<li class=\"card\"><h3><a href=\"guias/\">Guías</a></h3>"),
        "{home}"
    );
}

/// The theme's stylesheets and scripts, all together, stay small enough for a slow rural
/// connection (the search index, data rather than theme, is not counted).
#[test]
fn the_theme_css_and_js_stay_under_60_kb() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/senda/static");
    let mut total = 0;
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("themes/senda/static") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".css") || (name.ends_with(".js") && !name.contains("index")) {
            let size = std::fs::metadata(&path).expect("size").len();
            total += size;
            files.push(format!("{name}: {size}"));
        }
    }
    assert!(total < 60 * 1024, "{total} bytes: {files:?}");
}

/// Ordinary pages print on A4 with the content only: the contract with the search box is
/// its class, `site-search`, hidden on paper like the menus.
#[test]
fn pages_print_on_a4_without_navigation() {
    let css = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/senda/static/senda.css"),
    )
    .expect("senda.css");
    assert!(css.contains("@page { size: A4;"));
    let print = css.split("@media print").nth(1).expect("print rules");
    for hidden in [
        ".site-header",
        ".site-footer",
        ".breadcrumbs",
        ".pager",
        ".toc",
        ".site-search",
    ] {
        assert!(
            print
                .split("display: none")
                .next()
                .unwrap_or("")
                .contains(hidden),
            "{hidden} is not hidden in print"
        );
    }
}

#[test]
fn a_heading_named_like_a_theme_element_gets_its_own_id() {
    let site = with_senda("");
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Zeta\"\n+++\n\n## Contenido\n\nTexto.\n",
    );
    site.build().assert_ok();
    let html = std::fs::read_to_string(site.path("public/guias/zeta/index.html")).unwrap();
    assert_eq!(html.matches("id=\"contenido\"").count(), 1, "{html}");
    assert!(html.contains("<h2 id=\"contenido-1\">"), "{html}");
}
