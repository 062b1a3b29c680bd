//! Where `senda build --private` may write: never over or inside a public site, never into
//! the site through a symbolic link; and what marks a folder as private.

use std::path::Path;

use crate::output_safety::set_output_dir;
use crate::util::{TestSite, snapshot};

/// The whole stderr of a refused private output folder: `error` and its help.
fn refused(error: &str) -> String {
    format!(
        "{error}\n  = help: pass --output with a folder of its own outside the site and its public output, e.g. `--output ../planificadores`\n\n1 error found; nothing was written, the previous output is unchanged\n"
    )
}

fn site() -> TestSite {
    TestSite::fixture("privacy").with_bundled_theme()
}

fn private_into(site: &TestSite, output: &Path) -> crate::util::Run {
    site.senda(&["build", "--private", "--output", &output.to_string_lossy()])
}

#[test]
fn private_planners_never_replace_the_configured_public_output_outside_the_site() {
    let site = site();
    set_output_dir(&site, "../publicado");
    site.build().assert_ok();
    let published = site.path("../publicado");
    let before = snapshot(&published);

    private_into(&site, &published).assert_failure(&refused(
        "error: refusing to write private planners into <tmp>/publicado: it is the site's public output folder (`output_dir`)",
    ));
    private_into(&site, &published.join("planificadores")).assert_failure(&refused(
        "error: refusing to write private planners into <tmp>/publicado/planificadores: it is inside the site's public output folder <tmp>/publicado",
    ));
    assert_eq!(
        snapshot(&published),
        before,
        "the published site was touched"
    );
}

#[test]
fn private_planners_never_replace_or_enter_a_folder_marked_public() {
    let site = site();
    // A public build of this site somewhere else than its configured output.
    let elsewhere = site.path("../espejo");
    site.senda(&["build", "--output", &elsewhere.to_string_lossy()])
        .assert_ok();
    let before = snapshot(&elsewhere);

    let holds_public = concat!(
        "error: refusing to write private planners into <tmp>/espejo: it holds a public site written by senda (it has a .senda-output file)\n",
        "  = help: private planners never replace a published site: choose another --output folder; if this one holds only planners written by an older senda, delete it first\n",
        "\n",
        "1 error found; nothing was written, the previous output is unchanged\n",
    );
    private_into(&site, &elsewhere).assert_failure(holds_public);
    private_into(&site, &elsewhere.join("planificadores")).assert_failure(&refused(
        "error: refusing to write private planners into <tmp>/espejo/planificadores: it is inside <tmp>/espejo, a public site written by senda",
    ));
    // --force replaces folders senda did not write; it never turns private data public.
    site.senda(&[
        "build",
        "--private",
        "--force",
        "--output",
        &elsewhere.to_string_lossy(),
    ])
    .assert_failure(holds_public);
    assert_eq!(snapshot(&elsewhere), before);
}

#[test]
fn private_output_carries_its_own_marker_which_a_public_build_respects() {
    let site = site();
    let planners = site.path("../planificadores");
    private_into(&site, &planners).assert_ok();
    assert!(planners.join(".senda-private").is_file());
    assert!(
        !planners.join(".senda-output").exists(),
        "a private folder must not look public"
    );
    // Private over private: the folder is senda's own private output.
    private_into(&site, &planners).assert_ok();

    let before = snapshot(&planners);
    site.senda(&["build", "--output", &planners.to_string_lossy()])
        .assert_failure(concat!(
            "error: refusing to replace <tmp>/planificadores: it holds private planners written by `senda build --private`\n",
            "  = help: choose another --output folder, or pass --force to replace the planners with the public site\n",
            "\n",
            "1 error found; nothing was written, the previous output is unchanged\n",
        ));
    assert_eq!(snapshot(&planners), before);
    // Forced, the public site replaces the planners, and the folder is public alone.
    site.senda(&["build", "--force", "--output", &planners.to_string_lossy()])
        .assert_ok();
    assert!(planners.join(".senda-output").is_file());
    assert!(!planners.join(".senda-private").exists());
}

#[cfg(unix)]
#[test]
fn a_new_output_under_a_symbolic_link_into_the_site_is_refused() {
    use std::os::unix::fs::symlink;
    let site = site();
    let into_content = site.path("../enlace");
    symlink(site.path("content"), &into_content).unwrap();
    site.senda(&[
        "build",
        "--output",
        &into_content.join("nuevo").to_string_lossy(),
    ])
    .assert_failure(concat!(
        "error: refusing to write the site into <tmp>/site/content/nuevo: it is inside the site's content/ folder\n",
        "  = help: choose an output folder of its own, e.g. `--output public`\n",
        "\n",
        "1 error found; nothing was written, the previous output is unchanged\n",
    ));
    assert!(!site.path("content/nuevo").exists());

    let into_root = site.path("../raiz");
    symlink(&site.root, &into_root).unwrap();
    private_into(&site, &into_root.join("planificadores"))
        .assert_failure(&refused(
            "error: refusing to write private planners into <tmp>/site/planificadores: it is inside the site, next to what gets published",
        ));
    assert!(!site.path("planificadores").exists());
}
