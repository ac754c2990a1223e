//! The mailing-list form as each provider expects it, in every language, and the pages
//! providers send subscribers back to.

mod common;

use common::{Site, THEME_CONFIG};

fn site(signup: &str) -> Site {
    let site = Site::with_default_theme(&format!("{THEME_CONFIG}\n{signup}"));
    for (suffix, title) in [("", "من نحن"), (".en", "About"), (".ku", "Derbarê me de")] {
        site.write(
            &format!("content/_index{suffix}.md"),
            "+++\ntitle = \"x\"\n+++\n",
        );
        site.write(
            &format!("content/about{suffix}.md"),
            &format!("+++\ntitle = \"{title}\"\n+++\nJoin us.\n\n{{{{ signup() }}}}\n"),
        );
    }
    site
}

/// The `<form>` that the page's content holds.
fn content_form(site: &Site, page: &str) -> String {
    let html = site.output(page);
    let start = html
        .find("<form class=\"signup\"")
        .unwrap_or_else(|| panic!("{page}: no form\n{html}"));
    html[start..start + html[start..].find("</form>").unwrap()].to_string()
}

fn assert_fields(form: &str, fields: &[&str]) {
    for field in fields {
        assert!(form.contains(field), "missing {field} in\n{form}");
    }
}

#[test]
fn listmonk_in_every_language() {
    let site = site("[signup]\nprovider = \"listmonk\"\nurl = \"https://lists.example.org\"\nlists = [\"all\"]\n[signup.languages.ar]\nlists = [\"all\", \"arabic\"]\n");
    site.build(&[]).assert_ok();
    for (page, lang, lists) in [
        ("about/index.html", "", &["all", "arabic"][..]),
        ("en/about/index.html", "en/", &["all"][..]),
        ("ku/about/index.html", "ku/", &["all"][..]),
    ] {
        let form = content_form(&site, page);
        assert_fields(
            &form,
            &[
                r#"action="https://lists.example.org/subscription/form" method="post""#,
                r#"type="email" name="email" autocomplete="email" required"#,
                r#"type="text" name="name" autocomplete="name""#,
                &format!(
                    r#"<input type="hidden" name="next" value="https://example.org/{lang}signup/thanks/">"#
                ),
                r#"<div class="signup-trap" aria-hidden="true">"#,
                r#"name="nonce" value="" tabindex="-1" autocomplete="off""#,
            ],
        );
        for list in lists {
            assert!(
                form.contains(&format!(r#"<input type="hidden" name="l" value="{list}">"#)),
                "{form}"
            );
        }
        assert_eq!(form.matches(r#"name="l""#).count(), lists.len(), "{form}");
    }
    // Labels in the page's language, each tied to its field.
    assert!(content_form(&site, "about/index.html")
        .contains(r#"<label for="signup-email-content">البريد الإلكتروني</label>"#));
    assert!(content_form(&site, "en/about/index.html")
        .contains(r#"<label for="signup-email-content">E-mail address</label>"#));
    assert!(content_form(&site, "ku/about/index.html")
        .contains(r#"<label for="signup-email-content">Navnîşana e-nameyê</label>"#));
}

#[test]
fn mailchimp_buttondown_keila_and_generic_contracts() {
    let cases = [
        (
            "[signup]\nprovider = \"mailchimp\"\naction = \"https://org.us21.list-manage.com/subscribe/post?u=abc&id=def\"\n",
            &[r#"action="https://org.us21.list-manage.com/subscribe/post?u=abc&amp;id=def""#, r#"name="EMAIL""#, r#"name="FNAME""#, r#"name="b_abc_def" value="" tabindex="-1""#][..],
        ),
        (
            "[signup]\nprovider = \"buttondown\"\nusername = \"forum\"\n[signup.languages.ku]\ntag = \"kurdi\"\n",
            &[r#"action="https://buttondown.com/api/emails/embed-subscribe/forum" method="post""#, r#"type="email" name="email""#, r#"<input type="hidden" name="embed" value="1">"#][..],
        ),
        (
            "[signup]\nprovider = \"keila\"\nurl = \"https://keila.example.org\"\nform_id = \"nfrm_1\"\n",
            &[r#"action="https://keila.example.org/forms/nfrm_1""#, r#"name="contact[email]""#, r#"name="contact[first_name]""#, r#"name="h[url]" value="" tabindex="-1""#][..],
        ),
        (
            "[signup]\nprovider = \"generic\"\naction = \"https://example.org/join\"\nmethod = \"get\"\nemail_field = \"address\"\n[signup.hidden]\nsource = \"website\"\n",
            &[r#"action="https://example.org/join" method="get""#, r#"name="address""#, r#"<input type="hidden" name="source" value="website">"#][..],
        ),
    ];
    for (config, expected) in cases {
        let site = site(config);
        site.build(&[]).assert_ok();
        for page in [
            "about/index.html",
            "en/about/index.html",
            "ku/about/index.html",
        ] {
            assert_fields(&content_form(&site, page), expected);
        }
    }
    // Buttondown's tag per language.
    let site = site(cases[1].0);
    site.build(&[]).assert_ok();
    assert!(content_form(&site, "ku/about/index.html").contains(r#"name="tag" value="kurdi""#));
    assert!(!content_form(&site, "en/about/index.html").contains(r#"name="tag""#));
}

#[test]
fn thank_you_and_error_pages_in_each_language() {
    let site = site("[signup]\nprovider = \"buttondown\"\nusername = \"forum\"\nfooter = true\n");
    site.build(&[]).assert_ok();
    let thanks = site.output("signup/thanks/index.html");
    assert!(
        thanks.contains(r#"<html lang="ar" dir="rtl""#) && thanks.contains("شكرًا لاشتراككم"),
        "{thanks}"
    );
    assert!(site
        .output("en/signup/thanks/index.html")
        .contains("Thank you for subscribing"));
    assert!(site
        .output("ku/signup/error/index.html")
        .contains("Abonetî pêk nehat"));
    assert!(site
        .output("ckb/signup/thanks/index.html")
        .contains(r#"<html lang="ckb" dir="rtl""#));
    // The footer form is on every page but the result pages.
    assert!(site
        .output("en/index.html")
        .contains(r#"aria-labelledby="signup-title-footer""#));
    assert!(!thanks.contains("<form"));
    // Each result page links to its translations.
    assert!(site
        .output("en/signup/thanks/index.html")
        .contains(r#"href="../../../signup/thanks/" hreflang="ar""#));
}

#[test]
fn the_built_site_never_posts_to_the_preview() {
    let site = site("[signup]\nprovider = \"listmonk\"\nurl = \"https://lists.example.org\"\nlists = [\"all\"]\nfooter = true\n");
    site.build(&[]).assert_ok();
    let mut files = 0;
    for entry in walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .filter_map(|e| e.ok())
    {
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !bytes.windows(8).any(|w| w == b"__bayan/"),
                "{}",
                entry.path().display()
            );
            files += 1;
        }
    }
    assert!(files > 10);
}

#[test]
fn wrong_or_missing_settings_are_errors_saying_what_is_needed() {
    site("[signup]\nprovider = \"listmonk\"\nurl = \"https://lists.example.org\"\n")
        .build(&[])
        .assert_error("config.toml:")
        .assert_error("needs `lists`");
    site("[signup]\nprovider = \"mailchump\"\n")
        .build(&[])
        .assert_error("did you mean `mailchimp`");
    site("[signup]\nprovider = \"keila\"\nurl = \"https://k.org\"\n")
        .build(&[])
        .assert_error("needs `form_id`");
    site("[signup]\nprovider = \"buttondown\"\nusrname = \"x\"\n")
        .build(&[])
        .assert_error("did you mean `username`");
    // A page asking for the form on a site without one.
    let site = site("");
    site.build(&[])
        .assert_error("content/about.md:6:1")
        .assert_error("[signup]");
}

/// Every `id` of a page, failing on any said twice.
#[track_caller]
fn assert_unique_ids(doc: &scraper::Html, page: &str) {
    let mut seen = std::collections::HashSet::new();
    let any = scraper::Selector::parse("[id]").unwrap();
    for element in doc.select(&any) {
        let id = element.value().attr("id").unwrap();
        assert!(seen.insert(id.to_string()), "{page}: id {id} twice");
    }
}

/// The signup forms of a page: how many in its content, how many in its footer.
fn forms(site: &Site, page: &str) -> (usize, usize) {
    let doc = scraper::Html::parse_document(&site.output(page));
    assert_unique_ids(&doc, page);
    let count = |css: &str| doc.select(&scraper::Selector::parse(css).unwrap()).count();
    assert_eq!(
        count("form.signup"),
        count("main form.signup") + count("footer form.signup")
    );
    (count("main form.signup"), count("footer form.signup"))
}

const FOOTER_FORM: &str =
    "[signup]\nprovider = \"listmonk\"\nurl = \"https://lists.example.org\"\nlists = [\"all\"]\nfooter = true\n";

#[test]
fn a_page_that_shows_the_form_itself_has_no_second_in_its_footer() {
    let site = site(FOOTER_FORM);
    site.write("content/other.md", "+++\ntitle = \"أخرى\"\n+++\nنص.\n");
    site.build(&[]).assert_ok();
    for page in [
        "about/index.html",
        "en/about/index.html",
        "ku/about/index.html",
    ] {
        assert_eq!(forms(&site, page), (1, 0), "{page}");
    }
    // Pages without the shortcode keep the footer's.
    for page in [
        "other/index.html",
        "index.html",
        "en/index.html",
        "ku/index.html",
    ] {
        assert_eq!(forms(&site, page), (0, 1), "{page}");
    }
}

#[test]
fn a_sites_markdown_shortcode_and_a_second_call_keep_one_form_each_and_unique_ids() {
    let site = site(FOOTER_FORM);
    // The site's own shortcode, in Markdown, placing the theme's form after a line of its own.
    site.write(
        "templates/shortcodes/signup.md",
        "**{{ lang }}**\n\n<!--bayan:signup-->\n",
    );
    site.write(
        "content/twice.en.md",
        "+++\ntitle = \"Twice\"\n+++\nAbove.\n\n{{ signup() }}\n\nBelow.\n\n{{ signup() }}\n",
    );
    site.build(&[]).assert_ok();
    for page in [
        "about/index.html",
        "en/about/index.html",
        "ku/about/index.html",
    ] {
        assert_eq!(forms(&site, page), (1, 0), "{page}");
    }
    assert!(site
        .output("ku/about/index.html")
        .contains("<strong>ku</strong>"));
    // Two calls: two forms, each with ids of its own, and none in the footer.
    assert_eq!(forms(&site, "en/twice/index.html"), (2, 0));
    let html = site.output("en/twice/index.html");
    assert!(html.contains(r#"id="signup-email-content""#), "{html}");
    assert!(html.contains(r#"id="signup-email-content-2""#), "{html}");
    assert!(
        html.contains(r#"<label for="signup-email-content-2">"#),
        "{html}"
    );
}
