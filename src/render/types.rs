//! What a render is asked for and what it gives back: the options that change how pages are
//! rendered, and the rendered files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::Diagnostics;
use crate::render::finish::AssetNames;

/// Options that change how pages are rendered (not what they contain).
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Keep root-relative URLs (`/en/about/`) instead of page-relative ones (`../about/`).
    pub absolute_urls: bool,
    /// Send signup forms here (followed by the language code) instead of to the provider:
    /// the preview's local try-out.
    pub signup_endpoint: Option<String>,
    /// Pages for the preview: never minified, and assets keep their plain names (the preview
    /// swaps `style.css` in place when it is saved).
    pub preview: bool,
    /// Go on past errors in the content (links, kinds of page, templates) and return them
    /// with the pages that could be rendered: `check`, which reports everything it can see.
    pub keep_going: bool,
    /// Fingerprinted names of the theme's and site's assets (none in the preview).
    pub assets: Arc<AssetNames>,
}

impl RenderOptions {
    /// The problems a stage found, to go on with; or, when they hold an error and the render
    /// does not keep going, the error that stops it.
    pub fn stop_on(&self, problems: Diagnostics) -> Result<Diagnostics, Diagnostics> {
        if problems.has_errors() && !self.keep_going {
            Err(problems)
        } else {
            Ok(problems)
        }
    }
}

/// A rendered HTML file: its path inside the output folder, its text (shared, so that a file
/// kept between preview rebuilds is never copied), and the file it was made from.
#[derive(Debug, Clone)]
pub struct RenderedFile {
    pub path: PathBuf,
    pub html: Arc<str>,
    /// The content file (or `config.toml`, for pages the build makes itself), for messages.
    pub source: PathBuf,
}

/// `/en/about/` → `en/about/index.html`.
pub fn output_path(site_path: &str) -> PathBuf {
    let mut path = PathBuf::new();
    for part in site_path.split('/').filter(|p| !p.is_empty()) {
        path.push(part);
    }
    path.push("index.html");
    path
}

/// The root-relative URL of a site path: the base path, then the path.
pub fn url_of(base_path: &str, site_path: &str) -> String {
    format!("{}{}", base_path, site_path.trim_start_matches('/'))
}

/// Whether a rendered file is an HTML page (not a feed or another text file).
pub fn is_page(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "html")
}
