//! Slugs for URLs and heading ids that keep the text's own script.
//!
//! An Arabic heading gets an Arabic id: transliterating to ASCII would lose the meaning, and
//! browsers handle Unicode fragments and paths fine.

use std::collections::HashSet;

/// Lowercase letters and digits of any script joined by `-`; marks (harakat), tatweel and
/// punctuation dropped. Never empty: falls back to `fallback`.
pub fn slugify(text: &str, fallback: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c == '\u{0640}' || is_combining_mark(c) {
            continue; // Tatweel only stretches a word and harakat are optional: neither belongs in a slug.
        }
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() || matches!(c, '-' | '_' | '.' | '/' | '–' | '—' | '،' | ',')
        {
            pending_dash = true;
        }
        // Other characters (combining marks, quotes, symbols, joiners) vanish.
    }
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

/// Combining marks that Unicode counts as alphabetic (Arabic harakat, Quranic marks) or that
/// decomposed Latin text carries.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08FF}')
}

/// Hands out ids unique within one page: `intro`, `intro-1`, `intro-2`.
#[derive(Default)]
pub struct UniqueIds {
    used: HashSet<String>,
}

impl UniqueIds {
    /// Reserves an id the author chose explicitly.
    pub fn reserve(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    pub fn unique(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        (1..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .expect("an unused suffix exists")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_each_script() {
        assert_eq!(slugify("Our Vision & Mission", "x"), "our-vision-mission");
        assert_eq!(slugify("رؤيتنا ورسالتنا", "x"), "رؤيتنا-ورسالتنا");
        assert_eq!(slugify("الرُّؤيَة", "x"), "الرؤية");
        assert_eq!(slugify("مـــدنية", "x"), "مدنية");
        assert_eq!(slugify("Dîroka Me", "x"), "dîroka-me");
        assert_eq!(slugify("٢٠٠٤–٢٠١٢", "x"), "٢٠٠٤-٢٠١٢");
        assert_eq!(slugify("?!", "section"), "section");
        assert_eq!(slugify("../../etc", "x"), "etc");
    }

    #[test]
    fn ids_are_unique() {
        let mut ids = UniqueIds::default();
        ids.reserve("a-1");
        assert_eq!(ids.unique("a".into()), "a");
        assert_eq!(ids.unique("a".into()), "a-2");
    }
}
