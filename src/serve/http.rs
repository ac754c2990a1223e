//! The preview server's HTTP side: turning a request path into a file of the in-memory site,
//! safely, with the right content type, redirects for folders and the site's own 404 pages.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::url::percent_decode;

/// A file the preview can serve: rendered bytes, or a file of the site read on request.
#[derive(Debug, Clone)]
pub enum Served {
    Bytes(Arc<[u8]>),
    File(PathBuf),
}

/// What a request path resolved to.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// A file of the site, by its path in the output (`en/about/index.html`).
    File(String),
    /// A folder asked for without its slash: redirect here.
    Redirect(String),
    /// Nothing there: the 404 page of this language.
    NotFound { lang: Option<String> },
    /// A path that tries to leave the site or cannot be a site path.
    BadRequest,
}

/// Resolves a request URL against the site's files. Only names present in `files` can ever be
/// served, so no request can reach the disk outside the site; odd paths are refused outright.
pub fn route<T>(url: &str, files: &HashMap<String, T>, languages: &[String]) -> Route {
    let (raw_path, query) = match url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url, None),
    };
    // Malformed escapes are refused here; what they decode to (`..`, `\`, `//`, NUL) below.
    let Ok(path) = percent_decode(raw_path) else {
        return Route::BadRequest;
    };
    if !path.starts_with('/')
        || path.contains('\\')
        || path.contains('\0')
        || path
            .split('/')
            .any(|segment| segment == ".." || segment == ".")
        || path.contains("//")
    {
        return Route::BadRequest;
    }
    let rel = &path[1..];
    let lang = rel
        .split('/')
        .next()
        .filter(|first| languages.iter().any(|l| l == first))
        .map(str::to_string);
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return if files.contains_key(&index) {
            Route::File(index)
        } else {
            Route::NotFound { lang }
        };
    }
    if files.contains_key(rel) {
        return Route::File(rel.to_string());
    }
    if files.contains_key(&format!("{rel}/index.html")) {
        let mut location = format!("{raw_path}/");
        if let Some(query) = query {
            location.push('?');
            location.push_str(query);
        }
        return Route::Redirect(location);
    }
    Route::NotFound { lang }
}

/// The fields of an `application/x-www-form-urlencoded` body, in order (names may repeat).
pub fn parse_form(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| match percent_decode(&s.replace('+', " ")) {
                Ok(decoded) => decoded.into_owned(),
                Err(_) => s.to_string(),
            };
            (decode(name), decode(value))
        })
        .collect()
}

/// The media type of a file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "txt" | "ftl" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" | "oga" => "audio/ogg",
        "vtt" => "text/vtt; charset=utf-8",
        "wasm" => "application/wasm",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Inserts the live-reload script into an HTML page, before `</body>` when there is one.
/// Inline, not by address: a preview page then makes no request of its own beyond the site's,
/// and its load never waits on the preview server for the script.
pub fn inject_live_reload(html: &[u8], version: u64) -> Vec<u8> {
    let tag = format!(
        "<script data-bayan=\"live-reload\" data-version=\"{version}\">{}</script>",
        super::live_reload::SCRIPT
    );
    let position = memrfind(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..position]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[position..]);
    out
}

fn memrfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> HashMap<String, ()> {
        [
            "index.html",
            "style.css",
            "en/index.html",
            "en/about/index.html",
            "عن/index.html",
            "en/404.html",
            "404.html",
        ]
        .into_iter()
        .map(|f| (f.to_string(), ()))
        .collect()
    }

    fn langs() -> Vec<String> {
        vec!["en".into(), "ku".into()]
    }

    #[test]
    fn routes_files_folders_and_redirects() {
        let f = files();
        assert_eq!(route("/", &f, &langs()), Route::File("index.html".into()));
        assert_eq!(
            route("/style.css?v=2", &f, &langs()),
            Route::File("style.css".into())
        );
        assert_eq!(
            route("/en/about/", &f, &langs()),
            Route::File("en/about/index.html".into())
        );
        assert_eq!(
            route("/en/about?x=1", &f, &langs()),
            Route::Redirect("/en/about/?x=1".into())
        );
        assert_eq!(
            route("/%D8%B9%D9%86/", &f, &langs()),
            Route::File("عن/index.html".into())
        );
        assert_eq!(
            route("/%D8%B9%D9%86", &f, &langs()),
            Route::Redirect("/%D8%B9%D9%86/".into())
        );
        assert_eq!(
            route("/en/nope/", &f, &langs()),
            Route::NotFound {
                lang: Some("en".into())
            }
        );
        assert_eq!(route("/nope", &f, &langs()), Route::NotFound { lang: None });
    }

    #[test]
    fn refuses_paths_that_leave_the_site() {
        let f = files();
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/en/%2E%2E/%2E%2E/config.toml",
            "/..%2fconfig.toml",
            "/en\\..\\config.toml",
            "/en%5c..%5cconfig.toml",
            "//etc/passwd",
            "/%00",
            "/%ff",
            "/%zz",
            "etc/passwd",
            "/./index.html",
            "/%2e%2e%2fconfig.toml",
            "/en%2f..%2f..%2fconfig.toml",
            "/en/%2E%2e/%2e%2E/config.toml",
            "/%2f%2fetc/passwd",
            "/%C0%AE%C0%AE/config.toml",
            "/en/%e",
            "/en/%D8",
            "/a%00.html",
        ] {
            assert_eq!(route(bad, &f, &langs()), Route::BadRequest, "{bad}");
        }
    }

    #[test]
    fn live_reload_goes_before_body_end() {
        let out = inject_live_reload(b"<html><body><p>x</p></body></html>", 7);
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.starts_with(
                r#"<html><body><p>x</p><script data-bayan="live-reload" data-version="7">"#
            ),
            "{out}"
        );
        assert!(out.ends_with("</script></body></html>"), "{out}");
        assert!(out.contains(super::super::live_reload::SCRIPT));
        assert_eq!(
            out.matches("</script").count(),
            1,
            "the script never ends early"
        );
        assert!(String::from_utf8(inject_live_reload(b"plain", 1))
            .unwrap()
            .starts_with("plain<script"));
    }

    #[test]
    fn form_bodies() {
        assert_eq!(
            parse_form("email=a%40example.org&name=%D8%B9%D9%84%D9%8A+%D8%AD&l=1&l=2&nonce="),
            vec![
                ("email".to_string(), "a@example.org".to_string()),
                ("name".to_string(), "علي ح".to_string()),
                ("l".to_string(), "1".to_string()),
                ("l".to_string(), "2".to_string()),
                ("nonce".to_string(), String::new()),
            ]
        );
        assert_eq!(parse_form("contact%5Bemail%5D=x")[0].0, "contact[email]");
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/b.HTML"), "text/html; charset=utf-8");
        assert_eq!(content_type("f.woff2"), "font/woff2");
        assert_eq!(content_type("x.pdf"), "application/pdf");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
