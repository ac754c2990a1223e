//! The kinds of page the default theme knows: about pages, reports, conferences and
//! statements. Each kind's facts live in a typed front-matter table named after it
//! (`[report]`, `[conference]`, …), checked like every other key: an unknown key is an error
//! with a suggestion, and links to other pages must lead somewhere.

use serde::{Deserialize, Serialize};

use crate::content::front_matter::{Date, PageFrontMatter};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;

/// An about page: who an organisation is, with an optional dated history.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct About {
    pub organisation: Option<String>,
    pub founded: Option<i32>,
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    pub year: i32,
    pub text: String,
}

/// A report of a meeting or workshop.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// A city, or the medium for an online meeting ("Zoom").
    pub place: Option<String>,
    #[serde(default)]
    pub organisers: Vec<String>,
    pub participants: Option<u32>,
    pub summary: Option<String>,
    /// `@/…` link to the statement the meeting issued.
    pub statement: Option<String>,
}

/// A conference with its programme, gallery and videos.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Conference {
    /// The last day; the first is the page's `date`.
    pub end_date: Option<Date>,
    pub venue: Option<String>,
    pub city: Option<String>,
    #[serde(default)]
    pub organisers: Vec<String>,
    #[serde(default)]
    pub highlights: Vec<String>,
    #[serde(default)]
    pub programme: Vec<ProgrammeDay>,
    /// `@/…` link to the closing statement.
    pub statement: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeDay {
    pub date: Date,
    pub title: Option<String>,
    #[serde(default)]
    pub sessions: Vec<String>,
}

/// A statement: a closing message, a declaration, with numbered demands in its body.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub place: Option<String>,
    pub issuing_body: Option<String>,
    /// `@/…` link to the event the statement came from.
    pub event: Option<String>,
    #[serde(default)]
    pub signatories: Vec<String>,
    /// The page summarises a statement whose full text is not published here.
    #[serde(default)]
    pub summary_only: bool,
}

/// A file of the page's bundle offered for download.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// The file's name in the bundle (`report.pdf`).
    pub file: String,
    /// What readers see; the file name when absent.
    pub title: Option<String>,
}

/// The kind a page's front matter declares, by the table it fills in.
pub fn kind_of(front: &PageFrontMatter) -> Result<Option<&'static str>, String> {
    let kinds: Vec<&'static str> = [
        ("about", front.about.is_some()),
        ("report", front.report.is_some()),
        ("conference", front.conference.is_some()),
        ("statement", front.statement.is_some()),
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
pub fn references(front: &PageFrontMatter) -> Vec<(&'static str, &str)> {
    let mut links = Vec::new();
    if let Some(link) = front.report.as_ref().and_then(|r| r.statement.as_deref()) {
        links.push(("statement", link));
    }
    if let Some(link) = front
        .conference
        .as_ref()
        .and_then(|c| c.statement.as_deref())
    {
        links.push(("statement", link));
    }
    if let Some(link) = front.statement.as_ref().and_then(|s| s.event.as_deref()) {
        links.push(("event", link));
    }
    links
}

/// Checks what the kind tables say against the site: one kind per page, links that lead
/// somewhere, attachments that exist, a conference that ends after it starts.
pub fn check(site: &Site) -> Diagnostics {
    let mut problems = Diagnostics::new();
    for page in &site.pages {
        let at = |needle: &str, message: String| {
            let (line, col) = page.locate(needle);
            Diagnostic::error(&page.rel_path, message).at(line, col)
        };
        if let Err(message) = kind_of(&page.front) {
            problems.push(at("[", message).with_hint("keep only the table of the kind this page is: [about], [report], [conference] or [statement]"));
        }
        for (key, link) in references(&page.front) {
            if !link.starts_with("@/") {
                problems.push(
                    at(
                        link,
                        format!("`{key}` must name a page of the site, not `{link}`"),
                    )
                    .with_hint(
                        "write it as an internal link, e.g. @/statements/geneva-2022/index.md",
                    ),
                );
            } else if let Err(message) = site.resolve_internal(link, &page.lang) {
                problems.push(at(link, format!("`{key}`: {message}")).with_hint(
                    "internal links name a file inside content/, e.g. @/reports/geneva-2022/index.md",
                ));
            }
        }
        for attachment in &page.front.attachments {
            if site.asset_url(&page.dir, &attachment.file).is_none() {
                problems.push(
                    at(&attachment.file, format!("attachment `{}` is not in this page's folder", attachment.file))
                        .with_hint("put the file beside the page's index.md (a page bundle), and name it as it is spelt there"),
                );
            }
        }
        if let Some(conference) = &page.front.conference {
            match (&page.front.date, &conference.end_date) {
                (None, _) => problems.push(
                    at(
                        "[conference]",
                        "a conference needs its first day as the page's `date`".into(),
                    )
                    .with_hint("add date = 2023-06-05 above the [conference] table"),
                ),
                (Some(start), end)
                    if start.is_year_only() || end.as_ref().is_some_and(|e| e.is_year_only()) =>
                {
                    let key = if start.is_year_only() {
                        "date"
                    } else {
                        "end_date"
                    };
                    problems.push(
                        at(
                            key,
                            "a conference's days must be full dates, not only a year".into(),
                        )
                        .with_hint("write the first and last day like 2023-06-05"),
                    )
                }
                (Some(start), Some(end)) if end < start => problems.push(
                    at(
                        "end_date",
                        format!(
                            "the conference ends ({}) before it starts ({})",
                            end.iso, start.iso
                        ),
                    )
                    .with_hint("end_date is the last day of the conference; date is the first"),
                ),
                _ => {}
            }
        }
    }
    problems
}
