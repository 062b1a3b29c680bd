//! Every kind of user mistake gets a message with file, line, column, what is wrong and
//! how to fix it, and the build fails with exit code 1 without touching the output. Each
//! test pins the whole stderr: every diagnostic, in order, and the closing count.

use crate::util::TestSite;

fn site() -> TestSite {
    TestSite::fixture("basic")
}

#[test]
fn unknown_config_key_suggests_the_right_one() {
    let site = site();
    site.write(
        "site.toml",
        "title = \"T\"\nbse_url = \"https://example.org/\"\ntheme = \"plain\"\n",
    );
    site.build().assert_failure(
        r#"error: unknown key `bse_url`
 --> site.toml:2:1
  |
2 | bse_url = "https://example.org/"
  | ^^^^^^^
  = help: did you mean `base_url`?

error: missing required key `base_url`
 --> site.toml:1:1
  |
1 | title = "T"
  | ^
  = help: add a line `base_url = …`

2 errors found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn bad_base_url_and_missing_theme_are_reported_together() {
    let site = site();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"example.org\"\ntheme = \"nada\"\n",
    );
    site.build()
        .assert_failure(r#"error: `base_url` must be an absolute http(s) URL, not `example.org`
 --> site.toml:2:1
  |
2 | base_url = "example.org"
  | ^^^^^^^^
  = help: write the address where the site will be published, e.g. `base_url = "https://example.org/portal/"`

error: theme `nada` not found in themes/nada/
 --> site.toml:3:1
  |
3 | theme = "nada"
  | ^^^^^
  = help: create themes/nada/templates/, or set `theme` to one of: `plain`

2 errors found; nothing was written, the previous output is unchanged
"#);
}

#[test]
fn missing_front_matter_fence() {
    let site = site();
    site.write("content/guias/zeta.md", "title = \"Sin cerco\"\n\nTexto.\n");
    site.build().assert_failure(
        r#"error: missing front matter: the file must start with a `+++` line
 --> content/guias/zeta.md:1:1
  |
1 | title = "Sin cerco"
  | ^^^^^^^^^^^^^^^^^^^
  = help: start the file with
      +++
      title = "Título de la página"
      +++

1 error found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn unclosed_front_matter() {
    let site = site();
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Abierto\"\n\nTexto.\n",
    );
    site.build().assert_failure(
        r#"error: the front matter is never closed: no second `+++` line
 --> content/guias/zeta.md:1:1
  |
1 | +++
  | ^^^
  = help: add a line with only `+++` after the last front matter key

1 error found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn invalid_toml_in_front_matter_points_into_the_file() {
    let site = site();
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Roto\"\nweight = = 3\n+++\n",
    );
    site.build().assert_failure(
        r#"error: invalid TOML: extra `=`, expected nothing
 --> content/guias/zeta.md:3:10
  |
3 | weight = = 3
  |          ^

error: invalid TOML: unexpected key or value, expected newline, `#`
 --> content/guias/zeta.md:3:12
  |
3 | weight = = 3
  |            ^

2 errors found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn missing_title() {
    let site = site();
    site.write("content/guias/zeta.md", "+++\nweight = 3\n+++\nTexto.\n");
    site.build().assert_failure(
        r#"error: missing required key `title`
 --> content/guias/zeta.md:2:1
  |
2 | weight = 3
  | ^
  = help: add a line `title = …`

1 error found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    let site = site();
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Z\"\nwieght = 3\ntags = []\n+++\n",
    );
    site.build()
        .assert_failure(r#"error: unknown key `wieght`
 --> content/guias/zeta.md:3:1
  |
3 | wieght = 3
  | ^^^^^^
  = help: did you mean `weight`?

error: unknown key `tags`
 --> content/guias/zeta.md:4:1
  |
4 | tags = []
  | ^^^^
  = help: remove it; allowed here: `title`, `description`, `date`, `weight`, `draft`, `template`, `generate_feeds`, `extra`, `taxonomies`, `slug`, `path`, `aliases`, `authors`, `updated`, `sort_by`, `paginate_by`, `transparent`, `render`, `redirect_to`, `in_search_index`

2 errors found; nothing was written, the previous output is unchanged
"#);
}

#[test]
fn bad_date() {
    let site = site();
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Z\"\ndate = \"12/07/2024\"\n+++\n",
    );
    site.build().assert_failure(
        r#"error: `date` is not a date
 --> content/guias/zeta.md:3:8
  |
3 | date = "12/07/2024"
  |        ^^^^^^^^^^^^
  = help: write it as year-month-day, e.g. `date = 2024-07-12`

1 error found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn unknown_template() {
    let site = site();
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Z\"\ntemplate = \"ficha.html\"\n+++\n",
    );
    site.build()
        .assert_failure(r#"error: unknown template `ficha.html`
 --> content/guias/zeta.md:3:1
  |
3 | template = "ficha.html"
  | ^^^^^^^^
  = help: use one of: `404.html`, `base.html`, `index.html`, `page.html`, `section.html`, or add templates/ficha.html

1 error found; nothing was written, the previous output is unchanged
"#);
}

#[test]
fn duplicate_url_names_both_files() {
    let site = site();
    site.write("content/guias/Que-Es.md", "+++\ntitle = \"Otra\"\n+++\n");
    site.build()
        .assert_failure(r#"error: broken link: `@/guias/que-es.md` does not exist in content/
 --> content/_index.md:4:61
  |
4 | Bienvenida. Ver [las guías](@/guias/_index.md) y [el ciclo](@/guias/que-es.md#el-ciclo-de-acompanamiento).
  |                                                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: did you mean `@/guias/Que-Es.md`?

error: `content/guias/que-es.md` and `content/guias/Que-Es.md` both become the URL /guias/que-es/
 --> content/guias/que-es.md:1:1
  = help: rename or move one of them; URLs are made from file names with accents and capitals folded

2 errors found; nothing was written, the previous output is unchanged
"#);
}

#[test]
fn file_name_that_cannot_be_a_url() {
    let site = site();
    site.write("content/guias/¿qué?.md", "+++\ntitle = \"Q\"\n+++\n");
    site.build().assert_failure(
        r#"error: the name `¿qué?` cannot become part of a URL: it contains `¿`
 --> content/guias/¿qué?.md:1:1
  = help: rename it using only letters, digits, spaces, `-` and `_`, e.g. `visita-en-aula.md`

1 error found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn file_that_is_not_utf8() {
    let site = site();
    // "Evaluación" in Latin-1, as Word on Windows saves it.
    site.write(
        "content/guias/zeta.md",
        b"+++\ntitle = \"Z\"\n+++\nEvaluaci\xf3n\n",
    );
    site.build().assert_failure(
        r#"error: the file is not UTF-8 text (byte 0xF3 at line 4, column 9)
 --> content/guias/zeta.md:4:9
  |
4 | Evaluaci
  |         ^
  = help: save the file with UTF-8 encoding (in most editors: Save as… > Encoding > UTF-8)

1 error found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn broken_internal_link_names_the_line_and_suggests() {
    let site = site();
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Z\"\n+++\nUno.\n\nVer [esto](@/guias/que_es.md).\n",
    );
    site.build().assert_failure(
        r#"error: broken link: `@/guias/que_es.md` does not exist in content/
 --> content/guias/zeta.md:6:12
  |
6 | Ver [esto](@/guias/que_es.md).
  |            ^^^^^^^^^^^^^^^^^
  = help: did you mean `@/guias/que-es.md`?

1 error found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn broken_anchor_suggests_the_closest_heading() {
    let site = site();
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Z\"\n+++\n[x](@/guias/que-es.md#definicon) [y](#nada)\n",
    );
    site.build().assert_failure(
        r#"error: broken link: `@/guias/que-es.md` has no heading with the id `definicon`
 --> content/guias/zeta.md:4:5
  |
4 | [x](@/guias/que-es.md#definicon) [y](#nada)
  |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: did you mean `#definicion`?

error: broken link: this page has no heading with the id `nada`
 --> content/guias/zeta.md:4:38
  |
4 | [x](@/guias/que-es.md#definicon) [y](#nada)
  |                                      ^^^^^
  = help: the target has no headings; link to the page without `#…`

2 errors found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn link_to_a_draft_says_it_is_a_draft() {
    let site = site();
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Z\"\n+++\n[b](@/guias/borrador.md)\n",
    );
    site.build().assert_failure(
        r#"error: broken link: `@/guias/borrador.md` is a draft, left out of this build
 --> content/guias/zeta.md:4:5
  |
4 | [b](@/guias/borrador.md)
  |     ^^^^^^^^^^^^^^^^^^^
  = help: publish it (remove `draft = true`), build with --drafts, or remove the link

1 error found; nothing was written, the previous output is unchanged
"#,
    );
    site.senda(&["build", "--drafts"]).assert_ok();
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let site = site();
    site.write("themes/plain/templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title \n{% endblock content %}\n");
    site.build().assert_failure(
        r#"error: template syntax error: Found `{` but expected }}.
 --> themes/plain/templates/page.html:4:1
  |
4 | {% endblock content %}
  | ^
  = help: fix the template at this line; Tera's syntax: https://keats.github.io/tera/

1 error found; nothing was written, the previous output is unchanged
"#,
    );
}

/// The same broken line fails every page: it is reported once, with a count of the others.
#[test]
fn template_render_error_names_template_line_and_page() {
    let site = site();
    site.write(
        "themes/plain/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n{{ page.autor.nombre }}\n{% endblock content %}\n",
    );
    site.build()
        .assert_failure(r#"error: template error: Field `autor` is not defined. Available fields: ancestors, authors, content, date, description, extra, higher, lower, path, permalink, reading_time, relative_path, section, taxonomies, title, toc, updated, url, weight, word_count
 --> themes/plain/templates/page.html:4:9
  |
4 | {{ page.autor.nombre }}
  |         ^^^^^
  = help: fix the template at this line (it failed while rendering content/guias/Acompañamiento_Entre_Pares.md and 4 other pages)

1 error found; nothing was written, the previous output is unchanged
"#);
}

#[test]
fn template_error_on_pages_without_a_source_keeps_its_help_whole() {
    // A broken line of base.html that only the plan listings reach: none of the three
    // pages it fails has a content file to name, so the help counts them instead. The
    // count used to be spliced in before the help's last character, inside its URL.
    let site = TestSite::fixture("plans");
    site.write(
        "themes/plain/templates/plans.html",
        "{% extends \"base.html\" %}\n{% block content %}planes{% endblock content %}\n",
    );
    let base = std::fs::read_to_string(site.path("themes/plain/templates/base.html")).unwrap();
    site.write(
        "themes/plain/templates/base.html",
        base.replace(
            "<body>\n",
            "<body>\n{% if listing %}{{ listing.autor }}{% endif %}\n",
        ),
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        concat!(
            "error: template error: Field `autor` is not defined. Available fields: anios, consolidado, consolidado_url, filtro, grupos, niveles, path, plans, titulo, todos_url, ugels, url\n",
            " --> themes/plain/templates/base.html:6:28\n",
            "  |\n",
            "6 | {% if listing %}{{ listing.autor }}{% endif %}\n",
            "  |                            ^^^^^\n",
            "  = help: fix the template at this line (it failed on 3 pages); Tera's syntax: https://keats.github.io/tera/\n",
            "\n",
            "1 error found; nothing was written, the previous output is unchanged\n",
        )
    );
}

#[test]
fn template_error_in_base_names_the_first_page_and_counts_the_others() {
    let site = site();
    let base = std::fs::read_to_string(site.path("themes/plain/templates/base.html")).unwrap();
    site.write(
        "themes/plain/templates/base.html",
        base.replace("<body>", "<body>{{ config.autor }}"),
    );
    let run = site.build();
    run.assert_failure(concat!(
        "error: template error: Field `autor` is not defined. Available fields: base_path, base_url, build_search_index, description, extra, feed_filenames, feed_limit, generate_feeds, language, offline, taxonomies, theme, title\n",
        " --> themes/plain/templates/base.html:5:17\n",
        "  |\n",
        "5 | <body>{{ config.autor }}\n",
        "  |                 ^^^^^\n",
        "  = help: fix the template at this line (it failed while rendering content/_index.md and 8 other pages)\n",
        "\n",
        "1 error found; nothing was written, the previous output is unchanged\n",
    ));
    assert_eq!(
        run.stderr.matches("error: template error").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn missing_required_template() {
    let site = site();
    site.remove("themes/plain/templates/section.html");
    site.build().assert_failure(
        r#"error: no `section.html` template found
  = help: add section.html to themes/plain/templates/ or templates/

1 error found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn page_nested_in_a_bundle() {
    let site = site();
    site.write("content/guias/visita/extra.md", "+++\ntitle = \"E\"\n+++\n");
    site.build()
        .assert_failure(r#"error: `guias/visita/extra.md` is inside the page bundle `guias/visita/` (a folder with index.md), which cannot hold other pages
 --> content/guias/visita/extra.md:1:1
  = help: move it out of guias/visita/, or rename guias/visita/index.md to _index.md to make the folder a section

1 error found; nothing was written, the previous output is unchanged
"#);
}

/// Errors of three files and three stages (front matter, links, required keys), in the
/// order of the files.
#[test]
fn all_errors_of_a_run_are_reported_at_once() {
    let site = site();
    site.write("content/guias/zeta.md", "+++\nweight = 1\n+++\n");
    site.write("content/a.md", "sin cerco\n");
    site.write("content/b.md", "+++\ntitle = \"B\"\n+++\n[x](@/no.md)\n");
    site.build().assert_failure(
        r#"error: missing front matter: the file must start with a `+++` line
 --> content/a.md:1:1
  |
1 | sin cerco
  | ^^^^^^^^^
  = help: start the file with
      +++
      title = "Título de la página"
      +++

error: broken link: `@/no.md` does not exist in content/
 --> content/b.md:4:5
  |
4 | [x](@/no.md)
  |     ^^^^^^^
  = help: did you mean `@/b.md`?

error: missing required key `title`
 --> content/guias/zeta.md:2:1
  |
2 | weight = 1
  | ^
  = help: add a line `title = …`

3 errors found; nothing was written, the previous output is unchanged
"#,
    );
}

#[test]
fn wrong_command_line_exits_with_2() {
    let site = site();
    assert_eq!(site.senda(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(site.senda(&["publish"]).code, 2);
}

#[test]
fn repeated_and_theme_owned_heading_ids_are_errors() {
    let site = site();
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Zeta\"\n+++\n\n## Ciclo {#ciclo}\n\nTexto.\n\n## Otro ciclo {#ciclo}\n\n## Índice {#contenido}\n",
    );
    site.build()
        .assert_failure(r#"error: the heading id `ciclo` is used twice on this page
 --> content/guias/zeta.md:9:17
  |
9 | ## Otro ciclo {#ciclo}
  |                 ^^^^^
  = help: the first heading with `{#ciclo}` is on line 5; give each heading its own id, or remove `{#ciclo}` to get one from the heading's text

error: the heading id `contenido` is reserved: the senda theme gives it to an element of its own
  --> content/guias/zeta.md:11:13
   |
11 | ## Índice {#contenido}
   |             ^^^^^^^^^
   = help: choose another id, e.g. `{#contenido-guia}`: a link to `#contenido` would reach the theme's element, not this heading

2 errors found; nothing was written, the previous output is unchanged
"#);
}
