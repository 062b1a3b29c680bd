//! Builds across runs: `senda build` into the same folder carries unchanged plans over
//! from the last build (`write::incremental`). After every random step, its output must be
//! byte-identical to `senda build --clean` into another folder; a step that breaks a plan
//! must fail both alike and leave the output as it was; the files of the output edited or
//! deleted by hand must come back.

use std::path::{Path, PathBuf};

use super::Rng;
use crate::util::{Run, TestSite, snapshot};

const PLAN: &str = "content/planes/ie-prueba-2024.toml";

fn plans(site: &TestSite) -> Vec<String> {
    let mut plans: Vec<String> = std::fs::read_dir(site.path("content/planes"))
        .expect("list plans")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".toml").map(str::to_string))
        .collect();
    plans.sort();
    plans
}

fn clean_build(site: &TestSite, clean: &Path) -> Run {
    let clean = clean.to_string_lossy();
    site.senda(&["build", "--clean", "--output", &clean])
}

/// Applies one random step; returns the file to put back if it broke the site.
fn step(site: &TestSite, rng: &mut Rng, n: usize) -> Option<(PathBuf, Vec<u8>)> {
    let ids = plans(site);
    let id = ids[rng.below(ids.len())].clone();
    let plan = format!("content/planes/{id}.toml");
    let read = |rel: &str| std::fs::read_to_string(site.path(rel)).expect("read");
    match rng.below(10) {
        0 | 1 => {
            let text = read(&plan).replacen("titulo = \"", &format!("titulo = \"Paso {n}: "), 1);
            site.write(&plan, text);
        }
        2 if ids.len() < 4 => {
            let copy = format!("ie-copia{n}-2024");
            let text = read(PLAN).replace("ie-prueba-2024", &copy);
            site.write(&format!("content/planes/{copy}.toml"), text);
        }
        3 if id.contains("copia") => {
            site.remove(&plan);
        }
        3 | 4 => {
            let page = "content/estrategias/visita-en-aula.md";
            site.write(page, format!("{}\nLínea del paso {n}.\n", read(page)));
        }
        5 => {
            let template = "themes/plain/templates/plan.html";
            let text = read(template).replacen("</h1>", &format!("</h1><!-- {n} -->"), 1);
            site.write(template, text);
        }
        6 => {
            let original = std::fs::read(site.path(&plan)).expect("read plan");
            site.write(&plan, format!("{}\nroto = = {n}\n", read(&plan)));
            return Some((site.path(&plan), original));
        }
        7 => {
            // By hand, in the output: an edit, a deletion.
            let dir = site.path("public/planes").join(&id);
            let files = [
                "plan.json",
                "index.html",
                "calendario.ics",
                "imprimir/index.html",
            ];
            let file = dir.join(files[rng.below(files.len())]);
            if rng.below(2) == 0 {
                let _ = std::fs::remove_file(&file);
            } else if let Ok(text) = std::fs::read(&file) {
                let _ = std::fs::write(&file, [text.as_slice(), b"editado"].concat());
            }
        }
        8 => {
            // A draft: published by no build, yet read by every one.
            let text = read(&plan);
            let text = if text.contains("estado = \"borrador\"") {
                text.replacen("estado = \"borrador\"", "estado = \"aprobado\"", 1)
            } else {
                text.replacen("estado = \"aprobado\"", "estado = \"borrador\"", 1)
            };
            site.write(&plan, text);
        }
        _ => {}
    }
    None
}

#[track_caller]
fn assert_same(site: &TestSite, clean: &Path, at: &str) {
    site.build().assert_ok();
    clean_build(site, clean).assert_ok();
    let incremental = snapshot(&site.path("public"));
    let clean = snapshot(clean);
    let paths = |s: &[(PathBuf, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&incremental), paths(&clean), "{at}: different files");
    for ((path, a), (_, b)) in incremental.iter().zip(&clean) {
        assert!(
            a == b,
            "{at}: {} differs from a clean build",
            path.display()
        );
    }
}

#[test]
fn builds_across_runs_equal_clean_builds() {
    let mut breaks = 0;
    for seed in [3_u64, 11, 2026] {
        let site = TestSite::fixture("plans");
        let clean = site.root.parent().expect("parent").join("limpio");
        assert_same(&site, &clean, "first build");
        let mut rng = Rng(seed);
        for n in 0..20 {
            let at = format!("seed {seed}, step {n}");
            let Some((path, original)) = step(&site, &mut rng, n) else {
                assert_same(&site, &clean, &at);
                continue;
            };
            let before = snapshot(&site.path("public"));
            let (incremental, clean_run) = (site.build(), clean_build(&site, &clean));
            // A broken draft is a warning; any other broken plan, an error.
            assert_eq!(incremental.code, clean_run.code, "{at}: one build failed");
            assert_eq!(
                incremental.stderr, clean_run.stderr,
                "{at}: fails differently"
            );
            if incremental.code == 1 {
                breaks += 1;
                assert!(
                    snapshot(&site.path("public")) == before,
                    "{at}: output changed"
                );
            }
            std::fs::write(&path, original).expect("restore plan");
            assert_same(&site, &clean, &format!("{at}, undone"));
        }
    }
    assert!(breaks >= 3, "only {breaks} broken steps");
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).expect("stat").ino()
}

/// A build with nothing changed carries the plan's files (the same files, linked, not
/// made again); a manifest from another senda, or of another format, is not trusted; a
/// deleted or edited output file is made again; `--clean` makes everything again.
#[cfg(unix)]
/// The site key takes the folders a build reads (`site.toml`, `themes/`, `templates/`,
/// `static/`, the pages); a template with `load_data` may read any file of the site
/// folder, and then a change to that file makes the plans again.
#[test]
fn a_file_a_plan_template_loads_is_an_input_of_every_plan() {
    let site = TestSite::fixture("plans");
    let clean = site.root.parent().expect("parent").join("limpio");
    let template = "themes/plain/templates/plan.html";
    let text = std::fs::read_to_string(site.path(template)).expect("read template");
    let call = "{% set ugel = load_data(path='datos/ugel.toml') %}{{ ugel.nombre }}";
    site.write(
        template,
        text.replacen("</body>", &format!("{call}</body>"), 1),
    );
    site.write("datos/ugel.toml", "nombre = \"UGEL Uno\"\n");
    assert_same(&site, &clean, "first build");
    let page = site.path("public/planes/ie-prueba-2024/index.html");
    assert!(
        std::fs::read_to_string(&page)
            .expect("page")
            .contains("UGEL Uno")
    );

    site.write("datos/ugel.toml", "nombre = \"UGEL Dos\"\n");
    assert_same(&site, &clean, "the loaded file changed");
    assert!(
        std::fs::read_to_string(&page)
            .expect("page")
            .contains("UGEL Dos")
    );
}

#[test]
fn the_manifest_is_checked_before_anything_is_carried() {
    let site = TestSite::fixture("plans");
    site.build().assert_ok();
    let json = site.path("public/planes/ie-prueba-2024/plan.json");
    let first = inode(&json);
    site.build().assert_ok();
    assert_eq!(inode(&json), first, "an unchanged plan was made again");

    let manifest = site.path(".public.senda-manifest");
    let text = std::fs::read_to_string(&manifest).expect("manifest beside the output");
    assert!(!text.contains("Institución de Prueba") || text.contains("\"summary\""));
    let other = text.replacen("{\"format\":1,\"site\":", "{\"format\":1,\"site\":1", 1);
    assert_ne!(other, text);
    std::fs::write(&manifest, other).expect("write manifest");
    site.build().assert_ok();
    let second = inode(&json);
    assert_ne!(second, first, "a manifest of another site key was trusted");

    let ics = site.path("public/planes/ie-prueba-2024/calendario.ics");
    let calendar = std::fs::read(&ics).expect("read calendar");
    std::fs::remove_file(&ics).expect("delete");
    std::fs::write(&json, "{}").expect("edit by hand");
    site.build().assert_ok();
    assert_eq!(std::fs::read(&ics).expect("came back"), calendar);
    assert_ne!(std::fs::read_to_string(&json).expect("read"), "{}");

    let third = inode(&json);
    site.build().assert_ok();
    assert_eq!(inode(&json), third);
    site.senda(&["build", "--clean"]).assert_ok();
    assert_ne!(inode(&json), third, "--clean carried a plan over");
}
