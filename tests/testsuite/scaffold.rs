//! `senda init`, `senda new page|section` and `senda build --zip`: new sites and files that
//! build, never over a file of the user's, and the whole output in one ZIP.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::util::{Lang, Run, senda_command, snapshot};

/// Runs senda with `args` from `cwd`, in English.
fn senda(cwd: &Path, args: &[&str]) -> Run {
    let output = senda_command(Lang::En)
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run senda");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        tmp: cwd.to_path_buf(),
    }
}

/// A temporary folder with a site made by `senda init portal` in it.
fn new_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let run = senda(tmp.path(), &["init", "portal"]);
    run.assert_ok().assert_stderr("");
    assert!(
        run.stdout.starts_with("New site in portal ("),
        "{}",
        run.stdout
    );
    let root = tmp.path().join("portal");
    (tmp, root)
}

#[test]
fn init_writes_the_senda_theme_a_guide_and_a_plan_that_pass_a_strict_check() {
    let (tmp, root) = new_site();
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/senda");
    assert_eq!(snapshot(&root.join("themes/senda")), snapshot(&theme));
    senda(tmp.path(), &["check", "--strict", "--root", "portal"])
        .assert_ok()
        .assert_stderr("");
    senda(tmp.path(), &["build", "--root", "portal"])
        .assert_ok()
        .assert_stderr("");
    let public = root.join("public");
    let guide = std::fs::read_to_string(public.join("guias/primera-visita/index.html")).unwrap();
    assert!(guide.contains("Cómo preparar la primera visita"));
    let plan = std::fs::read_to_string(public.join("planes/ie-ejemplo-2025/index.html")).unwrap();
    assert!(plan.contains("Institución Educativa Ejemplo"));
    // The sample plan's masked teachers are not published by name.
    assert!(!plan.contains("Carmen Rosa Inventada Mamani"));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("mio")).unwrap();
    std::fs::write(tmp.path().join("mio/notas.txt"), "mis notas").unwrap();
    senda(tmp.path(), &["init", "mio"]).assert_failure(
        "error: mio is not empty\n  = help: senda init only writes into a new or empty folder, \
         so nothing of yours is replaced: choose another, e.g. `senda init my-portal`\n\n",
    );
    let entries: Vec<_> = std::fs::read_dir(tmp.path().join("mio")).unwrap().collect();
    assert_eq!(entries.len(), 1);
    // An empty folder is taken.
    std::fs::create_dir(tmp.path().join("vacia")).unwrap();
    senda(tmp.path(), &["init", "vacia"]).assert_ok();
    assert!(tmp.path().join("vacia/site.toml").is_file());
}

#[test]
fn new_page_and_section_write_front_matter_that_builds_and_never_overwrite() {
    let (tmp, root) = new_site();
    let run = senda(&root, &["new", "section", "noticias"]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        "Wrote content/noticias/_index.md: write its title and description, and add pages in \
         that folder\n"
    );
    let section = std::fs::read_to_string(root.join("content/noticias/_index.md")).unwrap();
    assert!(
        section.starts_with("+++\ntitle = \"Noticias\"\n"),
        "{section}"
    );
    let run = senda(&root, &["new", "page", "noticias/boletin-de-marzo"]);
    run.assert_ok();
    let page = std::fs::read_to_string(root.join("content/noticias/boletin-de-marzo.md")).unwrap();
    assert!(
        page.starts_with("+++\ntitle = \"Boletin de marzo\"\n"),
        "{page}"
    );
    assert!(page.contains("\n+++\n"), "{page}");

    senda(tmp.path(), &["build", "--strict", "--root", "portal"]).assert_ok();
    let built = root.join("public/noticias/boletin-de-marzo/index.html");
    assert!(
        std::fs::read_to_string(built)
            .unwrap()
            .contains("Boletin de marzo")
    );
    assert!(root.join("public/noticias/index.html").is_file());

    // Never over a file: the guide keeps its text.
    let guide = root.join("content/guias/primera-visita.md");
    let before = std::fs::read_to_string(&guide).unwrap();
    senda(&root, &["new", "page", "guias/primera-visita.md"]).assert_failure(
        "error: content/guias/primera-visita.md already exists\n  = help: edit that file, or \
         choose another name; senda never overwrites a file\n\n",
    );
    senda(&root, &["new", "section", "guias"]).assert_failure(
        "error: content/guias/_index.md already exists\n  = help: edit that file, or choose \
         another name; senda never overwrites a file\n\n",
    );
    assert_eq!(std::fs::read_to_string(&guide).unwrap(), before);
    senda(&root, &["new", "page", "../fuera.md"]).assert_failure(
        "error: `../fuera.md` cannot be a path inside content/: the path leaves content/ or is \
         empty\n  = help: write the path from content/, with lowercase names and hyphens, e.g. \
         `guias/primera-visita.md`\n\n",
    );
    assert!(!tmp.path().join("fuera.md").exists());
}

/// Every file of a ZIP, by name, with its bytes.
fn unzip(path: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let file = std::fs::File::open(path).expect("the ZIP exists");
    let mut archive = zip::ZipArchive::new(file).expect("a ZIP file");
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("an entry");
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).expect("the entry inflates");
        let name = file.name().expect("a UTF-8 name").into_owned();
        files.push((PathBuf::from(name), bytes));
    }
    files
}

#[test]
fn build_zip_holds_exactly_the_output_beside_it_or_where_asked() {
    let (tmp, root) = new_site();
    let run = senda(tmp.path(), &["build", "--root", "portal", "--zip"]);
    run.assert_ok().assert_stderr("");
    let zip = root.join("public.zip");
    assert!(
        run.stdout.contains("-> portal/public.zip"),
        "{}",
        run.stdout
    );
    let mut output = snapshot(&root.join("public"));
    output.retain(|(path, _)| path != Path::new(".senda-output"));
    assert!(
        output
            .iter()
            .any(|(p, _)| p == Path::new("planes/ie-ejemplo-2025/index.html"))
    );
    assert_eq!(unzip(&zip), output);

    // A path of one's own; the same site gives the same bytes.
    senda(
        tmp.path(),
        &["build", "--root", "portal", "--zip", "usb.zip"],
    )
    .assert_ok();
    assert_eq!(
        std::fs::read(tmp.path().join("usb.zip")).unwrap(),
        std::fs::read(&zip).unwrap()
    );

    senda(
        tmp.path(),
        &["build", "--root", "portal", "--zip", "portal/public/x.zip"],
    )
    .assert_failure(&format!(
        "error: the ZIP {} would be inside the output folder\n  = help: the output folder \
             is replaced on every build: write the ZIP outside it, e.g. `--zip portal.zip`, or \
             give `--zip` alone (beside the output folder)\n\n",
        "<tmp>/portal/public/x.zip"
    ));
}

#[test]
fn offline_writes_the_service_worker_and_its_script_only_when_asked() {
    let (tmp, root) = new_site();
    let build = || {
        senda(tmp.path(), &["build", "--root", "portal"])
            .assert_ok()
            .assert_stderr("");
    };
    build();
    let home = || std::fs::read_to_string(root.join("public/index.html")).expect("home page");
    assert!(!root.join("public/sw.js").exists());
    assert!(!root.join("public/offline.js").exists());
    assert!(!home().contains("offline"), "{}", home());

    let config = std::fs::read_to_string(root.join("site.toml")).expect("site.toml");
    std::fs::write(root.join("site.toml"), format!("{config}offline = true\n")).expect("write");
    build();
    let worker = std::fs::read_to_string(root.join("public/sw.js")).expect("sw.js");
    assert!(
        worker.contains(
            r#"const SETTINGS = {"precache":["./","offline.js","search-index.js","favicon.svg","#
        ),
        "{worker}"
    );
    assert!(worker.contains(r#""title":"Sin conexión""#), "{worker}");
    assert!(root.join("public/offline.js").is_file());
    let home = home();
    assert!(
        home.contains(r#"<script src="offline.js" defer></script>"#),
        "{home}"
    );
    assert!(
        home.contains(
            r#"<p class="offline-mark" data-offline-mark hidden>✓ Disponible sin conexión</p>"#
        ),
        "{home}"
    );
}
