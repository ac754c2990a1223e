//! Highlighted code at build time, with no script in the page, as Zola 0.22 highlights it
//! (with giallo, which reads TextMate grammars and VS Code themes): a fenced block's first word
//! names its language, then `linenos`, `linenostart=N`, `hl_lines=1-3 5` and `hide_lines=2`
//! may follow. Colours come from one theme, or a light and a dark one (CSS `light-dark()`),
//! as inline styles or as `z-…` classes coloured by the stylesheets [`Highlighter::stylesheets`]
//! gives. Code stays left to right in every language: the bidi pass gives every `<pre>`
//! `dir="ltr"`.
//!
//! Loading the grammars takes a moment, so one highlighter is kept for the process and made
//! again only when `[markdown.highlighting]` or one of its extra files changes.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use giallo::{HighlightOptions, HtmlRenderer, Registry, ThemeVariant};

use crate::config::settings::{HighlightSettings, HighlightStyle, Located};
use crate::config::CONFIG_FILE;
use crate::diagnostics::{Code, Diagnostic};

/// The themes used when `[markdown.highlighting]` names none: GitHub's, light and dark.
const DEFAULT_THEMES: (&str, &str) = ("github-light", "github-dark");
/// The prefix of the classes of `style = "class"`, as Zola names them.
const CLASS_PREFIX: &str = "z-";
/// Where the list of built-in themes and languages is.
const BUILT_IN_LIST: &str =
    "the built-in themes and languages are listed at https://github.com/getzola/giallo#built-in";

/// Highlights code blocks as one site's `[markdown.highlighting]` says.
pub struct Highlighter {
    registry: Registry,
    themes: ThemeVariant<String>,
    style: HighlightStyle,
}

/// What made the kept highlighter: its settings and the files they name, with their times.
type Key = (HighlightSettings, Vec<(PathBuf, Option<SystemTime>)>);

static KEPT: Mutex<Option<(Key, Arc<Highlighter>)>> = Mutex::new(None);

/// The highlighter of a site at `root`, made once and kept while nothing it was made from
/// changes; an error when a theme or an extra file is wrong, at config.toml's line.
pub fn highlighter(
    root: &Path,
    settings: &Located<HighlightSettings>,
) -> Result<Arc<Highlighter>, Diagnostic> {
    let value = &settings.value;
    let files = (value.extra_grammars.iter().chain(&value.extra_themes))
        .map(|f| {
            let path = root.join(f);
            let time = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
            (path, time)
        })
        .collect();
    let key: Key = (value.clone(), files);
    let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((kept_key, highlighter)) = kept.as_ref() {
        if *kept_key == key {
            return Ok(Arc::clone(highlighter));
        }
    }
    let problem = |message: String, hint: String| {
        Diagnostic::error(Code::Config, CONFIG_FILE, message)
            .at(settings.line, 1)
            .with_hint(hint)
    };
    let highlighter = Arc::new(Highlighter::new(root, value).map_err(|(m, h)| problem(m, h))?);
    *kept = Some((key, Arc::clone(&highlighter)));
    Ok(highlighter)
}

impl Highlighter {
    fn new(root: &Path, settings: &HighlightSettings) -> Result<Self, (String, String)> {
        let mut registry = Registry::builtin().map_err(|e| {
            (
                format!("the highlighter's grammars could not be loaded: {e}"),
                String::new(),
            )
        })?;
        for (files, what) in [
            (&settings.extra_grammars, "grammar"),
            (&settings.extra_themes, "theme"),
        ] {
            for file in files {
                let path = root.join(file);
                if !crate::source::stays_inside(root, &path) {
                    return Err((
                        format!("the extra {what} `{file}` is not a file inside the site"),
                        "name a JSON file of the site's folder, as a path from it".into(),
                    ));
                }
                let added = match what {
                    "grammar" => registry.add_grammar_from_path(&path),
                    _ => registry.add_theme_from_path(&path),
                };
                added.map_err(|e| {
                    (
                        format!("the extra {what} `{file}` could not be read: {e}"),
                        format!("a {what} is a JSON file, as VS Code reads it"),
                    )
                })?;
            }
        }
        registry.link_grammars();
        let name = |t: &Option<toml::Spanned<String>>| t.as_ref().map(|t| t.get_ref().clone());
        let themes = match (name(&settings.theme), name(&settings.light_theme), name(&settings.dark_theme)) {
            (Some(theme), None, None) => ThemeVariant::Single(theme),
            (None, light, dark) => ThemeVariant::Dual {
                light: light.unwrap_or_else(|| DEFAULT_THEMES.0.into()),
                dark: dark.unwrap_or_else(|| DEFAULT_THEMES.1.into()),
            },
            (Some(_), _, _) => {
                return Err((
                    "[markdown.highlighting] names a `theme` and a `light_theme` or `dark_theme`".into(),
                    "give one `theme`, or a `light_theme` and a `dark_theme` that follow the reader's setting".into(),
                ))
            }
        };
        let names = match &themes {
            ThemeVariant::Single(t) => vec![t],
            ThemeVariant::Dual { light, dark } => vec![light, dark],
        };
        if let Some(missing) = names.into_iter().find(|t| !registry.contains_theme(t)) {
            return Err((
                format!("`{missing}` is not a highlighting theme Bayan knows"),
                format!("{BUILT_IN_LIST}; a theme of your own is added with extra_themes = [\"file.json\"]"),
            ));
        }
        Ok(Highlighter {
            registry,
            themes,
            style: settings.style,
        })
    }

    /// The HTML of a code block whose fence says `fence` (`rust,linenos`), and whether its
    /// language is known (an unknown one is shown plain).
    pub fn highlight(&self, fence: &str, code: &str) -> (String, bool) {
        let fence = giallo::parse_markdown_fence(fence);
        let known = self.registry.contains_grammar(&fence.lang);
        let theme = match &self.themes {
            ThemeVariant::Single(t) => ThemeVariant::Single(t.as_str()),
            ThemeVariant::Dual { light, dark } => ThemeVariant::Dual {
                light: light.as_str(),
                dark: dark.as_str(),
            },
        };
        let options = HighlightOptions::new(&fence.lang, theme).fallback_to_plain(true);
        let renderer = HtmlRenderer {
            css_class_prefix: (self.style == HighlightStyle::Class).then(|| CLASS_PREFIX.into()),
            ..HtmlRenderer::default()
        };
        match self.registry.highlight(code, &options) {
            Ok(highlighted) => (renderer.render(&highlighted, &fence.options), known),
            // Only a grammar's own broken pattern fails here: the block is shown as text.
            Err(_) => (
                format!("<pre><code>{}</code></pre>", crate::html::escape_html(code)),
                false,
            ),
        }
    }

    /// With `style = "class"`, the stylesheets to publish: `giallo.css` for one theme, else
    /// `giallo-light.css` and `giallo-dark.css` (as Zola names them); none with inline styles.
    pub fn stylesheets(&self) -> Vec<(String, String)> {
        if self.style != HighlightStyle::Class {
            return Vec::new();
        }
        // Classes are numbered by colour, theme by theme: a light and a dark theme are
        // highlighted together, with `z-l-…` and `z-d-…` classes.
        let with_lines = |rules: String| format!("{}{rules}", giallo::GIALLO_CSS);
        match &self.themes {
            ThemeVariant::Single(theme) => {
                let rules = self.registry.generate_css(theme, CLASS_PREFIX);
                vec![("giallo.css".into(), with_lines(rules.unwrap_or_default()))]
            }
            ThemeVariant::Dual { light, dark } => {
                let rules = self.registry.generate_dual_css(light, dark, CLASS_PREFIX);
                let (light, dark) = rules.unwrap_or_default();
                vec![
                    ("giallo-light.css".into(), with_lines(light)),
                    ("giallo-dark.css".into(), with_lines(dark)),
                ]
            }
        }
    }
}
