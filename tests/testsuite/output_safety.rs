//! The output folder: replaced only when a build is complete, never when it is not ours.

use crate::util::{TestSite, snapshot};

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let before = snapshot(&site.path("public"));
    site.write(
        "content/guias/que-es.md",
        "+++\ntitle = \"Cambiado\"\n+++\n[roto](@/nada.md)\n",
    );
    site.build().assert_error("broken link");
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
    assert!(leftovers.is_empty(), "staging folders left: {leftovers:?}");
}

#[test]
fn refuses_to_write_into_the_site_itself() {
    let site = TestSite::fixture("basic");
    for output in [".", "..", "content", "themes/plain"] {
        let run = site.senda(&["build", "--output", &site.path(output).to_string_lossy()]);
        run.assert_error("error: refusing to write the site into ");
    }
    assert!(site.path("content/_index.md").exists());
}

#[test]
fn refuses_the_file_system_root_and_the_home_folder() {
    let site = TestSite::fixture("basic");
    site.senda(&["build", "--output", "/"]).assert_error(
        "error: refusing to write the site into /: it is the root of the file system",
    );
    let home = std::env::var("HOME").unwrap();
    site.senda(&["build", "--output", &home])
        .assert_error("it is your home folder");
}

#[test]
fn refuses_a_folder_that_looks_like_another_site() {
    let site = TestSite::fixture("basic");
    let other = site.path("../other");
    std::fs::create_dir_all(other.join("content")).unwrap();
    site.senda(&["build", "--output", &other.to_string_lossy()])
        .assert_error("it contains content, so it looks like a site, not an output");
    assert!(other.join("content").is_dir());
}

#[test]
fn refuses_a_non_empty_folder_senda_did_not_write_unless_forced() {
    let site = TestSite::fixture("basic");
    let other = site.path("../docs");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("notas.txt"), "mis notas").unwrap();
    let output = other.to_string_lossy().into_owned();
    site.senda(&["build", "--output", &output])
        .assert_error("error: refusing to replace ")
        .assert_error(
            "= help: choose another --output folder, empty this one, or pass --force to replace it",
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
    assert!(
        run.stdout.trim_end().ends_with("-> site/salida/"),
        "{}",
        run.stdout
    );
}
