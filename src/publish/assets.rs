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
    match accent_stylesheet(&site.config.extra) {
        Ok(Some(css)) => {
            let source = PathBuf::from("[extra] accent of config.toml");
            (assets.compiled).insert(
                PathBuf::from(ACCENT_CSS),
                (Arc::from(css.into_bytes()), source),
            );
        }
        Ok(None) => {}
        Err(problem) => assets.problems.push(problem),
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

/// The stylesheet that gives the theme the site's own colour (`[extra] accent`), linked after
/// the theme's. A file, not a `style` attribute: pages allow no inline styles.
pub const ACCENT_CSS: &str = "accent.css";

/// `:root { --accent: … }` for `[extra] accent`, if it is a colour written as `#rgb` or
/// `#rrggbb` (anything else could break out of the rule); the text on it stays white, so a
/// light accent is refused with a hint.
fn accent_stylesheet(extra: &serde_json::Value) -> Result<Option<String>, Diagnostic> {
    let Some(accent) = extra.get("accent") else {
        return Ok(None);
    };
    let problem = |what: String| {
        Diagnostic::error(Code::Config, "config.toml", what)
            .with_hint("write a dark colour as #rrggbb, e.g. [extra] accent = \"#0b5d4b\"")
    };
    let text = accent.as_str().unwrap_or_default();
    let hex = text.strip_prefix('#').unwrap_or_default();
    let digits: Vec<u8> = (hex.chars())
        .map(|c| c.to_digit(16).map(|d| d as u8))
        .collect::<Option<_>>()
        .unwrap_or_default();
    let rgb = match digits.as_slice() {
        [r, g, b] => [r * 17, g * 17, b * 17],
        [r1, r2, g1, g2, b1, b2] => [r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2],
        _ => {
            return Err(problem(format!(
                "[extra] accent = {accent} is not a colour like #0b5d4b"
            )))
        }
    };
    // White text on the accent (buttons, the open menu) needs 4.5:1 (WCAG AA).
    if contrast_with_white(rgb) < 4.5 {
        return Err(problem(format!(
            "[extra] accent = \"{text}\" is too light for white text on it (contrast {:.1}:1, 4.5:1 needed)",
            contrast_with_white(rgb)
        )));
    }
    Ok(Some(format!(":root{{--accent:{text}}}\n")))
}

/// WCAG's contrast ratio of white against an sRGB colour.
fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
    1.05 / (luminance + 0.05)
}

#[cfg(test)]
mod accent_tests {
    use super::*;

    #[test]
    fn an_accent_is_a_dark_hex_colour() {
        let css = |v: serde_json::Value| accent_stylesheet(&serde_json::json!({ "accent": v }));
        assert_eq!(
            css("#0b5d4b".into()).unwrap().unwrap(),
            ":root{--accent:#0b5d4b}\n"
        );
        assert_eq!(
            css("#036".into()).unwrap().unwrap(),
            ":root{--accent:#036}\n"
        );
        assert!(css("#ffd400".into())
            .unwrap_err()
            .message
            .contains("too light"));
        assert!(css("red;}body{display:none".into()).is_err());
        assert!(css(3.into()).is_err());
        assert!(accent_stylesheet(&serde_json::json!({})).unwrap().is_none());
    }
}
