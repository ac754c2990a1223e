//! Checks of the model against itself: what the kind tables of pages say (one kind per page,
//! links that lead somewhere, attachments that exist, a conference that ends after it starts).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;

/// Checks what the kind tables say against the site: one kind per page, links that lead
/// somewhere, attachments that exist, a conference that ends after it starts.
pub fn check_kinds(site: &Site) -> Diagnostics {
    let mut problems = Diagnostics::new();
    for page in &site.pages {
        let at = |needle: &str, message: String| {
            let (line, col) = page.locate(needle);
            Diagnostic::error(&page.rel_path, message).at(line, col)
        };
        if let Err(message) = page.front.kind() {
            problems.push(at("[", message).with_hint("keep only the table of the kind this page is: [about], [report], [conference] or [statement]"));
        }
        for (key, link) in page.front.references() {
            if !link.starts_with("@/") {
                problems.push(
                    at(
                        link,
                        format!("`{key}` must name a page of the site, not `{link}`"),
                    )
                    .with_hint(
                        "write it as an internal link, e.g. @/statements/geneva-2022/index.md",
                    ),
                );
            } else if let Err(message) = site.resolve_internal(link, &page.lang) {
                problems.push(at(link, format!("`{key}`: {message}")).with_hint(
                    "internal links name a file inside content/, e.g. @/reports/geneva-2022/index.md",
                ));
            }
        }
        for attachment in &page.front.attachments {
            if site.asset_url(&page.dir, &attachment.file).is_none() {
                problems.push(
                    at(&attachment.file, format!("attachment `{}` is not in this page's folder", attachment.file))
                        .with_hint("put the file beside the page's index.md (a page bundle), and name it as it is spelt there"),
                );
            }
        }
        if let Some(conference) = &page.front.conference {
            match (&page.front.date, &conference.end_date) {
                (None, _) => problems.push(
                    at(
                        "[conference]",
                        "a conference needs its first day as the page's `date`".into(),
                    )
                    .with_hint("add date = 2023-06-05 above the [conference] table"),
                ),
                (Some(start), end)
                    if start.is_year_only() || end.as_ref().is_some_and(|e| e.is_year_only()) =>
                {
                    let key = if start.is_year_only() {
                        "date"
                    } else {
                        "end_date"
                    };
                    problems.push(
                        at(
                            key,
                            "a conference's days must be full dates, not only a year".into(),
                        )
                        .with_hint("write the first and last day like 2023-06-05"),
                    )
                }
                (Some(start), Some(end)) if end < start => problems.push(
                    at(
                        "end_date",
                        format!(
                            "the conference ends ({}) before it starts ({})",
                            end.iso, start.iso
                        ),
                    )
                    .with_hint("end_date is the last day of the conference; date is the first"),
                ),
                _ => {}
            }
        }
    }
    problems
}
