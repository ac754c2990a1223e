//! The keys a page's or a section's front matter may have: Bayan's own, the kind tables of
//! pages, and Zola's, so that a Zola site's files read as they are. A Zola key that Bayan has
//! under another name is read as Bayan's (a section's `generate_feeds` is its `feed`); one that
//! Bayan does not have is taken out before the front matter is typed, with one warning at its
//! line that says what Bayan does instead. Keys that are neither Bayan's nor Zola's are errors,
//! all of them at once, each at its line.

use std::borrow::Cow;
use std::path::Path;

use toml::de::DeTable;
use toml::Spanned;

use crate::content::kinds::KINDS;
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics};

/// What a front matter belongs to: its file decides which keys it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// `NAME.md`, `NAME/index.md`.
    Page,
    /// `_index.md`.
    Section,
}

/// Bayan's keys of a page (the fields of `PageFrontMatter`); the kind tables come on top.
const BAYAN_PAGE_KEYS: [&str; 19] = [
    "title",
    "in_search_index",
    "path",
    "render",
    "aliases",
    "description",
    "date",
    "updated",
    "draft",
    "slug",
    "weight",
    "template",
    "authors",
    "attachments",
    "gallery",
    "image",
    "videos",
    "taxonomies",
    "extra",
];

/// Bayan's keys of a section (the fields of `SectionFrontMatter`, with the names Zola gives
/// `feed`).
const BAYAN_SECTION_KEYS: [&str; 19] = [
    "title",
    "in_search_index",
    "render",
    "transparent",
    "paginate_reversed",
    "insert_anchor_links",
    "aliases",
    "redirect_to",
    "description",
    "draft",
    "weight",
    "template",
    "page_template",
    "sort_by",
    "paginate_by",
    "feed",
    "generate_feeds",
    "generate_feed",
    "extra",
];

/// Zola's page keys that Bayan does not have, with what it does instead: none left.
const ZOLA_PAGE_KEYS: &[(&str, &str)] = &[];

/// Zola's section keys that Bayan does not have, with what it does instead.
const ZOLA_SECTION_KEYS: &[(&str, &str)] = &[(
    "paginate_path",
    "Bayan numbers the further pages of a list page/2/, page/3/…, whatever `paginate_path` says",
)];

impl Holder {
    fn bayan_keys(self) -> &'static [&'static str] {
        match self {
            Holder::Page => &BAYAN_PAGE_KEYS,
            Holder::Section => &BAYAN_SECTION_KEYS,
        }
    }

    fn zola_keys(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Holder::Page => ZOLA_PAGE_KEYS,
            Holder::Section => ZOLA_SECTION_KEYS,
        }
    }

    /// Whether `key` is one of this holder's own: Bayan's, or a kind table of a page.
    fn reads(self, key: &str) -> bool {
        self.bayan_keys().contains(&key)
            || (self == Holder::Page && KINDS.iter().any(|k| k.name == key))
    }

    /// Whether `key` is a key of the other holder, and only of that one.
    fn belongs_to_the_other(self, key: &str) -> bool {
        let other = match self {
            Holder::Page => Holder::Section,
            Holder::Section => Holder::Page,
        };
        let of = |holder: Holder| {
            holder.reads(key) || holder.zola_keys().iter().any(|(zola, _)| *zola == key)
        };
        of(other) && !of(self)
    }

    fn named(self) -> &'static str {
        match self {
            Holder::Page => "page",
            Holder::Section => "section",
        }
    }
}

/// Takes Zola's keys and unknown keys out of the parsed front matter `table` of a `holder`,
/// whose TOML `text` starts on line `first_line` of `rel`: a warning for each Zola key Bayan
/// does not have, an error for each key that is neither Bayan's nor Zola's.
pub fn take_out(
    table: &mut DeTable<'_>,
    holder: Holder,
    text: &str,
    first_line: usize,
    rel: &Path,
) -> Diagnostics {
    let mut problems = Diagnostics::new();
    let keys: Vec<Spanned<Cow<str>>> = table.keys().cloned().collect();
    for key in keys {
        let name = key.get_ref().as_ref();
        if holder.reads(name) {
            continue;
        }
        table.remove(name);
        let at = |d: Diagnostic| d.at_offset(text, key.span().start, first_line);
        match holder.zola_keys().iter().find(|(zola, _)| *zola == name) {
            Some((_, instead)) => problems.push(at(zola_key(rel, name, instead, holder))),
            None => problems.push(at(unknown_key(rel, name, holder))),
        }
    }
    problems
}

fn zola_key(rel: &Path, name: &str, instead: &str, holder: Holder) -> Diagnostic {
    Diagnostic::warning(
        Code::FrontMatter,
        rel,
        format!("front matter: `{name}` is a Zola key that Bayan does not use: {instead}"),
    )
    .with_hint(format!(
        "the {} builds as it is; remove the key to silence this warning",
        holder.named()
    ))
}

fn unknown_key(rel: &Path, name: &str, holder: Holder) -> Diagnostic {
    if holder.belongs_to_the_other(name) {
        let (message, hint) = match holder {
            Holder::Page => (
                "for a page",
                "this key belongs in a section's _index.md, not in a page",
            ),
            Holder::Section => (
                "for a section",
                "this key belongs in a page, not in a section's _index.md",
            ),
        };
        return Diagnostic::error(
            Code::FrontMatter,
            rel,
            format!("front matter: unknown field `{name}` {message}"),
        )
        .with_hint(hint);
    }
    let known: Vec<&str> = holder
        .bayan_keys()
        .iter()
        .copied()
        .chain(
            KINDS
                .iter()
                .map(|k| k.name)
                .filter(|_| holder == Holder::Page),
        )
        .collect();
    let zola = holder.zola_keys().iter().map(|(zola, _)| *zola);
    let hint = match did_you_mean(name, known.iter().copied().chain(zola)) {
        Some(best) => format!(
            "did you mean `{best}`? Known keys here: {}",
            known.join(", ")
        ),
        None => format!("known keys here: {}", known.join(", ")),
    };
    Diagnostic::error(
        Code::FrontMatter,
        rel,
        format!("front matter: unknown field `{name}`, a key neither Bayan nor Zola reads"),
    )
    .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn take(text: &str, holder: Holder) -> (Vec<(usize, bool, String)>, Vec<String>) {
        let mut table = DeTable::parse(text).unwrap();
        let problems = take_out(table.get_mut(), holder, text, 2, Path::new("content/a.md"));
        let said = problems
            .0
            .iter()
            .map(|d| (d.line, d.is_error(), format!("{}", d)))
            .collect();
        let left = table
            .get_ref()
            .keys()
            .map(|k| k.get_ref().to_string())
            .collect();
        (said, left)
    }

    #[test]
    fn zola_keys_are_warned_about_and_unknown_keys_all_refused() {
        let text = "title = \"x\"\npaginate_path = \"p\"\ntitel = \"y\"\nsort_by = \"date\"\nbogus = 1\n[extra]\nplace = \"x\"\n";
        let (said, left) = take(text, Holder::Section);
        let lines: Vec<(usize, bool)> = said.iter().map(|(l, e, _)| (*l, *e)).collect();
        assert_eq!(lines, [(3, false), (4, true), (6, true)], "{said:#?}");
        assert!(
            said[0].2.contains("`paginate_path` is a Zola key"),
            "{}",
            said[0].2
        );
        assert!(said[1].2.contains("did you mean `title`?"), "{}", said[1].2);
        assert!(said[0].2.contains("page/2/"), "{}", said[0].2);
        assert!(
            said[0].2.contains("the section builds as it is"),
            "{}",
            said[0].2
        );
        assert_eq!(left, ["title", "sort_by", "extra"]);
    }

    #[test]
    fn searchs_key_is_bayans_now() {
        let (said, left) = take("title = \"x\"\nin_search_index = false\n", Holder::Page);
        assert!(said.is_empty(), "{said:#?}");
        assert_eq!(left, ["title", "in_search_index"]);
    }

    #[test]
    fn keys_of_the_other_holder_say_where_they_belong() {
        let (said, _) = take("sort_by = \"date\"\ntransparent = true\n", Holder::Page);
        assert!(
            said[0].2.contains("belongs in a section's _index.md"),
            "{said:?}"
        );
        assert!(
            said[1].2.contains("belongs in a section's _index.md"),
            "{said:?}"
        );
        let (said, left) = take(
            "date = 2024-01-01\ngenerate_feeds = true\npaginate_path = \"p\"\n[report]\n",
            Holder::Section,
        );
        assert!(said[0].2.contains("belongs in a page"), "{said:?}");
        assert!(!said[1].2.contains("belongs"), "{said:?}");
        assert!(said[2].2.contains("belongs in a page"), "{said:?}");
        assert_eq!(left, ["generate_feeds"]);
    }
}
