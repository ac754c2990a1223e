//! Atom feeds: one per language (`/atom.xml`, `/en/atom.xml`), one per section that asks for
//! it (`feed = true`) and one per term of a taxonomy that asks (`/tags/gaza/atom.xml`), newest
//! first, with absolute links so feed readers can follow them.

use std::fmt::Write as _;

use crate::config::settings::FeedSettings;
use crate::config::Language;
use crate::content::front_matter::Date;
use crate::markdown::Rendered;
use crate::site::Site;
use serde_json::{json, Value};

/// How many entries a feed lists.
pub const ENTRIES: usize = 20;

/// Text for the feed: escaped, without the characters XML forbids (controls but tab, newline
/// and carriage return; U+FFFE and U+FFFF), which a title can carry in from its front matter.
fn escape(text: &str) -> String {
    let forbidden = |c: char| {
        crate::markdown::is_stray_control(c) || matches!(c, '\x0c' | '\u{FFFE}' | '\u{FFFF}')
    };
    if text.contains(forbidden) {
        crate::html::escape_html(&text.replace(forbidden, ""))
    } else {
        crate::html::escape_html(text)
    }
}

/// RFC 3339, as Atom requires; a date known only to its year stands for its first day.
fn timestamp(date: &Date) -> String {
    if date.is_year_only() {
        return format!("{:04}-01-01T00:00:00Z", date.year);
    }
    match date.iso.len() {
        10 => format!("{}T00:00:00Z", date.iso),
        _ if date.iso.ends_with('Z') || date.iso[10..].contains(['+', '-']) => date.iso.clone(),
        _ => format!("{}Z", date.iso),
    }
}

/// Site-relative addresses in `html` made absolute: a feed is read away from the site.
fn absolute_links(html: &str, base_url: &str, base_path: &str) -> String {
    let origin = base_url.trim_end_matches('/');
    let origin = origin
        .strip_suffix(base_path.trim_end_matches('/'))
        .unwrap_or(origin);
    html.replace(
        &format!("href=\"{base_path}"),
        &format!("href=\"{origin}{base_path}"),
    )
    .replace(
        &format!("src=\"{base_path}"),
        &format!("src=\"{origin}{base_path}"),
    )
}

/// One feed to write: the list page it follows and the pages it may hold.
struct FeedOf<'a> {
    /// Site-relative path of the list page; the feed is `atom.xml` in it.
    list_path: &'a str,
    title: String,
    subtitle: Option<&'a str>,
    language: &'a Language,
    pages: Vec<usize>,
    /// What the list is, for a site's own feed template (Zola's `section` or `term`).
    list: List<'a>,
}

#[derive(Clone, Copy)]
enum List<'a> {
    Language,
    Section(&'a crate::site::Section),
    Term(
        &'a crate::site::taxonomies::Taxonomy,
        &'a crate::site::taxonomies::Term,
    ),
}

/// The feeds of the site: one per language, one per section that asks (`feed = true`), one
/// per term of a taxonomy that asks.
fn wanted(site: &Site) -> Vec<FeedOf<'_>> {
    let config = &site.config;
    let mut wanted = Vec::new();
    for section in &site.sections {
        let whole_language = section.dir.is_empty();
        if !(whole_language || section.front.feed) || section.fallback_of.is_some() {
            continue;
        }
        let language = config.language_of(&section.lang);
        wanted.push(FeedOf {
            list_path: &section.path,
            title: if whole_language {
                language.title.clone()
            } else {
                titled(&section.front.title, &language.title)
            },
            subtitle: (section.front.description.as_deref())
                .or(Some(&language.description))
                .filter(|d| !d.is_empty()),
            language,
            pages: if whole_language {
                (0..site.pages.len())
                    .filter(|&i| site.pages[i].lang == section.lang)
                    .collect()
            } else {
                section.pages.clone()
            },
            list: match whole_language {
                true => List::Language,
                false => List::Section(section),
            },
        });
    }
    for taxonomy in site
        .taxonomies
        .iter()
        .filter(|t| t.render && t.settings.feed)
    {
        let language = config.language_of(&taxonomy.lang);
        wanted.extend(taxonomy.terms.iter().map(|term| FeedOf {
            list_path: &term.path,
            title: titled(&term.name, &language.title),
            subtitle: Some(language.description.as_str()).filter(|d| !d.is_empty()),
            language,
            pages: term.pages.clone(),
            list: List::Term(taxonomy, term),
        }));
    }
    wanted
}

/// The feed files of the site: (path in the output, XML).
pub fn feeds(site: &Site, rendered: &[Rendered], settings: &FeedSettings) -> Vec<(String, String)> {
    wanted(site)
        .into_iter()
        .map(|feed| write_feed(site, feed, rendered, settings))
        .collect()
}

/// What a site's own `atom.xml` template sees of each feed, as Zola names it: `feed_url`,
/// `last_updated`, `lang`, `pages` (with their `content`, links made absolute, and
/// `summary`), and `section` or `taxonomy` and `term` for a section's or term's feed.
pub fn template_contexts(
    site: &Site,
    rendered: &[Rendered],
) -> Vec<(String, Vec<(&'static str, Value)>)> {
    let config = &site.config;
    let base_path = config.base_path();
    wanted(site)
        .into_iter()
        .map(|feed| {
            let (path, pages, updated) = entries(site, &feed);
            let page_values: Vec<Value> = (pages.iter())
                .map(|&i| {
                    let page = &site.pages[i];
                    let html = absolute_links(&rendered[i].html, &config.base_url, &base_path);
                    let summary = html.find("<!-- more -->").map(|end| html[..end].to_string());
                    json!({
                        "title": page.front.title,
                        "description": page.front.description,
                        "date": page.front.date,
                        "updated": page.front.updated,
                        "permalink": config.permalink(&page.path),
                        "path": page.path,
                        "lang": page.lang.as_str(),
                        "authors": page.front.authors,
                        "taxonomies": page.front.taxonomies,
                        "extra": crate::config::table_to_json(&page.front.extra),
                        "summary": summary,
                        "content": html,
                    })
                })
                .collect();
            let mut context = vec![
                ("feed_url", Value::String(config.permalink(&path))),
                ("last_updated", Value::String(updated)),
                ("lang", Value::String(feed.language.code.clone())),
                ("pages", Value::Array(page_values)),
            ];
            let list = |title: &str, path: &str, description: Option<&str>| {
                json!({"title": title, "permalink": config.permalink(path), "path": path, "description": description})
            };
            match feed.list {
                List::Language => {}
                List::Section(section) => context.push((
                    "section",
                    list(&section.front.title, &section.path, section.front.description.as_deref()),
                )),
                List::Term(taxonomy, term) => {
                    context.push(("taxonomy", json!({"name": taxonomy.settings.name})));
                    let mut value = list(&term.name, &term.path, None);
                    value["name"] = Value::String(term.name.clone());
                    value["slug"] = Value::String(term.slug.clone());
                    context.push(("term", value));
                }
            }
            (path.trim_start_matches('/').to_string(), context)
        })
        .collect()
}

/// A feed's path, its entries (pages with a date, newest first, [`ENTRIES`] at most) and
/// when it last changed.
fn entries(site: &Site, feed: &FeedOf) -> (String, Vec<usize>, String) {
    let mut pages = feed.pages.clone();
    // `render = false` has no page to read; a fallback copy is not news in its language: its
    // original is in its own feed.
    pages.retain(|&i| {
        let page = &site.pages[i];
        page.front.date.is_some() && page.front.renders() && page.fallback_of.is_none()
    });
    pages.sort_by(|&a, &b| {
        when(site, b)
            .cmp(&when(site, a))
            .then(site.pages[a].key.cmp(&site.pages[b].key))
    });
    pages.truncate(ENTRIES);
    let updated = pages
        .iter()
        .filter_map(|&i| when(site, i))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| timestamp(&d));
    (format!("{}atom.xml", feed.list_path), pages, updated)
}

/// When a page last changed: its `updated`, else its `date`.
fn when(site: &Site, i: usize) -> Option<Date> {
    let front = &site.pages[i].front;
    front.updated.clone().or_else(|| front.date.clone())
}

/// The Atom XML of one feed.
fn write_feed(
    site: &Site,
    feed: FeedOf,
    rendered: &[Rendered],
    settings: &FeedSettings,
) -> (String, String) {
    let config = &site.config;
    let base_path = config.base_path();
    let (path, pages, updated) = entries(site, &feed);
    let self_url = config.permalink(&path);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(&feed.language.code)
    );
    let _ = writeln!(xml, "  <title>{}</title>", escape(&feed.title));
    if let Some(subtitle) = feed.subtitle {
        let _ = writeln!(xml, "  <subtitle>{}</subtitle>", escape(subtitle));
    }
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&self_url)
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&config.permalink(feed.list_path))
    );
    let _ = writeln!(
        xml,
        "  <id>{}</id>\n  <updated>{updated}</updated>",
        escape(&self_url)
    );
    let _ = writeln!(xml, "  <generator>Bayan</generator>");
    for &i in &pages {
        let page = &site.pages[i];
        let link = config.permalink(&page.path);
        let published = page.front.date.as_ref().map(timestamp).unwrap_or_default();
        let changed = when(site, i).map(|d| timestamp(&d)).unwrap_or_default();
        let _ = writeln!(
            xml,
            "  <entry>\n    <title>{}</title>",
            escape(&page.front.title)
        );
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&link)
        );
        let _ = writeln!(xml, "    <id>{}</id>\n    <published>{published}</published>\n    <updated>{changed}</updated>", escape(&link));
        // Atom names who wrote an entry; the page's `authors`, as Zola's feeds give them.
        for author in &page.front.authors {
            let _ = writeln!(xml, "    <author><name>{}</name></author>", escape(author));
        }
        if let Some(description) = &page.front.description {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape(description));
        }
        if settings.full_content {
            let html = absolute_links(&rendered[i].html, &config.base_url, &base_path);
            let _ = writeln!(
                xml,
                "    <content type=\"html\">{}</content>",
                escape(&html)
            );
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    (path.trim_start_matches('/').to_string(), xml)
}

/// A list's feed title: the list's name, then the site's, when the site has one.
fn titled(list: &str, site: &str) -> String {
    match site.is_empty() {
        true => list.to_string(),
        false => format!("{list} · {site}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_and_absolute_links() {
        assert_eq!(
            timestamp(&Date::parse("2023-06-05").unwrap()),
            "2023-06-05T00:00:00Z"
        );
        assert_eq!(
            timestamp(&Date::parse("2022").unwrap()),
            "2022-01-01T00:00:00Z"
        );
        assert_eq!(
            timestamp(&Date::parse("2023-06-05T10:00:00").unwrap()),
            "2023-06-05T10:00:00Z"
        );
        assert_eq!(
            timestamp(&Date::parse("2023-06-05T10:00:00+03:00").unwrap()),
            "2023-06-05T10:00:00+03:00"
        );
        assert_eq!(
            absolute_links(
                r#"<a href="/org/en/x/">x</a><img src="/org/a.png"><a href="https://e.org/">e</a>"#,
                "https://example.org/org",
                "/org/"
            ),
            r#"<a href="https://example.org/org/en/x/">x</a><img src="https://example.org/org/a.png"><a href="https://e.org/">e</a>"#
        );
    }
}
