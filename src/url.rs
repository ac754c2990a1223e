//! URLs as written in pages and as asked of the preview server: percent escapes (one rule for
//! malformed ones), character references in attribute values, schemes, and references relative
//! to the page.
//!
//! The rule for percent escapes, the same for every caller: `%` followed by two hex digits is
//! the byte they name, and the bytes must make UTF-8 text. Anything else is malformed: a `%`
//! that starts no escape (`%zz`, a trailing `%e`), or escapes whose bytes are not UTF-8 (`%ff`,
//! a truncated `%D8`, an overlong `%C0%AE`). Decoding judges nothing else: `%2F` is `/`,
//! `%2e%2e` is `..` and `%00` is NUL, and whoever uses the result as a path checks it
//! afterwards, as the preview server does.
//!
//! What malformed means depends on who wrote the text, and only that:
//! - [`percent_decode`] refuses it. A request path with a bad escape is refused, as web servers
//!   answer 400, and a form field is then taken as it came.
//! - [`percent_decode_link`] reads a link as an editor wrote it, as far as it goes: a `%` that
//!   starts no escape stands for itself (`100%.pdf`), and escapes that make no text leave the
//!   whole link as written, so it is looked up, and reported, as the editor typed it. The build
//!   and `check` both read links this way, so they agree on where a link leads.

use std::borrow::Cow;

/// Why text is not cleanly percent-encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformed {
    /// A `%` not followed by two hex digits: `%zz`, a trailing `%e`.
    BadEscape,
    /// Escapes whose bytes are not UTF-8: `%ff`, a truncated `%D8`.
    NotUtf8,
}

/// Decodes `%XX` escapes; malformed text is refused (see the module's rule).
pub fn percent_decode(text: &str) -> Result<Cow<'_, str>, Malformed> {
    let (bytes, clean) = match decode_bytes(text) {
        None => return Ok(Cow::Borrowed(text)),
        Some(decoded) => decoded,
    };
    if !clean {
        return Err(Malformed::BadEscape);
    }
    String::from_utf8(bytes)
        .map(Cow::Owned)
        .map_err(|_| Malformed::NotUtf8)
}

/// Decodes the escapes of a link an editor wrote: a `%` that starts no escape stands for
/// itself; escapes that do not make UTF-8 leave the whole link as written.
pub fn percent_decode_link(text: &str) -> Cow<'_, str> {
    match decode_bytes(text) {
        None => Cow::Borrowed(text),
        Some((bytes, _)) => match String::from_utf8(bytes) {
            Ok(decoded) => Cow::Owned(decoded),
            Err(_) => Cow::Borrowed(text),
        },
    }
}

/// The bytes `text` stands for, a `%` that starts no escape kept as it is, and whether every
/// `%` started one; `None` when there is no `%` at all.
fn decode_bytes(text: &str) -> Option<(Vec<u8>, bool)> {
    let first = text.find('%')?;
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..first]);
    let mut clean = true;
    let mut i = first;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let escape = (hex_value(bytes.get(i + 1)), hex_value(bytes.get(i + 2)));
            if let (Some(high), Some(low)) = escape {
                out.push(high * 16 + low);
                i += 3;
                continue;
            }
            clean = false;
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some((out, clean))
}

fn hex_value(byte: Option<&u8>) -> Option<u8> {
    (*byte? as char).to_digit(16).map(|d| d as u8)
}

/// Escapes every byte but ASCII letters, digits and `-_.~` (RFC 3986's unreserved set).
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// An address of this site that an editor wrote (an alias, a page's `path`), from the site's
/// root, without its slashes at both ends: `old/name` for `/old/name/`; or why it cannot be
/// one. It must stay inside the site: no other site, no `..`, no part starting with a dot.
pub fn site_path(written: &str) -> Result<&str, &'static str> {
    let trimmed = written.trim();
    if trimmed.contains("://") || trimmed.starts_with("//") {
        return Err("is on another site; it must be an address of this one");
    }
    let inside = trimmed.trim_matches('/');
    if inside.is_empty() {
        return Err("is the home page's address");
    }
    if inside.contains(['?', '#', '\\']) || inside.chars().any(char::is_control) {
        return Err("has a character that no address of a file can have (?, #, \\)");
    }
    if inside
        .split('/')
        .any(|part| part == ".." || part == "." || part.starts_with('.'))
    {
        return Err(
            "has a part that starts with a dot, which would leave the site or hide the page",
        );
    }
    Ok(inside)
}

/// `mailto:`, `tel:`, `https:`…: a scheme before any `/`, `?` or `#`.
pub fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// A link with no scheme, not absolute and not a fragment or query: a path beside the page.
pub fn is_relative(dest: &str) -> bool {
    !(dest.is_empty()
        || dest.starts_with('/')
        || dest.starts_with('#')
        || dest.starts_with('?')
        || has_scheme(dest))
}

/// The scheme of a link that would run code or show a page made up by the link itself when a
/// reader follows it (`javascript:`, `vbscript:`, `data:`), as a browser reads it: case and
/// the tabs, newlines and spaces it ignores do not hide it. Images may be `data:image/…`.
pub fn unsafe_scheme(dest: &str, is_image: bool) -> Option<&'static str> {
    let seen: String = dest
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|scheme| seen.starts_with(scheme))
        .filter(|scheme| !(is_image && *scheme == "data:" && seen.starts_with("data:image/")))
}

/// A link to a file beside the page, taken apart: its path, decoded as the editor wrote it
/// ([`percent_decode_link`]), and its fragment; `None` for any other link.
pub fn relative_file(dest: &str) -> Option<(Cow<'_, str>, Option<&str>)> {
    if !is_relative(dest) {
        return None;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    Some((percent_decode_link(path), fragment))
}

/// An attribute value as a browser reads it: numeric character references (`&#x41;`, `&#58;`)
/// and the named ones HTML writers use (`&amp;`, `&quot;`, `&lt;`…) and that spell a scheme's
/// parts (`&colon;`, `&Tab;`, `&NewLine;`). Others are left as written.
pub fn decode_character_references(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name.strip_prefix('#') {
                Some(hex) if hex.starts_with(['x', 'X']) => {
                    char::from_u32(u32::from_str_radix(&hex[1..], 16).ok()?)?
                }
                Some(decimal) => char::from_u32(decimal.parse().ok()?)?,
                None => match name.to_ascii_lowercase().as_str() {
                    "amp" => '&',
                    "quot" => '"',
                    "apos" => '\'',
                    "lt" => '<',
                    "gt" => '>',
                    "tab" => '\t',
                    "newline" => '\n',
                    "colon" => ':',
                    _ => return None,
                },
            };
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_references_decode_as_a_browser_reads_them() {
        assert_eq!(
            decode_character_references("jav&#x09;ascript&colon;a&amp;b&#66;&NewLine;&nope;&#xZZ;"),
            "jav\tascript:a&bB\n&nope;&#xZZ;"
        );
        assert!(matches!(
            decode_character_references("plain"),
            Cow::Borrowed("plain")
        ));
    }

    #[test]
    fn code_running_schemes_are_seen_through_case_and_spaces() {
        assert_eq!(
            unsafe_scheme("javascript:alert(1)", false),
            Some("javascript:")
        );
        assert_eq!(
            unsafe_scheme(" JavaScript:alert(1)", false),
            Some("javascript:")
        );
        assert_eq!(
            unsafe_scheme("java\tscript:alert(1)", false),
            Some("javascript:")
        );
        assert_eq!(unsafe_scheme("VBScript:x", true), Some("vbscript:"));
        assert_eq!(
            unsafe_scheme("data:text/html,<b>x</b>", false),
            Some("data:")
        );
        assert_eq!(unsafe_scheme("data:image/png;base64,AAAA", true), None);
        assert_eq!(
            unsafe_scheme("data:image/png;base64,AAAA", false),
            Some("data:")
        );
        for fine in [
            "https://example.org",
            "@/about/index.md",
            "photo.jpg",
            "#top",
            "mailto:a@b.org",
        ] {
            assert_eq!(unsafe_scheme(fine, false), None, "{fine}");
        }
    }

    #[test]
    fn escapes_decode_to_utf8_text() {
        assert_eq!(percent_decode("plain").unwrap(), "plain");
        assert!(matches!(percent_decode("plain"), Ok(Cow::Borrowed(_))));
        assert_eq!(percent_decode("%D8%B9%D9%86").unwrap(), "عن");
        assert_eq!(percent_decode("a%20b%2fc%2Fd").unwrap(), "a b/c/d");
        assert_eq!(percent_decode("%2e%2e/%2E%2E").unwrap(), "../..");
        assert_eq!(percent_decode("%00").unwrap(), "\0");
        assert_eq!(percent_decode("%25zz").unwrap(), "%zz");
        assert_eq!(percent_decode("عن%20x").unwrap(), "عن x");
    }

    #[test]
    fn malformed_text_is_refused() {
        for bad in ["%zz", "a%e", "%", "%+1", "%-1", "% 1", "%aع", "x%"] {
            assert_eq!(percent_decode(bad), Err(Malformed::BadEscape), "{bad}");
        }
        // A lone byte, a sequence cut short, an overlong `.`, a surrogate.
        for bad in ["%ff", "%D8", "%D8%B9%D9", "%C0%AE", "%ED%A0%80"] {
            assert_eq!(percent_decode(bad), Err(Malformed::NotUtf8), "{bad}");
        }
    }

    #[test]
    fn links_are_read_as_far_as_they_go() {
        assert_eq!(percent_decode_link("%D8%A7%2"), "ا%2");
        assert_eq!(percent_decode_link("100%.pdf"), "100%.pdf");
        assert_eq!(percent_decode_link("100%%20off.pdf"), "100% off.pdf");
        assert_eq!(percent_decode_link("%zz%41"), "%zzA");
        assert_eq!(percent_decode_link("%aعb"), "%aعb");
        assert_eq!(percent_decode_link("a%2Fb%2e%2e"), "a/b..");
        assert_eq!(percent_decode_link("%D8%B9%D9%86.pdf"), "عن.pdf");
        // Escapes that make no text: the link as written.
        assert_eq!(percent_decode_link("%D8%A7%ff"), "%D8%A7%ff");
        assert_eq!(percent_decode_link("%D8"), "%D8");
    }

    #[test]
    fn encoding_round_trips() {
        for text in ["الرؤية", "a b/c?d#e", "100%", "~ok-_."] {
            assert_eq!(percent_decode(&percent_encode(text)).unwrap(), text);
        }
        assert_eq!(percent_encode("~ok-_."), "~ok-_.");
        assert_eq!(percent_encode("ا b"), "%D8%A7%20b");
    }

    #[test]
    fn schemes_and_relative_links() {
        assert!(has_scheme("mailto:a@example.org"));
        assert!(has_scheme("https://example.org"));
        assert!(has_scheme("web+app:x"));
        assert!(!has_scheme("a#b:c"));
        assert!(!has_scheme(":x"));
        assert!(!has_scheme("photo.jpg"));
        assert!(is_relative("photo.jpg"));
        assert!(is_relative("../other.md"));
        assert!(is_relative("a#b:c"));
        for not in ["", "/a", "#a", "?a", "tel:1", "https://x"] {
            assert!(!is_relative(not), "{not}");
        }
        assert_eq!(
            relative_file("%D8%B9%D9%86.pdf#p%202"),
            Some((Cow::from("عن.pdf"), Some("p%202")))
        );
        assert_eq!(relative_file("./a.pdf"), Some((Cow::from("./a.pdf"), None)));
        assert_eq!(relative_file("#top"), None);
        assert_eq!(relative_file("/a.pdf"), None);
    }
}
