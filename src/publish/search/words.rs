//! The words of the search index: how text is cut into words and how each word is folded so
//! that spellings a reader does not tell apart meet (case, accents, Arabic vowel marks, hamza
//! seats, tatweel, Persian and Kurdish letter shapes, Eastern Arabic digits), and the forms an
//! Arabic word is found by without its article or a one-letter prefix. `static/search.js` of
//! the theme does the same to the reader's query: the two must stay alike, and
//! `tests/browser/search.test.mjs` searches Rust's index with the script's words.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Whether `c` belongs inside a word: letters, digits, marks, and the joiners Persian and
/// Kurdish spelling puts inside words (as `/[\p{Alphabetic}\p{N}\p{M}\u200c\u200d\u00ad]/u`).
pub fn is_word_char(c: char) -> bool {
    // The characters of most text, answered without Unicode's tables.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{0621}'..='\u{0669}').contains(&c) {
        return true;
    }
    c.is_alphabetic()
        || c.is_numeric()
        || is_combining_mark(c)
        || matches!(c, '\u{200C}' | '\u{200D}' | '\u{AD}')
}

/// The words of `text`, as they are written.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// A word as the index keeps it: lower case, decomposed, without marks, joiners or tatweel,
/// with letters written in several shapes brought to one and digits to ASCII.
pub fn fold(word: &str) -> Cow<'_, str> {
    if let Some(folded) = fold_plain(word) {
        return folded;
    }
    let folded: String = word
        .to_lowercase()
        .nfkd()
        .filter(|&c| {
            !is_combining_mark(c) && !matches!(c, '\u{200C}' | '\u{200D}' | '\u{AD}' | 'ـ')
        })
        .map(|c| match c {
            // Alef maqsura and the Persian/Kurdish yeh: ي.
            'ى' | 'ی' => 'ي',
            // Teh marbuta, Kurdish ae, heh doachashmee and heh goal: ه.
            'ة' | 'ە' | 'ھ' | 'ہ' => 'ه',
            // The Persian and Kurdish kaf: ك.
            'ک' => 'ك',
            'ٱ' => 'ا',
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            c => c,
        })
        .collect();
    Cow::Owned(folded)
}

/// The fold of most words, made faster: a word of ASCII letters and digits and of Arabic
/// letters that neither decompose nor change shape is only lowered. `None` for any other.
fn fold_plain(word: &str) -> Option<Cow<'_, str>> {
    let mut upper = false;
    for c in word.chars() {
        match c {
            'A'..='Z' => upper = true,
            'a'..='z' | '0'..='9' | 'ء' | 'ا' | 'ب' | 'ت'..='غ' | 'ف'..='و' | 'ي' => {}
            _ => return None,
        }
    }
    Some(match upper {
        true => Cow::Owned(word.to_ascii_lowercase()),
        false => Cow::Borrowed(word),
    })
}

/// Arabic's article, with the conjunctions and prepositions written joined to it, longest
/// first: `والمجتمع`, `للمجتمع` and `المجتمع` are all found as `مجتمع`.
const ARTICLES: [&str; 8] = ["وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال"];

/// One-letter conjunctions and prepositions written joined to the next word.
const PREFIXES: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];

/// Shorter words are not indexed: they match too much to find anything.
pub const MIN_CHARS: usize = 2;

/// The forms a folded word is indexed and searched by. Every word is its own form; in Arabic
/// text a word with the article is its stem only (the article says nothing about the page),
/// and a long word starting with a one-letter prefix is also its stem without it (the letter
/// may belong to the word: `وزارة` is indexed as `وزاره` and `زاره`).
pub fn forms(folded: &str, arabic: bool) -> Vec<&str> {
    let long_enough = |w: &str| w.chars().count() >= MIN_CHARS;
    if !arabic || !folded.starts_with(|c: char| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        return if long_enough(folded) {
            vec![folded]
        } else {
            Vec::new()
        };
    }
    for article in ARTICLES {
        if let Some(stem) = folded.strip_prefix(article) {
            if long_enough(stem) {
                return vec![stem];
            }
        }
    }
    let mut forms = Vec::new();
    if long_enough(folded) {
        forms.push(folded);
    }
    if let Some(first) = folded.chars().next().filter(|c| PREFIXES.contains(c)) {
        let stem = &folded[first.len_utf8()..];
        if folded.chars().count() >= 4 && long_enough(stem) {
            forms.push(stem);
        }
    }
    forms
}

/// The readable text of rendered HTML: tags dropped, entities decoded, and nothing of what a
/// reader does not read as the page's text (scripts, styles, forms, navigation).
pub fn text_of_html(html: &str) -> String {
    const SKIPPED: [&str; 9] = [
        "script", "style", "form", "svg", "template", "nav", "button", "select", "textarea",
    ];
    let mut text = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut skipping: Option<&str> = None;
    while let Some(open) = rest.find('<') {
        if skipping.is_none() {
            push_decoded(&mut text, &rest[..open]);
        }
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let closing = tag.starts_with('/');
        let name: String = (tag.trim_start_matches('/').chars())
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match skipping {
            Some(skipped) if closing && name == skipped => skipping = None,
            Some(_) => {}
            None if !closing && !tag.ends_with('/') => {
                skipping = SKIPPED.iter().copied().find(|s| *s == name);
            }
            None => {}
        }
        // Block ends and line breaks part words that the markup alone kept apart.
        if skipping.is_none() && !text.ends_with(' ') && !is_inline(&name) {
            text.push(' ');
        }
    }
    if skipping.is_none() {
        push_decoded(&mut text, rest);
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements inside a word's run of text: `<em>in</em>side` is one word.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "em"
            | "strong"
            | "b"
            | "i"
            | "u"
            | "s"
            | "span"
            | "bdi"
            | "bdo"
            | "mark"
            | "code"
            | "sub"
            | "sup"
            | "small"
            | "abbr"
            | "q"
            | "cite"
            | "kbd"
            | "time"
            | "del"
            | "ins"
    )
}

/// Appends text between tags with its character references decoded.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| decode_reference(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn decode_reference(name: &str) -> Option<char> {
    let number = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    let code = match name {
        "amp" => Some('&' as u32),
        "lt" => Some('<' as u32),
        "gt" => Some('>' as u32),
        "quot" => Some('"' as u32),
        "apos" => Some('\'' as u32),
        "nbsp" => Some(0xA0),
        _ => match name.strip_prefix('#') {
            Some(hex) if hex.starts_with(['x', 'X']) => number(&hex[1..], 16),
            Some(decimal) => number(decimal, 10),
            None => None,
        },
    };
    code.and_then(char::from_u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_a_reader_does_not_tell_apart_meet() {
        assert_eq!(fold("Sivîl"), "sivil");
        assert_eq!(fold("Weşanên"), "wesanen");
        assert_eq!(fold("مُنَظَّمَة"), "منظمه");
        assert_eq!(fold("أمم"), "امم");
        assert_eq!(fold("إعلان"), "اعلان");
        assert_eq!(fold("مـــدني"), "مدني");
        assert_eq!(fold("٢٠٢١"), "2021");
        assert_eq!(fold("۲۰۲۱"), "2021");
        assert_eq!(fold("کوردی"), "كوردي");
        assert_eq!(fold("مصطفى"), "مصطفي");
        assert_eq!(fold("می\u{200C}خواهم"), "ميخواهم");
    }

    #[test]
    fn the_quick_fold_is_the_fold() {
        let text = "Gaza 2021 المجتمع المدني لأمم متّحدة مصطفى ٢٠٢١ sivîl Weşan کوردی ئەو";
        for word in words(text) {
            let slow: String = (word.to_lowercase().nfkd())
                .filter(|&c| !is_combining_mark(c))
                .collect();
            if let Some(quick) = fold_plain(word) {
                assert_eq!(quick.as_ref(), slow, "{word}");
            }
        }
        for c in ('\u{0600}'..='\u{06FF}').chain('\0'..='\u{7F}') {
            let word = c.to_string();
            if let Some(quick) = fold_plain(&word) {
                let slow: String = word.to_lowercase().nfkd().collect();
                assert_eq!(quick.as_ref(), slow, "U+{:04X}", c as u32);
                assert!(!"ىیةەھہکٱ".contains(c), "U+{:04X} changes shape", c as u32);
            }
            let by_tables = c.is_alphabetic() || c.is_numeric() || is_combining_mark(c);
            assert_eq!(is_word_char(c), by_tables, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn arabic_words_are_found_without_their_article_or_prefix() {
        assert_eq!(forms("المجتمع", true), ["مجتمع"]);
        assert_eq!(forms("والمجتمع", true), ["مجتمع"]);
        assert_eq!(forms("للمجتمع", true), ["مجتمع"]);
        assert_eq!(forms("وزاره", true), ["وزاره", "زاره"]);
        assert_eq!(forms("ولد", true), ["ولد"]);
        // Only in Arabic, and only on Arabic words.
        assert_eq!(forms("والمجتمع", false), ["والمجتمع"]);
        assert_eq!(forms("alpha", true), ["alpha"]);
        assert!(forms("و", true).is_empty());
        assert!(forms("a", false).is_empty());
    }

    #[test]
    fn words_are_cut_at_everything_but_letters_digits_and_marks() {
        let cut: Vec<&str> = words("Gaza, 2021: «المجتمع‌المدني» don't").collect();
        assert_eq!(cut, ["Gaza", "2021", "المجتمع‌المدني", "don", "t"]);
    }

    #[test]
    fn the_text_of_html_is_what_a_reader_reads() {
        let html = "<h2 id=\"a\">Re<em>port</em></h2><p>Tom &amp; Jerry&nbsp;&#x41;&#66;</p>\
                    <script>var x = 1;</script><nav><a href=\"/\">Home</a></nav><p>End &bogus</p>";
        assert_eq!(text_of_html(html), "Report Tom & Jerry AB End &bogus");
    }
}
