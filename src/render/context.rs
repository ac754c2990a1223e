//! What templates see: the values of pages and sections, the language switcher, pagination,
//! and the rendering of one output file with its context.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;
use serde_json::{json, Value};
use tera::{Context, Tera};

use super::{
    functions, output_path, page_template, section_template, url_of, Job, JobResult, RenderOptions,
    RenderedFile, Shared,
};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::front_matter::{table_to_json, Date};
use crate::markdown::{Heading, Rendered};
use crate::postprocess::{minify, rewrite, Rewrite};
use crate::site::{Item, Page, Section, Site};
use crate::templates::Templates;

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
    extra: Value,
    word_count: usize,
    reading_time: usize,
    assets: Vec<String>,
    /// Key of the file the page comes from (`about/index`), for `get_page`.
    key: &'a str,
    /// `about`, `report`, `conference` or `statement`, from the table the page fills in.
    kind: Option<&'static str>,
    about: Option<&'a crate::kinds::About>,
    report: Option<&'a crate::kinds::Report>,
    conference: Option<&'a crate::kinds::Conference>,
    statement: Option<&'a crate::kinds::Statement>,
    attachments: Vec<AttachmentValue<'a>>,
    /// The photos of the page's gallery, in its language.
    gallery: Vec<PhotoValue>,
    videos: Vec<VideoValue<'a>>,
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

#[derive(Serialize, Clone)]
struct VideoValue<'a> {
    title: &'a str,
    #[serde(flatten)]
    source: crate::media::VideoSource,
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

#[derive(Serialize, Clone)]
struct LanguageLink<'a> {
    code: &'a str,
    name: &'a str,
    dir: &'a str,
    /// The translation's URL, or the language's home when the page does not exist in it.
    url: String,
    /// Absolute address of `url`, for `<link rel="alternate">` and sitemaps.
    permalink: String,
    available: bool,
    is_current: bool,
    is_default: bool,
}

/// The value templates see of a page (without its body, which only its own page gets).
pub(super) fn page_value(
    site: &Site,
    media: &crate::media::Media,
    page: &Page,
    rendered: &Rendered,
    base_path: &str,
) -> Value {
    let config = &site.config;
    let gallery = page
        .front
        .gallery
        .as_ref()
        .and_then(|folder| {
            let dir = crate::media::join_dir(&page.dir, folder.trim_matches('/'));
            media.galleries.get(&dir).map(|g| (dir, g))
        })
        .map(|(dir, gallery)| {
            let in_language = |texts: &std::collections::HashMap<String, String>| {
                texts
                    .get(&page.lang)
                    .or_else(|| texts.get(&config.default_language))
                    .cloned()
            };
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
        .unwrap_or_default();
    let videos = page
        .front
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
        .collect();
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
        extra: table_to_json(&page.front.extra),
        word_count: rendered.word_count,
        reading_time: rendered.word_count.div_ceil(200).max(1),
        assets: page.assets.iter().map(|a| url_of(base_path, a)).collect(),
        key: &page.key,
        kind: crate::kinds::kind_of(&page.front).ok().flatten(),
        about: page.front.about.as_ref(),
        report: page.front.report.as_ref(),
        conference: page.front.conference.as_ref(),
        statement: page.front.statement.as_ref(),
        attachments: page
            .front
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
            .collect(),
        gallery,
        videos,
    })
    .expect("page values serialize")
}

/// The value templates see of a section (its pages are added where it is used).
pub(super) fn section_value(
    site: &Site,
    section: &Section,
    rendered: &Rendered,
    base_path: &str,
) -> Value {
    let config = &site.config;
    json!({
        "title": section.front.title,
        "description": section.front.description,
        "path": section.path,
        "url": url_of(base_path, &section.path),
        "permalink": config.permalink(&section.path),
        "lang": section.lang,
        "key": section.key,
        "extra": table_to_json(&section.front.extra),
        "toc": &rendered.toc[..],
        // Paginated sections list pages through `paginator`; the count is always here.
        "pages_count": section.pages.len(),
        "subsections": section.subsections.iter().map(|&i| {
            let sub = &site.sections[i];
            json!({
                "title": sub.front.title,
                "key": sub.key,
                "description": sub.front.description,
                "url": url_of(base_path, &sub.path),
                "path": sub.path,
                "pages_count": sub.pages.len(),
            })
        }).collect::<Vec<_>>(),
    })
}

pub(super) fn config_value(config: &Config, base_path: &str) -> Value {
    let mut value = serde_json::to_value(config).expect("config serializes");
    value["base_path"] = Value::String(base_path.to_string());
    value
}

/// Where an output is in a language: `None` when it does not exist there.
type PathIn<'a> = Box<dyn Fn(&crate::config::Language) -> Option<String> + 'a>;

/// Language switcher data for an output, seen from `current`: every language, with the
/// address of this output in it, or that language's home where it does not exist.
fn language_links<'a>(
    shared: &'a Shared,
    current: &str,
    path_in: &PathIn,
) -> (Vec<LanguageLink<'a>>, Vec<LanguageLink<'a>>) {
    let site = shared.site;
    let all: Vec<LanguageLink> = site
        .config
        .languages
        .iter()
        .map(|l| {
            let path = path_in(l);
            let available = path.is_some();
            let path = path.unwrap_or_else(|| l.url.clone());
            LanguageLink {
                code: &l.code,
                name: &l.name,
                dir: l.direction.as_str(),
                url: url_of(&shared.base_path, &path),
                permalink: site.config.permalink(&path),
                available,
                is_current: l.code == current,
                is_default: l.is_default,
            }
        })
        .collect();
    let translations = all.iter().filter(|l| l.available).cloned().collect();
    (translations, all)
}

/// An item's address in each language it exists in.
fn item_in(site: &Site, key: &str) -> PathIn<'static> {
    let paths: HashMap<String, String> = site
        .languages_of(key)
        .into_iter()
        .map(|(code, item)| (code.to_string(), site.item_path(item).to_string()))
        .collect();
    Box::new(move |l| paths.get(&l.code).cloned())
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
        "thanks_url": url_of(base_path, &crate::signup::result_path(&language.url, "thanks")),
        "local_try_out": options.signup_endpoint.is_some(),
    }))
}

pub(super) fn render_job(
    job: Job,
    shared: &Shared,
    templates: &Templates,
    engines: &HashMap<&str, Tera>,
    options: &RenderOptions,
) -> JobResult {
    let site = shared.site;
    let mut context = Context::new();
    context.insert("config", &shared.config_value);
    let (lang, path_in, site_path, template, rel_path): (&str, PathIn, _, _, _) = match job {
        Job::Page(i) => {
            let page = &site.pages[i];
            let rendered = &shared.rendered_pages[i];
            context.insert(
                "page",
                &ObjectWith {
                    base: &shared.page_values[i],
                    fields: vec![
                        ("content", Field::Text(&rendered.html)),
                        ("toc", Field::Toc(&rendered.toc)),
                    ],
                },
            );
            let section = &shared.section_values[page.section];
            context.insert(
                "section",
                &json!({"title": section["title"], "url": section["url"], "path": section["path"]}),
            );
            (
                page.lang.as_str(),
                item_in(site, &page.key),
                page.path.clone(),
                page_template(site, page),
                page.rel_path.clone(),
            )
        }
        Job::Section { index, pager } => {
            let section = &site.sections[index];
            let mut path = section.path.clone();
            let all_pages: Vec<&Value> = section
                .pages
                .iter()
                .map(|&i| &*shared.page_values[i])
                .collect();
            let mut listed_pages = all_pages.clone();
            if let Some(per_page) = section.front.paginate_by.filter(|&n| n > 0) {
                let total = section.pages.len().div_ceil(per_page).max(1);
                let pager_url = |n: usize| {
                    let p = if n == 1 {
                        section.path.clone()
                    } else {
                        format!("{}page/{n}/", section.path)
                    };
                    url_of(&shared.base_path, &p)
                };
                // A paginated section lists its pages through `paginator.pages` only: copying
                // every page into each pager's context made large sections quadratic.
                listed_pages.clear();
                context.insert(
                    "paginator",
                    &Paginator {
                        paginate_by: per_page,
                        current_index: pager,
                        number_pagers: total,
                        pages: all_pages
                            .iter()
                            .skip((pager - 1) * per_page)
                            .take(per_page)
                            .copied()
                            .collect(),
                        first: pager_url(1),
                        last: pager_url(total),
                        previous: (pager > 1).then(|| pager_url(pager - 1)),
                        next: (pager < total).then(|| pager_url(pager + 1)),
                    },
                );
                if pager > 1 {
                    path = format!("{}page/{pager}/", section.path);
                }
            }
            let value = ObjectWith {
                base: &shared.section_values[index],
                fields: vec![
                    (
                        "content",
                        Field::Text(&shared.rendered_sections[index].html),
                    ),
                    ("pages", Field::Pages(listed_pages)),
                ],
            };
            context.insert("section", &value);
            let rel = section
                .rel_path
                .clone()
                .unwrap_or_else(|| PathBuf::from("content/_index.md"));
            (
                section.lang.as_str(),
                item_in(site, &section.key),
                path,
                section_template(section),
                rel,
            )
        }
        Job::NotFound { language } => {
            let language = &site.config.languages[language];
            (
                language.code.as_str(),
                // Not-found pages exist in every language; each offers that language's home.
                Box::new(|l: &crate::config::Language| Some(l.url.clone())),
                format!("{}404.html", language.url),
                "404.html",
                PathBuf::from(crate::config::CONFIG_FILE),
            )
        }
        Job::SignupResult { language, outcome } => {
            let language = &site.config.languages[language];
            context.insert("outcome", outcome);
            (
                language.code.as_str(),
                Box::new(move |l: &crate::config::Language| {
                    Some(crate::signup::result_path(&l.url, outcome))
                }),
                crate::signup::result_path(&language.url, outcome),
                "signup-result.html",
                PathBuf::from(crate::config::CONFIG_FILE),
            )
        }
    };
    let language = site
        .config
        .language(lang)
        .expect("content languages are configured");
    let (translations, languages) = language_links(shared, lang, &path_in);
    context.insert("lang", lang);
    context.insert("dir", language.direction.as_str());
    context.insert("language", language);
    context.insert("translations", &translations);
    context.insert("languages", &languages);
    context.insert("current_path", &site_path);
    context.insert("current_url", &site.config.permalink(&site_path));
    context.insert("base_path", &shared.base_path);
    if let Some(signup) = shared.signup_values.get(lang) {
        context.insert("signup", signup);
    }

    let engine = &engines[lang];
    functions::start_recording();
    // `{{ signup() }}` in Markdown left a placeholder: the theme's form goes there.
    if let Job::Page(i) = job {
        let rendered = &shared.rendered_pages[i];
        if rendered.html.contains(crate::markdown::SIGNUP_PLACEHOLDER) {
            context.insert("form_place", "content");
            let form = engine
                .render("partials/signup.html", &context)
                .map_err(|e| {
                    (
                        templates.describe_error(&e, Some("partials/signup.html")),
                        rel_path.clone(),
                    )
                })?;
            context.remove("form_place");
            let content = rendered
                .html
                .replace(crate::markdown::SIGNUP_PLACEHOLDER, &form);
            context.insert(
                "page",
                &ObjectWith {
                    base: &shared.page_values[i],
                    fields: vec![
                        ("content", Field::Text(&content)),
                        ("toc", Field::Toc(&rendered.toc)),
                    ],
                },
            );
        }
    }
    let html = engine.render(template, &context).map_err(|e| {
        (
            templates.describe_error(&e, Some(template)),
            rel_path.clone(),
        )
    })?;
    let looked_up = functions::recorded();
    let deps = dependencies(site, job, looked_up);
    // A not-found page is served at whatever address was asked for: its links must not be
    // relative to where it is stored.
    let page_dir = url_of(&shared.base_path, &site_path);
    let keep_absolute = options.absolute_urls || matches!(job, Job::NotFound { .. });
    let html = rewrite(
        &html,
        &Rewrite {
            base_path: &shared.base_path,
            page_dir: (!keep_absolute).then_some(page_dir.as_str()),
            origin: &site.config.base_url,
            assets: &options.assets,
            external_rel: &shared.external_rel,
            table_label: shared.table_labels.get(lang).map_or("", String::as_str),
        },
    )
    .map_err(|e| {
        (
            Diagnostic::error(&rel_path, format!("post-processing the HTML failed: {e}")),
            rel_path.clone(),
        )
    })?;
    let html = if site.config.minify && !options.preview {
        minify(&html)
    } else {
        html
    };
    Ok((
        RenderedFile {
            path: if site_path.ends_with(".html") {
                PathBuf::from(site_path.trim_start_matches('/'))
            } else {
                output_path(&site_path)
            },
            html: Arc::from(html),
        },
        deps,
    ))
}

/// The items (by index: pages, then sections) an output was made from: its own, what its
/// context holds, and what its template looked up.
fn dependencies(site: &Site, job: Job, looked_up: Vec<Item>) -> Arc<[usize]> {
    let index = |item: Item| match item {
        Item::Page(i) => i,
        Item::Section(i) => site.pages.len() + i,
    };
    let mut items = match job {
        Job::Page(i) => vec![Item::Page(i), Item::Section(site.pages[i].section)],
        Job::SignupResult { language, .. } | Job::NotFound { language } => {
            vec![Item::Section(
                site.home(&site.config.languages[language].code),
            )]
        }
        Job::Section { index, .. } => {
            let s = &site.sections[index];
            let mut items = vec![Item::Section(index)];
            items.extend(s.pages.iter().map(|&p| Item::Page(p)));
            items.extend(s.subsections.iter().map(|&c| Item::Section(c)));
            items
        }
    };
    for item in looked_up {
        items.push(item);
        if let Item::Section(i) = item {
            items.extend(site.sections[i].pages.iter().map(|&p| Item::Page(p)));
        }
    }
    let mut indices: Vec<usize> = items.into_iter().map(index).collect();
    indices.sort_unstable();
    indices.dedup();
    indices.into()
}
/// A JSON object plus a few fields, serialized without first copying the object: Tera copies
/// whatever it is given, so building the value beforehand would copy every page twice.
pub(super) struct ObjectWith<'a> {
    pub base: &'a Value,
    pub fields: Vec<(&'a str, Field<'a>)>,
}

pub(super) enum Field<'a> {
    Text(&'a str),
    Toc(&'a [Heading]),
    Pages(Vec<&'a Value>),
}

impl Serialize for Field<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Text(text) => serializer.serialize_str(text),
            Field::Toc(toc) => toc.serialize(serializer),
            Field::Pages(pages) => serializer.collect_seq(pages),
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

#[derive(Serialize)]
struct Paginator<'a> {
    paginate_by: usize,
    current_index: usize,
    number_pagers: usize,
    pages: Vec<&'a Value>,
    first: String,
    last: String,
    previous: Option<String>,
    next: Option<String>,
}
