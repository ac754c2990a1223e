//! Taxonomies: for each language, each taxonomy its config gives it (`tags`, `themes`…) with
//! its terms, and under each term the pages that name it in `[taxonomies]`, newest first.
//! Terms are told apart by their slug, made in the term's own script like a heading's id, so
//! `Gaza` and `gaza` are one term and an Arabic term keeps its Arabic address.

use std::collections::HashMap;

use crate::config::settings::TaxonomySettings;
use crate::config::LanguageId;
use crate::content::front_matter::SortBy;
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics};
use crate::slugs::slugify;

use super::{natural_order, sort_pages, Page};

/// One taxonomy of one language.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub lang: LanguageId,
    pub settings: TaxonomySettings,
    /// Site-relative path of its list of terms: `/tags/`, `/en/tags/`.
    pub path: String,
    /// Its terms, by name as readers order them.
    pub terms: Vec<Term>,
    /// Whether its list and term pages are written (`render`, and terms where lent: see
    /// `Language::own_taxonomies`).
    pub render: bool,
    /// The templates a site can give this taxonomy alone, as Zola names them.
    pub list_template: String,
    pub single_template: String,
}

/// One term of a taxonomy and the pages listed under it.
#[derive(Debug, Clone)]
pub struct Term {
    /// As the first page (in the site's order) that names it writes it.
    pub name: String,
    pub slug: String,
    /// `/tags/gaza/`, `/en/tags/gaza/`.
    pub path: String,
    /// Indices into `Site::pages`, newest first.
    pub pages: Vec<usize>,
}

impl Taxonomy {
    pub fn term(&self, slug: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.slug == slug)
    }
}

/// Every language's taxonomies with their terms; a page that names a taxonomy its language
/// does not have, or an empty term, is an error at its line.
pub(super) fn classify(
    config: &crate::config::Config,
    pages: &[Page],
) -> Result<Vec<Taxonomy>, Diagnostics> {
    let mut problems = Diagnostics::new();
    let mut taxonomies: Vec<Taxonomy> = Vec::new();
    let mut of_language: HashMap<(&str, &str), usize> = HashMap::new();
    for language in &config.languages {
        let id = config.language_id(&language.code).expect("configured");
        for settings in &language.taxonomies {
            of_language.insert(
                (language.code.as_str(), settings.name.as_str()),
                taxonomies.len(),
            );
            let path = format!("{}{}/", language.url, settings.slug);
            taxonomies.push(Taxonomy {
                lang: id.clone(),
                render: settings.render,
                list_template: format!("{}/list.html", settings.name),
                single_template: format!("{}/single.html", settings.name),
                settings: settings.clone(),
                path,
                terms: Vec::new(),
            });
        }
    }
    let mut term_of: HashMap<(usize, String), usize> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        // A fallback copy's terms are its original's, in the original's language.
        if page.fallback_of.is_some() {
            continue;
        }
        for (name, terms) in &page.front.taxonomies {
            let Some(&t) = of_language.get(&(&*page.lang, name.as_str())) else {
                problems.push(unknown_taxonomy(config, page, name));
                continue;
            };
            for term in terms {
                let slug = slugify(term, "");
                if slug.is_empty() {
                    let (line, col) = page.locate(name);
                    problems.push(
                        Diagnostic::error(
                            Code::FrontMatter,
                            &page.rel_path,
                            format!(
                                "front matter: a term of `{name}` has no letter or digit: `{term}`"
                            ),
                        )
                        .at(line, col)
                        .with_hint("write the term in words, or remove it from the list"),
                    );
                    continue;
                }
                let taxonomy = &mut taxonomies[t];
                let index = *term_of.entry((t, slug.clone())).or_insert_with(|| {
                    taxonomy.terms.push(Term {
                        name: term.trim().to_string(),
                        path: format!("{}{slug}/", taxonomy.path),
                        slug,
                        pages: Vec::new(),
                    });
                    taxonomy.terms.len() - 1
                });
                let listed = &mut taxonomy.terms[index].pages;
                // A page that writes the same term twice is listed once.
                if listed.last() != Some(&i) {
                    listed.push(i);
                }
            }
        }
    }
    problems.into_result()?;
    for taxonomy in &mut taxonomies {
        for term in &mut taxonomy.terms {
            sort_pages(&mut term.pages, pages, SortBy::Date);
        }
        taxonomy
            .terms
            .sort_by(|a, b| natural_order(&a.name, &b.name).then_with(|| a.slug.cmp(&b.slug)));
        let lent = !config.language_of(&taxonomy.lang).own_taxonomies;
        if lent && taxonomy.terms.is_empty() {
            taxonomy.render = false;
        }
    }
    Ok(taxonomies)
}

/// A page names a taxonomy its language does not have.
fn unknown_taxonomy(config: &crate::config::Config, page: &Page, name: &str) -> Diagnostic {
    let language = config.language_of(&page.lang);
    let (line, col) = page.locate(name);
    let known = language.taxonomies.iter().map(|t| t.name.as_str());
    let hint = match did_you_mean(name, known) {
        Some(best) => format!("did you mean `{best}`?"),
        None if language.is_default || !language.own_taxonomies => format!(
            "add {{ name = \"{name}\" }} to `taxonomies` in config.toml, or remove `{name}` from the page"
        ),
        None => format!(
            "add {{ name = \"{name}\" }} to `taxonomies` under [languages.{}] in config.toml, or remove `{name}` from the page",
            language.code
        ),
    };
    Diagnostic::error(
        Code::FrontMatter,
        &page.rel_path,
        format!(
            "front matter: the taxonomy `{name}` is not one of the site's in {}",
            language.name
        ),
    )
    .at(line, col)
    .with_hint(hint)
}
