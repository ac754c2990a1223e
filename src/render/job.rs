//! Rendering one output: the context its template sees (the page or section, the language
//! switcher, pagination), the template itself, the signup form spliced into a page's body,
//! and the finishing pass.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;
use serde_json::{json, Value};
use tera::{Context, Tera};

use crate::config::Language;
use crate::diagnostics::{Code, Diagnostic};
use crate::render::context::{
    taxonomy_value, term_value, Field, ObjectWith, SiteValues, TermValue,
};
use crate::render::finish::{finish_page, Rewrite};
use crate::render::jobs::{page_template, section_template, Job};
use crate::render::types::{output_path, url_of, RenderOptions, RenderedFile};
use crate::site::{Item, Site};
use crate::theme::templates::Templates;

/// A rendered output, or its error and the content file that failed.
pub(super) type JobResult = Result<RenderedFile, (Diagnostic, PathBuf)>;

/// Where an output is in a language: `None` when it does not exist there.
type PathIn<'a> = Box<dyn Fn(&Language) -> Option<String> + 'a>;

/// What differs between the kinds of output: its language, its address in every language,
/// its template and the file it comes from.
struct Placement<'a> {
    language: &'a Language,
    path_in: PathIn<'a>,
    site_path: String,
    template: &'a str,
    source: PathBuf,
}

#[derive(Serialize, Clone)]
struct LanguageLink<'a> {
    code: &'a str,
    name: &'a str,
    dir: &'a str,
    /// The language's BCP-47 locale (`ar-PS`), for `og:locale:alternate`.
    locale: &'a str,
    /// The translation's URL, or the language's home when the page does not exist in it.
    url: String,
    /// Absolute address of `url`, for `<link rel="alternate">` and sitemaps.
    permalink: String,
    available: bool,
    is_current: bool,
    is_default: bool,
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

/// Renders one output through its language's engine, then finishes it (links, minifying).
pub(super) fn render_job(
    job: Job,
    values: &SiteValues,
    templates: &Templates,
    engines: &HashMap<&str, Tera>,
    options: &RenderOptions,
) -> JobResult {
    let site = values.site;
    let mut context = Context::new();
    context.insert("config", &values.config_value);
    let placement = match job {
        Job::Page(i) => page_placement(i, values, &mut context),
        Job::Section { index, pager } => section_placement(index, pager, values, &mut context),
        Job::NotFound { language } => not_found_placement(&site.config.languages[language]),
        Job::Search { language } => search_placement(language, values, &mut context),
        Job::SignupResult { language, outcome } => {
            context.insert("outcome", outcome);
            signup_result_placement(&site.config.languages[language], outcome)
        }
        Job::TaxonomyList { taxonomy } => {
            let template = job.template(site, templates);
            taxonomy_list_placement(taxonomy, template, values, &mut context)
        }
        Job::Term {
            taxonomy,
            term,
            pager,
        } => {
            let template = job.template(site, templates);
            term_placement((taxonomy, term, pager), template, values, &mut context)
        }
    };
    insert_language(&placement, values, &mut context);
    if let Some(original) = original_path(job, site) {
        context.insert("canonical_url", &site.config.permalink(original));
    }
    let engine = &engines[placement.language.code.as_str()];
    let failed = |d: Diagnostic| (d, placement.source.clone());
    if let Job::Page(i) = job {
        splice_signup_form(i, values, engine, &mut context)
            .map_err(|e| failed(templates.describe_error(&e, Some(SIGNUP_PARTIAL))))?;
    }
    let html = engine
        .render(placement.template, &context)
        .map_err(|e| failed(templates.describe_error(&e, Some(placement.template))))?;
    // A not-found page is served at whatever address was asked for: its links must not be
    // relative to where it is stored.
    let page_dir = url_of(&values.base_path, &placement.site_path);
    let keep_absolute = options.absolute_urls || matches!(job, Job::NotFound { .. });
    let rewrite = Rewrite {
        base_path: &values.base_path,
        page_dir: (!keep_absolute).then_some(page_dir.as_str()),
        origin: &site.config.base_url,
        assets: &options.assets,
        external_rel: &values.external_rel,
        table_label: values
            .table_labels
            .get(placement.language.code.as_str())
            .map_or("", String::as_str),
    };
    let minify = site.config.minify && !options.preview;
    let html = finish_page(&html, &rewrite, minify).map_err(|e| {
        failed(Diagnostic::error(
            Code::Html,
            &placement.source,
            format!("post-processing the HTML failed: {e}"),
        ))
    })?;
    let path = if placement.site_path.ends_with(".html") {
        PathBuf::from(placement.site_path.trim_start_matches('/'))
    } else {
        output_path(&placement.site_path)
    };
    Ok(RenderedFile {
        path,
        html: Arc::from(html),
        source: placement.source,
    })
}

/// A page: its value with its body and contents, and a glimpse of its section.
fn page_placement<'a>(i: usize, values: &'a SiteValues, context: &mut Context) -> Placement<'a> {
    let site = values.site;
    let page = &site.pages[i];
    let rendered = &values.rendered_pages[i];
    context.insert("page", &page_with_body(i, values, &rendered.html));
    let section = &values.section_values[page.section];
    context.insert(
        "section",
        &json!({"title": section["title"], "url": section["url"], "path": section["path"]}),
    );
    Placement {
        language: site.config.language_of(&page.lang),
        path_in: item_in(site, &page.key),
        site_path: page.path.clone(),
        template: page_template(site, page),
        source: page.rel_path.clone(),
    }
}

/// One pager of a section: its value with its pages (or the pager's, when paginated).
fn section_placement<'a>(
    index: usize,
    pager: usize,
    values: &'a SiteValues,
    context: &mut Context,
) -> Placement<'a> {
    let site = values.site;
    let section = &site.sections[index];
    let mut site_path = section.path.clone();
    let all_pages: Vec<&Value> = section
        .pages
        .iter()
        .map(|&i| &*values.page_values[i])
        .collect();
    let mut listed_pages = all_pages.clone();
    if let Some(per_page) = section.front.paginate_by.filter(|&n| n > 0) {
        // A paginated section lists its pages through `paginator.pages` only: copying every
        // page into each pager's context made large sections quadratic.
        listed_pages.clear();
        // Zola's `paginate_reversed`: the pagers go through the list last first;
        // `section.pages` keeps the `sort_by` order.
        let mut all_pages = all_pages;
        if section.front.paginate_reversed {
            all_pages.reverse();
        }
        context.insert(
            "paginator",
            &paginator(
                &section.path,
                &format!("{}page/", section.path),
                &values.base_path,
                &all_pages,
                per_page,
                pager,
            ),
        );
        if pager > 1 {
            site_path = format!("{}page/{pager}/", section.path);
        }
    }
    let value = ObjectWith {
        base: &values.section_values[index],
        fields: vec![
            (
                "content",
                Field::Text(&values.rendered_sections[index].html),
            ),
            ("pages", Field::Pages(listed_pages)),
        ],
    };
    context.insert("section", &value);
    Placement {
        language: site.config.language_of(&section.lang),
        path_in: item_in(site, &section.key),
        site_path,
        template: section_template(section),
        source: section
            .rel_path
            .clone()
            .unwrap_or_else(|| PathBuf::from("content/_index.md")),
    }
}

/// Pager `pager` of `all_pages`, whose first pager is at `list_path` (`/news/`) and further
/// ones in `pagers_path` (`/news/page/`): `/news/page/2/`.
fn paginator<'v>(
    list_path: &str,
    pagers_path: &str,
    base_path: &str,
    all_pages: &[&'v Value],
    per_page: usize,
    pager: usize,
) -> Paginator<'v> {
    let total = all_pages.len().div_ceil(per_page).max(1);
    let pager_url = |n: usize| {
        let p = if n == 1 {
            list_path.to_string()
        } else {
            format!("{pagers_path}{n}/")
        };
        url_of(base_path, &p)
    };
    Paginator {
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
    }
}

/// A taxonomy's list of terms: `taxonomy` and `terms`, each with its pages.
fn taxonomy_list_placement<'a>(
    t: usize,
    template: &'a str,
    values: &'a SiteValues,
    context: &mut Context,
) -> Placement<'a> {
    let site = values.site;
    let taxonomy = &site.taxonomies[t];
    let (config, base_path) = (&site.config, values.base_path.as_str());
    context.insert("taxonomy", &taxonomy_value(taxonomy, config, base_path));
    let terms: Vec<TermValue> = taxonomy
        .terms
        .iter()
        .map(|term| term_value(term, config, base_path, &values.page_values, true))
        .collect();
    context.insert("terms", &terms);
    let paths = owned_paths(site.taxonomy_translations(t));
    Placement {
        language: site.config.language_of(&taxonomy.lang),
        path_in: Box::new(move |l| paths.get(&l.code).cloned()),
        site_path: taxonomy.path.clone(),
        template,
        source: PathBuf::from(crate::config::CONFIG_FILE),
    }
}

/// One pager of a term: `taxonomy`, `term`, and `paginator` when the taxonomy paginates.
fn term_placement<'a>(
    (t, term_index, pager): (usize, usize, usize),
    template: &'a str,
    values: &'a SiteValues,
    context: &mut Context,
) -> Placement<'a> {
    let site = values.site;
    let taxonomy = &site.taxonomies[t];
    let term = &taxonomy.terms[term_index];
    let (config, base_path) = (&site.config, values.base_path.as_str());
    context.insert("taxonomy", &taxonomy_value(taxonomy, config, base_path));
    let per_page = taxonomy.settings.paginate_by.filter(|&n| n > 0);
    let mut site_path = term.path.clone();
    if let Some(per_page) = per_page {
        let all_pages: Vec<&Value> = term
            .pages
            .iter()
            .map(|&i| &*values.page_values[i])
            .collect();
        let pagers_path = format!("{}{}/", term.path, taxonomy.settings.paginate_path);
        context.insert(
            "paginator",
            &paginator(
                &term.path,
                &pagers_path,
                &values.base_path,
                &all_pages,
                per_page,
                pager,
            ),
        );
        if pager > 1 {
            site_path = format!("{pagers_path}{pager}/");
        }
    }
    let with_pages = per_page.is_none();
    let term_value = term_value(term, config, base_path, &values.page_values, with_pages);
    context.insert("term", &term_value);
    let paths = owned_paths(site.term_translations(t, term_index));
    Placement {
        language: site.config.language_of(&taxonomy.lang),
        path_in: Box::new(move |l| paths.get(&l.code).cloned()),
        site_path,
        template,
        source: PathBuf::from(crate::config::CONFIG_FILE),
    }
}

/// Translations as a placement keeps them: path by language code.
fn owned_paths(translations: Vec<(&str, &str)>) -> HashMap<String, String> {
    (translations.into_iter())
        .map(|(lang, path)| (lang.to_string(), path.to_string()))
        .collect()
}

fn not_found_placement(language: &Language) -> Placement<'_> {
    Placement {
        language,
        // Not-found pages exist in every language; each offers that language's home.
        path_in: Box::new(|l: &Language| Some(l.url.clone())),
        site_path: format!("{}404.html", language.url),
        template: "404.html",
        source: PathBuf::from(crate::config::CONFIG_FILE),
    }
}

/// A language's search page: `search.index`, the address of its index's manifest, and
/// `search.sections`, every searched page of the language under its section (`title`, `url`,
/// `pages`), so that a reader whose browser runs no script still reaches every page.
fn search_placement<'a>(
    language: usize,
    values: &'a SiteValues,
    context: &mut Context,
) -> Placement<'a> {
    let site = values.site;
    let language = &site.config.languages[language];
    let site_path = language.search_path();
    let sections: Vec<Value> = (site.sections.iter().enumerate())
        .filter(|&(_, s)| *s.lang == language.code)
        .filter_map(|(i, s)| {
            let pages: Vec<Value> = (s.pages.iter())
                .filter(|&&p| site.page_searched(p))
                .map(|&p| {
                    let page = &values.page_values[p];
                    json!({"title": page["title"], "url": page["url"]})
                })
                .collect();
            let value = &values.section_values[i];
            let group = json!({"title": value["title"], "url": value["url"], "pages": pages});
            (!pages.is_empty()).then_some(group)
        })
        .collect();
    let index = url_of(&values.base_path, &format!("{site_path}manifest.json"));
    context.insert("search", &json!({"index": index, "sections": sections}));
    Placement {
        language,
        // Every language has its search page.
        path_in: Box::new(|l: &Language| Some(l.search_path())),
        site_path,
        template: crate::render::jobs::SEARCH_TEMPLATE,
        source: PathBuf::from(crate::config::CONFIG_FILE),
    }
}

fn signup_result_placement<'a>(language: &'a Language, outcome: &'static str) -> Placement<'a> {
    Placement {
        language,
        path_in: Box::new(move |l: &Language| {
            Some(crate::config::signup::result_path(&l.url, outcome))
        }),
        site_path: crate::config::signup::result_path(&language.url, outcome),
        template: "signup-result.html",
        source: PathBuf::from(crate::config::CONFIG_FILE),
    }
}

/// What every output's context has: its language, the switcher, its address, the form.
fn insert_language(placement: &Placement, values: &SiteValues, context: &mut Context) {
    let config = &values.site.config;
    let language = placement.language;
    let lang = language.code.as_str();
    let (translations, languages) = language_links(values, lang, &placement.path_in);
    context.insert("lang", lang);
    context.insert("dir", language.direction.as_str());
    context.insert("language", language);
    context.insert("translations", &translations);
    context.insert("languages", &languages);
    context.insert("current_path", &placement.site_path);
    context.insert("current_url", &config.permalink(&placement.site_path));
    // The address search engines should keep: the output's own, but a fallback copy's original.
    context.insert("canonical_url", &config.permalink(&placement.site_path));
    context.insert("base_path", &values.base_path);
    if values.search {
        let search_url = url_of(&values.base_path, &language.search_path());
        context.insert("search_url", &search_url);
    }
    if let Some(signup) = values.signup_values.get(lang) {
        context.insert("signup", signup);
    }
}

/// The theme's form, rendered on its own for a page body that shows it.
pub(super) const SIGNUP_PARTIAL: &str = "partials/signup.html";

/// `{{ signup() }}` in Markdown left a placeholder: the theme's form goes there, and the page
/// says so (`signup_placed`), for the footer's form to step aside: one form a page. Each
/// further placeholder gets ids of its own (`content-2`…), so no id is said twice.
fn splice_signup_form(
    i: usize,
    values: &SiteValues,
    engine: &Tera,
    context: &mut Context,
) -> tera::Result<()> {
    let rendered = &values.rendered_pages[i];
    let placeholder = crate::markdown::SIGNUP_PLACEHOLDER;
    if !rendered.html.contains(placeholder) {
        return Ok(());
    }
    let mut content = String::with_capacity(rendered.html.len());
    for (n, part) in rendered.html.split(placeholder).enumerate() {
        if n > 0 {
            let place = match n {
                1 => "content".to_string(),
                n => format!("content-{n}"),
            };
            context.insert("form_place", &place);
            content.push_str(&engine.render(SIGNUP_PARTIAL, context)?);
        }
        content.push_str(part);
    }
    context.remove("form_place");
    context.insert("signup_placed", &true);
    context.insert("page", &page_with_body(i, values, &content));
    Ok(())
}

/// What a page's own page sees of it: its value with its `content`, its table of contents
/// and, when templates read them, the pages before and after it (`lower`, `higher`).
fn page_with_body<'a>(i: usize, values: &'a SiteValues, content: &'a str) -> ObjectWith<'a> {
    let rendered = &values.rendered_pages[i];
    let base = &values.page_values[i];
    let mut fields = vec![
        ("content", Field::Text(content)),
        (
            "toc",
            Field::Toc(&rendered.toc, base["permalink"].as_str().unwrap_or("")),
        ),
    ];
    if let Some(&(lower, higher)) = values.neighbours.get(i) {
        let value = |page: Option<usize>| page.map(|p| &*values.page_values[p]);
        fields.push(("lower", Field::Page(value(lower))));
        fields.push(("higher", Field::Page(value(higher))));
    }
    ObjectWith { base, fields }
}

/// Language switcher data for an output, seen from `current`: every language, with the
/// address of this output in it, or that language's home where it does not exist.
fn language_links<'a>(
    values: &'a SiteValues,
    current: &str,
    path_in: &PathIn,
) -> (Vec<LanguageLink<'a>>, Vec<LanguageLink<'a>>) {
    let config = &values.site.config;
    let all: Vec<LanguageLink> = config
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
                locale: &l.locale,
                url: url_of(&values.base_path, &path),
                permalink: config.permalink(&path),
                available,
                is_current: l.code == current,
                is_default: l.is_default,
            }
        })
        .collect();
    let translations = all.iter().filter(|l| l.available).cloned().collect();
    (translations, all)
}

/// The address of the original a fallback copy shows, for its `canonical` link.
fn original_path(job: Job, site: &Site) -> Option<&str> {
    let item = match job {
        Job::Page(i) => Item::Page(i),
        Job::Section { index, .. } => Item::Section(index),
        Job::NotFound { .. }
        | Job::Search { .. }
        | Job::SignupResult { .. }
        | Job::TaxonomyList { .. }
        | Job::Term { .. } => return None,
    };
    site.original_of(item)
        .map(|original| site.item_path(original))
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
