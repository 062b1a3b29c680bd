//! One integration-test binary: every test runs the real `senda` binary on a fixture site
//! copied into a temporary folder, and asserts on the files it writes and what it prints.

// Tests look at the disk directly, not through senda's `fs` (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod build;
mod drafts;
mod errors;
mod exports;
mod feeds;
mod golden;
mod images;
mod import;
mod import_plan;
mod incremental;
mod limits;
mod links;
mod messages;
mod new_plan_from;
mod output_private;
mod output_safety;
mod plan_messages;
mod plan_rules;
mod plan_text;
mod plans;
mod privacy;
mod scaffold;
mod search;
mod serve;
mod serve_abuse;
mod shortcodes;
mod taxonomies;
mod teacher_ids;
mod theme;
mod untrusted;
mod urls;
mod util;
mod zola;
