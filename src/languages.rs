//! What Bayan knows about languages without being told: writing direction by language code,
//! and the form Open Graph writes a locale in.

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

/// The region Open Graph readers (Facebook's list of locales, which the others follow) expect
/// for a language written without one. `ku` is Kurmanji: `ku_TR` is that list's Kurmanji,
/// written in the Latin script as in Turkey, where most of its speakers live; Sorani (`ckb`)
/// is `cb_IQ` there, and generic Arabic `ar_AR`.
const OPEN_GRAPH_REGIONS: &[(&str, &str)] = &[
    ("ar", "ar_AR"),
    ("ckb", "cb_IQ"),
    ("de", "de_DE"),
    ("en", "en_US"),
    ("es", "es_ES"),
    ("fa", "fa_IR"),
    ("fr", "fr_FR"),
    ("he", "he_IL"),
    ("it", "it_IT"),
    ("ku", "ku_TR"),
    ("nl", "nl_NL"),
    ("pt", "pt_PT"),
    ("ru", "ru_RU"),
    ("tr", "tr_TR"),
    ("ur", "ur_PK"),
];

/// A BCP-47 tag in Open Graph's form, `language_TERRITORY`: `ar-PS` gives `ar_PS`,
/// `sr-Latn-RS` gives `sr_RS`, and a tag without a region its usual one (`ku` gives `ku_TR`),
/// or the language alone when there is none to assume.
pub fn open_graph_locale(tag: &str) -> String {
    let mut parts = tag.split(['-', '_']).filter(|p| !p.is_empty());
    let language = parts.next().unwrap_or_default().to_ascii_lowercase();
    let region = parts.find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()));
    match region {
        Some(region) => format!("{language}_{}", region.to_ascii_uppercase()),
        None => OPEN_GRAPH_REGIONS
            .iter()
            .find(|(code, _)| *code == language)
            .map_or(language.clone(), |(_, locale)| (*locale).to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_graph_locales() {
        assert_eq!(open_graph_locale("ar-PS"), "ar_PS");
        assert_eq!(open_graph_locale("en-GB"), "en_GB");
        assert_eq!(open_graph_locale("ku"), "ku_TR");
        assert_eq!(open_graph_locale("ckb"), "cb_IQ");
        assert_eq!(open_graph_locale("sr-Latn-RS"), "sr_RS");
        assert_eq!(open_graph_locale("syr"), "syr");
    }

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
