//! Files that static hosts read besides the pages: `_headers` (security and cache headers)
//! and `_redirects` (language 404 pages, the default language's folder), in the format
//! Netlify and Cloudflare Pages share.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::config::settings::DIRECTIVES;
use crate::publish::aliases::Alias;
use crate::render::finish::AssetNames;
use crate::site::Site;

/// The origin (`https://host`) of an address.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

/// The Content-Security-Policy the site's pages satisfy: its own files only, plus the video
/// players and mailing-list provider it uses, plus what `[hosting] csp` adds.
pub fn content_security_policy(site: &Site) -> String {
    let mut extra: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for page in &site.pages {
        for video in &page.front.videos {
            if video.youtube.is_some() {
                extra
                    .entry("frame-src")
                    .or_default()
                    .push("https://www.youtube-nocookie.com".into());
            }
            if video.vimeo.is_some() {
                extra
                    .entry("frame-src")
                    .or_default()
                    .push("https://player.vimeo.com".into());
            }
        }
    }
    if let Some(signup) = &site.config.signup {
        for form in signup.forms.values() {
            if let Some(origin) = origin(&form.action) {
                extra.entry("form-action").or_default().push(origin);
            }
        }
    }
    for (directive, sources) in &site.config.hosting.csp {
        extra
            .entry(directive.as_str())
            .or_default()
            .extend(sources.iter().cloned());
    }
    let mut policy = Vec::new();
    for directive in DIRECTIVES {
        let own = match *directive {
            "object-src" => "'none'",
            _ => "'self'",
        };
        let mut sources = vec![own.to_string()];
        if let Some(more) = extra.get(directive) {
            for source in more {
                let source = source.trim_end_matches('/').to_string();
                if !sources.contains(&source) {
                    sources.push(source);
                }
            }
        }
        policy.push(format!("{directive} {}", sources.join(" ")));
    }
    // Code highlighted with inline styles colours each token in a `style` attribute; the
    // site's stylesheets and `<style>` elements stay its own files only.
    let inline_highlighting = (site.config.highlighting.as_ref())
        .is_some_and(|h| h.value.style == crate::config::settings::HighlightStyle::Inline);
    if inline_highlighting {
        policy.push("style-src-attr 'unsafe-inline'".into());
    }
    policy.join("; ")
}

/// `_headers`: security headers for every address, and a year's caching for fingerprinted
/// assets, whose names change whenever their bytes do.
pub fn headers(site: &Site, assets: &AssetNames) -> String {
    let mut out = String::from(
        "# Read by Netlify and Cloudflare Pages; written by `bayan build`.\n\
         # To change it, put your own _headers in static/, or set [hosting] in config.toml.\n",
    );
    let base = site.config.base_path();
    let _ = writeln!(out, "{base}*");
    let _ = writeln!(
        out,
        "  Content-Security-Policy: {}",
        content_security_policy(site)
    );
    // No referrer to other hosts: readers' paths through the site stay with the site.
    out.push_str("  Referrer-Policy: same-origin\n");
    out.push_str("  X-Content-Type-Options: nosniff\n");
    out.push_str("  X-Frame-Options: SAMEORIGIN\n");
    out.push_str(
        "  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
         interest-cohort=(), browsing-topics=()\n",
    );
    let mut fingerprinted: Vec<&str> = assets.fingerprinted().collect();
    fingerprinted.sort_unstable();
    for path in fingerprinted {
        let _ = writeln!(out, "{path}");
        out.push_str("  Cache-Control: public, max-age=31536000, immutable\n");
    }
    out
}

/// `_redirects`: every alias to its page, each language's not-found page for addresses under
/// that language, and the default language's folder sent to the root where its pages live.
pub fn redirects(site: &Site, aliases: &[Alias], has_not_found_pages: bool) -> String {
    let config = &site.config;
    let base = config.base_path();
    let mut out = String::from(
        "# Read by Netlify and Cloudflare Pages; written by `bayan build`.\n\
         # To change it, put your own _redirects in static/.\n",
    );
    for alias in aliases {
        let _ = writeln!(out, "{}  {}  301", alias.from, alias.to);
    }
    let default = config.default_lang();
    // Someone who guesses `/ar/about/` for a default-language page finds it at `/about/`.
    let _ = writeln!(out, "{base}{}/*  {base}:splat  301", default.code);
    if has_not_found_pages {
        // Netlify needs these lines; Cloudflare Pages finds the nearest 404.html by itself.
        for language in config.languages.iter().filter(|l| !l.is_default) {
            let url = format!("{}{}", base.trim_end_matches('/'), language.url);
            let _ = writeln!(out, "{url}*  {url}404.html  404");
        }
    }
    out
}
