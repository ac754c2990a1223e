//! Front matter, TOML between `+++` lines or YAML between `---` lines as Zola allows: splitting
//! it from the body, checking its keys (`zola.rs`) and typing them.

use std::path::Path;

use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use crate::content::kinds::{self, KindEntry};
use crate::content::yaml;
use crate::content::zola::{self, Holder};
use crate::diagnostics::{from_toml_error_in, Code, Diagnostic, Diagnostics, Notation};
pub use crate::markdown::AnchorLinks;

pub use crate::content::date::Date;

/// The language front matter is written in, by its fences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `+++` lines.
    Toml,
    /// Between `---` lines.
    Yaml,
}

impl Format {
    fn fence(self) -> &'static str {
        match self {
            Format::Toml => "+++",
            Format::Yaml => "---",
        }
    }
}

/// A Markdown file cut in two, with the line numbers each part starts on.
#[derive(Debug)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    pub front_matter_line: usize,
    pub body: &'a str,
    pub body_line: usize,
    pub format: Format,
}

/// Splits `+++ … +++` (or `--- … ---`) from the body. A file must start with front matter.
pub fn split<'a>(text: &'a str, rel: &Path) -> Result<Split<'a>, Diagnostic> {
    let start = text.trim_start_matches([' ', '\t', '\r', '\n']);
    let skipped_lines = text[..text.len() - start.len()].matches('\n').count();
    let opening_line = skipped_lines + 1;
    let format = if start.starts_with("---") {
        Format::Yaml
    } else if start.starts_with("+++") {
        Format::Toml
    } else {
        return Err(Diagnostic::error(
            Code::FrontMatter,
            rel,
            "the file does not start with front matter",
        )
        .at(opening_line, 1)
        .with_hint("begin the file with a `+++` line, `title = \"…\"`, and another `+++` line"));
    };
    let fence = format.fence();
    let after_open = match start.find('\n') {
        Some(i) if start[3..i].trim().is_empty() => i + 1,
        _ => {
            return Err(Diagnostic::error(
                Code::FrontMatter,
                rel,
                format!("the opening `{fence}` must be alone on its line"),
            )
            .at(opening_line, 1)
            .with_hint(format!("put each `{fence}` on a line of its own")))
        }
    };
    let rest = &start[after_open..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            let front_matter = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let front_matter_line = opening_line + 1;
            return Ok(Split {
                front_matter,
                front_matter_line,
                body,
                body_line: front_matter_line + front_matter.matches('\n').count() + 1,
                format,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(Code::FrontMatter, rel, "front matter is never closed")
            .at(opening_line, 1)
            .with_hint(format!(
                "add a line with only `{fence}` after the last front-matter key"
            )),
    )
}

/// How a section orders its pages: Zola's `sort_by` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// Newest first; undated pages last.
    #[default]
    Date,
    /// Newest first by the later of `updated` and `date`; pages with neither last.
    UpdateDate,
    /// Lowest weight first.
    Weight,
    /// Alphabetical by title.
    Title,
    /// By the bytes of the title: capitals before small letters, Latin before other scripts.
    TitleBytes,
    /// By the page's slug, numbers in it by their value (`2` before `10`).
    Slug,
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
    /// Old addresses of the page, which lead readers to it (Zola's key).
    #[serde(default)]
    pub aliases: Vec<String>,
    pub weight: Option<i64>,
    pub template: Option<String>,
    /// The page's address from the site's root, instead of its folder's and its slug (Zola's
    /// key; as in Zola, no language prefix is added).
    pub path: Option<String>,
    /// `false` writes no HTML file for the page, which stays in lists and lookups (Zola's key).
    pub render: Option<bool>,
    /// Who wrote the page, as Zola's `authors`.
    #[serde(default)]
    pub authors: Vec<String>,
    /// `false` keeps the page out of its language's search index (Zola's key).
    #[serde(default)]
    pub in_search_index: Option<bool>,
    /// Files of the bundle offered for download.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// A folder of the bundle holding a photo gallery and its `photos.toml`.
    pub gallery: Option<String>,
    /// The photo that stands for the page on cards and social previews: an image beside the
    /// page (else its gallery's first photo, else the first image of its folder).
    pub image: Option<String>,
    #[serde(default)]
    pub videos: Vec<crate::content::video::Video>,
    /// The terms of each taxonomy the page is listed under (`[taxonomies] tags = […]`), in
    /// the order written.
    #[serde(default)]
    pub taxonomies: indexmap::IndexMap<String, Vec<String>>,
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
    /// Old addresses of the section, which lead readers to it (Zola's key).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Where the section's address sends readers instead of showing its list (Zola's key): a
    /// path of the site, an `@/` link or another site's address.
    pub redirect_to: Option<String>,
    pub template: Option<String>,
    pub page_template: Option<String>,
    #[serde(default)]
    pub sort_by: SortBy,
    pub paginate_by: Option<usize>,
    /// Publish an Atom feed of this section (every language's home has one anyway); Zola calls
    /// it `generate_feeds` (`generate_feed` before 0.19).
    #[serde(default, alias = "generate_feeds", alias = "generate_feed")]
    pub feed: bool,
    /// `false` writes no list page for the section, which stays in lookups (Zola's key).
    pub render: Option<bool>,
    /// Its pages are listed in the section above too (Zola's key).
    #[serde(default)]
    pub transparent: bool,
    /// `false` keeps the section, its pages and its subsections out of the search index
    /// (Zola's key).
    #[serde(default)]
    pub in_search_index: Option<bool>,
    /// Its pages are split into pagers last first (Zola's key).
    #[serde(default)]
    pub paginate_reversed: bool,
    /// Where its pages' headings get a link to themselves (Zola's key).
    #[serde(default)]
    pub insert_anchor_links: AnchorLinks,
    #[serde(default)]
    pub extra: toml::Table,
}

impl PageFrontMatter {
    /// Whether the page gets an HTML file (Zola's `render`, true unless it says `false`).
    pub fn renders(&self) -> bool {
        self.render != Some(false)
    }

    /// Whether it goes into its language's search index (Zola's `in_search_index`, true unless
    /// it says `false`).
    pub fn in_search(&self) -> bool {
        self.in_search_index != Some(false)
    }
}

impl SectionFrontMatter {
    /// Whether the section gets a list page (Zola's `render`, true unless it says `false`).
    pub fn renders(&self) -> bool {
        self.render != Some(false)
    }

    /// Whether it goes into its language's search index (Zola's `in_search_index`, true unless
    /// it says `false`).
    pub fn in_search(&self) -> bool {
        self.in_search_index != Some(false)
    }
}

/// Reads a page's front matter: Zola's keys taken out with a warning each (`zola.rs`), its kind
/// table (`[report]`…) typed by the kind's own type, the rest as [`PageFrontMatter`]. Gives
/// the warnings beside the front matter; every error located in the file, each key with a
/// wrong value as one.
pub fn read_page(split: &Split, rel: &Path) -> Result<(PageFrontMatter, Diagnostics), Diagnostics> {
    in_toml(split, rel, |text, first_line| {
        let error =
            |e: &toml::de::Error| front_matter_error(text, first_line, rel, split.format, e);
        let mut table = DeTable::parse(text).map_err(|e| error(&e))?;
        let mut problems = zola::take_out(table.get_mut(), Holder::Page, text, first_line, rel);
        let mut kinds = Vec::new();
        for kind in kinds::KINDS {
            if let Some(value) = table.get_mut().remove(kind.name) {
                match every_error(value, |v| kind.read(ValueDeserializer::from(v))) {
                    Ok(entry) => kinds.push(entry),
                    Err(errors) => problems.extend(errors.iter().map(error)),
                }
            }
        }
        let front = every_error(as_value(table), |v| {
            PageFrontMatter::deserialize(ValueDeserializer::from(v))
        })
        .map_err(|errors| problems.extend(errors.iter().map(error)));
        let warnings = problems.into_result()?;
        let front = front.expect("a typing error is among the problems");
        Ok((PageFrontMatter { kinds, ..front }, warnings))
    })
}

/// [`read_page`] without its warnings.
pub fn parse_page(split: &Split, rel: &Path) -> Result<PageFrontMatter, Diagnostics> {
    read_page(split, rel).map(|(front, _)| front)
}

/// Reads a section's front matter as [`read_page`] reads a page's.
pub fn read_section(
    split: &Split,
    rel: &Path,
) -> Result<(SectionFrontMatter, Diagnostics), Diagnostics> {
    in_toml(split, rel, |text, first_line| {
        let error =
            |e: &toml::de::Error| front_matter_error(text, first_line, rel, split.format, e);
        let mut table = DeTable::parse(text).map_err(|e| error(&e))?;
        let mut problems = zola::take_out(table.get_mut(), Holder::Section, text, first_line, rel);
        let front = every_error(as_value(table), |v| {
            SectionFrontMatter::deserialize(ValueDeserializer::from(v))
        })
        .map_err(|errors| problems.extend(errors.iter().map(error)));
        let warnings = problems.into_result()?;
        Ok((
            front.expect("a typing error is among the problems"),
            warnings,
        ))
    })
}

/// Runs `read` on the front matter as TOML text with the file's line of its first line: as
/// written, or for YAML as written out in TOML, each problem then placed back in the YAML.
fn in_toml<T>(
    split: &Split,
    rel: &Path,
    read: impl FnOnce(&str, usize) -> Result<(T, Diagnostics), Diagnostics>,
) -> Result<(T, Diagnostics), Diagnostics> {
    match split.format {
        Format::Toml => read(split.front_matter, split.front_matter_line),
        Format::Yaml => {
            let converted = yaml::to_toml(split.front_matter, split.front_matter_line, rel)?;
            let place = |problems: Diagnostics| {
                let mut placed =
                    Diagnostics(problems.into_iter().map(|d| converted.place(d)).collect());
                placed.sort();
                placed
            };
            read(&converted.toml, 1)
                .map(|(front, warnings)| (front, place(warnings)))
                .map_err(place)
        }
    }
}

/// Types `value` with `read`. When that fails and the value is a table, each of its keys is
/// read alone as well, so that every key with a wrong value is reported, not only the first;
/// a key read alone lacks the keys another requires, so "missing field" is left to the whole.
fn every_error<'i, T>(
    value: Spanned<DeValue<'i>>,
    read: impl Fn(Spanned<DeValue<'i>>) -> Result<T, toml::de::Error>,
) -> Result<T, Vec<toml::de::Error>> {
    let first = match read(value.clone()) {
        Ok(typed) => return Ok(typed),
        Err(e) => e,
    };
    let span = value.span();
    let DeValue::Table(table) = value.into_inner() else {
        return Err(vec![first]);
    };
    let mut errors: Vec<toml::de::Error> = table
        .into_iter()
        .filter_map(|(key, value)| {
            let mut alone = DeTable::new();
            alone.insert(key, value);
            read(Spanned::new(span.clone(), DeValue::Table(alone))).err()
        })
        .filter(|e| !e.message().starts_with("missing field"))
        .collect();
    if errors.is_empty() {
        errors.push(first);
    }
    Err(errors)
}

/// The parsed front matter as one value, to type it.
fn as_value(table: Spanned<DeTable<'_>>) -> Spanned<DeValue<'_>> {
    Spanned::new(table.span(), DeValue::Table(table.into_inner()))
}

/// A front-matter error of the TOML `text` starting on line `first_line`, located in the file;
/// for an unknown key of a table inside it, the hint names the closest key; a value of the
/// wrong kind is said in plain words, its hint written as the file writes keys (`format`).
fn front_matter_error(
    text: &str,
    first_line: usize,
    rel: &Path,
    format: Format,
    e: &toml::de::Error,
) -> Diagnostic {
    let notation = match format {
        Format::Toml => Notation::Toml,
        Format::Yaml => Notation::Yaml,
    };
    from_toml_error_in(
        Code::FrontMatter,
        rel,
        text,
        first_line,
        e,
        "front matter",
        notation,
    )
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
        let fm = parse_page(&s, rel()).unwrap();
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
        assert!(split("---\ntitle: x\n", rel())
            .unwrap_err()
            .hint
            .unwrap()
            .contains("`---`"));
        assert!(split("", rel()).is_err());
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let text = "+++\ntitle = \"x\"\ntitel = \"y\"\n+++\n";
        let s = split(text, rel()).unwrap();
        let err = parse_page(&s, rel()).unwrap_err();
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
        assert_eq!(parse_page(&s, rel()).unwrap().date.unwrap().iso, "2022");
        assert_eq!(
            Date::parse("2023-06-05 10:00:00").unwrap().iso,
            "2023-06-05T10:00:00"
        );
        let s = split("+++\ndate = \"2023-06-31\"\n+++\n", rel()).unwrap();
        let err = parse_page(&s, rel()).unwrap_err();
        assert_eq!(err.0[0].line, 2, "{}", err);
    }

    #[test]
    fn every_unknown_key_is_reported_and_zola_keys_warned_about() {
        let text =
            "+++\ntitle = \"x\"\ntitel = \"y\"\npaginate_path = \"p\"\ndescripton = \"z\"\n+++\n";
        let s = split(text, rel()).unwrap();
        let err = read_section(&s, rel()).unwrap_err();
        let said: Vec<(usize, bool)> = err.0.iter().map(|d| (d.line, d.is_error())).collect();
        assert_eq!(said, [(3, true), (4, false), (5, true)], "{err}");
        let text = "+++\ntitle = \"x\"\npaginate_path = \"p\"\nin_search_index = false\n+++\n";
        let (front, warnings) = read_section(&split(text, rel()).unwrap(), rel()).unwrap();
        assert!(!front.in_search());
        assert_eq!(warnings.0.len(), 1);
        assert_eq!((warnings.0[0].line, warnings.0[0].col), (3, 1));
        let text = "+++\ntitle = \"x\"\nin_search_index = false\nauthors = [\"Hana\"]\n+++\n";
        let (front, warnings) = read_page(&split(text, rel()).unwrap(), rel()).unwrap();
        assert!(!front.in_search() && warnings.0.is_empty(), "{warnings}");
        assert_eq!(front.authors, ["Hana"]);
    }

    #[test]
    fn sections_read_zolas_feed_and_sort_keys() {
        for (key, sort_by) in [
            ("generate_feeds", "update_date"),
            ("generate_feed", "title_bytes"),
            ("feed", "slug"),
        ] {
            let text = format!("+++\n{key} = true\nsort_by = \"{sort_by}\"\n+++\n");
            let (front, warnings) = read_section(&split(&text, rel()).unwrap(), rel()).unwrap();
            assert!(front.feed && warnings.is_empty(), "{text}");
            assert_ne!(front.sort_by, SortBy::Date);
        }
        let text = "+++\npaginate_path = \"p\"\nsort_by = \"sideways\"\n+++\n";
        let err = read_section(&split(text, rel()).unwrap(), rel()).unwrap_err();
        let said: Vec<(usize, bool)> = err.0.iter().map(|d| (d.line, d.is_error())).collect();
        assert_eq!(said, [(2, false), (3, true)], "{err}");
    }

    #[test]
    fn yaml_front_matter_reads_like_toml() {
        let text =
            "---\ntitle: Hello\ndate: 2024-01-02\nin_search_index: false\nextra:\n  colour: red\n---\nBody\n";
        let s = split(text, rel()).unwrap();
        assert_eq!((s.format, s.body, s.body_line), (Format::Yaml, "Body\n", 8));
        let (front, warnings) = read_page(&s, rel()).unwrap();
        assert_eq!(front.title, "Hello");
        assert_eq!(front.date.unwrap().iso, "2024-01-02");
        assert_eq!(front.extra["colour"].as_str(), Some("red"));
        assert_eq!(front.in_search_index, Some(false));
        assert!(warnings.0.is_empty(), "{warnings}");
        // A Zola key Bayan does not use is warned about at its line, in YAML too.
        let text = "---\ntitle: News\npaginate_path: p\n---\n";
        let (_, warnings) = read_section(&split(text, rel()).unwrap(), rel()).unwrap();
        assert_eq!(warnings.0.len(), 1);
        assert_eq!(warnings.0[0].line, 3, "{warnings}");

        let text = "---\ntitle: Hello\nextra:\n  a: 1\ntitel: x\nweight: heavy\n---\n";
        let err = parse_page(&split(text, rel()).unwrap(), rel()).unwrap_err();
        let lines: Vec<usize> = err.0.iter().map(|d| d.line).collect();
        assert_eq!(lines, [5, 6], "{err}");
        assert!(err.0[0].hint.as_ref().unwrap().contains("`title`"), "{err}");
        let text = "---\ntitle: Hello\nweight: heavy\n---\n";
        let err = parse_page(&split(text, rel()).unwrap(), rel()).unwrap_err();
        assert_eq!(err.0[0].line, 3, "{err}");
        let text = "---\ntitle: Hello\n  bad: indent\n---\n";
        let err = parse_page(&split(text, rel()).unwrap(), rel()).unwrap_err();
        assert_eq!(err.0[0].line, 3, "{err}");
    }

    #[test]
    fn every_wrong_value_is_said_in_plain_words() {
        let text = "+++\ntitle = 5\ndraft = \"yes\"\n[report]\nparticipants = \"ستة عشر\"\nplace = 3\n+++\n";
        let err = parse_page(&split(text, rel()).unwrap(), rel()).unwrap_err();
        let lines: Vec<usize> = err.0.iter().map(|d| d.line).collect();
        assert_eq!(lines, [2, 3, 5, 6], "{err}");
        assert!(
            err.0[2].message.contains("`participants` takes a number"),
            "{err}"
        );
        let text = "+++\ngenerate_feeds = \"yes\"\nsort_by = 3\n+++\n";
        let err = read_section(&split(text, rel()).unwrap(), rel()).unwrap_err();
        assert_eq!(err.0.len(), 2, "{err}");
        // YAML's hints are written in YAML.
        let text = "---\ntitle: Hello\nweight: heavy\ndraft: maybe\n---\n";
        let err = parse_page(&split(text, rel()).unwrap(), rel()).unwrap_err();
        let lines: Vec<usize> = err.0.iter().map(|d| d.line).collect();
        assert_eq!(lines, [3, 4], "{err}");
        assert!(
            err.0[0].hint.as_ref().unwrap().contains("`weight: 16`"),
            "{err}"
        );
    }
}
