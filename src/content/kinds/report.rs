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
    let place_note = w.pick([
        "مدينة، أو وسيلة الاجتماع عبر الإنترنت (Zoom)",
        "a city, or the medium of an online meeting (Zoom)",
        "bajarek, an amûra civîneke serhêl (Zoom)",
        "شارێک، یان ئامرازی کۆبوونەوەیەکی ئۆنلاین (Zoom)",
    ]);
    let statement_note = w.pick([
        "البيان الذي صدر عن الاجتماع",
        "the statement the meeting issued",
        "daxuyaniya ku civînê weşand",
        "ئەو بەیاننامەیەی کۆبوونەوەکە دەریکرد",
    ]);
    let attachment_note = w.pick([
        "ملف بجانب هذا الملف يُتاح للتنزيل:",
        "A file beside this one offered for download:",
        "Pelek li kêleka vê pelê, ji bo daxistinê:",
        "پەڕگەیەک لە تەنیشت ئەم پەڕگەیە، بۆ داگرتن:",
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
            "\n[report]\nplace = {}  # {place_note}\n\
             organisers = [{}]\n# participants = 20\nsummary = {}\n\
             # statement = \"@/statements/NAME/index.md\"  # {statement_note}\n\n\
             # {attachment_note}\n\
             # [[attachments]]\n# file = \"report.pdf\"\n# title = \"…\"\n",
            q(place),
            q(organiser),
            q(summary),
        ),
        body: String::new(),
    }
}
