//! What search engines and hosts read: `sitemap.xml` with reciprocal hreflang alternates whose
//! every address is a built page, `robots.txt`, and a not-found page per language.

mod common;

use scraper::{Html, Selector};

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::build_demo;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
const BASE: &str = "https://bayan.example.org";

/// The built file an address of the site is served from.
fn file_for(out: &Path, url: &str) -> std::path::PathBuf {
    let path = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not on the site"));
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        out.join(path).join("index.html")
    } else {
        out.join(path)
    }
}

#[test]
fn sitemap_alternates_are_reciprocal_and_every_address_is_built() {
    let out = tempfile::tempdir().unwrap();
    build_demo(out.path());
    let xml = std::fs::read_to_string(out.path().join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((SITEMAP_NS, "urlset")));

    // loc → (hreflang → href)
    let mut entries: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for url in root
        .children()
        .filter(|n| n.has_tag_name((SITEMAP_NS, "url")))
    {
        let loc = url
            .children()
            .find(|n| n.has_tag_name((SITEMAP_NS, "loc")))
            .unwrap()
            .text()
            .unwrap()
            .to_string();
        let alternates = url
            .children()
            .filter(|n| n.has_tag_name((XHTML_NS, "link")))
            .map(|l| {
                assert_eq!(l.attribute("rel"), Some("alternate"));
                (
                    l.attribute("hreflang").unwrap().to_string(),
                    l.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        assert!(
            entries.insert(loc, alternates).is_none(),
            "an address is listed twice"
        );
    }
    assert!(entries.len() >= 36, "{} addresses", entries.len());
    for (loc, alternates) in &entries {
        assert!(file_for(out.path(), loc).is_file(), "{loc} is not built");
        if alternates.is_empty() {
            continue;
        }
        // The page is among its own alternates, and x-default points at one of them.
        assert!(
            alternates.values().any(|href| href == loc),
            "{loc} not among its alternates"
        );
        let x_default = alternates
            .get("x-default")
            .unwrap_or_else(|| panic!("{loc}: no x-default"));
        assert!(alternates
            .iter()
            .any(|(l, h)| l != "x-default" && h == x_default));
        let own_lang = alternates
            .iter()
            .find(|(l, h)| *l != "x-default" && *h == loc)
            .unwrap()
            .0;
        for (lang, href) in alternates.iter().filter(|(l, _)| *l != "x-default") {
            let theirs = entries
                .get(href)
                .unwrap_or_else(|| panic!("{loc} → {href} is not in the sitemap"));
            assert_eq!(
                theirs.get(own_lang),
                Some(loc),
                "{href} ({lang}) does not link back to {loc}"
            );
            assert!(file_for(out.path(), href).is_file(), "{href} is not built");
        }
    }
    // Each page's head says the same as the sitemap, and names itself as the canonical address.
    for (loc, alternates) in &entries {
        let page =
            Html::parse_document(&std::fs::read_to_string(file_for(out.path(), loc)).unwrap());
        let canonical: Vec<_> = page
            .select(&selector(r#"link[rel="canonical"]"#))
            .filter_map(|l| l.attr("href"))
            .collect();
        assert_eq!(canonical, [loc.as_str()], "{loc}");
        let in_head: BTreeMap<String, String> = page
            .select(&selector(r#"link[rel="alternate"][hreflang]"#))
            .map(|l| {
                (
                    l.attr("hreflang").unwrap().into(),
                    l.attr("href").unwrap().into(),
                )
            })
            .collect();
        if alternates.len() > 2 {
            assert_eq!(&in_head, alternates, "{loc}");
        }
    }
    // A dated page carries its date.
    assert!(xml.contains("<loc>https://bayan.example.org/en/conferences/madaniya-paris-2023/</loc>\n    <lastmod>2023-06-05</lastmod>"), "{xml}");
    let languages: BTreeSet<&str> = entries
        .values()
        .flat_map(|a| a.keys().map(String::as_str))
        .collect();
    assert_eq!(languages, BTreeSet::from(["ar", "en", "ku", "x-default"]));
}

#[test]
fn robots_txt_points_at_the_sitemap() {
    let out = tempfile::tempdir().unwrap();
    build_demo(out.path());
    let robots = std::fs::read_to_string(out.path().join("robots.txt")).unwrap();
    assert!(robots.contains("User-agent: *"));
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://bayan.example.org/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn a_not_found_page_per_language_with_links_that_work_at_any_depth() {
    let out = tempfile::tempdir().unwrap();
    build_demo(out.path());
    for (file, lang, dir, title) in [
        ("404.html", "ar", "rtl", "الصفحة غير موجودة"),
        ("en/404.html", "en", "ltr", "Page not found"),
        ("ku/404.html", "ku", "ltr", "Rûpel nehat dîtin"),
    ] {
        let html = Html::parse_document(&std::fs::read_to_string(out.path().join(file)).unwrap());
        let root = html.root_element();
        assert_eq!(
            (root.attr("lang"), root.attr("dir")),
            (Some(lang), Some(dir)),
            "{file}"
        );
        let h1: String = html
            .select(&selector("h1"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert_eq!(h1, title, "{file}");
        // Hosts serve it at any address: its links start from the site's root.
        let stylesheet = html
            .select(&selector(r#"link[rel="stylesheet"][href*="style."]"#))
            .next()
            .and_then(|l| l.attr("href"))
            .unwrap();
        assert!(
            stylesheet.starts_with("/style.") && stylesheet.ends_with(".css"),
            "{file}: {stylesheet}"
        );
        assert!(
            out.path().join(&stylesheet[1..]).is_file(),
            "{file}: {stylesheet}"
        );
        for link in html.select(&selector("[href], [src]")) {
            let target = link.attr("href").or(link.attr("src")).unwrap();
            assert!(!target.starts_with(".."), "{file}: {target}");
        }
    }
    // Not-found pages are not pages to index.
    assert!(!std::fs::read_to_string(out.path().join("sitemap.xml"))
        .unwrap()
        .contains("404"));
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

#[test]
fn an_atom_feed_per_language_newest_first_with_absolute_links() {
    let out = tempfile::tempdir().unwrap();
    build_demo(out.path());
    for (file, lang) in [
        ("atom.xml", "ar"),
        ("en/atom.xml", "en"),
        ("ku/atom.xml", "ku"),
    ] {
        let xml = std::fs::read_to_string(out.path().join(file)).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let feed = doc.root_element();
        assert!(feed.has_tag_name((ATOM_NS, "feed")));
        assert_eq!(
            feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(lang)
        );
        let entries: Vec<_> = feed
            .children()
            .filter(|n| n.has_tag_name((ATOM_NS, "entry")))
            .collect();
        assert!(entries.len() >= 5, "{file}: {} entries", entries.len());
        let mut previous = String::from("9999");
        for entry in &entries {
            let link = entry
                .children()
                .find(|n| n.has_tag_name((ATOM_NS, "link")))
                .unwrap()
                .attribute("href")
                .unwrap();
            assert!(
                file_for(out.path(), link).is_file(),
                "{file}: {link} is not built"
            );
            let updated = entry
                .children()
                .find(|n| n.has_tag_name((ATOM_NS, "updated")))
                .unwrap()
                .text()
                .unwrap()
                .to_string();
            assert!(updated <= previous, "{file}: not newest first");
            previous = updated;
        }
        let own = feed
            .children()
            .find(|n| n.has_tag_name((ATOM_NS, "link")) && n.attribute("rel") == Some("self"))
            .unwrap();
        assert_eq!(own.attribute("href").unwrap(), format!("{BASE}/{file}"));
    }
    // Every page points feed readers at its language's feed.
    let page = Html::parse_document(
        &std::fs::read_to_string(out.path().join("en/reports/index.html")).unwrap(),
    );
    let feeds: Vec<_> = page
        .select(&selector(
            r#"link[rel="alternate"][type="application/atom+xml"]"#,
        ))
        .map(|l| (l.attr("href").unwrap(), l.attr("title").unwrap()))
        .collect();
    assert_eq!(feeds, [("../atom.xml", "Bayan")]);
}

#[test]
fn section_feeds_and_full_content_when_asked() {
    let site = common::Site::with_default_theme(&format!(
        "{}\n[feeds]\nfull_content = true\n",
        common::THEME_CONFIG
    ));
    site.write("content/_index.en.md", "+++\ntitle = \"Home\"\n+++\n");
    site.write(
        "content/news/_index.en.md",
        "+++\ntitle = \"News\"\nfeed = true\n+++\n",
    );
    site.write("content/news/a.en.md", "+++\ntitle = \"A & B\"\ndate = 2024-01-02\ndescription = \"About A\"\n+++\nSee [the other](@/news/b.md).\n");
    site.write(
        "content/news/b.en.md",
        "+++\ntitle = \"B\"\ndate = 2024-03-04\n+++\nText.\n",
    );
    site.build(&[]).assert_ok();
    let xml = site.output("en/news/atom.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ATOM_NS, "title")))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(titles, ["News · Test", "B", "A & B"]);
    let contents: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ATOM_NS, "content")))
        .collect();
    assert_eq!(contents.len(), 2);
    assert!(contents.iter().all(|c| c.attribute("type") == Some("html")));
    // The whole text (entry A comes second), with its links made absolute for readers away
    // from the site.
    assert!(
        contents[1]
            .text()
            .unwrap()
            .contains(r#"<a href="https://example.org/en/news/b/">the other</a>"#),
        "{xml}"
    );
    assert!(!site.has_output("en/atom-news.xml"));
    assert!(site.has_output("en/atom.xml"));
}
