//! Rebuilds that reuse earlier work give exactly what a clean build gives.
//!
//! `senda serve` keeps a cache across rebuilds and tells it which files changed. Random
//! sequences of edits, additions, renames and deletions are applied to a real site on disk;
//! after each step both builds must succeed, and the cached build's output must be
//! byte-identical to a clean build's. Some steps break the site on purpose: then both builds
//! must fail with the same diagnostics, and once the break is undone the cached build must
//! again equal a clean one (a failed build must not poison the cache).

use std::collections::BTreeMap;
use std::path::PathBuf;

use senda::cache::Cache;
use senda::diag::render;
use senda::{BuildOptions, compile};

use crate::util::TestSite;

/// A small deterministic generator, so a failure can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every output file: rendered bytes, or the source a copy comes from and its bytes; or,
/// when the build fails, its diagnostics as printed.
fn output_of(
    options: &BuildOptions,
    cache: &mut Cache,
) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let (report, output) = compile(options, cache);
    let Some(output) = output else {
        let diagnostics: Vec<String> = report.diagnostics.iter().map(render).collect();
        return Err(diagnostics.join("\n"));
    };
    let mut files: BTreeMap<String, Vec<u8>> = output
        .files
        .into_iter()
        .map(|f| (f.path, f.bytes.as_ref().clone()))
        .collect();
    for copy in output.copies {
        files.insert(copy.to, std::fs::read(&copy.from).unwrap_or_default());
    }
    Ok(files)
}

/// What a step did: the paths it touched, as the watcher reports them, and, for a step that
/// broke the site on purpose, the file to put back as it was.
struct Change {
    changed: Vec<PathBuf>,
    broke: Option<(PathBuf, Vec<u8>)>,
}

impl From<Vec<PathBuf>> for Change {
    fn from(changed: Vec<PathBuf>) -> Change {
        Change {
            changed,
            broke: None,
        }
    }
}

/// Breaks the site in one of the ways a user does while typing: a link to a missing page, a
/// front matter left open, a template tag left open.
fn break_site(site: &TestSite, rng: &mut Rng, step: usize) -> Change {
    let (file, broken): (&str, fn(&str, usize) -> String) = match rng.below(3) {
        0 => ("content/guias/que-es.md", |text, step| {
            format!("{text}\n[roto](@/guias/no-existe-{step}.md)\n")
        }),
        1 => ("content/guias/_index.md", |text, _| {
            text.replacen("+++", "", 2)
        }),
        _ => ("themes/plain/templates/page.html", |text, _| {
            text.replacen("{{", "{{ page.title ", 1)
                .replacen("}}", "", 1)
        }),
    };
    let path = site.path(file);
    let original = std::fs::read(&path).expect("read file");
    let text = String::from_utf8(original.clone()).expect("UTF-8");
    site.write(file, broken(&text, step));
    Change {
        changed: vec![path.clone()],
        broke: Some((path, original)),
    }
}

/// One random change to the site.
fn mutate(site: &TestSite, rng: &mut Rng, step: usize) -> Change {
    let pages: Vec<String> = [
        "guias/que-es.md",
        "guias/zeta.md",
        "guias/Acompañamiento_Entre_Pares.md",
        "guias/avanzado/mentoria.md",
        "guias/nueva-a.md",
        "guias/nueva-b.md",
        "guias/avanzado/nueva-c.md",
    ]
    .iter()
    .map(|p| format!("content/{p}"))
    .filter(|p| site.path(p).exists())
    .collect();
    let new_page = |rng: &mut Rng| {
        let target = [
            "guias/que-es.md#definicion",
            "guias/_index.md",
            "guias/visita/index.md",
        ][rng.below(3)];
        format!(
            "+++\ntitle = \"Página {step}\"\nweight = {}\n+++\n## Sección {step}\n\nTexto [enlace](@/{target}).\n",
            rng.below(40)
        )
    };
    let changed = match rng.below(8) {
        // Edit a page's body or its weight (which reorders the section).
        0 | 1 if !pages.is_empty() => {
            let page = &pages[rng.below(pages.len())];
            let text = std::fs::read_to_string(site.path(page)).expect("read page");
            let edited = match rng.below(4) {
                0 => format!("{text}\nLínea añadida en el paso {step}.\n"),
                // A new heading: the page's table of contents and anchors change.
                3 => format!("{text}\n## Apartado {step}\n\nTexto.\n"),
                // A new weight or title moves the page in its section: its neighbours'
                // previous/next links and the section listing change, no URL does.
                1 => set_front_matter(&text, "weight", &rng.below(50).to_string()),
                _ => set_front_matter(&text, "title", &format!("\"Título {step}\"")),
            };
            site.write(page, edited);
            vec![site.path(page)]
        }
        // Add a page.
        2 => {
            let page = [
                "content/guias/nueva-a.md",
                "content/guias/nueva-b.md",
                "content/guias/avanzado/nueva-c.md",
            ][rng.below(3)];
            site.write(page, new_page(rng));
            vec![site.path(page)]
        }
        // Rename a page (its URL, and links to it, change).
        3 if pages.len() > 1 => {
            let from = &pages[rng.below(pages.len())];
            if from.ends_with("que-es.md") {
                return Vec::new().into();
            }
            let to = format!("content/guias/renombrada-{step}.md");
            std::fs::rename(site.path(from), site.path(&to)).expect("rename page");
            vec![site.path(from), site.path(&to)]
        }
        // Delete a page nobody links to.
        4 => {
            let candidates: Vec<&String> = pages
                .iter()
                .filter(|p| p.contains("nueva") || p.contains("renombrada"))
                .collect();
            match candidates.first() {
                Some(page) => {
                    site.remove(page);
                    vec![site.path(page)]
                }
                None => Vec::new(),
            }
        }
        // Edit a template: every page depends on it.
        5 => {
            let template = "themes/plain/templates/page.html";
            let text = std::fs::read_to_string(site.path(template)).expect("read template");
            site.write(
                template,
                text.replace("</h1>", &format!("</h1><!-- {step} -->")),
            );
            vec![site.path(template)]
        }
        // Break the site, on purpose.
        6 => return break_site(site, rng, step),
        // Edit a static file.
        _ => {
            site.write(
                "static/style.css",
                format!("body {{ margin: {step}px; }}\n"),
            );
            vec![site.path("static/style.css")]
        }
    };
    changed.into()
}

/// Sets `key = value` in a page's front matter, replacing the key if it is there.
fn set_front_matter(text: &str, key: &str, value: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let end = lines
        .iter()
        .skip(1)
        .position(|l| l == "+++")
        .map_or(1, |i| i + 1);
    match lines[1..end]
        .iter()
        .position(|l| l.starts_with(&format!("{key} =")))
    {
        Some(i) => lines[i + 1] = format!("{key} = {value}"),
        None => lines.insert(1, format!("{key} = {value}")),
    }
    lines.join("\n") + "\n"
}

/// Both builds succeeded, with the same files and bytes.
#[track_caller]
fn assert_same_output(
    incremental: Result<BTreeMap<String, Vec<u8>>, String>,
    clean: Result<BTreeMap<String, Vec<u8>>, String>,
    at: &str,
) {
    let clean = clean.unwrap_or_else(|e| panic!("{at}: the clean build failed:\n{e}"));
    let incremental =
        incremental.unwrap_or_else(|e| panic!("{at}: the incremental build failed:\n{e}"));
    let paths = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(paths(&incremental), paths(&clean), "{at}: different files");
    for (path, bytes) in &clean {
        assert!(
            incremental[path] == *bytes,
            "{at}: {path} differs from a clean build"
        );
    }
}

#[test]
fn incremental_rebuilds_equal_clean_builds() {
    let mut breaks = 0;
    for seed in [1_u64, 7, 42, 2024] {
        let site = TestSite::fixture("basic");
        // With the search index, which is built from every page on every build.
        let config = std::fs::read_to_string(site.path("site.toml")).expect("read site.toml");
        site.write("site.toml", format!("build_search_index = true\n{config}"));
        let options = BuildOptions {
            root: site.root.clone(),
            ..BuildOptions::default()
        };
        let mut cache = Cache::default();
        if let Err(e) = output_of(&options, &mut cache) {
            panic!("the fixture does not build:\n{e}");
        }
        let mut rng = Rng(seed);
        for step in 0..25 {
            let at = format!("seed {seed}, step {step}");
            let change = mutate(&site, &mut rng, step);
            cache.forget(&change.changed);
            let incremental = output_of(&options, &mut cache);
            let clean = output_of(&options, &mut Cache::default());
            let Some((path, original)) = change.broke else {
                assert_same_output(incremental, clean, &at);
                continue;
            };
            breaks += 1;
            match (incremental, clean) {
                (Err(incremental), Err(clean)) => assert_eq!(
                    incremental, clean,
                    "{at}: the broken site fails differently when cached"
                ),
                (incremental, clean) => panic!(
                    "{at}: the site was broken on purpose, yet the incremental build {} \
                     and the clean build {}",
                    if incremental.is_ok() {
                        "succeeded"
                    } else {
                        "failed"
                    },
                    if clean.is_ok() { "succeeded" } else { "failed" },
                ),
            }
            // Undone, the site builds again, and the cache holds nothing of the failure.
            std::fs::write(&path, original).expect("restore file");
            cache.forget(&[path]);
            let incremental = output_of(&options, &mut cache);
            let clean = output_of(&options, &mut Cache::default());
            assert_same_output(incremental, clean, &format!("{at}, undone"));
        }
    }
    // The seeds reach the broken steps (the generator is deterministic).
    assert!(breaks >= 4, "only {breaks} broken steps");
}

/// A page reused from the cache brings back the links its template wrote without being
/// read again: they are still checked against this build's files. A static file every
/// page links to is deleted (no page's inputs change, so all are reused), then restored.
#[test]
fn reused_pages_have_their_links_checked_again() {
    let site = TestSite::fixture("basic");
    let template = "themes/plain/templates/page.html";
    let text = std::fs::read_to_string(site.path(template)).expect("read template");
    site.write(
        template,
        text.replace(
            "</h1>",
            "</h1><a href=\"{{ get_url(path='nota.txt') }}\">nota</a>",
        ),
    );
    site.write("static/nota.txt", "nota\n");
    let options = BuildOptions {
        root: site.root.clone(),
        ..BuildOptions::default()
    };
    let mut cache = Cache::default();
    let first = output_of(&options, &mut cache);
    assert_same_output(first, output_of(&options, &mut Cache::default()), "first");

    site.remove("static/nota.txt");
    cache.forget(&[site.path("static/nota.txt")]);
    let incremental = output_of(&options, &mut cache);
    let clean = output_of(&options, &mut Cache::default());
    let clean = clean.expect_err("a link to a deleted file fails a clean build");
    assert!(clean.contains("nota.txt"), "{clean}");
    assert_eq!(
        incremental,
        Err(clean),
        "the cached build checks reused pages' links"
    );

    // A page edited while the file is back: reused and fresh pages side by side.
    site.write("static/nota.txt", "nota\n");
    let page = "content/guias/zeta.md";
    let text = std::fs::read_to_string(site.path(page)).expect("read page");
    site.write(page, format!("{text}\nOtra línea.\n"));
    cache.forget(&[site.path("static/nota.txt"), site.path(page)]);
    let incremental = output_of(&options, &mut cache);
    let clean = output_of(&options, &mut Cache::default());
    assert_same_output(incremental, clean, "restored");
}

/// Builds across runs: `senda build` into the same folder carries unchanged plans over
/// from the last build (`write::incremental`). After every random step, its output must be
/// byte-identical to `senda build --clean` into another folder; a step that breaks a plan
/// must fail both alike and leave the output as it was; the files of the output edited or
/// deleted by hand must come back.
mod across_runs {
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
                let text =
                    read(&plan).replacen("titulo = \"", &format!("titulo = \"Paso {n}: "), 1);
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
}
