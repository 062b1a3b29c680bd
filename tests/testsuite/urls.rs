//! The built site works wherever it is put: every internal URL of every page leads to a
//! file that exists, resolved from the page's own file as a browser opening the folder from
//! disk would; `404.html` alone links from the domain root.

use std::path::Path;

use crate::util::{TestSite, broken_links};

/// How many internal URLs the `basic` fixture's pages hold, at least (21 today: the floor
/// leaves room for a template to lose a link, not for the checker to see none).
const BASIC_LINKS: usize = 15;

/// Every link of the site in `output` resolves, and there were links to check: at least
/// `min_checked` internal URLs, and at least one on every page (its stylesheet).
#[track_caller]
fn assert_links_resolve(output: &Path, base_url: &str, base_path: &str, min_checked: usize) {
    let links = broken_links(output, base_url, base_path);
    assert!(
        links.problems.is_empty(),
        "{} broken links:\n{}",
        links.problems.len(),
        links.problems.join("\n")
    );
    assert!(links.pages > 0, "no HTML page in {}", output.display());
    assert!(
        links.unlinked.is_empty(),
        "pages without one internal URL: {:?}",
        links.unlinked
    );
    assert!(
        links.checked >= min_checked,
        "only {} internal URLs checked in {} pages (expected at least {min_checked})",
        links.checked,
        links.pages
    );
}

#[test]
fn every_link_of_a_sub_path_site_resolves_on_disk() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    assert_links_resolve(
        &site.path("public"),
        "https://example.org/portal/",
        "/portal/",
        BASIC_LINKS,
    );
}

#[test]
fn every_link_of_a_root_site_with_plans_resolves_on_disk() {
    let site = TestSite::fixture("plans").with_bundled_theme();
    site.write(
        "site.toml",
        "title = \"Planes\"\nbase_url = \"https://example.org/\"\ntheme = \"senda\"\n",
    );
    site.build().assert_ok();
    assert_links_resolve(&site.path("public"), "https://example.org/", "/", 75);
}

/// The bundled portal, at the domain root and under a sub-path: the same files, every
/// link relative, only the 404 page and the absolute exports differ.
#[test]
fn every_link_of_the_bundled_portal_resolves_at_the_root_and_under_a_sub_path() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = tempfile::tempdir().expect("temporary folder");
    for (base_url, base_path) in [
        ("https://senda.example.org/", "/"),
        ("https://example.org/ugel/portal/", "/ugel/portal/"),
    ] {
        let output = out.path().join(base_path.replace('/', "_"));
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_senda"))
            .args(["build", "--root", root, "--base-url", base_url, "--output"])
            .arg(&output)
            .output()
            .expect("run senda");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_links_resolve(&output, base_url, base_path, 600);
        let home = std::fs::read_to_string(output.join("index.html")).expect("home page");
        assert!(home.contains("href=\"senda.css\""), "{home}");
        assert!(home.contains("src=\"senda.js\""), "{home}");
        let missing = std::fs::read_to_string(output.join("404.html")).expect("404 page");
        assert!(
            missing.contains(&format!("href=\"{base_path}senda.css\"")),
            "{missing}"
        );
        let sitemap = std::fs::read_to_string(output.join("sitemap.xml")).expect("sitemap");
        assert!(sitemap.contains(&format!("<loc>{base_url}estrategias/</loc>")));
    }
}

#[test]
fn the_checker_finds_broken_and_absolute_links() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let public = site.path("public");
    site.write(
        "public/guias/roto.html",
        concat!(
            "<a href=\"../no-existe/\">a</a><a href=\"https://example.org/portal/guias/\">b</a>",
            "<a href=\"/portal/guias/\">c</a><a href=\"../../../fuera/\">d</a>",
            "<a href=\"que-es/\">ok</a><a href=\"https://minedu.gob.pe/\">ok</a>",
        ),
    );
    let links = broken_links(&public, "https://example.org/portal/", "/portal/");
    assert_eq!(links.problems.len(), 4, "{links:#?}");
}

/// Raw HTML in a guide linking a file that is not there: the build checks it too now
/// (`linkcheck`), at its source, and writes nothing the checker above would have to catch.
#[test]
fn a_broken_raw_html_link_stops_the_build_at_its_source() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/guias/zeta.md",
        "+++\ntitle = \"Zeta\"\n+++\nVer <a href=\"../visita/ficha-perdida.pdf\">la ficha</a>.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "error: broken link: `../visita/ficha-perdida.pdf` leads to no file of the site\n \
             --> content/guias/zeta.md:4:14\n"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.output_exists("guias/zeta/index.html"));
}
