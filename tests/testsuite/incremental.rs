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
/// front matter left open, a template tag left open, a template's link to a missing page
/// (reported with the first page that has it and how many more).
fn break_site(site: &TestSite, rng: &mut Rng, step: usize) -> Change {
    let (file, broken): (&str, fn(&str, usize) -> String) = match rng.below(4) {
        0 => ("content/guias/que-es.md", |text, step| {
            format!("{text}\n[roto](@/guias/no-existe-{step}.md)\n")
        }),
        1 => ("content/guias/_index.md", |text, _| {
            text.replacen("+++", "", 2)
        }),
        2 => ("themes/plain/templates/page.html", |text, _| {
            text.replacen("{{", "{{ page.title ", 1)
                .replacen("}}", "", 1)
        }),
        _ => ("themes/plain/templates/page.html", |text, step| {
            text.replacen(
                "</h1>",
                &format!("</h1><a href=\"/no-existe-{step}/\">x</a>"),
                1,
            )
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
            // Still broken, another change: what is reported (a template's link: its first
            // page, how many more) follows the pages that came, changed or left.
            let more = mutate(&site, &mut rng, step + 100);
            cache.forget(&more.changed);
            let incremental = output_of(&options, &mut cache);
            let clean = output_of(&options, &mut Cache::default());
            match (incremental, clean) {
                (Err(incremental), Err(clean)) => {
                    assert_eq!(incremental, clean, "{at}: broken, then changed")
                }
                (incremental, clean) => {
                    assert_same_output(incremental, clean, &format!("{at}, broken, then changed"))
                }
            }
            if let Some((path, original)) = more.broke {
                std::fs::write(&path, original).expect("restore file");
                cache.forget(&[path]);
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

/// The options of `site` and a cache its first build filled, that build checked against a
/// clean one.
fn first_build(site: &TestSite) -> (BuildOptions, Cache) {
    let options = BuildOptions {
        root: site.root.clone(),
        ..BuildOptions::default()
    };
    let mut cache = Cache::default();
    let first = output_of(&options, &mut cache);
    assert_same_output(first, output_of(&options, &mut Cache::default()), "first");
    (options, cache)
}

/// After a change the site fails to build, and the cached build fails with exactly the
/// clean build's diagnostics, which are returned.
#[track_caller]
fn assert_fails_as_clean(options: &BuildOptions, cache: &mut Cache, what: &str) -> String {
    let incremental = output_of(options, cache);
    let clean = output_of(options, &mut Cache::default())
        .expect_err(&format!("{what}: a clean build fails"));
    assert_eq!(
        incremental,
        Err(clean.clone()),
        "{what}: the cached build fails as a clean one"
    );
    clean
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
    let (options, mut cache) = first_build(&site);

    site.remove("static/nota.txt");
    cache.forget(&[site.path("static/nota.txt")]);
    let clean = assert_fails_as_clean(
        &options,
        &mut cache,
        "reused pages' links to a deleted file",
    );
    assert!(clean.contains("nota.txt"), "{clean}");

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

/// A page whose own text did not change has its links checked again when a page it links
/// to loses the heading it links to: a save that keeps the front matter keeps the tree, not
/// the findings of the pages that link in.
#[test]
fn a_heading_removed_breaks_the_links_into_it() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/guias/enlaza.md",
        "+++\ntitle = \"Enlaza\"\n+++\nVer [el ciclo](@/guias/que-es.md#el-ciclo-de-acompanamiento).\n",
    );
    let (options, mut cache) = first_build(&site);

    let target = "content/guias/que-es.md";
    let original = std::fs::read_to_string(site.path(target)).expect("read page");
    site.write(
        target,
        original.replace("## El ciclo de acompañamiento", "## Otro título"),
    );
    cache.forget(&[site.path(target)]);
    let clean = assert_fails_as_clean(&options, &mut cache, "a link to a removed heading");
    assert!(clean.contains("el-ciclo-de-acompanamiento"), "{clean}");

    site.write(target, original);
    cache.forget(&[site.path(target)]);
    let incremental = output_of(&options, &mut cache);
    assert_same_output(
        incremental,
        output_of(&options, &mut Cache::default()),
        "restored",
    );
}

/// A template's broken link is reported with the first page that has it and how many more;
/// when that page is renamed away under `serve`, the report names the next one, as a clean
/// build does.
#[test]
fn a_template_link_is_reported_at_its_first_page_after_that_page_leaves() {
    let site = TestSite::fixture("basic");
    let template = "themes/plain/templates/page.html";
    let text = std::fs::read_to_string(site.path(template)).expect("read template");
    let (options, mut cache) = first_build(&site);
    site.write(
        template,
        text.replacen("</h1>", "</h1><a href=\"/no-existe/\">x</a>", 1),
    );
    cache.forget(&[site.path(template)]);
    let before = assert_fails_as_clean(&options, &mut cache, "a broken template link");
    let first = "content/guias/Acompañamiento_Entre_Pares.md";
    assert!(before.contains(first), "{before}");

    let renamed = "content/guias/zz-renombrada.md";
    std::fs::rename(site.path(first), site.path(renamed)).expect("rename page");
    cache.forget(&[site.path(first), site.path(renamed)]);
    let after = assert_fails_as_clean(&options, &mut cache, "the first page renamed away");
    assert!(!after.contains(first), "{after}");
}

/// Builds across runs (`senda build` into the folder it built before).
mod across_runs;
