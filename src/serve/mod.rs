//! `senda serve`: build into memory, serve it, rebuild on every save, reload every page.
//!
//! 1. Bind the port first, so a busy port is reported before any work.
//! 2. Build with `base_url` pointed at the preview address, and hold the output in memory.
//! 3. Serve it (`connections` accepts within bounds, `request` reads a head within limits,
//!    `http` answers), and push events to open pages over Server-Sent Events.
//! 4. For each burst of saves (`watch`), rebuild; a good build replaces the served files,
//!    a broken one keeps them and shows its errors in the terminal and on every page.

mod connections;
mod editor;
mod http;
mod request;
mod watch;

use std::net::{IpAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::cache::{Cache, FastMap};
use crate::diag::{self, Diagnostic};
use crate::load::config::Overrides;
use crate::messages::Site;
use crate::tr;
use crate::{BuildOptions, Output};
use http::{Event, Hub, Served, State};

pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub include_drafts: bool,
}

/// What the preview tells the person running it, as it happens. The library never prints:
/// `main.rs` prints each notice.
#[derive(Debug)]
pub enum Notice<'a> {
    /// The preview listens on an address other machines can reach; `drafts`: with the
    /// drafts (`--drafts`), which then show to the network too.
    Exposed { bind: IpAddr, drafts: bool },
    /// The first build is done and served.
    Serving { title: &'a str, address: &'a str },
    /// The plan editor's address (served on loopback only).
    Editor { address: &'a str },
    /// A build ended: how long each stage took, and its diagnostics rendered as text (the
    /// text the error overlay shows), empty if there were none.
    Compiled {
        timings: &'a [(&'static str, Duration)],
        diagnostics: &'a str,
    },
    /// The build failed; the last good version is still served.
    Failed,
    /// A build replaced the served files; `first` for the first build, then rebuilds.
    Replaced {
        first: bool,
        took: Duration,
        changed: usize,
    },
    /// Trouble accepting connections, at most one of each kind every few seconds.
    Warning(&'a str),
}

/// Where notices go; called from the accept thread too.
pub type Notify = Arc<dyn Fn(Notice<'_>) + Send + Sync>;

/// Runs until the process is stopped. Returns only when the preview cannot start.
pub fn serve(mut options: ServeOptions, notify: Notify) -> Result<(), Diagnostic> {
    // notify reports absolute paths: a relative root (`--root .`) would match none of them.
    options.root = std::fs::canonicalize(&options.root).map_err(|e| {
        Diagnostic::error(tr!(Site::ServeNoRoot, options.root.display(), e))
            .help(tr!(Site::ServeNoRootHelp))
    })?;
    let listener = TcpListener::bind((options.bind, options.port)).map_err(|e| {
        Diagnostic::error(tr!(Site::ServeNoListen, options.bind, options.port, e))
            .help(tr!(Site::ServeNoListenHelp))
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| Diagnostic::error(e.to_string()))?
        .port();
    let host = match options.bind {
        ip if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let address = format!("http://{host}:{port}/");
    if !options.bind.is_loopback() {
        notify(Notice::Exposed {
            bind: options.bind,
            drafts: options.include_drafts,
        });
    }
    let build_options = BuildOptions {
        root: options.root.clone(),
        overrides: Overrides {
            base_url: Some(address.clone()),
            output_dir: None,
        },
        include_drafts: options.include_drafts,
        ..BuildOptions::default()
    };

    // The editor writes plans: never offered to the network (`Exposed` says so).
    let editor = match options.bind.is_loopback() {
        true => editor::Editor::new(&options.root, &host, port)
            // Without a token there is no safe editor; the preview itself still works.
            .map_err(|e| notify(Notice::Warning(&e.message)))
            .ok(),
        false => None,
    };
    let editor_address = editor
        .as_ref()
        .map(|_| format!("{address}{}", editor::PATH));
    let state = Arc::new(RwLock::new(State::default()));
    let hub = Arc::new(Hub::default());
    let mut cache = Cache::default();
    rebuild(&build_options, &mut cache, &state, &hub, &notify, true);
    let mut watcher = watch::Watcher::start(&options.root)
        .map_err(|e| Diagnostic::error(tr!(Site::ServeNoWatch, e)))?;
    {
        let (state, hub, notify) = (Arc::clone(&state), Arc::clone(&hub), Arc::clone(&notify));
        std::thread::Builder::new()
            .name("senda-accept".into())
            .spawn(move || connections::run(listener, state, hub, editor, notify))
            .map_err(|e| Diagnostic::error(tr!(Site::ServeNoThread, e)))?;
    }
    let title = crate::load::config::Config::load(&options.root, &build_options.overrides)
        .map(|c| c.title)
        .unwrap_or_default();
    notify(Notice::Serving {
        title: &title,
        address: &address,
    });
    if let Some(address) = &editor_address {
        notify(Notice::Editor { address });
    }

    while let Ok(mut batch) = watcher.batches.recv() {
        // Saves that came in during the last rebuild are one more burst, not several.
        while let Ok(more) = watcher.batches.try_recv() {
            batch.extend(more);
        }
        watcher.watch_new_folders();
        if batch
            .iter()
            .any(|path| path.ends_with(crate::load::config::CONFIG_FILE))
        {
            cache.clear();
        } else {
            cache.forget(&batch);
        }
        rebuild(&build_options, &mut cache, &state, &hub, &notify, false);
    }
    Ok(())
}

/// Builds the site again and tells open pages what changed. `first`: the first build,
/// which its notice names apart.
fn rebuild(
    options: &BuildOptions,
    cache: &mut Cache,
    state: &RwLock<State>,
    hub: &Hub,
    notify: &Notify,
    first: bool,
) {
    let started = Instant::now();
    let (report, output) = crate::compile(options, cache);
    let printed: String = report.diagnostics.iter().map(diag::render).collect();
    notify(Notice::Compiled {
        timings: &report.timings,
        diagnostics: &printed,
    });
    // Copies are looked at before pages wait for the lock.
    let files = output.map(served_files);
    let mut state = state
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let Some(files) = files else {
        notify(Notice::Failed);
        state.error = Some(printed.clone());
        hub.broadcast(&Event::Error(printed));
        return;
    };
    let changed = replace_served(&mut state.files, &files);
    let was_broken = state.error.take().is_some();
    drop(state);
    crate::pipeline::drop_later(files);
    notify(Notice::Replaced {
        first,
        took: started.elapsed(),
        changed: changed.len(),
    });
    let only_css = !changed.is_empty() && changed.iter().all(|p| p.ends_with(".css"));
    if only_css && !was_broken {
        hub.broadcast(&Event::Css(
            changed.iter().map(|p| format!("/{p}")).collect(),
        ));
    } else if !changed.is_empty() || was_broken {
        hub.broadcast(&Event::Reload);
    }
}

fn served_files(output: Output) -> Vec<(String, Served)> {
    let rendered = output
        .files
        .into_iter()
        .map(|f| (f.path, Served::Bytes(f.bytes)));
    let copied = output.copies.into_iter().map(|c| {
        let stamp = std::fs::metadata(&c.from)
            .ok()
            .map(|m| (m.len(), m.modified().ok()));
        (c.to, Served::Copy(c.from, stamp))
    });
    rendered.chain(copied).collect()
}

/// Puts a build's files in place of the last one's, in the same map (a rebuild under
/// `serve` mostly reuses what it served: one lookup a file, no new map); the output paths
/// added, removed or changed.
fn replace_served(served: &mut FastMap<String, Served>, files: &[(String, Served)]) -> Vec<String> {
    let mut changed = Vec::new();
    let mut added = Vec::new();
    let mut kept = 0;
    for (i, (path, file)) in files.iter().enumerate() {
        match served.get_mut(path) {
            Some(old) => {
                kept += 1;
                if *old != *file {
                    *old = file.clone();
                    changed.push(path.clone());
                }
            }
            None => added.push(i),
        }
    }
    // Output paths are unique: all the old ones are still there when as many were found.
    if kept < served.len() {
        let now: crate::cache::FastSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        served.retain(|path, _| {
            let stays = now.contains(path.as_str());
            if !stays {
                changed.push(path.clone());
            }
            stays
        });
    }
    for i in added {
        let (path, file) = &files[i];
        changed.push(path.clone());
        served.insert(path.clone(), file.clone());
    }
    changed.sort();
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The map is updated in place: same files kept, changed ones replaced, gone ones
    /// dropped, new ones added, and each of the last three named once, in path order.
    #[test]
    fn the_served_map_takes_a_rebuild_in_place() {
        let bytes = |text: &str| Served::Bytes(Arc::new(text.as_bytes().to_vec()));
        let mut served: FastMap<String, Served> = [("a", "1"), ("b", "2"), ("c", "3")]
            .into_iter()
            .map(|(p, t)| (p.to_string(), bytes(t)))
            .collect();
        let files: Vec<(String, Served)> = [("a", "1"), ("b", "dos"), ("d", "4")]
            .into_iter()
            .map(|(p, t)| (p.to_string(), bytes(t)))
            .collect();
        assert_eq!(replace_served(&mut served, &files), ["b", "c", "d"]);
        let mut now: Vec<(&String, &Served)> = served.iter().collect();
        now.sort_by_key(|(p, _)| p.as_str());
        let expected: Vec<(&String, &Served)> = files.iter().map(|(p, s)| (p, s)).collect();
        assert!(now == expected, "the map is the rebuild's files");
        assert!(
            replace_served(&mut served, &files).is_empty(),
            "nothing changed"
        );
    }
}
