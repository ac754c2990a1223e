//! Each language's search index, for the theme's search page (`search.html`, rendered by `render`) to search in the
//! reader's browser, with nothing asked of any other host. Per language, under its search page
//! (`/search/`, `/en/search/`):
//!
//! - `manifest.json`: the index's version, its number of documents and its shards. The only
//!   file that keeps its name from build to build; the page fetches it first, unstored.
//! - `VERSION/SHARD.json`: the words starting with the same two letters (`SHARD` is their code
//!   points in hex: `627-644`), each with the documents it is in and its weight there, as
//!   `[id, weight, id, weight…]` where each id is the difference from the one before.
//! - `VERSION/doc/ID.json`: a document's address, title, kind, date as its language writes it,
//!   and text, fetched for the results shown.
//!
//! A query fetches the manifest, one shard per word and ten documents: a few kilobytes, however
//! large the site. Documents are numbered newest first, so equal scores list recent pages
//! first. Words are folded and Arabic words stemmed by [`words`], as the page's script does.

pub mod words;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Language;
use crate::markdown::Rendered;
use crate::render::url_of;
use crate::site::Site;

/// A title's word weighs as much as this many of the body's.
const TITLE_WEIGHT: u32 = 5;

/// One searchable page or section of a language.
#[derive(Serialize)]
struct Doc {
    url: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    text: String,
    /// ISO date, for the order of the ids.
    #[serde(skip)]
    sort_date: String,
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: &'a str,
    docs: usize,
    shards: Vec<&'a str>,
}

/// Every file of every language's index, as (path in the output folder, text).
pub fn index_files(
    site: &Site,
    page_bodies: &[Rendered],
    section_bodies: &[Rendered],
) -> Vec<(PathBuf, String)> {
    (site.config.languages.par_iter())
        .flat_map_iter(|language| language_files(site, language, page_bodies, section_bodies))
        .collect()
}

fn language_files(
    site: &Site,
    language: &Language,
    page_bodies: &[Rendered],
    section_bodies: &[Rendered],
) -> Vec<(PathBuf, String)> {
    let mut docs = documents(site, language, page_bodies, section_bodies);
    docs.sort_by(|a, b| b.sort_date.cmp(&a.sort_date).then(a.url.cmp(&b.url)));
    let arabic = language.code.starts_with("ar");
    let terms: Vec<HashMap<String, u32>> = docs.par_iter().map(|d| terms_of(d, arabic)).collect();
    let mut postings: BTreeMap<String, Vec<(u32, u32)>> = BTreeMap::new();
    for (id, doc_terms) in terms.into_iter().enumerate() {
        for (term, weight) in doc_terms {
            postings.entry(term).or_default().push((id as u32, weight));
        }
    }
    let mut shards: BTreeMap<String, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for (term, mut list) in postings {
        list.sort_unstable();
        let mut flat = Vec::with_capacity(list.len() * 2);
        let mut previous = 0;
        for (id, weight) in list {
            flat.extend([id - previous, weight]);
            previous = id;
        }
        shards
            .entry(shard_key(&term))
            .or_default()
            .insert(term, flat);
    }
    let shard_texts: Vec<(String, String)> = (shards.into_iter())
        .map(|(key, terms)| (key, to_json(&terms)))
        .collect();
    let doc_texts: Vec<String> = docs.iter().map(to_json).collect();
    let version = {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for text in shard_texts.iter().map(|(_, t)| t).chain(&doc_texts) {
            hasher.update(text.as_bytes());
            hasher.update(&[0]);
        }
        format!("{:012x}", hasher.digest() >> 16)
    };
    let dir = PathBuf::from(language.search_path().trim_start_matches('/'));
    let manifest = Manifest {
        version: &version,
        docs: docs.len(),
        shards: shard_texts.iter().map(|(k, _)| k.as_str()).collect(),
    };
    let mut files = vec![(dir.join("manifest.json"), to_json(&manifest))];
    let versioned = dir.join(&version);
    for (key, text) in shard_texts {
        files.push((versioned.join(format!("{key}.json")), text));
    }
    for (id, text) in doc_texts.into_iter().enumerate() {
        files.push((versioned.join("doc").join(format!("{id}.json")), text));
    }
    files
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("search index values serialise")
}

/// The shard a word is in: its first two letters' code points in hex (`627-644`).
pub fn shard_key(term: &str) -> String {
    (term.chars().take(2))
        .map(|c| format!("{:x}", c as u32))
        .collect::<Vec<_>>()
        .join("-")
}

/// A document's words with their weights: each time in the body counts 1, in the title more.
fn terms_of(doc: &Doc, arabic: bool) -> HashMap<String, u32> {
    let mut terms: HashMap<String, u32> = HashMap::new();
    for (text, weight) in [(&doc.title, TITLE_WEIGHT), (&doc.text, 1)] {
        for word in words::words(text) {
            let folded = words::fold(word);
            for form in words::forms(&folded, arabic) {
                *terms.entry(form.to_string()).or_default() += weight;
            }
        }
    }
    terms
}

/// The pages and sections of a language that are searched: not a fallback copy of another
/// language's page, published, and not left out by `in_search_index = false` (on the page, its
/// section or a section above) or by `[search] exclude`.
fn documents(
    site: &Site,
    language: &Language,
    page_bodies: &[Rendered],
    section_bodies: &[Rendered],
) -> Vec<Doc> {
    let base_path = site.config.base_path();
    let section_searched: Vec<bool> = (0..site.sections.len())
        .map(|i| section_searched(site, i))
        .collect();
    let pages = site.pages.iter().enumerate().filter(|(_, page)| {
        *page.lang == language.code
            && page.fallback_of.is_none()
            && page.front.renders()
            && page.front.in_search()
            && section_searched[page.section]
    });
    let page_docs = pages.map(|(i, page)| {
        let date = page.front.date.as_ref();
        Doc {
            url: url_of(&base_path, &page.path),
            title: page.front.title.clone(),
            kind: page.front.kind().ok().flatten().map(|k| k.name),
            date: date.and_then(|d| formatted(d, &language.locale)),
            text: words::text_of_html(&page_bodies[i].html),
            sort_date: date.map(|d| d.iso.clone()).unwrap_or_default(),
        }
    });
    // A section is found by its own text; its list of pages is found page by page.
    let sections = site.sections.iter().enumerate().filter(|(i, section)| {
        *section.lang == language.code
            && section_searched[*i]
            && section.front.renders()
            && section.front.redirect_to.is_none()
            && !section_bodies[*i].html.trim().is_empty()
    });
    let section_docs = sections.map(|(i, section)| Doc {
        url: url_of(&base_path, &section.path),
        title: match section.front.title.as_str() {
            "" => language.title.clone(),
            title => title.to_string(),
        },
        kind: None,
        date: None,
        text: words::text_of_html(&section_bodies[i].html),
        sort_date: String::new(),
    });
    page_docs.chain(section_docs).collect()
}

/// Whether a section and every section above it are searched.
fn section_searched(site: &Site, mut index: usize) -> bool {
    let excluded = &site.config.search.exclude;
    loop {
        let section = &site.sections[index];
        if !section.front.in_search() || excluded.contains(&section.dir) {
            return false;
        }
        match section.parent {
            Some(parent) => index = parent,
            None => return true,
        }
    }
}

/// A date as the page's language writes it (`٥ حزيران ٢٠٢٣`).
fn formatted(date: &crate::content::date::Date, locale: &str) -> Option<String> {
    let text = if date.is_year_only() {
        crate::dates::format_year(date.year, locale)
    } else {
        let length = crate::dates::DateLength::Long;
        crate::dates::format_date(date.year, date.month, date.day, locale, length)
    };
    text.ok()
}
