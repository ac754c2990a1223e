//! The demo site at the repository root builds cleanly in all three languages.

mod common;

use common::run;

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
    let read = |rel: &str| std::fs::read_to_string(output_dir.join(rel)).unwrap();
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
        assert!(
            html.contains(&format!(r#"<html lang="{lang}" dir="{dir}""#)),
            "{file}"
        );
        assert!(html.contains(title), "{file} lacks {title}");
    }
    let about = read("about/liberties-forum/index.html");
    assert!(
        about.contains(r#"href="../../en/about/liberties-forum/""#),
        "{about}"
    );
    assert!(about.contains(r#"href="../../ku/about/liberties-forum/""#));
    assert!(about.contains(r#"href="../../style.css""#));
    assert!(output_dir.join("style.css").is_file());
}

#[test]
fn every_demo_page_has_one_heading_landmarks_and_a_switcher() {
    let out = tempfile::tempdir().unwrap();
    run(&[
        "build",
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "--output-dir",
        out.path().to_str().unwrap(),
    ])
    .assert_ok();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(out.path())
        .into_iter()
        .filter_map(|e| e.ok())
    {
        if entry.file_name() != "index.html" {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let page = entry.path().display();
        assert_eq!(html.matches("<h1").count(), 1, "{page}: one <h1>");
        assert!(
            html.contains(r##"<a class="skip-link" href="#main">"##),
            "{page}: skip link"
        );
        for landmark in ["<header", "<nav", "<main id=\"main\"", "<footer"] {
            assert!(html.contains(landmark), "{page}: {landmark}");
        }
        assert!(
            html.contains(r#"class="language-switcher""#),
            "{page}: switcher"
        );
        assert!(
            html.contains(r#"aria-current="true""#),
            "{page}: current language marked"
        );
        checked += 1;
    }
    assert!(checked >= 36, "{checked} pages");
}
