//! What a user reads follows one strings table: Spanish by default, English when the locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`) names English. Each test pins the whole output, as
//! `errors.rs` does (which pins the English texts).

use crate::util::{Lang, TestSite, senda_command};

/// The basic fixture with one broken link (an error) and one symbolic link (a warning).
fn broken_site() -> TestSite {
    let site = TestSite::fixture("basic");
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Z\"\n+++\nUno.\n\nVer [esto](@/guias/que_es.md).\n",
    );
    std::os::unix::fs::symlink(
        site.path("content/guias/que-es.md"),
        site.path("content/guias/enlace.md"),
    )
    .expect("symlink");
    site
}

const SPANISH_DIAGNOSTICS: &str = r#"advertencia: `content/guias/enlace.md` es un enlace simbólico: se omite
 --> content/guias/enlace.md:1:1
  = ayuda: senda nunca sigue enlaces, que pueden apuntar fuera del sitio: ponga aquí el archivo mismo

error: enlace roto: `@/guias/que_es.md` no existe en content/
 --> content/guias/zeta.md:6:12
  |
6 | Ver [esto](@/guias/que_es.md).
  |            ^^^^^^^^^^^^^^^^^
  = ayuda: ¿quiso decir `@/guias/que-es.md`?

"#;

const ENGLISH_DIAGNOSTICS: &str = r#"warning: `content/guias/enlace.md` is a symbolic link: skipped
 --> content/guias/enlace.md:1:1
  = help: senda never follows links, which may point outside the site: put the file itself here

error: broken link: `@/guias/que_es.md` does not exist in content/
 --> content/guias/zeta.md:6:12
  |
6 | Ver [esto](@/guias/que_es.md).
  |            ^^^^^^^^^^^^^^^^^
  = help: did you mean `@/guias/que-es.md`?

"#;

/// `check` never writes, so its summary says nothing of an output; the warnings are counted
/// beside the errors.
#[test]
fn check_counts_errors_and_warnings_in_spanish_by_default() {
    let site = broken_site();
    site.senda_in(Lang::Default, &["check"])
        .assert_failure(&format!(
            "{SPANISH_DIAGNOSTICS}senda check encontró 1 error, 1 advertencia\n"
        ));
}

#[test]
fn check_counts_errors_and_warnings_in_english_with_lang_en() {
    let site = broken_site();
    site.senda_in(Lang::En, &["check"]).assert_failure(&format!(
        "{ENGLISH_DIAGNOSTICS}senda check found 1 error, 1 warning\n"
    ));
}

#[test]
fn a_failed_build_says_nothing_was_written_in_spanish() {
    let site = broken_site();
    site.senda_in(Lang::Default, &["build"]).assert_failure(&format!(
        "{SPANISH_DIAGNOSTICS}1 error, 1 advertencia; no se escribió nada, la salida anterior no cambió\n"
    ));
    assert!(!site.output_exists("index.html"));
}

#[test]
fn a_failed_build_says_nothing_was_written_in_english() {
    let site = broken_site();
    site.senda_in(Lang::En, &["build"]).assert_failure(&format!(
        "{ENGLISH_DIAGNOSTICS}1 error, 1 warning found; nothing was written, the previous output is unchanged\n"
    ));
}

/// site.toml's own mistakes and the theme's, in Spanish, without a plan rule's code.
#[test]
fn site_settings_errors_read_in_spanish() {
    let site = TestSite::fixture("basic");
    site.write(
        "site.toml",
        "title = \"T\"\nbse_url = \"https://example.org/\"\ntheme = \"nada\"\n",
    );
    site.senda_in(Lang::Default, &["build"]).assert_failure(
        r#"error: clave desconocida `bse_url`
 --> site.toml:2:1
  |
2 | bse_url = "https://example.org/"
  | ^^^^^^^
  = ayuda: ¿quiso decir `base_url`?

error: falta la clave obligatoria `base_url`
 --> site.toml:1:1
  |
1 | title = "T"
  | ^
  = ayuda: agregue una línea `base_url = …` en esta tabla

2 errores; no se escribió nada, la salida anterior no cambió
"#,
    );
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"example.org\"\ntheme = \"nada\"\n",
    );
    site.senda_in(Lang::Default, &["check"]).assert_failure(
        r#"error: `base_url` debe ser una dirección http(s) absoluta, no `example.org`
 --> site.toml:2:1
  |
2 | base_url = "example.org"
  | ^^^^^^^^
  = ayuda: escriba la dirección donde se publicará el sitio, p. ej. `base_url = "https://example.org/portal/"`

error: no se encuentra el tema `nada` en themes/nada/
 --> site.toml:3:1
  |
3 | theme = "nada"
  | ^^^^^
  = ayuda: cree themes/nada/templates/, o ponga en `theme` uno de: `plain`

senda check encontró 2 errores
"#,
    );
}

/// A good run's one line, in both languages.
#[test]
fn summaries_of_a_good_run() {
    let site = TestSite::fixture("basic");
    let spanish = site.senda_in(Lang::Default, &["check"]);
    spanish.assert_ok().assert_stderr("");
    let line = spanish.stdout.trim_end();
    assert!(
        line.starts_with("Sitio revisado: 5 páginas, 3 secciones, 0 planes en "),
        "{line}"
    );
    assert!(line.ends_with(" s"), "{line}");
    let english = site.senda_in(Lang::En, &["check"]);
    let line = english.stdout.trim_end();
    assert!(
        line.starts_with("Checked 5 pages, 3 sections, 0 plans in "),
        "{line}"
    );
}

#[test]
fn front_matter_errors_read_in_spanish() {
    let site = TestSite::fixture("basic");
    site.write("content/guias/zeta.md", "title = \"Sin cerco\"\n\nTexto.\n");
    site.senda_in(Lang::Default, &["build"]).assert_failure(
        r#"error: falta la cabecera: el archivo debe empezar con una línea `+++`
 --> content/guias/zeta.md:1:1
  |
1 | title = "Sin cerco"
  | ^^^^^^^^^^^^^^^^^^^
  = ayuda: empiece el archivo con
      +++
      title = "Título de la página"
      +++

1 error; no se escribió nada, la salida anterior no cambió
"#,
    );
}

/// `senda <args>` run in `lang`, from no site: its exit code, stdout and stderr.
fn cli(lang: Lang, args: &[&str]) -> (i32, String, String) {
    let output = senda_command(lang).args(args).output().expect("run senda");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (
        output.status.code().unwrap_or(-1),
        text(&output.stdout),
        text(&output.stderr),
    )
}

#[test]
fn help_is_spanish_by_default() {
    let (code, stdout, stderr) = cli(Lang::Default, &["--help"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        r#"Sitios estáticos para los planes de monitoreo y acompañamiento pedagógico y sus guías

Uso: senda <COMANDO>

Comandos:
  build   Construye el sitio en la carpeta de salida (por defecto: `public`)
  check   Hace todas las revisiones de una construcción, sin escribir nada
  serve   Construye el sitio, lo sirve en http://127.0.0.1:1111/ y lo reconstruye en cada guardado
  init    Crea un sitio nuevo con el tema senda, una guía y un plan de ejemplo, en una carpeta nueva o vacía
  new     Empieza un archivo nuevo a partir de una plantilla comentada
  import  Combina una hoja de cálculo (.csv, .xlsx, .ods) con un plan y luego revisa el sitio, o convierte un plan de Word en un borrador

Opciones:
  -h, --help     Muestra esta ayuda
  -V, --version  Muestra la versión
"#
    );
    let (code, stdout, _) = cli(Lang::Default, &["build", "-h"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        r#"Construye el sitio en la carpeta de salida (por defecto: `public`)

Uso: senda build [OPCIONES]

Opciones:
      --root <CARPETA>    La carpeta que contiene site.toml (por defecto: la carpeta actual)
      --drafts            Incluye las páginas marcadas `draft = true` y los planes en borrador
      --strict            Trata las advertencias como errores
      --output <CARPETA>  Dónde escribir el sitio (por defecto: `output_dir` de site.toml, si no `public`)
      --base-url <URL>    Publica en otra dirección que el `base_url` de site.toml
      --force             Reemplaza una carpeta de salida que no está vacía y que senda no escribió
      --private           Escribe solo los planificadores individuales completos (datos personales), para imprimirlos en la escuela, en una carpeta --output fuera del sitio
      --zip [<ARCHIVO>]   Escribe además todo el sitio en un archivo ZIP, para copiarlo a una memoria USB (por defecto: <salida>.zip, junto a la carpeta de salida)
      --clean             Construye todo de nuevo: no reutiliza ningún plan de la construcción anterior (ver .<salida>.senda-manifest)
  -h, --help              Muestra esta ayuda
"#
    );
}

#[test]
fn help_is_english_with_lang_en() {
    let (code, stdout, _) = cli(Lang::En, &["--help"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        r#"Static sites for pedagogical monitoring plans and guidance

Usage: senda <COMMAND>

Commands:
  build   Build the site into the output folder (default: `public`)
  check   Run every check a build makes, writing nothing
  serve   Build the site, serve it at http://127.0.0.1:1111/ and rebuild on every save
  init    Create a new site with the senda theme, a sample guide and a sample plan, in a new or empty folder
  new     Start a new file from a commented template
  import  Merge a spreadsheet (.csv, .xlsx, .ods) into a plan, then check the site, or draft a plan from a Word document

Options:
  -h, --help     Print help
  -V, --version  Print version
"#
    );
    let (code, stdout, _) = cli(Lang::En, &["build", "--help"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        r#"Build the site into the output folder (default: `public`)

Usage: senda build [OPTIONS]

Options:
      --root <DIR>      The folder that holds site.toml (default: the current folder)
      --drafts          Include pages marked `draft = true` and draft plans
      --strict          Treat warnings as errors
      --output <DIR>    Where to write the site (default: `output_dir` from site.toml, else `public`)
      --base-url <URL>  Publish under another address than site.toml's `base_url`
      --force           Replace an output folder that is not empty and was not written by senda
      --private         Write only the filled-in individual planners (personal data) for local printing, into an --output folder outside the site
      --zip [<FILE>]    Also write the whole site into one ZIP file, to copy to a USB stick (default: <output>.zip, beside the output folder)
      --clean           Build everything again: reuse no plan from the previous build (see .<output>.senda-manifest)
  -h, --help            Print help
"#
    );
}

/// Every command's help, in Spanish: headings, flags and value names, none of clap's
/// English left.
#[test]
fn every_commands_help_is_spanish() {
    for command in [
        vec!["check"],
        vec!["serve"],
        vec!["new"],
        vec!["new", "plan"],
        vec!["import"],
        vec!["import", "docentes"],
        vec!["import", "visitas"],
    ] {
        let mut args = command.clone();
        args.push("--help");
        let (code, stdout, _) = cli(Lang::Default, &args);
        assert_eq!(code, 0, "{command:?}");
        assert!(stdout.contains("\nUso: senda "), "{command:?}:\n{stdout}");
        assert!(stdout.contains("  -h, --help"), "{command:?}:\n{stdout}");
        assert!(
            stdout.contains("Muestra esta ayuda"),
            "{command:?}:\n{stdout}"
        );
        for english in [
            "Usage",
            "Options",
            "Arguments",
            "Commands",
            "OPTIONS",
            "COMMAND",
            "Print",
            "default",
            " the ",
        ] {
            assert!(
                !stdout.contains(english),
                "{command:?} has `{english}`:\n{stdout}"
            );
        }
    }
}

/// A usage mistake: exit code 2 and clap's message said in Spanish, with its suggestion.
#[test]
fn a_usage_mistake_is_explained_in_spanish() {
    let (code, stdout, stderr) = cli(Lang::Default, &["build", "--frce"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "error: argumento inesperado `--frce`\n\n  consejo: ¿quiso decir `--force`?\n\nUso: senda build --force\n\nPara más información, pruebe `--help`.\n"
    );
    let (code, _, stderr) = cli(Lang::Default, &["serve", "--port", "mil"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: valor no válido `mil` para `--port <PUERTO>`: escriba un número entero de 0 a 65535\n\nPara más información, pruebe `--help`.\n"
    );
    let (code, _, stderr) = cli(Lang::Default, &["bild"]);
    assert_eq!(code, 2);
    assert!(
        stderr
            .starts_with("error: comando desconocido `bild`\n\n  consejo: ¿quiso decir `build`?\n"),
        "{stderr}"
    );
    let (code, _, stderr) = cli(Lang::En, &["import", "docentes"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: missing required arguments: <PLAN_ID>, <FILE>\n\nUsage: senda import docentes <PLAN_ID> <FILE>\n\nFor more information, try `--help`.\n"
    );
}

/// The output folder's refusals and `senda new plan`'s errors, in Spanish.
#[test]
fn output_and_new_plan_errors_read_in_spanish() {
    let site = TestSite::fixture("basic");
    site.senda_in(
        Lang::Default,
        &["build", "--output", "site/content/salida"],
    )
    .assert_failure(
        "error: no se escribe el sitio en <tmp>/site/content/salida: está dentro de la carpeta content/ del sitio
  = ayuda: elija una carpeta de salida propia, p. ej. `--output public`

1 error; no se escribió nada, la salida anterior no cambió
",
    );
    site.senda_in(Lang::Default, &["new", "plan", "CON"])
        .assert_failure(
            "error: `CON` no puede ser el id de un plan
  = ayuda: use minúsculas sin tildes, dígitos y guiones, p. ej. `ie70999-nueva-esperanza-2025`

",
        );
}
