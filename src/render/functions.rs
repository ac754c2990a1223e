//! Functions templates call: `t`, `get_url`, `get_section`, `get_page`, Zola's lookups (and,
//! from `zola_api`, Zola's functions without a counterpart of Bayan's). Each language has its
//! own engine whose functions answer in that language, so a template never has to say which.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;
use tera::Tera;

use crate::content::front_matter::Date;
use crate::dates::{self, DateLength};
use crate::render::context::{taxonomy_value, term_value, Field, ObjectWith, SiteValues};
use crate::render::types::url_of;
use crate::site::taxonomies::{Taxonomy, Term};
use crate::site::{Item, Site};
use crate::slugs::slugify;
use crate::theme::strings::{Arg, Strings};
use crate::theme::templates::Templates;

use super::resize;
use super::zola_api::{self, SiteFiles};

/// What templates read of the site's files: the files (`zola_api::SiteFiles`) and the list of
/// resized copies they ask for.
pub(super) struct SiteReads {
    pub files: Arc<SiteFiles>,
    pub resized: resize::Requests,
}

/// A Tera engine whose functions answer in `lang`.
pub(super) fn engine_for(
    lang: &str,
    locale: &str,
    templates: &Templates,
    strings: &Arc<Strings>,
    lookups: &Arc<SiteLookups>,
    files: &SiteReads,
) -> Tera {
    let mut tera = base_engine(lang, locale, templates, strings);
    register_site_functions(&mut tera, lang, strings, &lookups.site, files);

    let register =
        |tera: &mut Tera,
         name: &'static str,
         what: &'static str,
         find: fn(&SiteLookups, &str, &str) -> Result<Value, String>| {
            let lookups = Arc::clone(lookups);
            let page_lang = lang.to_string();
            tera.register_function(name, move |args: &HashMap<String, Value>| {
                let (path, lang) = lookup_args(args, name, what, &page_lang)?;
                find(&lookups, path, lang).map_err(tera::Error::msg)
            });
        };
    register(
        &mut tera,
        "get_url",
        "@/…/index.md or a file of static/",
        |l, p, lang| l.url(p, lang).map(Value::String),
    );
    let section_lookups = Arc::clone(lookups);
    let page_lang = lang.to_string();
    tera.register_function("get_section", move |args: &HashMap<String, Value>| {
        // `metadata_only=true`: without its pages (Zola's).
        let with_pages = args.get("metadata_only").and_then(Value::as_bool) != Some(true);
        let (path, lang) = lookup_args(args, "get_section", "…/_index.md", &page_lang)?;
        (section_lookups.section(path, lang, with_pages)).map_err(tera::Error::msg)
    });
    register(&mut tera, "get_page", "…/index.md", SiteLookups::page);
    register_taxonomy_lookups(&mut tera, lang, lookups);
    tera
}

/// What page and shortcode engines both have: Zola's `trans`, and the functions that read the
/// site's files (`get_hash`, `load_data`, `get_image_metadata`).
fn register_site_functions(
    tera: &mut Tera,
    lang: &str,
    strings: &Arc<Strings>,
    site: &Site,
    reads: &SiteReads,
) {
    zola_api::register_trans(tera, lang, strings, &site.config);
    zola_api::register_file_functions(tera, &reads.files);
    resize::register(tera, &reads.files, &reads.resized, &site.config.base_path());
    let hash_files = Arc::clone(&reads.files);
    tera.register_function("get_hash", move |args: &HashMap<String, Value>| {
        super::hash::get_hash(&hash_files, args)
            .map(Value::String)
            .map_err(tera::Error::msg)
    });
}

/// The `path` and `lang` a lookup is called with (`lang` is the output's unless given).
fn lookup_args<'a>(
    args: &'a HashMap<String, Value>,
    name: &str,
    what: &str,
    page_lang: &'a str,
) -> tera::Result<(&'a str, &'a str)> {
    // Zola's `section.subsections` are paths, Bayan's are items: an item stands for its file,
    // so `get_section(path=sub)` works with either.
    let path = match args.get("path") {
        Some(Value::Object(item)) => item.get("relative_path"),
        path => path,
    };
    let path = path
        .and_then(Value::as_str)
        .ok_or_else(|| tera::Error::msg(format!("{name}() needs path=\"{what}\"")))?;
    let lang = args
        .get("lang")
        .and_then(Value::as_str)
        .unwrap_or(page_lang);
    Ok((path, lang))
}

/// Zola's `get_taxonomy(kind)`, `get_taxonomy_term(kind, term)` and
/// `get_taxonomy_url(kind, name)`, in the output's language unless `lang` says another;
/// `required=false` gives nothing instead of an error when there is no such taxonomy or term.
/// Terms and taxonomies carry both `url` (as `get_url` gives) and Zola's `permalink`.
fn register_taxonomy_lookups(tera: &mut Tera, lang: &str, lookups: &Arc<SiteLookups>) {
    type Find = fn(&SiteLookups, &Taxonomy, Option<&str>) -> Result<Value, String>;
    let functions: [(&'static str, Option<&'static str>, Find); 3] = [
        ("get_taxonomy", None, SiteLookups::taxonomy),
        ("get_taxonomy_term", Some("term"), SiteLookups::term),
        ("get_taxonomy_url", Some("name"), SiteLookups::term_url),
    ];
    for (name, term_arg, find) in functions {
        let lookups = Arc::clone(lookups);
        let page_lang = lang.to_string();
        tera.register_function(name, move |args: &HashMap<String, Value>| {
            let text = |key: &str| args.get(key).and_then(Value::as_str);
            let kind = text("kind").ok_or_else(|| {
                tera::Error::msg(format!("{name}() needs kind=\"…\", the taxonomy's name"))
            })?;
            let term = match term_arg {
                Some(arg) => Some(text(arg).ok_or_else(|| {
                    tera::Error::msg(format!("{name}() needs {arg}=\"…\", the term"))
                })?),
                None => None,
            };
            let lang = text("lang").unwrap_or(&page_lang);
            let required = args
                .get("required")
                .and_then(Value::as_bool)
                .unwrap_or(true);
            let found = match lookups.site.taxonomy(lang, kind) {
                Some(taxonomy) => find(&lookups, taxonomy, term),
                None => Err(format!(
                    "{name}: there is no taxonomy `{kind}` in `{lang}`; the site's are: {}",
                    lookups.taxonomy_names(lang)
                )),
            };
            match found {
                // `include_pages=false`: a term without its pages, still with their count.
                Ok(mut value) if args.get("include_pages") == Some(&Value::Bool(false)) => {
                    if let Some(pages) = value.get_mut("pages") {
                        *pages = Value::Array(Vec::new());
                    }
                    Ok(value)
                }
                Ok(value) => Ok(value),
                Err(_) if !required => Ok(Value::Null),
                Err(message) => Err(tera::Error::msg(message)),
            }
        });
    }
}

/// The templates with what every engine of `lang` has: the filters and `t`.
fn base_engine(lang: &str, locale: &str, templates: &Templates, strings: &Arc<Strings>) -> Tera {
    let mut tera = templates.tera.clone();
    register_filters(&mut tera, lang, locale, strings);
    zola_api::register_filters(&mut tera);
    register_t(&mut tera, lang, strings);
    tera
}

/// `t(key=…)`: a UI string in `lang`, or in the language the call names.
fn register_t(tera: &mut Tera, lang: &str, strings: &Arc<Strings>) {
    let page_lang = lang.to_string();
    let strings = Arc::clone(strings);
    tera.register_function("t", move |args: &HashMap<String, Value>| {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs key=\"…\", the name of a UI string"))?;
        let lang = args
            .get("lang")
            .and_then(Value::as_str)
            .unwrap_or(&page_lang);
        // What to say when no language has the string: a computed key (`"taxonomy-" ~ name`)
        // may name a string the theme does not have.
        let default = args.get("default").and_then(Value::as_str);
        let mut fluent_args: Vec<(String, Arg)> = args
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "key" | "lang" | "default"))
            .map(|(name, value)| {
                let arg = match value {
                    Value::Number(n) => Arg::Number(n.as_f64().unwrap_or(0.0)),
                    Value::String(s) => Arg::Text(s.clone()),
                    other => Arg::Text(other.to_string()),
                };
                (name.clone(), arg)
            })
            .collect();
        fluent_args.sort_by(|a, b| a.0.cmp(&b.0));
        match (strings.format(lang, key, &fluent_args), default) {
            (Ok(text), _) => Ok(Value::String(text)),
            (Err(_), Some(default)) if !strings.defines(lang, key) => {
                Ok(Value::String(default.to_string()))
            }
            (Err(message), _) => Err(tera::Error::msg(message)),
        }
    });
}

/// The engine that renders shortcodes in `lang`: the filters and `t` of a page's engine, and
/// `get_url`. Bodies are rendered before the values other lookups read, so `get_page` and
/// `get_section` are not there.
pub(super) fn shortcode_engine(
    lang: &str,
    locale: &str,
    templates: &Templates,
    strings: &Arc<Strings>,
    site: &Arc<Site>,
    files: &SiteReads,
) -> Tera {
    let mut tera = base_engine(lang, locale, templates, strings);
    register_site_functions(&mut tera, lang, strings, site, files);
    let site = Arc::clone(site);
    let base_path = site.config.base_path();
    let page_lang = lang.to_string();
    tera.register_function("get_url", move |args: &HashMap<String, Value>| {
        let path = args.get("path").and_then(Value::as_str).ok_or_else(|| {
            tera::Error::msg("get_url() needs path=\"@/…/index.md or a file of static/\"")
        })?;
        let lang = args
            .get("lang")
            .and_then(Value::as_str)
            .unwrap_or(&page_lang);
        url_for(&site, &base_path, path, lang)
            .map(Value::String)
            .map_err(tera::Error::msg)
    });
    tera
}

/// The address of `path` (`@/…` or a file of `static/`) in `lang`.
fn url_for(site: &Site, base_path: &str, path: &str, lang: &str) -> Result<String, String> {
    if path.starts_with("@/") {
        let fragment = path
            .split_once('#')
            .map(|(_, f)| format!("#{f}"))
            .unwrap_or_default();
        return site
            .find(path, lang)
            .map(|item| format!("{}{}", url_of(base_path, site.item_path(item)), fragment))
            .ok_or_else(|| format!("get_url: `{path}` leads to no page"));
    }
    Ok(url_of(base_path, path))
}

/// Filters that write dates, numbers and sizes the way the page's language does, from its
/// `locale` (`ar-PS` gives `٥ حزيران ٢٠٢٣`, `en-GB` gives `5 June 2023`).
fn register_filters(tera: &mut Tera, lang: &str, locale: &str, strings: &Arc<Strings>) {
    fn date_arg(value: &Value, filter: &str) -> tera::Result<Date> {
        value.as_str().and_then(Date::parse).ok_or_else(|| {
            tera::Error::msg(format!(
                "{filter} needs a date like 2023-06-05, got {value}"
            ))
        })
    }
    fn length_arg(args: &HashMap<String, Value>) -> DateLength {
        match args.get("length").and_then(Value::as_str) {
            Some("short") => DateLength::Short,
            Some("medium") => DateLength::Medium,
            _ => DateLength::Long,
        }
    }
    let number = |value: &Value, filter: &str| -> tera::Result<f64> {
        value
            .as_f64()
            .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
            .ok_or_else(|| tera::Error::msg(format!("{filter} needs a number, got {value}")))
    };

    register_markdown_filter(tera, lang);
    register_og_locale_filter(tera);
    let loc = locale.to_string();
    tera.register_filter(
        "format_date",
        move |value: &Value, args: &HashMap<String, Value>| {
            let date = date_arg(value, "format_date")?;
            if date.is_year_only() {
                return dates::format_year(date.year, &loc)
                    .map(Value::String)
                    .map_err(tera::Error::msg);
            }
            dates::format_date(date.year, date.month, date.day, &loc, length_arg(args))
                .map(Value::String)
                .map_err(tera::Error::msg)
        },
    );
    let loc = locale.to_string();
    tera.register_filter(
        "format_date_range",
        move |value: &Value, args: &HashMap<String, Value>| {
            let start = date_arg(value, "format_date_range")?;
            let end = args
                .get("end")
                .ok_or_else(|| tera::Error::msg("format_date_range needs end=…, the last day"))
                .and_then(|v| date_arg(v, "format_date_range(end=…)"))?;
            if start.is_year_only() || end.is_year_only() {
                return Err(tera::Error::msg(
                    "format_date_range needs full dates: a year alone has no days to span",
                ));
            }
            dates::format_date_range(
                (start.year, start.month, start.day),
                (end.year, end.month, end.day),
                &loc,
                length_arg(args),
            )
            .map(Value::String)
            .map_err(tera::Error::msg)
        },
    );
    let loc = locale.to_string();
    tera.register_filter(
        "format_year",
        move |value: &Value, _: &HashMap<String, Value>| {
            let year = number(value, "format_year")? as i32;
            dates::format_year(year, &loc)
                .map(Value::String)
                .map_err(tera::Error::msg)
        },
    );
    let loc = locale.to_string();
    tera.register_filter(
        "format_number",
        move |value: &Value, args: &HashMap<String, Value>| {
            let decimals = args
                .get("decimals")
                .and_then(Value::as_u64)
                .unwrap_or(0)
                .min(6) as u8;
            dates::format_number(number(value, "format_number")?, decimals, &loc)
                .map(Value::String)
                .map_err(tera::Error::msg)
        },
    );
    let loc = locale.to_string();
    let page_lang = lang.to_string();
    let strings = Arc::clone(strings);
    tera.register_filter(
        "filesize",
        move |value: &Value, _: &HashMap<String, Value>| {
            let bytes = number(value, "filesize")?;
            let (amount, decimals, key) = match bytes {
                b if b < 1024.0 => (b, 0, "size-bytes"),
                b if b < 1024.0 * 1024.0 => (b / 1024.0, 0, "size-kb"),
                b if b < 1024.0 * 1024.0 * 1024.0 => (b / 1024.0 / 1024.0, 1, "size-mb"),
                b => (b / 1024.0 / 1024.0 / 1024.0, 1, "size-gb"),
            };
            let n = dates::format_number(amount, decimals, &loc).map_err(tera::Error::msg)?;
            strings
                .format(&page_lang, key, &[("n".to_string(), Arg::Text(n))])
                .map(Value::String)
                .map_err(tera::Error::msg)
        },
    );
}

/// `language.locale | og_locale`: a locale as Open Graph writes it (`ar_PS`, `ku_TR`), for
/// the tags of social previews.
fn register_og_locale_filter(tera: &mut Tera) {
    tera.register_filter("og_locale", |value: &Value, _: &HashMap<String, Value>| {
        let tag = value.as_str().ok_or_else(|| {
            tera::Error::msg(format!("og_locale needs a locale like en-GB, got {value}"))
        })?;
        Ok(Value::String(crate::languages::open_graph_locale(tag)))
    });
}

/// Zola's `markdown` filter: Markdown as the page's text is read (smart quotes only in
/// left-to-right languages); `inline=true` leaves out the paragraph around one line.
fn register_markdown_filter(tera: &mut Tera, lang: &str) {
    let direction = crate::languages::default_direction(lang);
    tera.register_filter(
        "markdown",
        move |value: &Value, args: &HashMap<String, Value>| {
            let text = value
                .as_str()
                .ok_or_else(|| tera::Error::msg(format!("markdown needs text, got {value}")))?;
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, crate::markdown::parser(text, direction));
            let inline = args.get("inline").and_then(Value::as_bool) == Some(true);
            if inline {
                let trimmed = html.trim_end();
                if let Some(inner) = trimmed
                    .strip_prefix("<p>")
                    .and_then(|t| t.strip_suffix("</p>"))
                    .filter(|inner| !inner.contains("<p>"))
                {
                    html = inner.to_string();
                }
            }
            Ok(Value::String(html))
        },
    );
}

/// The UI strings a filter formats with, so they count as used wherever the filter is.
pub(super) fn ui_strings_of_filter(filter: &str) -> &'static [&'static str] {
    match filter {
        "filesize" => &["size-bytes", "size-kb", "size-mb", "size-gb"],
        _ => &[],
    }
}

/// What the lookup functions need, owned (Tera functions must be `'static`), built once per
/// render and shared by every language's engine.
pub(super) struct SiteLookups {
    site: Arc<Site>,
    base_path: String,
    page_values: Vec<Arc<Value>>,
    section_values: Vec<Value>,
    /// Each page's and section's rendered text: `content` in what `get_page` and
    /// `get_section` give, as in Zola.
    page_bodies: Vec<Arc<str>>,
    section_bodies: Vec<Arc<str>>,
}

impl SiteLookups {
    pub(super) fn new(site: &Arc<Site>, values: &SiteValues) -> Self {
        SiteLookups {
            site: Arc::clone(site),
            base_path: values.base_path.clone(),
            page_values: values.page_values.clone(),
            section_values: values.section_values.clone(),
            page_bodies: values
                .rendered_pages
                .iter()
                .map(|r| Arc::clone(&r.html))
                .collect(),
            section_bodies: (values.rendered_sections.iter())
                .map(|r| Arc::clone(&r.html))
                .collect(),
        }
    }

    fn url(&self, path: &str, lang: &str) -> Result<String, String> {
        url_for(&self.site, &self.base_path, path, lang)
    }

    fn section(&self, path: &str, lang: &str, with_pages: bool) -> Result<Value, String> {
        match self.site.find(path, lang) {
            Some(Item::Section(i)) => {
                let pages = match with_pages {
                    true => (self.site.sections[i].pages.iter())
                        .map(|&p| &*self.page_values[p])
                        .collect(),
                    false => Vec::new(),
                };
                let value = ObjectWith {
                    base: &self.section_values[i],
                    fields: vec![("pages", Field::Pages(pages))],
                };
                let mut value = serde_json::to_value(value).map_err(|e| e.to_string())?;
                value["content"] = Value::String(self.section_bodies[i].to_string());
                Ok(value)
            }
            _ => Err(format!(
                "get_section: there is no section `{path}`; name its _index.md, e.g. reports/_index.md"
            )),
        }
    }

    fn taxonomy_names(&self, lang: &str) -> String {
        let names: Vec<&str> = (self.site.taxonomies.iter())
            .filter(|t| &*t.lang == lang)
            .map(|t| t.settings.name.as_str())
            .collect();
        match names.is_empty() {
            true => "none".to_string(),
            false => names.join(", "),
        }
    }

    /// Zola's shape: `kind` (the settings), `lang`, `permalink` and `items` (the terms).
    fn taxonomy(&self, taxonomy: &Taxonomy, _: Option<&str>) -> Result<Value, String> {
        let config = &self.site.config;
        let items: Vec<_> = (taxonomy.terms.iter())
            .map(|t| term_value(t, config, &self.base_path, &self.page_values, true))
            .collect();
        serde_json::to_value(serde_json::json!({
            "kind": taxonomy_value(taxonomy, config, &self.base_path),
            "lang": &*taxonomy.lang,
            "permalink": config.permalink(&taxonomy.path),
            "items": items,
        }))
        .map_err(|e| e.to_string())
    }

    fn find_term<'t>(
        &self,
        taxonomy: &'t Taxonomy,
        term: Option<&str>,
    ) -> Result<&'t Term, String> {
        let term = term.unwrap_or_default();
        taxonomy.term(&slugify(term, "")).ok_or_else(|| {
            format!(
                "no page of `{}` has the term `{term}`",
                taxonomy.settings.name
            )
        })
    }

    fn term(&self, taxonomy: &Taxonomy, term: Option<&str>) -> Result<Value, String> {
        let term = self.find_term(taxonomy, term)?;
        let value = term_value(
            term,
            &self.site.config,
            &self.base_path,
            &self.page_values,
            true,
        );
        serde_json::to_value(value).map_err(|e| e.to_string())
    }

    fn term_url(&self, taxonomy: &Taxonomy, term: Option<&str>) -> Result<Value, String> {
        let term = self.find_term(taxonomy, term)?;
        if !taxonomy.render {
            return Err(format!(
                "the taxonomy `{}` is not written (render = false): its terms have no address",
                taxonomy.settings.name
            ));
        }
        // As `get_url` gives it (the site's path, made relative when written), not Zola's
        // permalink, so a link to a term works from a copy of the site on another host.
        Ok(Value::String(url_of(&self.base_path, &term.path)))
    }

    fn page(&self, path: &str, lang: &str) -> Result<Value, String> {
        match self.site.find(path, lang) {
            Some(Item::Page(i)) => {
                let mut value = (*self.page_values[i]).clone();
                value["content"] = Value::String(self.page_bodies[i].to_string());
                Ok(value)
            }
            _ => Err(format!("get_page: there is no page `{path}`")),
        }
    }
}
