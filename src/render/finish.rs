//! HTML after templating, rewritten in one lol_html pass, then minified:
//! - site URLs made relative to each page, so the output works from any folder of any host
//!   and when opened straight from disk;
//! - theme assets (`style.css`) pointed at their fingerprinted copies (`style.3f2a1b9c.css`),
//!   which hosts may cache forever;
//! - links to other hosts given `rel="noopener"` (and `noreferrer`/`nofollow` if configured);
//! - images without `loading` loaded lazily;
//! - tables wrapped in a focusable region that scrolls sideways on a phone.

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use lol_html::html_content::ContentType;
use lol_html::{element, end_tag, rewrite_str, RewriteStrSettings};
use xxhash_rust::xxh3::xxh3_64;

/// Attributes that hold a URL, by element (also what `bayan check` follows).
pub const URL_ATTRIBUTES: &[(&str, &str)] = &[
    ("a[href]", "href"),
    ("area[href]", "href"),
    ("link[href]", "href"),
    ("img[src]", "src"),
    ("script[src]", "src"),
    ("source[src]", "src"),
    ("video[src]", "src"),
    ("video[poster]", "poster"),
    ("audio[src]", "src"),
    ("track[src]", "src"),
    ("iframe[src]", "src"),
    ("form[action]", "action"),
];

const SRCSET_SELECTORS: &[&str] = &["img[srcset]", "source[srcset]"];

/// The class of the element that lets a wide table scroll on its own.
pub const TABLE_SCROLL_CLASS: &str = "table-scroll";

/// File types that get a fingerprinted copy: what pages load as part of the theme, not
/// documents that people link to from elsewhere (a renamed PDF would break those links).
const FINGERPRINTED_EXTENSIONS: &[&str] = &["css", "js", "mjs", "woff", "woff2"];

/// Fingerprinted names of static assets, by site path (`/org/style.css` →
/// `/org/style.3f2a1b9c.css`).
#[derive(Debug, Default, Clone)]
pub struct AssetNames(HashMap<String, String>);

impl AssetNames {
    /// Whether a file at `rel_path` (inside the output folder) gets a fingerprinted copy.
    pub fn wants_fingerprint(rel_path: &str) -> bool {
        rel_path
            .rsplit_once('.')
            .is_some_and(|(_, ext)| FINGERPRINTED_EXTENSIONS.contains(&ext))
    }

    /// Records the asset at `rel_path` (inside the output folder, `style.css`) with these
    /// bytes, and returns the path of its fingerprinted copy (`style.3f2a1b9c.css`).
    pub fn add(&mut self, base_path: &str, rel_path: &str, bytes: &[u8]) -> String {
        let fingerprinted = fingerprinted_path(rel_path, bytes);
        self.0.insert(
            format!("{base_path}{rel_path}"),
            format!("{base_path}{fingerprinted}"),
        );
        fingerprinted
    }

    /// Records that the asset at `rel_path` is published at `published` (both inside the output
    /// folder): for assets whose bytes are known only after the pages are rendered.
    pub fn set(&mut self, base_path: &str, rel_path: &str, published: &str) {
        self.0.insert(
            format!("{base_path}{rel_path}"),
            format!("{base_path}{published}"),
        );
    }

    /// The fingerprinted form of a site URL, keeping its query and fragment.
    pub fn get(&self, url: &str) -> Option<String> {
        if self.0.is_empty() {
            return None;
        }
        let split_at = url.find(['?', '#']).unwrap_or(url.len());
        let (path, suffix) = url.split_at(split_at);
        self.0.get(path).map(|new| format!("{new}{suffix}"))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every fingerprinted site path, for the hosts' cache rules.
    pub fn fingerprinted(&self) -> impl Iterator<Item = &str> {
        self.0.values().map(String::as_str)
    }
}

/// `css/style.css` with these bytes → `css/style.3f2a1b9c.css`.
pub fn fingerprinted_path(rel_path: &str, bytes: &[u8]) -> String {
    let hash = format!("{:016x}", xxh3_64(bytes));
    let hash = &hash[..8];
    let (dir, name) = rel_path
        .rsplit_once('/')
        .map_or(("", rel_path), |(d, n)| (d, n));
    let name = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{hash}.{ext}"),
        _ => format!("{name}.{hash}"),
    };
    if dir.is_empty() {
        name
    } else {
        format!("{dir}/{name}")
    }
}

/// The finishing pass of one page: rewrite its links and images, then minify it if asked.
pub fn finish_page(html: &str, settings: &Rewrite, minify_html: bool) -> Result<String, String> {
    let html = rewrite(html, settings)?;
    let html = if minify_html { minify(&html) } else { html };
    // A control character from a title or a template (a body's are gone already) would make
    // the page invalid: it never reaches a reader.
    Ok(match crate::markdown::without_control_characters(&html) {
        std::borrow::Cow::Borrowed(_) => html,
        std::borrow::Cow::Owned(clean) => clean,
    })
}

/// What the rewrite of one page needs to know.
pub struct Rewrite<'a> {
    /// The path part of the site's address, with slashes at both ends (`/` or `/org/`).
    pub base_path: &'a str,
    /// The site path of the folder the page is written in (`/en/about/`), to make URLs
    /// relative to; `None` keeps them root-relative (the preview, and not-found pages, which
    /// hosts serve at any address).
    pub page_dir: Option<&'a str>,
    /// The site's scheme and host (`https://example.org`), to tell its own links from others.
    pub origin: &'a str,
    pub assets: &'a AssetNames,
    /// What `rel` says on links to other hosts (`noopener`, maybe `noreferrer nofollow`).
    pub external_rel: &'a str,
    /// The accessible name of a table's scrolling region, in the page's language.
    pub table_label: &'a str,
}

/// Rewrites one page's HTML as the module documentation says.
pub fn rewrite(html: &str, settings: &Rewrite) -> Result<String, String> {
    let base_path = settings.base_path;
    let rewrite_url = move |value: &str| -> Option<String> {
        let fingerprinted = settings.assets.get(value);
        let value = fingerprinted.as_deref().unwrap_or(value);
        match settings.page_dir {
            Some(page_dir) if value.starts_with(base_path) && !value.starts_with("//") => {
                Some(relative_url(
                    &value[base_path.len() - 1..],
                    &page_dir[base_path.len() - 1..],
                ))
            }
            _ => fingerprinted.clone(),
        }
    };
    let mut handlers = Vec::new();
    for (selector, attribute) in URL_ATTRIBUTES {
        handlers.push(element!(*selector, move |el| {
            if let Some(new) = el.get_attribute(attribute).as_deref().and_then(rewrite_url) {
                el.set_attribute(attribute, &new)?;
            }
            Ok(())
        }));
    }
    for selector in SRCSET_SELECTORS {
        handlers.push(element!(*selector, move |el| {
            if let Some(srcset) = el.get_attribute("srcset") {
                let rewritten: Vec<String> = srcset
                    .split(',')
                    .map(|candidate| {
                        let candidate = candidate.trim();
                        let (url, descriptor) =
                            candidate.split_once(' ').unwrap_or((candidate, ""));
                        let url = rewrite_url(url).unwrap_or_else(|| url.to_string());
                        if descriptor.is_empty() {
                            url
                        } else {
                            format!("{url} {descriptor}")
                        }
                    })
                    .collect();
                el.set_attribute("srcset", &rewritten.join(", "))?;
            }
            Ok(())
        }));
    }
    handlers.push(element!("a[href]", |el| {
        let href = el.get_attribute("href").unwrap_or_default();
        if is_external(&href, settings.origin) {
            let mut rel = el.get_attribute("rel").unwrap_or_default();
            for token in settings.external_rel.split_whitespace() {
                if !rel
                    .split_whitespace()
                    .any(|t| t.eq_ignore_ascii_case(token))
                {
                    if !rel.is_empty() {
                        rel.push(' ');
                    }
                    rel.push_str(token);
                }
            }
            el.set_attribute("rel", &rel)?;
        }
        Ok(())
    }));
    handlers.push(element!("img", |el| {
        if !el.has_attribute("loading") {
            el.set_attribute("loading", "lazy")?;
        }
        if !el.has_attribute("decoding") {
            el.set_attribute("decoding", "async")?;
        }
        Ok(())
    }));
    // Tables already inside a scrolling wrapper (the theme's own) are left as they are.
    let wrappers_open = Rc::new(Cell::new(0usize));
    let open = Rc::clone(&wrappers_open);
    handlers.push(element!("*", move |el| {
        let is_wrapper = el
            .get_attribute("class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == TABLE_SCROLL_CLASS));
        if is_wrapper && el.can_have_content() && !el.is_self_closing() {
            open.set(open.get() + 1);
            let open = Rc::clone(&open);
            el.on_end_tag(end_tag!(move |_| {
                open.set(open.get().saturating_sub(1));
                Ok(())
            }))?;
        }
        Ok(())
    }));
    let open = Rc::clone(&wrappers_open);
    let label = crate::html::escape_html(settings.table_label);
    handlers.push(element!("table", move |el| {
        if open.get() == 0 {
            let label = if label.is_empty() {
                String::new()
            } else {
                format!(r#" aria-label="{label}""#)
            };
            el.before(
                &format!(r#"<div class="{TABLE_SCROLL_CLASS}" role="region" tabindex="0"{label}>"#),
                ContentType::Html,
            );
            el.after("</div>", ContentType::Html);
        }
        Ok(())
    }));
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: handlers,
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())
}

/// Whether `href` leads to another host than `origin` (`https://example.org`).
fn is_external(href: &str, origin: &str) -> bool {
    let lower = href.trim_start().to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("//") {
        rest
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let own_host = origin
        .split_once("://")
        .map_or(origin, |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    host != own_host
}

/// Minifies a stylesheet. `None` when it does not parse: then it is published as written, and
/// the browser reads it as it always would.
pub fn minify_stylesheet(css: &[u8]) -> Option<Vec<u8>> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let text = std::str::from_utf8(css).ok()?;
    let mut sheet = StyleSheet::parse(text, ParserOptions::default()).ok()?;
    sheet.minify(MinifyOptions::default()).ok()?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .ok()?;
    Some(printed.code.into_bytes())
}

/// Minifies a page. The result is valid HTML (no spec-bending options), so validators and
/// every browser read it the same way.
pub fn minify(html: &str) -> String {
    let cfg = minify_html::Cfg {
        minify_css: true,
        minify_js: true,
        ..minify_html::Cfg::new()
    };
    let bytes = minify_html::minify(html.as_bytes(), &cfg);
    // Minification only drops bytes between UTF-8 sequences, never inside one.
    String::from_utf8(bytes).unwrap_or_else(|_| html.to_string())
}

/// The relative form of site path `target` seen from the folder `from_dir` (both start with
/// `/`; `from_dir` ends with `/`).
pub fn relative_url(target: &str, from_dir: &str) -> String {
    let split_at = target.find(['?', '#']).unwrap_or(target.len());
    let (path, suffix) = target.split_at(split_at);
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let to_is_dir = path.ends_with('/');
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    // A file target must keep its own name even when it matches a folder name of the page.
    let common = if !to_is_dir && common == to.len() && common > 0 {
        common - 1
    } else {
        common
    };
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to[common..].join("/"));
    if to_is_dir && to.len() > common {
        out.push('/');
    }
    if out.is_empty() {
        out.push_str("./");
    }
    out.push_str(suffix);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        assert_eq!(relative_url("/style.css", "/en/about/"), "../../style.css");
        assert_eq!(relative_url("/", "/en/about/"), "../../");
        assert_eq!(relative_url("/en/", "/en/about/"), "../");
        assert_eq!(relative_url("/en/about/", "/en/about/"), "./");
        assert_eq!(relative_url("/en/about/#vision", "/en/about/"), "./#vision");
        assert_eq!(
            relative_url("/en/reports/x/", "/en/about/"),
            "../reports/x/"
        );
        assert_eq!(
            relative_url("/about/x/photo.jpg", "/en/about/x/"),
            "../../../about/x/photo.jpg"
        );
        assert_eq!(relative_url("/style.css", "/"), "style.css");
        assert_eq!(relative_url("/about/", "/"), "about/");
        assert_eq!(relative_url("/", "/"), "./");
    }

    fn settings<'a>(page_dir: Option<&'a str>, assets: &'a AssetNames) -> Rewrite<'a> {
        Rewrite {
            base_path: "/org/",
            page_dir,
            origin: "https://example.org",
            assets,
            external_rel: "noopener",
            table_label: "Table \"1\"",
        }
    }

    #[test]
    fn rewrites_site_urls_only() {
        let html = r#"<a href="/en/">x</a><a href="https://example.org/">y</a><a href="//cdn.example/">z</a><img src="/org/a.png" srcset="/org/a.png 1x, /org/b.png 2x"><link rel="stylesheet" href="/org/style.css">"#;
        let assets = AssetNames::default();
        let out = rewrite(html, &settings(Some("/org/en/about/"), &assets)).unwrap();
        assert!(out.contains(r#"href="https://example.org/""#));
        assert!(out.contains(r#"href="//cdn.example/""#));
        assert!(out.contains(r#"src="../../a.png""#), "{out}");
        assert!(
            out.contains(r#"srcset="../../a.png 1x, ../../b.png 2x""#),
            "{out}"
        );
        assert!(out.contains(r#"href="../../style.css""#), "{out}");
        // `/en/` is not under the base path `/org/`, so it is left alone.
        assert!(out.contains(r#"href="/en/""#), "{out}");
    }

    #[test]
    fn external_links_get_rel_and_own_links_do_not() {
        let html = r#"<a href="https://example.org/x/">own</a><a href="https://other.example/" rel="me">other</a><a href="HTTP://Other.Example">caps</a><a href="//cdn.example/">proto</a><a href="mailto:a@example.org">mail</a><a href="/org/x/">site</a><a href="https://other.example/" rel="noopener me">twice</a>"#;
        let assets = AssetNames::default();
        let out = rewrite(html, &settings(None, &assets)).unwrap();
        assert!(
            out.contains(r#"<a href="https://example.org/x/">own"#),
            "{out}"
        );
        assert!(out.contains(r#"rel="me noopener">other"#), "{out}");
        assert!(out.contains(r#"rel="noopener">caps"#), "{out}");
        assert!(out.contains(r#"rel="noopener">proto"#), "{out}");
        assert!(
            out.contains(r#"<a href="mailto:a@example.org">mail"#),
            "{out}"
        );
        assert!(out.contains(r#"<a href="/org/x/">site"#), "{out}");
        assert!(out.contains(r#"rel="noopener me">twice"#), "{out}");
    }

    #[test]
    fn images_load_lazily_unless_they_say_otherwise() {
        let html =
            r#"<img src="a.png" alt=""><img src="b.png" alt="" loading="eager" decoding="sync">"#;
        let assets = AssetNames::default();
        let out = rewrite(html, &settings(None, &assets)).unwrap();
        assert!(
            out.contains(r#"<img src="a.png" alt="" loading="lazy" decoding="async">"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<img src="b.png" alt="" loading="eager" decoding="sync">"#),
            "{out}"
        );
    }

    #[test]
    fn tables_scroll_in_a_labelled_region_once() {
        let html = r#"<p>a</p><table><tr><td>1</td></tr></table><div class="x table-scroll"><table><tr><td>2</td></tr></table></div><table><tr><td>3</td></tr></table>"#;
        let assets = AssetNames::default();
        let out = rewrite(html, &settings(None, &assets)).unwrap();
        let wrapper = r#"<div class="table-scroll" role="region" tabindex="0" aria-label="Table &quot;1&quot;">"#;
        assert_eq!(out.matches(wrapper).count(), 2, "{out}");
        assert!(
            out.contains(&format!(
                "{wrapper}<table><tr><td>1</td></tr></table></div>"
            )),
            "{out}"
        );
        assert!(
            out.contains(r#"<div class="x table-scroll"><table><tr><td>2</td></tr></table></div>"#),
            "{out}"
        );
        assert!(
            out.ends_with(&format!(
                "{wrapper}<table><tr><td>3</td></tr></table></div>"
            )),
            "{out}"
        );
    }

    #[test]
    fn assets_point_at_fingerprinted_copies() {
        let mut assets = AssetNames::default();
        let css = assets.add("/org/", "style.css", b"body{}");
        let js = assets.add("/org/", "js/media.js", b"let a");
        assert!(css.starts_with("style.") && css.ends_with(".css") && css.len() == 18);
        assert!(js.starts_with("js/media.") && js.ends_with(".js"));
        assert_ne!(
            fingerprinted_path("style.css", b"body{}"),
            fingerprinted_path("style.css", b"body{ }")
        );
        let html = r#"<link rel="stylesheet" href="/org/style.css"><script src="/org/js/media.js?v=1" defer></script><a href="/org/style.css#x">s</a><img src="/org/logo.png" alt="">"#;
        let out = rewrite(html, &settings(Some("/org/en/"), &assets)).unwrap();
        assert!(out.contains(&format!(r#"href="../{css}""#)), "{out}");
        assert!(out.contains(&format!(r#"src="../{js}?v=1""#)), "{out}");
        assert!(out.contains(&format!(r#"href="../{css}#x""#)), "{out}");
        assert!(out.contains(r#"src="../logo.png""#), "{out}");
        // Kept root-relative where the page asks for it.
        let out = rewrite(html, &settings(None, &assets)).unwrap();
        assert!(out.contains(&format!(r#"href="/org/{css}""#)), "{out}");
        assert!(AssetNames::wants_fingerprint("a/b.woff2"));
        assert!(!AssetNames::wants_fingerprint("report.pdf"));
    }

    #[test]
    fn minified_html_keeps_text_and_shrinks() {
        let html = "<!doctype html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>بيان</title>\n</head>\n<body>\n  <p>نص <b>عريض</b>  و<a href=\"x\">رابط</a></p>\n  <pre>  a\n   b</pre>\n</body>\n</html>\n";
        let out = minify(html);
        assert!(out.len() < html.len());
        assert!(
            out.contains("<p>نص <b>عريض</b> و<a href=x>رابط</a>"),
            "{out}"
        );
        assert!(out.contains("<pre>  a\n   b</pre>"), "{out}");
        assert!(
            out.contains(r#"<html dir=rtl lang=ar>"#) || out.contains(r#"<html lang=ar dir=rtl>"#),
            "{out}"
        );
    }

    #[test]
    fn stylesheets_shrink_and_keep_their_rules() {
        let css = b"/* why */\n:lang(ar) em {\n  font-style: normal;\n  margin-inline-start: 1rem;\n}\n@font-face { font-family: \"Noto Sans\"; src: url(a.woff2) format(\"woff2\"); }\n";
        let small = String::from_utf8(minify_stylesheet(css).unwrap()).unwrap();
        assert!(small.len() < css.len(), "{small}");
        assert!(!small.contains("why"), "{small}");
        assert!(small.contains(":lang(ar) em{"), "{small}");
        assert!(small.contains("font-style:normal"), "{small}");
        assert!(small.contains("margin-inline-start:1rem"), "{small}");
        assert!(
            small.contains("font-family:Noto Sans") || small.contains("font-family:\"Noto Sans\""),
            "{small}"
        );
        // What is not UTF-8 is left to the browser, as written.
        assert_eq!(minify_stylesheet(&[0xff, 0xfe]), None);
    }
}
