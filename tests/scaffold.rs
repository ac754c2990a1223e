//! `bayan init` and `bayan new`: what they write builds at once, and they never replace or
//! delete a file that is already there.

mod common;

use std::fs;
use std::path::Path;

use common::{run, snapshot};

fn build(root: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    args.extend(extra);
    run(&args)
}

#[test]
fn init_writes_a_trilingual_site_that_builds_without_a_warning() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("my-site");
    let made = run(&["init", dir.to_str().unwrap()]);
    made.assert_ok();
    assert!(
        made.stdout.contains("Created a new site"),
        "{}",
        made.stdout
    );
    assert!(made.stdout.contains("bayan serve"), "{}", made.stdout);
    for file in [
        "config.toml",
        "i18n/ar.ftl",
        "themes/bayan/templates/base.html",
        "themes/bayan/static/style.css",
        ".gitignore",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    // The theme written is the theme in this repository, byte for byte.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let theme = snapshot(&repo.join("themes/bayan"));
    assert_eq!(snapshot(&dir.join("themes/bayan")), theme);

    let built = build(&dir, &[]);
    built.assert_ok();
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    let out = dir.join("public");
    // A page of every kind, in every language.
    for kind in ["about", "report", "conference", "statement"] {
        let mut found = 0;
        for entry in walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(|e| e.ok())
        {
            if entry.file_name() == "index.html" {
                let html = fs::read_to_string(entry.path()).unwrap();
                if html.contains(&format!("kind-{kind}")) {
                    found += 1;
                }
            }
        }
        assert!(found >= 3, "{kind}: {found} pages");
    }
    for page in [
        "index.html",
        "en/index.html",
        "ku/index.html",
        "sitemap.xml",
    ] {
        assert!(out.join(page).is_file(), "{page}");
    }
}

#[test]
fn init_refuses_a_folder_with_files_and_force_replaces_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    fs::write(dir.path().join("config.toml"), "title = \"mine\"\n").unwrap();
    let before = snapshot(dir.path());
    let refused = run(&["init", dir.path().to_str().unwrap()]);
    refused
        .assert_error("not empty")
        .assert_error("notes.txt")
        .assert_error("--force");
    assert_eq!(refused.code, 1);
    assert_eq!(snapshot(dir.path()), before, "nothing was written");

    let forced = run(&["init", dir.path().to_str().unwrap(), "--force"]);
    forced.assert_ok();
    assert!(forced.stdout.contains("config.toml"), "{}", forced.stdout);
    assert_eq!(
        fs::read_to_string(dir.path().join("config.toml")).unwrap(),
        "title = \"mine\"\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(dir.path().join("content/_index.md").is_file());
}

#[test]
fn new_writes_a_draft_of_the_kind_in_every_language_that_builds() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("site");
    run(&["init", dir.to_str().unwrap()]).assert_ok();
    let root = dir.to_str().unwrap();
    let today = chrono_today();
    for (kind, path) in [
        ("report", "reports/geneva-2024"),
        ("conference", "conferences/paris-2025"),
        ("statement", "statements/closing"),
        ("about", "about/team"),
        ("page", "notes/first"),
    ] {
        let made = run(&["new", kind, path, "--root", root]);
        made.assert_ok();
        for (file, lang) in [
            ("index.md", "ar"),
            ("index.en.md", "en"),
            ("index.ku.md", "ku"),
        ] {
            let rel = format!("content/{path}/{file}");
            assert!(made.stdout.contains(&rel), "{}", made.stdout);
            let text = fs::read_to_string(dir.join(&rel)).unwrap();
            assert!(text.starts_with("+++\n"), "{rel}: {text}");
            assert!(text.contains("draft = true"), "{rel}");
            if kind != "page" {
                assert!(
                    text.contains(&format!("[{kind}]")),
                    "{rel} ({lang}): {text}"
                );
            }
            if kind != "about" {
                assert!(text.contains(&format!("date = {today}")), "{rel}: {text}");
            }
        }
    }
    // Drafts are left out of a build, and built with --drafts, without a warning.
    let built = build(&dir, &[]);
    built.assert_ok();
    assert!(!dir.join("public/reports/geneva-2024/index.html").exists());
    let built = build(&dir, &["--drafts"]);
    built.assert_ok();
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    for page in [
        "reports/geneva-2024/index.html",
        "en/reports/geneva-2024/index.html",
        "ku/conferences/paris-2025/index.html",
        "en/statements/closing/index.html",
        "about/team/index.html",
        "en/notes/first/index.html",
    ] {
        assert!(dir.join("public").join(page).is_file(), "{page}");
    }
}

#[test]
fn new_refuses_to_overwrite_and_explains_mistakes() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("site");
    run(&["init", dir.to_str().unwrap()]).assert_ok();
    let root = dir.to_str().unwrap();
    run(&["new", "report", "reports/x", "--root", root]).assert_ok();
    fs::write(dir.join("content/reports/x/index.en.md"), "my words").unwrap();
    let before = snapshot(&dir);

    let again = run(&["new", "report", "reports/x", "--root", root]);
    again.assert_error("reports/x");
    assert_ne!(again.code, 0);
    assert_eq!(snapshot(&dir), before, "nothing was replaced");

    // Mistakes on the command line exit 2, saying what would be right.
    let typo = run(&["new", "reprot", "reports/y", "--root", root]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("did you mean `report`?"),
        "{}",
        typo.stderr
    );
    for outside in ["../escape", "/tmp/escape", "reports/../../escape"] {
        let escaped = run(&["new", "page", outside, "--root", root]);
        assert_eq!(escaped.code, 2, "{outside}: {}", escaped.stderr);
    }
    assert_eq!(snapshot(&dir), before, "nothing was written");
    assert!(!parent.path().join("escape").exists());

    // A folder that is not a site: the missing config is named.
    let empty = tempfile::tempdir().unwrap();
    run(&["new", "page", "x", "--root", empty.path().to_str().unwrap()])
        .assert_error("config.toml");
    assert!(!empty.path().join("content").exists());
}

/// Today's date as `bayan new` writes it (the machine's local date).
fn chrono_today() -> String {
    let output = std::process::Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .expect("date runs");
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

/// `bayan init my-site` and `bayan new` with paths relative to where the editor is, as the
/// README shows them.
#[test]
fn init_and_new_take_folders_relative_to_where_they_run() {
    let parent = tempfile::tempdir().unwrap();
    let in_parent = |args: &[&str]| common::run_in(parent.path(), args);
    in_parent(&["init", "my-site"]).assert_ok();
    assert!(parent.path().join("my-site/config.toml").is_file());
    in_parent(&["init", "sites/second"]).assert_ok();
    assert!(parent.path().join("sites/second/config.toml").is_file());
    in_parent(&["new", "report", "reports/erbil", "--root", "my-site"]).assert_ok();
    assert!(parent
        .path()
        .join("my-site/content/reports/erbil/index.md")
        .is_file());
}
