//! What a render makes: one job per output (a page, a pager of a section, a not-found page per
//! language, the signup result pages), the template each uses, and the items each output is
//! made from, so the preview re-renders an output only when one of them changed.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::render::cache::Deps;
use crate::site::{Item, Page, Section, Site};
use crate::theme::templates::Templates;

/// One output file to render: a page, one pager of a section, or a page the build makes itself.
#[derive(Debug, Clone, Copy)]
pub(super) enum Job {
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
    /// The list of a taxonomy's terms (`/tags/`), by its index in `Site::taxonomies`.
    TaxonomyList {
        taxonomy: usize,
    },
    /// One pager of a term's pages (`/tags/gaza/`).
    Term {
        taxonomy: usize,
        term: usize,
        pager: usize,
    },
    /// A language's search page (`/search/`), whose index publishing writes beside it.
    Search {
        language: usize,
    },
}

/// The templates of every taxonomy that has none of its own (`tags/list.html`).
pub const TAXONOMY_LIST: &str = "taxonomy_list.html";
pub const TAXONOMY_SINGLE: &str = "taxonomy_single.html";

/// The outcomes of a signup that get a page of their own.
pub const SIGNUP_OUTCOMES: [&str; 2] = ["thanks", "error"];

/// The template of each language's search page; a theme without it gives a site no search.
pub const SEARCH_TEMPLATE: &str = "search.html";

impl Job {
    /// The language the output is in, by its index in the config.
    pub(super) fn language(self, site: &Site) -> &str {
        match self {
            Job::Page(i) => &site.pages[i].lang,
            Job::Section { index, .. } => &site.sections[index].lang,
            Job::SignupResult { language, .. }
            | Job::NotFound { language }
            | Job::Search { language } => &site.config.languages[language].code,
            Job::TaxonomyList { taxonomy } | Job::Term { taxonomy, .. } => {
                &site.taxonomies[taxonomy].lang
            }
        }
    }

    /// The template the output is rendered with.
    pub(super) fn template<'a>(self, site: &'a Site, templates: &Templates) -> &'a str {
        match self {
            Job::Page(i) => page_template(site, &site.pages[i]),
            Job::Section { index, .. } => section_template(&site.sections[index]),
            Job::SignupResult { .. } => "signup-result.html",
            Job::NotFound { .. } => "404.html",
            Job::Search { .. } => SEARCH_TEMPLATE,
            Job::TaxonomyList { taxonomy } => {
                let own = &site.taxonomies[taxonomy].list_template;
                if templates.has(own) {
                    own
                } else {
                    TAXONOMY_LIST
                }
            }
            Job::Term { taxonomy, .. } => {
                let own = &site.taxonomies[taxonomy].single_template;
                if templates.has(own) {
                    own
                } else {
                    TAXONOMY_SINGLE
                }
            }
        }
    }
}

/// Every output of the site in a fixed order: pages, then each section's pagers.
pub(super) fn jobs(site: &Site, has_404_template: bool, search: bool) -> Vec<Job> {
    // `render = false` (Zola's key): no file for the page or section, which stays in lists,
    // lookups and `@/` links (to the address it would have, as in Zola).
    let mut jobs: Vec<Job> = (0..site.pages.len())
        .filter(|&i| site.pages[i].front.renders())
        .map(Job::Page)
        .collect();
    for (i, section) in site.sections.iter().enumerate() {
        // Its address answers with a redirect, which `publish` writes.
        if section.front.redirect_to.is_some() || !section.front.renders() {
            continue;
        }
        let per_page = section.front.paginate_by.filter(|&n| n > 0);
        let pagers = per_page.map_or(1, |n| section.pages.len().div_ceil(n).max(1));
        jobs.extend((1..=pagers).map(|pager| Job::Section { index: i, pager }));
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        if !taxonomy.render {
            continue;
        }
        jobs.push(Job::TaxonomyList { taxonomy: t });
        let per_page = taxonomy.settings.paginate_by.filter(|&n| n > 0);
        for (term_index, term) in taxonomy.terms.iter().enumerate() {
            let pagers = per_page.map_or(1, |n| term.pages.len().div_ceil(n).max(1));
            jobs.extend((1..=pagers).map(|pager| Job::Term {
                taxonomy: t,
                term: term_index,
                pager,
            }));
        }
    }
    // A not-found page per language, when the theme has the template and the site does not
    // ship its own page in static/.
    if has_404_template {
        let own_page = |l: &crate::config::Language| {
            site.config
                .root
                .join(crate::config::STATIC_DIR)
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
    if search {
        jobs.extend((0..site.config.languages.len()).map(|language| Job::Search { language }));
    }
    jobs
}

/// The index (pages, then sections) of the item an output shows.
pub(super) fn own_item(site: &Site, job: Job) -> usize {
    match job {
        Job::Page(i) => i,
        Job::Section { index, .. } => site.pages.len() + index,
        // Made from the language's home (its title) and the config only.
        Job::SignupResult { language, .. }
        | Job::NotFound { language }
        | Job::Search { language } => {
            site.pages.len() + site.home(&site.config.languages[language].code)
        }
        // Made from config and the pages listed, which `dependencies` names.
        Job::TaxonomyList { taxonomy } | Job::Term { taxonomy, .. } => {
            site.pages.len() + site.home(&site.taxonomies[taxonomy].lang)
        }
    }
}

/// Fails early, naming the content file, when a page asks for a template that does not exist.
pub(super) fn check_templates(site: &Site, templates: &Templates) -> Diagnostics {
    let mut problems = Diagnostics::new();
    let available = || templates.written_names().collect::<Vec<_>>().join(", ");
    for page in &site.pages {
        let name = page_template(site, page);
        if !templates.has(name) {
            let mut problem = Diagnostic::error(
                Code::Template,
                &page.rel_path,
                format!("template `{name}` does not exist"),
            );
            if page.front.template.is_some() {
                let (line, col) = page.locate(name);
                problem = problem.at(line, col);
            }
            problems.push(problem.with_hint(format!("templates available: {}", available())));
        }
    }
    for section in &site.sections {
        let name = section_template(section);
        if !templates.has(name) {
            let path = section
                .rel_path
                .clone()
                .unwrap_or_else(|| std::path::PathBuf::from("content/_index.md"));
            problems.push(
                Diagnostic::error(
                    Code::Template,
                    path,
                    format!("template `{name}` does not exist"),
                )
                .with_hint(format!("templates available: {}", available())),
            );
        }
    }
    problems.extend(built_in_warnings(site, templates));
    problems
}

/// One warning for each of Zola's default template names that the site and its theme lack
/// and some output needs: it is written with Bayan's plain built-in template.
fn built_in_warnings(site: &Site, templates: &Templates) -> Vec<Diagnostic> {
    let mut users: BTreeMap<&str, (PathBuf, usize)> = BTreeMap::new();
    let mut count = |name: &'static str, from: PathBuf| {
        users.entry(name).or_insert((from, 0)).1 += 1;
    };
    for page in site.pages.iter().filter(|p| p.front.renders()) {
        if let Some(name) = templates.built_in(page_template(site, page)) {
            count(name, page.rel_path.clone());
        }
    }
    for section in site.sections.iter().filter(|s| s.front.renders()) {
        if let (Some(name), Some(rel)) = (
            templates.built_in(section_template(section)),
            &section.rel_path,
        ) {
            count(name, rel.clone());
        }
    }
    for taxonomy in site.taxonomies.iter().filter(|t| t.render) {
        for (own, shared) in [
            (&taxonomy.list_template, TAXONOMY_LIST),
            (&taxonomy.single_template, TAXONOMY_SINGLE),
        ] {
            if !templates.has(own) && templates.built_in(shared).is_some() {
                count(shared, PathBuf::from(crate::config::CONFIG_FILE));
            }
        }
    }
    (users.into_iter())
        .map(|(name, (first, n))| {
            let others = match n {
                1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            Diagnostic::warning(
                Code::Template,
                first,
                format!("there is no template `{name}`: this{others} is written with Bayan's plain built-in one"),
            )
            .with_hint(format!("add templates/{name} to give it the site's look"))
        })
        .collect()
}

/// A page's template: its own `template`, else its kind's (`report.html`), else its
/// section's `page_template`, else `page.html`.
pub(super) fn page_template<'a>(site: &'a Site, page: &'a Page) -> &'a str {
    let kind_template = page.front.kind().ok().flatten().map(|k| k.template);
    page.front
        .template
        .as_deref()
        .or(kind_template)
        .or(site.sections[page.section].front.page_template.as_deref())
        .unwrap_or("page.html")
}

pub(super) fn section_template(section: &Section) -> &str {
    match (&section.front.template, section.dir.is_empty()) {
        (Some(name), _) => name,
        (None, true) => "index.html",
        (None, false) => "section.html",
    }
}

/// What an output's template can look up with `get_page` and `get_section`.
#[derive(Debug, Clone)]
pub(super) enum LookedUp {
    /// These items, named by literal paths in the templates.
    Items(Vec<Item>),
    /// Anything: some lookup names its path with a variable.
    Anything,
}

/// The items (by index: pages, then sections) an output was made from: its own, what its
/// context holds, and what its templates can look up.
/// `neighbours` are the pages' `lower` and `higher`, when templates read them.
pub(super) fn dependencies(
    site: &Site,
    job: Job,
    looked_up: &LookedUp,
    neighbours: &[(Option<usize>, Option<usize>)],
) -> Deps {
    let looked_up = match looked_up {
        LookedUp::Items(items) => items,
        LookedUp::Anything => return Deps::Anything,
    };
    let index = |item: Item| match item {
        Item::Page(i) => i,
        Item::Section(i) => site.pages.len() + i,
    };
    let mut items = match job {
        Job::Page(i) => {
            let mut items = vec![Item::Page(i), Item::Section(site.pages[i].section)];
            if let Some(&(lower, higher)) = neighbours.get(i) {
                items.extend(lower.into_iter().chain(higher).map(Item::Page));
            }
            items
        }
        Job::SignupResult { language, .. } | Job::NotFound { language } => {
            vec![Item::Section(
                site.home(&site.config.languages[language].code),
            )]
        }
        // It lists the language's pages by section, for readers without JavaScript.
        Job::Search { language } => {
            let code = &site.config.languages[language].code;
            let sections = (0..site.sections.len()).filter(|&s| *site.sections[s].lang == *code);
            let pages = (0..site.pages.len()).filter(|&p| *site.pages[p].lang == *code);
            (sections.map(Item::Section))
                .chain(pages.map(Item::Page))
                .collect()
        }
        Job::Section { index, .. } => {
            let s = &site.sections[index];
            let mut items = vec![Item::Section(index)];
            items.extend(s.pages.iter().map(|&p| Item::Page(p)));
            items.extend(s.subsections.iter().map(|&c| Item::Section(c)));
            items
        }
        Job::TaxonomyList { taxonomy } => {
            let taxonomy = &site.taxonomies[taxonomy];
            let mut items = vec![Item::Section(site.home(&taxonomy.lang))];
            items.extend(
                taxonomy
                    .terms
                    .iter()
                    .flat_map(|t| &t.pages)
                    .map(|&p| Item::Page(p)),
            );
            items
        }
        Job::Term { taxonomy, term, .. } => {
            let taxonomy = &site.taxonomies[taxonomy];
            let mut items = vec![Item::Section(site.home(&taxonomy.lang))];
            items.extend(taxonomy.terms[term].pages.iter().map(|&p| Item::Page(p)));
            items
        }
    };
    for &item in looked_up {
        items.push(item);
        if let Item::Section(i) = item {
            items.extend(site.sections[i].pages.iter().map(|&p| Item::Page(p)));
        }
    }
    let mut indices: Vec<usize> = items.into_iter().map(index).collect();
    indices.sort_unstable();
    indices.dedup();
    Deps::Items(indices.into())
}
