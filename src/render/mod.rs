//! Rendering: Markdown bodies to HTML, then every page and section of every language through
//! its Tera template, with the UI strings and URLs of that language.
//!
//! `context` builds what templates see, `functions` what they can call, and `cache` keeps
//! what a render can leave to the next one when `serve` rebuilds after a save.

mod cache;
mod context;
mod functions;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;
use tera::Tera;

use crate::build::StageTimer;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::markdown::{self, Rendered};
use crate::media::Media;
use crate::site::Site;
use crate::templates::Templates;
pub use cache::RenderCache;
use cache::{hash_of, ItemHash, Output};

/// A rendered HTML file: its path inside the output folder and its text (shared, so that a
/// file kept between preview rebuilds is never copied).
#[derive(Debug, Clone)]
pub struct RenderedFile {
    pub path: PathBuf,
    pub html: Arc<str>,
}

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
    /// Fingerprinted names of the theme's and site's assets (none in the preview).
    pub assets: Arc<crate::postprocess::AssetNames>,
}

/// Immutable data shared by every render of one build.
struct Shared<'a> {
    site: &'a Site,
    config_value: Value,
    base_path: String,
    page_values: Vec<Arc<Value>>,
    section_values: Vec<Value>,
    rendered_pages: Vec<Rendered>,
    rendered_sections: Vec<Rendered>,
    /// The signup form of each language, when the site has one.
    signup_values: HashMap<String, Value>,
    /// The accessible name of a scrolling table, per language.
    table_labels: HashMap<String, String>,
    /// What `rel` says on links to other hosts.
    external_rel: String,
}

/// One output file to render: a page, one pager of a section, or a page the build makes itself.
#[derive(Debug, Clone, Copy)]
enum Job {
    Page(usize),
    Section {
        index: usize,
        pager: usize,
    },
    /// The page a mailing-list provider sends subscribers back to: `thanks` or `error`.
    SignupResult {
        language: usize,
        outcome: &'static str,
    },
    /// The page hosts show for an address with nothing there, per language.
    NotFound {
        language: usize,
    },
}

/// The outcomes of a signup that get a page of their own.
pub const SIGNUP_OUTCOMES: [&str; 2] = ["thanks", "error"];

/// A rendered output with the items it was made from, or its error and the page that failed.
type JobResult = Result<Output, (Diagnostic, PathBuf)>;

fn url_of(base_path: &str, site_path: &str) -> String {
    format!("{}{}", base_path, site_path.trim_start_matches('/'))
}

/// Every output of the site in a fixed order: pages, then each section's pagers.
fn jobs(site: &Site, has_404_template: bool) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
    for (i, section) in site.sections.iter().enumerate() {
        let per_page = section.front.paginate_by.filter(|&n| n > 0);
        let pagers = per_page.map_or(1, |n| section.pages.len().div_ceil(n).max(1));
        jobs.extend((1..=pagers).map(|pager| Job::Section { index: i, pager }));
    }
    // A not-found page per language, when the theme has the template and the site does not
    // ship its own page in static/.
    if has_404_template {
        let own_page = |l: &crate::config::Language| {
            site.config
                .root
                .join(crate::build::STATIC_DIR)
                .join(format!("{}404.html", l.url.trim_start_matches('/')))
                .is_file()
        };
        jobs.extend(
            (0..site.config.languages.len())
                .filter(|&i| !own_page(&site.config.languages[i]))
                .map(|language| Job::NotFound { language }),
        );
    }
    if site.config.signup.is_some() {
        for language in 0..site.config.languages.len() {
            jobs.extend(SIGNUP_OUTCOMES.map(|outcome| Job::SignupResult { language, outcome }));
        }
    }
    jobs
}

/// The index (pages, then sections) of the item an output shows.
fn own_item(site: &Site, job: Job) -> usize {
    match job {
        Job::Page(i) => i,
        Job::Section { index, .. } => site.pages.len() + index,
        // Made from the language's home (its title) and the config only.
        Job::SignupResult { language, .. } | Job::NotFound { language } => {
            site.pages.len() + site.home(&site.config.languages[language].code)
        }
    }
}

/// Renders every page and section of the site to HTML files. With an enabled `cache`, only
/// what changed since the previous render is rendered again.
pub fn render_site(
    site: &Site,
    templates: &Templates,
    strings: &Arc<Strings>,
    options: &RenderOptions,
    media: &Media,
    cache: &mut RenderCache,
) -> Result<(Vec<RenderedFile>, Diagnostics), Diagnostics> {
    let config = &site.config;
    let mut timer = StageTimer::new();
    let mut problems = Diagnostics::new();
    check_templates(site, templates, &mut problems);
    problems.extend(crate::kinds::check(site));
    problems.clone().into_result()?;
    cache.begin(site, media.fingerprint);

    // 1. Markdown, in parallel; link errors from every file are collected.
    let pages_count = site.pages.len();
    let rendered_pages: Vec<Result<Rendered, Vec<Diagnostic>>> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| match cache.markdown(i, p.fresh) {
            Some(rendered) => Ok(rendered),
            None => render_markdown(
                site,
                media,
                &p.body,
                &p.rel_path,
                p.body_line,
                &p.lang,
                &p.dir,
            ),
        })
        .collect();
    let rendered_sections: Vec<Result<Rendered, Vec<Diagnostic>>> = site
        .sections
        .par_iter()
        .enumerate()
        .map(
            |(i, s)| match (&s.rel_path, cache.markdown(pages_count + i, s.fresh)) {
                (_, Some(rendered)) => Ok(rendered),
                (Some(rel), None) => {
                    render_markdown(site, media, &s.body, rel, s.body_line, &s.lang, &s.dir)
                }
                (None, None) => Ok(Rendered::default()),
            },
        )
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
    cache.store_markdown(rendered_pages.iter().chain(&rendered_sections));
    timer.lap("markdown");

    // 2. Values templates see, computed once (and kept for files that were not re-read).
    let base_path = config.base_path();
    let page_states: Vec<(Arc<Value>, ItemHash)> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            cache.page_value(i, p.fresh).unwrap_or_else(|| {
                let rendered = &rendered_pages[i];
                let value = context::page_value(site, media, p, rendered, &base_path);
                let hash = ItemHash {
                    value: hash_of(&value.to_string()),
                    body: hash_of(&(
                        &rendered.html,
                        serde_json::to_string(&rendered.toc[..]).unwrap_or_default(),
                    )),
                };
                (Arc::new(value), hash)
            })
        })
        .collect();
    cache.store_page_values(&page_states);
    let section_values: Vec<Value> = site
        .sections
        .iter()
        .zip(&rendered_sections)
        .map(|(s, r)| context::section_value(site, s, r, &base_path))
        .collect();
    let mut hashes: Vec<ItemHash> = page_states.iter().map(|(_, h)| *h).collect();
    hashes.extend(
        section_values
            .iter()
            .zip(&rendered_sections)
            .map(|(v, r)| ItemHash {
                value: hash_of(&v.to_string()),
                body: hash_of(&r.html),
            }),
    );
    let signup_values = config
        .languages
        .iter()
        .filter_map(|l| {
            Some((
                l.code.clone(),
                context::signup_value(site, &l.code, &base_path, options)?,
            ))
        })
        .collect();
    let table_labels = config
        .languages
        .iter()
        .map(|l| {
            let label = strings
                .format(&l.code, "scrollable-table", &[])
                .unwrap_or_default();
            (l.code.clone(), label)
        })
        .collect();
    let shared = Shared {
        site,
        signup_values,
        table_labels,
        external_rel: config.links.external_rel(),
        config_value: context::config_value(config, &base_path),
        base_path,
        page_values: page_states.into_iter().map(|(v, _)| v).collect(),
        section_values,
        rendered_pages,
        rendered_sections,
    };
    timer.lap("values");

    // 3. One template engine per language, so `t()` and `get_url()` speak the page's language.
    let lookups = Arc::new(functions::SiteLookups::new(&shared));
    let engines: HashMap<&str, Tera> = config
        .languages
        .iter()
        .map(|l| {
            (
                l.code.as_str(),
                functions::engine_for(&l.code, &l.locale, templates, strings, &lookups),
            )
        })
        .collect();

    // 4. Templates, in parallel. After a save, an output is rendered again only if its own
    //    item changed, or the value of an item it was made from did.
    let jobs = jobs(site, templates.has("404.html"));
    let skeleton = cache::skeleton(site, media.fingerprint);
    let previous = if cache.is_enabled() {
        cache.take_previous(skeleton)
    } else {
        None
    };
    let changed = |pick: fn(&ItemHash) -> u64| -> Vec<bool> {
        hashes
            .iter()
            .enumerate()
            .map(|(i, h)| {
                previous.as_ref().and_then(|p| p.hashes.get(i)).map(pick) != Some(pick(h))
            })
            .collect()
    };
    let changed_value = changed(|h| h.value);
    let changed_body = changed(|h| h.body);
    let reusable = |j: usize, job: Job| -> Option<&Output> {
        let output = previous.as_ref()?.outputs.get(j)?;
        let stale = changed_body[own_item(site, job)] || output.1.iter().any(|&d| changed_value[d]);
        (!stale).then_some(output)
    };
    let results: Vec<(JobResult, bool)> = jobs
        .par_iter()
        .enumerate()
        .map(|(j, &job)| match reusable(j, job) {
            Some(output) => (Ok(output.clone()), false),
            None => (
                context::render_job(job, &shared, templates, &engines, options),
                true,
            ),
        })
        .collect();
    timer.lap("templates");

    let rendered_count = results.iter().filter(|(_, fresh)| *fresh).count();
    let mut outputs = Vec::with_capacity(results.len());
    let mut template_errors: Vec<(Diagnostic, Vec<PathBuf>)> = Vec::new();
    for (result, _) in results {
        match result {
            Ok(output) => outputs.push(output),
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
    let mut files: Vec<RenderedFile> = outputs.iter().map(|(file, _)| file.clone()).collect();
    files.extend(
        crate::feeds::feeds(site, &shared.rendered_pages, &config.feeds)
            .into_iter()
            .map(|(path, xml)| RenderedFile {
                path: PathBuf::from(path),
                html: Arc::from(xml),
            }),
    );
    cache.finish(skeleton, hashes, outputs, rendered_count);
    Ok((files, warnings))
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

/// A page's template: its own `template`, else its kind's (`report.html`), else its
/// section's `page_template`, else `page.html`.
fn page_template<'a>(site: &'a Site, page: &'a crate::site::Page) -> &'a str {
    let kind_template = match crate::kinds::kind_of(&page.front) {
        Ok(Some("about")) => Some("about.html"),
        Ok(Some("report")) => Some("report.html"),
        Ok(Some("conference")) => Some("conference.html"),
        Ok(Some("statement")) => Some("statement.html"),
        _ => None,
    };
    page.front
        .template
        .as_deref()
        .or(kind_template)
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
    media: &Media,
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
    // A link to a photo leads to its largest published size: originals are not published.
    let resolve_asset = |path: &str| {
        site.asset_url(dir, path)
            .map(|u| match media.images.get(u) {
                Some(image) => url_of(
                    &base_path,
                    &image.variants.last().expect("a variant").jpeg.url,
                ),
                None => url_of(&base_path, u),
            })
    };
    let picture = |path: &str, alt: &str, first: bool| {
        let image = media.images.get(site.asset_url(dir, path)?)?;
        Some(crate::media::picture_html(
            image,
            alt,
            crate::media::SIZES_CONTENT,
            !first,
            &base_path,
        ))
    };
    let mut rendered = markdown::render(&markdown::Source {
        text: body,
        rel_path,
        first_line,
        direction,
        resolve_internal: &resolve_internal,
        resolve_asset: &resolve_asset,
        picture: &picture,
    })?;
    // Blocks and runs in the other direction get `dir` and `<bdi>`, once, here: the result is
    // cached with the rendering.
    let marked = crate::bidi::mark_directions(&rendered.html, direction).map_err(|e| {
        vec![Diagnostic::error(
            rel_path,
            format!("marking text directions failed: {e}"),
        )]
    })?;
    rendered.html = Arc::from(marked);
    if site.config.signup.is_none() && rendered.html.contains(markdown::SIGNUP_PLACEHOLDER) {
        let offset = body
            .find("signup()")
            .and_then(|at| body[..at].rfind("{{"))
            .unwrap_or(0);
        return Err(vec![Diagnostic::error(rel_path, "this page shows the signup form, but the site has none")
            .at_offset(body, offset, first_line)
            .with_hint("add a [signup] table to config.toml naming your mailing-list provider (see the README), or remove {{ signup() }}")]);
    }
    Ok(rendered)
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
