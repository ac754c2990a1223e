//! Social previews: the Open Graph and Twitter card tags of the default theme, per page and per
//! language, with the page's first photo as a processed copy at its full address.

mod common;

use common::photos::encode_jpeg;
use common::{Site, THEME_CONFIG};
use image::{Rgb, RgbImage};
use scraper::{Html, Selector};

/// The `content` of every `<meta property=NAME>` or `<meta name=NAME>`, in order.
fn meta(doc: &Html, name: &str) -> Vec<String> {
    let selector = Selector::parse(&format!(
        "head meta[property=\"{name}\"], head meta[name=\"{name}\"]"
    ))
    .unwrap();
    doc.select(&selector)
        .map(|m| m.value().attr("content").unwrap_or_default().to_string())
        .collect()
}

/// The one `content` of `name`, failing when there is none or more than one.
#[track_caller]
fn one(doc: &Html, name: &str) -> String {
    let found = meta(doc, name);
    assert_eq!(found.len(), 1, "{name}: {found:?}\n{}", doc.html());
    found[0].clone()
}

fn photo(width: u32, height: u32) -> Vec<u8> {
    encode_jpeg(&RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    }))
}

const PHOTOS: &str = r#"
[[photos]]
file = "hall.jpg"
[photos.alt]
ar = "القاعة ممتلئة"
en = "The hall, full"

[[photos]]
file = "stage.jpg"
[photos.alt]
ar = "المنصة"
en = "The stage"
"#;

/// A site in ar, en, ku and ckb: a dated event with a gallery (ar, en), an undated about page
/// in three languages, and a note whose only photo is in its bundle.
fn site(extra: &str) -> Site {
    let site = Site::with_default_theme(&format!("{THEME_CONFIG}\n{extra}"));
    for (suffix, title) in [("", "بيان"), (".en", "Bayan"), (".ku", "Beyan")] {
        site.write(
            &format!("content/_index{suffix}.md"),
            &format!("+++\ntitle = \"{title}\"\n+++\n"),
        );
    }
    for (suffix, title) in [
        ("", "من نحن"),
        (".en", "About us"),
        (".ku", "Derbarê me de"),
    ] {
        site.write(
            &format!("content/about/index{suffix}.md"),
            &format!("+++\ntitle = \"{title}\"\n+++\nText.\n"),
        );
    }
    let front = "date = 2023-06-05\ngallery = \"gallery\"\n";
    site.write(
        "content/events/paris/index.md",
        &format!("+++\ntitle = \"باريس\"\ndescription = \"لقاء في باريس\"\n{front}+++\nنص.\n"),
    );
    site.write(
        "content/events/paris/index.en.md",
        &format!(
            "+++\ntitle = \"Paris\"\ndescription = \"A meeting in Paris\"\n{front}+++\nText.\n"
        ),
    );
    site.write_bytes("content/events/paris/gallery/hall.jpg", &photo(2000, 1000));
    site.write_bytes("content/events/paris/gallery/stage.jpg", &photo(900, 600));
    site.write("content/events/paris/gallery/photos.toml", PHOTOS);
    site.write(
        "content/notes/first/index.en.md",
        "+++\ntitle = \"A note\"\n+++\nThe gist.\n\n<!-- more -->\n\n![A tree](tree.jpg)\n",
    );
    site.write_bytes("content/notes/first/tree.jpg", &photo(1000, 800));
    site
}

#[test]
fn each_language_says_its_locale_its_translations_and_its_photo() {
    let site = site("");
    site.build(&[]).assert_ok();
    let ar = Html::parse_document(&site.output("events/paris/index.html"));
    let en = Html::parse_document(&site.output("en/events/paris/index.html"));

    // A dated page is an article, published on its date.
    for doc in [&ar, &en] {
        assert_eq!(one(doc, "og:type"), "article");
        assert_eq!(one(doc, "article:published_time"), "2023-06-05");
        assert_eq!(one(doc, "twitter:card"), "summary_large_image");
        assert_eq!(one(doc, "og:image:type"), "image/jpeg");
    }
    assert_eq!(one(&ar, "og:title"), "باريس");
    assert_eq!(one(&ar, "og:description"), "لقاء في باريس");
    assert_eq!(one(&ar, "og:url"), "https://example.org/events/paris/");
    assert_eq!(one(&ar, "og:site_name"), "Test");
    assert_eq!(one(&en, "og:url"), "https://example.org/en/events/paris/");
    assert_eq!(one(&en, "og:description"), "A meeting in Paris");

    // The language's locale in Open Graph's form, and only the translations that exist.
    assert_eq!(one(&ar, "og:locale"), "ar_PS");
    assert_eq!(meta(&ar, "og:locale:alternate"), ["en_GB"]);
    assert_eq!(one(&en, "og:locale"), "en_GB");
    assert_eq!(meta(&en, "og:locale:alternate"), ["ar_PS"]);

    // The gallery's first photo, as a processed copy (never the original) at its full address,
    // described in the page's language.
    let image = one(&ar, "og:image");
    assert_eq!(image, one(&en, "og:image"));
    assert!(
        image.starts_with("https://example.org/events/paris/gallery/hall-")
            && image.ends_with(".jpg"),
        "{image}"
    );
    let published = image.trim_start_matches("https://example.org/");
    assert!(site.has_output(published), "{published} is not published");
    let width: u32 = one(&ar, "og:image:width").parse().unwrap();
    assert!((1200..=2000).contains(&width), "{width}");
    assert_eq!(one(&ar, "og:image:height"), (width / 2).to_string());
    assert_eq!(one(&ar, "og:image:alt"), "القاعة ممتلئة");
    assert_eq!(one(&en, "og:image:alt"), "The hall, full");
    assert_eq!(one(&en, "twitter:image:alt"), "The hall, full");
}

#[test]
fn pages_without_a_date_or_a_photo_get_a_website_and_a_small_card() {
    let site = site("");
    site.build(&[]).assert_ok();
    for (page, locale, alternates, title) in [
        ("about/index.html", "ar_PS", ["en_GB", "ku_TR"], "من نحن"),
        (
            "en/about/index.html",
            "en_GB",
            ["ar_PS", "ku_TR"],
            "About us",
        ),
        (
            "ku/about/index.html",
            "ku_TR",
            ["ar_PS", "en_GB"],
            "Derbarê me de",
        ),
    ] {
        let doc = Html::parse_document(&site.output(page));
        assert_eq!(one(&doc, "og:type"), "website", "{page}");
        assert_eq!(one(&doc, "og:title"), title, "{page}");
        assert_eq!(one(&doc, "og:locale"), locale, "{page}");
        assert_eq!(meta(&doc, "og:locale:alternate"), alternates, "{page}");
        assert!(meta(&doc, "og:image").is_empty(), "{page}");
        assert!(meta(&doc, "article:published_time").is_empty(), "{page}");
        assert_eq!(one(&doc, "twitter:card"), "summary", "{page}");
    }
    // A page without a description says its summary; the home page its language's title.
    let note = Html::parse_document(&site.output("en/notes/first/index.html"));
    assert_eq!(one(&note, "og:description"), "The gist.");
    assert_eq!(one(&note, "og:locale"), "en_GB");
    assert!(meta(&note, "og:locale:alternate").is_empty());
    // Its only photo is in its bundle: shown, with nothing said of what it shows.
    let image = one(&note, "og:image");
    assert!(
        image.starts_with("https://example.org/en/notes/first/tree-")
            || image.starts_with("https://example.org/notes/first/tree-"),
        "{image}"
    );
    assert!(meta(&note, "og:image:alt").is_empty());
    let home = Html::parse_document(&site.output("ku/index.html"));
    assert_eq!(one(&home, "og:url"), "https://example.org/ku/");
}

#[test]
fn the_sites_own_image_stands_in_for_pages_without_a_photo() {
    let site =
        site("[extra]\nsocial_image = \"images/card.jpg\"\nsocial_image_alt = \"Our logo\"\n");
    site.write_bytes("static/images/card.jpg", &photo(1200, 630));
    site.build(&[]).assert_ok();
    let about = Html::parse_document(&site.output("en/about/index.html"));
    assert_eq!(
        one(&about, "og:image"),
        "https://example.org/images/card.jpg"
    );
    assert_eq!(one(&about, "og:image:alt"), "Our logo");
    assert_eq!(one(&about, "twitter:card"), "summary_large_image");
    assert!(site.has_output("images/card.jpg"));
    // A page's own photo still wins.
    let event = Html::parse_document(&site.output("en/events/paris/index.html"));
    assert!(one(&event, "og:image").contains("/events/paris/gallery/hall-"));
}

#[test]
fn nothing_in_the_tags_leads_to_another_host() {
    let site = site("");
    site.build(&[]).assert_ok();
    for page in [
        "events/paris/index.html",
        "en/notes/first/index.html",
        "ku/index.html",
    ] {
        let doc = Html::parse_document(&site.output(page));
        let selector = Selector::parse("head meta[content^=\"http\"]").unwrap();
        for tag in doc.select(&selector) {
            let content = tag.value().attr("content").unwrap();
            assert!(
                content.starts_with("https://example.org/"),
                "{page}: {content}"
            );
        }
    }
}
