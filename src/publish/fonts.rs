//! Webfonts: the theme's (or the site's) font files, published as WOFF2 subsets that hold only
//! the characters the site's pages use, with a stylesheet (`fonts.css`) of `@font-face` rules.
//!
//! - Each face declared in `theme.toml` (`[[fonts]]`) or in `config.toml` (`[[fonts.faces]]`,
//!   which replaces the theme's) is a TrueType or OpenType file.
//! - A build collects every character of every rendered page (text and attribute values, not
//!   scripts or styles), adds the characters any page may need (ASCII, digits in three scripts,
//!   Arabic punctuation, joiners and bidi marks), and keeps of each font the characters it has.
//!   The subset keeps the OpenType layout tables (GSUB, GPOS, GDEF) and every glyph their rules
//!   reach, so Arabic letters still join and marks still sit where they should.
//! - Each `@font-face` gives the characters of its file as `unicode-range`, so a browser
//!   downloads a file only when a page shows one of them, and `font-display: fallback`: text
//!   waits at most 100 ms for its font, then shows in a system font, which stays if the font
//!   takes longer than about 3 s. With `swap` a font arriving late on a slow link re-flowed the
//!   page under the reader (Lighthouse measured a layout shift of 0.2 on the demo's home page).
//! - Results are kept in `.bayan-cache/fonts/` under a hash of the font's bytes and of the
//!   characters kept: a rebuild, or a text edit that adds no new character, subsets nothing.
//! - The preview serves the whole font files as they are (nothing to subset or encode).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;
use skera::{subset_font, Plan, SubsetFlags, DEFAULT_DROP_TABLES, DEFAULT_LAYOUT_FEATURES};
use skrifa::raw::collections::IntSet;
use skrifa::raw::types::{GlyphId, NameId, Tag};
use skrifa::raw::{FontRef, TableProvider};
use skrifa::MetadataProvider;

use crate::config::settings::{FaceSpec, FontSettings, FontStyle};
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::output::{Contents, OutputFile};
use crate::render::finish::AssetNames;
use crate::render::{is_page, RenderedFile};

/// The stylesheet of `@font-face` rules, at the root of the output.
pub const FONTS_CSS: &str = "fonts.css";
/// Where font files are published, inside the output.
pub const FONTS_DIR: &str = "fonts";
/// Stands for the fingerprint of `fonts.css` in pages until the fonts are made (they depend on
/// the pages' text): not hexadecimal, so no real fingerprint looks like it.
pub const CSS_PLACEHOLDER: &str = "fonts.subsets_.css";
/// Part of every cache key: bump it when the subsetting or encoding changes the bytes.
const VERSION: u32 = 2;
const THEME_FILE: &str = "theme.toml";

/// A face to publish, its file found.
#[derive(Debug, Clone)]
pub struct Face {
    pub family: String,
    pub weight: u16,
    pub style: FontStyle,
    pub source: PathBuf,
    /// The file as messages name it, relative to the site's folder.
    pub shown: PathBuf,
}

impl Face {
    /// `noto-naskh-arabic-400` (`-italic` for italics): the published file's name before its
    /// fingerprint.
    fn stem(&self) -> String {
        let mut stem = String::new();
        for c in self.family.chars() {
            if c.is_ascii_alphanumeric() {
                stem.push(c.to_ascii_lowercase());
            } else if !stem.is_empty() && !stem.ends_with('-') {
                stem.push('-');
            }
        }
        let stem = stem.trim_end_matches('-');
        let stem = if stem.is_empty() { "font" } else { stem };
        match self.style {
            FontStyle::Normal => format!("{stem}-{}", self.weight),
            FontStyle::Italic => format!("{stem}-{}-italic", self.weight),
        }
    }
}

#[derive(Deserialize, Default)]
struct ThemeFile {
    #[serde(default)]
    fonts: Vec<FaceSpec>,
}

/// The faces a site publishes: its own `[[fonts.faces]]`, else its theme's `[[fonts]]`.
pub fn faces(
    root: &Path,
    settings: &FontSettings,
    theme: Option<&Path>,
) -> Result<Vec<Face>, Diagnostics> {
    let shown_of = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let (specs, base, declared_in) = match (&settings.faces, theme) {
        (Some(faces), _) => (
            faces.clone(),
            root.to_path_buf(),
            PathBuf::from(crate::config::CONFIG_FILE),
        ),
        (None, Some(theme)) => {
            let file = theme.join(THEME_FILE);
            let shown = shown_of(&file);
            let parsed: ThemeFile = match fs::read_to_string(&file) {
                Ok(text) => toml::from_str(&text).map_err(|e| {
                    Diagnostics::from(crate::diagnostics::from_toml_error(
                        Code::Font,
                        &shown,
                        &text,
                        1,
                        &e,
                        "invalid theme.toml",
                    ))
                })?,
                Err(_) => ThemeFile::default(),
            };
            (parsed.fonts, theme.to_path_buf(), shown)
        }
        (None, None) => return Ok(Vec::new()),
    };
    let mut problems = Diagnostics::new();
    let mut faces = Vec::new();
    for spec in specs {
        let source = base.join(&spec.file);
        let shown = shown_of(&source);
        let escapes = spec.file.is_absolute()
            || spec
                .file
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir));
        if escapes || !source.is_file() {
            problems.push(
                Diagnostic::error(Code::Font,
                    &declared_in,
                    format!(
                        "the font file {} of `{}` does not exist",
                        shown.display(),
                        spec.family
                    ),
                )
                .with_hint(format!(
                    "put the .ttf or .otf file there (`file` is relative to the folder of {}), or remove this face",
                    declared_in.display()
                )),
            );
            continue;
        }
        faces.push(Face {
            family: spec.family,
            weight: spec.weight,
            style: spec.style,
            source,
            shown,
        });
    }
    problems.into_result()?;
    Ok(faces)
}

/// Characters every subset keeps, whatever the pages say: what a page can show without its
/// text saying so (numbers written in any of three digit sets, punctuation, joiners, marks).
const ALWAYS: &[(u32, u32)] = &[
    (0x20, 0x7E),     // ASCII: digits, punctuation, Latin letters
    (0xA0, 0xA0),     // no-break space
    (0xAB, 0xAB),     // «
    (0xB7, 0xB7),     // middle dot
    (0xBB, 0xBB),     // »
    (0xD7, 0xD7),     // ×
    (0x60C, 0x60C),   // Arabic comma
    (0x61B, 0x61C),   // Arabic semicolon, Arabic letter mark
    (0x61F, 0x61F),   // Arabic question mark
    (0x640, 0x640),   // tatweel
    (0x660, 0x66C),   // Arabic-Indic digits, percent, decimal and thousands separators
    (0x6D4, 0x6D4),   // Arabic full stop
    (0x6F0, 0x6F9),   // Extended Arabic-Indic digits (Persian, Urdu, Sorani)
    (0x200B, 0x200F), // zero-width space, ZWNJ, ZWJ, LRM, RLM
    (0x2010, 0x2014), // hyphens and dashes
    (0x2018, 0x201D), // quotation marks
    (0x2022, 0x2022), // bullet
    (0x2026, 0x2026), // ellipsis
    (0x202A, 0x202E), // bidi embeddings and overrides
    (0x2066, 0x2069), // bidi isolates
];

/// The characters a set of pages shows, with those of [`ALWAYS`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chars(BTreeSet<u32>);

impl Chars {
    pub fn new() -> Chars {
        let mut set = BTreeSet::new();
        for &(first, last) in ALWAYS {
            set.extend(first..=last);
        }
        Chars(set)
    }

    pub fn contains(&self, c: char) -> bool {
        self.0.contains(&u32::from(c))
    }

    pub fn iter(&self) -> impl Iterator<Item = char> + '_ {
        self.0.iter().filter_map(|&c| char::from_u32(c))
    }

    /// Adds every character of plain text (UI strings).
    pub fn add_text(&mut self, text: &str) {
        self.0.extend(text.chars().map(u32::from));
    }

    /// Adds what an HTML page shows: its text and attribute values, but nothing inside
    /// `<script>`, `<style>` or comments, with character references decoded. ASCII is always
    /// kept, so only other characters need looking at, and tags are ASCII but for values.
    pub fn add_html(&mut self, html: &str) {
        self.0.extend(html_chars(html));
    }

    fn union(mut self, other: Chars) -> Chars {
        self.0.extend(other.0);
        self
    }
}

/// The characters an HTML page shows, beyond ASCII (see [`Chars::add_html`]).
fn html_chars(html: &str) -> BTreeSet<u32> {
    let mut found = BTreeSet::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                let rest = &html[i..];
                let skip_to = |end: &str| rest.find(end).map_or(rest.len(), |at| at + end.len());
                let lower = |n: usize| rest.get(..n).map(str::to_ascii_lowercase);
                if rest.starts_with("<!--") {
                    i += skip_to("-->");
                    continue;
                }
                for (open, close) in [("<script", "</script"), ("<style", "</style")] {
                    if lower(open.len()).as_deref() == Some(open) {
                        let lowered = rest.to_ascii_lowercase();
                        i += lowered.find(close).unwrap_or(rest.len());
                        break;
                    }
                }
                i += 1;
            }
            b'&' => {
                let rest = &html[i + 1..];
                let end = rest
                    .bytes()
                    .take(12)
                    .position(|b| b == b';')
                    .unwrap_or(usize::MAX);
                let decoded = rest.get(..end).and_then(|name| {
                    if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        u32::from_str_radix(hex, 16).ok()
                    } else if let Some(dec) = name.strip_prefix('#') {
                        dec.parse().ok()
                    } else {
                        (name == "nbsp").then_some(0xA0)
                    }
                });
                if let Some(c) = decoded.filter(|&c| c >= 0x80) {
                    found.insert(c);
                }
                i += 1;
            }
            b if b < 0x80 => i += 1,
            _ => {
                let c = html[i..].chars().next().expect("a character starts here");
                found.insert(u32::from(c));
                i += c.len_utf8();
            }
        }
    }
    found
}

/// The characters of every page, in parallel.
pub fn chars_of_pages<'a>(pages: impl ParallelIterator<Item = &'a str>) -> Chars {
    let found = pages.map(html_chars).reduce(BTreeSet::new, |mut a, b| {
        a.extend(b);
        a
    });
    Chars::new().union(Chars(found))
}

/// How fonts are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode<'a> {
    /// The preview: the font files as they are.
    Preview,
    /// Whole fonts, encoded as WOFF2.
    Whole,
    /// WOFF2 subsets to these characters.
    Subset(&'a Chars),
}

/// What a build publishes for its fonts.
#[derive(Debug, Default)]
pub struct Published {
    /// The font files and the stylesheet, at their final (fingerprinted) paths.
    pub files: Vec<OutputFile>,
    /// Where the stylesheet is, inside the output (`fonts.3f2a1b9c.css`, or `fonts.css`).
    pub css: String,
    /// The published font files (paths inside the output), with their sizes in bytes.
    pub fonts: Vec<(String, usize)>,
    pub stats: FontStats,
}

/// How much subsetting a build did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FontStats {
    /// Faces published.
    pub faces: usize,
    /// Files subset (or encoded) this build.
    pub made: usize,
    /// Files found in the cache.
    pub reused: usize,
}

/// One face's published file.
struct Made {
    /// Path inside the output, unfingerprinted (`fonts/noto-sans-400.woff2`).
    rel: String,
    bytes: Arc<[u8]>,
    /// The code points the file maps, for `unicode-range`.
    chars: Vec<u32>,
    from_cache: bool,
}

/// Makes every face's file (in parallel; from the cache when it has it) and the stylesheet.
/// `fingerprint` is given the unfingerprinted path of each file and its bytes and returns the
/// path to publish it at (the build's `AssetNames::add`; the identity in the preview).
pub fn publish(
    faces: &[Face],
    mode: Mode,
    cache_dir: &Path,
    mut fingerprint: impl FnMut(&str, &[u8]) -> String,
) -> Result<Published, Diagnostics> {
    let dir = cache_dir.join("fonts");
    if !matches!(mode, Mode::Preview) && !faces.is_empty() {
        fs::create_dir_all(&dir).map_err(|e| {
            Diagnostics::from(
                Diagnostic::error(
                    Code::Font,
                    &dir,
                    format!("cannot create the font cache folder: {e}"),
                )
                .with_hint("check that the site's folder is writable"),
            )
        })?;
    }
    let results: Vec<Result<Made, Diagnostic>> =
        faces.par_iter().map(|f| make(f, mode, &dir)).collect();
    let mut problems = Diagnostics::new();
    let mut published = Published::default();
    let mut css = String::from("/* Fonts under the SIL Open Font License 1.1 (or their own). */\n");
    for (face, result) in faces.iter().zip(results) {
        let made = match result {
            Ok(made) => made,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        published.stats.faces += 1;
        if made.from_cache {
            published.stats.reused += 1;
        } else if !matches!(mode, Mode::Preview) {
            published.stats.made += 1;
        }
        if made.chars.is_empty() {
            // Nothing of this font is needed: no file, no rule.
            continue;
        }
        let path = fingerprint(&made.rel, &made.bytes);
        let format = if matches!(mode, Mode::Preview) {
            "truetype"
        } else {
            "woff2"
        };
        css.push_str(&format!(
            "@font-face{{font-family:\"{}\";font-style:{};font-weight:{};font-display:fallback;src:url({path}) format(\"{format}\");unicode-range:{}}}\n",
            face.family.replace(['"', '\\'], ""),
            face.style.as_str(),
            face.weight,
            unicode_range(&made.chars),
        ));
        published.fonts.push((path.clone(), made.bytes.len()));
        published.files.push(OutputFile {
            path: PathBuf::from(path),
            contents: Contents::Bytes(made.bytes),
        });
    }
    problems.into_result()?;
    published.css = fingerprint(FONTS_CSS, css.as_bytes());
    published.files.push(OutputFile {
        path: PathBuf::from(&published.css),
        contents: Contents::Bytes(Arc::from(css.into_bytes())),
    });
    Ok(published)
}

/// Webfonts for the pages just rendered: subsets of the characters they show (whole files in
/// the preview), their stylesheet, and the pages pointed at its fingerprinted name, which
/// `names` learns with the font files'.
pub fn publish_for_pages(
    config: &Config,
    theme_dir: Option<&Path>,
    faces: &[Face],
    pages: &mut [RenderedFile],
    names: &mut AssetNames,
    preview: bool,
) -> Result<Published, Diagnostics> {
    if faces.is_empty() {
        return Ok(Published::default());
    }
    let cache_dir = config.root.join(crate::media::CACHE_DIR);
    if preview {
        return publish(faces, Mode::Preview, &cache_dir, |rel, _| rel.to_string());
    }
    let chars = config.fonts.subset.then(|| {
        let html = pages
            .par_iter()
            .filter(|f| is_page(&f.path))
            .map(|f| &*f.html);
        let mut chars = chars_of_pages(html);
        let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
        chars.add_text(&ui_text(&config.root, theme_dir, &codes));
        chars
    });
    let mode = chars.as_ref().map_or(Mode::Whole, Mode::Subset);
    let base_path = config.base_path();
    let published = publish(faces, mode, &cache_dir, |rel, bytes| {
        names.add(&base_path, rel, bytes)
    })?;
    let css_name = published.css.rsplit('/').next().unwrap_or(&published.css);
    pages.par_iter_mut().for_each(|file| {
        if file.html.contains(CSS_PLACEHOLDER) {
            file.html = Arc::from(file.html.replace(CSS_PLACEHOLDER, css_name));
        }
    });
    Ok(published)
}

/// `U+20-7E,U+A0,U+600-6FF`: code points as the ranges CSS reads.
pub fn unicode_range(chars: &[u32]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let first = chars[i];
        let mut last = first;
        while i + 1 < chars.len() && chars[i + 1] == last + 1 {
            i += 1;
            last = chars[i];
        }
        if !out.is_empty() {
            out.push(',');
        }
        if first == last {
            out.push_str(&format!("U+{first:X}"));
        } else {
            out.push_str(&format!("U+{first:X}-{last:X}"));
        }
        i += 1;
    }
    out
}

/// The code points a font maps to glyphs, in order.
pub fn font_chars(font: &FontRef) -> Vec<u32> {
    let mut chars: Vec<u32> = font
        .charmap()
        .mappings()
        .filter(|(_, glyph)| *glyph != GlyphId::NOTDEF)
        .map(|(c, _)| c)
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars
}

fn make(face: &Face, mode: Mode, cache_dir: &Path) -> Result<Made, Diagnostic> {
    let unreadable = |what: String| {
        Diagnostic::error(Code::Font, &face.shown, what).with_hint(
            "give a TrueType or OpenType font file (.ttf or .otf, not .woff or .woff2); to publish fonts as they are, set `subset = false` under [fonts] in config.toml",
        )
    };
    let bytes = fs::read(&face.source).map_err(|e| {
        Diagnostic::error(
            Code::Font,
            &face.shown,
            format!("cannot read the font file: {e}"),
        )
        .with_hint("check that the file exists and that Bayan may read it")
    })?;
    let font = FontRef::new(&bytes)
        .map_err(|e| unreadable(format!("this font file could not be read: {e}")))?;
    let all = font_chars(&font);
    if all.is_empty() {
        return Err(unreadable(
            "this font maps no characters (it has no usable cmap table)".into(),
        ));
    }
    let kept: Vec<u32> = match mode {
        Mode::Subset(chars) => all.into_iter().filter(|c| chars.0.contains(c)).collect(),
        Mode::Whole | Mode::Preview => all,
    };
    let stem = face.stem();
    if mode == Mode::Preview {
        let ext = face
            .source
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("ttf")
            .to_ascii_lowercase();
        return Ok(Made {
            rel: format!("{FONTS_DIR}/{stem}.{ext}"),
            bytes: Arc::from(bytes),
            chars: kept,
            from_cache: false,
        });
    }
    let rel = format!("{FONTS_DIR}/{stem}.woff2");
    if kept.is_empty() {
        return Ok(Made {
            rel,
            bytes: Arc::from(Vec::new()),
            chars: kept,
            from_cache: false,
        });
    }
    let whole = !matches!(mode, Mode::Subset(_));
    let cache = cache_path(cache_dir, &bytes, if whole { &[] } else { &kept[..] });
    if let Ok(cached) = fs::read(&cache) {
        if cached.starts_with(b"wOF2") {
            return Ok(Made {
                rel,
                bytes: Arc::from(cached),
                chars: kept,
                from_cache: true,
            });
        }
    }
    let ttf = if whole {
        bytes.clone()
    } else {
        subset(&font, &kept)
            .map_err(|e| unreadable(format!("this font could not be subset: {e}")))?
    };
    // WOFF2's glyph transform saves a tenth more, but decoders reject it where the rebuilt glyph
    // offsets outgrow the short `loca` format: only small subsets get it.
    let small = !whole
        && FontRef::new(&ttf)
            .ok()
            .and_then(|f| f.table_data(Tag::new(b"glyf")))
            .is_some_and(|glyf| glyf.len() < 0x10000);
    let options = ttf2woff2::EncodeOptions {
        transform_glyf_loca: small,
        ..Default::default()
    };
    let woff2 = ttf2woff2::encode_with_options(&ttf, options)
        .map_err(|e| unreadable(format!("this font could not be encoded as WOFF2: {e}")))?;
    crate::media::images::write_atomically(&cache, &woff2).map_err(|e| {
        Diagnostic::error(
            Code::Font,
            &cache,
            format!(
                "cannot write {} to the font cache: {e}",
                face.shown.display()
            ),
        )
        .with_hint("check that the disk is not full and that the cache folder is writable")
    })?;
    Ok(Made {
        rel,
        bytes: Arc::from(woff2),
        chars: kept,
        from_cache: false,
    })
}

/// The cache file for a font's subset: the key covers the font's bytes and the characters kept
/// (none for a whole font).
fn cache_path(dir: &Path, font: &[u8], chars: &[u32]) -> PathBuf {
    let mut key = Vec::with_capacity(16 + chars.len() * 4);
    key.extend_from_slice(&VERSION.to_le_bytes());
    key.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(font).to_le_bytes());
    key.extend_from_slice(&(chars.len() as u32).to_le_bytes());
    for c in chars {
        key.extend_from_slice(&c.to_le_bytes());
    }
    dir.join(format!("{:016x}.woff2", xxhash_rust::xxh3::xxh3_64(&key)))
}

/// The font cut down to `chars`, with the glyphs its layout rules reach from them (Arabic
/// joining forms, ligatures, marks) and its GSUB, GPOS and GDEF tables; hinting is dropped
/// (browsers on phones and Macs ignore it, and it is a third of the bytes).
pub fn subset(font: &FontRef, chars: &[u32]) -> Result<Vec<u8>, String> {
    let mut unicodes = IntSet::<u32>::empty();
    unicodes.extend(chars.iter().copied());
    let drop_tables: IntSet<Tag> = DEFAULT_DROP_TABLES.iter().copied().collect();
    let features: IntSet<Tag> = DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let mut name_ids = IntSet::<NameId>::empty();
    name_ids.insert_range(NameId::from(0)..=NameId::from(6));
    let mut name_languages = IntSet::<u16>::empty();
    name_languages.insert(0x0409);
    let plan = Plan::new(
        &IntSet::empty(),
        &unicodes,
        font,
        SubsetFlags::SUBSET_FLAGS_NO_HINTING,
        &drop_tables,
        &scripts,
        &features,
        &name_ids,
        &name_languages,
    );
    let out = subset_font(font, &plan).map_err(|e| e.to_string())?;
    // A subset that lost its layout tables would break Arabic joining without a word.
    let subset = FontRef::new(&out).map_err(|e| e.to_string())?;
    for (tag, present) in [("GSUB", font.gsub().is_ok()), ("GPOS", font.gpos().is_ok())] {
        let kept = match tag {
            "GSUB" => subset.gsub().is_ok(),
            _ => subset.gpos().is_ok(),
        };
        if present && !kept {
            return Err(format!("the subset lost its {tag} table"));
        }
    }
    Ok(out)
}

/// Text of the UI strings (`i18n/*.ftl` of the theme and the site), whose characters pages may
/// show without the build seeing them (messages of scripts).
pub fn ui_text(root: &Path, theme: Option<&Path>, languages: &[String]) -> String {
    let mut text = String::new();
    for dir in theme.into_iter().chain([root]) {
        for code in languages {
            if let Ok(ftl) = fs::read_to_string(dir.join("i18n").join(format!("{code}.ftl"))) {
                for line in ftl.lines().filter(|l| !l.trim_start().starts_with('#')) {
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_ranges_join_runs() {
        assert_eq!(
            unicode_range(&[0x20, 0x21, 0x22, 0x41, 0x600, 0x601]),
            "U+20-22,U+41,U+600-601"
        );
        assert_eq!(unicode_range(&[]), "");
    }

    #[test]
    fn html_characters_skip_scripts_styles_and_comments() {
        let html = "<html lang=ar><style>p::before{content:\"ж\"}</style><SCRIPT>let a=\"ω\"</SCRIPT><!-- ß --><p title=\"é\">سلام&#x06A9;&#1711;&nbsp;&amp;</p><img alt=\"ڕ\"></html>";
        let found: Vec<char> = html_chars(html)
            .into_iter()
            .filter_map(char::from_u32)
            .collect();
        assert_eq!(
            found,
            vec!['\u{a0}', 'é', 'ا', 'س', 'ل', 'م', 'ڕ', 'ک', 'گ']
        );
    }

    #[test]
    fn always_kept_characters() {
        let chars = Chars::new();
        for c in [
            '0', '٠', '٩', '۰', '۹', '\u{200C}', '\u{200D}', '\u{200F}', '\u{2067}', '،',
        ] {
            assert!(chars.contains(c), "{c:?}");
        }
        assert!(!chars.contains('ا'));
    }

    #[test]
    fn file_stems() {
        let face = |family: &str, style| Face {
            family: family.into(),
            weight: 700,
            style,
            source: PathBuf::new(),
            shown: PathBuf::new(),
        };
        assert_eq!(
            face("Noto Naskh Arabic", FontStyle::Normal).stem(),
            "noto-naskh-arabic-700"
        );
        assert_eq!(face("  ", FontStyle::Italic).stem(), "font-700-italic");
    }

    #[test]
    fn cache_keys_depend_on_font_and_characters() {
        let dir = Path::new("c");
        let a = cache_path(dir, b"font", &[0x41, 0x42]);
        assert_eq!(a, cache_path(dir, b"font", &[0x41, 0x42]));
        assert_ne!(a, cache_path(dir, b"font", &[0x41, 0x43]));
        assert_ne!(a, cache_path(dir, b"other", &[0x41, 0x42]));
    }
}
