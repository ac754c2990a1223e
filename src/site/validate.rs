//! Checks of the model against itself: what the kind tables of pages say (one kind per page,
//! links that lead somewhere, attachments that exist, and each kind's own checks).

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::site::Site;

/// Checks what the kind tables say against the site: one kind per page, links that lead
/// somewhere, attachments that exist, and what each kind checks of its own values.
pub fn check_kinds(site: &Site) -> Diagnostics {
    let mut problems = Diagnostics::new();
    // A fallback copy says what its original says: its problems are the original's.
    for page in site.pages.iter().filter(|p| p.fallback_of.is_none()) {
        let at_code = |code: Code, needle: &str, message: String| {
            let (line, col) = page.locate(needle);
            Diagnostic::error(code, &page.rel_path, message).at(line, col)
        };
        let at = |needle: &str, message: String| at_code(Code::PageKind, needle, message);
        if let Err(message) = page.front.kind() {
            let kinds: Vec<String> = crate::content::kinds::KINDS
                .iter()
                .map(|k| format!("[{}]", k.name))
                .collect();
            let (last, others) = kinds.split_last().expect("there are kinds");
            problems.push(at("[", message).with_hint(format!(
                "keep only the table of the kind this page is: {} or {last}",
                others.join(", ")
            )));
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
                problems.push(at_code(Code::BrokenLink, link, format!("`{key}`: {message}")).with_hint(
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
        for entry in &page.front.kinds {
            for problem in entry.table.problems(page.front.date.as_ref()) {
                problems.push(at(problem.at, problem.message).with_hint(problem.hint));
            }
        }
    }
    problems
}
