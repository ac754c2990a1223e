//! A conference with its programme, gallery and videos.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    json_of, read_as, toml_string as q, Dating, KindTable, PageKind, Problem, Scaffold, Wording,
};
use crate::content::date::Date;

pub static KIND: PageKind = PageKind {
    name: "conference",
    described: "a conference page",
    template: "conference.html",
    read: read_as::<Conference>,
    scaffold,
};

/// The `[conference]` table.
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

impl KindTable for Conference {
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

    /// A conference runs from the page's `date` to `end_date`, both full days, in that order.
    fn problems(&self, page_date: Option<&Date>) -> Vec<Problem> {
        let problem = match (page_date, &self.end_date) {
            (None, _) => Problem {
                at: "[conference]",
                message: "a conference needs its first day as the page's `date`".into(),
                hint: "add date = 2023-06-05 above the [conference] table",
            },
            (Some(start), end)
                if start.is_year_only() || end.as_ref().is_some_and(|e| e.is_year_only()) =>
            {
                Problem {
                    at: if start.is_year_only() {
                        "date"
                    } else {
                        "end_date"
                    },
                    message: "a conference's days must be full dates, not only a year".into(),
                    hint: "write the first and last day like 2023-06-05",
                }
            }
            (Some(start), Some(end)) if end < start => Problem {
                at: "end_date",
                message: format!(
                    "the conference ends ({}) before it starts ({})",
                    end.iso, start.iso
                ),
                hint: "end_date is the last day of the conference; date is the first",
            },
            _ => return Vec::new(),
        };
        vec![problem]
    }
}

fn scaffold(w: Wording, today: NaiveDate) -> Scaffold {
    let date = today.format("%Y-%m-%d");
    let venue = w.pick(["القاعة", "Venue", "Salon", "هۆڵ"]);
    let city = w.pick(["المدينة", "City", "Bajar", "شار"]);
    let organiser = w.organiser();
    let highlight = w.pick(["أبرز ما جرى", "A highlight", "Xaleke sereke", "خاڵێکی گرنگ"]);
    let day = w.pick(["اليوم الأول", "Day one", "Roja yekem", "ڕۆژی یەکەم"]);
    let session = w.pick([
        "الجلسة الافتتاحية",
        "Opening session",
        "Danişîna vekirinê",
        "دانیشتنی کردنەوە",
    ]);
    let gallery_note = w.pick([
        "مجلد بجانب هذا الملف فيه الصور وملفها photos.toml",
        "a folder beside this file with the photos and their photos.toml",
        "peldankek li kêleka vê pelê, bi wêneyan û pela wan a photos.toml",
        "بوخچەیەک لە تەنیشت ئەم پەڕگەیە، وێنەکان و پەڕگەی photos.tomlـیانی تێدایە",
    ]);
    let last_day = w.pick(["اليوم الأخير", "the last day", "roja dawî", "ڕۆژی کۆتایی"]);
    let statement_note = w.pick([
        "البيان الختامي",
        "the closing statement",
        "daxuyaniya dawî",
        "بەیاننامەی کۆتایی",
    ]);
    let programme_note = w.pick([
        "البرنامج: جدول [[conference.programme]] لكل يوم.",
        "The programme: one [[conference.programme]] per day.",
        "Bername: ji bo her rojê yek [[conference.programme]].",
        "بەرنامە: بۆ هەر ڕۆژێک یەک [[conference.programme]].",
    ]);
    let video_note = w.pick([
        "فيديو لا يُحمَّل منه شيء من YouTube حتى يضغط القارئ زر التشغيل:",
        "A video that loads nothing from YouTube until the reader presses play:",
        "Vîdeoyek ku heta ku xwîner bişkoka lêdanê nede tiştekî ji YouTubeê bar nake:",
        "ڤیدیۆیەک کە هیچ شتێک لە YouTube بار ناکات هەتا خوێنەر دوگمەی لێدان دانەگرێت:",
    ]);
    let poster_note = w.pick([
        "صورة بجانب هذا الملف",
        "an image beside this file",
        "wêneyek li kêleka vê pelê",
        "وێنەیەک لە تەنیشت ئەم پەڕگەیە",
    ]);
    Scaffold {
        title: w.pick([
            "عنوان المؤتمر",
            "Title of the conference",
            "Sernavê konferansê",
            "ناونیشانی کۆنفرانس",
        ]),
        dating: Dating::FirstDay,
        weighted: false,
        front: format!(
            "# gallery = \"gallery\"  # {gallery_note}\n\
             \n[conference]\nend_date = {date}  # {last_day}\nvenue = {}\ncity = {}\n\
             organisers = [{}]\nhighlights = [{}]\n\
             # statement = \"@/statements/NAME/index.md\"  # {statement_note}\n\n\
             # {programme_note}\n\
             [[conference.programme]]\ndate = {date}\ntitle = {}\nsessions = [{}]\n\n\
             # {video_note}\n\
             # [[videos]]\n# title = \"…\"\n# youtube = \"https://www.youtube.com/watch?v=…\"\n\
             # poster = \"videos/poster.jpg\"  # {poster_note}\n",
            q(venue),
            q(city),
            q(organiser),
            q(highlight),
            q(day),
            q(session),
        ),
        body: String::new(),
    }
}
