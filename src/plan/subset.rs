//! A `Listing`'s plans with their companions, and a listing without some plans: what
//! `write::incremental` needs to carry plans over from the last build.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{Files, Listing};

impl Listing {
    /// The public plan files, (id, absolute path), and the private companion of each.
    pub fn plans(&self) -> impl Iterator<Item = (&str, &Path, Option<&Path>)> {
        let private: HashMap<&str, &Path> = self
            .private
            .iter()
            .map(|(id, p)| (id.as_str(), p.as_path()))
            .collect();
        let companion = move |id: &str| private.get(id).copied();
        self.public
            .iter()
            .map(move |(id, p)| (id.as_str(), p.as_path(), companion(id)))
    }

    /// Without the plans `skip` names nor their companions: what a build has left to make
    /// when it carries those over from the last one (`write::incremental`).
    pub fn without(&self, skip: &HashSet<String>) -> Listing {
        let keep = |files: &Files| -> Files {
            let kept = files.iter().filter(|(id, _)| !skip.contains(id));
            kept.cloned().collect()
        };
        let (public, private) = (keep(&self.public), keep(&self.private));
        Listing { public, private }
    }
}
