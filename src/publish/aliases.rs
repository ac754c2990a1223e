//! Addresses that send readers elsewhere, as Zola's keys make them: `aliases`, the old
//! addresses of a page or section, and a section's `redirect_to`. Each answers with a small
//! page that sends the reader on (for hosts that read nothing else and for a copy opened from
//! disk), and `_redirects` says the same to hosts that read it, as a 301.

use std::path::{Path, PathBuf};

use crate::config::LanguageId;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::html::escape_html;
use crate::render::url_of;
use crate::site::Site;

/// One old address and the page it now leads to.
pub struct Alias {
    /// Inside the output folder: `old/index.html`, `old.html`.
    pub output: PathBuf,
    /// The old address as readers typed it, with the site's base path: `/old/`, `/old.html`.
    pub from: String,
    /// The new address, with the site's base path.
    pub to: String,
    canonical: String,
    title: String,
    lang: LanguageId,
    /// The file that names it, for messages.
    pub source: PathBuf,
}

/// Every alias of the site's pages and sections, or what is wrong with one, at its file.
pub fn aliases(site: &Site) -> (Vec<Alias>, Diagnostics) {
    let base = site.config.base_path();
    let mut found = Vec::new();
    let mut problems = Diagnostics::new();
    let pages = site.pages.iter().map(|p| {
        let place = p.locate("aliases");
        (
            &p.front.aliases,
            &p.path,
            &p.front.title,
            &p.lang,
            p.rel_path.as_path(),
            Some(place),
        )
    });
    let sections = site.sections.iter().filter_map(|s| {
        let rel = s.rel_path.as_deref()?;
        Some((
            &s.front.aliases,
            &s.path,
            &s.front.title,
            &s.lang,
            rel,
            None,
        ))
    });
    for (aliases, path, title, lang, rel, place) in pages.chain(sections) {
        for alias in aliases {
            match output_of(alias) {
                Ok((output, from)) => found.push(Alias {
                    output,
                    from: url_of(&base, &from),
                    to: url_of(&base, path),
                    canonical: site.config.permalink(path),
                    title: title.clone(),
                    lang: lang.clone(),
                    source: rel.to_path_buf(),
                }),
                Err(why) => {
                    let mut d = Diagnostic::error(
                        Code::FrontMatter,
                        rel,
                        format!("the alias `{alias}` {why}"),
                    )
                    .with_hint("an alias is an old address of this site, from its root: \"/old-name/\" or \"/old/page.html\"");
                    if let Some((line, col)) = place {
                        d = d.at(line, col);
                    }
                    problems.push(d);
                }
            }
        }
    }
    found.extend(section_redirects(site, &mut problems));
    (found, problems)
}

/// The sections whose address sends readers to their `redirect_to`.
fn section_redirects(site: &Site, problems: &mut Diagnostics) -> Vec<Alias> {
    let base = site.config.base_path();
    let mut found = Vec::new();
    for section in &site.sections {
        let (Some(target), Some(rel)) = (&section.front.redirect_to, &section.rel_path) else {
            continue;
        };
        let (to, canonical) = if target.contains("://") {
            (target.clone(), target.clone())
        } else if target.starts_with("@/") {
            match site.resolve_internal(target, &section.lang) {
                Ok(link) => (url_of(&base, &link.url), site.config.permalink(&link.url)),
                Err(message) => {
                    problems.push(
                        Diagnostic::error(Code::BrokenLink, rel, format!("redirect_to: {message}"))
                            .with_hint("name a file inside content/, e.g. @/docs/overview.md"),
                    );
                    continue;
                }
            }
        } else {
            let path = format!("/{}", target.trim_start_matches('/'));
            (url_of(&base, &path), site.config.permalink(&path))
        };
        found.push(Alias {
            output: PathBuf::from(section.path.trim_start_matches('/')).join("index.html"),
            from: url_of(&base, &section.path),
            to,
            canonical,
            title: section.front.title.clone(),
            lang: section.lang.clone(),
            source: rel.clone(),
        });
    }
    found
}

/// Where alias `alias` is written, and its address from the site's root; or why it cannot be
/// one. As in Zola, an alias ending in `.html` is that file, any other a folder's index.
fn output_of(alias: &str) -> Result<(PathBuf, String), &'static str> {
    let inside = crate::url::site_path(alias)?;
    if inside.ends_with(".html") || inside.ends_with(".htm") {
        return Ok((PathBuf::from(inside), format!("/{inside}")));
    }
    Ok((Path::new(inside).join("index.html"), format!("/{inside}/")))
}

/// The page an old address answers with: straight on to the new one, and a link for readers
/// whose browser does not follow it.
pub fn redirect_page(site: &Site, alias: &Alias) -> String {
    let language = site.config.language_of(&alias.lang);
    let to = escape_html(&alias.to);
    let title = escape_html(&alias.title);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p><a href=\"{to}\">{title}</a></p>\n</body>\n</html>\n",
        lang = language.code,
        dir = language.direction.as_str(),
        canonical = escape_html(&alias.canonical),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_folders_or_html_files_inside_the_site() {
        assert_eq!(
            output_of("/old/name/").unwrap(),
            (PathBuf::from("old/name/index.html"), "/old/name/".into())
        );
        assert_eq!(
            output_of("old").unwrap(),
            (PathBuf::from("old/index.html"), "/old/".into())
        );
        assert_eq!(
            output_of("/2019/report.html").unwrap(),
            (
                PathBuf::from("2019/report.html"),
                "/2019/report.html".into()
            )
        );
        for bad in [
            "/",
            "",
            "https://x.org/a/",
            "//x.org/a",
            "/../etc/",
            "/a/./b",
            "/a?b",
            "/.git/",
        ] {
            assert!(output_of(bad).is_err(), "{bad}");
        }
    }
}
