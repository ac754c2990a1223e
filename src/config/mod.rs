//! `config.toml`: site settings and languages, validated into a [`Config`].

pub mod ignored;
pub mod settings;
pub mod signup;
mod zola;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostics::{from_toml_error, Code, Diagnostic, Diagnostics};
use crate::languages::{default_direction, Direction};
use crate::source::read_text;

pub const CONFIG_FILE: &str = "config.toml";
/// Files copied as they are, the site's over the theme's.
pub const STATIC_DIR: &str = "static";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    base_url: Spanned<String>,
    #[serde(default = "english")]
    default_language: Spanned<String>,
    theme: Option<Spanned<String>>,
    output_dir: Option<String>,
    #[serde(default)]
    languages: IndexMap<String, Spanned<RawLanguage>>,
    #[serde(default)]
    images: RawImages,
    signup: Option<crate::config::signup::RawSignup>,
    #[serde(default)]
    feeds: settings::FeedSettings,
    minify: Option<bool>,
    #[serde(default)]
    links: settings::LinkSettings,
    #[serde(default)]
    hosting: settings::HostingSettings,
    #[serde(default)]
    fonts: settings::FontSettings,
    taxonomies: Option<Spanned<Vec<settings::TaxonomySettings>>>,
    /// Zola's globs of files of content/ to leave out (`ignored.rs`).
    ignored_content: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    translations: settings::TranslationSettings,
    #[serde(default)]
    markdown: settings::MarkdownSettings,
    #[serde(default)]
    search: settings::SearchSettings,
    #[serde(default)]
    extra: toml::Table,
}

/// As in Zola, a site that does not say its default language is in English.
fn english() -> Spanned<String> {
    Spanned::new(0..0, "en".to_string())
}

/// `[images]`: how photos are published.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawImages {
    widths: Option<Spanned<Vec<u32>>>,
    jpeg_quality: Option<u8>,
    webp_quality: Option<f32>,
    publish_originals: Option<bool>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    name: Option<String>,
    title: Option<String>,
    description: Option<String>,
    locale: Option<Spanned<String>>,
    direction: Option<Direction>,
    taxonomies: Option<Spanned<Vec<settings::TaxonomySettings>>>,
}

/// One language the site publishes in, as configured (config order is display order).
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    /// The code used in file names and URLs (`ar`, `en`, `ku`, `ckb`).
    pub code: String,
    /// The language's name in itself (`العربية`, `English`, `Kurdî`).
    pub name: String,
    pub title: String,
    pub description: String,
    /// BCP-47 locale for dates and numbers (`ar-PS`, `en-GB`, `ku`).
    pub locale: String,
    #[serde(rename = "dir")]
    pub direction: Direction,
    /// How the locale writes digits, as a CSS list style (`decimal`, `arabic-indic`,
    /// `persian`), so numbered lists count the way dates and numbers are written.
    pub numbering: &'static str,
    pub is_default: bool,
    /// Site-relative URL of this language's home (`/` or `/en/`).
    pub url: String,
    /// The taxonomies pages of this language may use: its `[languages.X]` table's, else the
    /// top-level `taxonomies`.
    pub taxonomies: Vec<settings::TaxonomySettings>,
    /// Whether the language lists its taxonomies itself. Zola gives the top-level list to the
    /// default language only; Bayan lends it to every language without a list of its own, and
    /// writes a lent taxonomy's pages only where it has terms.
    #[serde(skip)]
    pub own_taxonomies: bool,
}

impl Language {
    /// Site-relative URL of the language's search page, which also holds its index
    /// (`/search/`, `/en/search/`).
    pub fn search_path(&self) -> String {
        format!("{}search/", self.url)
    }
}

/// One of the configured languages, by its place in [`Config::languages`]: what documents,
/// pages and sections carry instead of a bare code, so that their language's settings are
/// found without a search that could fail ([`Config::language_of`]). It reads as its code
/// (`&*id == "en"`, `id.as_str()`) and serialises as the code. Ids come from one `Config`: a
/// changed `config.toml` means a new config and a new site, with new ids.
#[derive(Debug, Clone)]
pub struct LanguageId {
    index: usize,
    code: Arc<str>,
}

impl LanguageId {
    pub fn as_str(&self) -> &str {
        &self.code
    }
}

impl std::ops::Deref for LanguageId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.code
    }
}

impl PartialEq for LanguageId {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
    }
}

impl Eq for LanguageId {}

impl std::hash::Hash for LanguageId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.index.hash(state);
    }
}

impl PartialEq<str> for LanguageId {
    fn eq(&self, other: &str) -> bool {
        &*self.code == other
    }
}

impl PartialEq<&str> for LanguageId {
    fn eq(&self, other: &&str) -> bool {
        &*self.code == *other
    }
}

impl std::fmt::Display for LanguageId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code)
    }
}

impl Serialize for LanguageId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code)
    }
}

/// Validated site settings.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    #[serde(skip)]
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    /// Without a trailing slash: `https://example.org` or `https://example.org/org`.
    pub base_url: String,
    pub default_language: String,
    pub theme: Option<String>,
    #[serde(skip)]
    pub output_dir: PathBuf,
    pub languages: Vec<Language>,
    #[serde(skip)]
    pub images: settings::ImageSettings,
    /// The mailing-list form, when `[signup]` is set.
    pub signup: Option<crate::config::signup::Signup>,
    #[serde(skip)]
    signup_raw: Option<crate::config::signup::RawSignup>,
    #[serde(skip)]
    pub feeds: settings::FeedSettings,
    /// Minify HTML pages when building (never in the preview).
    pub minify: bool,
    /// Zola's `compile_sass`: the site's own `sass/` is compiled (a theme's always is).
    pub compile_sass: bool,
    #[serde(skip)]
    pub links: settings::LinkSettings,
    #[serde(skip)]
    pub hosting: settings::HostingSettings,
    /// `[fonts]`: webfonts; templates also see `config.fonts.enabled`, set by the render.
    pub fonts: settings::FontSettings,
    /// Files of content/ that are neither read nor published (Zola's `ignored_content`).
    #[serde(skip)]
    pub ignored_content: ignored::IgnoredContent,
    /// `[translations] fallback`: untranslated pages shown in the default language's text.
    #[serde(skip)]
    pub translations: settings::TranslationSettings,
    /// Zola's UI strings (`[translations]`, `[languages.X.translations]`), which `trans()`
    /// reads after Bayan's own; `None` is the default language's.
    #[serde(skip)]
    pub zola_strings: zola::ZolaStrings,
    /// `[markdown.highlighting]`, at its line of config.toml: code blocks highlighted.
    #[serde(skip)]
    pub highlighting: Option<settings::Located<settings::HighlightSettings>>,
    /// `[search]`: each language's search page and index.
    #[serde(skip)]
    pub search: settings::SearchSettings,
    pub extra: serde_json::Value,
    /// What the config's reading said without stopping it (Zola's settings Bayan does not use),
    /// for the build to report with its own warnings.
    #[serde(skip)]
    pub warnings: Diagnostics,
}

impl Config {
    /// Reads and validates `ROOT/config.toml`, reporting every problem found.
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        let rel = PathBuf::from(CONFIG_FILE);
        let path = root.join(CONFIG_FILE);
        if !path.exists() {
            return Err(
                Diagnostic::error(Code::Config, &rel, "no config.toml in this folder")
                    .with_hint(format!(
                        "run bayan in the site's folder, or pass --root; looked in {}",
                        root.display()
                    ))
                    .into(),
            );
        }
        let text = read_text(&path, &rel)?;
        Config::parse(root, &text)
    }

    /// Validates the text of a config file belonging to the site at `root`.
    pub fn parse(root: &Path, text: &str) -> Result<Config, Diagnostics> {
        let toml_error = |e: &toml::de::Error| {
            from_toml_error(
                Code::Config,
                Path::new(CONFIG_FILE),
                text,
                1,
                e,
                "invalid config",
            )
        };
        let mut table = toml::de::DeTable::parse(text).map_err(|e| toml_error(&e))?;
        let mut problems = Diagnostics::new();
        let zola = zola::take_out(table.get_mut(), text, &mut problems);
        let raw = match RawConfig::deserialize(toml::de::Deserializer::from(table)) {
            Ok(raw) => raw,
            Err(e) => {
                problems.push(toml_error(&e));
                return Err(problems);
            }
        };

        let base_url = raw
            .base_url
            .get_ref()
            .trim()
            .trim_end_matches('/')
            .to_string();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            problems.push(
                error_at(text, raw.base_url.span(), format!("base_url `{base_url}` is not a web address"))
                    .with_hint("write the address the site will live at, e.g. base_url = \"https://example.org\""),
            );
        }

        let default_language = raw.default_language.get_ref().clone();
        let languages = languages(&raw, text, &mut problems);
        let images = images(&raw.images, text, &mut problems);
        let signup = raw.signup.as_ref().and_then(|raw_signup| {
            build_signup(raw_signup, &languages, &base_url)
                .map_err(|message| problems.push(signup_problem(text, message)))
                .ok()
        });
        hosting_problems(&raw.hosting, text, &mut problems);
        let ignored_content =
            ignored::IgnoredContent::new(raw.ignored_content.as_ref(), text, &mut problems);
        if let Some(theme) = &raw.theme {
            if theme_folder(root, theme.get_ref()).is_none() {
                let mut problem = error_at(text, theme.span(), missing_theme(theme.get_ref()));
                problem.code = Code::Theme;
                problems.push(problem.with_hint(themes_found(root)));
            }
        }
        let output_dir = PathBuf::from(raw.output_dir.as_deref().unwrap_or("public"));
        let extra = table_to_json(&raw.extra);
        let warnings = problems.into_result()?;
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            description: raw.description,
            base_url,
            default_language,
            theme: raw.theme.map(Spanned::into_inner),
            output_dir,
            languages,
            images,
            signup,
            signup_raw: raw.signup,
            feeds: raw.feeds,
            minify: raw.minify.or(zola.minify_html).unwrap_or(true),
            compile_sass: zola.compile_sass,
            links: raw.links,
            hosting: raw.hosting,
            fonts: raw.fonts,
            ignored_content,
            translations: raw.translations,
            zola_strings: zola.strings,
            highlighting: (raw.markdown.highlighting).map(|h| settings::Located {
                line: line_at(text, h.span().start),
                value: h.into_inner(),
            }),
            search: settings::SearchSettings {
                enabled: raw.search.enabled && zola.search != Some(false),
                exclude: (raw.search.exclude.iter())
                    .map(|dir| dir.trim_matches('/').to_string())
                    .collect(),
            },
            extra,
            warnings,
        })
    }

    /// Changes the address the site lives at (`--base-url`, the preview's own address).
    pub fn set_base_url(&mut self, base_url: &str) {
        self.base_url = base_url.trim_end_matches('/').to_string();
        if let Some(raw) = &self.signup_raw {
            // The forms carry absolute addresses of this site (Listmonk's `next`).
            self.signup = build_signup(raw, &self.languages, &self.base_url).ok();
        }
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The id of the language with `code`, if it is configured.
    pub fn language_id(&self, code: &str) -> Option<LanguageId> {
        let index = self.languages.iter().position(|l| l.code == code)?;
        Some(LanguageId {
            index,
            code: Arc::from(code),
        })
    }

    /// The settings of a configured language.
    pub fn language_of(&self, id: &LanguageId) -> &Language {
        let language = &self.languages[id.index];
        debug_assert_eq!(language.code, *id.code, "a language id of another config");
        language
    }

    pub fn default_lang(&self) -> &Language {
        self.language(&self.default_language)
            .expect("validated: the default language is configured")
    }

    pub fn is_language(&self, code: &str) -> bool {
        self.language(code).is_some()
    }

    /// The path part of `base_url`, always with slashes at both ends (`/` or `/org/`).
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        match after_scheme.find('/') {
            Some(i) => format!("{}/", &after_scheme[i..].trim_end_matches('/')),
            None => "/".to_string(),
        }
    }

    /// The absolute address of a site-relative path such as `/en/about/`.
    pub fn permalink(&self, site_path: &str) -> String {
        let origin_and_base = self.base_url.trim_end_matches('/');
        format!("{origin_and_base}{site_path}")
    }
}

/// Where a problem in config.toml is, from the span of the value it concerns.
/// The line (from 1) of byte `offset` of `text`.
fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn error_at(text: &str, span: std::ops::Range<usize>, message: String) -> Diagnostic {
    Diagnostic::error(Code::Config, CONFIG_FILE, message).at_offset(text, span.start, 1)
}

/// The `[languages]` tables, in order, with the default language checked against them.
fn languages(raw: &RawConfig, text: &str, problems: &mut Diagnostics) -> Vec<Language> {
    let default_language = raw.default_language.get_ref().clone();
    let mut languages_table = raw.languages.clone();
    if !languages_table.contains_key(&default_language) {
        let known = languages_table.keys().map(String::as_str);
        match crate::diagnostics::did_you_mean(&default_language, known) {
            // A near miss of a configured language is a typo, not a language of its own.
            Some(best) => problems.push(
                error_at(
                    text,
                    raw.default_language.span(),
                    format!("default_language `{default_language}` has no [languages.{default_language}] table"),
                )
                .with_hint(format!("did you mean `{best}`?")),
            ),
            // As in Zola, the default language needs no table of its own: it comes first.
            None => {
                let span = raw.default_language.span();
                languages_table.shift_insert(
                    0,
                    default_language.clone(),
                    Spanned::new(span, RawLanguage::default()),
                );
            }
        }
    }
    languages_table
        .into_iter()
        .filter_map(|(code, spanned)| language(raw, code, spanned, text, problems))
        .collect()
}

/// One `[languages.CODE]` table, or `None` when its code is not a language code.
fn language(
    raw: &RawConfig,
    code: String,
    spanned: Spanned<RawLanguage>,
    text: &str,
    problems: &mut Diagnostics,
) -> Option<Language> {
    let span = spanned.span();
    let lang = spanned.into_inner();
    if !is_language_code(&code) {
        problems.push(
            error_at(text, span, format!("`{code}` is not a language code"))
                .with_hint("use an ISO 639 code such as ar, en, ku or ckb"),
        );
        return None;
    }
    let locale = match lang.locale {
        Some(locale) => {
            let value = locale.get_ref().clone();
            if value.parse::<icu_locale_core::Locale>().is_err() {
                problems.push(
                    error_at(
                        text,
                        locale.span(),
                        format!("locale `{value}` is not a BCP-47 tag"),
                    )
                    .with_hint(
                        "write it like ar-PS, en-GB, ku, or ar-SY-u-nu-latn for Western digits",
                    ),
                );
            }
            value
        }
        None => code.clone(),
    };
    let direction = lang
        .direction
        .unwrap_or_else(|| default_direction(&locale_or_code(&locale, &code)));
    let is_default = code == *raw.default_language.get_ref();
    let own_taxonomies = is_default || lang.taxonomies.is_some();
    let taxonomies = taxonomies(
        lang.taxonomies.as_ref().or(raw.taxonomies.as_ref()),
        &code,
        text,
        problems,
    );
    let numbering = match crate::dates::format_number(0.0, 0, &locale).as_deref() {
        Ok("٠") => "arabic-indic",
        Ok("۰") => "persian",
        _ => "decimal",
    };
    Some(Language {
        numbering,
        url: if is_default {
            "/".to_string()
        } else {
            format!("/{code}/")
        },
        name: lang.name.unwrap_or_else(|| code.clone()),
        title: lang.title.unwrap_or_else(|| raw.title.clone()),
        description: lang.description.unwrap_or_else(|| raw.description.clone()),
        locale,
        direction,
        is_default,
        taxonomies,
        own_taxonomies,
        code,
    })
}

/// A language's taxonomies, each with its slug and language, a name given twice refused.
fn taxonomies(
    list: Option<&Spanned<Vec<settings::TaxonomySettings>>>,
    code: &str,
    text: &str,
    problems: &mut Diagnostics,
) -> Vec<settings::TaxonomySettings> {
    let mut taxonomies: Vec<settings::TaxonomySettings> = Vec::new();
    let Some(list) = list else {
        return taxonomies;
    };
    for taxonomy in list.get_ref() {
        let name = taxonomy.name.trim();
        let problem = if name.is_empty() {
            Some((
                "a taxonomy has an empty `name`".to_string(),
                "give it a name such as \"tags\", which front matter uses in [taxonomies]"
                    .to_string(),
            ))
        } else if taxonomies.iter().any(|t| t.name == name) {
            Some((
                format!("the taxonomy `{name}` is listed twice for `{code}`"),
                "keep one of them".to_string(),
            ))
        } else if taxonomy.paginate_path.contains(['/', '\\', '?', '#'])
            || taxonomy.paginate_path.starts_with('.')
        {
            Some((
                format!(
                    "paginate_path `{}` is not one folder name",
                    taxonomy.paginate_path
                ),
                "write a plain folder name such as \"page\"".to_string(),
            ))
        } else {
            None
        };
        if let Some((message, hint)) = problem {
            problems.push(error_at(text, list.span(), message).with_hint(hint));
            continue;
        }
        taxonomies.push(settings::TaxonomySettings {
            name: name.to_string(),
            slug: crate::slugs::slugify(name, "taxonomy"),
            lang: code.to_string(),
            ..taxonomy.clone()
        });
    }
    taxonomies
}

/// The folder of a site's themes.
pub const THEMES_DIR: &str = "themes";

/// The folder of the theme `name`, if the site has it (a plain name, not a path).
pub fn theme_folder(root: &Path, name: &str) -> Option<PathBuf> {
    let dir = root.join(THEMES_DIR).join(name);
    (dir.is_dir() && !name.contains(['/', '\\']) && name != ".." && name != ".").then_some(dir)
}

/// What is said of a theme that is not there.
pub fn missing_theme(name: &str) -> String {
    format!("theme `{name}` is not in themes/")
}

/// The hint for a theme that is not there: the themes that are.
pub fn themes_found(root: &Path) -> String {
    let mut available: Vec<String> = std::fs::read_dir(root.join(THEMES_DIR))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    available.sort();
    if available.is_empty() {
        "there is no themes/ folder; remove `theme` to use only templates/".to_string()
    } else {
        format!("themes found: {}", available.join(", "))
    }
}

/// `[images]`, with the defaults for what it leaves out.
fn images(raw: &RawImages, text: &str, problems: &mut Diagnostics) -> settings::ImageSettings {
    let mut images = settings::ImageSettings::default();
    if let Some(spanned) = &raw.widths {
        let mut widths = spanned.get_ref().clone();
        widths.sort_unstable();
        widths.dedup();
        if widths.is_empty() || widths.iter().any(|&w| !(16..=8000).contains(&w)) {
            problems.push(
                error_at(
                    text,
                    spanned.span(),
                    "[images] widths must be between 16 and 8000 pixels".into(),
                )
                .with_hint("for example widths = [480, 960, 1600]"),
            );
        }
        images.widths = widths;
    }
    if let Some(q) = raw.jpeg_quality {
        images.jpeg_quality = q.clamp(1, 100);
    }
    if let Some(q) = raw.webp_quality {
        images.webp_quality = q.clamp(1.0, 100.0);
    }
    if let Some(originals) = raw.publish_originals {
        images.publish_originals = originals;
    }
    images
}

/// What is wrong with `[hosting]`, located at the table.
fn hosting_problems(hosting: &settings::HostingSettings, text: &str, problems: &mut Diagnostics) {
    for (message, hint) in hosting.problems() {
        let offset = text
            .find("[hosting")
            .or_else(|| text.find("csp"))
            .unwrap_or(0);
        problems.push(
            Diagnostic::error(Code::Config, CONFIG_FILE, message)
                .at_offset(text, offset, 1)
                .with_hint(hint),
        );
    }
}

/// The diagnostic for a `[signup]` problem, pointing at the table.
fn signup_problem(config_text: &str, message: String) -> Diagnostic {
    let offset = config_text.find("[signup").unwrap_or(0);
    Diagnostic::error(Code::Signup, CONFIG_FILE, message)
        .at_offset(config_text, offset, 1)
        .with_hint("see the README's \"Mailing-list signup\" section for each provider's settings")
}

/// Each language's form, sending subscribers back to that language's thank-you page.
fn build_signup(
    raw: &crate::config::signup::RawSignup,
    languages: &[Language],
    base_url: &str,
) -> Result<crate::config::signup::Signup, String> {
    let thanks: Vec<(&str, String)> = languages
        .iter()
        .map(|l| {
            let path = crate::config::signup::result_path(&l.url, "thanks");
            (l.code.as_str(), format!("{base_url}{path}"))
        })
        .collect();
    crate::config::signup::Signup::new(raw, &thanks)
}

fn locale_or_code(locale: &str, code: &str) -> String {
    if locale.is_empty() {
        code.to_string()
    } else {
        locale.to_string()
    }
}

/// Language codes used in file names: 2–3 lowercase letters, optionally a region or script.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// TOML values as template values: dates become ISO strings instead of TOML's private form.
pub fn table_to_json(table: &toml::Table) -> serde_json::Value {
    serde_json::Value::Object(
        table
            .iter()
            .map(|(k, v)| (k.clone(), toml_to_json(v)))
            .collect(),
    )
}

fn toml_to_json(value: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => table_to_json(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
title = "Site"
base_url = "https://example.org/org/"
default_language = "ar"

[languages.ar]
name = "العربية"
locale = "ar-PS"

[languages.en]
name = "English"

[languages.ku]
name = "Kurdî"

[languages.ckb]
name = "کوردی"
"#;

    #[test]
    fn languages_keep_config_order_and_directions() {
        let config = Config::parse(Path::new("."), GOOD).unwrap();
        let codes: Vec<_> = config.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["ar", "en", "ku", "ckb"]);
        let dirs: Vec<_> = config.languages.iter().map(|l| l.direction).collect();
        assert_eq!(
            dirs,
            [
                Direction::Rtl,
                Direction::Ltr,
                Direction::Ltr,
                Direction::Rtl
            ]
        );
        assert_eq!(config.default_lang().url, "/");
        assert_eq!(config.language("en").unwrap().url, "/en/");
        assert_eq!(config.base_path(), "/org/");
        assert_eq!(config.permalink("/en/"), "https://example.org/org/en/");
    }

    #[test]
    fn language_ids_name_configured_languages_only() {
        let config = Config::parse(Path::new("."), GOOD).unwrap();
        assert!(config.language_id("fr").is_none());
        let ckb = config.language_id("ckb").unwrap();
        assert_eq!(ckb, "ckb");
        assert_eq!(ckb.as_str(), "ckb");
        assert_eq!(config.language_of(&ckb).direction, Direction::Rtl);
        assert_ne!(config.language_id("ar").unwrap(), ckb);
        assert_eq!(serde_json::to_value(&ckb).unwrap(), "ckb");
    }

    #[test]
    fn unknown_key_is_located_and_suggested() {
        let text = GOOD.replace("title = \"Site\"", "titel = \"Site\"");
        let err = Config::parse(Path::new("."), &text).unwrap_err();
        let d = &err.0[0];
        assert_eq!((d.line, d.col), (2, 1));
        assert!(d.message.contains("titel"), "{d}");
        assert!(
            d.hint.as_deref().unwrap().contains("did you mean `title`"),
            "{d}"
        );
    }

    #[test]
    fn translations_fallback_is_read_beside_zolas_strings() {
        let config = Config::parse(Path::new("."), GOOD).unwrap();
        assert!(!config.translations.fallback);
        let text = format!("{GOOD}\n[translations]\nfallback = true\nsummary = \"Blog\"\n");
        let config = Config::parse(Path::new("."), &text).unwrap();
        assert!(config.translations.fallback);
        // Zola's UI strings are read for `trans()`, with no warning.
        assert!(config.warnings.0.is_empty(), "{:?}", config.warnings);
        let summary = ("summary".to_string(), "Blog".to_string());
        assert_eq!(config.zola_strings.get(&None), Some(&vec![summary]));
    }

    #[test]
    fn default_language_must_be_configured() {
        let text = GOOD.replace("default_language = \"ar\"", "default_language = \"arr\"");
        let err = Config::parse(Path::new("."), &text).unwrap_err();
        assert_eq!(err.0[0].line, 4);
        assert!(err.0[0].hint.as_deref().unwrap().contains("`ar`"));
    }
}
