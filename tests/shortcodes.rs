//! Zola's shortcodes: the default theme's (`figure`, `video`, `signup`, `quote`, `note`) in
//! every language, a site's own in HTML and Markdown with every kind of argument, escapes,
//! calls inside lists and quotes, and errors at the call's `file:line:col`.

mod common;

use common::{photos::encode_jpeg, Site, THEME_CONFIG};
use scraper::{Html, Selector};

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text_of(element: &scraper::ElementRef) -> String {
    element.text().collect::<String>().trim().to_string()
}

/// The article of a built page, as a document.
fn body_of(site: &Site, page: &str) -> Html {
    Html::parse_document(&site.output(page))
}

const SIGNUP: &str = "[signup]\nprovider = \"buttondown\"\nusername = \"forum\"\n";

/// A page using every shortcode of the default theme, in `lang`.
fn theme_page(title: &str, author: &str) -> String {
    format!(
        r#"+++
title = "{title}"
+++
Intro.

{{{{ figure(src="square.jpg", alt="A square", caption="The square", credit="Photo: Rana") }}}}

{{% quote(author="{author}", source="Closing statement", cite="https://example.org/s") %}}
We *will* meet again.
{{% end %}}

{{% note() %}}
The full text is [on its page](@/about.md).
{{% end %}}

{{{{ video(src="talk.webm", title="The talk") }}}}

{{{{ signup() }}}}
"#
    )
}

#[test]
fn the_default_theme_shortcodes_speak_every_language() {
    let site = Site::with_default_theme(&format!("{THEME_CONFIG}\n{SIGNUP}"));
    let square = encode_jpeg(&image::RgbImage::from_pixel(
        800,
        600,
        image::Rgb([20, 120, 90]),
    ));
    for (suffix, title, author) in [
        ("", "صفحة", "رنا"),
        (".en", "Page", "Rana"),
        (".ku", "Rûpel", "Rana"),
    ] {
        site.write(
            &format!("content/_index{suffix}.md"),
            "+++\ntitle = \"x\"\n+++\n",
        );
        site.write(
            &format!("content/about{suffix}.md"),
            "+++\ntitle = \"a\"\n+++\n",
        );
        site.write(
            &format!("content/event/index{suffix}.md"),
            &theme_page(title, author),
        );
    }
    site.write_bytes("content/event/square.jpg", &square);
    site.write_bytes(
        "content/event/talk.webm",
        b"\x1a\x45\xdf\xa3 not really a video",
    );
    site.build(&[]).assert_ok();

    for (page, note_title, separator, about) in [
        ("event/index.html", "ملاحظة", "، ", "../about/"),
        ("en/event/index.html", "Note", ", ", "../about/"),
        ("ku/event/index.html", "Têbînî", ", ", "../about/"),
    ] {
        let html = site.output(page);
        assert!(
            !html.contains("{{") && !html.contains("{%"),
            "{page}: shortcode syntax left\n{html}"
        );
        let doc = Html::parse_document(&html);

        let figure = &select(&doc, "figure.figure")[0];
        assert!(
            figure
                .select(&Selector::parse("picture img[alt='A square']").unwrap())
                .next()
                .is_some(),
            "{page}: the photo is a responsive picture\n{}",
            figure.html()
        );
        let caption = &select(&doc, "figure.figure figcaption")[0];
        assert_eq!(text_of(caption), "The square Photo: Rana", "{page}");

        let quote = &select(&doc, "figure.quote")[0];
        let blockquote = &select(
            &doc,
            "figure.quote blockquote[cite='https://example.org/s']",
        )[0];
        assert_eq!(
            blockquote.inner_html().matches("<em>will</em>").count(),
            1,
            "{page}: the body is Markdown\n{}",
            quote.html()
        );
        let by = text_of(&select(&doc, "figure.quote figcaption")[0]);
        assert!(
            by.contains(separator) && by.ends_with("Closing statement"),
            "{page}: {by}"
        );
        assert_eq!(select(&doc, "figure.quote figcaption cite").len(), 1);

        let note = &select(&doc, "div.note[role='note']")[0];
        assert_eq!(text_of(&select(&doc, ".note .note-title")[0]), note_title);
        let link = &select(&doc, ".note a")[0];
        assert_eq!(
            link.value().attr("href"),
            Some(about),
            "{page}: @/ links resolve in a note"
        );
        assert_eq!(
            select(&doc, ".note > p").len(),
            2,
            "{page}: the title and the body's paragraph\n{}",
            note.html()
        );

        let video = &select(&doc, "figure.video video[preload='none']")[0];
        assert_eq!(video.value().attr("src"), Some("talk.webm"));
        assert_eq!(
            text_of(&select(&doc, "figure.video figcaption")[0]),
            "The talk"
        );

        assert_eq!(
            select(
                &doc,
                "main form.signup, .body form.signup, article form.signup"
            )
            .len()
            .min(1),
            1,
            "{page}: the signup form stands where the call was"
        );
        // Blocks are not wrapped in paragraphs.
        assert!(
            select(&doc, "p > figure, p > div.note, p > form").is_empty(),
            "{page}"
        );
    }
}

/// A site of the tiny test theme with shortcodes of its own.
fn own_site() -> Site {
    let site = Site::new();
    site.write(
        "templates/shortcodes/box.html",
        r#"<div class="box" data-nth="{{ nth }}" data-lang="{{ lang }}" data-page="{{ page.title }}" data-site="{{ config.title }}" data-s="{{ s }}" data-i="{{ i + 1 }}" data-f="{{ f * 2 }}" data-b="{{ b }}" data-list="{{ list | join(sep='|') }}">{% if body %}{{ body }}{% endif %}</div>"#,
    );
    site.write("templates/shortcodes/shout.md", "**{{ text | upper }}**");
    site.write(
        "templates/shortcodes/outer.md",
        "<section class=\"outer\">\n\n{{ body }}\n\n</section>",
    );
    site
}

#[test]
fn a_sites_own_shortcodes_get_arguments_body_nth_lang_page_and_config() {
    let site = own_site();
    site.write(
        "content/p.md",
        r#"+++
title = "صفحة"
+++
{{ box(s="one", i=41, f=1.5, b=true, list=["a", 'b', `c`]) }}

{% box(s='two', i=0, f=0.5, b=false,
       list=[]) %}inside{% end %}

- a list item with {{ shout(text="loud") }} in it
> a quote with {{ shout(text="louder") }}

{% outer() %}
Nested {{ shout(text="inner") }} and {{ box(s="in", i=1, f=1.0, b=true, list=[]) }}.
{% end %}

Written as text: {{/* box(s="x") */}} and {%/* outer() */%}body{%/* end */%}

```
{{/* shout(text="in code") */}}
```
"#,
    );
    site.build(&[]).assert_ok();
    let html = site.output("p/index.html");
    let doc = Html::parse_document(&html);
    let boxes = select(&doc, "div.box");
    assert_eq!(boxes.len(), 3, "{html}");
    let attrs = |i: usize, name: &str| boxes[i].value().attr(name).unwrap().to_string();
    assert_eq!(
        ["nth", "lang", "page", "site", "s", "i", "f", "b", "list"]
            .map(|a| attrs(0, &format!("data-{a}"))),
        [
            "1",
            "ar",
            "صفحة",
            "Test site",
            "one",
            "42",
            "3",
            "true",
            "a|b|c"
        ]
    );
    assert_eq!(attrs(1, "data-nth"), "2");
    assert_eq!(attrs(1, "data-b"), "false");
    assert_eq!(text_of(&boxes[1]), "inside");
    assert_eq!(
        select(&doc, "li strong")
            .iter()
            .map(text_of)
            .collect::<Vec<_>>(),
        ["LOUD"]
    );
    assert_eq!(
        select(&doc, "blockquote strong")
            .iter()
            .map(text_of)
            .collect::<Vec<_>>(),
        ["LOUDER"]
    );
    assert_eq!(text_of(&select(&doc, "section.outer strong")[0]), "INNER");
    assert_eq!(select(&doc, "section.outer div.box").len(), 1, "{html}");
    assert!(
        html.contains("Written as text: {{ box(s=\"x\") }} and {% outer() %}body{% end %}"),
        "{html}"
    );
    assert!(
        html.contains("{{ shout(text=&quot;in code&quot;) }}")
            || html.contains("{{ shout(text=\"in code\") }}"),
        "{html}"
    );
}

#[test]
fn the_sites_shortcode_wins_over_the_themes() {
    let site = Site::with_default_theme(THEME_CONFIG);
    site.write(
        "templates/shortcodes/note.html",
        "<p class=\"mine\">{{ body }}</p>",
    );
    site.write(
        "content/_index.md",
        "+++\ntitle = \"x\"\n+++\n{% note() %}Mine{% end %}\n",
    );
    site.build(&[]).assert_ok();
    let doc = body_of(&site, "index.html");
    assert_eq!(text_of(&select(&doc, "p.mine")[0]), "Mine");
    assert!(select(&doc, "div.note").is_empty());
}

#[test]
fn an_unknown_shortcode_is_an_error_at_its_place_listing_those_that_exist() {
    let site = own_site();
    site.build(&[]).assert_ok();
    let before = common::snapshot(&site.path("public"));
    site.write(
        "content/p.md",
        "+++\ntitle = \"x\"\n+++\nText.\n\nSee {{ youtube(id=\"abc\") }} here.\n",
    );
    let result = site.build(&[]);
    result.assert_error("content/p.md:6:5: error: there is no shortcode `youtube`");
    result.assert_error("the shortcodes of this site are: box, outer, shout");
    assert!(
        before == common::snapshot(&site.path("public")),
        "the output folder changed"
    );

    site.write(
        "content/p.md",
        "+++\ntitle = \"x\"\n+++\n{{ shot(text=\"x\") }}\n",
    );
    site.build(&[]).assert_error("did you mean `shout`?");
}

#[test]
fn an_unclosed_block_and_a_failing_template_are_errors_at_the_call() {
    let site = own_site();
    site.write(
        "content/p.md",
        "+++\ntitle = \"x\"\n+++\nText.\n\n  {% outer() %}\nNever closed.\n",
    );
    site.build(&[])
        .assert_error("content/p.md:6:3: error: the shortcode `outer` is never closed")
        .assert_error("{% end %}");

    let site = Site::with_default_theme(THEME_CONFIG);
    site.write(
        "content/_index.md",
        "+++\ntitle = \"x\"\n+++\nText.\n\n{{ figure(src=\"a.jpg\") }}\n",
    );
    site.build(&[])
        .assert_error("content/_index.md:6:1: error: the shortcode `figure` failed")
        .assert_error("alt=");
}

#[test]
fn problems_after_a_shortcode_point_at_their_own_line() {
    let site = own_site();
    site.write(
        "content/p.md",
        "+++\ntitle = \"x\"\n+++\n{% outer() %}\nOne.\n\nTwo.\n{% end %}\n\n{{ shout(text=\"a\") }} and [a link](@/missing.md)\n",
    );
    site.build(&[]).assert_error("content/p.md:10:27: error:");
}

#[test]
fn something_like_a_call_that_is_not_one_is_published_as_written_with_a_warning() {
    let site = own_site();
    site.write(
        "content/p.md",
        "+++\ntitle = \"x\"\n+++\nTera writes {{ page.title }} and {% if x %}.\n\nA slip: {{ box(one) }}.\n",
    );
    let result = site.build(&[]);
    result.assert_ok();
    let said = format!("{}{}", result.stdout, result.stderr);
    assert!(
        said.contains(
            "content/p.md:6:9: warning: this looks like a shortcode but is published as written"
        ),
        "{said}"
    );
    assert_eq!(said.matches("warning:").count(), 1, "{said}");
    let html = site.output("p/index.html");
    assert!(
        html.contains("{{ page.title }}") && html.contains("{{ box(one) }}"),
        "{html}"
    );
}

#[test]
fn the_preview_renders_a_page_again_when_its_shortcode_changes() {
    let site = own_site();
    site.write(
        "content/p.md",
        "+++\ntitle = \"x\"\n+++\n{{ shout(text=\"first\") }}\n",
    );
    site.write("content/q.md", "+++\ntitle = \"y\"\n+++\nNo shortcode.\n");
    let preview = common::preview::Preview::start(site.root());
    preview.wait_for("/p/", "the shortcode's output", |r| {
        r.text().contains("<strong>FIRST</strong>")
    });
    // Only the template changes: the page's own file is as it was.
    site.write("templates/shortcodes/shout.md", "*{{ text | lower }}*");
    preview.wait_for("/p/", "the changed shortcode's output", |r| {
        r.text().contains("<em>first</em>")
    });
    assert!(preview.get("/q/").text().contains("No shortcode."));
}
