//! Rendering: Markdown bodies to HTML (`bodies`), the values templates see (`context`) and
//! the functions they call (`functions`), then every output of every language through its
//! template (`jobs` lists them, `job` renders one) and the finishing pass (`finish`: links,
//! lazy images, fingerprinted assets, minifying). `cache` keeps what a render can leave to the
//! next one when `serve` rebuilds after a save.

mod bodies;
mod cache;
mod context;
pub mod finish;
mod functions;
mod hash;
mod job;
mod jobs;
pub mod resize;
mod types;
mod zola_api;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;
use tera::Tera;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::media::Media;
use crate::site::Site;
use crate::theme::uses::{Lang, TemplateUses};
use crate::theme::Theme;
use crate::timing::StageTimer;
use bodies::Bodies;
use cache::{hash_of, Deps, ItemHash, Output};
use context::SiteValues;
use job::JobResult;
use jobs::{Job, LookedUp};

pub use cache::RenderCache;
pub use jobs::{SEARCH_TEMPLATE, SIGNUP_OUTCOMES};
pub use types::{is_page, output_path, url_of, RenderOptions, RenderedFile};

/// What a render gives back: every page, and what the stages after it need.
pub struct RenderedPages {
    /// Every HTML file, in a fixed order.
    pub files: Vec<RenderedFile>,
    /// Each page's rendered Markdown, in the site's order (feeds show it).
    pub bodies: Vec<Rendered>,
    /// Each section's rendered Markdown, in the site's order.
    pub section_bodies: Vec<Rendered>,
    /// Whether each language has a search page, whose index publishing writes.
    pub search: bool,
    /// UI strings that fell back to the default language and other warnings, and with
    /// [`RenderOptions::keep_going`] the errors the render went past.
    pub problems: Diagnostics,
    /// The default language's engine, for the files publishing writes from a site's own
    /// template (`robots.txt`, `sitemap.xml`, `atom.xml`); `None` without such a template, so that the
    /// engine and the page values it holds are freed before publishing.
    pub site_files: Option<SiteFileEngine>,
    /// The resized images templates asked for, by their path in the output.
    pub resized: Vec<(PathBuf, resize::Resize)>,
}

/// The site-wide files a site's or theme's template of the same name replaces.
pub const SITE_FILE_TEMPLATES: [&str; 3] = ["robots.txt", "sitemap.xml", "atom.xml"];

/// Renders a site-wide file (`robots.txt`) from the site's or theme's template of that name,
/// with the functions pages have, in the default language.
pub struct SiteFileEngine {
    engine: Tera,
    config: Value,
    lang: String,
}

impl SiteFileEngine {
    /// Renders template `name` with `config`, `lang` and `extra`.
    pub fn render(
        &self,
        templates: &crate::theme::templates::Templates,
        name: &str,
        extra: &[(&str, Value)],
    ) -> Result<String, Diagnostic> {
        let mut context = tera::Context::new();
        context.insert("config", &self.config);
        context.insert("lang", &self.lang);
        for (key, value) in extra {
            context.insert(*key, value);
        }
        (self.engine.render(name, &context)).map_err(|e| templates.describe_error(&e, Some(name)))
    }
}

/// Renders every page and section of the site to HTML files. With an enabled `cache`, only
/// what changed since the previous render is rendered again.
pub fn render_site(
    site: &Arc<Site>,
    theme: &Theme,
    media: &Media,
    options: &RenderOptions,
    fonts_enabled: bool,
    cache: &mut RenderCache,
) -> Result<RenderedPages, Diagnostics> {
    let mut timer = StageTimer::new();
    let mut problems = jobs::check_templates(site, &theme.templates);
    let templates_missing = problems.has_errors();
    problems.extend(crate::site::validate::check_kinds(site));
    if templates_missing {
        return Err(problems);
    }
    let fields = context::PageFields::of(theme);
    // Page values hold the fields templates read; bodies are highlighted as config.toml says.
    let made_with = fields.bits().rotate_left(7) ^ hash_of(&site.config.highlighting);
    cache.begin(site, media.fingerprint ^ made_with);
    // A data file or image a template read changed: what read it is rendered again.
    if zola_api::files_changed(&cache.files_read) {
        cache.forget_outputs();
    }
    let files = functions::SiteReads {
        files: Arc::new(zola_api::SiteFiles::new(
            &site.config,
            Arc::clone(&cache.files_read),
        )),
        resized: Arc::clone(&cache.resized),
    };
    // The config as templates see it: shortcodes first, then every page.
    let config_value = context::config_value(&site.config, &site.config.base_path(), fonts_enabled);
    let shortcodes = bodies::Shortcodes::new(site, theme, &config_value, &files);
    let highlighter = match &site.config.highlighting {
        Some(settings) => Some(crate::highlight::highlighter(&site.config.root, settings)?),
        None => None,
    };
    let mut bodies = bodies::render_bodies(site, media, cache, &shortcodes, highlighter.as_deref());
    problems.extend(std::mem::take(&mut bodies.problems));
    // A build stops here on any error; `check` goes on to read every page it can.
    let mut problems = options.stop_on(problems)?;
    if !problems.has_errors() {
        cache.store_markdown(bodies.pages.iter().chain(&bodies.sections));
    }
    timer.lap("markdown");

    let (values, hashes) = site_values(site, media, bodies, theme, options, config_value, cache);
    timer.lap("values");

    // One template engine per language, so `t()` and `get_url()` speak the page's language.
    let lookups = Arc::new(functions::SiteLookups::new(site, &values));
    let mut engines: HashMap<&str, Tera> = site
        .config
        .languages
        .iter()
        .map(|l| {
            let engine = functions::engine_for(
                &l.code,
                &l.locale,
                &theme.templates,
                &theme.strings,
                &lookups,
                &files,
            );
            (l.code.as_str(), engine)
        })
        .collect();
    let jobs = jobs::jobs(site, theme.templates.has("404.html"), values.search);
    let needs = TemplateNeeds::of(site, theme, &jobs);
    problems.extend(needs.missing_strings(theme));

    // After a save, an output is rendered again only if its own item changed, or the value of
    // an item it was made from did.
    let skeleton = cache::skeleton(site, media.fingerprint);
    let previous = cache.take_previous(skeleton);
    let reuse = Reuse::new(site, previous.as_ref(), &hashes);
    let results: Vec<(JobOutcome, bool)> = jobs
        .par_iter()
        .enumerate()
        .map(|(j, &job)| match reuse.output(j, job) {
            Some(output) => (Ok(output.clone()), false),
            None => {
                let rendered: JobResult =
                    job::render_job(job, &values, &theme.templates, &engines, options);
                let deps = jobs::dependencies(site, job, needs.looked_up(j), &values.neighbours);
                (rendered.map(|file| (file, deps)), true)
            }
        })
        .collect();
    timer.lap("templates");

    let rendered_count = results.iter().filter(|(_, fresh)| *fresh).count();
    let (outputs, template_errors) = collect_outputs(results.into_iter().map(|(r, _)| r));
    problems.extend(options.stop_on(template_errors)?);
    let files = outputs.iter().map(|(file, _)| file.clone()).collect();
    if !problems.has_errors() {
        cache.finish(skeleton, hashes, outputs, rendered_count);
    }
    let default_language = site.config.default_language.as_str();
    let templates = &theme.templates;
    let own = |name: &&str| templates.has(name) && templates.built_in(name).is_none();
    let site_files = SITE_FILE_TEMPLATES.iter().any(own).then(|| SiteFileEngine {
        engine: engines.remove(default_language).unwrap_or_default(),
        config: values.config_value,
        lang: default_language.to_string(),
    });
    let resized = cache.resized.lock().expect("resize requests");
    Ok(RenderedPages {
        files,
        bodies: values.rendered_pages,
        section_bodies: values.rendered_sections,
        search: values.search,
        problems,
        site_files,
        resized: resized
            .iter()
            .map(|(p, r)| (p.clone(), r.clone()))
            .collect(),
    })
}

/// An output with what it was made from, or its error and the content file that failed.
type JobOutcome = Result<Output, (Diagnostic, PathBuf)>;

/// Values templates see, computed once (and kept for files that were not re-read), with the
/// hashes that tell the next render what changed.
fn site_values<'a>(
    site: &'a Site,
    media: &Media,
    bodies: Bodies,
    theme: &Theme,
    options: &RenderOptions,
    config_value: Value,
    cache: &mut RenderCache,
) -> (SiteValues<'a>, Vec<ItemHash>) {
    let config = &site.config;
    let base_path = config.base_path();
    let fields = context::PageFields::of(theme);
    let page_states: Vec<(Arc<Value>, ItemHash)> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            cache.page_value(i, p.fresh).unwrap_or_else(|| {
                let rendered = &bodies.pages[i];
                let value = context::page_value(site, media, p, rendered, &base_path, fields);
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
    let section_values: Vec<Value> = (bodies.sections.iter().enumerate())
        .map(|(s, r)| context::section_value(site, s, r, &base_path))
        .collect();
    let mut hashes: Vec<ItemHash> = page_states.iter().map(|(_, h)| *h).collect();
    hashes.extend(
        section_values
            .iter()
            .zip(&bodies.sections)
            .map(|(v, r)| ItemHash {
                value: hash_of(&v.to_string()),
                body: hash_of(&r.html),
            }),
    );
    let signup_values = config
        .languages
        .iter()
        .filter_map(|l| {
            let value = context::signup_value(site, &l.code, &base_path, options)?;
            Some((l.code.clone(), value))
        })
        .collect();
    let table_labels = config
        .languages
        .iter()
        .map(|l| {
            let label = theme
                .strings
                .format(&l.code, TABLE_LABEL_KEY, &[])
                .unwrap_or_default();
            (l.code.clone(), label)
        })
        .collect();
    let values = SiteValues {
        site,
        signup_values,
        table_labels,
        external_rel: config.links.external_rel(),
        config_value,
        base_path,
        page_values: page_states.into_iter().map(|(v, _)| v).collect(),
        section_values,
        rendered_pages: bodies.pages,
        rendered_sections: bodies.sections,
        neighbours: match fields.neighbours {
            true => context::neighbours(site),
            false => Vec::new(),
        },
        search: config.search.enabled && theme.templates.has(jobs::SEARCH_TEMPLATE),
    };
    (values, hashes)
}

/// The UI string that names a scrolling table for screen readers.
const TABLE_LABEL_KEY: &str = "scrollable-table";

/// The outputs of the previous render that can be kept, when the site's skeleton is unchanged.
struct Reuse<'a> {
    site: &'a Site,
    previous: Option<&'a cache::PreviousRender>,
    changed_value: Vec<bool>,
    changed_body: Vec<bool>,
    any_value_changed: bool,
}

impl<'a> Reuse<'a> {
    fn new(
        site: &'a Site,
        previous: Option<&'a cache::PreviousRender>,
        hashes: &[ItemHash],
    ) -> Self {
        let changed = |pick: fn(&ItemHash) -> u64| -> Vec<bool> {
            hashes
                .iter()
                .enumerate()
                .map(|(i, h)| previous.and_then(|p| p.hashes.get(i)).map(pick) != Some(pick(h)))
                .collect()
        };
        let changed_value = changed(|h| h.value);
        Reuse {
            site,
            previous,
            any_value_changed: changed_value.contains(&true),
            changed_value,
            changed_body: changed(|h| h.body),
        }
    }

    /// Output `j` of the previous render, if nothing it was made from changed.
    fn output(&self, j: usize, job: Job) -> Option<&'a Output> {
        let output = self.previous?.outputs.get(j)?;
        let stale = self.changed_body[jobs::own_item(self.site, job)]
            || match &output.1 {
                Deps::Items(items) => items.iter().any(|&d| self.changed_value[d]),
                Deps::Anything => self.any_value_changed,
            };
        (!stale).then_some(output)
    }
}

/// The outputs that rendered, in order, and every template error, each said once with the
/// pages it failed.
fn collect_outputs(results: impl Iterator<Item = JobOutcome>) -> (Vec<Output>, Diagnostics) {
    let mut outputs = Vec::new();
    let mut template_errors: Vec<(Diagnostic, Vec<PathBuf>)> = Vec::new();
    for result in results {
        match result {
            Ok(output) => outputs.push(output),
            // One mistake in a shared template fails every page using it: say it once.
            Err((d, page)) => match template_errors.iter_mut().find(|(e, _)| *e == d) {
                Some((_, pages)) => pages.push(page),
                None => template_errors.push((d, vec![page])),
            },
        }
    }
    let mut problems = Diagnostics::new();
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
    (outputs, problems)
}

/// What the templates of the outputs can look up and which UI strings they use, per template
/// and language, read from the templates themselves (not recorded while they render).
struct TemplateNeeds {
    /// What each template, in each language, can look up.
    looked_up: Vec<LookedUp>,
    /// For each job, in order, its template and language's index in `looked_up`.
    of_job: Vec<usize>,
    /// `(language, key)` of every UI string an output of that language uses.
    ui_strings: BTreeSet<(String, String)>,
}

impl TemplateNeeds {
    fn of(site: &Site, theme: &Theme, jobs: &[Job]) -> TemplateNeeds {
        // Each output's template and language, worked out once; most outputs share them.
        let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
        let of_job = jobs
            .iter()
            .map(|&job| {
                let next = pairs.len();
                *pairs
                    .entry((job.template(site, &theme.templates), job.language(site)))
                    .or_insert(next)
            })
            .collect();
        let mut pairs: Vec<((&str, &str), usize)> = pairs.into_iter().collect();
        pairs.sort_unstable_by_key(|&(_, i)| i);
        let mut needs = TemplateNeeds {
            looked_up: Vec::with_capacity(pairs.len()),
            of_job,
            ui_strings: BTreeSet::new(),
        };
        // A page body may show the signup form, which is rendered on its own.
        let signup_form: Vec<&TemplateUses> = match site.config.signup {
            Some(_) => theme.uses(job::SIGNUP_PARTIAL).into_iter().collect(),
            None => Vec::new(),
        };
        for ((template, lang), _) in pairs {
            let all: Vec<&TemplateUses> = theme
                .uses(template)
                .into_iter()
                .chain(signup_form.iter().copied())
                .collect();
            let looked_up = if all.iter().any(|u| u.dynamic_lookups) {
                LookedUp::Anything
            } else {
                LookedUp::Items(
                    all.iter()
                        .flat_map(|u| &u.lookups)
                        .flat_map(|l| {
                            languages_of(site, &l.lang, lang)
                                .filter_map(|code| site.find(&l.path, code))
                        })
                        .collect(),
                )
            };
            needs.looked_up.push(looked_up);
            for uses in all {
                needs.add_ui_strings(site, theme, uses, lang);
            }
        }
        for l in &site.config.languages {
            needs
                .ui_strings
                .insert((l.code.clone(), TABLE_LABEL_KEY.to_string()));
        }
        needs
    }

    /// The UI strings a template uses in an output of `lang`: its literal keys, the keys of
    /// the default language its computed keys can be, and the keys of the filters it applies.
    fn add_ui_strings(&mut self, site: &Site, theme: &Theme, uses: &TemplateUses, lang: &str) {
        let mut add = |which: &Lang, key: &str| {
            for code in languages_of(site, which, lang) {
                self.ui_strings.insert((code.to_string(), key.to_string()));
            }
        };
        for key in &uses.ui_keys {
            add(&key.lang, &key.key);
        }
        let default_keys = theme.strings.keys(&site.config.default_language);
        for pattern in &uses.dynamic_ui_keys {
            for key in default_keys.iter().filter(|k| pattern.matches(k)) {
                add(&pattern.lang, key);
            }
        }
        for filter in &uses.filters {
            for key in functions::ui_strings_of_filter(filter) {
                add(&Lang::Output, key);
            }
        }
    }

    /// What the output of job number `j` can look up: its template's, and the signup form's.
    fn looked_up(&self, j: usize) -> &LookedUp {
        &self.looked_up[self.of_job[j]]
    }

    /// One warning per language and UI string that falls back to the default language.
    fn missing_strings(&self, theme: &Theme) -> Vec<Diagnostic> {
        theme.strings.fallback_warnings(
            self.ui_strings
                .iter()
                .map(|(lang, key)| (lang.as_str(), key.as_str())),
        )
    }
}

/// The languages a call's `lang` argument can name, seen from an output in `output_lang`.
fn languages_of<'a>(
    site: &'a Site,
    which: &'a Lang,
    output_lang: &'a str,
) -> Box<dyn Iterator<Item = &'a str> + 'a> {
    match which {
        Lang::Output => Box::new(std::iter::once(output_lang)),
        Lang::Named(code) => Box::new(std::iter::once(code.as_str())),
        Lang::Any => Box::new(site.config.languages.iter().map(|l| l.code.as_str())),
    }
}
