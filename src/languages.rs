//! What Bayan knows about languages without being told: writing direction by language code.

use serde::{Deserialize, Serialize};

/// Writing direction of a language or a block of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Languages written right to left by default (ISO 639 codes). `ku` (Kurmanji, Latin script)
/// is deliberately absent: Sorani has its own code, `ckb`.
const RIGHT_TO_LEFT: &[&str] = &[
    "ar", "arc", "azb", "bal", "bqi", "ckb", "dv", "fa", "glk", "he", "khw", "ks", "lrc", "mzn",
    "pnb", "prs", "ps", "sd", "skr", "syr", "ug", "ur", "yi",
];

/// Scripts written right to left, for tags like `ku-Arab` or `pa-Arab`.
const RIGHT_TO_LEFT_SCRIPTS: &[&str] = &[
    "arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr",
];

/// Direction of a BCP-47 tag: an explicit right-to-left script wins, then the language.
pub fn default_direction(tag: &str) -> Direction {
    let mut parts = tag.split(['-', '_']).map(str::to_ascii_lowercase);
    let language = parts.next().unwrap_or_default();
    for part in parts {
        if part.len() == 4 {
            return if RIGHT_TO_LEFT_SCRIPTS.contains(&part.as_str()) {
                Direction::Rtl
            } else {
                Direction::Ltr
            };
        }
    }
    if RIGHT_TO_LEFT.contains(&language.as_str()) {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_of_the_languages_we_publish_in() {
        for rtl in [
            "ar", "ckb", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "arc", "syr",
        ] {
            assert_eq!(default_direction(rtl), Direction::Rtl, "{rtl}");
        }
        for ltr in ["en", "ku", "fr", "tr", "ku-Latn"] {
            assert_eq!(default_direction(ltr), Direction::Ltr, "{ltr}");
        }
        assert_eq!(default_direction("ar-PS"), Direction::Rtl);
        assert_eq!(default_direction("ku-Arab"), Direction::Rtl);
        assert_eq!(default_direction("az-Latn"), Direction::Ltr);
    }
}
