//! TOML front matter between `+++` lines: splitting it from the body and typing its keys.

use std::path::Path;

use serde::Deserialize;

use crate::content::kinds::{self, KindEntry};
use crate::diagnostics::{from_toml_error, unknown_key_hint, Code, Diagnostic, Diagnostics};

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
        return Err(Diagnostic::error(
            Code::FrontMatter,
            rel,
            "front matter uses YAML `---` fences",
        )
        .at(opening_line, 1)
        .with_hint("Bayan reads TOML front matter between `+++` lines: title = \"…\""));
    }
    if !start.starts_with("+++") {
        return Err(Diagnostic::error(
            Code::FrontMatter,
            rel,
            "the file does not start with front matter",
        )
        .at(opening_line, 1)
        .with_hint("begin the file with a `+++` line, `title = \"…\"`, and another `+++` line"));
    }
    let after_open = match start.find('\n') {
        Some(i) if start[3..i].trim().is_empty() => i + 1,
        _ => {
            return Err(Diagnostic::error(
                Code::FrontMatter,
                rel,
                "the opening `+++` must be alone on its line",
            )
            .at(opening_line, 1)
            .with_hint("put each `+++` on a line of its own"))
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
    Err(
        Diagnostic::error(Code::FrontMatter, rel, "front matter is never closed")
            .at(opening_line, 1)
            .with_hint("add a line with only `+++` after the last front-matter key"),
    )
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
    pub attachments: Vec<Attachment>,
    /// A folder of the bundle holding a photo gallery and its `photos.toml`.
    pub gallery: Option<String>,
    #[serde(default)]
    pub videos: Vec<crate::content::video::Video>,
    #[serde(default)]
    pub extra: toml::Table,
    /// The kind tables the page fills in (`[report]`…), read by [`parse_page`]; a valid page
    /// has one at most.
    #[serde(skip)]
    pub kinds: Vec<KindEntry>,
}

/// A file of the page's bundle offered for download.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// The file's name in the bundle (`report.pdf`).
    pub file: String,
    /// What readers see; the file name when absent.
    pub title: Option<String>,
}

impl PageFrontMatter {
    /// The kind a page's front matter declares, by the table it fills in.
    pub fn kind(&self) -> Result<Option<&'static kinds::PageKind>, String> {
        match self.kinds.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(one.kind)),
            many => Err(format!(
                "a page can be of one kind only, but this one has [{}]",
                many.iter()
                    .map(|k| k.kind.name)
                    .collect::<Vec<_>>()
                    .join("] and [")
            )),
        }
    }

    /// The `@/` links a page's kind table makes to other pages: (key name, link).
    pub fn references(&self) -> Vec<(&'static str, &str)> {
        self.kinds
            .iter()
            .flat_map(|k| k.table.references())
            .collect()
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

/// Parses a page's front matter: its kind table (`[report]`…) by the kind's own type, the
/// rest as [`PageFrontMatter`], every error located in the file.
pub fn parse_page(split: &Split, rel: &Path) -> Result<PageFrontMatter, Diagnostics> {
    let error = |e: &toml::de::Error| front_matter_error(split, rel, e);
    let mut table = toml::de::DeTable::parse(split.front_matter).map_err(|e| error(&e))?;
    let mut kinds = Vec::new();
    let mut problems = Diagnostics::new();
    for kind in kinds::KINDS {
        if let Some(value) = table.get_mut().remove(kind.name) {
            match kind.read(toml::de::ValueDeserializer::from(value)) {
                Ok(entry) => kinds.push(entry),
                Err(e) => problems.extend(error(&e)),
            }
        }
    }
    let front =
        PageFrontMatter::deserialize(toml::de::Deserializer::from(table)).map_err(|e| error(&e));
    match front {
        Ok(front) if problems.is_empty() => Ok(PageFrontMatter { kinds, ..front }),
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
    }
}

/// Parses the front matter of a file cut by [`split`] into `T`, locating errors in the file.
pub fn parse<T: for<'de> Deserialize<'de>>(split: &Split, rel: &Path) -> Result<T, Diagnostics> {
    toml::from_str(split.front_matter).map_err(|e| front_matter_error(split, rel, &e))
}

/// A front-matter error located in the file, with a hint for keys in the wrong place and, for
/// an unknown key, the closest key or kind table.
fn front_matter_error(split: &Split, rel: &Path, e: &toml::de::Error) -> Diagnostics {
    let mut d = from_toml_error(
        Code::FrontMatter,
        rel,
        split.front_matter,
        split.front_matter_line,
        e,
        "front matter",
    );
    let message = e.message();
    if ["sort_by", "page_template", "paginate_by"]
        .iter()
        .any(|key| message.contains(&format!("unknown field `{key}`")))
    {
        d = d.with_hint("this key belongs in a section's _index.md, not in a page");
    } else if let Some(hint) = unknown_key_hint(message, &kinds::KINDS.map(|k| k.name)) {
        // The kind tables are keys of a page too, read apart from the others.
        d = d.with_hint(hint);
    }
    Diagnostics::from(d)
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
