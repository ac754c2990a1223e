//! Bayan: a static site generator for organisations that publish in Arabic, English and
//! Kurdish. Data flows one way, one folder per stage (ARCHITECTURE.md is the map):
//!
//! `config` → `content` (files, front matter, kinds) → `site` (the model) → `theme`
//! (templates, UI strings, fonts) + `media` (photos) → `render` (Markdown, templates, the
//! finishing pass) → `publish` (every file that is not a page) → `output` (writing).
//! `build` runs them in order; `serve` and `check` reuse the same stages.

pub mod bidi;
pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod highlight;
pub mod html;
pub mod languages;
pub mod markdown;
pub mod media;
pub mod output;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod shortcodes;
pub mod site;
pub mod slugs;
pub mod source;
pub mod theme;
pub mod timing;
pub mod url;
pub mod value_errors;

pub use build::{build, BuildOptions, BuildReport};
pub use diagnostics::{Diagnostic, Diagnostics};
/// Photo processing and webfonts, by the names tools and tests have always used.
pub use media::images;
pub use publish::fonts;
