//! `bayan build` on real sites in temporary folders: languages, translations, links, UI strings,
//! drafts, determinism.

mod common;

use common::{snapshot, Site};

fn page(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n+++\n{body}\n")
}

#[test]
fn every_language_gets_its_lang_and_direction() {
    let site = Site::new();
    site.write("content/about.md", &page("من نحن", "نص"));
    site.write("content/about.en.md", &page("About", "Text"));
    site.write("content/about.ku.md", &page("Derbarê me de", "Nivîs"));
    site.write("content/about.ckb.md", &page("دەربارەی ئێمە", "دەق"));
    site.build(&[]).assert_ok();
    for (file, lang, dir) in [
        ("about/index.html", "ar", "rtl"),
        ("en/about/index.html", "en", "ltr"),
        ("ku/about/index.html", "ku", "ltr"),
        ("ckb/about/index.html", "ckb", "rtl"),
        ("index.html", "ar", "rtl"),
        ("ckb/index.html", "ckb", "rtl"),
    ] {
        let html = site.output(file);
        assert!(
            html.contains(&format!(r#"<html lang="{lang}" dir="{dir}">"#)),
            "{file}: {html}"
        );
    }
}

#[test]
fn direction_can_be_overridden_in_config() {
    let site = Site::new();
    let config =
        common::CONFIG.replace("name = \"Kurdî\"", "name = \"Kurdî\"\ndirection = \"rtl\"");
    site.write("config.toml", &config);
    site.write("content/x.ku.md", &page("X", ""));
    site.build(&[]).assert_ok();
    assert!(site.output("ku/x/index.html").contains(r#"dir="rtl""#));
}

#[test]
fn translations_link_to_each_other_in_config_order() {
    let site = Site::new();
    site.write("content/about.md", &page("من نحن", ""));
    site.write("content/about.en.md", &page("About", ""));
    site.write("content/about.ku.md", &page("Derbarê me de", ""));
    site.build(&[]).assert_ok();
    let ar = site.output("about/index.html");
    let en = site.output("en/about/index.html");
    let ku = site.output("ku/about/index.html");
    // Links are written relative to each page, so the site works from any folder.
    assert!(ar.contains(r#"<a class="tr" hreflang="en" href="../en/about/">English</a><a class="tr" hreflang="ku" href="../ku/about/">Kurdî</a>"#), "{ar}");
    assert!(en.contains(r#"<a class="tr" hreflang="ar" href="../../about/">العربية</a><a class="tr" hreflang="ku" href="../../ku/about/">Kurdî</a>"#), "{en}");
    assert!(
        ku.contains(r#"hreflang="ar" href="../../about/""#)
            && ku.contains(r#"hreflang="en" href="../../en/about/""#),
        "{ku}"
    );
    // ckb has no translation: shown as missing, not linked.
    for html in [&ar, &en, &ku] {
        assert!(html.contains(r#"<span class="missing">ckb</span>"#));
        assert!(!html.contains(r#"hreflang="ckb""#));
    }
}

#[test]
fn translations_variable_lists_existing_languages_only() {
    let site = Site::new();
    site.write(
        "templates/page.html",
        r#"{% for t in translations %}[{{ t.code }}:{{ t.url }}:{{ t.is_current }}]{% endfor %}"#,
    );
    site.write("content/a.md", &page("أ", ""));
    site.write("content/a.ku.md", &page("A", ""));
    site.build(&[]).assert_ok();
    // Template values are root-relative; only URLs in HTML attributes are made page-relative.
    assert_eq!(
        site.output("ku/a/index.html"),
        "[ar:/a/:false][ku:/ku/a/:true]"
    );
}

#[test]
fn internal_links_prefer_the_same_language() {
    let site = Site::new();
    site.write(
        "content/reports/_index.md",
        "+++\ntitle = \"تقارير\"\n+++\n",
    );
    site.write(
        "content/reports/geneva/index.md",
        &page("جنيف", "## الرسالة الختامية"),
    );
    site.write(
        "content/reports/geneva/index.en.md",
        &page("Geneva", "## Closing message"),
    );
    site.write("content/only-ar.md", &page("عربي فقط", ""));
    site.write(
        "content/links.en.md",
        &page(
            "Links",
            "[g](@/reports/geneva/index.md) [a](@/reports/geneva/index.md#الرسالة-الختامية) [s](@/reports/_index.md) [o](@/only-ar.md) [x](@/reports/geneva/index.ar.md)",
        ),
    );
    site.build(&[]).assert_ok();
    let html = site.output("en/links/index.html");
    assert!(
        html.contains(r#"<a href="../reports/geneva/">g</a>"#),
        "{html}"
    );
    // pulldown-cmark percent-encodes the Arabic fragment; browsers decode it to match the id.
    assert!(
        html.contains(r#"<a href="../reports/geneva/#%D8%A7%D9%84%D8%B1%D8%B3%D8%A7%D9%84%D8%A9-%D8%A7%D9%84%D8%AE%D8%AA%D8%A7%D9%85%D9%8A%D8%A9">a</a>"#),
        "{html}"
    );
    // The section exists only in Arabic: the link falls back to it.
    assert!(html.contains(r#"<a href="../../reports/">s</a>"#), "{html}");
    assert!(html.contains(r#"<a href="../../only-ar/">o</a>"#), "{html}");
    // An explicit language suffix is honoured.
    assert!(
        html.contains(r#"<a href="../../reports/geneva/">x</a>"#),
        "{html}"
    );
}

#[test]
fn headings_get_ids_in_their_own_script() {
    let site = Site::new();
    site.write(
        "content/vision.md",
        &page(
            "الرؤية",
            "## رؤيتنا ورسالتنا\n\nنص\n\n## رؤيتنا ورسالتنا\n\n### Our team\n",
        ),
    );
    site.build(&[]).assert_ok();
    let html = site.output("vision/index.html");
    assert!(html.contains(r#"<h2 id="رؤيتنا-ورسالتنا">"#), "{html}");
    assert!(html.contains(r#"<h2 id="رؤيتنا-ورسالتنا-1">"#), "{html}");
    // A Latin heading in an Arabic page also gets its own direction.
    assert!(html.contains(r#"<h3 id="our-team" dir="ltr">"#), "{html}");
}

#[test]
fn arabic_plurals_use_all_six_categories() {
    let site = Site::new();
    site.write(
        "themes/t/i18n/ar.ftl",
        "participants = { $count ->\n    [zero] لا مشاركين\n    [one] مشارك واحد\n    [two] مشاركان\n    [few] { $count } مشاركين\n    [many] { $count } مشاركًا\n   *[other] { $count } مشارك\n}\n",
    );
    site.write(
        "templates/page.html",
        r#"{% for n in [0, 1, 2, 3, 11, 100] %}<p>{{ t(key="participants", count=n) }}</p>{% endfor %}"#,
    );
    site.write("content/p.md", &page("p", ""));
    site.build(&[]).assert_ok();
    assert_eq!(
        site.output("p/index.html"),
        "<p>لا مشاركين</p><p>مشارك واحد</p><p>مشاركان</p><p>3 مشاركين</p><p>11 مشاركًا</p><p>100 مشارك</p>"
    );
}

#[test]
fn ui_strings_use_the_page_language_and_site_overrides_theme() {
    let site = Site::new();
    site.write(
        "themes/t/i18n/ar.ftl",
        "greeting = أهلاً\nfooter = تذييل السمة\n",
    );
    site.write(
        "themes/t/i18n/en.ftl",
        "greeting = Hello\nfooter = Theme footer\n",
    );
    site.write("i18n/en.ftl", "footer = Site footer, { $name }\n");
    site.write(
        "templates/page.html",
        r#"{{ t(key="greeting") }}|{{ t(key="footer", name="Bayan") }}"#,
    );
    site.write("content/p.md", &page("p", ""));
    site.write("content/p.en.md", &page("p", ""));
    site.build(&[]).assert_ok();
    assert_eq!(site.output("p/index.html"), "أهلاً|تذييل السمة");
    assert_eq!(site.output("en/p/index.html"), "Hello|Site footer, Bayan");
}

#[test]
fn missing_ui_string_falls_back_with_one_warning() {
    let site = Site::new();
    site.write("themes/t/i18n/ar.ftl", "read-more = اقرأ المزيد\n");
    site.write("themes/t/i18n/en.ftl", "other = x\n");
    site.write("templates/page.html", r#"{{ t(key="read-more") }}"#);
    for name in ["a", "b", "c"] {
        site.write(&format!("content/{name}.en.md"), &page(name, ""));
    }
    let run = site.build(&[]);
    run.assert_ok();
    assert_eq!(site.output("en/a/index.html"), "اقرأ المزيد");
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("warning:") && l.contains("read-more"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0].contains("warning") && warnings[0].contains("en"),
        "{}",
        warnings[0]
    );
}

#[test]
fn missing_ui_string_everywhere_is_an_error() {
    let site = Site::new();
    site.write("templates/page.html", r#"<p>{{ t(key="nowhere") }}</p>"#);
    site.write("content/p.md", &page("p", ""));
    site.build(&[]).assert_error("templates/page.html:1:");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::new();
    site.write(
        "content/draft.md",
        "+++\ntitle = \"مسودة\"\ndraft = true\n+++\n",
    );
    site.write("content/final.md", &page("نهائي", ""));
    site.build(&[]).assert_ok();
    assert!(!site.has_output("draft/index.html"));
    assert!(site.has_output("final/index.html"));
    assert!(!site.output("index.html").contains("مسودة"));
    site.build(&["--drafts"]).assert_ok();
    assert!(site.has_output("draft/index.html"));
    assert!(site.output("index.html").contains("مسودة"));
    // And a build without drafts removes it again.
    site.build(&[]).assert_ok();
    assert!(!site.has_output("draft/index.html"));
}

#[test]
fn sections_sort_and_paginate() {
    let site = Site::new();
    site.write(
        "content/news/_index.md",
        "+++\ntitle = \"أخبار\"\nsort_by = \"date\"\npaginate_by = 2\n+++\n",
    );
    site.write(
        "templates/section.html",
        r#"{% for p in paginator.pages %}{{ p.title }};{% endfor %}{{ paginator.current_index }}/{{ paginator.number_pagers }} of {{ section.pages_count }}"#,
    );
    for (name, date) in [
        ("a", "2021-01-01"),
        ("b", "2023-01-01"),
        ("c", "2022-01-01"),
    ] {
        site.write(
            &format!("content/news/{name}.md"),
            &format!("+++\ntitle = \"{name}\"\ndate = {date}\n+++\n"),
        );
    }
    site.build(&[]).assert_ok();
    assert_eq!(site.output("news/index.html"), "b;c;1/2 of 3");
    assert_eq!(site.output("news/page/2/index.html"), "a;2/2 of 3");
}

#[test]
fn bundle_files_are_published_once_and_linked_from_every_language() {
    let site = Site::new();
    site.write(
        "content/reports/x/index.md",
        &page("تقرير", "[PDF](report.pdf)"),
    );
    site.write(
        "content/reports/x/index.en.md",
        &page("Report", "[PDF](report.pdf)"),
    );
    site.write_bytes("content/reports/x/report.pdf", b"%PDF-1.4 test");
    site.write("static/style.css", "body{}");
    site.build(&[]).assert_ok();
    assert_eq!(
        std::fs::read(site.path("public/reports/x/report.pdf")).unwrap(),
        b"%PDF-1.4 test"
    );
    assert!(!site.has_output("en/reports/x/report.pdf"));
    assert!(site
        .output("en/reports/x/index.html")
        .contains(r#"href="../../../reports/x/report.pdf""#));
    assert_eq!(site.output("style.css"), "body{}");
}

#[test]
fn templates_in_the_site_override_the_theme() {
    let site = Site::new();
    site.write("templates/page.html", "override: {{ page.title }}");
    site.write("content/p.md", &page("ص", ""));
    site.build(&[]).assert_ok();
    assert_eq!(site.output("p/index.html"), "override: ص");
}

#[test]
fn builds_are_deterministic() {
    let site = Site::new();
    for i in 0..40 {
        site.write(
            &format!("content/s{}/_index.md", i % 4),
            "+++\ntitle = \"قسم\"\n+++\n",
        );
        site.write(
            &format!("content/s{}/p{i}.md", i % 4),
            &page(&format!("صفحة {i}"), "## عنوان\n\nنص"),
        );
        site.write(
            &format!("content/s{}/p{i}.en.md", i % 4),
            &page(&format!("Page {i}"), "## Title"),
        );
    }
    site.build(&["--output-dir", "one"]).assert_ok();
    site.build(&["--output-dir", "two"]).assert_ok();
    let one = snapshot(&site.path("one"));
    let two = snapshot(&site.path("two"));
    assert!(one.len() > 80);
    assert_eq!(one, two);
}

#[test]
fn stale_files_are_removed_and_unchanged_files_left_alone() {
    let site = Site::new();
    site.write("content/a.md", &page("أ", ""));
    site.write("content/b.md", &page("ب", ""));
    site.build(&[]).assert_ok();
    let before = std::fs::metadata(site.path("public/a/index.html"))
        .unwrap()
        .modified()
        .unwrap();
    site.remove("content/b.md");
    let run = site.build(&[]);
    run.assert_ok();
    assert!(!site.has_output("b/index.html"));
    assert!(!site.path("public/b").exists(), "empty folder left behind");
    let after = std::fs::metadata(site.path("public/a/index.html"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "an unchanged page was rewritten");
    assert!(run.stdout.contains("removed"), "{}", run.stdout);
}

#[test]
fn base_url_override_changes_permalinks() {
    let site = Site::new();
    site.write(
        "templates/page.html",
        "{{ page.permalink }}|{{ current_url }}",
    );
    site.write("content/p.en.md", &page("p", ""));
    site.build(&["--base-url", "https://staging.example.net/org/"])
        .assert_ok();
    assert_eq!(
        site.output("en/p/index.html"),
        "https://staging.example.net/org/en/p/|https://staging.example.net/org/en/p/"
    );
}
