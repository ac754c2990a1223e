//! The kinds of page the default theme knows: about pages, reports, conferences and
//! statements. Each kind's facts live in a typed front-matter table named after it
//! (`[report]`, `[conference]`, …), checked like every other key: an unknown key is an error
//! with a suggestion, and links to other pages must lead somewhere.

use serde::{Deserialize, Serialize};

use crate::content::date::Date;

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
