//! The static files of the theme and the site (the site's win on the same path), the
//! stylesheets compiled from their Sass (`sass`), and the fingerprinted copies of stylesheets,
//! scripts and fonts that hosts may cache forever. Collected before rendering: pages point at
//! the fingerprinted names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::STATIC_DIR;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::publish::fonts::{CSS_PLACEHOLDER, FONTS_CSS};
use crate::render::finish::{minify_stylesheet, AssetNames};
use crate::site::Site;

/// The static files of one build.
#[derive(Default)]
pub struct Assets {
    /// Path inside the output → the file it is copied from.
    pub statics: BTreeMap<PathBuf, PathBuf>,
    /// Stylesheets compiled from Sass, by path inside the output, with their source.
    pub compiled: super::sass::Compiled,
    /// Fingerprinted copies (`style.3f2a1b9c.css`) with their bytes, minified when asked.
    pub fingerprinted: Vec<(PathBuf, Arc<[u8]>)>,
    /// Plain name → fingerprinted name, for the pages' links (empty in the preview).
    pub names: AssetNames,
    pub problems: Diagnostics,
}

/// Collects the static files of the theme (`theme_dir`) and the site, and fingerprints the
/// ones hosts may cache forever, unless this is the preview (which swaps `style.css` in place).
/// With `webfonts`, pages link a placeholder for the fonts' stylesheet, named once known.
pub fn collect(site: &Site, theme_dir: Option<&Path>, preview: bool, webfonts: bool) -> Assets {
    let root = &site.config.root;
    let mut assets = Assets::default();
    let dirs = theme_dir
        .map(|t| t.join(STATIC_DIR))
        .into_iter()
        .chain([root.join(STATIC_DIR)]);
    for dir in dirs.filter(|d| d.is_dir()) {
        collect_static(root, &dir, &mut assets.statics, &mut assets.problems);
    }
    let (compiled, problems) = super::sass::compile(root, theme_dir, site.config.compile_sass);
    assets.compiled = compiled;
    assets.problems.extend(problems);
    // The highlighter's stylesheets (`style = "class"`); a highlighter that cannot be made is
    // reported by the render, which needs it first.
    let highlighter = (site.config.highlighting.as_ref())
        .and_then(|settings| crate::highlight::highlighter(root, settings).ok());
    for (name, css) in highlighter.iter().flat_map(|h| h.stylesheets()) {
        let source = PathBuf::from("[markdown.highlighting] of config.toml");
        (assets.compiled).insert(PathBuf::from(name), (Arc::from(css.into_bytes()), source));
    }
    if !preview {
        fingerprint(site, &mut assets);
        if webfonts {
            // Its name depends on the fonts, which depend on the pages' text.
            let base_path = site.config.base_path();
            assets.names.set(&base_path, FONTS_CSS, CSS_PLACEHOLDER);
        }
    }
    assets
}

/// Copies of the theme's and site's CSS, JS and fonts under names that change with their bytes.
fn fingerprint(site: &Site, assets: &mut Assets) {
    let base_path = site.config.base_path();
    let compiled = (assets.compiled.iter()).map(|(path, (css, _))| (path, Ok(css.to_vec())));
    let statics = (assets.statics.iter())
        .filter(|(path, _)| AssetNames::wants_fingerprint(&path.to_string_lossy()))
        .map(|(path, source)| (path, std::fs::read(source).map_err(|e| (e, source))));
    for (path, read) in compiled.chain(statics).collect::<Vec<_>>() {
        let rel = path.to_string_lossy().replace('\\', "/");
        match read {
            Ok(mut bytes) => {
                if site.config.minify && rel.ends_with(".css") {
                    if let Some(small) = minify_stylesheet(&bytes) {
                        bytes = small;
                    }
                }
                let copy = assets.names.add(&base_path, &rel, &bytes);
                assets
                    .fingerprinted
                    .push((PathBuf::from(copy), Arc::<[u8]>::from(bytes)));
            }
            Err((e, source)) => assets.problems.push(Diagnostic::error(
                Code::SourceFile,
                source.strip_prefix(&site.config.root).unwrap_or(source),
                format!("this file could not be read: {e}"),
            )),
        }
    }
}

fn collect_static(
    root: &Path,
    dir: &Path,
    out: &mut BTreeMap<PathBuf, PathBuf>,
    problems: &mut Diagnostics,
) {
    let walked = crate::source::walk(
        root,
        dir,
        crate::source::Skip::DotFiles,
        "copy the file into static/ instead of linking to it",
    );
    problems.extend(walked.problems);
    for path in walked.files {
        let rel = path
            .strip_prefix(dir)
            .expect("walked below dir")
            .to_path_buf();
        out.insert(rel, path);
    }
}
