//! Resolve links: Markdown rendered to HTML with heading ids and `@/` links resolved, and
//! every link and anchor checked.

pub mod links;
pub mod markdown;
pub mod pages;
pub mod shortcodes;
pub mod slug;
