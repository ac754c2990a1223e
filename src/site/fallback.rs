//! Untranslated pages (`[translations] fallback = true`, which Zola does not have): each page
//! and section of the default language that another language lacks gets a copy in that
//! language, at the address its translation would have (the default language's address under
//! the language's prefix), marked with the language its text is in (`fallback_of`). Render and
//! publish read a copy like any page of its language, so it is listed in that language's
//! sections and its links lead to that language's pages; but it is not a translation:
//! [`Site::languages_of`] leaves copies out, so language switchers, `hreflang`, the sitemap,
//! feeds and `bayan check` still see the item as missing in that language.

use std::collections::HashSet;

use crate::config::LanguageId;

use super::{Item, Site};

impl Site {
    /// Adds a copy of every default-language page and section to each language without it.
    /// Runs before the order, the index and the section tree are made, which then take the
    /// copies in like any item.
    pub(super) fn add_fallback_copies(&mut self) {
        let config = &self.config;
        let Some(default) = config.language_id(&config.default_language) else {
            return;
        };
        let default_url = config.language_of(&default).url.clone();
        let others: Vec<(LanguageId, String)> = config
            .languages
            .iter()
            .filter(|l| !l.is_default)
            .filter_map(|l| Some((config.language_id(&l.code)?, l.url.clone())))
            .collect();
        let mut present: HashSet<(LanguageId, String)> = self
            .pages
            .iter()
            .map(|p| (p.lang.clone(), p.key.clone()))
            .chain(
                self.sections
                    .iter()
                    .map(|s| (s.lang.clone(), s.key.clone())),
            )
            .collect();
        // An address a real page already has is not taken from it by a copy.
        let mut taken: HashSet<String> = self
            .pages
            .iter()
            .map(|p| p.path.clone())
            .chain(self.sections.iter().map(|s| s.path.clone()))
            .collect();
        let mut new_sections = Vec::new();
        let mut new_pages = Vec::new();
        for (lang, url) in &others {
            let mut wanted = |key: &str, path: &str| {
                let path = rebase(path, &default_url, url)?;
                (present.insert((lang.clone(), key.to_string())) && taken.insert(path.clone()))
                    .then_some(path)
            };
            for section in &self.sections {
                // A home always exists (`add_missing_homes`); a redirect is its original's.
                let copied = section.lang == default
                    && section.rel_path.is_some()
                    && section.front.redirect_to.is_none();
                if let Some(path) = copied
                    .then(|| wanted(&section.key, &section.path))
                    .flatten()
                {
                    let mut copy = section.clone();
                    copy.lang = lang.clone();
                    copy.path = path;
                    copy.front.aliases.clear();
                    copy.fallback_of = Some(default.clone());
                    new_sections.push(copy);
                }
            }
            for page in &self.pages {
                if page.lang != default {
                    continue;
                }
                if let Some(path) = wanted(&page.key, &page.path) {
                    let mut copy = page.clone();
                    copy.lang = lang.clone();
                    copy.path = path;
                    copy.front.aliases.clear();
                    copy.fallback_of = Some(default.clone());
                    new_pages.push(copy);
                }
            }
        }
        self.sections.extend(new_sections);
        self.pages.extend(new_pages);
    }

    /// The language an item's text is in when it is a copy of an untranslated item.
    pub fn fallback_of(&self, item: Item) -> Option<&LanguageId> {
        match item {
            Item::Page(i) => self.pages[i].fallback_of.as_ref(),
            Item::Section(i) => self.sections[i].fallback_of.as_ref(),
        }
    }

    /// The item a fallback copy shows: the same key in the language of its text.
    pub fn original_of(&self, item: Item) -> Option<Item> {
        let lang = self.fallback_of(item)?;
        let key = match item {
            Item::Page(i) => &self.pages[i].key,
            Item::Section(i) => &self.sections[i].key,
        };
        self.get(lang, key)
    }
}

/// `path` under `from` (a language's home, `/` or `/ar/`), moved under `to`.
fn rebase(path: &str, from: &str, to: &str) -> Option<String> {
    let rest = path.strip_prefix(from)?;
    Some(format!("{to}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::rebase;

    #[test]
    fn a_copy_keeps_the_address_under_its_languages_prefix() {
        assert_eq!(
            rebase("/reports/x/", "/", "/en/").as_deref(),
            Some("/en/reports/x/")
        );
        assert_eq!(
            rebase("/ar/reports/x/", "/ar/", "/").as_deref(),
            Some("/reports/x/")
        );
        assert_eq!(rebase("/elsewhere/", "/ar/", "/en/"), None);
    }
}
