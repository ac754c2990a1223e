//! An about page: who an organisation is, with an optional dated history.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{json_of, read_as, toml_string as q, Dating, KindTable, PageKind, Scaffold, Wording};

pub static KIND: PageKind = PageKind {
    name: "about",
    described: "an about page",
    template: "about.html",
    read: read_as::<About>,
    scaffold,
};

/// The `[about]` table.
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

impl KindTable for About {
    fn value(&self) -> serde_json::Value {
        json_of(self)
    }
}

fn scaffold(w: Wording, today: NaiveDate) -> Scaffold {
    let organisation = w.pick([
        "اسم المنظمة",
        "Name of the organisation",
        "Navê rêxistinê",
        "ناوی ڕێکخراو",
    ]);
    let timeline = w.pick([
        "ما جرى في هذا العام",
        "What happened that year",
        "Tiştê ku wê salê qewimî",
        "ئەوەی لەو ساڵەدا ڕوویدا",
    ]);
    let history = w.pick([
        "تاريخ مؤرَّخ: جدول [[about.timeline]] لكل حدث.",
        "A dated history: one [[about.timeline]] per event.",
        "Dîrokeke bi salan: ji bo her bûyerê yek [[about.timeline]].",
        "مێژوویەکی بەرواردار: بۆ هەر ڕووداوێک یەک [[about.timeline]].",
    ]);
    Scaffold {
        title: w.pick([
            "عنوان صفحة التعريف",
            "Title of the about page",
            "Sernavê rûpela derbarê me de",
            "ناونیشانی پەڕەی دەربارە",
        ]),
        dating: Dating::Undated,
        weighted: true,
        front: format!(
            "\n[about]\norganisation = {}\n# founded = 2004\n\n\
             # {history}\n\
             [[about.timeline]]\nyear = {}\ntext = {}\n",
            q(organisation),
            today.year(),
            q(timeline),
        ),
        body: String::new(),
    }
}
