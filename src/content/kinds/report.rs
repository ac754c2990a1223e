//! A report of a meeting or workshop.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{json_of, read_as, toml_string as q, Dating, KindTable, PageKind, Scaffold, Wording};

pub static KIND: PageKind = PageKind {
    name: "report",
    described: "a report",
    template: "report.html",
    read: read_as::<Report>,
    scaffold,
};

/// The `[report]` table.
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

impl KindTable for Report {
    fn value(&self) -> serde_json::Value {
        json_of(self)
    }

    fn references(&self) -> Vec<(&'static str, &str)> {
        self.statement
            .as_deref()
            .map(|link| ("statement", link))
            .into_iter()
            .collect()
    }
}

fn scaffold(w: Wording, _today: NaiveDate) -> Scaffold {
    let place = w.place();
    let organiser = w.organiser();
    let summary = w.pick([
        "خلاصة اللقاء في فقرة واحدة",
        "The meeting in one paragraph",
        "Civîn di paragrafekê de",
        "کۆبوونەوەکە بە یەک بڕگە",
    ]);
    Scaffold {
        title: w.pick([
            "عنوان التقرير",
            "Title of the report",
            "Sernavê raporê",
            "ناونیشانی ڕاپۆرت",
        ]),
        dating: Dating::Dated,
        weighted: false,
        front: format!(
            "\n[report]\nplace = {}  # a city, or the medium of an online meeting (Zoom)\n\
             organisers = [{}]\n# participants = 20\nsummary = {}\n\
             # statement = \"@/statements/NAME/index.md\"  # the statement the meeting issued\n\n\
             # A file beside this one offered for download:\n\
             # [[attachments]]\n# file = \"report.pdf\"\n# title = \"…\"\n",
            q(place),
            q(organiser),
            q(summary),
        ),
        body: String::new(),
    }
}
