//! `senda serve`: build into memory, serve it, rebuild on every save, reload every page.
//!
//! 1. Bind the port first, so a busy port is reported before any work.
//! 2. Build with `base_url` pointed at the preview address, and hold the output in memory.
//! 3. Serve it (`connections` accepts within bounds, `request` reads a head within limits,
//!    `http` answers), and push events to open pages over Server-Sent Events.
//! 4. For each burst of saves (`watch`), rebuild; a good build replaces the served files,
//!    a broken one keeps them and shows its errors in the terminal and on every page.

mod connections;
mod http;
mod request;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use crate::cache::Cache;
use crate::diag::{self, Diagnostic};
use crate::load::config::Overrides;
use crate::{BuildOptions, Output};
use http::{Event, Hub, Served, State};

pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub include_drafts: bool,
}

/// Runs until the process is stopped. Returns only when the preview cannot start.
pub fn serve(mut options: ServeOptions) -> Result<(), Diagnostic> {
    // notify reports absolute paths: a relative root (`--root .`) would match none of them.
    options.root = std::fs::canonicalize(&options.root).map_err(|e| {
        Diagnostic::error(format!(
            "cannot open the site folder {}: {e}",
            options.root.display()
        ))
        .help("pass --root with the folder that holds site.toml")
    })?;
    let listener = TcpListener::bind((options.bind, options.port)).map_err(|e| {
        Diagnostic::error(format!(
            "cannot listen on {}:{}: {e}",
            options.bind, options.port
        ))
        .help("the port is probably in use: pass another --port, or --port 0 for any free port")
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
        eprintln!(
            "warning: listening on {}: the preview, drafts included, is visible to the network",
            options.bind
        );
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

    let state = Arc::new(RwLock::new(State::default()));
    let hub = Arc::new(Hub::default());
    let mut cache = Cache::default();
    rebuild(&build_options, &mut cache, &state, &hub, "Built");
    let mut watcher = watch::Watcher::start(&options.root)
        .map_err(|e| Diagnostic::error(format!("cannot watch the site's files: {e}")))?;
    {
        let (state, hub) = (Arc::clone(&state), Arc::clone(&hub));
        std::thread::Builder::new()
            .name("senda-accept".into())
            .spawn(move || connections::run(listener, state, hub))
            .map_err(|e| Diagnostic::error(format!("cannot start the server's thread: {e}")))?;
    }
    let title = crate::load::config::Config::load(&options.root, &build_options.overrides)
        .map(|c| c.title)
        .unwrap_or_default();
    println!("Serving {title} at {address} (Ctrl+C to stop)");

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
        rebuild(&build_options, &mut cache, &state, &hub, "Rebuilt");
    }
    Ok(())
}

/// Builds the site again and tells open pages what changed. `verb` starts the line printed.
fn rebuild(
    options: &BuildOptions,
    cache: &mut Cache,
    state: &RwLock<State>,
    hub: &Hub,
    verb: &str,
) {
    let started = Instant::now();
    let (report, output) = crate::compile(options, cache);
    if std::env::var_os("SENDA_TIMINGS").is_some() {
        for (stage, took) in &report.timings {
            eprintln!(
                "timing: {stage:<16} {:>8.1} ms",
                took.as_secs_f64() * 1000.0
            );
        }
    }
    let printed: String = report.diagnostics.iter().map(diag::render).collect();
    if !printed.is_empty() {
        eprint!("{printed}");
    }
    let mut state = state
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let Some(output) = output else {
        eprintln!("Rebuild failed: still serving the last good version");
        state.error = Some(printed.clone());
        hub.broadcast(&Event::Error(printed));
        return;
    };
    let files = served_files(output);
    let changed = changed_paths(&state.files, &files);
    let was_broken = state.error.take().is_some();
    state.files = files;
    drop(state);
    println!(
        "{verb} in {} ms ({} changed)",
        started.elapsed().as_millis(),
        if changed.len() == 1 {
            "1 file".to_string()
        } else {
            format!("{} files", changed.len())
        }
    );
    let only_css = !changed.is_empty() && changed.iter().all(|p| p.ends_with(".css"));
    if only_css && !was_broken {
        hub.broadcast(&Event::Css(
            changed.iter().map(|p| format!("/{p}")).collect(),
        ));
    } else if !changed.is_empty() || was_broken {
        hub.broadcast(&Event::Reload);
    }
}

fn served_files(output: Output) -> HashMap<String, Served> {
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

/// Output paths added, removed or changed between two builds.
fn changed_paths(old: &HashMap<String, Served>, new: &HashMap<String, Served>) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(path, served)| old.get(*path) != Some(served))
        .map(|(path, _)| path.clone())
        .chain(old.keys().filter(|path| !new.contains_key(*path)).cloned())
        .collect();
    changed.sort();
    changed
}
