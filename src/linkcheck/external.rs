//! `senda check --external`: every `http(s)` address of the site asked once over the
//! network, a few at a time, each request and the whole run under a time limit, so a dead
//! host cannot hang the check. HEAD first (no body to download on a rural connection),
//! then GET where HEAD fails, since some servers refuse or mis-answer HEAD.

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::url::{self, Target};
use super::{Ledger, Uses};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::messages::Links as Text;
use crate::model::Site;
use crate::render::urls::Base;
use crate::tr;

/// The bounds of one check.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Requests in flight at once.
    pub concurrency: usize,
    /// The longest one request (with its fallback) may take.
    pub per_request: Duration,
    /// The longest the whole check may take; addresses not asked by then are counted.
    pub overall: Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            concurrency: 8,
            per_request: Duration::from_secs(10),
            overall: Duration::from_secs(120),
        }
    }
}

/// Why an address failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    Status(u16),
    Timeout,
    Connection(String),
}

/// What a check of many addresses found: the failed ones (by index) and how many were not
/// asked before the overall limit.
#[derive(Debug, Default)]
pub struct Checked {
    pub failures: Vec<(usize, Failure)>,
    pub unchecked: usize,
}

/// Asks every address of `urls`, at most `settings.concurrency` at a time.
pub fn check_all(urls: &[String], settings: Settings) -> Checked {
    let deadline = Instant::now() + settings.overall;
    let queue = Mutex::new((0..urls.len()).collect::<VecDeque<usize>>());
    let failures = Mutex::new(Vec::new());
    let workers = settings.concurrency.clamp(1, urls.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let remaining = deadline.saturating_duration_since(Instant::now());
                    if remaining.is_zero() {
                        break;
                    }
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
                    let Some(i) = next else { break };
                    if let Err(failure) = ask(&urls[i], settings.per_request.min(remaining)) {
                        failures
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push((i, failure));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    failures.sort_by_key(|(i, _)| *i);
    Checked {
        failures,
        unchecked: queue.into_inner().unwrap_or_else(|e| e.into_inner()).len(),
    }
}

/// HEAD, then GET if HEAD did not say the address is fine.
fn ask(address: &str, limit: Duration) -> Result<(), Failure> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limit))
        .http_status_as_error(false)
        .user_agent(concat!(
            "senda/",
            env!("CARGO_PKG_VERSION"),
            " (link check)"
        ))
        .build()
        .into();
    let started = Instant::now();
    let status = |result: Result<ureq::http::Response<ureq::Body>, ureq::Error>| match result {
        Ok(response) if response.status().as_u16() < 400 => Ok(()),
        Ok(response) => Err(Failure::Status(response.status().as_u16())),
        Err(ureq::Error::Timeout(_)) => Err(Failure::Timeout),
        Err(error) => Err(Failure::Connection(error.to_string())),
    };
    match status(agent.head(address).call()) {
        Ok(()) => Ok(()),
        Err(Failure::Timeout) => Err(Failure::Timeout),
        Err(_) => {
            let left = limit.saturating_sub(started.elapsed());
            if left.is_zero() {
                return Err(Failure::Timeout);
            }
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .timeout_global(Some(left))
                .http_status_as_error(false)
                .build()
                .into();
            status(agent.get(address).call())
        }
    }
}

/// Where an address is first written: a Markdown location, or a template's use.
enum Place {
    Source(Location),
    Template(Uses),
}

/// Checks every external address of the site (its Markdown's and its templates') and
/// reports each failure where it is first written, then a summary.
pub fn report(site: &Site, ledger: &Ledger, settings: Settings, diagnostics: &mut Diagnostics) {
    let base = Base {
        url: &site.config.base_url,
        path: &site.config.base_path,
    };
    let mut places: BTreeMap<String, Place> = BTreeMap::new();
    for doc in site.documents() {
        for source in &doc.rendered.urls {
            if let Target::External(address) = url::classify(&source.url, &doc.path, base) {
                places.entry(address).or_insert_with(|| {
                    let range =
                        doc.body_start + source.range.start..doc.body_start + source.range.end;
                    Place::Source(Location::from_range(
                        &Path::new("content").join(&doc.source),
                        &doc.text,
                        range,
                    ))
                });
            }
        }
    }
    for (address, uses) in ledger.external() {
        places.entry(address).or_insert(Place::Template(uses));
    }
    let addresses: Vec<String> = places.keys().cloned().collect();
    let checked = check_all(&addresses, settings);
    let places: Vec<Place> = places.into_values().collect();
    for (i, failure) in &checked.failures {
        let why = match failure {
            Failure::Status(code) => tr!(Text::ExternalStatus, code),
            Failure::Timeout => tr!(Text::Timeout),
            Failure::Connection(error) => tr!(Text::NoConnection, error),
        };
        let diagnostic = Diagnostic::error(tr!(Text::ExternalFailed, addresses[*i], why));
        diagnostics.push(match &places[*i] {
            Place::Source(location) => diagnostic
                .at(location.clone())
                .help(tr!(Text::ExternalHelp)),
            Place::Template(uses) => diagnostic
                .at(Location::file(&uses.template))
                .help(match uses.count {
                    1 => tr!(Text::InTemplate, uses.page),
                    n => tr!(Text::InTemplateMore, uses.page, n - 1),
                }),
        });
    }
    if checked.unchecked > 0 {
        diagnostics.push(
            Diagnostic::error(tr!(
                Text::ExternalNotChecked,
                checked.unchecked,
                settings.overall.as_secs()
            ))
            .help(tr!(Text::ExternalNotCheckedHelp)),
        );
    }
    if !checked.failures.is_empty() {
        diagnostics.push(
            Diagnostic::error(tr!(
                Text::ExternalSummary,
                checked.failures.len(),
                addresses.len()
            ))
            .help(tr!(Text::ExternalSummaryHelp)),
        );
    }
}
