//! `/planes/plan.schema.json`: the JSON Schema (draft 2020-12) every `plan.json` follows,
//! published beside the plans so that whoever consolidates them can validate what they
//! read. The tests validate every `plan.json` of the fixture sites and the bundled site
//! against it, so the schema and `json.rs` cannot drift apart.

/// The schema's text, as published.
pub const PLAN_SCHEMA: &str = include_str!("plan.schema.json");
