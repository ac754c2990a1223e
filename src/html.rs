//! Escaping text for HTML, the one rule for every stage that writes HTML itself (bodies,
//! templates, redirect pages, feeds, the preview's pages).

/// Escapes what HTML needs escaped and nothing more: Tera's default also escapes `/`, which
/// bloats every URL (`&#x2F;`) and hides site URLs from the post-processing stage.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
