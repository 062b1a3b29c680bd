//! A site made for Zola (`tests/fixtures/zola-compat/`, its `config.toml` renamed
//! `site.toml`, Zola-only keys removed, templates as written for Zola) builds, and its
//! Zola features do what they do in Zola: `sort_by`, `paginate_by` and `paginator`,
//! `transparent`, `render`, `redirect_to`, `in_search_index`, `slug`, `path`, `aliases`,
//! `get_section`, `load_data` and the `date`, `markdown`, `slugify`, `urlencode` filters.

use crate::util::{TestSite, broken_links};

fn built() -> TestSite {
    let site = TestSite::fixture("zola-compat");
    site.build().assert_ok();
    site
}

/// The titles of the `<li><a …>title</a>` items of `class` in `html`, in order.
fn listed(html: &str, class: &str) -> Vec<String> {
    let start = html
        .find(&format!("class=\"{class}\""))
        .unwrap_or_else(|| panic!("no list `{class}` in:\n{html}"));
    let list = &html[start..];
    let list = &list[..list
        .find("</ol>")
        .or(list.find("</ul>"))
        .unwrap_or(list.len())];
    list.split("<li>")
        .skip(1)
        .map(|item| {
            let text = item.split_once("\">").map_or(item, |(_, rest)| rest);
            text.split('<').next().unwrap_or_default().to_string()
        })
        .collect()
}

#[test]
fn pagination_writes_pagers_in_date_order() {
    let site = built();
    let first = site.output("blog/index.html");
    assert_eq!(
        listed(&first, "pages"),
        ["Balance de junio", "Jornada de mayo"]
    );
    assert!(first.contains("Página 1 de 3"), "{first}");
    assert!(
        first.contains("<a rel=\"next\" href=\"page/2/\">"),
        "{first}"
    );
    assert!(!first.contains("rel=\"prev\""), "{first}");
    let second = site.output("blog/page/2/index.html");
    assert_eq!(
        listed(&second, "pages"),
        ["Visitas de abril", "Taller de marzo"]
    );
    assert!(second.contains("Página 2 de 3"), "{second}");
    assert!(
        second.contains("<a rel=\"prev\" href=\"../../\">"),
        "{second}"
    );
    assert!(
        second.contains("<a rel=\"next\" href=\"../3/\">"),
        "{second}"
    );
    let third = site.output("blog/page/3/index.html");
    assert_eq!(listed(&third, "pages"), ["Inicio del año escolar"]);
    assert!(!site.output_exists("blog/page/4/index.html"));
    // Zola's page/1/ leads back to the section.
    let one = site.output("blog/page/1/index.html");
    assert!(one.contains("content=\"0; url=../../\""), "{one}");
}

#[test]
fn sort_by_weight_title_and_transparent_sections() {
    let site = built();
    // The transparent subsection's page is listed among its parent's, by weight.
    assert_eq!(
        listed(&site.output("docs/index.html"), "pages"),
        ["Zeta, la primera", "Media, la segunda", "Alfa, la tercera"]
    );
    // By title, accents aside; the weights are not what orders them.
    assert_eq!(
        listed(&site.output("glosario/index.html"), "pages"),
        ["Andamiaje", "Évaluation formativa", "Rúbrica"]
    );
}

#[test]
fn slug_path_and_aliases_give_addresses_and_redirects() {
    let site = built();
    assert!(site.output_exists("blog/visitas-de-abril/index.html"));
    assert!(!site.output_exists("blog/visitas-abril/index.html"));
    assert!(site.output_exists("jornadas/mayo-2024/index.html"));
    assert!(!site.output_exists("blog/jornada-mayo/index.html"));
    let alias = site.output("noticias/visitas-abril/index.html");
    assert!(
        alias.contains(
            "<meta http-equiv=\"refresh\" content=\"0; url=../../blog/visitas-de-abril/\">"
        ),
        "{alias}"
    );
    assert!(
        alias.contains(
            "<link rel=\"canonical\" href=\"https://example.org/red/blog/visitas-de-abril/\">"
        ),
        "{alias}"
    );
    let file_alias = site.output("viejo-blog/visitas.html");
    assert!(
        file_alias.contains("url=../blog/visitas-de-abril/\""),
        "{file_alias}"
    );
    let section_alias = site.output("guias/index.html");
    assert!(section_alias.contains("url=../docs/\""), "{section_alias}");
    // A section's redirect_to: the redirect is its page.
    let old = site.output("viejo/index.html");
    assert!(old.contains("content=\"0; url=../blog/\""), "{old}");
}

#[test]
fn get_section_load_data_and_filters_in_templates() {
    let site = built();
    let home = site.output("index.html");
    assert_eq!(
        listed(&home, "latest"),
        ["Balance de junio", "Jornada de mayo", "Visitas de abril"]
    );
    assert!(home.contains("<time>06 May 2024</time>"), "{home}");
    assert!(
        home.contains("<li>Rosa Quispe (Especialista)</li>"),
        "{home}"
    );
    assert!(
        home.contains("<li>Luis Mamani (Acompañante)</li>"),
        "{home}"
    );
    assert!(
        home.contains("<tr><td>Sede norte</td><td>Macarí</td></tr>"),
        "{home}"
    );
    assert!(
        home.contains("href=\"https://www.minedu.gob.pe/\">Minedu</a>"),
        "{home}"
    );
    // section.subsections through get_section, as Zola templates write it.
    assert!(home.contains("<p>Noticias: 5</p>"), "{home}");
    assert!(home.contains("<p>Guías: 3</p>"), "{home}");
    assert!(
        home.contains(
            "<p class=\"destacada\"><a href=\"docs/primera/\">Zeta, la primera</a> (Guías)</p>"
        ),
        "{home}"
    );
    // markdown(inline=true), its @/ link resolved.
    assert!(
        home.contains(
            "<p class=\"lema\">Aprender <em>juntos</em>, con <a href=\"docs/\">guías</a></p>"
        ),
        "{home}"
    );
    let page = site.output("blog/visitas-de-abril/index.html");
    assert!(page.contains("<article id=\"visitas-de-abril\">"), "{page}");
    assert!(
        page.contains("22/04/2024, actualizado 30/04/2024"),
        "{page}"
    );
    assert!(
        page.contains("text=https%3A//example.org/red/blog/visitas-de-abril/"),
        "{page}"
    );
    let authors = site.output("jornadas/mayo-2024/index.html");
    assert!(authors.contains("Luis Mamani, Rosa Quispe"), "{authors}");
    assert!(
        site.output("blog/index.html").contains("Mon  6 May 2024"),
        "%a %e %b %Y"
    );
}

#[test]
fn render_false_and_in_search_index_false() {
    let site = built();
    assert!(!site.output_exists("interno/index.html"));
    assert!(site.output_exists("interno/notas/index.html"));
    let index = crate::search::index_text(&site);
    assert!(index.contains("Noticias"), "the index holds the others");
    assert!(!index.contains("Notas internas"), "{index}");
    let sitemap = site.output("sitemap.xml");
    assert!(!sitemap.contains("/red/interno/<"), "{sitemap}");
    assert!(!sitemap.contains("/red/viejo/<"), "{sitemap}");
    assert!(sitemap.contains("/red/jornadas/mayo-2024/<"), "{sitemap}");
}

#[test]
fn a_section_key_on_a_page_is_a_located_error() {
    let site = TestSite::fixture("zola-compat");
    site.write(
        "content/blog/taller-marzo.md",
        "+++\ntitle = \"Taller de marzo\"\ndate = 2024-03-14\nsort_by = \"date\"\n+++\nTexto.\n",
    );
    site.build().assert_failure(
        "error: `sort_by` is a section key: it is allowed only in an `_index.md`
 --> content/blog/taller-marzo.md:4:1
  |
4 | sort_by = \"date\"
  | ^^^^^^^
  = help: remove the key, or move it to the file it belongs in

1 error found; nothing was written, the previous output is unchanged
",
    );
}

#[test]
fn load_data_refuses_a_path_outside_the_site() {
    let site = TestSite::fixture("zola-compat");
    let index = std::fs::read_to_string(site.path("templates/index.html")).unwrap();
    site.write(
        "templates/index.html",
        index.replace("data/equipo.toml", "../secreto.toml"),
    );
    site.write("../secreto.toml", "[[personas]]\nnombre = \"Nadie\"\n");
    site.build().assert_failure(
        "error: template error: load_data: `../secreto.toml` is not inside the site folder (write a path relative to the site, without `..`)
  --> templates/index.html:11:17
   |
11 | {% set equipo = load_data(path=\"../secreto.toml\") %}
   |                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   = help: fix the template at this line (it failed while rendering content/_index.md)

1 error found; nothing was written, the previous output is unchanged
",
    );
}

#[test]
fn every_link_of_pagers_and_redirects_resolves_on_disk() {
    let site = built();
    let links = broken_links(&site.path("public"), "https://example.org/red/", "/red/");
    assert!(links.problems.is_empty(), "{}", links.problems.join("\n"));
    // The pagers (3) and redirects (5) are among the pages checked.
    assert!(links.pages >= 25, "{links:?}");
}

#[test]
fn a_page_key_on_a_section_and_a_zero_paginate_by_are_located_errors() {
    let site = TestSite::fixture("zola-compat");
    site.write(
        "content/glosario/_index.md",
        "+++\ntitle = \"Glosario\"\nslug = \"terminos\"\npaginate_by = 0\n+++\n",
    );
    site.build().assert_failure(
        "error: `slug` is a page key: it is not allowed in an `_index.md`
 --> content/glosario/_index.md:3:1
  |
3 | slug = \"terminos\"
  | ^^^^
  = help: remove the key, or move it to the file it belongs in

error: `paginate_by` must be a number of pages greater than 0, not `0`
 --> content/glosario/_index.md:4:15
  |
4 | paginate_by = 0
  |               ^
  = help: e.g. `paginate_by = 10`, or remove the key to list every page together

2 errors found; nothing was written, the previous output is unchanged
",
    );
}
