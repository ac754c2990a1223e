//! Zola's settings in `config.toml`, so that a Zola site's config reads as it is: a setting
//! Bayan has under another name is read as Bayan's (`minify_html`), one it does not have is
//! taken out before the config is read, with one warning that says what Bayan does instead.
//! Keys that are neither Bayan's nor Zola's are errors, all of them at once, each at its line.

use std::borrow::Cow;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::config::CONFIG_FILE;
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics};

/// Bayan's own top-level settings (the fields of `RawConfig`).
const BAYAN_KEYS: [&str; 17] = [
    "ignored_content",
    "title",
    "description",
    "base_url",
    "default_language",
    "theme",
    "output_dir",
    "languages",
    "images",
    "signup",
    "feeds",
    "minify",
    "links",
    "hosting",
    "fonts",
    "taxonomies",
    "extra",
];

/// Bayan's settings of a `[languages.X]` table (the fields of `RawLanguage`).
const BAYAN_LANGUAGE_KEYS: [&str; 6] = [
    "name",
    "title",
    "description",
    "locale",
    "direction",
    "taxonomies",
];

const FEEDS: &str = "Bayan writes an Atom feed of the 20 newest pages for every language (atom.xml); `[feeds] full_content = true` puts whole texts in it";
const SEARCH: &str = "Bayan writes its own search index and a search page in each language (/search/, /en/search/) when the theme has a `search.html` template, as its default theme does; it does not write Zola's search_index.LANG.js. `[search] exclude` leaves sections out, `search = false` turns it off";
const NO_HIGHLIGHTING: &str =
    "Bayan highlights code as `[markdown.highlighting]` says (Zola 0.22's table)";

/// Zola's top-level settings that Bayan does not have, with what it does instead.
const ZOLA_KEYS: &[(&str, &str)] = &[
    ("preserve_dotfiles_in_output", "Bayan keeps the output folder itself: it writes the files it makes and removes the ones it made before and no longer makes"),
    ("ignored_static", "Bayan publishes every file of static/"),
    ("generate_feeds", FEEDS),
    ("generate_feed", FEEDS),
    ("feed_filenames", FEEDS),
    ("feed_filename", FEEDS),
    ("feed_limit", FEEDS),
    ("exclude_paginated_pages_in_sitemap", "Bayan's sitemap lists pages and sections, not the further pages of a list"),
    ("hard_link_static", "Bayan copies static files, and only those that changed since the last build"),
    ("author", "Bayan has no site-wide author: put it under [extra] for templates"),
    ("taxonomy_root", "Bayan puts each taxonomy at the root of its language (/tags/, /en/tags/)"),
    ("build_search_index", SEARCH),
    ("generate_sitemap", "Bayan always writes sitemap.xml, with every translation of a page"),
    ("generate_robots_txt", "Bayan writes robots.txt unless static/ has one of its own"),
    ("highlight_code", NO_HIGHLIGHTING),
    ("highlight_theme", NO_HIGHLIGHTING),
];

/// Zola's tables that Bayan has no counterpart for: each setting in them is warned about.
const ZOLA_TABLES: &[(&str, &str)] = &[
    ("markdown", "Bayan's Markdown settings are fixed: tables, footnotes, strikethrough and task lists, typographic quotes in left-to-right languages only, external links as `[links]` says; the one key of [markdown] Bayan reads is `highlighting`"),
    ("link_checker", "`bayan check` checks every internal link and anchor, and `bayan check --external` the links to other sites"),
    ("slugify", "Bayan makes addresses and heading ids in each language's own script (an Arabic heading gets an Arabic id); in heading ids accented Latin letters become plain, as Zola's default makes them, except in Kurmanji"),
    ("search", "Bayan's search index holds the title, date, kind and whole text of every page and section, in its own format; the keys of [search] Bayan reads are `enabled` and `exclude`"),
];

/// Zola's settings of a `[languages.X]` table that Bayan does not have.
const ZOLA_LANGUAGE_KEYS: &[(&str, &str)] = &[
    ("generate_feeds", FEEDS),
    ("generate_feed", FEEDS),
    ("feed_filenames", FEEDS),
    ("feed_filename", FEEDS),
    ("build_search_index", SEARCH),
    ("search", SEARCH),
];

/// What reading Zola's settings gives the rest of the config.
#[derive(Default)]
pub struct ZolaSettings {
    /// Zola's `minify_html`, which is Bayan's `minify` when the config does not set that.
    pub minify_html: Option<bool>,
    /// Zola's `compile_sass`: compile the site's own `sass/` (a theme's always is).
    pub compile_sass: bool,
    /// `search = false`, or Zola's `build_search_index = false`: no search index nor page.
    pub search: Option<bool>,
    /// Zola's UI strings, which its `trans()` reads: `[translations]` (the default language's,
    /// under `None`) and each `[languages.X.translations]`.
    pub strings: ZolaStrings,
}

/// Zola's UI strings of each language: `None` is the default language's.
pub type ZolaStrings = std::collections::BTreeMap<Option<String>, Vec<(String, String)>>;

/// Takes Zola's settings and unknown keys out of the parsed config `table`: a warning for each
/// Zola setting, an error for each key that is neither Bayan's nor Zola's.
pub fn take_out(table: &mut DeTable<'_>, text: &str, problems: &mut Diagnostics) -> ZolaSettings {
    let mut settings = ZolaSettings::default();
    for key in keys(table) {
        let name = key.get_ref().as_ref();
        if BAYAN_KEYS.contains(&name) {
            continue;
        }
        if name == "translations" {
            if let Some(DeValue::Table(inner)) = table.get_mut(name).map(|v| v.get_mut()) {
                let strings = take_strings(inner, &["fallback"], "[translations]", text, problems);
                settings.strings.insert(None, strings);
            }
            // Anything but a table is left for the config's reading to refuse by its type.
            continue;
        }
        // Zola's tables that hold one of Bayan's settings: the rest is taken out.
        let kept: &[&str] = match name {
            "markdown" => &["highlighting"],
            "search" => &["enabled", "exclude"],
            _ => &[],
        };
        if !kept.is_empty() {
            if let Some(DeValue::Table(inner)) = table.get_mut(name).map(|v| v.get_mut()) {
                take_out_of_table(name, kept, inner, text, problems);
                continue;
            }
        }
        let value = table.remove(name).expect("a key of the table");
        match (name, value.get_ref()) {
            ("minify_html", DeValue::Boolean(minify)) => {
                settings.minify_html = Some(*minify);
                continue;
            }
            ("compile_sass", DeValue::Boolean(compile)) => {
                settings.compile_sass = *compile;
                continue;
            }
            // Off is read; on is the default, and Zola's meaning of it is warned about below.
            ("search" | "build_search_index", DeValue::Boolean(false)) => {
                settings.search = Some(false);
                continue;
            }
            ("search", DeValue::Boolean(true)) => continue,
            ("minify_html" | "compile_sass", _) => {
                problems.push(
                    Diagnostic::error(
                        Code::Config,
                        CONFIG_FILE,
                        format!("`{name}` takes true or false"),
                    )
                    .at_offset(text, key.span().start, 1)
                    .with_hint(format!("write `{name} = true` or `{name} = false`")),
                );
                continue;
            }
            _ => {}
        }
        if let Some((_, instead)) = ZOLA_KEYS.iter().find(|(zola, _)| *zola == name) {
            problems.push(zola_setting(text, &key, name, instead));
        } else if let Some((_, instead)) = ZOLA_TABLES.iter().find(|(zola, _)| *zola == name) {
            match value.get_ref() {
                DeValue::Table(inner) => {
                    for inner_key in keys(inner) {
                        let shown = format!("[{name}] {}", inner_key.get_ref());
                        problems.push(zola_setting(text, &inner_key, &shown, instead));
                    }
                }
                _ => problems.push(zola_setting(text, &key, name, instead)),
            }
        } else {
            let known = BAYAN_KEYS
                .iter()
                .copied()
                .chain(["minify_html", "compile_sass"]);
            problems.push(unknown_key(text, &key, name, known, "settings"));
        }
    }
    if let Some(languages) = table.get_mut("languages") {
        if let DeValue::Table(languages) = languages.get_mut() {
            for (code, language) in languages.iter_mut() {
                if let DeValue::Table(language) = language.get_mut() {
                    let strings = take_out_of_language(language, code.get_ref(), text, problems);
                    if let Some(strings) = strings {
                        settings
                            .strings
                            .insert(Some(code.get_ref().to_string()), strings);
                    }
                }
            }
        }
    }
    settings
}

/// Zola's settings and unknown keys of one `[languages.X]` table; its UI strings, when it has
/// a `translations` table.
fn take_out_of_language(
    table: &mut DeTable<'_>,
    code: &str,
    text: &str,
    problems: &mut Diagnostics,
) -> Option<Vec<(String, String)>> {
    let mut strings = None;
    for key in keys(table) {
        let name = key.get_ref().as_ref();
        if BAYAN_LANGUAGE_KEYS.contains(&name) {
            continue;
        }
        let value = table.remove(name).expect("a key of the table");
        if let ("translations", DeValue::Table(inner)) = (name, value.get_ref()) {
            let mut inner = inner.clone();
            let table_name = format!("[languages.{code}.translations]");
            strings = Some(take_strings(&mut inner, &[], &table_name, text, problems));
            continue;
        }
        match ZOLA_LANGUAGE_KEYS.iter().find(|(zola, _)| *zola == name) {
            Some((_, instead)) => problems.push(zola_setting(text, &key, name, instead)),
            None => problems.push(unknown_key(
                text,
                &key,
                name,
                BAYAN_LANGUAGE_KEYS.iter().copied(),
                "a language's settings",
            )),
        }
    }
    strings
}

/// Zola's UI strings of a `translations` table (each a text, for `trans()`), taken out of it;
/// the `kept` keys (Bayan's settings) stay.
fn take_strings(
    table: &mut DeTable<'_>,
    kept: &[&str],
    table_name: &str,
    text: &str,
    problems: &mut Diagnostics,
) -> Vec<(String, String)> {
    let mut strings = Vec::new();
    for key in keys(table) {
        let name = key.get_ref().as_ref();
        if kept.contains(&name) {
            continue;
        }
        let value = table.remove(name).expect("a key of the table");
        match value.get_ref() {
            DeValue::String(string) => strings.push((name.to_string(), string.to_string())),
            _ => problems.push(
                Diagnostic::error(
                    Code::Config,
                    CONFIG_FILE,
                    format!("`{name}` of {table_name} is a UI string, which is text"),
                )
                .at_offset(text, key.span().start, 1)
                .with_hint(format!("write it in quotes: {name} = \"…\"")),
            ),
        }
    }
    strings
}

/// A Zola table holding settings of Bayan's (`fallback` in `[translations]`, Zola's table of UI
/// strings; `highlighting` in `[markdown]`): every other key is taken out with a warning, the
/// `kept` ones are left for Bayan's config to read.
fn take_out_of_table(
    name: &str,
    kept: &[&str],
    table: &mut DeTable<'_>,
    text: &str,
    problems: &mut Diagnostics,
) {
    let (_, instead) = ZOLA_TABLES
        .iter()
        .find(|(zola, _)| *zola == name)
        .expect("a Zola table");
    for key in keys(table) {
        let inner = key.get_ref().as_ref();
        if !kept.contains(&inner) {
            table.remove(inner);
            let shown = format!("[{name}] {inner}");
            problems.push(zola_setting(text, &key, &shown, instead));
        }
    }
}

/// The keys of a table, with their places, to look at while the table is changed.
fn keys<'i>(table: &DeTable<'i>) -> Vec<Spanned<Cow<'i, str>>> {
    table.keys().cloned().collect()
}

fn zola_setting(text: &str, key: &Spanned<Cow<str>>, shown: &str, instead: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::Config,
        CONFIG_FILE,
        format!("`{shown}` is a Zola setting that Bayan does not use: {instead}"),
    )
    .at_offset(text, key.span().start, 1)
    .with_hint("the site builds as it is; remove the setting to silence this warning")
}

fn unknown_key<'a>(
    text: &str,
    key: &Spanned<Cow<str>>,
    name: &str,
    known: impl Iterator<Item = &'a str> + Clone,
    what: &str,
) -> Diagnostic {
    let hint = match did_you_mean(name, known.clone()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!(
            "{what} Bayan reads: {}",
            known.collect::<Vec<_>>().join(", ")
        ),
    };
    Diagnostic::error(
        Code::Config,
        CONFIG_FILE,
        format!("`{name}` is not a setting of Bayan or of Zola"),
    )
    .at_offset(text, key.span().start, 1)
    .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn take(text: &str) -> (Diagnostics, ZolaSettings, Vec<String>) {
        let mut table = DeTable::parse(text).unwrap();
        let mut problems = Diagnostics::new();
        let settings = take_out(table.get_mut(), text, &mut problems);
        let left = table
            .get_ref()
            .keys()
            .map(|k| k.get_ref().to_string())
            .collect();
        (problems, settings, left)
    }

    #[test]
    fn markdown_highlighting_is_kept_the_rest_of_markdown_warned_about() {
        let (problems, _, _) =
            take("[markdown]\nrender_emoji = true\n[markdown.highlighting]\ntheme = \"x\"\n");
        assert_eq!(problems.0.len(), 1, "{:?}", problems.0);
        assert!(problems.0[0]
            .message
            .starts_with("`[markdown] render_emoji` is a Zola setting"));
        let mut table = DeTable::parse("[markdown.highlighting]\ntheme = \"x\"\n").unwrap();
        take_out(table.get_mut(), "", &mut Diagnostics::new());
        let markdown = table.get_ref().get("markdown").expect("kept");
        let DeValue::Table(markdown) = markdown.get_ref() else {
            panic!("a table")
        };
        assert!(markdown.get("highlighting").is_some());
    }

    #[test]
    fn compile_sass_is_read_not_warned_about() {
        let (problems, settings, left) = take("compile_sass = true\n");
        assert!(problems.0.is_empty(), "{:?}", problems.0);
        assert!(settings.compile_sass);
        assert!(left.is_empty());
        let (problems, settings, _) = take("compile_sass = \"yes\"\n");
        assert!(!settings.compile_sass);
        assert_eq!(
            problems.0.len(),
            1,
            "a value of the wrong type is not taken"
        );
        assert_eq!(problems.0[0].message, "`compile_sass` takes true or false");
    }

    #[test]
    fn zola_settings_are_warned_about_once_each_and_unknown_keys_all_refused() {
        let text = "base_url = \"https://e.org\"\nignored_static = []\nminify_html = false\ntitel = \"x\"\nbogus = 1\n[markdown]\nrender_emoji = true\nsmart_punctuation = true\n[languages.fr]\ntitle = \"Mon site\"\ngenerate_feeds = true\nnam = \"Français\"\n";
        let (problems, settings, left) = take(text);
        let said: Vec<(usize, bool, String)> = problems
            .0
            .iter()
            .map(|d| (d.line, d.is_error(), d.message.clone()))
            .collect();
        assert_eq!(settings.minify_html, Some(false));
        // `[markdown]` stays, emptied of Zola's settings, for its `highlighting`.
        assert_eq!(left, ["base_url", "markdown", "languages"]);
        let lines: Vec<(usize, bool)> = said.iter().map(|(l, e, _)| (*l, *e)).collect();
        assert_eq!(
            lines,
            [
                (2, false),
                (4, true),
                (5, true),
                (7, false),
                (8, false),
                (11, false),
                (12, true)
            ],
            "{said:#?}"
        );
        assert!(said[0].2.starts_with("`ignored_static` is a Zola setting"));
        assert!(said[3]
            .2
            .starts_with("`[markdown] render_emoji` is a Zola setting"));
        let titel = &problems.0[1];
        assert_eq!(titel.hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(problems.0[6].hint.as_deref(), Some("did you mean `name`?"));
    }

    #[test]
    fn translations_keep_bayans_fallback_and_read_zolas_strings() {
        let text = "base_url = \"https://e.org\"\n[translations]\nfallback = true\nsummary = \"My blog\"\n[languages.fr.translations]\nsummary = \"Mon blog\"\ncount = 2\n";
        let mut table = DeTable::parse(text).unwrap();
        let mut problems = Diagnostics::new();
        let settings = take_out(table.get_mut(), text, &mut problems);
        // A string that is not text is an error at its line; the others are read.
        let said: Vec<(usize, bool)> = problems.0.iter().map(|d| (d.line, d.is_error())).collect();
        assert_eq!(said, [(7, true)], "{problems:?}");
        let string = |k: &str, v: &str| vec![(k.to_string(), v.to_string())];
        assert_eq!(
            settings.strings.get(&None),
            Some(&string("summary", "My blog"))
        );
        let french = settings.strings.get(&Some("fr".to_string()));
        assert_eq!(french, Some(&string("summary", "Mon blog")));
        let Some(DeValue::Table(left)) = table.get_ref().get("translations").map(|v| v.get_ref())
        else {
            panic!("[translations] stays for Bayan's fallback");
        };
        let left: Vec<&str> = left.keys().map(|k| k.get_ref().as_ref()).collect();
        assert_eq!(left, ["fallback"]);
    }
}
