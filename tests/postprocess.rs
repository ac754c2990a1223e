//! What happens to pages after templating: links to other hosts, lazy images, tables that
//! scroll, fingerprinted assets, minification, and the files hosts read (`_headers`,
//! `_redirects`).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{build_demo, run, Site, THEME_CONFIG};
use scraper::{ElementRef, Html, Selector};

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn parse(site: &Site, rel: &str) -> Html {
    Html::parse_document(&site.output(rel))
}

/// Every HTML file of a built site, by its path inside the output folder.
fn html_files(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// Blocks whose children flow as lines of text: there, white space between two inline
/// elements shows as a space, so minifying must keep it. (Elsewhere, in flex rows and lists of
/// blocks, it shows as nothing, and the minifier may drop it.)
const TEXT_BLOCKS: &str = "p, li, dd, dt, td, th, h1, h2, h3, h4, h5, h6, figcaption, blockquote, label, summary, caption, title, a";

fn collapsed(text: impl Iterator<Item = String>) -> String {
    text.collect::<Vec<_>>()
        .join("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a reader sees of a page: each piece of text (white space collapsed), the full text of
/// every block of running text, and the attributes that carry meaning (addresses, alternative
/// text, labels, language, direction).
fn meaning(html: &str) -> (Vec<String>, Vec<String>) {
    let doc = Html::parse_document(html);
    let mut text: Vec<String> = doc
        .root_element()
        .text()
        .map(|t| collapsed(std::iter::once(t.to_string())))
        .filter(|t| !t.is_empty())
        .collect();
    for block in doc.select(&selector(TEXT_BLOCKS)) {
        text.push(collapsed(block.text().map(str::to_string)));
    }
    let mut attributes = Vec::new();
    for element in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        for name in [
            "href",
            "src",
            "srcset",
            "alt",
            "aria-label",
            "lang",
            "dir",
            "id",
            "rel",
        ] {
            if let Some(value) = element.attr(name) {
                attributes.push(format!("{}[{name}={value}]", element.value().name()));
            }
        }
    }
    (text, attributes)
}

#[test]
fn minified_demo_pages_keep_their_text_and_links_and_shrink() {
    let minified = tempfile::tempdir().unwrap();
    let plain = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    for (dir, extra) in [(&minified, None), (&plain, Some("--no-minify"))] {
        let mut args = vec!["build", "--root", root, "--output-dir"];
        args.push(dir.path().to_str().unwrap());
        args.extend(extra);
        run(&args).assert_ok();
    }
    let minified = html_files(minified.path());
    let plain = html_files(plain.path());
    assert_eq!(
        minified.keys().collect::<Vec<_>>(),
        plain.keys().collect::<Vec<_>>()
    );
    assert!(minified.len() >= 40, "{} pages", minified.len());
    let (mut before, mut after) = (0, 0);
    for (rel, small) in &minified {
        let large = &plain[rel];
        let (small_text, small_attributes) = meaning(small);
        let (large_text, large_attributes) = meaning(large);
        for (minified, original) in small_text.iter().zip(&large_text) {
            assert_eq!(minified, original, "{rel}: minifying changed the text");
        }
        assert_eq!(small_text.len(), large_text.len(), "{rel}");
        // Minified stylesheets have other fingerprints: the names are compared without them.
        let unhashed = |attributes: Vec<String>| -> Vec<String> {
            attributes
                .into_iter()
                .map(|a| without_fingerprint(&a))
                .collect()
        };
        assert_eq!(
            unhashed(small_attributes),
            unhashed(large_attributes),
            "{rel}"
        );
        assert!(small.len() < large.len(), "{rel} did not shrink");
        before += large.len();
        after += small.len();
    }
    println!(
        "minification: {} HTML pages, {before} → {after} bytes ({:.1}% smaller)",
        minified.len(),
        100.0 * (before - after) as f64 / before as f64
    );
    assert!(after * 100 < before * 95, "{before} → {after} bytes");
}

/// `style.3f2a1b9c.css` → `style.HASH.css`.
fn without_fingerprint(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(dot) = rest.find('.') {
        let after = &rest[dot + 1..];
        let is_hash = after.len() > 9
            && after.as_bytes()[8] == b'.'
            && after[..8].bytes().all(|b| b.is_ascii_hexdigit());
        out.push_str(&rest[..=dot]);
        if is_hash {
            out.push_str("HASH");
            rest = &after[8..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn site_with_links_images_and_a_table(config_extra: &str) -> Site {
    let site = Site::with_default_theme(&format!("{THEME_CONFIG}{config_extra}"));
    site.write("content/_index.md", "+++\ntitle = \"الرئيسية\"\n+++\n");
    site.write(
        "content/x/index.md",
        r#"+++
title = "صفحة"
+++
[موقع آخر](https://other.example.net/page) و[هذا الموقع](https://example.org/x/) و[صفحة](@/x/index.md).

<img src="/diagram.svg" alt="رسم">
<img src="/diagram.svg" alt="رسم أول" loading="eager">

| السنة | العدد |
| --- | --- |
| 2023 | 12 |
"#,
    );
    site.write(
        "static/diagram.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site
}

#[test]
fn links_to_other_hosts_get_noopener_and_images_load_lazily_and_tables_scroll() {
    let site = site_with_links_images_and_a_table("");
    site.build(&[]).assert_ok();
    let page = parse(&site, "x/index.html");
    let rel_of = |href_start: &str| {
        page.select(&selector("main a[href]"))
            .find(|a| a.attr("href").unwrap().starts_with(href_start))
            .unwrap_or_else(|| panic!("no link to {href_start}"))
            .attr("rel")
            .map(str::to_string)
    };
    assert_eq!(
        rel_of("https://other.example.net").as_deref(),
        Some("noopener")
    );
    // The site's own address, written in full, is no other host.
    assert_eq!(rel_of("https://example.org/x/"), None);
    let loading: Vec<_> = page
        .select(&selector("main img"))
        .map(|i| i.attr("loading").unwrap())
        .collect();
    assert_eq!(loading, ["lazy", "eager"], "an editor's choice is kept");
    let wrapper = page
        .select(&selector("div.table-scroll"))
        .next()
        .expect("the table is wrapped");
    assert_eq!(wrapper.attr("role"), Some("region"));
    assert_eq!(wrapper.attr("tabindex"), Some("0"));
    assert!(!wrapper.attr("aria-label").unwrap_or("").is_empty());
    assert_eq!(wrapper.select(&selector("table")).count(), 1);
    assert_eq!(page.select(&selector("table")).count(), 1);

    let site = site_with_links_images_and_a_table("\n[links]\nnoreferrer = true\n");
    site.build(&[]).assert_ok();
    let html = site.output("x/index.html");
    assert!(
        html.contains(r#"href="https://other.example.net/page" rel="noopener noreferrer""#),
        "{html}"
    );
}

#[test]
fn theme_assets_are_fingerprinted_and_cached_forever_by_hosts() {
    let site = site_with_links_images_and_a_table("");
    site.build(&[]).assert_ok();
    let page = parse(&site, "x/index.html");
    let stylesheet = page
        .select(&selector(r#"link[rel="stylesheet"][href*="style."]"#))
        .next()
        .and_then(|l| l.attr("href"))
        .unwrap()
        .to_string();
    let name = stylesheet.strip_prefix("../").unwrap();
    let hash = name
        .strip_prefix("style.")
        .and_then(|n| n.strip_suffix(".css"))
        .unwrap();
    assert!(
        hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{name}"
    );
    let source = std::fs::read(site.path("themes/bayan/static/style.css")).unwrap();
    assert_eq!(
        std::fs::read(site.path(&format!("public/{name}"))).unwrap(),
        source
    );
    // The plain name stays, for anything that links to it from elsewhere.
    assert!(site.has_output("style.css"));

    let headers = site.output("_headers");
    assert!(
        headers.contains(&format!(
            "/{name}\n  Cache-Control: public, max-age=31536000, immutable"
        )),
        "{headers}"
    );
    let csp = headers
        .lines()
        .find_map(|l| l.trim().strip_prefix("Content-Security-Policy: "))
        .unwrap();
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert!(csp.contains("object-src 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    for header in [
        "Referrer-Policy: same-origin",
        "X-Content-Type-Options: nosniff",
        "Permissions-Policy: camera=()",
    ] {
        assert!(headers.contains(header), "{header}\n{headers}");
    }

    // A changed stylesheet gets a new name, and the old one is gone.
    let mut changed = source.clone();
    changed.extend_from_slice(b"\nbody { margin: 0; }\n");
    site.write_bytes("themes/bayan/static/style.css", &changed);
    site.build(&[]).assert_ok();
    assert!(!site.has_output(name), "the old copy is removed");
    let new_name = parse(&site, "x/index.html")
        .select(&selector(r#"link[rel="stylesheet"][href*="style."]"#))
        .next()
        .and_then(|l| l.attr("href"))
        .unwrap()
        .to_string();
    assert_ne!(new_name, stylesheet);
}

#[test]
fn pages_satisfy_the_content_security_policy_they_are_served_with() {
    // No inline script or style anywhere: the policy needs no 'unsafe-inline'.
    let out = tempfile::tempdir().unwrap();
    build_demo(out.path());
    let headers = std::fs::read_to_string(out.path().join("_headers")).unwrap();
    let csp = headers
        .lines()
        .find_map(|l| l.trim().strip_prefix("Content-Security-Policy: "))
        .unwrap();
    // The demo's signup form posts to the list provider: allowed by name, nothing else.
    assert!(
        csp.contains("form-action 'self' https://lists.example.org;"),
        "{csp}"
    );
    for (rel, html) in html_files(out.path()) {
        let doc = Html::parse_document(&html);
        for script in doc.select(&selector("script")) {
            assert!(script.attr("src").is_some(), "{rel}: inline script");
        }
        assert_eq!(doc.select(&selector("style")).count(), 0, "{rel}: <style>");
        assert_eq!(doc.select(&selector("[style]")).count(), 0, "{rel}: style=");
        for element in doc
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
        {
            for (name, _) in element.value().attrs() {
                assert!(!name.starts_with("on"), "{rel}: inline handler {name}");
            }
        }
    }
}

#[test]
fn redirects_send_each_language_to_its_not_found_page_and_a_site_file_wins() {
    let site = site_with_links_images_and_a_table("");
    site.build(&[]).assert_ok();
    let redirects = site.output("_redirects");
    let rules: Vec<Vec<&str>> = redirects
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert!(
        rules.contains(&vec!["/ar/*", "/:splat", "301"]),
        "{redirects}"
    );
    for lang in ["en", "ku", "ckb"] {
        let rule = vec![
            format!("/{lang}/*"),
            format!("/{lang}/404.html"),
            "404".into(),
        ];
        assert!(
            rules
                .iter()
                .any(|r| r.iter().zip(&rule).all(|(a, b)| a == b)),
            "{lang}: {redirects}"
        );
        assert!(site.has_output(&format!("{lang}/404.html")));
    }
    // The editor's own files are published as they are.
    site.write("static/_headers", "/*\n  X-Custom: 1\n");
    site.write("static/_redirects", "/old /new 301\n");
    site.build(&[]).assert_ok();
    assert_eq!(site.output("_headers"), "/*\n  X-Custom: 1\n");
    assert_eq!(site.output("_redirects"), "/old /new 301\n");
    // And hosting files can be left out altogether.
    site.remove("static/_headers");
    site.remove("static/_redirects");
    site.write(
        "config.toml",
        &format!("{THEME_CONFIG}\n[hosting]\nheaders = false\nredirects = false\n"),
    );
    site.build(&[]).assert_ok();
    assert!(!site.has_output("_headers") && !site.has_output("_redirects"));
}

#[test]
fn a_mistyped_csp_directive_is_an_error_with_a_suggestion() {
    let site = site_with_links_images_and_a_table(
        "\n[hosting]\ncsp = { img-scr = [\"https://maps.example.org\"] }\n",
    );
    site.build(&[])
        .assert_error("config.toml")
        .assert_error("`img-scr`")
        .assert_error("did you mean `img-src`?");
    assert!(!site.has_output("index.html"));
}
