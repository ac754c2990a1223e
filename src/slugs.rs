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

/// Whether headings in language `code` keep the accented Latin letters of their ids. Zola
/// makes ids ASCII (its `slugify` "on": "Búsqueda" becomes `busqueda`), and Bayan does the
/// same to Latin letters, so that links written for a Zola site still land, except in
/// Kurmanji, whose ê, î, û, ç and ş are letters of its own alphabet, not accents: Bayan keeps
/// each language's own script. Other scripts (Arabic, Sorani) always keep theirs.
pub fn keeps_latin_letters(code: &str) -> bool {
    let primary = code.split(['-', '_']).next().unwrap_or(code);
    matches!(primary, "ku" | "kmr")
}

/// A heading's id: [`slugify`], with accented Latin letters made ASCII as Zola makes them
/// unless `keep_latin` (see [`keeps_latin_letters`]); letters of other scripts are kept.
pub fn heading_id(text: &str, keep_latin: bool) -> String {
    if keep_latin || text.is_ascii() {
        return slugify(text, "section");
    }
    let mut plain = String::with_capacity(text.len());
    for c in text.chars() {
        if is_accented_latin(c) {
            plain.push_str(deunicode::deunicode_char(c).unwrap_or(""));
        } else {
            plain.push(c);
        }
    }
    slugify(&plain, "section")
}

/// Latin letters beyond ASCII: Latin-1 letters, Latin Extended-A and B, Latin Extended
/// Additional (Vietnamese).
fn is_accented_latin(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
        && c != '\u{00D7}'
        && c != '\u{00F7}'
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
    fn heading_ids_of_latin_text_are_ascii_as_in_zola_except_in_kurmanji() {
        assert_eq!(heading_id("Búsqueda avanzada", false), "busqueda-avanzada");
        assert_eq!(heading_id("Straße Œuvre", false), "strasse-oeuvre");
        assert_eq!(heading_id("Ça va? Été 2024", false), "ca-va-ete-2024");
        // Decomposed accents go too.
        assert_eq!(heading_id("Cafe\u{301}", false), "cafe");
        assert_eq!(heading_id("Dîroka Me", true), "dîroka-me");
        assert_eq!(heading_id("الرؤية Búsqueda", false), "الرؤية-busqueda");
        assert_eq!(heading_id("پەیامی ئێمە", false), "پەیامی-ئێمە");
        assert!(keeps_latin_letters("ku") && keeps_latin_letters("kmr-Latn"));
        assert!(
            !keeps_latin_letters("en") && !keeps_latin_letters("ar") && !keeps_latin_letters("ckb")
        );
    }

    #[test]
    fn ids_are_unique() {
        let mut ids = UniqueIds::default();
        ids.reserve("a-1");
        assert_eq!(ids.unique("a".into()), "a");
        assert_eq!(ids.unique("a".into()), "a-2");
    }
}
