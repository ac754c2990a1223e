//! Untranslated pages (`[translations] fallback = true`): a page or section of the default
//! language that another language lacks is listed and reachable in that language, at the
//! address its translation would have, showing the original text (with its own `lang` and
//! `dir`) under a notice in the reader's language; it is no translation: no `hreflang` to it,
//! its canonical is the original, it stays out of the sitemap and feeds, and `bayan check`
//! still counts it missing. Without the setting, nothing of this happens.

mod common;

use common::{run, Site};
use scraper::{Html, Selector};

const CONFIG: &str = r#"
title = "Test"
base_url = "https://example.org"
default_language = "ar"
theme = "bayan"
minify = false

[languages.ar]
name = "العربية"
locale = "ar-PS"

[languages.en]
name = "English"
locale = "en-GB"

[languages.ku]
name = "Kurdî"
locale = "ku"
"#;

/// ar (default) + en + ku: `reports/` exists in ar and en; Geneva is translated into en;
/// Beirut is only in Arabic and links to Geneva.
fn site(fallback: bool) -> Site {
    let config = if fallback {
        format!("{CONFIG}\n[translations]\nfallback = true\n")
    } else {
        CONFIG.to_string()
    };
    let site = Site::with_default_theme(&config);
    site.write("content/_index.md", "+++\ntitle = \"الرئيسية\"\n+++\n");
    site.write("content/_index.en.md", "+++\ntitle = \"Home\"\n+++\n");
    site.write("content/_index.ku.md", "+++\ntitle = \"Destpêk\"\n+++\n");
    site.write(
        "content/reports/_index.md",
        "+++\ntitle = \"التقارير\"\nsort_by = \"date\"\n+++\nتقارير الورشات.\n",
    );
    site.write(
        "content/reports/_index.en.md",
        "+++\ntitle = \"Reports\"\nsort_by = \"date\"\n+++\n",
    );
    site.write(
        "content/reports/geneva/index.md",
        "+++\ntitle = \"جنيف\"\ndate = 2024-05-01\n+++\nنص جنيف.\n",
    );
    site.write(
        "content/reports/geneva/index.en.md",
        "+++\ntitle = \"Geneva\"\ndate = 2024-05-01\n+++\nGeneva's text.\n",
    );
    site.write(
        "content/reports/beirut/index.md",
        "+++\ntitle = \"ورشة بيروت\"\ndate = 2024-06-01\naliases = [\"/old/beirut/\"]\n+++\nعُقدت الورشة في بيروت، بعد [ورشة جنيف](@/reports/geneva/index.md).\n",
    );
    site.build(&[]).assert_ok();
    site
}

fn html(site: &Site, file: &str) -> Html {
    Html::parse_document(&site.output(file))
}

fn select<'a>(doc: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(selector).unwrap()).collect()
}

fn attr<'a>(doc: &'a Html, selector: &str, name: &str) -> Option<&'a str> {
    select(doc, selector)
        .first()
        .and_then(|e| e.value().attr(name))
}

fn text(doc: &Html, selector: &str) -> String {
    select(doc, selector)
        .first()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default()
}

#[test]
fn an_untranslated_page_is_shown_in_its_original_language_under_a_notice() {
    let site = site(true);
    let page = html(&site, "en/reports/beirut/index.html");
    // The chrome speaks English; the title and text keep their language and direction.
    assert_eq!(attr(&page, "html", "lang"), Some("en"));
    assert_eq!(attr(&page, "html", "dir"), Some("ltr"));
    assert_eq!(attr(&page, ".body", "lang"), Some("ar"));
    assert_eq!(attr(&page, ".body", "dir"), Some("rtl"));
    assert_eq!(attr(&page, "h1", "lang"), Some("ar"));
    assert_eq!(text(&page, "h1"), "ورشة بيروت");
    assert!(text(&page, ".body").contains("عُقدت الورشة في بيروت"));
    let notice = text(&page, ".untranslated-notice");
    assert!(
        notice.contains("not yet available in English") && notice.contains("Arabic"),
        "{notice}"
    );
    // Its link leads to the English translation of Geneva, not to the Arabic page.
    assert_eq!(
        attr(&page, ".body a", "href"),
        Some("../geneva/"),
        "{}",
        site.output("en/reports/beirut/index.html")
    );

    let kurdish = html(&site, "ku/reports/beirut/index.html");
    assert_eq!(attr(&kurdish, "html", "lang"), Some("ku"));
    assert!(text(&kurdish, ".untranslated-notice").contains("erebî"));
    assert_eq!(attr(&kurdish, ".body", "lang"), Some("ar"));

    // The original and a real translation carry no notice and no `lang` of their own.
    for file in ["reports/beirut/index.html", "en/reports/geneva/index.html"] {
        let doc = html(&site, file);
        assert!(select(&doc, ".untranslated-notice").is_empty(), "{file}");
        assert_eq!(attr(&doc, ".body", "lang"), None, "{file}");
    }
}

#[test]
fn an_untranslated_page_is_listed_in_its_languages_sections() {
    let site = site(true);
    let list = html(&site, "en/reports/index.html");
    let links: Vec<(&str, Option<&str>)> = select(&list, ".page-list h2 a")
        .iter()
        .map(|a| (a.value().attr("href").unwrap(), a.value().attr("lang")))
        .collect();
    assert_eq!(links, [("beirut/", Some("ar")), ("geneva/", None)]);
    // The section that Kurdish lacks is there too, in Arabic, with both pages.
    let kurdish = html(&site, "ku/reports/index.html");
    assert_eq!(attr(&kurdish, "h1", "lang"), Some("ar"));
    assert!(text(&kurdish, ".untranslated-notice").contains("erebî"));
    assert_eq!(select(&kurdish, ".page-list h2 a").len(), 2);
}

#[test]
fn an_untranslated_page_is_no_translation() {
    let site = site(true);
    let page = html(&site, "en/reports/beirut/index.html");
    assert_eq!(
        attr(&page, "link[rel=canonical]", "href"),
        Some("https://example.org/reports/beirut/")
    );
    let alternates = |doc: &Html| -> Vec<String> {
        select(doc, "link[rel=alternate][hreflang]")
            .iter()
            .map(|l| l.value().attr("href").unwrap().to_string())
            .collect()
    };
    assert_eq!(alternates(&page), ["https://example.org/reports/beirut/"]);
    let original = html(&site, "reports/beirut/index.html");
    assert_eq!(
        alternates(&original),
        ["https://example.org/reports/beirut/"]
    );
    assert_eq!(
        attr(&original, "link[rel=canonical]", "href"),
        Some("https://example.org/reports/beirut/")
    );
    // The switcher of the original does not offer the copy as an English version.
    let english = select(&original, ".language-switcher [lang=en]");
    assert_eq!(english[0].value().name(), "span", "shown, not linked");

    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("https://example.org/reports/beirut/"));
    for copy in ["/en/reports/beirut/", "/ku/reports/", "/ku/reports/geneva/"] {
        assert!(!sitemap.contains(copy), "{copy} in sitemap.xml:\n{sitemap}");
    }
    assert!(!site.output("en/atom.xml").contains("beirut"));
    // Aliases stay the original's: one redirect page, to the Arabic address.
    assert!(site
        .output("old/beirut/index.html")
        .contains("/reports/beirut/"));
    assert!(!site.output("_redirects").contains("/en/reports/beirut/"));
}

#[test]
fn check_still_counts_an_untranslated_page_missing() {
    let site = site(true);
    let result = run(&[
        "check",
        "--root",
        site.root().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&result.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", result.stdout, result.stderr));
    // The copies add no problem of their own, and repeat none of their originals'.
    assert_eq!(result.code, 0, "{}\n{}", result.stdout, result.stderr);
    assert_eq!(report["errors"], serde_json::json!([]), "{report:#}");
    let status = |key: &str, lang: &str| {
        report["translations"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["key"] == key)
            .unwrap_or_else(|| panic!("no row {key}"))["languages"][lang]["status"]
            .clone()
    };
    assert_eq!(status("reports/beirut/index", "en"), "missing");
    assert_eq!(status("reports/beirut/index", "ku"), "missing");
    assert_eq!(status("reports/_index", "ku"), "missing");
    assert_eq!(status("reports/geneva/index", "en"), "up-to-date");
}

#[test]
fn without_fallback_an_untranslated_page_exists_only_in_its_language() {
    let site = site(false);
    assert!(site.has_output("reports/beirut/index.html"));
    assert!(!site.has_output("en/reports/beirut/index.html"));
    assert!(!site.has_output("ku/reports/index.html"));
    let list = html(&site, "en/reports/index.html");
    assert_eq!(select(&list, ".page-list h2 a").len(), 1);
    let page = html(&site, "reports/beirut/index.html");
    assert!(select(&page, ".untranslated-notice").is_empty());
}

#[test]
fn a_copy_never_takes_the_address_of_a_real_page() {
    let site = site(true);
    // An English page of its own (not a translation of Beirut) at the copy's address.
    site.write(
        "content/reports/lebanon.en.md",
        "+++\ntitle = \"Lebanon\"\nslug = \"beirut\"\n+++\nOur own English page.\n",
    );
    site.build(&[]).assert_ok();
    let page = html(&site, "en/reports/beirut/index.html");
    assert_eq!(text(&page, "h1"), "Lebanon");
    assert!(select(&page, ".untranslated-notice").is_empty());
    // The Kurdish copy is still made.
    assert!(site.has_output("ku/reports/beirut/index.html"));
}
