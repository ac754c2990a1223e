//! HTML after templating, rewritten with lol_html: site URLs made relative to each page, so
//! the output works from any folder of any host and when opened straight from disk.

use lol_html::{element, rewrite_str, RewriteStrSettings};

/// Attributes that hold a URL, by element.
const URL_ATTRIBUTES: &[(&str, &str)] = &[
    ("a[href]", "href"),
    ("area[href]", "href"),
    ("link[href]", "href"),
    ("img[src]", "src"),
    ("script[src]", "src"),
    ("source[src]", "src"),
    ("video[src]", "src"),
    ("video[poster]", "poster"),
    ("audio[src]", "src"),
    ("iframe[src]", "src"),
    ("form[action]", "action"),
];

const SRCSET_SELECTORS: &[&str] = &["img[srcset]", "source[srcset]"];

/// Rewrites every URL under `base_path` (e.g. `/` or `/org/`) relative to `page_dir`, the
/// site path of the folder the page is written in (e.g. `/en/about/`).
pub fn relativize_urls(html: &str, base_path: &str, page_dir: &str) -> Result<String, String> {
    let rewrite = |value: &str| -> Option<String> {
        (value.starts_with(base_path) && !value.starts_with("//")).then(|| {
            relative_url(
                &value[base_path.len() - 1..],
                &page_dir[base_path.len() - 1..],
            )
        })
    };
    let mut handlers = Vec::new();
    for (selector, attribute) in URL_ATTRIBUTES {
        handlers.push(element!(*selector, move |el| {
            if let Some(new) = el.get_attribute(attribute).as_deref().and_then(rewrite) {
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
                        let url = rewrite(url).unwrap_or_else(|| url.to_string());
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
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: handlers,
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| e.to_string())
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

    #[test]
    fn rewrites_site_urls_only() {
        let html = r#"<a href="/en/">x</a><a href="https://example.org/">y</a><a href="//cdn.example/">z</a><img src="/org/a.png" srcset="/org/a.png 1x, /org/b.png 2x"><link rel="stylesheet" href="/org/style.css">"#;
        let out = relativize_urls(html, "/org/", "/org/en/about/").unwrap();
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
}
