//! The translation matrix: which pages and sections exist in which languages, and which
//! translations are older than their original (by `updated`, else `date`).

use indexmap::IndexMap;
use serde::Serialize;

use crate::content::front_matter::Date;
use crate::diagnostics::{Code, Diagnostic};
use crate::site::{Item, Site};

/// Every page and section by content path, with its state in each configured language.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    pub languages: Vec<String>,
    pub default_language: String,
    pub items: Vec<Row>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The content path without language suffix and `.md`: `reports/geneva/index`.
    pub key: String,
    /// `page` or `section`.
    pub kind: &'static str,
    /// By language, in config order.
    pub languages: IndexMap<String, Cell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub status: Status,
    /// The Markdown file, relative to the site.
    pub file: Option<String>,
    /// `updated`, else `date`, of a page.
    pub updated: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The version the others are translated from: the default language's when there is one.
    Original,
    UpToDate,
    OutOfDate,
    /// A language's home page made by Bayan, without an `_index` file of its own.
    Generated,
    Missing,
}

impl Status {
    /// How the text report's table shows it.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Original => "original",
            Status::UpToDate => "ok",
            Status::OutOfDate => "OUT OF DATE",
            Status::Generated => "(made)",
            Status::Missing => "-",
        }
    }
}

/// The date a translation is compared by: when the page was last changed.
fn changed(site: &Site, item: Item) -> Option<&Date> {
    match item {
        Item::Page(i) => {
            let front = &site.pages[i].front;
            front.updated.as_ref().or(front.date.as_ref())
        }
        Item::Section(_) => None,
    }
}

/// Whether `translation` is earlier than `original`, at the precision both give.
fn is_older(translation: &Date, original: &Date) -> bool {
    if translation.is_year_only() || original.is_year_only() {
        translation.year < original.year
    } else {
        (translation.year, translation.month, translation.day)
            < (original.year, original.month, original.day)
    }
}

fn file_of(site: &Site, item: Item) -> Option<String> {
    let path = match item {
        Item::Page(i) => Some(&site.pages[i].rel_path),
        Item::Section(i) => site.sections[i].rel_path.as_ref(),
    };
    path.map(|p| p.to_string_lossy().replace('\\', "/"))
}

/// The original of `key`: the default language's file, else the first language's with a file.
fn original<'a>(site: &Site, versions: &[(&'a str, Item)]) -> Option<(&'a str, Item)> {
    let has_file = |(_, item): &&(&str, Item)| file_of(site, *item).is_some();
    versions
        .iter()
        .filter(has_file)
        .find(|(lang, _)| *lang == site.config.default_language)
        .or_else(|| versions.iter().find(has_file))
        .copied()
}

pub fn matrix(site: &Site) -> Matrix {
    let mut keys: Vec<(&str, &'static str)> = site
        .pages
        .iter()
        .map(|p| (p.key.as_str(), "page"))
        .chain(site.sections.iter().map(|s| (s.key.as_str(), "section")))
        .collect();
    keys.sort();
    keys.dedup();
    let items = keys
        .into_iter()
        .map(|(key, kind)| {
            let versions = site.languages_of(key);
            let original = original(site, &versions);
            let original_date = original.and_then(|(_, item)| changed(site, item));
            let languages = site
                .config
                .languages
                .iter()
                .map(|l| {
                    let version = versions.iter().find(|(lang, _)| *lang == l.code);
                    let cell = match version {
                        None => Cell {
                            status: Status::Missing,
                            file: None,
                            updated: None,
                        },
                        Some(&(lang, item)) => {
                            let file = file_of(site, item);
                            let date = changed(site, item);
                            let status = if file.is_none() {
                                Status::Generated
                            } else if original.is_some_and(|(o, _)| o == lang) {
                                Status::Original
                            } else if date.zip(original_date).is_some_and(|(t, o)| is_older(t, o)) {
                                Status::OutOfDate
                            } else {
                                Status::UpToDate
                            };
                            Cell {
                                status,
                                file,
                                updated: date.map(|d| d.iso.clone()),
                            }
                        }
                    };
                    (l.code.clone(), cell)
                })
                .collect();
            Row {
                key: key.to_string(),
                kind,
                languages,
            }
        })
        .collect();
    Matrix {
        languages: site
            .config
            .languages
            .iter()
            .map(|l| l.code.clone())
            .collect(),
        default_language: site.config.default_language.clone(),
        items,
    }
}

/// A warning for each translation older than its original, at its `updated` (or `date`).
pub fn outdated(site: &Site, matrix: &Matrix) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for row in &matrix.items {
        let Some((original_lang, original)) = row
            .languages
            .iter()
            .find(|(_, c)| c.status == Status::Original)
        else {
            continue;
        };
        for (lang, cell) in row
            .languages
            .iter()
            .filter(|(_, c)| c.status == Status::OutOfDate)
        {
            let Some(Item::Page(i)) = site.get(lang, &row.key) else {
                continue;
            };
            let page = &site.pages[i];
            let field = if page.front.updated.is_some() {
                "updated"
            } else {
                "date"
            };
            let (line, col) = page.locate(&format!("{field} "));
            let original_date = original.updated.as_deref().unwrap_or("?");
            let diagnostic = Diagnostic::warning(Code::OutdatedTranslation,
                &page.rel_path,
                format!(
                    "this {lang} translation is out of date: its `{field}` is {}, but the {original_lang} original {} was updated on {original_date}",
                    cell.updated.as_deref().unwrap_or("?"),
                    original.file.as_deref().unwrap_or("?"),
                ),
            )
            .at(line, col)
            .with_hint(format!(
                "bring the text in line with the original, then set `updated = {original_date}` (or later) in this file's front matter"
            ));
            findings.push(diagnostic);
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_at_the_precision_both_give() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert!(is_older(&d("2022-03-01"), &d("2022-03-02")));
        assert!(!is_older(&d("2022-03-02"), &d("2022-03-02")));
        assert!(!is_older(&d("2022"), &d("2022-12-31")));
        assert!(is_older(&d("2021"), &d("2022-01-01")));
        assert!(!is_older(&d("2022-03-02T10:00:00Z"), &d("2022-03-02")));
    }
}
