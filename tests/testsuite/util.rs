//! A fixture site in a temporary folder, and the `senda` binary run against it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the `privacy` fixture keeps private: everything written in its private file, and the
/// masked teachers' real names. No public output may hold any of it.
pub const PRIVATE_VALUES: [&str; 11] = [
    "Retroalimenta con preguntas abiertas muy oportunas",
    "Escasa gestion del tiempo",
    "metacognicion explicita",
    "evaluacion formativa en aula multigrado",
    "Incorpora rubricas propias",
    "Zacarías",
    "Quelopana",
    "Urquizo",
    "Filomena",
    "Xochitl",
    "Barrientos",
];

pub struct TestSite {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

/// What one run of `senda` did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// The test's temporary folder (the site is its `site/`), written `<tmp>` by
    /// `assert_stderr`.
    pub tmp: PathBuf,
}

impl Run {
    #[track_caller]
    pub fn assert_ok(&self) -> &Run {
        assert_eq!(self.code, 0, "senda failed:\n{}", self.stderr);
        self
    }

    /// Asserts the run failed with exit code 1 and printed exactly `expected` on stderr.
    #[track_caller]
    pub fn assert_failure(&self, expected: &str) -> &Run {
        assert_eq!(
            self.code, 1,
            "expected exit code 1; stderr:\n{}",
            self.stderr
        );
        self.assert_stderr(expected)
    }

    /// Asserts the whole stderr is `expected`, with the test's temporary folder written
    /// `<tmp>` (so the site is `<tmp>/site`): every diagnostic, its order, the closing count,
    /// and nothing else.
    #[track_caller]
    pub fn assert_stderr(&self, expected: &str) -> &Run {
        let mut stderr = self.stderr.clone();
        let canonical = self.tmp.canonicalize().unwrap_or_else(|_| self.tmp.clone());
        for tmp in [canonical, self.tmp.clone()] {
            stderr = stderr.replace(&*tmp.to_string_lossy(), "<tmp>");
        }
        if stderr != expected {
            panic!(
                "stderr differs\n--- expected:\n{expected}\n--- but stderr was:\n{stderr}\n--- \
                 (first difference at byte {})",
                stderr
                    .bytes()
                    .zip(expected.bytes())
                    .take_while(|(a, b)| a == b)
                    .count()
            );
        }
        self
    }
}

impl TestSite {
    /// Copies `tests/fixtures/<name>` into a fresh temporary folder.
    pub fn fixture(name: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&from, &root);
        TestSite { _dir: dir, root }
    }

    /// Copies the repository's own `themes/senda` into the site, so a test sees pages as
    /// the bundled theme renders them.
    pub fn with_bundled_theme(self) -> TestSite {
        let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/senda");
        copy_dir(&theme, &self.root.join("themes/senda"));
        self
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &TestSite {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        fs::write(path, contents).expect("write file");
        self
    }

    pub fn remove(&self, rel: &str) -> &TestSite {
        fs::remove_file(self.path(rel)).expect("remove file");
        self
    }

    /// Runs `senda <args> --root <site>` from the site's parent folder.
    pub fn senda(&self, args: &[&str]) -> Run {
        self.senda_env(args, &[])
    }

    /// Like `senda`, with extra environment variables, e.g. a `HOME` of the test's own.
    pub fn senda_env(&self, args: &[&str], env: &[(&str, &Path)]) -> Run {
        self.run(Lang::En, args, env)
    }

    /// Runs `senda <args> --root <site>` in `lang`: `senda` pins English, as the tests that
    /// pin whole outputs were written in it; `messages.rs` pins the Spanish default.
    pub fn senda_in(&self, lang: Lang, args: &[&str]) -> Run {
        self.run(lang, args, &[])
    }

    fn run(&self, lang: Lang, args: &[&str], env: &[(&str, &Path)]) -> Run {
        let output = senda_command(lang)
            .args(args)
            .envs(env.iter().copied())
            .arg("--root")
            .arg(&self.root)
            .current_dir(self.root.parent().expect("parent"))
            .output()
            .expect("run senda");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            tmp: self.root.parent().expect("parent").to_path_buf(),
        }
    }

    pub fn build(&self) -> Run {
        self.senda(&["build"])
    }

    /// A built file, from the default output folder `public/`.
    #[track_caller]
    pub fn output(&self, rel: &str) -> String {
        let path = self.path("public").join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    pub fn output_exists(&self, rel: &str) -> bool {
        self.path("public").join(rel).exists()
    }
}

/// The language a run of senda is asked for through its locale.
#[derive(Clone, Copy)]
pub enum Lang {
    /// No locale at all: the default, Spanish.
    Default,
    /// `LANG=en_US.UTF-8`.
    En,
}

/// The bundled portal (the repository root) built into a temporary folder, which is
/// returned: the portal's own output folder is never touched.
pub fn build_bundled_portal() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temporary folder");
    let run = Command::new(env!("CARGO_BIN_EXE_senda"))
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(out.path())
        .output()
        .expect("run senda");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

/// The senda binary with its locale set to `lang`, whatever the locale of the tests is.
pub fn senda_command(lang: Lang) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_senda"));
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    if let Lang::En = lang {
        command.env("LANG", "en_US.UTF-8");
    }
    command
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy fixture file");
        }
    }
}

/// Every file under `dir` with its bytes, for comparing two output folders exactly.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    files
}

fn collect(base: &Path, dir: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in fs::read_dir(dir).expect("read output") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(base, &path, files);
        } else {
            let rel = path.strip_prefix(base).expect("inside").to_path_buf();
            files.push((rel, fs::read(&path).expect("read")));
        }
    }
}

/// What the link checker saw: how many HTML pages, how many internal URLs it resolved on
/// disk, and one line per problem.
#[derive(Debug)]
pub struct Links {
    pub pages: usize,
    pub checked: usize,
    /// The pages without a single internal URL.
    pub unlinked: Vec<String>,
    pub problems: Vec<String>,
}

/// The file-based link checker: every internal `href` and `src` of every HTML page under
/// `dir` must name a file that exists there, resolved as a browser opening the folder from
/// disk would (relative to the page's file; `dir/` means `dir/index.html`). `404.html` is
/// served at any depth, so its URLs are root-relative: they are resolved from `base_path`.
/// Reports each broken URL, and each internal URL that is not relative (the canonical link
/// excepted); counts the URLs it checked, so a test can tell it saw the links at all.
pub fn broken_links(dir: &Path, base_url: &str, base_path: &str) -> Links {
    let mut links = Links {
        pages: 0,
        checked: 0,
        unlinked: Vec::new(),
        problems: Vec::new(),
    };
    let problems = &mut links.problems;
    for (page, bytes) in snapshot(dir) {
        if page.extension().is_none_or(|e| e != "html") {
            continue;
        }
        links.pages += 1;
        let before = links.checked;
        let html = String::from_utf8_lossy(&bytes);
        let page_name = page.to_string_lossy().replace('\\', "/");
        let is_404 = page_name == "404.html";
        for (tag, url) in attribute_urls(&html) {
            let external = url.is_empty()
                || url.starts_with('#')
                || url.starts_with("//")
                || url.split_once(':').is_some_and(|(scheme, _)| {
                    !scheme.is_empty()
                        && scheme
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
                });
            if url.starts_with(base_url) && tag.contains("rel=\"canonical\"") {
                continue;
            }
            if url.starts_with(base_url) {
                problems.push(format!("{page_name}: absolute internal URL `{url}`"));
                continue;
            }
            if external {
                continue;
            }
            links.checked += 1;
            let path = url.split(['?', '#']).next().unwrap_or("");
            let target = if path.starts_with('/') {
                if !is_404 {
                    problems.push(format!("{page_name}: root-relative URL `{url}`"));
                    continue;
                }
                match path.strip_prefix(base_path) {
                    Some(rest) => dir.join(percent_decode(rest)),
                    None => {
                        problems.push(format!("{page_name}: `{url}` is outside {base_path}"));
                        continue;
                    }
                }
            } else {
                if is_404 {
                    problems.push(format!("{page_name}: relative URL `{url}` in the 404 page"));
                    continue;
                }
                let folder = page.parent().map(Path::to_path_buf).unwrap_or_default();
                normalise(&folder.join(percent_decode(path)))
                    .map(|p| dir.join(p))
                    .unwrap_or_else(|| dir.join("..").join("outside-the-site"))
            };
            let file = if path.is_empty() || path.ends_with('/') {
                target.join("index.html")
            } else {
                target
            };
            if !file.is_file() {
                problems.push(format!(
                    "{page_name}: `{url}` -> missing {}",
                    file.display()
                ));
            }
        }
        if links.checked == before {
            links.unlinked.push(page_name);
        }
    }
    links
}

/// Every `href="…"` and `src="…"` value of `html`, with the text of its tag.
fn attribute_urls(html: &str) -> Vec<(&str, String)> {
    let mut urls = Vec::new();
    for attribute in [" href=\"", " src=\"", "\nhref=\"", "\nsrc=\""] {
        let mut from = 0;
        while let Some(found) = html[from..].find(attribute) {
            let start = from + found + attribute.len();
            let Some(length) = html[start..].find('"') else {
                break;
            };
            let tag_start = html[..start].rfind('<').unwrap_or(0);
            let tag_end = html[start..].find('>').map_or(html.len(), |i| start + i);
            urls.push((
                &html[tag_start..tag_end],
                html[start..start + length].replace("&amp;", "&"),
            ));
            from = start + length;
        }
    }
    urls
}

/// `a/b/../c` -> `a/c`; `None` when the path climbs above the output folder.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in path.components() {
        match component {
            std::path::Component::Normal(part) => parts.push(part),
            std::path::Component::ParentDir => {
                parts.pop()?;
            }
            _ => {}
        }
    }
    Some(parts.iter().collect())
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Runs `script` (Python, with Python's `icalendar`, a real RFC 5545 parser, imported as it
/// pleases) on the calendar at `path`, asserting the parser accepted it; its printed lines.
pub fn python_calendar(script: &str, path: &Path) -> Vec<String> {
    let output = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
        .expect("python3 runs (scripts/test.sh installs the icalendar package)");
    assert!(
        output.status.success(),
        "icalendar rejected the file: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("the calendar parser prints UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}
