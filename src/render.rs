//! Rendering: Markdown bodies to HTML, then every page and section of every language through
//! its Tera template, with the UI strings and URLs of that language.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use tera::{Context, Tera};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::front_matter::{table_to_json, Date};
use crate::i18n::{Arg, Strings};
use crate::markdown::{self, Heading, Rendered};
use crate::postprocess::relativize_urls;
use crate::site::{Item, Site};
use crate::templates::Templates;

/// A rendered HTML file: its path inside the output folder and its bytes.
#[derive(Debug, Clone)]
pub struct RenderedFile {
    pub path: PathBuf,
    pub html: String,
}

/// A page or section of one language: `(lang, key)`.
type ItemKey = (String, String);

/// What one render leaves for the next, so that in `serve` an edit re-renders only what it
/// touches: Markdown already rendered, and each output file with the items it was made from.
#[derive(Default)]
pub struct RenderCache {
    /// Off for one-shot builds: nothing is kept.
    pub enabled: bool,
    /// Hash of every page's address and of the bundle files: rendered Markdown (whose links
    /// depend on addresses) stays valid while it is unchanged.
    universe: u64,
    markdown: HashMap<ItemKey, (u64, Rendered)>,
    previous: Option<PreviousRender>,
    /// How many output files the last render produced anew (the rest were reused).
    pub last_rendered: usize,
}

struct PreviousRender {
    skeleton: u64,
    item_hashes: HashMap<ItemKey, ItemHash>,
    outputs: HashMap<JobKey, (RenderedFile, Vec<ItemKey>)>,
}

type JobKey = (ItemKey, usize);

/// A rendered output with the items it was made from, or its error and the page that failed.
type JobResult = Result<(RenderedFile, Vec<ItemKey>), (Diagnostic, PathBuf)>;

impl RenderCache {
    pub fn enabled() -> Self {
        RenderCache {
            enabled: true,
            ..Default::default()
        }
    }

    /// Templates or UI strings changed: every output must be rendered again.
    pub fn forget_outputs(&mut self) {
        self.previous = None;
    }

    /// The configuration changed: nothing can be reused.
    pub fn clear(&mut self) {
        self.universe = 0;
        self.markdown.clear();
        self.previous = None;
    }
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

thread_local! {
    /// Items looked up by `get_section`/`get_page` during the render running on this thread.
    static LOOKED_UP: RefCell<Vec<Item>> = const { RefCell::new(Vec::new()) };
}

/// Options that change how pages are rendered (not what they contain).
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Keep root-relative URLs (`/en/about/`) instead of page-relative ones (`../about/`).
    pub absolute_urls: bool,
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
    extra: Value,
    word_count: usize,
    reading_time: usize,
    assets: Vec<String>,
    /// Key of the file the page comes from (`about/index`), for `get_page`.
    key: &'a str,
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
}

/// Immutable data shared by every render of one build.
struct Shared<'a> {
    site: &'a Site,
    config_value: Value,
    base_path: String,
    page_values: Vec<Value>,
    /// Sections with their page lists (page values without content).
    section_values: Vec<Value>,
    rendered_pages: Vec<Rendered>,
    rendered_sections: Vec<Rendered>,
}

fn url_of(base_path: &str, site_path: &str) -> String {
    format!("{}{}", base_path, site_path.trim_start_matches('/'))
}

/// Renders every page and section of the site to HTML files.
pub fn render_site(
    site: &Site,
    templates: &Templates,
    strings: &Arc<Strings>,
    options: &RenderOptions,
    cache: &mut RenderCache,
) -> Result<(Vec<RenderedFile>, Diagnostics), Diagnostics> {
    let config = &site.config;
    let mut timer = crate::build::StageTimer::new();
    let mut problems = Diagnostics::new();
    check_templates(site, templates, &mut problems);
    problems.clone().into_result()?;

    // 1. Markdown, in parallel; link errors from every file are collected. Bodies rendered by
    //    an earlier build are reused while no address of the site has changed.
    let universe = site_universe(site);
    if !cache.enabled || cache.universe != universe {
        cache.markdown.clear();
        cache.universe = universe;
    }
    let markdown_cache = &cache.markdown;
    let cached_markdown =
        |lang: &str,
         key: &str,
         body: &str,
         render: &dyn Fn() -> Result<Rendered, Vec<Diagnostic>>| {
            let body_hash = hash_of(&body);
            match markdown_cache.get(&(lang.to_string(), key.to_string())) {
                Some((hash, rendered)) if *hash == body_hash => Ok(rendered.clone()),
                _ => render(),
            }
        };
    let rendered_pages: Vec<Result<Rendered, Vec<Diagnostic>>> = site
        .pages
        .par_iter()
        .map(|p| {
            cached_markdown(&p.lang, &p.key, &p.body, &|| {
                render_markdown(site, &p.body, &p.rel_path, p.body_line, &p.lang, &p.dir)
            })
        })
        .collect();
    let rendered_sections: Vec<Result<Rendered, Vec<Diagnostic>>> = site
        .sections
        .par_iter()
        .map(|s| match &s.rel_path {
            Some(rel) => cached_markdown(&s.lang, &s.key, &s.body, &|| {
                render_markdown(site, &s.body, rel, s.body_line, &s.lang, &s.dir)
            }),
            None => Ok(Rendered::default()),
        })
        .collect();
    let mut take = |results: Vec<Result<Rendered, Vec<Diagnostic>>>| -> Vec<Rendered> {
        results
            .into_iter()
            .map(|r| {
                r.unwrap_or_else(|e| {
                    problems.extend(e);
                    Rendered::default()
                })
            })
            .collect()
    };
    let rendered_pages = take(rendered_pages);
    let rendered_sections = take(rendered_sections);
    problems.clone().into_result()?;
    if cache.enabled {
        for (p, r) in site.pages.iter().zip(&rendered_pages) {
            cache.markdown.insert(
                (p.lang.clone(), p.key.clone()),
                (hash_of(&p.body), r.clone()),
            );
        }
        for (s, r) in site.sections.iter().zip(&rendered_sections) {
            cache.markdown.insert(
                (s.lang.clone(), s.key.clone()),
                (hash_of(&s.body), r.clone()),
            );
        }
    }
    timer.lap("markdown");

    // 2. Values templates see, computed once.
    let base_path = config.base_path();
    let page_values: Vec<Value> = site
        .pages
        .iter()
        .zip(&rendered_pages)
        .map(|(p, r)| {
            serde_json::to_value(PageValue {
                title: &p.front.title,
                description: p.front.description.as_deref(),
                date: p.front.date.as_ref(),
                updated: p.front.updated.as_ref(),
                slug: &p.slug,
                path: &p.path,
                url: url_of(&base_path, &p.path),
                permalink: config.permalink(&p.path),
                lang: &p.lang,
                weight: p.front.weight,
                draft: p.front.draft,
                extra: table_to_json(&p.front.extra),
                word_count: r.word_count,
                reading_time: r.word_count.div_ceil(200).max(1),
                assets: p.assets.iter().map(|a| url_of(&base_path, a)).collect(),
                key: &p.key,
            })
            .expect("page values serialize")
        })
        .collect();
    let section_values: Vec<Value> = site
        .sections
        .iter()
        .zip(&rendered_sections)
        .map(|(s, r)| {
            json!({
                "title": s.front.title,
                "description": s.front.description,
                "path": s.path,
                "url": url_of(&base_path, &s.path),
                "permalink": config.permalink(&s.path),
                "lang": s.lang,
                "key": s.key,
                "extra": table_to_json(&s.front.extra),
                "toc": r.toc,
                "subsections": s.subsections.iter().map(|&i| json!({
                    "title": site.sections[i].front.title,
                    "key": site.sections[i].key,
                    "description": site.sections[i].front.description,
                    "url": url_of(&base_path, &site.sections[i].path),
                    "path": site.sections[i].path,
                    "pages_count": site.sections[i].pages.len(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let shared = Shared {
        site,
        config_value: config_value(config, &base_path),
        base_path,
        page_values,
        section_values,
        rendered_pages,
        rendered_sections,
    };

    // 3. One template engine per language, so `t()` and `get_url()` speak the page's language.
    timer.lap("values");
    let engines: HashMap<&str, Tera> = config
        .languages
        .iter()
        .map(|l| {
            (
                l.code.as_str(),
                engine_for(&l.code, templates, strings, &shared),
            )
        })
        .collect();

    // 4. Templates, in parallel; with a cache, only outputs made from a changed item.
    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
    for (i, section) in site.sections.iter().enumerate() {
        let per_page = section.front.paginate_by.filter(|&n| n > 0);
        let pagers = per_page.map_or(1, |n| section.pages.len().div_ceil(n).max(1));
        jobs.extend((1..=pagers).map(|pager| Job::Section { index: i, pager }));
    }
    let item_hashes = if cache.enabled {
        item_hashes(&shared)
    } else {
        HashMap::new()
    };
    let skeleton = site_skeleton(site, universe);
    let previous = cache.previous.take().filter(|p| p.skeleton == skeleton);
    // Other outputs see an item only through its value (title, date, …); its body matters
    // only to its own output.
    let old_hash = |key: &ItemKey| previous.as_ref().and_then(|p| p.item_hashes.get(key));
    let changed_value: HashSet<&ItemKey> = item_hashes
        .iter()
        .filter(|(key, hash)| old_hash(key).map(|h| h.value) != Some(hash.value))
        .map(|(key, _)| key)
        .collect();
    let changed_body: HashSet<&ItemKey> = item_hashes
        .iter()
        .filter(|(key, hash)| old_hash(key).map(|h| h.body) != Some(hash.body))
        .map(|(key, _)| key)
        .collect();
    let reusable = |job: &Job| -> Option<&(RenderedFile, Vec<ItemKey>)> {
        let key = job_key(site, *job);
        let entry = previous.as_ref()?.outputs.get(&key)?;
        let stale =
            changed_body.contains(&key.0) || entry.1.iter().any(|d| changed_value.contains(d));
        (!stale).then_some(entry)
    };
    let results: Vec<(Job, JobResult, bool)> = jobs
        .par_iter()
        .map(|job| match reusable(job) {
            Some((file, deps)) => (*job, Ok((file.clone(), deps.clone())), false),
            None => (
                *job,
                render_job(*job, &shared, templates, &engines, options),
                true,
            ),
        })
        .collect();
    timer.lap("templates");
    let mut files = Vec::with_capacity(results.len());
    let mut template_errors: Vec<(Diagnostic, Vec<PathBuf>)> = Vec::new();
    let mut outputs = HashMap::new();
    cache.last_rendered = results.iter().filter(|(_, _, fresh)| *fresh).count();
    for (job, result, _) in results {
        match result {
            Ok((file, deps)) => {
                if cache.enabled {
                    outputs.insert(job_key(site, job), (file.clone(), deps));
                }
                files.push(file);
            }
            // One mistake in a shared template fails every page using it: say it once.
            Err((d, page)) => match template_errors.iter_mut().find(|(e, _)| *e == d) {
                Some((_, pages)) => pages.push(page),
                None => template_errors.push((d, vec![page])),
            },
        }
    }
    for (mut d, pages) in template_errors {
        d.message = match pages.len() {
            1 => format!("{} (while rendering {})", d.message, pages[0].display()),
            n => format!(
                "{} (while rendering {} and {} other pages)",
                d.message,
                pages[0].display(),
                n - 1
            ),
        };
        problems.push(d);
    }
    let warnings = problems.into_result()?;
    if cache.enabled {
        cache.previous = Some(PreviousRender {
            skeleton,
            item_hashes,
            outputs,
        });
    }
    Ok((files, warnings))
}

fn job_key(site: &Site, job: Job) -> JobKey {
    match job {
        Job::Page(i) => ((site.pages[i].lang.clone(), site.pages[i].key.clone()), 0),
        Job::Section { index, pager } => {
            let s = &site.sections[index];
            ((s.lang.clone(), s.key.clone()), pager)
        }
    }
}

/// Every address of the site and the bundle files: what rendered Markdown depends on.
fn site_universe(site: &Site) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    site.config.base_url.hash(&mut hasher);
    for l in &site.config.languages {
        (&l.code, l.direction.as_str()).hash(&mut hasher);
    }
    for p in &site.pages {
        (&p.lang, &p.key, &p.path, &p.dir).hash(&mut hasher);
    }
    for s in &site.sections {
        (&s.lang, &s.key, &s.path).hash(&mut hasher);
    }
    for a in &site.assets {
        (&a.source, &a.url).hash(&mut hasher);
    }
    hasher.finish()
}

/// The universe plus the section tree: when it changes, every output is rendered again.
fn site_skeleton(site: &Site, universe: u64) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    universe.hash(&mut hasher);
    for p in &site.pages {
        site.sections[p.section].key.hash(&mut hasher);
    }
    for s in &site.sections {
        (s.parent, &s.subsections, s.pages.len(), s.front.paginate_by).hash(&mut hasher);
    }
    hasher.finish()
}

/// Hashes of what templates can see of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ItemHash {
    /// What every template sees: the item's value (title, date, extra, word count, …).
    value: u64,
    /// What only its own page sees: the rendered body and table of contents.
    body: u64,
}

fn item_hashes(shared: &Shared) -> HashMap<ItemKey, ItemHash> {
    let site = shared.site;
    let mut hashes = HashMap::new();
    for (i, p) in site.pages.iter().enumerate() {
        let value = serde_json::to_string(&shared.page_values[i]).unwrap_or_default();
        let rendered = &shared.rendered_pages[i];
        let toc = serde_json::to_string(&rendered.toc).unwrap_or_default();
        hashes.insert(
            (p.lang.clone(), p.key.clone()),
            ItemHash {
                value: hash_of(&value),
                body: hash_of(&(&rendered.html, toc)),
            },
        );
    }
    for (i, s) in site.sections.iter().enumerate() {
        let value = serde_json::to_string(&shared.section_values[i]).unwrap_or_default();
        hashes.insert(
            (s.lang.clone(), s.key.clone()),
            ItemHash {
                value: hash_of(&value),
                body: hash_of(&shared.rendered_sections[i].html),
            },
        );
    }
    hashes
}

#[derive(Debug, Clone, Copy)]
enum Job {
    Page(usize),
    Section { index: usize, pager: usize },
}

fn config_value(config: &Config, base_path: &str) -> Value {
    let mut value = serde_json::to_value(config).expect("config serializes");
    value["base_path"] = Value::String(base_path.to_string());
    value
}

/// Fails early, naming the content file, when a page asks for a template that does not exist.
fn check_templates(site: &Site, templates: &Templates, problems: &mut Diagnostics) {
    let available = || templates.names().collect::<Vec<_>>().join(", ");
    for page in &site.pages {
        let name = page_template(site, page);
        if !templates.has(name) {
            problems.push(
                Diagnostic::error(&page.rel_path, format!("template `{name}` does not exist"))
                    .with_hint(format!("templates available: {}", available())),
            );
        }
    }
    for section in &site.sections {
        let name = section_template(section);
        if !templates.has(name) {
            let path = section
                .rel_path
                .clone()
                .unwrap_or_else(|| PathBuf::from("content/_index.md"));
            problems.push(
                Diagnostic::error(path, format!("template `{name}` does not exist"))
                    .with_hint(format!("templates available: {}", available())),
            );
        }
    }
}

fn page_template<'a>(site: &'a Site, page: &'a crate::site::Page) -> &'a str {
    page.front
        .template
        .as_deref()
        .or(site.sections[page.section].front.page_template.as_deref())
        .unwrap_or("page.html")
}

fn section_template(section: &crate::site::Section) -> &str {
    match (&section.front.template, section.dir.is_empty()) {
        (Some(name), _) => name,
        (None, true) => "index.html",
        (None, false) => "section.html",
    }
}

fn render_markdown(
    site: &Site,
    body: &str,
    rel_path: &std::path::Path,
    first_line: usize,
    lang: &str,
    dir: &str,
) -> Result<Rendered, Vec<Diagnostic>> {
    let direction = site
        .config
        .language(lang)
        .map(|l| l.direction)
        .unwrap_or(crate::languages::Direction::Ltr);
    let base_path = site.config.base_path();
    let resolve_internal = |link: &str| {
        site.resolve_internal(link, lang)
            .map(|r| url_of(&base_path, &r.url))
    };
    let resolve_asset = |path: &str| site.asset_url(dir, path).map(|u| url_of(&base_path, u));
    markdown::render(&markdown::Source {
        text: body,
        rel_path,
        first_line,
        direction,
        resolve_internal: &resolve_internal,
        resolve_asset: &resolve_asset,
    })
}

/// Language switcher data for the item with `key`, seen from `current`.
fn language_links<'a>(
    shared: &'a Shared,
    key: &str,
    current: &str,
) -> (Vec<LanguageLink<'a>>, Vec<LanguageLink<'a>>) {
    let site = shared.site;
    let all: Vec<LanguageLink> = site
        .config
        .languages
        .iter()
        .map(|l| {
            let item = site.get(&l.code, key);
            let path = item.map_or(l.url.as_str(), |i| site.item_path(i));
            LanguageLink {
                code: &l.code,
                name: &l.name,
                dir: l.direction.as_str(),
                url: url_of(&shared.base_path, path),
                permalink: site.config.permalink(path),
                available: item.is_some(),
                is_current: l.code == current,
            }
        })
        .collect();
    let translations = all.iter().filter(|l| l.available).cloned().collect();
    (translations, all)
}

fn render_job(
    job: Job,
    shared: &Shared,
    templates: &Templates,
    engines: &HashMap<&str, Tera>,
    options: &RenderOptions,
) -> JobResult {
    let site = shared.site;
    let mut context = Context::new();
    context.insert("config", &shared.config_value);
    let (lang, key, site_path, template, rel_path) = match job {
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
                page.key.as_str(),
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
                .map(|&i| &shared.page_values[i])
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
                section.key.as_str(),
                path,
                section_template(section),
                rel,
            )
        }
    };
    let language = site
        .config
        .language(lang)
        .expect("content languages are configured");
    let (translations, languages) = language_links(shared, key, lang);
    context.insert("lang", lang);
    context.insert("dir", language.direction.as_str());
    context.insert("language", language);
    context.insert("translations", &translations);
    context.insert("languages", &languages);
    context.insert("current_path", &site_path);
    context.insert("current_url", &site.config.permalink(&site_path));
    context.insert("base_path", &shared.base_path);

    let engine = &engines[lang];
    LOOKED_UP.with(|l| l.borrow_mut().clear());
    let html = engine.render(template, &context).map_err(|e| {
        (
            templates.describe_error(&e, Some(template)),
            rel_path.clone(),
        )
    })?;
    let looked_up = LOOKED_UP.with(|l| std::mem::take(&mut *l.borrow_mut()));
    let deps = dependencies(site, job, looked_up);
    let html = if options.absolute_urls {
        html
    } else {
        let page_dir = url_of(&shared.base_path, &site_path);
        relativize_urls(&html, &shared.base_path, &page_dir).map_err(|e| {
            (
                Diagnostic::error(&rel_path, format!("post-processing the HTML failed: {e}")),
                rel_path.clone(),
            )
        })?
    };
    Ok((
        RenderedFile {
            path: output_path(&site_path),
            html,
        },
        deps,
    ))
}

/// The items an output was made from: its own, what its context holds, what it looked up.
fn dependencies(site: &Site, job: Job, looked_up: Vec<Item>) -> Vec<ItemKey> {
    let key_of = |item: Item| match item {
        Item::Page(i) => (site.pages[i].lang.clone(), site.pages[i].key.clone()),
        Item::Section(i) => (site.sections[i].lang.clone(), site.sections[i].key.clone()),
    };
    let mut items = match job {
        Job::Page(i) => vec![Item::Page(i), Item::Section(site.pages[i].section)],
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
    items.sort_by_key(|item| match item {
        Item::Page(i) => (0, *i),
        Item::Section(i) => (1, *i),
    });
    items.dedup();
    items.into_iter().map(key_of).collect()
}

/// A JSON object plus a few fields, serialized without first copying the object: Tera copies
/// whatever it is given, so building the value beforehand would copy every page twice.
struct ObjectWith<'a> {
    base: &'a Value,
    fields: Vec<(&'a str, Field<'a>)>,
}

enum Field<'a> {
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

/// `/en/about/` → `en/about/index.html`.
pub fn output_path(site_path: &str) -> PathBuf {
    let mut path = PathBuf::new();
    for part in site_path.split('/').filter(|p| !p.is_empty()) {
        path.push(part);
    }
    path.push("index.html");
    path
}

/// A Tera engine whose functions answer in `lang`.
fn engine_for(lang: &str, templates: &Templates, strings: &Arc<Strings>, shared: &Shared) -> Tera {
    let mut tera = templates.tera.clone();
    let site_lang = lang.to_string();
    let strings = Arc::clone(strings);
    tera.register_function("t", move |args: &HashMap<String, Value>| {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs key=\"…\", the name of a UI string"))?;
        let lang = args
            .get("lang")
            .and_then(Value::as_str)
            .unwrap_or(&site_lang);
        let mut fluent_args: Vec<(String, Arg)> = args
            .iter()
            .filter(|(name, _)| *name != "key" && *name != "lang")
            .map(|(name, value)| {
                let arg = match value {
                    Value::Number(n) => Arg::Number(n.as_f64().unwrap_or(0.0)),
                    Value::String(s) => Arg::Text(s.clone()),
                    other => Arg::Text(other.to_string()),
                };
                (name.clone(), arg)
            })
            .collect();
        fluent_args.sort_by(|a, b| a.0.cmp(&b.0));
        strings
            .format(lang, key, &fluent_args)
            .map(Value::String)
            .map_err(tera::Error::msg)
    });

    let site_lang = lang.to_string();
    let site = Arc::new(SiteLookups::new(shared));
    let lookups = Arc::clone(&site);
    tera.register_function("get_url", move |args: &HashMap<String, Value>| {
        let path = args
            .get("path")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("get_url() needs path=\"…\""))?;
        let lang = args
            .get("lang")
            .and_then(Value::as_str)
            .unwrap_or(&site_lang);
        lookups
            .url(path, lang)
            .map(Value::String)
            .map_err(tera::Error::msg)
    });
    let site_lang = lang.to_string();
    let lookups = Arc::clone(&site);
    tera.register_function("get_section", move |args: &HashMap<String, Value>| {
        let path = args
            .get("path")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("get_section() needs path=\"…/_index.md\""))?;
        let lang = args
            .get("lang")
            .and_then(Value::as_str)
            .unwrap_or(&site_lang);
        lookups.section(path, lang).map_err(tera::Error::msg)
    });
    let site_lang = lang.to_string();
    let lookups = site;
    tera.register_function("get_page", move |args: &HashMap<String, Value>| {
        let path = args
            .get("path")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("get_page() needs path=\"…/index.md\""))?;
        let lang = args
            .get("lang")
            .and_then(Value::as_str)
            .unwrap_or(&site_lang);
        lookups.page(path, lang).map_err(tera::Error::msg)
    });
    tera
}

/// What `get_url`, `get_section` and `get_page` look up: owned copies, as Tera functions must
/// be `'static`.
struct SiteLookups {
    base_path: String,
    index: HashMap<(String, String), Item>,
    paths: HashMap<(String, String), String>,
    default_language: String,
    languages: Vec<String>,
    page_values: Vec<Value>,
    section_values: Vec<Value>,
    section_pages: Vec<Vec<usize>>,
}

impl SiteLookups {
    fn new(shared: &Shared) -> Self {
        let site = shared.site;
        let mut index = HashMap::new();
        let mut paths = HashMap::new();
        for (i, p) in site.pages.iter().enumerate() {
            index.insert((p.lang.clone(), p.key.clone()), Item::Page(i));
            paths.insert((p.lang.clone(), p.key.clone()), p.path.clone());
        }
        for (i, s) in site.sections.iter().enumerate() {
            index.insert((s.lang.clone(), s.key.clone()), Item::Section(i));
            paths.insert((s.lang.clone(), s.key.clone()), s.path.clone());
        }
        SiteLookups {
            base_path: shared.base_path.clone(),
            index,
            paths,
            default_language: site.config.default_language.clone(),
            languages: site
                .config
                .languages
                .iter()
                .map(|l| l.code.clone())
                .collect(),
            page_values: shared.page_values.clone(),
            section_values: shared.section_values.clone(),
            section_pages: site.sections.iter().map(|s| s.pages.clone()).collect(),
        }
    }

    fn find(&self, path: &str, lang: &str) -> Option<(Item, String)> {
        let target = path.trim_start_matches("@/");
        let (target, _) = target.split_once('#').unwrap_or((target, ""));
        let key = target
            .strip_suffix(".md")
            .unwrap_or(target)
            .trim_end_matches('/');
        let candidates = [
            key.to_string(),
            format!("{key}/index"),
            format!("{key}/_index"),
        ];
        let order = [lang.to_string(), self.default_language.clone()]
            .into_iter()
            .chain(self.languages.iter().cloned());
        for l in order {
            for k in &candidates {
                if let Some(item) = self.index.get(&(l.clone(), k.clone())) {
                    return Some((*item, self.paths[&(l.clone(), k.clone())].clone()));
                }
            }
        }
        None
    }

    fn url(&self, path: &str, lang: &str) -> Result<String, String> {
        if path.starts_with("@/") {
            let fragment = path
                .split_once('#')
                .map(|(_, f)| format!("#{f}"))
                .unwrap_or_default();
            return self
                .find(path, lang)
                .map(|(_, p)| format!("{}{}", url_of(&self.base_path, &p), fragment))
                .ok_or_else(|| format!("get_url: `{path}` leads to no page"));
        }
        Ok(url_of(&self.base_path, path))
    }

    fn section(&self, path: &str, lang: &str) -> Result<Value, String> {
        match self.find(path, lang) {
            Some((Item::Section(i), _)) => {
                LOOKED_UP.with(|l| l.borrow_mut().push(Item::Section(i)));
                let pages = self.section_pages[i].iter().map(|&p| &self.page_values[p]).collect();
                let value = ObjectWith {
                    base: &self.section_values[i],
                    fields: vec![("pages", Field::Pages(pages))],
                };
                serde_json::to_value(value).map_err(|e| e.to_string())
            }
            _ => Err(format!("get_section: there is no section `{path}`; name its _index.md, e.g. reports/_index.md")),
        }
    }

    fn page(&self, path: &str, lang: &str) -> Result<Value, String> {
        match self.find(path, lang) {
            Some((Item::Page(i), _)) => {
                LOOKED_UP.with(|l| l.borrow_mut().push(Item::Page(i)));
                Ok(self.page_values[i].clone())
            }
            _ => Err(format!("get_page: there is no page `{path}`")),
        }
    }
}
