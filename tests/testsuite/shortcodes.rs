//! Shortcodes in Zola's syntax, from the theme's and the site's `templates/shortcodes/`,
//! expanded before Markdown, with every mistake located in the page.

use crate::util::TestSite;

fn site() -> TestSite {
    TestSite::fixture("shortcodes").with_bundled_theme()
}

#[test]
fn the_themes_shortcodes_render_their_arguments_and_markdown_bodies() {
    let site = site();
    site.build().assert_ok();
    let page = site.output("guias/visita/index.html");
    let nota = "<div class=\"nota nota-importante\" role=\"note\">\n<p class=\"nota-titulo\">Importante</p>\n<h2 id=\"dentro-de-la-nota\">Dentro de la nota</h2>\n<p>Lea la <a href=\"../ficha/\">ficha</a> <strong>antes</strong> de entrar.</p>\n</div>";
    assert!(page.contains(nota), "{page}");
    // A heading in a body is the page's: it is in the table of contents.
    assert!(page.contains("<a href=\"#dentro-de-la-nota\">"), "{page}");
    assert!(
        page.contains("<p class=\"nota-titulo\">Pregúntese</p>\n<p>¿Qué vio?</p>"),
        "{page}"
    );
    assert!(
        page.contains("<figure class=\"figura\">\n<img src=\"foto.svg\" alt=\"Un aula rural\" loading=\"lazy\">\n<figcaption>Una visita en Cusco</figcaption>\n</figure>"),
        "{page}"
    );
    assert!(
        page.contains("<a class=\"descarga-enlace\" href=\"../ficha/\">Abrir el formulario</a>"),
        "{page}"
    );
}

#[test]
fn the_sites_shortcodes_join_the_themes_and_win_over_them() {
    let site = site();
    site.build().assert_ok();
    let page = site.output("guias/visita/index.html");
    // An inline call in a paragraph stays in it.
    assert!(
        page.contains(
            "<p>Antes de la visita, <span class=\"insignia\" data-n=\"1\" data-sitio=\"Portal de prueba\">paso 1</span> revise la ficha.</p>"
        ),
        "{page}"
    );
    site.write(
        "templates/shortcodes/nota.html",
        "<section class=\"mi-nota\">\n{{ body }}\n</section>\n",
    );
    site.build().assert_ok();
    let page = site.output("guias/visita/index.html");
    assert!(
        page.contains("<section class=\"mi-nota\">\n<h2 id=\"dentro-de-la-nota\">"),
        "{page}"
    );
    assert!(!page.contains("nota-importante"), "{page}");
}

#[test]
fn shortcodes_in_code_stay_text() {
    let site = site();
    site.build().assert_ok();
    let page = site.output("guias/visita/index.html");
    assert!(
        page.contains("<code>{{ nota(tipo=\"importante\") }}</code>"),
        "{page}"
    );
    assert!(
        page.contains("<pre><code>{% nota(tipo=\"importante\") %}\n{% end %}\n</code></pre>"),
        "{page}"
    );
}

#[test]
fn unknown_shortcodes_bad_arguments_and_open_bodies_are_located() {
    let site = site();
    site.write(
        "content/guias/a.md",
        "+++\ntitle = \"A\"\n+++\n\nTexto.\n\n{{ notta(tipo=\"importante\") }}\n",
    );
    site.write(
        "content/guias/b.md",
        "+++\ntitle = \"B\"\n+++\n\n{{ figura(src=foto.svg, alt=\"x\") }}\n",
    );
    site.write(
        "content/guias/c.md",
        "+++\ntitle = \"C\"\n+++\n\n{% nota(tipo=\"importante\") %}\nSin cierre.\n",
    );
    site.build().assert_failure(
        "error: unknown shortcode `notta`
 --> content/guias/a.md:7:4
  |
7 | {{ notta(tipo=\"importante\") }}
  |    ^^^^^
  = help: did you mean `nota`?

error: malformed shortcode argument
 --> content/guias/b.md:5:15
  |
5 | {{ figura(src=foto.svg, alt=\"x\") }}
  |               ^^^^^^^^
  = help: write each argument as `name=value`, separated by commas; text goes in quotes: `tipo=\"importante\"`

error: this shortcode's body is never closed
 --> content/guias/c.md:5:1
  |
5 | {% nota(tipo=\"importante\") %}
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: close the body with `{% end %}` on a line of its own

3 errors found; nothing was written, the previous output is unchanged
",
    );
}

#[test]
fn a_template_that_refuses_its_arguments_is_reported_at_the_call() {
    let site = site();
    site.write(
        "content/guias/a.md",
        "+++\ntitle = \"A\"\n+++\n\n{% nota(tipo=\"urgente\") %}\nTexto.\n{% end %}\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: the shortcode `nota` failed: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("no \"urgente\""), "{}", run.stderr);
    assert!(
        run.stderr.contains(" --> content/guias/a.md:5:4\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_link_in_a_body_is_located_where_it_is_written() {
    let site = site();
    site.write(
        "content/guias/a.md",
        "+++\ntitle = \"A\"\n+++\n\n{{ insignia(texto=\"uno\") }}\n\n{% nota(tipo=\"importante\") %}\nVea la [guía](@/guias/no-existe.md).\n{% end %}\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(" --> content/guias/a.md:8:15\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("8 | Vea la [guía](@/guias/no-existe.md).\n"),
        "{}",
        run.stderr
    );
}
