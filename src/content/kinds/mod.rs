//! The kinds of page: about pages, reports, conferences and statements. Each kind is one file
//! here holding all Bayan knows of it — its front-matter table (`[report]`), typed and checked
//! like every other key; the template it picks; the `@/` links it makes to other pages; the
//! checks of its values; what `bayan new` writes for it — and one line in [`KINDS`]. Nothing
//! else in Bayan names a kind: front matter, validation, templates and `bayan new` read them
//! from here.

mod about;
mod conference;
mod report;
mod statement;

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;

use crate::content::date::Date;

/// Every kind of page, in the order messages list them.
pub static KINDS: [&PageKind; 4] = [
    &about::KIND,
    &report::KIND,
    &conference::KIND,
    &statement::KIND,
];

/// The kind named `name` (a front-matter table, or `bayan new KIND`).
pub fn find(name: &str) -> Option<&'static PageKind> {
    KINDS.into_iter().find(|k| k.name == name)
}

/// Everything Bayan knows of one kind of page.
pub struct PageKind {
    /// The name of its front-matter table and of `bayan new KIND`: `report`.
    pub name: &'static str,
    /// How a sentence names a page of this kind: "a report".
    pub described: &'static str,
    /// The template a page of this kind gets unless it names its own.
    pub template: &'static str,
    /// Reads the kind's table out of front matter; toml locates errors in the file.
    read: fn(toml::de::ValueDeserializer<'_>) -> Result<Arc<dyn KindTable>, toml::de::Error>,
    /// What `bayan new` writes for a page of this kind, in one language, on one day.
    pub scaffold: fn(Wording, NaiveDate) -> Scaffold,
}

impl PageKind {
    /// Types the table this kind's name heads in a page's front matter.
    pub fn read(
        &'static self,
        value: toml::de::ValueDeserializer<'_>,
    ) -> Result<KindEntry, toml::de::Error> {
        Ok(KindEntry {
            kind: self,
            table: (self.read)(value)?,
        })
    }
}

impl fmt::Debug for PageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PageKind({})", self.name)
    }
}

/// The typed table of one kind, as a page filled it in.
pub trait KindTable: fmt::Debug + Send + Sync {
    /// What templates see as `page.NAME` (`page.report`).
    fn value(&self) -> serde_json::Value;

    /// The `@/` links this table makes to other pages, as (key, link); they must lead somewhere.
    fn references(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }

    /// What is wrong with the table's values, given the page's `date`.
    fn problems(&self, _page_date: Option<&Date>) -> Vec<Problem> {
        Vec::new()
    }
}

/// A kind table's value that is wrong: the text to point at, what is wrong, how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A key or value as written in the front matter, to locate the problem.
    pub at: &'static str,
    pub message: String,
    pub hint: &'static str,
}

/// A kind table a page filled in, with its kind.
#[derive(Debug, Clone)]
pub struct KindEntry {
    pub kind: &'static PageKind,
    pub table: Arc<dyn KindTable>,
}

/// The reader of kind `T`'s table, for [`PageKind`]'s `read`.
fn read_as<T: KindTable + DeserializeOwned + 'static>(
    value: toml::de::ValueDeserializer<'_>,
) -> Result<Arc<dyn KindTable>, toml::de::Error> {
    Ok(Arc::new(<T as serde::Deserialize>::deserialize(value)?))
}

/// The value templates see of a kind table: its fields as JSON.
fn json_of(table: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(table).expect("kind tables serialise")
}

/// The languages `bayan new` writes placeholders in; any other language gets English ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    Arabic,
    English,
    Kurmanji,
    Sorani,
}

impl Wording {
    /// The wording for a language code (`ar`, `en-GB`, `ku`, `ckb`…).
    pub fn of(lang: &str) -> Wording {
        match lang.split(['-', '_']).next().unwrap_or(lang) {
            "ar" => Wording::Arabic,
            "ku" | "kmr" => Wording::Kurmanji,
            "ckb" => Wording::Sorani,
            _ => Wording::English,
        }
    }

    /// This wording's text out of `[Arabic, English, Kurmanji, Sorani]`.
    pub fn pick<T: Copy>(self, texts: [T; 4]) -> T {
        texts[self as usize]
    }

    /// The placeholder for a place (a city, a hall), which several kinds ask for.
    pub fn place(self) -> &'static str {
        self.pick(["المكان", "Place", "Cih", "شوێن"])
    }

    /// The placeholder for an organiser's name, which several kinds ask for.
    pub fn organiser(self) -> &'static str {
        self.pick([
            "اسم الجهة المنظمة",
            "Name of the organiser",
            "Navê organîzatorê",
            "ناوی ڕێکخەر",
        ])
    }
}

/// How a new page of a kind dates itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dating {
    /// `date = TODAY`.
    Dated,
    /// `date = TODAY  # the first day` (a conference).
    FirstDay,
    /// The date commented out (an about page usually goes without one).
    Undated,
}

/// What `bayan new` writes for a kind, besides what every page gets.
#[derive(Debug, Clone)]
pub struct Scaffold {
    pub title: &'static str,
    pub dating: Dating,
    /// Whether a commented `weight` line is offered (pages ordered by hand).
    pub weighted: bool,
    /// Front-matter lines after the common keys: the kind's table, filled in.
    pub front: String,
    /// Markdown after the body's opening sentence.
    pub body: String,
}

/// A TOML string, quoted and escaped.
pub fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_distinct_names_and_templates() {
        let mut names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), KINDS.len());
        for kind in KINDS {
            assert_eq!(kind.template, format!("{}.html", kind.name));
            assert!(std::ptr::eq(find(kind.name).unwrap(), kind));
        }
        assert!(find("page").is_none());
    }
}
