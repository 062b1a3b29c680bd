//! The output folder: replaced only when a build is complete, never when it is not ours.

use std::path::Path;

use crate::util::{TestSite, snapshot};

/// The whole stderr of a refused output folder: `error` and its help.
fn refused(error: &str) -> String {
    format!(
        "{error}\n  = help: choose an output folder of its own, e.g. `--output public`\n\n1 error found; nothing was written, the previous output is unchanged\n"
    )
}

/// What `[roto](@/nada.md)` on line 4 of `content/guias/<page>` prints after its header.
fn broken_link(page: &str) -> String {
    format!(
        " --> content/guias/{page}:4:8\n  |\n4 | [roto](@/nada.md)\n  |        ^^^^^^^^^\n  = help: `@/` links name a file under content/, e.g. `@/guias/que-es.md` or `@/guias/_index.md`\n"
    )
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let before = snapshot(&site.path("public"));
    site.write(
        "content/guias/que-es.md",
        "+++\ntitle = \"Cambiado\"\n+++\n[roto](@/nada.md)\n",
    );
    // The page lost its headings too: the home page's link to one of them breaks.
    site.build().assert_failure(&format!(
        r#"error: broken link: `@/guias/que-es.md` has no heading with the id `el-ciclo-de-acompanamiento`
 --> content/_index.md:4:61
  |
4 | Bienvenida. Ver [las guías](@/guias/_index.md) y [el ciclo](@/guias/que-es.md#el-ciclo-de-acompanamiento).
  |                                                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: the target has no headings; link to the page without `#…`

error: broken link: `@/nada.md` does not exist in content/
{}
2 errors found; nothing was written, the previous output is unchanged
"#,
        broken_link("que-es.md")
    ));
    assert_eq!(snapshot(&site.path("public")), before);
}

#[test]
fn a_good_build_replaces_the_output_and_removes_stale_files() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    site.remove("content/guias/zeta.md");
    site.build().assert_ok();
    assert!(!site.output_exists("guias/zeta/index.html"));
    assert!(site.output_exists(".senda-output"));
    let leftovers: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("senda-"))
        .collect();
    // The manifest of what the build made stays beside the output, for the next build.
    let names: Vec<_> = leftovers.iter().map(|e| e.file_name()).collect();
    assert_eq!(
        names,
        [".public.senda-manifest"],
        "staging folders left: {leftovers:?}"
    );
}

#[test]
fn refuses_to_write_into_the_site_itself() {
    let site = TestSite::fixture("basic");
    for (output, error) in [
        (".", "<tmp>/site: it is the site's folder or contains it"),
        ("..", "<tmp>: it is the site's folder or contains it"),
        (
            "content",
            "<tmp>/site/content: it is inside the site's content/ folder",
        ),
        (
            "themes/plain",
            "<tmp>/site/themes/plain: it is inside the site's themes/ folder",
        ),
    ] {
        let run = site.senda(&["build", "--output", &site.path(output).to_string_lossy()]);
        run.assert_failure(&refused(&format!(
            "error: refusing to write the site into {error}"
        )));
    }
    assert!(site.path("content/_index.md").exists());
}

#[test]
fn refuses_the_file_system_root_and_the_home_folder() {
    let site = TestSite::fixture("basic");
    site.senda(&["build", "--output", "/"])
        .assert_failure(&refused(
            "error: refusing to write the site into /: it is the root of the file system",
        ));
    let home = std::env::var("HOME").unwrap();
    let shown = std::fs::canonicalize(&home).unwrap();
    site.senda(&["build", "--output", &home])
        .assert_failure(&refused(&format!(
            "error: refusing to write the site into {}: it is your home folder",
            shown.display()
        )));
}

#[test]
fn refuses_a_folder_that_looks_like_another_site() {
    let site = TestSite::fixture("basic");
    let other = site.path("../other");
    std::fs::create_dir_all(other.join("content")).unwrap();
    site.senda(&["build", "--output", &other.to_string_lossy()])
        .assert_failure(&refused(
            "error: refusing to write the site into <tmp>/other: it contains content, so it looks like a site, not an output",
        ));
    assert!(other.join("content").is_dir());
}

#[test]
fn refuses_a_non_empty_folder_senda_did_not_write_unless_forced() {
    let site = TestSite::fixture("basic");
    let other = site.path("../docs");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("notas.txt"), "mis notas").unwrap();
    let output = other.to_string_lossy().into_owned();
    site.senda(&["build", "--output", &output]).assert_failure(
        "error: refusing to replace <tmp>/docs: it is not empty and senda did not write it
  = help: choose another --output folder, empty this one, or pass --force to replace it

1 error found; nothing was written, the previous output is unchanged
",
    );
    assert!(other.join("notas.txt").exists());

    site.senda(&["build", "--output", &output, "--force"])
        .assert_ok();
    assert!(!other.join("notas.txt").exists());
    assert!(other.join("index.html").exists());
    // Now the folder is senda's own, so no --force is needed.
    site.senda(&["build", "--output", &output]).assert_ok();
}

#[test]
fn output_dir_from_site_toml_is_relative_to_the_site() {
    let site = TestSite::fixture("basic");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("output_dir = \"salida\"\n{config}"));
    let run = site.build();
    run.assert_ok();
    assert!(site.path("salida/index.html").exists());
    // The summary names the folder absolutely: no guessing where `salida` is relative to.
    let salida = std::fs::canonicalize(site.path("salida")).unwrap();
    assert!(
        run.stdout
            .trim_end()
            .ends_with(&format!("-> {}/", salida.display())),
        "{}",
        run.stdout
    );
}

/// Sets `output_dir` in the site's `site.toml`.
pub fn set_output_dir(site: &TestSite, output_dir: &str) {
    let config = std::fs::read_to_string(site.path("site.toml")).expect("site.toml");
    let others: String = config
        .lines()
        .filter(|line| !line.starts_with("output_dir ="))
        .map(|line| format!("{line}\n"))
        .collect();
    site.write(
        "site.toml",
        format!("output_dir = \"{output_dir}\"\n{others}"),
    );
}

/// The names of the entries of `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn output_dir_tilde_is_the_home_folder() {
    let site = TestSite::fixture("basic");
    let home = site.path("../casa");
    std::fs::create_dir(&home).unwrap();
    set_output_dir(&site, "~/publicado");
    let run = site.senda_env(&["build"], &[("HOME", &home)]);
    run.assert_ok();
    assert!(home.join("publicado/index.html").is_file());
    assert!(!site.path("~").exists(), "a folder literally named ~");
    let shown = std::fs::canonicalize(home.join("publicado")).unwrap();
    assert!(
        run.stdout
            .trim_end()
            .ends_with(&format!("-> {}/", shown.display())),
        "{}",
        run.stdout
    );

    set_output_dir(&site, "~");
    site.senda_env(&["build"], &[("HOME", &home)])
        .assert_failure(&refused(
            "error: refusing to write the site into <tmp>/casa: it is your home folder",
        ));
    assert!(home.join("publicado/index.html").is_file());
}

#[test]
fn the_file_system_root_is_refused_before_any_content_is_read() {
    let site = TestSite::fixture("basic");
    set_output_dir(&site, "/");
    // An error in content/ that a build reading content would report.
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Z\"\n+++\n[roto](@/nada.md)\n",
    );
    let before = names(&site.root);
    let run = site.build();
    // Only the refusal: no broken link, so content/ was not read.
    run.assert_failure(&refused(
        "error: refusing to write the site into /: it is the root of the file system",
    ));
    assert_eq!(names(&site.root), before, "something was written");
}

#[test]
fn check_never_walks_an_output_folder_that_is_not_an_output() {
    let site = TestSite::fixture("basic");
    // Another project's folder, with its own private file.
    let other = site.path("../otro");
    std::fs::create_dir_all(other.join("content")).unwrap();
    std::fs::write(other.join("content/ajeno.privado.toml"), "plan = \"x\"\n").unwrap();
    set_output_dir(&site, "../otro");
    let run = site.senda(&["check"]);
    // Only the refusal: nothing about the other project's private file.
    run.assert_failure(
        &refused(
            "error: refusing to write the site into <tmp>/otro: it contains content, so it looks like a site, not an output",
        )
        .replace(
            "1 error found; nothing was written, the previous output is unchanged",
            "senda check found 1 error",
        ),
    );
}

#[test]
fn a_build_fails_fast_while_another_build_holds_the_output() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let before = snapshot(&site.path("public"));
    // A live build: it holds the lock beside the output and is filling its staging folder.
    let live_staging = site.path(".public.senda-staging-999999");
    std::fs::create_dir(&live_staging).unwrap();
    std::fs::write(live_staging.join("index.html"), "a medio escribir").unwrap();
    let lock = std::fs::File::create(site.path(".public.senda-lock")).unwrap();
    lock.lock().unwrap();

    site.build().assert_failure(
        "error: another senda build is writing into <tmp>/site/public
  = help: wait for it to finish, or build into another --output folder

1 error found; nothing was written, the previous output is unchanged
",
    );
    assert!(
        live_staging.join("index.html").is_file(),
        "the live build's staging folder was deleted"
    );
    assert_eq!(snapshot(&site.path("public")), before);

    // Once that build is gone, what it left is a leftover to clean, lock file included.
    drop(lock);
    site.build().assert_ok();
    assert!(!live_staging.exists());
    let leftovers: Vec<String> = names(&site.root)
        .into_iter()
        .filter(|n| n.contains("senda-"))
        .collect();
    assert_eq!(leftovers, [".public.senda-manifest"], "left: {leftovers:?}");
}

#[test]
fn an_output_lost_between_two_renames_is_restored_before_anything_else() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let before = snapshot(&site.path("public"));
    // What a build killed between its two renames leaves: the old site moved aside, no output.
    let old = site.path(".public.senda-old-4242");
    std::fs::rename(site.path("public"), &old).unwrap();

    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Z\"\n+++\n[roto](@/nada.md)\n",
    );
    site.build()
        .assert_failure(&format!(
            "warning: the output folder <tmp>/site/public was missing: restored it from .public.senda-old-4242, left by a build that was interrupted

error: broken link: `@/nada.md` does not exist in content/
{}
1 error, 1 warning found; nothing was written, the previous output is unchanged
",
            broken_link("zeta.md")
        ));
    assert_eq!(snapshot(&site.path("public")), before, "not restored");
    assert!(!old.exists());

    // The same state again, then a good build: the old site comes back, then is replaced.
    std::fs::rename(site.path("public"), &old).unwrap();
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Zeta nueva\"\n+++\nHola.\n",
    );
    site.build().assert_ok();
    assert!(site.output("guias/zeta/index.html").contains("Zeta nueva"));
    assert!(!old.exists());
}
