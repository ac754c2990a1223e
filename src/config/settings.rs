//! The settings tables of `config.toml` that stages read: `[images]`, `[feeds]`, `[links]`,
//! `[hosting]`, `[fonts]`. They live here, with the rest of the config, so that no stage's
//! module is needed to read a config and the config imports no stage.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

fn yes() -> bool {
    true
}

/// Settings that change the bytes of processed images (part of the cache key).
#[derive(Debug, Clone, PartialEq)]
pub struct ImageSettings {
    /// Widths of the resized copies, in pixels; none is wider than the original.
    pub widths: Vec<u32>,
    /// JPEG quality, 1 to 100.
    pub jpeg_quality: u8,
    /// WebP quality, 0 to 100.
    pub webp_quality: f32,
    /// Whether a full-size copy (still re-encoded, still without metadata) is published too.
    pub publish_originals: bool,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: vec![480, 960, 1600],
            jpeg_quality: 80,
            webp_quality: 75.0,
            publish_originals: false,
        }
    }
}

/// One taxonomy of a language (`taxonomies = [{ name = "tags", feed = true }]`, Zola's
/// shape): its pages are listed under each of their terms.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomySettings {
    /// What front matter calls it (`[taxonomies] tags = […]`) and, slugged, its address.
    pub name: String,
    /// Each term's list splits into pages of this many.
    pub paginate_by: Option<usize>,
    /// The folder of a term's further pages (`page` gives `/tags/x/page/2/`).
    #[serde(default = "page_folder")]
    pub paginate_path: String,
    /// An Atom feed for each term (`/tags/x/atom.xml`); Zola called it `rss` before 0.15.
    #[serde(default, alias = "rss")]
    pub feed: bool,
    /// Whether the list and term pages are written; `false` keeps the terms for templates only.
    #[serde(default = "yes")]
    pub render: bool,
    /// The name slugged as an address part (`tags`, `وسوم`), set when the config is read.
    #[serde(default, skip_deserializing)]
    pub slug: String,
    /// The language's code, set when the config is read.
    #[serde(default, skip_deserializing)]
    pub lang: String,
}

fn page_folder() -> String {
    "page".to_string()
}

/// `[feeds]` of config.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedSettings {
    /// Put each page's whole text in the feed, not only its description.
    #[serde(default)]
    pub full_content: bool,
}

/// `[links]` of config.toml: what links to other hosts say about the site.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkSettings {
    /// Add `noreferrer`: the other host is not told which page the reader came from.
    #[serde(default)]
    pub noreferrer: bool,
    /// Add `nofollow`: search engines are asked not to credit the other site.
    #[serde(default)]
    pub nofollow: bool,
}

impl LinkSettings {
    /// The `rel` tokens every link to another host gets.
    pub fn external_rel(&self) -> String {
        let mut rel = String::from("noopener");
        if self.noreferrer {
            rel.push_str(" noreferrer");
        }
        if self.nofollow {
            rel.push_str(" nofollow");
        }
        rel
    }
}

/// `[hosting]` of config.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostingSettings {
    /// Write `_headers` (unless `static/_headers` exists).
    #[serde(default = "yes")]
    pub headers: bool,
    /// Write `_redirects` (unless `static/_redirects` exists).
    #[serde(default = "yes")]
    pub redirects: bool,
    /// Hosts the pages may load from besides the site itself, by CSP directive:
    /// `csp = { img-src = ["https://maps.example.org"] }`.
    #[serde(default)]
    pub csp: BTreeMap<String, Vec<String>>,
}

impl Default for HostingSettings {
    fn default() -> Self {
        HostingSettings {
            headers: true,
            redirects: true,
            csp: BTreeMap::new(),
        }
    }
}

/// The directives the policy sets, in the order it writes them. Everything comes from the
/// site itself unless a directive names more: the theme needs no inline script or style.
pub const DIRECTIVES: &[&str] = &[
    "default-src",
    "script-src",
    "style-src",
    "img-src",
    "font-src",
    "media-src",
    "connect-src",
    "frame-src",
    "form-action",
    "base-uri",
    "object-src",
    "frame-ancestors",
];

impl HostingSettings {
    /// Problems with `[hosting]`, in words for the editor.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        for (directive, sources) in &self.csp {
            if !DIRECTIVES.contains(&directive.as_str()) || directive == "object-src" {
                let hint =
                    match crate::diagnostics::did_you_mean(directive, DIRECTIVES.iter().copied()) {
                        Some(name) => format!("did you mean `{name}`?"),
                        None => format!("use one of: {}", DIRECTIVES.join(", ")),
                    };
                problems.push((
                    format!("`[hosting] csp` has an unknown directive `{directive}`"),
                    hint,
                ));
            }
            for source in sources {
                if !(source.starts_with("https://") || source.starts_with("http://"))
                    || source.contains([' ', ';', ',', '\'', '*'])
                {
                    problems.push((
                        format!("`[hosting] csp.{directive}` has `{source}`, which is not a host address"),
                        "write the address the pages load from, like \"https://maps.example.org\"".into(),
                    ));
                }
            }
        }
        problems
    }
}

/// `[fonts]` of config.toml.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontSettings {
    /// Publish subsets of the characters the site uses (`false`: the whole fonts, as WOFF2).
    #[serde(default = "yes")]
    pub subset: bool,
    /// The site's own faces, replacing the theme's; `[]` publishes no webfonts at all.
    #[serde(default, skip_serializing)]
    pub faces: Option<Vec<FaceSpec>>,
}

impl Default for FontSettings {
    fn default() -> Self {
        FontSettings {
            subset: true,
            faces: None,
        }
    }
}

/// One face as declared in theme.toml or config.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaceSpec {
    /// The CSS family name the theme's stylesheet asks for (`Noto Naskh Arabic`).
    pub family: String,
    /// The font file, relative to the theme's folder (theme.toml) or the site's (config.toml).
    pub file: PathBuf,
    #[serde(default = "regular")]
    pub weight: u16,
    #[serde(default)]
    pub style: FontStyle,
}

fn regular() -> u16 {
    400
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FontStyle {
    #[default]
    Normal,
    Italic,
}

impl FontStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            FontStyle::Normal => "normal",
            FontStyle::Italic => "italic",
        }
    }
}

/// Bayan's `fallback` key of `[translations]` (the table's other keys are Zola's UI strings,
/// taken out with a warning before this is read).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationSettings {
    /// A page or section of the default language that a language lacks is published in that
    /// language too, in its original text under a notice (`site/fallback.rs`).
    #[serde(default)]
    pub fallback: bool,
}

/// `[search]` of config.toml: each language's search page and index (`publish/search/`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct SearchSettings {
    /// On unless the site says `search = false` (or `enabled = false`, or Zola's
    /// `build_search_index = false`).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Sections whose pages, and themselves, stay out of the index, by their folder in
    /// content/ (`"news"`, `"about/team"`).
    #[serde(default)]
    pub exclude: Vec<String>,
}

impl Default for SearchSettings {
    fn default() -> Self {
        SearchSettings {
            enabled: true,
            exclude: Vec::new(),
        }
    }
}

/// `[markdown]`: of Zola's table, Bayan reads `highlighting` (the other keys are taken out with
/// a warning before this is read).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownSettings {
    pub highlighting: Option<toml::Spanned<HighlightSettings>>,
}

/// `[markdown.highlighting]`, as Zola 0.22 writes it: code blocks are highlighted at build time
/// with one theme, or a light and a dark one, as inline styles or as classes with stylesheets.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct HighlightSettings {
    pub theme: Option<toml::Spanned<String>>,
    pub light_theme: Option<toml::Spanned<String>>,
    pub dark_theme: Option<toml::Spanned<String>>,
    #[serde(default)]
    pub style: HighlightStyle,
    /// TextMate grammars (JSON), as paths from the site's folder.
    #[serde(default)]
    pub extra_grammars: Vec<String>,
    /// VS Code themes (JSON), as paths from the site's folder.
    #[serde(default)]
    pub extra_themes: Vec<String>,
}

/// Where highlighted code gets its colours.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum HighlightStyle {
    /// `style="color: …"` on every token: nothing else to load.
    #[default]
    Inline,
    /// `class="z-keyword"`, coloured by `giallo.css` (or `giallo-light.css` and
    /// `giallo-dark.css`), which the build writes for templates to link.
    Class,
}

/// A setting with the line of config.toml it is written at, for errors found after reading.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Located<T> {
    pub line: usize,
    pub value: T,
}
