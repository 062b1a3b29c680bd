//! Taxonomies (Zola's): declared in site.toml, used in front matter, with list and term
//! pages, the page's terms shown, the sitemap, the search index and the template functions.

use crate::util::TestSite;

fn site() -> TestSite {
    TestSite::fixture("taxonomies").with_bundled_theme()
}

#[test]
fn each_taxonomy_gets_a_list_page_and_each_term_a_page_of_its_pages() {
    let site = site();
    site.build().assert_ok();
    let list = site.output("nivel/index.html");
    assert!(list.contains("<h1>Nivel</h1>"), "{list}");
    assert!(
        list.contains(
            "<a href=\"primaria/\">Primaria</a> <span class=\"term-count\">(2 páginas)</span>"
        ),
        "{list}"
    );
    assert!(
        list.contains(
            "<a href=\"secundaria/\">Secundaria</a> <span class=\"term-count\">(1 página)</span>"
        ),
        "{list}"
    );
    let term = site.output("nivel/primaria/index.html");
    assert!(
        term.contains("<span class=\"term-kind\">Nivel:</span> Primaria</h1>"),
        "{term}"
    );
    // The term's pages in title order, linked relative to the term page.
    let acordar = term.find("../../guias/acordar/").expect("acordar listed");
    let evaluar = term.find("../../guias/evaluar/").expect("evaluar listed");
    assert!(acordar < evaluar, "{term}");
    assert!(
        term.contains("<li aria-current=\"page\">Primaria</li>"),
        "{term}"
    );
    // A term is named as the page wrote it; its URL is its slug.
    let tema = site.output("tema/evaluacion-formativa/index.html");
    assert!(tema.contains("Evaluación formativa</h1>"), "{tema}");
    assert!(!tema.contains("acordar"), "{tema}");
}

#[test]
fn a_page_shows_its_terms_linked_to_their_pages() {
    let site = site();
    site.build().assert_ok();
    let page = site.output("guias/evaluar/index.html");
    assert!(
        page.contains(
            "<div><dt>Nivel</dt><dd><a href=\"../../nivel/primaria/\">Primaria</a></dd></div>"
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "<dd><a href=\"../../tema/evaluacion-formativa/\">Evaluación formativa</a></dd>"
        ),
        "{page}"
    );
    // A page without terms shows no empty list.
    let temas = site.output("guias/temas/index.html");
    assert!(!temas.contains("page-terms"), "{temas}");
}

#[test]
fn get_taxonomy_and_get_taxonomy_url_answer_templates() {
    let site = site();
    site.build().assert_ok();
    let page = site.output("guias/temas/index.html");
    assert!(
        page.contains("<li data-slug=\"evaluacion-formativa\"><a href=\"../../tema/evaluacion-formativa/\">Evaluación formativa</a> 1</li>"),
        "{page}"
    );
    assert!(
        page.contains("<p id=\"secundaria\"><a href=\"../../nivel/secundaria/\">"),
        "{page}"
    );
}

#[test]
fn taxonomy_pages_are_in_the_sitemap_and_the_search_index() {
    let site = site();
    site.build().assert_ok();
    let sitemap = site.output("sitemap.xml");
    for url in [
        "nivel/",
        "nivel/primaria/",
        "nivel/secundaria/",
        "tema/evaluacion-formativa/",
    ] {
        let loc = format!("<loc>https://example.org/portal/{url}</loc>");
        assert!(sitemap.contains(&loc), "{url} missing:\n{sitemap}");
    }
    let index = crate::search::index_text(&site);
    assert!(
        index.contains("[\"nivel/primaria/\",\"Primaria\",\"Nivel\","),
        "{index}"
    );
    assert!(index.contains("[\"tema/\",\"Tema\","), "{index}");
}

#[test]
fn a_misspelt_taxonomy_is_located_with_a_suggestion() {
    let site = site();
    site.write(
        "content/guias/acordar.md",
        "+++\ntitle = \"Acordar metas\"\n\n[taxonomies]\nnivl = [\"Primaria\"]\n+++\n",
    );
    site.remove("content/guias/temas.md");
    site.build().assert_failure(
        "error: unknown taxonomy `nivl`: site.toml does not declare it
 --> content/guias/acordar.md:5:1
  |
5 | nivl = [\"Primaria\"]
  | ^^^^
  = help: did you mean `nivel`?

1 error found; nothing was written, the previous output is unchanged
",
    );
}

#[test]
fn a_taxonomy_in_a_site_that_declares_none_says_how_to_declare_it() {
    let site = site();
    site.write(
        "site.toml",
        "title = \"Portal de prueba\"\nbase_url = \"https://example.org/portal/\"\ntheme = \"senda\"\n",
    );
    site.remove("content/guias/temas.md");
    site.remove("content/guias/acordar.md");
    site.build().assert_failure(
        "error: unknown taxonomy `nivel`: site.toml does not declare it
 --> content/guias/evaluar.md:6:1
  |
6 | nivel = [\"Primaria\"]
  | ^^^^^
  = help: declare it in site.toml: `taxonomies = [{ name = \"nivel\" }]`

error: unknown taxonomy `tema`: site.toml does not declare it
 --> content/guias/evaluar.md:7:1
  |
7 | tema = [\"Evaluación formativa\"]
  | ^^^^
  = help: declare it in site.toml: `taxonomies = [{ name = \"tema\" }]`

2 errors found; nothing was written, the previous output is unchanged
",
    );
}

#[test]
fn taxonomies_in_site_toml_take_zola_keys_only() {
    let site = site();
    site.write(
        "site.toml",
        "title = \"Portal de prueba\"\nbase_url = \"https://example.org/portal/\"\ntheme = \"senda\"\ntaxonomies = [{ name = \"nivel\", rendr = false }]\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `render`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_taxonomy_that_is_not_rendered_has_no_pages_but_its_terms_are_shown() {
    let site = site();
    site.write(
        "site.toml",
        "title = \"Portal de prueba\"\nbase_url = \"https://example.org/portal/\"\ntheme = \"senda\"\ntaxonomies = [{ name = \"nivel\" }, { name = \"tema\", render = false }]\n",
    );
    site.remove("content/guias/temas.md");
    site.build().assert_ok();
    assert!(!site.output_exists("tema/index.html"));
    assert!(site.output_exists("nivel/primaria/index.html"));
    let page = site.output("guias/evaluar/index.html");
    assert!(page.contains("<dd>Evaluación formativa</dd>"), "{page}");
}

#[test]
fn a_section_takes_no_terms() {
    let site = site();
    site.write(
        "content/guias/_index.md",
        "+++\ntitle = \"Guías\"\n\n[taxonomies]\nnivel = [\"Primaria\"]\n+++\n",
    );
    site.build().assert_failure(
        "error: a section takes no `[taxonomies]`: only pages are classified
 --> content/guias/_index.md:5:1
  |
5 | nivel = [\"Primaria\"]
  | ^^^^^
  = help: remove `[taxonomies]` from this _index.md and put it in its pages

1 error found; nothing was written, the previous output is unchanged
",
    );
}

#[test]
fn a_taxonomy_cannot_take_the_url_of_a_section() {
    let site = site();
    site.write("content/nivel/_index.md", "+++\ntitle = \"Niveles\"\n+++\n");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: the taxonomy `nivel` would use the URL /nivel/, which another page already has\n --> site.toml:1:1\n"
        ),
        "{}",
        run.stderr
    );
}
