//! What templates see: the values of pages, sections, the config and the signup form,
//! computed once per render and shared by every output.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use serde_json::{json, Value};

use crate::config::settings::TaxonomySettings;
use crate::config::{table_to_json, Config};
use crate::content::front_matter::Date;
use crate::markdown::{Heading, Rendered};
use crate::render::types::{url_of, RenderOptions};
use crate::site::taxonomies::{Taxonomy, Term};
use crate::site::{Item, Page, Site};

/// Immutable values shared by every output of one render.
pub(super) struct SiteValues<'a> {
    pub site: &'a Site,
    pub config_value: Value,
    pub base_path: String,
    pub page_values: Vec<Arc<Value>>,
    pub section_values: Vec<Value>,
    pub rendered_pages: Vec<Rendered>,
    pub rendered_sections: Vec<Rendered>,
    /// The signup form of each language, when the site has one.
    pub signup_values: HashMap<String, Value>,
    /// The accessible name of a scrolling table, per language.
    pub table_labels: HashMap<String, String>,
    /// What `rel` says on links to other hosts.
    pub external_rel: String,
    /// Each page's `lower` and `higher`, when some template reads them (else empty).
    pub neighbours: Vec<(Option<usize>, Option<usize>)>,
    /// Whether each language has a search page (on in config.toml, and the theme has one).
    pub search: bool,
}

/// What templates see of a page, in lists and on its own page.
#[derive(Serialize, Clone)]
struct PageValue<'a> {
    title: &'a str,
    description: Option<&'a str>,
    date: Option<&'a Date>,
    updated: Option<&'a Date>,
    slug: &'a str,
    /// Site-relative path without the base path: `/en/about/`.
    path: &'a str,
    /// Root-relative URL with the base path, for `href`: `/org/en/about/`.
    url: String,
    permalink: String,
    lang: &'a str,
    weight: Option<i64>,
    draft: bool,
    /// Who wrote the page, from its `authors`.
    authors: &'a [String],
    /// The terms of each taxonomy it is listed under: `{"tags": ["Gaza", "UN"]}`.
    taxonomies: &'a indexmap::IndexMap<String, Vec<String>>,
    extra: Value,
    word_count: usize,
    reading_time: usize,
    assets: Vec<String>,
    /// Key of the file the page comes from (`about/index`), for `get_page`.
    key: &'a str,
    /// `about`, `report`, `conference` or `statement`, from the table the page fills in.
    kind: Option<&'static str>,
    /// One key per kind of page (`report`…): the table the page fills in, else `null`.
    #[serde(flatten)]
    kind_tables: serde_json::Map<String, Value>,
    attachments: Vec<AttachmentValue<'a>>,
    /// The photos of the page's gallery, in its language.
    gallery: Vec<PhotoValue>,
    /// The page's first photo (its gallery's, else its bundle's first image), for social
    /// previews; `null` without one.
    image: Option<ImageValue>,
    videos: Vec<VideoValue<'a>>,
    /// For a fallback copy of an untranslated page, its original; else `null`.
    fallback: Option<FallbackValue<'a>>,
    /// Its file under content/ (`posts/a.md`), as Zola names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    relative_path: Option<String>,
    /// Every language it is written in, itself among them (Zola's shape); left out when no
    /// template reads it (it is a list of objects on every page).
    #[serde(skip_serializing_if = "Option::is_none")]
    translations: Option<Vec<TranslationValue<'a>>>,
    /// The text before `<!-- more -->`, as HTML; `null` without the marker (Zola's).
    summary: Option<String>,
    /// Zola's: the `_index` files of the sections above it, the home page's first.
    #[serde(skip_serializing_if = "Option::is_none")]
    ancestors: Option<Vec<String>>,
    /// Zola's: the parts of its address.
    #[serde(skip_serializing_if = "Option::is_none")]
    components: Option<Vec<&'a str>>,
    /// Zola's parts of its date (`null` without one, and the month and day of a year alone).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    date_parts: Option<DateParts>,
}

#[derive(Serialize, Clone)]
struct DateParts {
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
}

impl DateParts {
    fn of(date: Option<&Date>) -> Self {
        let known = |n: u8| (n > 0).then_some(n);
        DateParts {
            year: date.map(|d| d.year),
            month: date.and_then(|d| known(d.month)),
            day: date.and_then(|d| known(d.day)),
        }
    }
}

/// The fields of a page's value computed only when some template reads them: on a site of
/// 15,000 pages, `translations` alone holds about 55 MB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PageFields {
    pub translations: bool,
    pub summary: bool,
    pub relative_path: bool,
    /// Zola's `ancestors` and `components`.
    pub path_parts: bool,
    /// Zola's `lower` and `higher`, on a page's own page.
    pub neighbours: bool,
    /// Zola's `year`, `month` and `day` of the page's date.
    pub date_parts: bool,
}

impl PageFields {
    pub fn of(theme: &crate::theme::Theme) -> Self {
        let reads = |name| theme.reads_attribute(name);
        PageFields {
            translations: reads("translations"),
            summary: reads("summary"),
            relative_path: reads("relative_path"),
            path_parts: reads("ancestors") || reads("components"),
            neighbours: reads("lower") || reads("higher"),
            date_parts: reads("year") || reads("month") || reads("day"),
        }
    }

    /// A number that changes when the fields do, for the preview's cache of page values.
    pub fn bits(self) -> u64 {
        u64::from(self.translations)
            | u64::from(self.summary) << 1
            | u64::from(self.relative_path) << 2
            | u64::from(self.path_parts) << 3
            | u64::from(self.neighbours) << 4
            | u64::from(self.date_parts) << 5
    }
}

/// The pages before and after each page in its section's order (Zola's `lower` and
/// `higher`), computed once for all pages.
pub(super) fn neighbours(site: &Site) -> Vec<(Option<usize>, Option<usize>)> {
    let mut neighbours = vec![(None, None); site.pages.len()];
    for (s, section) in site.sections.iter().enumerate() {
        for (n, &page) in section.pages.iter().enumerate() {
            // A page is listed by its own section, and also by those above a transparent one.
            if site.pages[page].section == s {
                let before = n.checked_sub(1).map(|b| section.pages[b]);
                neighbours[page] = (before, section.pages.get(n + 1).copied());
            }
        }
    }
    neighbours
}

/// Zola's `ancestors` of an item in `section` (`include_section`), or of `section` itself:
/// the `_index` files of the sections above it, the home page's first.
fn ancestors(site: &Site, section: usize, include_section: bool) -> Vec<String> {
    let mut chain = Vec::new();
    let mut current = match include_section {
        true => Some(section),
        false => site.sections[section].parent,
    };
    while let Some(i) = current {
        chain.push(section_file(site, i));
        current = site.sections[i].parent;
    }
    chain.reverse();
    chain
}

/// A section's `_index` file under content/, named as Zola names it even when the section
/// has none (`_index.md`, `news/_index.ar.md`).
fn section_file(site: &Site, i: usize) -> String {
    let section = &site.sections[i];
    match &section.rel_path {
        Some(rel_path) => relative_path(rel_path),
        None => {
            let suffix = match section.lang.as_str() == site.config.default_language {
                true => String::new(),
                false => format!(".{}", section.lang.as_str()),
            };
            let dir = section.dir.trim_matches('/');
            let dir = if dir.is_empty() {
                String::new()
            } else {
                format!("{dir}/")
            };
            format!("{dir}_index{suffix}.md")
        }
    }
}

/// Zola's `components`: the parts of an address (`/en/news/a/` gives `en`, `news`, `a`).
fn components(path: &str) -> Vec<&str> {
    path.split('/').filter(|part| !part.is_empty()).collect()
}

/// One entry of Zola's table of contents: a heading with the headings under it.
#[derive(Serialize)]
pub(super) struct TocEntry<'a> {
    level: u8,
    id: &'a str,
    permalink: String,
    title: &'a str,
    children: Vec<TocEntry<'a>>,
}

/// The headings of a text as Zola nests them: each under the nearest heading before it of a
/// higher rank, each with its full address.
pub(super) fn nested_toc<'a>(headings: &'a [Heading], permalink: &str) -> Vec<TocEntry<'a>> {
    fn insert<'a>(entries: &mut Vec<TocEntry<'a>>, entry: TocEntry<'a>) {
        match entries.last_mut() {
            Some(last) if entry.level > last.level => insert(&mut last.children, entry),
            _ => entries.push(entry),
        }
    }
    let mut toc = Vec::new();
    for heading in headings {
        let entry = TocEntry {
            level: heading.level,
            id: &heading.id,
            permalink: format!("{permalink}#{}", heading.id),
            title: &heading.title,
            children: Vec::new(),
        };
        insert(&mut toc, entry);
    }
    toc
}

/// One language a page or section is written in, as Zola's `translations` gives it; `path` is
/// its file under content/, which `get_page` and `get_section` take.
#[derive(Serialize, Clone)]
struct TranslationValue<'a> {
    lang: &'a str,
    title: Option<&'a str>,
    url: String,
    permalink: String,
    path: String,
}

/// The translations of the item with `key` (fallback copies are none).
fn translation_values<'a>(site: &'a Site, key: &str, base_path: &str) -> Vec<TranslationValue<'a>> {
    (site.languages_of(key).into_iter())
        .map(|(lang, item)| {
            let (title, rel_path) = match item {
                Item::Page(i) => (
                    Some(&site.pages[i].front.title),
                    Some(&site.pages[i].rel_path),
                ),
                Item::Section(i) => (
                    Some(&site.sections[i].front.title),
                    site.sections[i].rel_path.as_ref(),
                ),
            };
            let path = site.item_path(item);
            TranslationValue {
                lang,
                title: title.map(String::as_str),
                url: url_of(base_path, path),
                permalink: site.config.permalink(path),
                path: rel_path.map(|r| relative_path(r)).unwrap_or_default(),
            }
        })
        .collect()
}

/// A content file's path under content/, with `/` between folders: Zola's `relative_path`.
fn relative_path(rel_path: &std::path::Path) -> String {
    let inside = rel_path.strip_prefix("content").unwrap_or(rel_path);
    inside.to_string_lossy().replace('\\', "/")
}

/// Zola's summary: the HTML before the `<!-- more -->` marker, a paragraph left open closed.
fn summary(html: &str) -> Option<String> {
    let before = &html[..html.find("<!-- more -->")?];
    let mut summary = before.trim_end().to_string();
    if summary.matches("<p>").count() > summary.matches("</p>").count() {
        summary.push_str("</p>");
    }
    Some(summary)
}

/// The original of a fallback copy (`[translations] fallback`): the language its text is in,
/// for the text's `lang` and `dir` and the notice, and its address, for `canonical`.
#[derive(Serialize, Clone)]
struct FallbackValue<'a> {
    lang: &'a str,
    dir: &'static str,
    /// The language's name in itself (`العربية`).
    name: &'a str,
    url: String,
    permalink: String,
}

/// What templates see of the original of an item, when the item is a fallback copy.
fn fallback_value<'a>(
    site: &'a Site,
    text_lang: Option<&crate::config::LanguageId>,
    key: &str,
    base_path: &str,
) -> Option<FallbackValue<'a>> {
    let language = site.config.language_of(text_lang?);
    let original = site.item_path(site.get(&language.code, key)?);
    Some(FallbackValue {
        lang: &language.code,
        dir: language.direction.as_str(),
        name: &language.name,
        url: url_of(base_path, original),
        permalink: site.config.permalink(original),
    })
}

#[derive(Serialize, Clone)]
struct PhotoValue {
    /// `<picture>` for the grid of thumbnails.
    thumbnail: String,
    /// `<picture>` for the photo's own view, at up to the full screen width.
    large: String,
    alt: String,
    caption: Option<String>,
}

/// One processed copy of a page's photo, about as wide as social previews show it.
#[derive(Serialize, Clone)]
struct ImageValue {
    /// Root-relative URL of the JPEG copy.
    url: String,
    /// Its full address, for `og:image`.
    permalink: String,
    width: u32,
    height: u32,
    /// What it shows, in the page's language, when the gallery says.
    alt: Option<String>,
    /// Every size of the photo in WebP, for `srcset`: cards and banners pick the one they need.
    srcset: String,
}

#[derive(Serialize, Clone)]
struct VideoValue<'a> {
    title: &'a str,
    #[serde(flatten)]
    source: crate::content::video::VideoSource,
    /// `<picture>` of the poster, shown until the reader chooses to play.
    poster: String,
    /// A JPEG of the poster, for `<video poster>`.
    poster_url: String,
}

/// A downloadable file as templates see it.
#[derive(Serialize, Clone)]
struct AttachmentValue<'a> {
    url: String,
    file: &'a str,
    title: &'a str,
    /// The file type readers know it by: `PDF`, `DOCX`.
    format: String,
    /// In bytes; the `filesize` filter writes it for readers.
    size: u64,
}

/// What templates see of a taxonomy: its settings (Zola's `TaxonomyConfig`) and address.
#[derive(Serialize)]
pub(super) struct TaxonomyValue<'a> {
    #[serde(flatten)]
    settings: &'a TaxonomySettings,
    path: &'a str,
    url: String,
    permalink: String,
}

/// What templates see of a term (Zola's `TaxonomyTerm`, with `url` for `href`).
#[derive(Serialize)]
pub(super) struct TermValue<'a> {
    name: &'a str,
    slug: &'a str,
    path: &'a str,
    url: String,
    permalink: String,
    page_count: usize,
    /// Its pages, newest first; empty on a paginated term's pages, where `paginator` has them.
    pages: Vec<&'a Value>,
}

pub(super) fn taxonomy_value<'a>(
    taxonomy: &'a Taxonomy,
    config: &Config,
    base_path: &str,
) -> TaxonomyValue<'a> {
    TaxonomyValue {
        settings: &taxonomy.settings,
        path: &taxonomy.path,
        url: url_of(base_path, &taxonomy.path),
        permalink: config.permalink(&taxonomy.path),
    }
}

/// A term's value; `with_pages` puts the values of its pages in it.
pub(super) fn term_value<'a>(
    term: &'a Term,
    config: &Config,
    base_path: &str,
    page_values: &'a [Arc<Value>],
    with_pages: bool,
) -> TermValue<'a> {
    TermValue {
        name: &term.name,
        slug: &term.slug,
        path: &term.path,
        url: url_of(base_path, &term.path),
        permalink: config.permalink(&term.path),
        page_count: term.pages.len(),
        pages: match with_pages {
            true => term.pages.iter().map(|&i| &*page_values[i]).collect(),
            false => Vec::new(),
        },
    }
}

/// The value templates see of a page (without its body, which only its own page gets).
pub(super) fn page_value(
    site: &Site,
    media: &crate::media::Media,
    page: &Page,
    rendered: &Rendered,
    base_path: &str,
    fields: PageFields,
) -> Value {
    let config = &site.config;
    serde_json::to_value(PageValue {
        title: &page.front.title,
        description: page.front.description.as_deref(),
        date: page.front.date.as_ref(),
        updated: page.front.updated.as_ref(),
        slug: &page.slug,
        path: &page.path,
        url: url_of(base_path, &page.path),
        permalink: config.permalink(&page.path),
        lang: &page.lang,
        weight: page.front.weight,
        draft: page.front.draft,
        authors: &page.front.authors,
        taxonomies: &page.front.taxonomies,
        extra: table_to_json(&page.front.extra),
        word_count: rendered.word_count,
        reading_time: rendered.word_count.div_ceil(200).max(1),
        assets: page.assets.iter().map(|a| url_of(base_path, a)).collect(),
        key: &page.key,
        kind: page.front.kind().ok().flatten().map(|k| k.name),
        kind_tables: kind_tables(page),
        attachments: attachment_values(site, page, base_path),
        gallery: gallery_values(site, media, page, base_path),
        image: first_image(site, media, page, base_path),
        videos: video_values(site, media, page, base_path),
        fallback: fallback_value(site, page.fallback_of.as_ref(), &page.key, base_path),
        relative_path: fields.relative_path.then(|| relative_path(&page.rel_path)),
        translations: (fields.translations).then(|| translation_values(site, &page.key, base_path)),
        summary: fields.summary.then(|| summary(&rendered.html)).flatten(),
        ancestors: (fields.path_parts).then(|| ancestors(site, page.section, true)),
        components: (fields.path_parts).then(|| components(&page.path)),
        date_parts: (fields.date_parts).then(|| DateParts::of(page.front.date.as_ref())),
    })
    .expect("page values serialize")
}

/// `page.about`, `page.report`…: the table of the page's kind, `null` for the other kinds, so
/// templates can test any of them.
fn kind_tables(page: &Page) -> serde_json::Map<String, Value> {
    crate::content::kinds::KINDS
        .iter()
        .map(|kind| {
            let table = page.front.kinds.iter().find(|k| k.kind.name == kind.name);
            (
                kind.name.to_string(),
                table.map_or(Value::Null, |k| k.table.value()),
            )
        })
        .collect()
}

/// The photos of a page's gallery, in the page's language.
fn gallery_values(
    site: &Site,
    media: &crate::media::Media,
    page: &Page,
    base_path: &str,
) -> Vec<PhotoValue> {
    page_gallery(media, page)
        .map(|(dir, gallery)| {
            let in_language = |texts| in_language(site, page, texts);
            gallery
                .photos
                .iter()
                .filter_map(|photo| {
                    let url = site.asset_url(&dir, &photo.file)?;
                    let image = media.images.get(url)?;
                    let alt = in_language(&photo.alt).unwrap_or_default();
                    Some(PhotoValue {
                        thumbnail: crate::media::picture_html(
                            image,
                            &alt,
                            crate::media::SIZES_THUMBNAIL,
                            true,
                            base_path,
                        ),
                        large: crate::media::picture_html(
                            image,
                            &alt,
                            crate::media::SIZES_FULL,
                            true,
                            base_path,
                        ),
                        caption: in_language(&photo.caption),
                        alt,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The page's gallery (`gallery = "…"`) and its folder inside content/, when it has one.
fn page_gallery<'m>(
    media: &'m crate::media::Media,
    page: &Page,
) -> Option<(String, &'m crate::media::Gallery)> {
    let folder = page.front.gallery.as_ref()?;
    let dir = crate::media::join_dir(&page.dir, folder.trim_matches('/'));
    let gallery = media.galleries.get(&dir)?;
    Some((dir, gallery))
}

/// A photo's text (alt, caption) in the page's language, else the site's default language's.
fn in_language(
    site: &Site,
    page: &Page,
    texts: &std::collections::HashMap<String, String>,
) -> Option<String> {
    (texts.get(page.lang.as_str()))
        .or_else(|| texts.get(&site.config.default_language))
        .cloned()
}

/// How wide social previews show a photo: the copy chosen is the narrowest at least this wide.
const SOCIAL_WIDTH: u32 = 1200;

/// The page's photo: its `image`, else its gallery's first, else the first image of its bundle, as the
/// processed JPEG copy nearest [`SOCIAL_WIDTH`] (never the original, whose metadata is kept out).
fn first_image(
    site: &Site,
    media: &crate::media::Media,
    page: &Page,
    base_path: &str,
) -> Option<ImageValue> {
    let chosen = (page.front.image.as_deref())
        .and_then(|file| site.asset_url(&page.dir, file))
        .filter(|url| media.images.contains_key(*url))
        .map(|url| (url, None));
    let gallery = page_gallery(media, page).and_then(|(dir, gallery)| {
        let photo = gallery.photos.first()?;
        Some((
            site.asset_url(&dir, &photo.file)?,
            in_language(site, page, &photo.alt),
        ))
    });
    let (url, alt) = chosen.or(gallery).or_else(|| {
        let url = page.assets.iter().find(|a| media.images.contains_key(*a))?;
        Some((url.as_str(), None))
    })?;
    let image = media.images.get(url)?;
    let variant = (image.variants.iter())
        .find(|v| v.width >= SOCIAL_WIDTH)
        .or(image.variants.last())?;
    Some(ImageValue {
        url: url_of(base_path, &variant.jpeg.url),
        permalink: site.config.permalink(&variant.jpeg.url),
        width: variant.width,
        height: variant.height,
        alt,
        srcset: crate::media::srcset(image, |v| &v.webp, base_path),
    })
}

/// The page's videos, each with its poster.
fn video_values<'a>(
    site: &Site,
    media: &crate::media::Media,
    page: &'a Page,
    base_path: &str,
) -> Vec<VideoValue<'a>> {
    page.front
        .videos
        .iter()
        .filter_map(|video| {
            let file_url = |file: &str| {
                site.asset_url(&page.dir, file)
                    .map(|u| url_of(base_path, u))
            };
            let source = video.source(file_url).ok()?;
            let image = media
                .images
                .get(site.asset_url(&page.dir, &video.poster)?)?;
            let poster_jpeg = &image.variants[image.variants.len() / 2].jpeg;
            Some(VideoValue {
                title: &video.title,
                source,
                poster: crate::media::picture_html(
                    image,
                    "",
                    crate::media::SIZES_CONTENT,
                    true,
                    base_path,
                ),
                poster_url: url_of(base_path, &poster_jpeg.url),
            })
        })
        .collect()
}

/// The files of the page's bundle it offers for download.
fn attachment_values<'a>(site: &Site, page: &'a Page, base_path: &str) -> Vec<AttachmentValue<'a>> {
    let config = &site.config;
    page.front
        .attachments
        .iter()
        .filter_map(|a| {
            let url = site.asset_url(&page.dir, &a.file)?;
            let source = config
                .root
                .join(crate::content::CONTENT_DIR)
                .join(&page.dir)
                .join(&a.file);
            Some(AttachmentValue {
                url: url_of(base_path, url),
                file: &a.file,
                title: a.title.as_deref().unwrap_or(&a.file),
                format: a
                    .file
                    .rsplit_once('.')
                    .map(|(_, e)| e.to_uppercase())
                    .unwrap_or_default(),
                size: std::fs::metadata(source).map(|m| m.len()).unwrap_or(0),
            })
        })
        .collect()
}

/// The value templates see of a section (its pages are added where it is used).
pub(super) fn section_value(
    site: &Site,
    index: usize,
    rendered: &Rendered,
    base_path: &str,
) -> Value {
    let config = &site.config;
    let section = &site.sections[index];
    json!({
        "title": section.front.title,
        "description": section.front.description,
        "path": section.path,
        "url": url_of(base_path, &section.path),
        "permalink": config.permalink(&section.path),
        "lang": section.lang,
        "key": section.key,
        "extra": table_to_json(&section.front.extra),
        "fallback": fallback_value(site, section.fallback_of.as_ref(), &section.key, base_path),
        "relative_path": section.rel_path.as_deref().map(relative_path),
        "translations": translation_values(site, &section.key, base_path),
        "toc": nested_toc(&rendered.toc, &config.permalink(&section.path)),
        "ancestors": ancestors(site, index, false),
        "components": components(&section.path),
        // Paginated sections list pages through `paginator`; the count is always here.
        "pages_count": section.pages.len(),
        "subsections": section.subsections.iter().map(|&i| {
            let sub = &site.sections[i];
            json!({
                "title": sub.front.title,
                "key": sub.key,
                "relative_path": sub.rel_path.as_deref().map(relative_path),
                "description": sub.front.description,
                "url": url_of(base_path, &sub.path),
                "path": sub.path,
                "pages_count": sub.pages.len(),
            })
        }).collect::<Vec<_>>(),
    })
}

/// The config as templates see it, with what the build knows beyond config.toml.
pub(super) fn config_value(config: &Config, base_path: &str, fonts_enabled: bool) -> Value {
    let mut value = serde_json::to_value(config).expect("config serializes");
    value["base_path"] = Value::String(base_path.to_string());
    // Whether pages link `fonts.css`: the theme's or site's faces decide, not config.toml.
    value["fonts"]["enabled"] = Value::Bool(fonts_enabled);
    value
}

/// What templates see of the signup form in `lang`: the provider's form, or the preview's
/// local endpoint when trying it out.
pub(super) fn signup_value(
    site: &Site,
    lang: &str,
    base_path: &str,
    options: &RenderOptions,
) -> Option<Value> {
    let signup = site.config.signup.as_ref()?;
    let form = signup.forms.get(lang)?;
    let language = site.config.language(lang)?;
    let (action, method) = match &options.signup_endpoint {
        Some(endpoint) => (format!("{endpoint}{lang}"), "post"),
        None => (form.action.clone(), form.method),
    };
    let privacy_url = signup
        .privacy
        .as_deref()
        .and_then(|link| site.resolve_internal(link, lang).ok())
        .map(|resolved| url_of(base_path, &resolved.url));
    Some(json!({
        "footer": signup.footer,
        "provider": form.provider,
        "action": action,
        "method": method,
        "email": form.email,
        "name": form.name,
        "honeypot": form.honeypot,
        "hidden": form.hidden.iter().map(|(name, value)| json!({"name": name, "value": value})).collect::<Vec<_>>(),
        "privacy_url": privacy_url,
        "thanks_url": url_of(base_path, &crate::config::signup::result_path(&language.url, "thanks")),
        "local_try_out": options.signup_endpoint.is_some(),
    }))
}

/// A JSON object plus a few fields, serialized without first copying the object: Tera copies
/// whatever it is given, so building the value beforehand would copy every page twice.
pub(super) struct ObjectWith<'a> {
    pub base: &'a Value,
    pub fields: Vec<(&'a str, Field<'a>)>,
}

pub(super) enum Field<'a> {
    Text(&'a str),
    /// A text's headings, with the address of the page they are on.
    Toc(&'a [Heading], &'a str),
    Pages(Vec<&'a Value>),
    Page(Option<&'a Value>),
}

impl Serialize for Field<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Text(text) => serializer.serialize_str(text),
            Field::Toc(toc, permalink) => nested_toc(toc, permalink).serialize(serializer),
            Field::Pages(pages) => serializer.collect_seq(pages),
            Field::Page(page) => page.serialize(serializer),
        }
    }
}

impl Serialize for ObjectWith<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        if let Some(object) = self.base.as_object() {
            for (key, value) in object {
                if !self.fields.iter().any(|(k, _)| k == key) {
                    map.serialize_entry(key, value)?;
                }
            }
        }
        for (key, field) in &self.fields {
            map.serialize_entry(key, field)?;
        }
        map.end()
    }
}
