//! The default theme's kinds of page (about, report, conference, statement), their typed front
//! matter, and dates and numbers in each language's own way.

mod common;

use common::{Site, THEME_CONFIG as CONFIG};

fn site() -> Site {
    let site = Site::with_default_theme(CONFIG);
    for (lang, suffix) in [("ar", ""), ("en", ".en"), ("ku", ".ku"), ("ckb", ".ckb")] {
        site.write(
            &format!("content/_index{suffix}.md"),
            &format!("+++\ntitle = \"{lang}\"\n+++\n"),
        );
    }
    site
}

fn conference(suffix: &str, title: &str, city: &str) -> (String, String) {
    (
        format!("content/events/paris/index{suffix}.md"),
        format!(
            "+++\ntitle = \"{title}\"\ndate = 2023-06-05\n\n[conference]\nend_date = 2023-06-06\ncity = \"{city}\"\nhighlights = [\"H1\", \"H2\"]\nstatement = \"@/statements/paris/index.md\"\n+++\n## Day one\n\nText.\n"
        ),
    )
}

fn statement(suffix: &str, title: &str) -> (String, String) {
    (
        format!("content/statements/paris/index{suffix}.md"),
        format!(
            "+++\ntitle = \"{title}\"\ndate = 2023-06-06\n\n[statement]\nplace = \"Paris\"\nissuing_body = \"Madaniya\"\nevent = \"@/events/paris/index.md\"\nsummary_only = true\nsignatories = [\"Org A\", \"Org B\"]\n+++\nWe demand:\n\n1. First demand.\n2. Second demand.\n"
        ),
    )
}

#[test]
fn conference_dates_read_as_one_range_in_each_language() {
    let site = site();
    for (suffix, title, city) in [
        ("", "مؤتمر باريس", "باريس"),
        (".en", "Paris conference", "Paris"),
        (".ku", "Konferansa Parîsê", "Parîs"),
        (".ckb", "کۆنفرانسی پاریس", "پاریس"),
    ] {
        let (path, text) = conference(suffix, title, city);
        site.write(&path, &text);
        let (path, text) = statement(suffix, title);
        site.write(&path, &text);
    }
    site.build(&[]).assert_ok();
    let ar = site.output("events/paris/index.html");
    assert!(ar.contains("٥–٦ حزيران ٢٠٢٣"), "{ar}");
    let en = site.output("en/events/paris/index.html");
    assert!(en.contains("5–6 June 2023"), "{en}");
    let ku = site.output("ku/events/paris/index.html");
    assert!(ku.contains("5–6 hezîran, 2023"), "{ku}");
    let ckb = site.output("ckb/events/paris/index.html");
    assert!(ckb.contains("٥–٦ی حوزەیرانی ٢٠٢٣"), "{ckb}");
    assert!(
        ckb.contains(r#"<html lang="ckb" dir="rtl" class="numbering-arabic-indic">"#),
        "{ckb}"
    );
    // Highlights and the link to the closing statement, by its title in the same language.
    assert!(en.contains("<li>H1</li><li>H2</li>"), "{en}");
    assert!(
        en.contains(r#"<a href="../../statements/paris/">Paris conference</a>"#),
        "{en}"
    );
    // The statement: facts, the summary notice, a real ordered list, signatories, the event.
    let st = site.output("en/statements/paris/index.html");
    assert!(st.contains("<dd><bdi>Madaniya</bdi></dd>"), "{st}");
    assert!(st.contains(r#"class="notice""#), "{st}");
    assert!(
        st.contains("<ol>\n<li>First demand.</li>\n<li>Second demand.</li>\n</ol>"),
        "{st}"
    );
    assert!(st.contains("<li><bdi>Org A</bdi></li>"), "{st}");
    assert!(
        st.contains(r#"<a href="../../events/paris/">Paris conference</a>"#),
        "{st}"
    );
    assert!(site
        .output("statements/paris/index.html")
        .contains("٦ حزيران ٢٠٢٣"));
}

#[test]
fn latin_digits_when_the_locale_asks_for_them() {
    let site = Site::with_default_theme(
        &CONFIG.replace("locale = \"ar-PS\"", "locale = \"ar-SY-u-nu-latn\""),
    );
    site.write("content/_index.md", "+++\ntitle = \"x\"\n+++\n");
    let (path, text) = conference("", "مؤتمر", "باريس");
    site.write(
        &path,
        &text.replace("statement = \"@/statements/paris/index.md\"\n", ""),
    );
    site.build(&[]).assert_ok();
    assert!(site
        .output("events/paris/index.html")
        .contains("5–6 حزيران 2023"));
}

#[test]
fn report_shows_its_facts_contents_and_downloads() {
    let site = site();
    site.write(
        "content/reports/geneva/index.md",
        "+++\ntitle = \"تقرير جنيف\"\ndate = 2022-02-28\n\n[[attachments]]\nfile = \"report.pdf\"\ntitle = \"التقرير الكامل\"\n\n[report]\nplace = \"جنيف\"\norganisers = [\"The Carter Center\", \"The Elders\"]\nparticipants = 16\nsummary = \"ملخص قصير.\"\n+++\n## المقدمة\n\nنص.\n\n## التوصيات\n\nنص.\n\n## الخاتمة\n\nنص.\n",
    );
    site.write_bytes("content/reports/geneva/report.pdf", &vec![b'%'; 1_258_291]);
    site.write(
        "content/reports/geneva/index.en.md",
        "+++\ntitle = \"Geneva report\"\ndate = 2022-02-28\n\n[[attachments]]\nfile = \"report.pdf\"\n\n[report]\nparticipants = 1\n+++\nText.\n",
    );
    site.build(&[]).assert_ok();
    let ar = site.output("reports/geneva/index.html");
    assert!(ar.contains("٢٨ شباط ٢٠٢٢"), "{ar}");
    assert!(
        ar.contains("<bdi>The Carter Center</bdi>، <bdi>The Elders</bdi>"),
        "{ar}"
    );
    assert!(ar.contains("١٦ مشاركًا"), "{ar}");
    assert!(ar.contains("ملخص قصير."));
    // The table of contents links to the Arabic heading ids.
    assert!(ar.contains(r##"<a href="#المقدمة">المقدمة</a>"##), "{ar}");
    // The download: its title, type and size in Arabic digits and units.
    assert!(ar.contains(r#"<a href="report.pdf" download>التقرير الكامل</a> <span class="file-info">(PDF، ١٫٢ م.ب)</span>"#), "{ar}");
    let en = site.output("en/reports/geneva/index.html");
    assert!(en.contains("1 participant<"), "{en}");
    assert!(en.contains(r#"<a href="../../../reports/geneva/report.pdf" download>report.pdf</a> <span class="file-info">(PDF, 1.2 MB)</span>"#), "{en}");
}

#[test]
fn about_timeline_years_in_the_language_digits() {
    let site = site();
    site.write(
        "content/about/forum/index.md",
        "+++\ntitle = \"الملتقى\"\n\n[about]\norganisation = \"ملتقى\"\n\n[[about.timeline]]\nyear = 2004\ntext = \"التأسيس\"\n\n[[about.timeline]]\nyear = 2012\ntext = \"التوسع\"\n+++\nنص\n",
    );
    site.build(&[]).assert_ok();
    let html = site.output("about/forum/index.html");
    assert!(
        html.contains(
            r#"<span class="year"><bdi>٢٠٠٤</bdi></span> <span class="text">التأسيس</span>"#
        ),
        "{html}"
    );
    assert!(html.find("٢٠٠٤").unwrap() < html.find("٢٠١٢").unwrap());
}

#[test]
fn sections_list_newest_first_with_local_dates() {
    let site = site();
    site.write("content/news/_index.en.md", "+++\ntitle = \"News\"\n+++\n");
    for (name, date) in [
        ("old", "2021-03-04"),
        ("new", "2023-06-05"),
        ("mid", "2022-02-28"),
    ] {
        site.write(
            &format!("content/news/{name}.en.md"),
            &format!("+++\ntitle = \"{name}\"\ndate = {date}\n+++\n"),
        );
    }
    site.build(&[]).assert_ok();
    let html = site.output("en/news/index.html");
    let order: Vec<usize> = ["5 June 2023", "28 February 2022", "4 March 2021"]
        .iter()
        .map(|d| html.find(d).unwrap())
        .collect();
    assert!(order[0] < order[1] && order[1] < order[2], "{html}");
}

#[test]
fn kind_tables_are_checked() {
    let site = site();
    site.write(
        "content/r.md",
        "+++\ntitle = \"r\"\n\n[report]\nplce = \"x\"\n+++\n",
    );
    site.build(&[])
        .assert_error("content/r.md:5:1")
        .assert_error("did you mean `place`");
    site.write(
        "content/r.md",
        "+++\ntitle = \"r\"\n\n[report]\nstatement = \"@/nowhere.md\"\n+++\n",
    );
    site.build(&[])
        .assert_error("content/r.md:5:")
        .assert_error("leads to no page");
    site.write(
        "content/r.md",
        "+++\ntitle = \"r\"\n\n[[attachments]]\nfile = \"missing.pdf\"\n+++\n",
    );
    site.build(&[])
        .assert_error("content/r.md:5:")
        .assert_error("missing.pdf");
    site.write(
        "content/r.md",
        "+++\ntitle = \"r\"\ndate = 2023-06-06\n\n[conference]\nend_date = 2023-06-05\n+++\n",
    );
    site.build(&[])
        .assert_error("content/r.md:6:")
        .assert_error("ends");
    site.write(
        "content/r.md",
        "+++\ntitle = \"r\"\n\n[report]\n\n[statement]\n+++\n",
    );
    site.build(&[]).assert_error("one kind only");
}

#[test]
fn demo_pages_request_nothing_from_other_hosts() {
    let out = tempfile::tempdir().unwrap();
    let run = common::run(&[
        "build",
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "--output-dir",
        out.path().to_str().unwrap(),
    ]);
    run.assert_ok();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(out.path())
        .into_iter()
        .filter_map(|e| e.ok())
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.ends_with(".html") || name.ends_with(".css")) {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        pages += 1;
        // Anything the browser fetches by itself: stylesheets, scripts, images, media, frames, fonts.
        for pattern in [
            r#"<link "#,
            "<script",
            "<img",
            "<source",
            "<video",
            "<audio",
            "<iframe",
            "<embed",
            "<object",
            "url(",
        ] {
            for (i, _) in text.match_indices(pattern) {
                let tag = &text[i..text[i..].find('>').map_or(text.len(), |e| i + e)];
                let external = [
                    "src=\"http",
                    "src=\"//",
                    "href=\"http",
                    "href=\"//",
                    "url(http",
                    "url(//",
                    "url(\"http",
                    "url('http",
                    "poster=\"http",
                    "data=\"http",
                ];
                let fetches =
                    !tag.contains("rel=\"alternate\"") && !tag.contains("rel=\"canonical\"");
                assert!(
                    !(fetches && external.iter().any(|e| tag.contains(e))),
                    "{}: {tag}",
                    entry.path().display()
                );
            }
        }
    }
    assert!(pages > 30, "only {pages} files checked");
}
