//! Bad input: every problem is reported with its file and line, the exit code is 1, and the
//! previous output stays byte for byte as it was. Output folders that would hurt are refused.

mod common;

use common::{run, snapshot, Site};

/// A site that builds, with its output already written once.
fn built_site() -> Site {
    let site = Site::new();
    site.write("content/a.md", "+++\ntitle = \"أ\"\n+++\n## عنوان\n");
    site.write("content/a.en.md", "+++\ntitle = \"A\"\n+++\n## Title\n");
    site.build(&[]).assert_ok();
    site
}

/// Breaks the site with `damage`, builds, and checks the error and the untouched output.
#[track_caller]
fn assert_fails_cleanly(site: &Site, needles: &[&str]) -> String {
    let before = snapshot(&site.path("public"));
    assert!(!before.is_empty());
    let run = site.build(&[]);
    for needle in needles {
        run.assert_error(needle);
    }
    assert!(run.stderr.contains("hint:"), "no hint:\n{}", run.stderr);
    assert_eq!(
        before,
        snapshot(&site.path("public")),
        "output changed by a failed build"
    );
    run.stderr
}

#[test]
fn malformed_config_toml() {
    let site = built_site();
    let config = std::fs::read_to_string(site.path("config.toml")).unwrap();
    site.write(
        "config.toml",
        &config.replace("title = \"Test site\"", "title = \"Test site"),
    );
    assert_fails_cleanly(&site, &["config.toml:2:"]);
}

#[test]
fn unknown_config_key_suggests_the_right_one() {
    let site = built_site();
    let config = std::fs::read_to_string(site.path("config.toml")).unwrap();
    site.write("config.toml", &config.replace("base_url", "baseurl"));
    assert_fails_cleanly(&site, &["config.toml:3:1", "did you mean `base_url`"]);
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    let site = built_site();
    site.write(
        "content/b.md",
        "+++\ntitle = \"ب\"\ndescripton = \"x\"\n+++\n",
    );
    assert_fails_cleanly(
        &site,
        &[
            "content/b.md:3:1",
            "descripton",
            "did you mean `description`",
        ],
    );
}

#[test]
fn section_key_in_a_page_is_explained() {
    let site = built_site();
    site.write(
        "content/b.md",
        "+++\ntitle = \"ب\"\nsort_by = \"date\"\n+++\n",
    );
    assert_fails_cleanly(&site, &["content/b.md:3:1", "section's _index.md"]);
}

#[test]
fn invalid_date_is_located() {
    let site = built_site();
    site.write(
        "content/b.md",
        "+++\ntitle = \"ب\"\ndate = \"2023-02-30\"\n+++\n",
    );
    assert_fails_cleanly(&site, &["content/b.md:3:", "2023-02-30"]);
}

#[test]
fn a_value_of_the_wrong_kind_is_said_in_plain_words() {
    let site = built_site();
    site.write(
        "content/b.md",
        "+++\ntitle = \"ب\"\ndate = 2024-03-16\n\n[report]\nparticipants = \"ستة عشر\"\n+++\n",
    );
    let said = assert_fails_cleanly(
        &site,
        &[
            "content/b.md:6:16: error: front matter: `participants` takes a number, like 16, \
             not the text \"ستة عشر\"",
            "hint: write the number in digits, without quotes: `participants = 16`",
        ],
    );
    assert!(!said.contains("invalid type"), "{said}");
    assert!(!said.contains("u32"), "{said}");
}

#[test]
fn every_front_matter_problem_of_a_file_is_reported_at_once() {
    let site = built_site();
    site.write(
        "content/b.md",
        "+++\ntitle = \"ب\"\nweight = \"ثقيل\"\ntitel = \"x\"\n\n[report]\nparticipants = 4.5\n+++\n",
    );
    let said = assert_fails_cleanly(
        &site,
        &[
            "content/b.md:3:10: error: front matter: `weight` takes a number, like 16, not the \
             text \"ثقيل\"",
            "content/b.md:4:1: error: front matter: unknown field `titel`",
            "did you mean `title`?",
            "content/b.md:7:16: error: front matter: `participants` takes a whole number, like 16, \
             not the number 4.5",
            "hint: write a whole number, without a decimal point: `participants = 16`",
        ],
    );
    assert_eq!(said.matches("content/b.md:").count(), 3, "{said}");
    assert!(said.contains("Build failed with 3 errors"), "{said}");
}

#[test]
fn missing_template_names_the_page() {
    let site = built_site();
    site.write(
        "content/b.md",
        "+++\ntitle = \"ب\"\ntemplate = \"repport.html\"\n+++\n",
    );
    assert_fails_cleanly(
        &site,
        &[
            "content/b.md",
            "template `repport.html` does not exist",
            "page.html",
        ],
    );
}

#[test]
fn broken_internal_link_is_located() {
    let site = built_site();
    site.write(
        "content/b.md",
        "+++\ntitle = \"ب\"\n+++\nفقرة\n\nانظر [التقرير](@/reports/missing.md).\n",
    );
    assert_fails_cleanly(&site, &["content/b.md:6:", "@/reports/missing.md"]);
}

#[test]
fn link_escaping_the_site_leads_nowhere() {
    let site = built_site();
    site.write(
        "content/b.md",
        "+++\ntitle = \"ب\"\n+++\n[x](@/../../config.toml)\n",
    );
    assert_fails_cleanly(&site, &["content/b.md:4:", "leads to no page"]);
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_site_is_refused() {
    let site = built_site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.path("content/secret.txt"),
    )
    .unwrap();
    assert_fails_cleanly(&site, &["content/secret.txt", "outside the site"]);
    std::fs::remove_file(site.path("content/secret.txt")).unwrap();
    std::fs::create_dir_all(site.path("static")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("static/elsewhere")).unwrap();
    assert_fails_cleanly(&site, &["static/elsewhere", "outside the site"]);
}

#[test]
fn invalid_utf8_is_located() {
    let site = built_site();
    let mut bytes = b"+++\ntitle = \"b\"\n+++\nline\nbad \xff byte\n".to_vec();
    bytes.extend_from_slice(b"more\n");
    site.write_bytes("content/b.md", &bytes);
    assert_fails_cleanly(&site, &["content/b.md:5:5", "UTF-8"]);
}

#[test]
fn binary_file_with_md_name_is_named() {
    let site = built_site();
    site.write_bytes(
        "content/photo.md",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 0x0d, 0xff, 0xfe],
    );
    assert_fails_cleanly(&site, &["content/photo.md", "binary"]);
}

#[test]
fn huge_file_is_refused() {
    let site = built_site();
    let mut text = String::from("+++\ntitle = \"big\"\n+++\n");
    text.push_str(&"كلمة ".repeat(1_000_000));
    site.write("content/big.md", &text);
    assert_fails_cleanly(&site, &["content/big.md", "too large"]);
}

#[test]
fn empty_file_and_unclosed_front_matter() {
    let site = built_site();
    site.write("content/empty.md", "");
    site.write("content/open.md", "+++\ntitle = \"x\"\n\nbody\n");
    let stderr = assert_fails_cleanly(
        &site,
        &["content/empty.md", "content/open.md:1:1", "never closed"],
    );
    // Both problems in one report.
    assert!(
        stderr.contains("does not start with front matter"),
        "{stderr}"
    );
    assert!(stderr.contains("2 errors"), "{stderr}");
}

#[test]
fn unknown_language_suffix() {
    let site = built_site();
    site.write("content/b.fr.md", "+++\ntitle = \"B\"\n+++\n");
    assert_fails_cleanly(
        &site,
        &["content/b.fr.md", "language `fr`", "[languages.fr]"],
    );
}

#[test]
fn same_page_twice_in_one_language() {
    let site = built_site();
    site.write("content/a.ar.md", "+++\ntitle = \"أ\"\n+++\n");
    assert_fails_cleanly(&site, &["content/a.ar.md", "same page"]);
}

#[test]
fn template_syntax_error_is_located() {
    let site = built_site();
    site.write(
        "themes/t/templates/page.html",
        "<h1>{{ page.title }}</h1>\n{% if page.title %}\n<p>x</p>\n",
    );
    assert_fails_cleanly(&site, &["themes/t/templates/page.html:4:"]);
}

#[test]
fn template_runtime_error_is_located_once() {
    let site = built_site();
    site.write(
        "themes/t/templates/page.html",
        "<h1>\n{{ page.titel }}\n</h1>",
    );
    let stderr = assert_fails_cleanly(&site, &["themes/t/templates/page.html:2:4", "page.titel"]);
    // Two pages fail on the same line: reported once.
    assert_eq!(stderr.matches("page.titel").count(), 1, "{stderr}");
    assert!(stderr.contains("and 1 other pages"), "{stderr}");
}

#[test]
fn fluent_syntax_error_is_located() {
    let site = built_site();
    site.write("i18n/en.ftl", "ok = fine\nbroken = { $x\nnext = y\n");
    assert_fails_cleanly(&site, &["i18n/en.ftl:2:"]);
}

#[test]
fn missing_theme_lists_the_themes() {
    let site = built_site();
    let config = std::fs::read_to_string(site.path("config.toml")).unwrap();
    site.write(
        "config.toml",
        &config.replace("theme = \"t\"", "theme = \"bayan-dark\""),
    );
    assert_fails_cleanly(
        &site,
        &["config.toml", "theme `bayan-dark`", "themes found: t"],
    );
}

#[test]
fn all_errors_of_one_build_are_reported_together() {
    let site = built_site();
    site.write("content/x.md", "+++\ntitel = \"x\"\n+++\n");
    site.write("content/y.md", "+++\ntitle = \"y\"\n+++\n[z](@/nope.md)\n");
    site.write("content/z.md", "+++\ntitle = \"z\"\n+++\n");
    let run = site.build(&[]);
    // Loading errors stop the build before links are checked, but every loading error shows.
    run.assert_error("content/x.md:2:1");
    site.remove("content/x.md");
    site.write(
        "content/w.md",
        "+++\ntitle = \"w\"\n+++\n[q](@/also-nope.md)\n",
    );
    let run = site.build(&[]);
    run.assert_error("content/y.md:4:1")
        .assert_error("content/w.md:4:1");
}

#[test]
fn output_folders_that_would_hurt_are_refused() {
    let site = built_site();
    for bad in [
        ".",
        "..",
        "content",
        "content/sub",
        "static",
        "themes",
        "themes/t",
        "templates",
        "i18n",
    ] {
        let run = site.build(&["--output-dir", bad]);
        run.assert_error("output folder");
        assert!(
            site.path("content/a.md").exists(),
            "{bad}: content was touched"
        );
    }
    let absolute_root = site.root().to_str().unwrap().to_string();
    site.build(&["--output-dir", &absolute_root])
        .assert_error("site's own folder");
    assert!(site.path("config.toml").exists());
}

#[test]
fn a_folder_bayan_did_not_create_is_not_replaced() {
    let site = built_site();
    site.write("mine/notes.txt", "my notes");
    site.build(&["--output-dir", "mine"])
        .assert_error("did not write");
    assert_eq!(
        std::fs::read_to_string(site.path("mine/notes.txt")).unwrap(),
        "my notes"
    );
    // An empty folder is fine, and becomes Bayan's.
    std::fs::create_dir_all(site.path("empty")).unwrap();
    site.build(&["--output-dir", "empty"]).assert_ok();
    assert!(site.path("empty/.bayan-output").exists());
    site.build(&["--output-dir", "empty"]).assert_ok();
}

#[cfg(unix)]
#[test]
fn nothing_outside_the_output_folder_is_deleted() {
    let site = built_site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("keep.txt"), "keep").unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("public/link-out")).unwrap();
    site.build(&[]).assert_ok();
    assert!(
        !site.path("public/link-out").exists(),
        "stale link left in output"
    );
    assert_eq!(
        std::fs::read_to_string(outside.path().join("keep.txt")).unwrap(),
        "keep"
    );
}

#[test]
fn missing_config_and_usage_errors() {
    let empty = tempfile::tempdir().unwrap();
    let run = run(&["build", "--root", empty.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no config.toml"), "{}", run.stderr);
    assert_eq!(common::run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(common::run(&[]).code, 2);
    let version = common::run(&["--version"]);
    assert_eq!(version.code, 0);
    assert!(version.stdout.starts_with("bayan "));
    let help = common::run(&["build", "--help"]);
    assert!(help.stdout.contains("--output-dir") && help.stdout.contains("--drafts"));
}

/// Thousands of nested lists, quotes or HTML elements: an error at their line, from `build`
/// and from `check` alike, never an abort (the steps after Markdown recurse per level).
#[test]
fn deeply_nested_text_is_refused_at_its_line_not_an_abort() {
    let deep = [
        ("lists", "- ".repeat(2000) + "x"),
        ("quotes", "> ".repeat(5000) + "x"),
        (
            "elements",
            "<div>".repeat(5000) + "x" + &"</div>".repeat(5000),
        ),
    ];
    // Minifying is the step that recursed; the test sites build without it unless asked.
    let minifying = || {
        let site = built_site();
        let config = std::fs::read_to_string(site.path("config.toml")).unwrap();
        assert!(config.contains("minify = false"));
        site.write(
            "config.toml",
            &config.replace("minify = false", "minify = true"),
        );
        site
    };
    for (what, body) in deep {
        let site = minifying();
        site.write(
            "content/deep.md",
            &format!("+++\ntitle = \"{what}\"\n+++\nIntro.\n\n{body}\n"),
        );
        assert_fails_cleanly(&site, &["content/deep.md:6:", "levels deep"]);
        let check = run(&["check", "--root", site.root().to_str().unwrap()]);
        assert_eq!(check.code, 1, "{what}: {}{}", check.stdout, check.stderr);
        assert!(
            check.stdout.contains("content/deep.md:6:"),
            "{what}: {}",
            check.stdout
        );
    }
    // Deep, but within reason, still builds and is minified.
    let site = minifying();
    site.write(
        "content/deep.md",
        &format!(
            "+++\ntitle = \"deep\"\n+++\n{}x{}\n\n{}y\n",
            "<div>".repeat(90),
            "</div>".repeat(90),
            "> ".repeat(90)
        ),
    );
    site.build(&[]).assert_ok();
    assert!(
        site.output("deep/index.html")
            .matches("<blockquote")
            .count()
            >= 90
    );
}

/// A link that runs code when followed is an error at its line, in every form Markdown and
/// HTML can write it; a `data:` image and code that mentions `javascript:` are fine.
#[test]
fn links_that_run_code_are_refused_at_their_line() {
    let forms = [
        "[me](javascript:alert(1))",
        "<javascript:alert(1)>",
        "[me][x]\n\n[x]: JavaScript:alert(1)",
        "[me](data:text/html,<script>alert(1)</script>)",
        "<a href=\"java&#x09;script:alert(1)\">me</a>",
        "<a href='javascript&colon;alert(1)'>me</a>",
        "<p><img src=vbscript:alert(1)></p>",
    ];
    for form in forms {
        let site = built_site();
        site.write(
            "content/b.md",
            &format!("+++\ntitle = \"ب\"\n+++\nIntro.\n\n{form}\n"),
        );
        let stderr = assert_fails_cleanly(&site, &["content/b.md:6:"]);
        assert!(stderr.contains("would run code"), "{form}: {stderr}");
    }
    let site = built_site();
    site.write(
        "content/b.md",
        "+++\ntitle = \"ب\"\n+++\n![dot](data:image/gif;base64,R0lGODlhAQABAAAAACw=)\n\nWrite `javascript:void(0)` nowhere.\n",
    );
    site.build(&[]).assert_ok();
}

/// NUL, ESC and other control characters in a body or a title never reach the HTML.
#[test]
fn control_characters_never_reach_the_html() {
    let site = built_site();
    site.write(
        "content/b.md",
        "+++\ntitle = \"ب \\u001b ب\"\n+++\nA \u{0} nul, an \u{1b} escape and a \u{7f} delete.\n",
    );
    site.build(&["--no-minify"]).assert_ok();
    let html = site.output("b/index.html");
    assert!(html.contains("nul, an"), "{html}");
    let stray: Vec<char> = html
        .chars()
        .filter(|c| c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
        .collect();
    assert!(
        stray.is_empty(),
        "control characters in the HTML: {stray:?}"
    );
}

/// A link inside the output folder where the build writes is refused before anything is
/// written: nothing lands in the folder it points to, and the link and the output stay.
#[cfg(unix)]
#[test]
fn no_write_goes_through_a_link_in_the_output_folder() {
    let site = built_site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::remove_dir_all(site.path("public/en")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("public/en")).unwrap();
    let before = snapshot(&site.path("public"));
    let run = site.build(&[]);
    run.assert_error("public/en is a link");
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "written through the link"
    );
    assert!(std::fs::symlink_metadata(site.path("public/en"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(before, snapshot(&site.path("public")));
    // Without the link, the build writes a real folder.
    std::fs::remove_file(site.path("public/en")).unwrap();
    site.build(&[]).assert_ok();
    assert!(site.path("public/en/a/index.html").is_file());
}

/// A write that fails part way (here a page whose address is longer than a file name may be)
/// leaves the output folder as it was: the pages already written are taken back.
#[test]
fn a_write_that_fails_part_way_leaves_the_output_as_it_was() {
    let site = built_site();
    site.write("content/a.md", "+++\ntitle = \"أ\"\n+++\n## عنوان جديد\n");
    site.write(
        "content/b.md",
        &format!(
            "+++\ntitle = \"ب\"\nslug = \"{}\"\n+++\nText.\n",
            "b".repeat(300)
        ),
    );
    let before = snapshot(&site.path("public"));
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("was not changed"), "{}", run.stderr);
    assert_eq!(
        before,
        snapshot(&site.path("public")),
        "a failed write changed the output"
    );
    // Fixed, it builds, and the changed page is written.
    site.write("content/b.md", "+++\ntitle = \"ب\"\n+++\nText.\n");
    site.build(&[]).assert_ok();
    assert!(site.output("a/index.html").contains("عنوان جديد"));
}

/// Small things a hostile tester found, each now said at its place and in plain words: a
/// missing template and bad image widths at their line, a gallery outside the content, a link
/// loop called a loop, and `bayan new` through a link to elsewhere.
#[cfg(unix)]
#[test]
fn small_mistakes_are_said_where_they_are() {
    let site = built_site();
    site.write(
        "content/b.md",
        "+++\ntitle = \"ب\"\ntemplate = \"nope.html\"\n+++\n",
    );
    assert_fails_cleanly(
        &site,
        &["content/b.md:3:", "template `nope.html` does not exist"],
    );
    site.remove("content/b.md");

    let config = std::fs::read_to_string(site.path("config.toml")).unwrap();
    site.write(
        "config.toml",
        &format!("{config}\n[images]\nwidths = [0]\n"),
    );
    let line = config.lines().count() + 3;
    assert_fails_cleanly(
        &site,
        &[&format!("config.toml:{line}:"), "between 16 and 8000"],
    );
    site.write("config.toml", &config);

    site.write(
        "content/g/index.md",
        "+++\ntitle = \"ج\"\ngallery = \"../../../etc\"\n+++\n",
    );
    assert_fails_cleanly(&site, &["leads outside the site's content"]);
    site.remove("content/g/index.md");

    std::os::unix::fs::symlink(site.path("content/loop-b"), site.path("content/loop-a")).unwrap();
    std::os::unix::fs::symlink(site.path("content/loop-a"), site.path("content/loop-b")).unwrap();
    assert_fails_cleanly(&site, &["content/loop-a", "leads to itself"]);
    site.remove("content/loop-a");
    site.remove("content/loop-b");
    site.build(&[]).assert_ok();

    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("content/linkdir")).unwrap();
    let run = run(&[
        "new",
        "page",
        "linkdir/x",
        "--root",
        site.root().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("outside the site"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}
