//! What the rendered pages hold for the link check, collected as they are rendered (in
//! parallel): each page's ids, and the links its template wrote, tallied by target.
//!
//! `senda serve` keeps the ledger from one rebuild to the next. A page reused with the same
//! findings then costs one lookup and a pointer comparison; only a page whose findings
//! changed, or that is gone, has its links taken out of the tallies and put in again. So
//! a tally counts its pages and remembers the first of them (in path order) only until
//! that page leaves; then the first is looked up again, and only if the target is reported.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::cache::FastMap;

/// An internal link's target: an output path (or a marked written form, see `scan`) and
/// its fragment.
pub type LinkKey = (String, Option<String>);

/// What one page adds to the ledger. Kept with a page the cache reuses: the same bytes
/// from the same origin give the same ids and links, so a rebuild adds them again without
/// reading the page's HTML.
#[derive(PartialEq, Eq)]
pub struct Found {
    /// The page's ids, hashed and sorted: its anchors without their text, 8 bytes an id,
    /// since a national portal has 200,000 plan pages.
    pub(super) ids: Arc<[u64]>,
    /// The template's file and the page's source, for a report.
    pub(super) template: PathBuf,
    pub(super) page: String,
    /// Internal links the template wrote, sorted by target, with how the first was written.
    pub(super) links: Vec<(LinkKey, String)>,
    /// External addresses the template wrote, sorted, with how the first was written.
    pub(super) external: Vec<(String, String)>,
}

/// Where a template's link was found: the first page in path order, and how many.
#[derive(Debug, Clone)]
pub struct Uses {
    pub template: PathBuf,
    pub page: String,
    pub written: String,
    pub count: usize,
}

/// The ids and links of every page rendered in this run, by output path.
pub struct Ledger {
    inner: Mutex<Inner>,
}

#[derive(Default)]
pub(super) struct Inner {
    pages: FastMap<String, Entry>,
    links: FastMap<LinkKey, Tally>,
    external: FastMap<String, Tally>,
    /// Which run added an entry: entries of an earlier run are swept out at its end.
    run: u32,
    /// Whether entries keep their findings, so that a later run can take them out again.
    keep: bool,
    /// Two pages of one run at one output path (an error of the site's): the tallies
    /// then hold both, and a next run could not take the right one out.
    clashed: bool,
}

struct Entry {
    ids: Arc<[u64]>,
    /// The findings, when the ledger keeps them.
    found: Option<Arc<Found>>,
    run: u32,
}

/// How many pages link to a target, and the first of them, unless it left.
#[derive(Default)]
struct Tally {
    count: usize,
    first: Option<First>,
}

#[derive(Clone)]
struct First {
    page: String,
    written: String,
    template: PathBuf,
}

impl First {
    fn of(found: &Found, written: &str) -> First {
        First {
            page: found.page.clone(),
            written: written.to_string(),
            template: found.template.clone(),
        }
    }

    /// Path order, then what is written: a section's pagers share their source.
    fn key(&self) -> (&str, &str, &Path) {
        (&self.page, &self.written, &self.template)
    }

    fn before(&self, page: &str, written: &str, template: &Path) -> bool {
        self.key() < (page, written, template)
    }
}

impl Ledger {
    /// A ledger with room for `pages` pages and as many link targets, so that adding them
    /// never rehashes the maps. `keep`: it will be kept for the next run (`serve`).
    pub fn new(pages: usize, keep: bool) -> Ledger {
        let inner = Inner {
            pages: FastMap::with_capacity_and_hasher(pages, Default::default()),
            links: FastMap::with_capacity_and_hasher(pages, Default::default()),
            keep,
            ..Inner::default()
        };
        Ledger {
            inner: Mutex::new(inner),
        }
    }

    /// The ledger a next run starts from, unless this one cannot be trusted to be taken
    /// apart page by page.
    pub fn for_next_run(self) -> Option<Ledger> {
        let mut inner = self.inner.into_inner().unwrap_or_else(|e| e.into_inner());
        if !inner.keep || inner.clashed {
            return None;
        }
        inner.run = inner.run.wrapping_add(1);
        Some(Ledger {
            inner: Mutex::new(inner),
        })
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds what the page written at `output` holds. A page a kept ledger already holds
    /// with the same findings (the cache reused it) costs a lookup.
    pub fn add(&self, output: &str, found: &Arc<Found>) {
        let mut inner = self.lock();
        let inner = &mut *inner;
        let run = inner.run;
        if let Some(entry) = inner.pages.get_mut(output) {
            if entry.run == run {
                inner.clashed = true;
            } else if entry
                .found
                .as_ref()
                .is_some_and(|old| Arc::ptr_eq(old, found) || **old == **found)
            {
                entry.run = run;
                return;
            } else if let Some(old) = entry.found.take() {
                take_out(&mut inner.links, &mut inner.external, &old);
            }
        }
        let entry = Entry {
            ids: Arc::clone(&found.ids),
            found: inner.keep.then(|| Arc::clone(found)),
            run,
        };
        inner.pages.insert(output.to_string(), entry);
        put_in(&mut inner.links, &mut inner.external, found);
    }

    /// Takes out the pages an earlier run added and this one did not: they are gone.
    pub fn sweep(&self) {
        let mut inner = self.lock();
        let inner = &mut *inner;
        let run = inner.run;
        let (links, external) = (&mut inner.links, &mut inner.external);
        inner.pages.retain(|_, entry| {
            if entry.run == run {
                return true;
            }
            if let Some(old) = &entry.found {
                take_out(links, external, old);
            }
            false
        });
    }

    /// The external addresses templates wrote, with where, in address order.
    pub fn external(&self) -> Vec<(String, Uses)> {
        let inner = self.lock();
        let mut external: Vec<(String, Uses)> = inner
            .external
            .iter()
            .map(|(address, tally)| {
                let uses = inner.uses(tally, |found| {
                    let at = found
                        .external
                        .binary_search_by(|(a, _)| a.cmp(address))
                        .ok()?;
                    Some(found.external[at].1.as_str())
                });
                (address.clone(), uses)
            })
            .collect();
        external.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        external
    }
}

impl Inner {
    /// The ids of the page rendered at `file`, if senda rendered it.
    pub(super) fn ids(&self, file: &str) -> Option<&[u64]> {
        self.pages.get(file).map(|entry| &*entry.ids)
    }

    /// Every internal link target templates wrote.
    pub(super) fn links(&self) -> impl Iterator<Item = &LinkKey> {
        self.links.keys()
    }

    /// Where the templates wrote links to `key`.
    pub(super) fn link_uses(&self, key: &LinkKey) -> Option<Uses> {
        let tally = self.links.get(key)?;
        Some(self.uses(tally, |found| {
            let at = found.links.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
            Some(found.links[at].1.as_str())
        }))
    }

    /// A tally's first page, looked up again among the kept findings if it left.
    fn uses<'a>(
        &'a self,
        tally: &Tally,
        written_in: impl Fn(&'a Found) -> Option<&'a str>,
    ) -> Uses {
        let first = tally.first.clone().or_else(|| {
            self.pages
                .values()
                .filter_map(|entry| entry.found.as_deref())
                .filter_map(|found| Some(First::of(found, written_in(found)?)))
                .min_by(|a, b| a.key().cmp(&b.key()))
        });
        let first = first.unwrap_or(First {
            page: String::new(),
            written: String::new(),
            template: PathBuf::new(),
        });
        Uses {
            template: first.template,
            page: first.page,
            written: first.written,
            count: tally.count,
        }
    }
}

fn put_in(
    links: &mut FastMap<LinkKey, Tally>,
    external: &mut FastMap<String, Tally>,
    found: &Found,
) {
    for (key, written) in &found.links {
        match links.get_mut(key) {
            Some(tally) => count_in(tally, found, written),
            None => {
                links.insert(key.clone(), Tally::first(found, written));
            }
        }
    }
    for (address, written) in &found.external {
        match external.get_mut(address) {
            Some(tally) => count_in(tally, found, written),
            None => {
                external.insert(address.clone(), Tally::first(found, written));
            }
        }
    }
}

fn take_out(
    links: &mut FastMap<LinkKey, Tally>,
    external: &mut FastMap<String, Tally>,
    found: &Found,
) {
    for (key, written) in &found.links {
        if links
            .get_mut(key)
            .is_some_and(|tally| count_out(tally, found, written))
        {
            links.remove(key);
        }
    }
    for (address, written) in &found.external {
        if external
            .get_mut(address)
            .is_some_and(|tally| count_out(tally, found, written))
        {
            external.remove(address);
        }
    }
}

impl Tally {
    fn first(found: &Found, written: &str) -> Tally {
        Tally {
            count: 1,
            first: Some(First::of(found, written)),
        }
    }
}

fn count_in(tally: &mut Tally, found: &Found, written: &str) {
    tally.count += 1;
    if let Some(first) = &tally.first
        && !first.before(&found.page, written, &found.template)
    {
        tally.first = Some(First::of(found, written));
    }
}

/// Counts a page out; whether none is left.
fn count_out(tally: &mut Tally, found: &Found, written: &str) -> bool {
    tally.count -= 1;
    if tally.first.as_ref().is_some_and(|f| {
        f.page == found.page && f.written == written && f.template == found.template
    }) {
        tally.first = None;
    }
    tally.count == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(page: &str, links: &[&str], external: &[&str]) -> Arc<Found> {
        let mut links: Vec<(LinkKey, String)> = links
            .iter()
            .map(|to| ((to.to_string(), None), format!("{page}->{to}")))
            .collect();
        links.sort();
        Arc::new(Found {
            ids: Arc::from([crate::cache::hash_of(page)]),
            template: PathBuf::from("templates/page.html"),
            page: page.to_string(),
            links,
            external: external
                .iter()
                .map(|a| (a.to_string(), format!("{page}:{a}")))
                .collect(),
        })
    }

    /// Every tally as a report would show it, in target order.
    fn reported(ledger: &Ledger) -> Vec<String> {
        let inner = ledger.lock();
        let mut keys: Vec<&LinkKey> = inner.links().collect();
        keys.sort();
        let mut shown: Vec<String> = keys
            .into_iter()
            .map(|key| {
                let uses = inner.link_uses(key).expect("a tally");
                format!("{key:?} {} {} {}", uses.page, uses.written, uses.count)
            })
            .collect();
        drop(inner);
        shown.extend(
            ledger
                .external()
                .into_iter()
                .map(|(a, uses)| format!("{a} {} {} {}", uses.page, uses.written, uses.count)),
        );
        shown
    }

    /// A ledger kept across runs, pages coming, changing and going, reports what a ledger
    /// filled afresh with the same pages reports: the same counts and the same first page,
    /// also after the first page left.
    #[test]
    fn a_kept_ledger_reports_what_a_fresh_one_does() {
        let targets = ["a/", "b/", "c/", "x/"];
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut kept = Ledger::new(0, true);
        let mut pages: Vec<(String, Arc<Found>)> = Vec::new();
        for run in 0..60 {
            // Some pages leave, some change, some come; the rest are reused as they were.
            pages.retain(|_| next(5) != 0);
            for page in pages.iter_mut() {
                if next(4) == 0 {
                    let links = [targets[next(4)], targets[next(4)]];
                    page.1 = found(&page.0, &links, &[targets[next(2)]]);
                }
            }
            for _ in 0..next(4) {
                let name = format!("p{:02}", next(30));
                if pages.iter().all(|(p, _)| *p != name) {
                    let links = [targets[next(4)], "x/"];
                    pages.push((name.clone(), found(&name, &links, &[])));
                }
            }
            let fresh = Ledger::new(0, false);
            for (page, found) in &pages {
                kept.add(page, found);
                fresh.add(page, found);
            }
            kept.sweep();
            assert_eq!(reported(&kept), reported(&fresh), "run {run}");
            kept = kept.for_next_run().expect("kept");
        }
    }

    /// Two pages of one run at one output are both counted, and the ledger is not kept.
    #[test]
    fn a_clash_is_counted_twice_and_not_kept() {
        let ledger = Ledger::new(0, true);
        ledger.add("x/index.html", &found("uno", &["a/"], &[]));
        ledger.add("x/index.html", &found("dos", &["a/"], &[]));
        ledger.sweep();
        assert_eq!(reported(&ledger), ["(\"a/\", None) dos dos->a/ 2"]);
        assert!(ledger.for_next_run().is_none());
    }
}
