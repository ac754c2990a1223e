//! TOML front matter between `+++` lines: splitting it from the body and typing its keys.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{from_toml_error, Diagnostic, Diagnostics};
use crate::kinds;

pub use crate::content::date::Date;

/// A Markdown file cut in two, with the line numbers each part starts on.
#[derive(Debug)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    pub front_matter_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

/// Splits `+++ … +++` from the body. A file must start with front matter.
pub fn split<'a>(text: &'a str, rel: &Path) -> Result<Split<'a>, Diagnostic> {
    let start = text.trim_start_matches([' ', '\t', '\r', '\n']);
    let skipped_lines = text[..text.len() - start.len()].matches('\n').count();
    let opening_line = skipped_lines + 1;
    if start.starts_with("---") {
        return Err(
            Diagnostic::error(rel, "front matter uses YAML `---` fences")
                .at(opening_line, 1)
                .with_hint("Bayan reads TOML front matter between `+++` lines: title = \"…\""),
        );
    }
    if !start.starts_with("+++") {
        return Err(
            Diagnostic::error(rel, "the file does not start with front matter")
                .at(opening_line, 1)
                .with_hint(
                    "begin the file with a `+++` line, `title = \"…\"`, and another `+++` line",
                ),
        );
    }
    let after_open = match start.find('\n') {
        Some(i) if start[3..i].trim().is_empty() => i + 1,
        _ => {
            return Err(
                Diagnostic::error(rel, "the opening `+++` must be alone on its line")
                    .at(opening_line, 1)
                    .with_hint("put each `+++` on a line of its own"),
            )
        }
    };
    let rest = &start[after_open..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front_matter = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let front_matter_line = opening_line + 1;
            return Ok(Split {
                front_matter,
                front_matter_line,
                body,
                body_line: front_matter_line + front_matter.matches('\n').count() + 1,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(rel, "front matter is never closed")
        .at(opening_line, 1)
        .with_hint("add a line with only `+++` after the last front-matter key"))
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Newest first; undated pages last.
    #[default]
    Date,
    /// Lowest weight first.
    Weight,
    /// Alphabetical by title.
    Title,
    /// File order.
    None,
}

/// Front matter of a page (`NAME.md`, `NAME/index.md`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    #[serde(default)]
    pub title: String,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
    pub weight: Option<i64>,
    pub template: Option<String>,
    /// Files of the bundle offered for download.
    #[serde(default)]
    pub attachments: Vec<kinds::Attachment>,
    /// A folder of the bundle holding a photo gallery and its `photos.toml`.
    pub gallery: Option<String>,
    #[serde(default)]
    pub videos: Vec<crate::content::video::Video>,
    pub about: Option<kinds::About>,
    pub report: Option<kinds::Report>,
    pub conference: Option<kinds::Conference>,
    pub statement: Option<kinds::Statement>,
    #[serde(default)]
    pub extra: toml::Table,
}

impl PageFrontMatter {
    /// The kind a page's front matter declares, by the table it fills in.
    pub fn kind(&self) -> Result<Option<&'static str>, String> {
        let kinds: Vec<&'static str> = [
            ("about", self.about.is_some()),
            ("report", self.report.is_some()),
            ("conference", self.conference.is_some()),
            ("statement", self.statement.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
        .collect();
        match kinds.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(one)),
            many => Err(format!(
                "a page can be of one kind only, but this one has [{}]",
                many.join("] and [")
            )),
        }
    }

    /// The `@/` links a page's kind table makes to other pages: (key name, link).
    pub fn references(&self) -> Vec<(&'static str, &str)> {
        let mut links = Vec::new();
        if let Some(link) = self.report.as_ref().and_then(|r| r.statement.as_deref()) {
            links.push(("statement", link));
        }
        if let Some(link) = self
            .conference
            .as_ref()
            .and_then(|c| c.statement.as_deref())
        {
            links.push(("statement", link));
        }
        if let Some(link) = self.statement.as_ref().and_then(|s| s.event.as_deref()) {
            links.push(("event", link));
        }
        links
    }
}

/// Front matter of a section (`_index.md`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    #[serde(default)]
    pub title: String,
    pub description: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub weight: Option<i64>,
    pub template: Option<String>,
    pub page_template: Option<String>,
    #[serde(default)]
    pub sort_by: SortBy,
    pub paginate_by: Option<usize>,
    /// Publish an Atom feed of this section (every language's home has one anyway).
    #[serde(default)]
    pub feed: bool,
    #[serde(default)]
    pub extra: toml::Table,
}

/// Parses the front matter of a file cut by [`split`] into `T`, locating errors in the file.
pub fn parse<T: for<'de> Deserialize<'de>>(split: &Split, rel: &Path) -> Result<T, Diagnostics> {
    toml::from_str(split.front_matter).map_err(|e| {
        let mut d = from_toml_error(
            rel,
            split.front_matter,
            split.front_matter_line,
            &e,
            "front matter",
        );
        if e.message().contains("unknown field `sort_by`")
            || e.message().contains("unknown field `page_template`")
            || e.message().contains("unknown field `paginate_by`")
        {
            d = d.with_hint("this key belongs in a section's _index.md, not in a page");
        }
        Diagnostics::from(d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel() -> &'static Path {
        Path::new("content/a.md")
    }

    #[test]
    fn splits_with_line_numbers() {
        let text = "+++\ntitle = \"x\"\ndate = 2024-01-02\n+++\nBody\n";
        let s = split(text, rel()).unwrap();
        assert_eq!(s.front_matter, "title = \"x\"\ndate = 2024-01-02\n");
        assert_eq!(s.front_matter_line, 2);
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 5);
        let fm: PageFrontMatter = parse(&s, rel()).unwrap();
        assert_eq!(fm.date.unwrap().iso, "2024-01-02");
    }

    #[test]
    fn unclosed_and_missing_and_yaml() {
        assert!(split("+++\ntitle = \"x\"\n", rel())
            .unwrap_err()
            .message
            .contains("never closed"));
        assert!(split("# Title\n", rel())
            .unwrap_err()
            .message
            .contains("does not start"));
        assert!(split("---\ntitle: x\n---\n", rel())
            .unwrap_err()
            .message
            .contains("YAML"));
        assert!(split("", rel()).is_err());
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let text = "+++\ntitle = \"x\"\ntitel = \"y\"\n+++\n";
        let s = split(text, rel()).unwrap();
        let err = parse::<PageFrontMatter>(&s, rel()).unwrap_err();
        let d = &err.0[0];
        assert_eq!(d.line, 3, "{d}");
        assert!(d.hint.as_ref().unwrap().contains("`title`"), "{d}");
    }

    #[test]
    fn dates_are_checked() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2023-13-01").is_none());
        let year = Date::parse("2022").unwrap();
        assert!(year.is_year_only() && year < Date::parse("2022-01-01").unwrap());
        assert!(Date::parse("22").is_none());
        let s = split("+++\ndate = 2022\n+++\n", rel()).unwrap();
        assert_eq!(
            parse::<PageFrontMatter>(&s, rel())
                .unwrap()
                .date
                .unwrap()
                .iso,
            "2022"
        );
        assert_eq!(
            Date::parse("2023-06-05 10:00:00").unwrap().iso,
            "2023-06-05T10:00:00"
        );
        let s = split("+++\ndate = \"2023-06-31\"\n+++\n", rel()).unwrap();
        let err = parse::<PageFrontMatter>(&s, rel()).unwrap_err();
        assert_eq!(err.0[0].line, 2, "{}", err);
    }
}
