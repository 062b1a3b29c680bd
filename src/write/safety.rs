//! Where a build may write: refusals of output folders whose replacement would destroy
//! what is not senda's or publish what is private, on paths resolved through symbolic links.

use std::ffi::OsString;
use std::fs;
use std::path::{Component, Path, PathBuf};

use super::lock::BuildLock;
use super::staging::restore_interrupted;
use super::{Kind, MARKER, PRIVATE_MARKER};
use crate::diag::{Diagnostic, display_path};
use crate::load::config::{Config, Overrides};
use crate::messages::Site as Text;
use crate::tr;

/// An output folder a build may replace, held for it alone until dropped.
#[derive(Debug)]
pub struct Claim {
    output: PathBuf,
    parent: PathBuf,
    name: String,
    kind: Kind,
    /// The old folder put back in place of a missing output, if any.
    restored: Option<String>,
    _lock: BuildLock,
}

impl Claim {
    /// The output folder, resolved.
    pub fn output(&self) -> &Path {
        &self.output
    }

    pub(super) fn parent(&self) -> &Path {
        &self.parent
    }

    pub(super) fn name(&self) -> &str {
        &self.name
    }

    pub(super) fn kind(&self) -> Kind {
        self.kind
    }

    /// A claim on `output` with none of the checks, for tests of what comes after them.
    #[cfg(test)]
    pub(super) fn unchecked(output: &Path, kind: Kind) -> Claim {
        let (parent, name) = (output.parent().expect("parent"), output.file_name());
        let name = name.expect("name").to_string_lossy().into_owned();
        let lock = BuildLock::acquire(BuildLock::path(parent, &name));
        Claim {
            output: output.to_path_buf(),
            parent: parent.to_path_buf(),
            name,
            kind,
            restored: None,
            _lock: lock.expect("lock").expect("free"),
        }
    }

    /// What the claim repaired, for the user to know a build was interrupted.
    pub fn notice(&self) -> Option<Diagnostic> {
        let old = self.restored.as_ref()?;
        Some(Diagnostic::warning(tr!(
            Text::OutputRestored,
            display_path(&self.output),
            old
        )))
    }
}

/// Claims `config.output_dir` for a build of `kind`: every refusal first, then the build
/// lock, then the repair of an interrupted swap, then the checks of what the folder holds.
/// Nothing of the site is read before this, and nothing outside the output's parent.
pub fn claim(
    config: &Config,
    overrides: &Overrides,
    kind: Kind,
    force: bool,
) -> Result<Claim, Diagnostic> {
    check_location(&config.root, &config.output_dir)?;
    if kind == Kind::Private {
        check_private_location(config, overrides)?;
    }
    let output = resolve(&config.output_dir);
    let shown = display_path(&output);
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
        return Err(refusal(&shown, &tr!(Text::WhyRoot)));
    };
    let (parent, name) = (parent.to_path_buf(), name.to_string_lossy().into_owned());
    let cannot = |e: std::io::Error| {
        Diagnostic::error(tr!(Text::CannotWrite, shown, e)).help(tr!(Text::CannotWriteHelp))
    };
    fs::create_dir_all(&parent).map_err(cannot)?;
    let Some(lock) = BuildLock::acquire(BuildLock::path(&parent, &name)).map_err(cannot)? else {
        return Err(Diagnostic::error(tr!(Text::Locked, shown)).help(tr!(Text::LockedHelp)));
    };
    let restored = restore_interrupted(&parent, &name, &output).map_err(cannot)?;
    check_contents(&output, kind, force)?;
    Ok(Claim {
        output,
        parent,
        name,
        kind,
        restored,
        _lock: lock,
    })
}

fn refusal(shown: &str, why: &str) -> Diagnostic {
    Diagnostic::error(tr!(Text::Refused, shown, why)).help(tr!(Text::RefusedHelp))
}

/// Refuses output folders that can never be one, from their path alone: checked before
/// anything is read, and before `senda check` and `serve` search the output for private
/// files (so they never walk `/`, a home folder or another project).
pub fn check_location(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = resolve(root);
    let output = resolve(output);
    let shown = display_path(&output);
    let refuse = |why: &str| Err(refusal(&shown, why));
    if output.parent().is_none() {
        return refuse(&tr!(Text::WhyRoot));
    }
    if home_dir().is_some_and(|home| resolve(&home) == output) {
        return refuse(&tr!(Text::WhyHome));
    }
    if root.starts_with(&output) {
        return refuse(&tr!(Text::WhySite));
    }
    for source in ["content", "themes", "templates", "static"] {
        if output.starts_with(root.join(source)) {
            return refuse(&tr!(Text::WhyInsideSource, source));
        }
    }
    for marker in ["content", "themes", "site.toml"] {
        if output.join(marker).exists() {
            return refuse(&tr!(Text::WhyLooksLikeSite, marker));
        }
    }
    if output.exists() && !output.is_dir() {
        return refuse(&tr!(Text::WhyFile));
    }
    Ok(())
}

/// `--private` output holds teachers' personal data: it must be named explicitly and lie
/// outside the site and outside any public site, so it is never committed, published or
/// swept into the public output.
fn check_private_location(config: &Config, overrides: &Overrides) -> Result<(), Diagnostic> {
    let help = tr!(Text::PrivateHelp);
    if overrides.output_dir.is_none() {
        return Err(Diagnostic::error(tr!(Text::PrivateNeedsOutput)).help(help));
    }
    let output = resolve(&config.output_dir);
    let public = resolve(&config.public_output_dir);
    let refuse = |why: String| {
        Err(Diagnostic::error(tr!(Text::PrivateRefused, display_path(&output), why)).help(&help))
    };
    if output.starts_with(resolve(&config.root)) {
        return refuse(tr!(Text::WhyInsideSite));
    }
    if output == public {
        return refuse(tr!(Text::WhyPublicOutput));
    }
    if output.starts_with(&public) {
        return refuse(tr!(Text::WhyInsidePublic, display_path(&public)));
    }
    if public.starts_with(&output) {
        return refuse(tr!(Text::WhyContainsPublic, display_path(&public)));
    }
    if let Some(site) = output
        .ancestors()
        .skip(1)
        .find(|a| a.join(MARKER).is_file())
    {
        return refuse(tr!(Text::WhyInsideSenda, display_path(site)));
    }
    Ok(())
}

/// What the folder holds decides whether this build may replace it: its own kind of marker,
/// nothing at all, or `--force`. Private planners never replace a public site, even forced.
fn check_contents(output: &Path, kind: Kind, force: bool) -> Result<(), Diagnostic> {
    let shown = display_path(output);
    let public = output.join(MARKER).is_file();
    let private = output.join(PRIVATE_MARKER).is_file();
    if kind == Kind::Private && public {
        return Err(
            Diagnostic::error(tr!(Text::PrivateOverPublic, shown, MARKER))
                .help(tr!(Text::PrivateOverPublicHelp)),
        );
    }
    if kind == Kind::Public && private && !force {
        return Err(Diagnostic::error(tr!(Text::PublicOverPrivate, shown))
            .help(tr!(Text::PublicOverPrivateHelp)));
    }
    let is_ours = output.join(kind.marker()).is_file();
    let is_empty = crate::fs::is_empty(output).unwrap_or(true);
    if !is_ours && !is_empty && !force {
        return Err(Diagnostic::error(tr!(Text::NotOurs, shown)).help(tr!(Text::NotOursHelp)));
    }
    Ok(())
}

/// The absolute path `path` names, through every symbolic link, whether or not it exists:
/// each existing part is resolved as the system would (a link's target, `..` from where the
/// link led), and the rest, which does not exist yet, is appended. So a new folder under a
/// link into the site is seen to be in the site.
pub fn resolve(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Components still to walk, last first; a link's target is pushed back onto it.
    let mut todo: Vec<OsString> = Vec::new();
    push_components(&mut todo, &joined);
    let mut real = PathBuf::new();
    let mut missing: Vec<OsString> = Vec::new();
    let mut links = 0;
    while let Some(part) = todo.pop() {
        let as_path = Path::new(&part);
        match as_path.components().next() {
            Some(Component::Prefix(_) | Component::RootDir) => {
                real.push(as_path);
                missing.clear();
            }
            Some(Component::ParentDir) => {
                if missing.pop().is_none() {
                    real.pop();
                }
            }
            Some(Component::Normal(_)) if missing.is_empty() => {
                let next = real.join(&part);
                match fs::symlink_metadata(&next) {
                    // Past 40 links it is a loop, which no folder can be created under.
                    Ok(meta) if meta.file_type().is_symlink() && links < 40 => {
                        links += 1;
                        match fs::read_link(&next) {
                            Ok(target) => push_components(&mut todo, &target),
                            Err(_) => missing.push(part),
                        }
                    }
                    Ok(_) => real = next,
                    Err(_) => missing.push(part),
                }
            }
            Some(Component::Normal(_)) => missing.push(part),
            Some(Component::CurDir) | None => {}
        }
    }
    // The existing part in the system's own spelling (case, Windows' verbatim prefix), so
    // two paths to one folder compare equal.
    let mut resolved = fs::canonicalize(&real).unwrap_or(real);
    resolved.extend(missing);
    resolved
}

/// Pushes `path`'s components onto `todo` so that they pop in order.
fn push_components(todo: &mut Vec<OsString>, path: &Path) {
    let parts: Vec<OsString> = path
        .components()
        .map(|c| c.as_os_str().to_os_string())
        .collect();
    todo.extend(parts.into_iter().rev());
}

pub fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|home| !home.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_takes_parent_components_lexically_where_nothing_exists() {
        assert_eq!(
            resolve(Path::new("/no-such-folder-senda/b/../c/./d")),
            PathBuf::from("/no-such-folder-senda/c/d")
        );
    }

    #[cfg(unix)]
    #[test]
    fn resolve_follows_links_to_folders_that_exist_or_not() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir_all(base.join("site/content")).unwrap();
        symlink(base.join("site/content"), base.join("into")).unwrap();
        symlink("site/nuevo", base.join("dangling")).unwrap();
        symlink("../..", base.join("site/content/up")).unwrap();
        let cases = [
            ("into/x/y", "site/content/x/y"),
            ("dangling/x", "site/nuevo/x"),
            // `..` after a link climbs from where the link led, as the system does.
            ("into/../z", "site/z"),
            ("site/content/up/site", "site"),
        ];
        for (path, expected) in cases {
            assert_eq!(resolve(&base.join(path)), base.join(expected), "{path}");
        }
    }
}
