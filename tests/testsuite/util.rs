//! A fixture site in a temporary folder, and the `senda` binary run against it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

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
}

impl Run {
    #[track_caller]
    pub fn assert_ok(&self) -> &Run {
        assert_eq!(self.code, 0, "senda failed:\n{}", self.stderr);
        self
    }

    /// Asserts the run failed with exit code 1 and printed `expected` (a whole block of
    /// lines, so the test pins the message, its location and its help).
    #[track_caller]
    pub fn assert_error(&self, expected: &str) -> &Run {
        assert_eq!(
            self.code, 1,
            "expected exit code 1; stderr:\n{}",
            self.stderr
        );
        assert!(
            self.stderr.contains(expected),
            "expected in stderr:\n{expected}\n--- but stderr was:\n{}",
            self.stderr
        );
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
        let output = Command::new(env!("CARGO_BIN_EXE_senda"))
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .current_dir(self.root.parent().expect("parent"))
            .output()
            .expect("run senda");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
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
