//! Each language's search index, for the theme's search page (`search.html`, rendered by `render`) to search in the
//! reader's browser, with nothing asked of any other host. Per language, under its search page
//! (`/search/`, `/en/search/`):
//!
//! - `manifest.json`: the index's version, its number of documents, and the first word of each
//!   of its word files. The only file that keeps its name from build to build; the page fetches
//!   it first, revalidated.
//! - `VERSION/w/N.json`: the words in code point order, cut into files of about
//!   [`WORDS_FILE_BYTES`] (a small site has one or two), each word with the documents it is in
//!   and its weight there, as `[id, weight, id, weight…]` where each id is the difference from
//!   the one before. The words a query begins are in the file whose first word is the last
//!   one not after it, and in the files after that one which start with it.
//! - `VERSION/doc/ID.json`: a document's address, title, kind, date as its language writes it,
//!   and text, fetched for the results shown.
//!
//! A query fetches the manifest, a word file per word and ten documents: a few tens of
//! kilobytes, however large the site. Documents are numbered newest first, so equal scores list
//! recent pages first. Words are folded and Arabic words stemmed by [`words`], as the page's
//! script does.
//!
//! Why not Pagefind as a library: version 1.6 brings 149 crates Bayan does not build (tokio,
//! actix-web, h2, zstd, brotli among them) to a build that counts its minutes on two cores; it
//! knows nothing of Kurdish (no folding of Sorani's or Kurmanji's letters); and its reader side
//! is a WebAssembly module on top of the index. This index is a few hundred lines on crates
//! Bayan already builds, folds what these sites need, and needs one small script.

pub mod words;

use std::collections::HashMap;
use std::fmt::Write;
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
    /// The first word of each word file, in order.
    words: Vec<&'a str>,
}

/// About how large a word file grows before the next begins: a query's word costs one such
/// file (gzipped, about a third), and a small site's words fit in one.
pub const WORDS_FILE_BYTES: usize = 32 * 1024;

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
    // Documents in id order: each word's list comes out in id order.
    let mut by_word: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    for (id, doc_terms) in terms.into_iter().enumerate() {
        for (term, weight) in doc_terms {
            by_word.entry(term).or_default().push((id as u32, weight));
        }
    }
    let mut postings: Vec<(String, Vec<(u32, u32)>)> = by_word.into_iter().collect();
    postings.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // Words in code point order (Rust orders strings so, as the script compares them), cut
    // into files of about WORDS_FILE_BYTES.
    let mut word_files: Vec<(String, String)> = Vec::new();
    for (term, list) in postings {
        let mut entry = to_json(&term);
        entry.push_str(":[");
        let mut previous = 0;
        for (n, (id, weight)) in list.into_iter().enumerate() {
            let separator = if n == 0 { "" } else { "," };
            let _ = write!(entry, "{separator}{},{weight}", id - previous);
            previous = id;
        }
        entry.push(']');
        match word_files.last_mut() {
            Some((_, text)) if text.len() + entry.len() < WORDS_FILE_BYTES => {
                text.push(',');
                text.push_str(&entry);
            }
            _ => word_files.push((term, format!("{{{entry}"))),
        }
    }
    for (_, text) in &mut word_files {
        text.push('}');
    }
    let doc_texts: Vec<String> = docs.par_iter().map(to_json).collect();
    let version = {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for text in word_files.iter().map(|(_, t)| t).chain(&doc_texts) {
            hasher.update(text.as_bytes());
            hasher.update(&[0]);
        }
        format!("{:012x}", hasher.digest() >> 16)
    };
    let dir = PathBuf::from(language.search_path().trim_start_matches('/'));
    let manifest = Manifest {
        version: &version,
        docs: docs.len(),
        words: word_files.iter().map(|(first, _)| first.as_str()).collect(),
    };
    let mut files = vec![(dir.join("manifest.json"), to_json(&manifest))];
    let versioned = dir.join(&version);
    for (n, (_, text)) in word_files.into_iter().enumerate() {
        files.push((versioned.join("w").join(format!("{n}.json")), text));
    }
    for (id, text) in doc_texts.into_iter().enumerate() {
        files.push((versioned.join("doc").join(format!("{id}.json")), text));
    }
    files
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("search index values serialise")
}

/// A document's words with their weights: each time in the body counts 1, in the title more.
fn terms_of(doc: &Doc, arabic: bool) -> HashMap<String, u32> {
    let mut terms: HashMap<String, u32> = HashMap::new();
    for (text, weight) in [(&doc.title, TITLE_WEIGHT), (&doc.text, 1)] {
        for word in words::words(text) {
            let folded = words::fold(word);
            for form in words::forms(&folded, arabic) {
                match terms.get_mut(form) {
                    Some(sum) => *sum += weight,
                    None => {
                        terms.insert(form.to_string(), weight);
                    }
                }
            }
        }
    }
    terms
}

/// The pages and sections of a language that are searched ([`Site::page_searched`]); a section
/// only for its own text, when it has some.
fn documents(
    site: &Site,
    language: &Language,
    page_bodies: &[Rendered],
    section_bodies: &[Rendered],
) -> Vec<Doc> {
    let base_path = site.config.base_path();
    let pages: Vec<usize> = (0..site.pages.len())
        .filter(|&i| *site.pages[i].lang == language.code && site.page_searched(i))
        .collect();
    let page_docs = pages.into_par_iter().map(|i| {
        let page = &site.pages[i];
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
    let sections = site.sections.iter().enumerate().filter(|&(i, section)| {
        *section.lang == language.code
            && site.section_searched(i)
            && section.front.renders()
            && section.front.redirect_to.is_none()
            && !section_bodies[i].html.trim().is_empty()
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
    let mut docs: Vec<Doc> = page_docs.collect();
    docs.extend(section_docs);
    docs
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
