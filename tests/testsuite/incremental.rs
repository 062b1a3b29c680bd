//! Rebuilds that reuse earlier work give exactly what a clean build gives.
//!
//! `senda serve` keeps a cache across rebuilds and tells it which files changed. Random
//! sequences of edits, additions, renames and deletions are applied to a real site on disk;
//! after each step the cached build's output must be byte-identical to a clean build's.

use std::collections::BTreeMap;
use std::path::PathBuf;

use senda::cache::Cache;
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

/// Every output file: rendered bytes, or the source a copy comes from and its bytes.
fn output_of(options: &BuildOptions, cache: &mut Cache) -> Option<BTreeMap<String, Vec<u8>>> {
    let (_, output) = compile(options, cache);
    let output = output?;
    let mut files: BTreeMap<String, Vec<u8>> = output
        .files
        .into_iter()
        .map(|f| (f.path, f.bytes.as_ref().clone()))
        .collect();
    for copy in output.copies {
        files.insert(copy.to, std::fs::read(&copy.from).unwrap_or_default());
    }
    Some(files)
}

/// One random change to the site; returns the paths it touched, as the watcher reports them.
fn mutate(site: &TestSite, rng: &mut Rng, step: usize) -> Vec<PathBuf> {
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
    match rng.below(7) {
        // Edit a page's body or its weight (which reorders the section).
        0 | 1 if !pages.is_empty() => {
            let page = &pages[rng.below(pages.len())];
            let text = std::fs::read_to_string(site.path(page)).expect("read page");
            let edited = match rng.below(3) {
                0 => format!("{text}\nLínea añadida en el paso {step}.\n"),
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
                return Vec::new();
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
        // Edit a static file.
        _ => {
            site.write(
                "static/style.css",
                format!("body {{ margin: {step}px; }}\n"),
            );
            vec![site.path("static/style.css")]
        }
    }
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

#[test]
fn incremental_rebuilds_equal_clean_builds() {
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
        assert!(
            output_of(&options, &mut cache).is_some(),
            "the fixture builds"
        );
        let mut rng = Rng(seed);
        for step in 0..25 {
            let changed = mutate(&site, &mut rng, step);
            cache.forget(&changed);
            let incremental = output_of(&options, &mut cache);
            let clean = output_of(&options, &mut Cache::default());
            assert_eq!(
                incremental.is_some(),
                clean.is_some(),
                "seed {seed}, step {step}: one build failed"
            );
            let (Some(incremental), Some(clean)) = (incremental, clean) else {
                continue;
            };
            let paths = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
            assert_eq!(
                paths(&incremental),
                paths(&clean),
                "seed {seed}, step {step}: different files"
            );
            for (path, bytes) in &clean {
                assert!(
                    incremental[path] == *bytes,
                    "seed {seed}, step {step}: {path} differs from a clean build"
                );
            }
        }
    }
}
