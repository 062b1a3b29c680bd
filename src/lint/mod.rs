//! Lints over what a build would publish: personal data (P1–P4) in plans and pages, and
//! active code (E20) in plan texts.

pub mod markup;
pub mod pages;
pub mod privacy;
