//! The default theme as built: the organisation's colour and contacts from `[extra]`, the newest
//! publication leading the home page, cards with the page's photo at every size, and the print
//! control on the kinds that are printed.

mod common;

use common::photos::encode_jpeg;
use common::{Site, THEME_CONFIG};
use image::{Rgb, RgbImage};
use scraper::{Html, Selector};

fn select(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&Selector::parse(css).unwrap())
        .map(|e| e.html())
        .collect()
}

fn attr(doc: &Html, css: &str, name: &str) -> Option<String> {
    doc.select(&Selector::parse(css).unwrap())
        .next()
        .and_then(|e| e.value().attr(name).map(str::to_string))
}

fn photo() -> Vec<u8> {
    encode_jpeg(&RgbImage::from_fn(2000, 1200, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    }))
}

/// Arabic and English: a report with a photo (2021), a statement (2023, the newest) and an
/// about page without a date.
fn site(extra: &str) -> Site {
    let site = Site::with_default_theme(&format!("{THEME_CONFIG}\n{extra}"));
    for (suffix, home, reports, statements, about) in [
        ("", "بيان", "التقارير", "البيانات", "من نحن"),
        (".en", "Bayan", "Reports", "Statements", "About"),
    ] {
        let write =
            |path: &str, text: String| site.write(&format!("content/{path}{suffix}.md"), &text);
        write("_index", format!("+++\ntitle = \"{home}\"\n+++\n"));
        write(
            "reports/_index",
            format!("+++\ntitle = \"{reports}\"\n+++\n"),
        );
        write(
            "statements/_index",
            format!("+++\ntitle = \"{statements}\"\n+++\n"),
        );
        write("about/_index", format!("+++\ntitle = \"{about}\"\n+++\n"));
        write(
            "reports/meeting/index",
            "+++\ntitle = \"Meeting\"\ndate = 2021-03-04\n[report]\nplace = \"Zoom\"\n+++\nText.\n"
                .into(),
        );
        write(
            "statements/closing/index",
            "+++\ntitle = \"Closing statement\"\ndate = 2023-06-06\n[statement]\nplace = \"Paris\"\n+++\n1. One.\n2. Two.\n".into(),
        );
        write(
            "about/us",
            "+++\ntitle = \"Who we are\"\n[about]\n+++\nOur mission.\n".into(),
        );
    }
    site.write_bytes("content/reports/meeting/hall.jpg", &photo());
    site
}

#[test]
fn the_accent_colour_and_contacts_come_from_extra() {
    let site = site(
        "[extra]\naccent = \"#123456\"\n[extra.contact]\nemail = \"info@org.example\"\nphone = \"+970 2 123 4567\"\n",
    );
    site.build(&[]).assert_ok();
    let home = Html::parse_document(&site.output("index.html"));
    let href = attr(&home, r#"link[rel="stylesheet"][href*="accent"]"#, "href")
        .expect("the accent's stylesheet is linked");
    let css = site.output(href.trim_start_matches('/'));
    assert!(css.contains("--accent:#123456"), "{css}");
    assert_eq!(
        attr(&home, ".site-footer address a[href^=mailto]", "href").as_deref(),
        Some("mailto:info@org.example")
    );
    assert_eq!(
        attr(&home, ".site-footer address a[href^=tel]", "href").as_deref(),
        Some("tel:+97021234567")
    );
    // Without a logo, the name's first letter stands in for one.
    assert_eq!(select(&home, ".site-title .logo-letter").len(), 1);
}

#[test]
fn an_accent_too_light_for_white_text_is_refused_and_nothing_is_written() {
    let site = site("[extra]\naccent = \"#0b5d4b\"\n");
    site.build(&[]).assert_ok();
    let before = common::snapshot(&site.path("public"));
    site.write(
        "config.toml",
        &format!("{THEME_CONFIG}\n[extra]\naccent = \"#ffe066\"\n"),
    );
    site.build(&[])
        .assert_error("config.toml")
        .assert_error("too light for white text");
    assert_eq!(common::snapshot(&site.path("public")), before);
}

#[test]
fn the_newest_publication_leads_and_cards_carry_their_photo() {
    let site = site("");
    site.build(&[]).assert_ok();
    // Links in built pages are relative: each is known by how it ends.
    for (page, statement_url, report_url) in [
        ("index.html", "statements/closing/", "reports/meeting/"),
        ("en/index.html", "statements/closing/", "reports/meeting/"),
    ] {
        let home = Html::parse_document(&site.output(page));
        // The 2023 statement is newer than the 2021 report; the undated about page never leads.
        let lead = attr(&home, ".lead h2 a", "href").unwrap_or_default();
        assert!(lead.ends_with(statement_url), "{page}: {lead}");
        // The report's card shows its photo, every size in srcset, decorative (the title says it).
        let card = format!(r#".page-list li:has(a[href$="{report_url}"]) img.card-image"#);
        let srcset = attr(&home, &card, "srcset").expect("the report's card has its photo");
        assert!(srcset.split(", ").count() >= 2, "{srcset}");
        assert!(
            srcset
                .split(", ")
                .all(|s| s.contains(".webp ") && s.ends_with('w')),
            "{srcset}"
        );
        assert_eq!(attr(&home, &card, "alt").as_deref(), Some(""));
        assert_eq!(attr(&home, &card, "loading").as_deref(), Some("lazy"));
        // A page without a photo has a card without an image.
        let plain = format!(r#".page-list li:has(a[href$="{statement_url}"]) img"#);
        assert!(select(&home, &plain).is_empty(), "{page}");
    }
}

#[test]
fn reports_and_statements_can_be_printed_and_other_pages_load_nothing_for_it() {
    let site = site("");
    site.build(&[]).assert_ok();
    for (page, label) in [
        ("reports/meeting/index.html", "اطبع أو احفظ PDF"),
        ("en/statements/closing/index.html", "Print or save as PDF"),
    ] {
        let doc = Html::parse_document(&site.output(page));
        let control = select(&doc, ".print-control[hidden] button[data-print]");
        assert_eq!(control.len(), 1, "{page}");
        assert!(control[0].contains(label), "{page}: {}", control[0]);
        assert!(
            attr(&doc, r#"script[src*="print"]"#, "src").is_some(),
            "{page}"
        );
    }
    for page in ["about/us/index.html", "index.html"] {
        let doc = Html::parse_document(&site.output(page));
        assert!(select(&doc, ".print-control").is_empty(), "{page}");
        assert!(
            attr(&doc, r#"script[src*="print"]"#, "src").is_none(),
            "{page}"
        );
    }
    // The printed copy is headed by the page's address.
    let doc = Html::parse_document(&site.output("reports/meeting/index.html"));
    assert!(attr(&doc, ".page-header", "data-address")
        .is_some_and(|a| a.starts_with("http") && a.ends_with("/reports/meeting/")));
}

#[test]
fn a_page_names_the_photo_that_stands_for_it() {
    let site = site("");
    // Two photos beside the report: without `image` the first of the folder stands for it.
    site.write_bytes("content/reports/meeting/stage.jpg", &photo());
    site.build(&[]).assert_ok();
    let card = r#".page-list li:has(a[href$="reports/meeting/"]) img.card-image"#;
    let first = attr(
        &Html::parse_document(&site.output("index.html")),
        card,
        "src",
    )
    .unwrap();
    assert!(first.contains("hall"), "{first}");
    site.write(
        "content/reports/meeting/index.md",
        "+++\ntitle = \"Meeting\"\ndate = 2021-03-04\nimage = \"stage.jpg\"\n[report]\nplace = \"Zoom\"\n+++\nText.\n",
    );
    site.build(&[]).assert_ok();
    let home = Html::parse_document(&site.output("index.html"));
    let chosen = attr(&home, card, "src").unwrap();
    assert!(chosen.contains("stage"), "{chosen}");
    let page = Html::parse_document(&site.output("reports/meeting/index.html"));
    let og = page
        .select(&Selector::parse(r#"meta[property="og:image"]"#).unwrap())
        .next()
        .and_then(|m| m.value().attr("content").map(str::to_string))
        .unwrap_or_default();
    assert!(og.contains("stage"), "{og}");

    let before = common::snapshot(&site.path("public"));
    site.write(
        "content/reports/meeting/index.md",
        "+++\ntitle = \"Meeting\"\ndate = 2021-03-04\nimage = \"stgae.jpg\"\n[report]\nplace = \"Zoom\"\n+++\nText.\n",
    );
    site.build(&[])
        .assert_error("content/reports/meeting/index.md:4:")
        .assert_error("the image `stgae.jpg` is not a photo in this page's folder");
    assert_eq!(common::snapshot(&site.path("public")), before);
}
