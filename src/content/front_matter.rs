//! TOML front matter between `+++` lines: splitting it from the body and typing its keys.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{from_toml_error, Diagnostic, Diagnostics};
use crate::kinds;

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

/// A calendar date, with an optional time, from a TOML date or a quoted `YYYY-MM-DD` string;
/// or only a year (`date = 2022`) when the source says no more: a site must not invent a day.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct Date {
    /// ISO 8601 as written (`2022`, `2023-06-05` or `2023-06-05T10:00:00Z`): sorts
    /// chronologically, a bare year before the days of that year.
    pub iso: String,
    pub year: i32,
    /// 0 for a date known only to the year.
    pub month: u8,
    /// 0 for a date known only to the year.
    pub day: u8,
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.iso
    }
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Date {
                iso: text.to_string(),
                year: text.parse().ok()?,
                month: 0,
                day: 0,
            });
        }
        let date_part = text.get(..10)?;
        let mut parts = date_part.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        let rest = &text[10..];
        let valid_rest = rest.is_empty()
            || ((rest.starts_with('T') || rest.starts_with(' '))
                && rest.len() >= 6
                && rest[1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || ":.+-Z".contains(c)));
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) || !valid_rest
        {
            return None;
        }
        Some(Date {
            iso: text.replacen(' ', "T", 1),
            year,
            month,
            day,
        })
    }

    /// Whether only the year is known.
    pub fn is_year_only(&self) -> bool {
        self.month == 0
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Toml(toml::value::Datetime),
            Year(i64),
            Text(String),
        }
        let text = match Raw::deserialize(deserializer).map_err(|_| {
            serde::de::Error::custom("expected a date like 2024-05-01, or a year like 2024")
        })? {
            Raw::Toml(dt) => dt.to_string(),
            Raw::Year(year) => year.to_string(),
            Raw::Text(s) => s,
        };
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a valid date; write it like 2024-05-01, or only the year, 2024"
            ))
        })
    }
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
