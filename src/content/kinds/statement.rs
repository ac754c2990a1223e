//! A statement: a closing message, a declaration, with numbered demands in its body.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{json_of, read_as, toml_string as q, Dating, KindTable, PageKind, Scaffold, Wording};

pub static KIND: PageKind = PageKind {
    name: "statement",
    described: "a statement",
    template: "statement.html",
    read: read_as::<Statement>,
    scaffold,
};

/// The `[statement]` table.
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

impl KindTable for Statement {
    fn value(&self) -> serde_json::Value {
        json_of(self)
    }

    fn references(&self) -> Vec<(&'static str, &str)> {
        self.event
            .as_deref()
            .map(|link| ("event", link))
            .into_iter()
            .collect()
    }
}

fn scaffold(w: Wording, _today: NaiveDate) -> Scaffold {
    let place = w.place();
    let issuing_body = w.pick([
        "الجهة المصدرة",
        "Issuing body",
        "Navê saziya derxer",
        "لایەنی دەرکەر",
    ]);
    let demands_intro = w.pick([
        "نطالب بما يلي:",
        "We call for:",
        "Em van daxwazan dikin:",
        "داواکارییەکانمان:",
    ]);
    let demands = w.pick([
        ["المطلب الأول.", "المطلب الثاني."],
        ["The first demand.", "The second demand."],
        ["Daxwaza yekem.", "Daxwaza duyem."],
        ["داواکاریی یەکەم.", "داواکاریی دووەم."],
    ]);
    let event = w.pick([
        "الحدث الذي صدر عنه البيان",
        "the event the statement came from",
        "çalakiya ku daxuyanî jê derket",
        "ئەو ڕووداوەی بەیاننامەکە لێی دەرچوو",
    ]);
    let summary_only = w.pick([
        "إذا كانت هذه الصفحة تلخّص بيانًا منشورًا بنصه الكامل في مكان آخر",
        "when this page summarises a statement published in full elsewhere",
        "gava ev rûpel kurteya daxuyaniyekê be ku metna wê ya temam li cihekî din hatiye weşandin",
        "کاتێک ئەم پەڕەیە کورتەی بەیاننامەیەک بێت کە دەقە تەواوەکەی لە شوێنێکی تر بڵاوکراوەتەوە",
    ]);
    Scaffold {
        title: w.pick([
            "عنوان البيان",
            "Title of the statement",
            "Sernavê daxuyaniyê",
            "ناونیشانی بەیاننامە",
        ]),
        dating: Dating::Dated,
        weighted: false,
        front: format!(
            "\n[statement]\nplace = {}\nissuing_body = {}\n\
             # event = \"@/conferences/NAME/index.md\"  # {event}\n\
             # signatories = [\"…\", \"…\"]\n\
             # summary_only = true  # {summary_only}\n",
            q(place),
            q(issuing_body),
        ),
        body: format!(
            "\n{demands_intro}\n\n1. {}\n2. {}\n",
            demands[0], demands[1]
        ),
    }
}
