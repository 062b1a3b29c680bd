//! Load: the site's configuration and every content file, read into plain data.

pub mod config;
pub mod content;
pub(crate) mod front_matter;
pub(crate) mod retained;
pub mod taxonomies;
pub mod toml_input;
pub(crate) mod tree;
