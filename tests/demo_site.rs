//! The demo site at the repository root builds cleanly in all three languages.

mod common;

use common::{build_demo, run};
use scraper::{Html, Selector};

#[test]
fn demo_site_builds_in_arabic_english_and_kurdish() {
    let out = tempfile::tempdir().unwrap();
    let output_dir = out.path().join("public");
    let result = run(&[
        "build",
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "--output-dir",
        output_dir.to_str().unwrap(),
    ]);
    result.assert_ok();
    assert!(!result.stderr.contains("warning"), "{}", result.stderr);
    let read =
        |rel: &str| Html::parse_document(&std::fs::read_to_string(output_dir.join(rel)).unwrap());
    for (file, lang, dir, title) in [
        ("index.html", "ar", "rtl", "بيان"),
        ("en/index.html", "en", "ltr", "Bayan"),
        ("ku/index.html", "ku", "ltr", "Beyan"),
        (
            "about/liberties-forum/index.html",
            "ar",
            "rtl",
            "ملتقى الحريات",
        ),
        (
            "en/about/liberties-forum/index.html",
            "en",
            "ltr",
            "Palestinian Liberties Forum",
        ),
        (
            "ku/about/liberties-forum/index.html",
            "ku",
            "ltr",
            "Palestinian Liberties Forum",
        ),
    ] {
        let html = read(file);
        let root = html.root_element();
        assert_eq!(root.attr("lang"), Some(lang), "{file}");
        assert_eq!(root.attr("dir"), Some(dir), "{file}");
        let text: String = html.root_element().text().collect();
        assert!(text.contains(title), "{file} lacks {title}");
    }
    let about = read("about/liberties-forum/index.html");
    let switcher: Vec<&str> = about
        .select(&selector(".language-switcher a[href]"))
        .filter_map(|a| a.attr("href"))
        .collect();
    assert_eq!(
        switcher,
        [
            "../../en/about/liberties-forum/",
            "../../ku/about/liberties-forum/"
        ]
    );
    // The theme's stylesheet, under a fingerprinted name that exists in the output.
    let stylesheet = about
        .select(&selector(r#"link[rel="stylesheet"][href*="style."]"#))
        .next()
        .and_then(|l| l.attr("href"))
        .expect("a stylesheet link");
    assert!(
        stylesheet.starts_with("../../style.") && stylesheet.ends_with(".css"),
        "{stylesheet}"
    );
    assert!(output_dir
        .join("about/liberties-forum")
        .join(stylesheet)
        .is_file());
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

#[test]
fn every_demo_page_has_one_heading_landmarks_and_a_switcher() {
    let out = tempfile::tempdir().unwrap();
    build_demo(out.path());
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(out.path())
        .into_iter()
        .filter_map(|e| e.ok())
    {
        if entry.file_name() != "index.html" {
            continue;
        }
        let html = Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
        let page = entry.path().display();
        let count = |css: &str| html.select(&selector(css)).count();
        assert_eq!(count("h1"), 1, "{page}: one <h1>");
        assert_eq!(
            count(r##"a.skip-link[href="#main"]"##),
            1,
            "{page}: skip link"
        );
        for landmark in ["header", "nav", "main#main", "footer"] {
            assert!(count(landmark) >= 1, "{page}: {landmark}");
        }
        assert_eq!(count("nav.language-switcher"), 1, "{page}: switcher");
        assert_eq!(
            count(r#".language-switcher [aria-current="true"]"#),
            1,
            "{page}: current language marked"
        );
        checked += 1;
    }
    assert!(checked >= 36, "{checked} pages");
}
