//! What a successful build writes: URLs, links, headings, order, assets, drafts, themes.

use crate::util::TestSite;

fn built() -> TestSite {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    site
}

#[test]
fn urls_are_pretty_and_slugs_fold_accents_and_case() {
    let site = built();
    for page in [
        "index.html",
        "guias/index.html",
        "guias/que-es/index.html",
        "guias/acompanamiento-entre-pares/index.html",
        "guias/visita/index.html",
        "guias/avanzado/index.html",
        "guias/avanzado/mentoria/index.html",
        "404.html",
    ] {
        assert!(site.output_exists(page), "{page} was not written");
    }
    let page = site.output("guias/que-es/index.html");
    assert!(page.contains(
        "2024-07-12|https://example.org/portal/guias/que-es/|/portal/guias/que-es/|básico"
    ));
}

#[test]
fn summary_line_counts_what_was_built() {
    let site = TestSite::fixture("basic");
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stdout
            .starts_with("Built 5 pages, 3 sections, 0 plans in "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.trim_end().ends_with(&format!(
            "-> {}/",
            std::fs::canonicalize(site.path("public"))
                .unwrap()
                .display()
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn internal_links_are_relative_to_the_page() {
    let site = built();
    let home = site.output("index.html");
    assert!(home.contains("href=\"guias/\""));
    assert!(home.contains("href=\"guias/que-es/#el-ciclo-de-acompanamiento\""));
    assert!(home.contains("href=\"style.css\""));
    let page = site.output("guias/que-es/index.html");
    assert!(page.contains("href=\"../visita/\""));
    assert!(page.contains("href=\"#definicion\""));
    assert!(page.contains("href=\"../../style.css\""));
    let peers = site.output("guias/acompanamiento-entre-pares/index.html");
    assert!(peers.contains("href=\"../visita/ficha.pdf\""));
    // Served for a missing URL at any depth, the 404 page links from the domain root.
    let missing = site.output("404.html");
    assert!(missing.contains("href=\"/portal/style.css\""), "{missing}");
}

#[test]
fn headings_get_unique_folded_ids_and_a_nested_toc() {
    let page = built().output("guias/que-es/index.html");
    assert!(page.contains("<h2 id=\"definicion\">Definición</h2>"));
    assert!(page.contains("<h3 id=\"evaluacion-formativa\">"));
    assert!(page.contains("<h3 id=\"evaluacion-formativa-1\">"));
    assert!(page.contains("<h2 id=\"propia\">"));
    assert!(page.contains(
        "<li>definicion=Definición</li><li>el-ciclo-de-acompanamiento=El ciclo de acompañamiento[evaluacion-formativa][evaluacion-formativa-1]</li><li>propia=Otra sección</li>"
    ));
}

#[test]
fn section_pages_are_ordered_by_weight_then_title() {
    let site = built();
    let section = site.output("guias/index.html");
    let order: Vec<usize> = [
        "Acompañamiento entre pares",
        "¿Qué es el acompañamiento?",
        "Visita en aula",
        "Anexo sin peso",
    ]
    .iter()
    .map(|title| {
        section
            .find(&format!(">{title}</a>"))
            .unwrap_or_else(|| panic!("{title} not listed"))
    })
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "wrong order: {order:?}"
    );
    assert!(section.contains("<ul class=\"subsections\"><li>Avanzado</li></ul>"));
    let page = site.output("guias/que-es/index.html");
    assert!(page.contains("prev=Acompañamiento entre pares|next=Visita en aula"));
    assert!(page.contains("<p class=\"crumbs\">Inicio/Guías/</p>"));
    let nested = site.output("guias/avanzado/mentoria/index.html");
    assert!(nested.contains("<p class=\"crumbs\">Inicio/Guías/Avanzado/</p>"));
}

#[test]
fn bundle_assets_are_copied_next_to_their_page() {
    let site = built();
    assert_eq!(
        site.output("guias/visita/ficha.pdf"),
        "%PDF-1.4 ficha de prueba\n"
    );
    assert!(
        site.output("guias/visita/index.html")
            .contains("href=\"ficha.pdf\"")
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = built();
    assert!(!site.output_exists("guias/borrador/index.html"));
    assert!(!site.output("guias/index.html").contains("Borrador"));
    assert!(!site.output("sitemap.xml").contains("borrador"));

    site.senda(&["build", "--drafts"]).assert_ok();
    assert!(site.output_exists("guias/borrador/index.html"));
    assert!(site.output("guias/index.html").contains("Borrador"));
}

#[test]
fn site_templates_and_static_files_override_the_theme() {
    let site = built();
    assert!(site.output("404.html").contains("No encontrado (sitio)"));
    assert_eq!(
        site.output("style.css"),
        "body { color: navy; } /* site */\n"
    );
    assert_eq!(site.output("app.js"), "theme script\n");
    assert!(site.output("index.html").contains("href=\"style.css\""));
    assert!(
        site.output("index.html")
            .contains("<p class=\"lema\">Aprender juntos</p>")
    );
}

#[test]
fn sitemap_and_robots_list_every_page_with_the_base_url() {
    let site = built();
    let sitemap = site.output("sitemap.xml");
    assert_eq!(sitemap.matches("<url>").count(), 8);
    assert!(sitemap.contains(
        "<loc>https://example.org/portal/guias/que-es/</loc>\n    <lastmod>2024-07-12</lastmod>"
    ));
    assert!(
        site.output("robots.txt")
            .contains("Sitemap: https://example.org/portal/sitemap.xml")
    );
}

#[test]
fn base_url_can_be_overridden_on_the_command_line() {
    let site = TestSite::fixture("basic");
    site.senda(&["build", "--base-url", "https://escuela.example.pe"])
        .assert_ok();
    assert!(site.output("index.html").contains("href=\"guias/\""));
    assert!(site.output("404.html").contains("href=\"/style.css\""));
    assert!(
        site.output("sitemap.xml")
            .contains("<loc>https://escuela.example.pe/guias/</loc>")
    );
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::fixture("basic");
    let run = site.senda(&["check"]);
    run.assert_ok();
    assert!(
        run.stdout
            .starts_with("Checked 5 pages, 3 sections, 0 plans"),
        "{}",
        run.stdout
    );
    assert!(!site.path("public").exists());
}

#[test]
fn the_bundled_portal_builds() {
    let root = env!("CARGO_MANIFEST_DIR");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_senda"))
        .args(["check", "--root", root])
        .output()
        .expect("run senda");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "warnings: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A static file where a page is rendered: both named (the copy from the site's folder),
/// the build refused, nothing written.
#[test]
fn a_static_file_at_a_pages_path_is_refused() {
    let site = TestSite::fixture("basic");
    site.write("static/guias/zeta/index.html", "<p>copia</p>\n");
    site.build().assert_failure(
        "error: two files would be written to `guias/zeta/index.html`: a rendered page and \
         static/guias/zeta/index.html\n  = help: rename or remove one of them\n\n1 error found; \
         nothing was written, the previous output is unchanged\n",
    );
    assert!(!site.path("public").exists());
}
