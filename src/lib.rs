//! Bayan: a static site generator for organisations that publish in Arabic, English and
//! Kurdish. The pipeline runs one way, one module per stage:
//!
//! `config` → `content` (load, `front_matter`) → `site` (model) → `markdown` + `render`
//! (templates, `i18n`) → `postprocess` → `output`; `build` runs them in order, and `serve`
//! keeps a `build::Pipeline` alive to rebuild on every save.

pub mod bidi;
pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod feeds;
pub mod fonts;
pub mod front_matter;
pub mod hosting;
pub mod i18n;
pub mod images;
pub mod kinds;
pub mod languages;
pub mod markdown;
pub mod media;
pub mod output;
pub mod postprocess;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod signup;
pub mod site;
pub mod sitemap;
pub mod slugs;
pub mod source;
pub mod templates;
pub mod url;

pub use build::{build, BuildOptions, BuildReport};
pub use diagnostics::{Diagnostic, Diagnostics};
