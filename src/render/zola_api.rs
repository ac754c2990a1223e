//! Zola's template functions and filters that Bayan has no counterpart of under its own names:
//! `trans`, `load_data`, `get_image_metadata`, `base64_encode`, `base64_decode`,
//! `regex_replace` and `num_format`. Files are looked for as Zola looks for them, and never
//! outside the site's folder; each file read is remembered, so the preview renders again
//! what used it when it changes.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use base64::Engine;
use serde_json::Value;
use tera::Tera;

use crate::config::Config;
use crate::theme::strings::Strings;

/// The files templates read, with when each was last changed (`None`: missing). The preview
/// keeps the list across renders, as it keeps outputs rendered earlier that read them; a
/// file no longer read only costs, when it changes, one render of everything.
pub type FilesRead = Arc<Mutex<BTreeMap<PathBuf, Option<SystemTime>>>>;

/// Whether a file read by the renders so far changed, appeared or went since; if so, the list
/// starts again, as everything is rendered again.
pub fn files_changed(files: &FilesRead) -> bool {
    let mut files = files.lock().expect("files read");
    let changed = files.iter().any(|(path, when)| modified(path) != *when);
    if changed {
        files.clear();
    }
    changed
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The site's files as templates may name them, and what was read of them.
pub(super) struct SiteFiles {
    /// Where Zola looks, in order: the site's folder, static/, content/, the theme's static/.
    places: Vec<PathBuf>,
    site: PathBuf,
    read: FilesRead,
    /// `load_data` results by file and format: a file many pages load is parsed once.
    loaded: Mutex<HashMap<(PathBuf, &'static str), Value>>,
}

impl SiteFiles {
    pub fn new(config: &Config, read: FilesRead) -> Self {
        let site = config.root.canonicalize().unwrap_or(config.root.clone());
        let mut places = vec![site.clone(), site.join("static"), site.join("content")];
        if let Some(theme) = &config.theme {
            places.push(site.join("themes").join(theme).join("static"));
        }
        SiteFiles {
            places,
            site,
            read,
            loaded: Mutex::new(HashMap::new()),
        }
    }

    /// The file `path` names (`@/` is content/), or `None` when there is none; an error when
    /// the path leads out of the site's folder.
    pub fn find(&self, function: &str, path: &str) -> Result<Option<PathBuf>, String> {
        let (path, places) = match path.strip_prefix("@/") {
            Some(inside) => (inside, &self.places[2..3]),
            None => (path.trim_start_matches('/'), &self.places[..]),
        };
        let relative = Path::new(path);
        if !(relative.components()).all(|c| matches!(c, Component::Normal(_))) {
            return Err(format!(
                "{function}: `{path}` is not a file inside the site's folder"
            ));
        }
        for place in places {
            let candidate = place.join(relative);
            self.remember(&candidate);
            let Ok(real) = candidate.canonicalize() else {
                continue;
            };
            if real.starts_with(&self.site) && real.is_file() {
                return Ok(Some(real));
            }
        }
        Ok(None)
    }

    /// The bytes of the file `path` names.
    pub fn read(&self, function: &str, path: &str) -> Result<Vec<u8>, String> {
        let file = self
            .find(function, path)?
            .ok_or_else(|| not_found(function, path))?;
        std::fs::read(&file).map_err(|e| format!("{function}: `{path}`: {e}"))
    }

    fn remember(&self, path: &Path) {
        let mut read = self.read.lock().expect("files read");
        if !read.contains_key(path) {
            read.insert(path.to_path_buf(), modified(path));
        }
    }
}

fn not_found(function: &str, path: &str) -> String {
    format!("{function}: there is no file `{path}` in the site's folder, static/, content/ or the theme's static/")
}

/// Zola's filters: `base64_encode`, `base64_decode`, `regex_replace(pattern, rep)` and
/// `num_format(locale="en")` (digits grouped as the locale groups them; `locale="ar"` writes
/// Arabic digits).
pub(super) fn register_filters(tera: &mut Tera) {
    let text = |value: &Value, filter: &str| -> tera::Result<String> {
        value
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| tera::Error::msg(format!("{filter} needs text, got {value}")))
    };
    tera.register_filter(
        "base64_encode",
        move |value: &Value, _: &HashMap<String, Value>| {
            let encoded =
                base64::engine::general_purpose::STANDARD.encode(text(value, "base64_encode")?);
            Ok(Value::String(encoded))
        },
    );
    tera.register_filter(
        "base64_decode",
        move |value: &Value, _: &HashMap<String, Value>| {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text(value, "base64_decode")?.trim())
                .map_err(|e| tera::Error::msg(format!("base64_decode: {e}")))?;
            String::from_utf8(bytes).map(Value::String).map_err(|_| {
                tera::Error::msg("base64_decode: the decoded bytes are not UTF-8 text")
            })
        },
    );
    let compiled: Mutex<HashMap<String, regex::Regex>> = Mutex::new(HashMap::new());
    tera.register_filter(
        "regex_replace",
        move |value: &Value, args: &HashMap<String, Value>| {
            let arg = |name: &str| {
                args.get(name)
                    .and_then(Value::as_str)
                    .ok_or_else(|| tera::Error::msg(format!("regex_replace needs {name}=\"…\"")))
            };
            let (pattern, replacement) = (arg("pattern")?, arg("rep")?);
            let mut compiled = compiled.lock().expect("regexes");
            if !compiled.contains_key(pattern) {
                let regex = regex::Regex::new(pattern).map_err(|e| {
                    tera::Error::msg(format!(
                        "regex_replace: `{pattern}` is not a regular expression: {e}"
                    ))
                })?;
                compiled.insert(pattern.to_string(), regex);
            }
            let input = text(value, "regex_replace")?;
            let replaced = compiled[pattern]
                .replace_all(&input, replacement)
                .into_owned();
            Ok(Value::String(replaced))
        },
    );
    tera.register_filter(
        "num_format",
        |value: &Value, args: &HashMap<String, Value>| {
            let number = value
                .as_i64()
                .map(|n| n as f64)
                .or_else(|| value.as_u64().map(|n| n as f64))
                .ok_or_else(|| {
                    tera::Error::msg(format!("num_format needs a whole number, got {value}"))
                })?;
            let locale = args.get("locale").and_then(Value::as_str).unwrap_or("en");
            crate::dates::format_number(number, 0, locale)
                .map(Value::String)
                .map_err(|e| tera::Error::msg(format!("num_format: {e}")))
        },
    );
}

/// Zola's `trans(key, lang)`: Bayan's UI string of `key` in `lang` (the output's language
/// unless the call names one), else the site's `[languages.LANG.translations]` (or
/// `[translations]` for the default language), else the default language's.
pub(super) fn register_trans(tera: &mut Tera, lang: &str, strings: &Arc<Strings>, config: &Config) {
    let default_language = config.default_language.clone();
    let zola: HashMap<String, HashMap<String, String>> = (config.zola_strings.iter())
        .map(|(code, strings)| {
            let code = code.clone().unwrap_or_else(|| default_language.clone());
            (code, strings.iter().cloned().collect())
        })
        .collect();
    let strings = Arc::clone(strings);
    let page_lang = lang.to_string();
    tera.register_function("trans", move |args: &HashMap<String, Value>| {
        let key = (args.get("key").and_then(Value::as_str))
            .ok_or_else(|| tera::Error::msg("trans() needs key=\"…\", the name of a UI string"))?;
        let lang = args.get("lang").and_then(Value::as_str).unwrap_or(&page_lang);
        let zola_string = |lang: &str| zola.get(lang).and_then(|s| s.get(key)).cloned();
        let found = match strings.has(lang, key) {
            true => strings.format(lang, key, &[]).ok(),
            false => zola_string(lang),
        };
        let found = found
            .or_else(|| {
                (strings.has(&default_language, key))
                    .then(|| strings.format(&default_language, key, &[]).ok())
                    .flatten()
            })
            .or_else(|| zola_string(&default_language));
        found.map(Value::String).ok_or_else(|| {
            let table = match lang == default_language {
                true => "[translations]".to_string(),
                false => format!("[languages.{lang}.translations]"),
            };
            tera::Error::msg(format!(
                "trans: there is no UI string `{key}` in `{lang}`; add `{key} = \"…\"` to {table} in config.toml"
            ))
        })
    });
}

/// Zola's `load_data(path | literal | url, format, required)` and
/// `get_image_metadata(path, allow_missing)`.
pub(super) fn register_file_functions(tera: &mut Tera, files: &Arc<SiteFiles>) {
    let site_files = Arc::clone(files);
    tera.register_function("load_data", move |args: &HashMap<String, Value>| {
        load_data(&site_files, args).map_err(tera::Error::msg)
    });
    let site_files = Arc::clone(files);
    tera.register_function(
        "get_image_metadata",
        move |args: &HashMap<String, Value>| {
            image_metadata(&site_files, args).map_err(tera::Error::msg)
        },
    );
}

fn load_data(files: &SiteFiles, args: &HashMap<String, Value>) -> Result<Value, String> {
    let text = |name: &str| args.get(name).and_then(Value::as_str);
    let required = args
        .get("required")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let format = text("format");
    match (text("path"), text("literal"), text("url")) {
        (Some(path), None, None) => {
            let Some(file) = files.find("load_data", path)? else {
                return match required {
                    true => Err(not_found("load_data", path)),
                    false => Ok(Value::Null),
                };
            };
            let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            let format = data_format(format.unwrap_or(extension), format.is_some())?;
            let key = (file.clone(), format);
            if let Some(value) = files.loaded.lock().expect("data").get(&key) {
                return Ok(value.clone());
            }
            let data = std::fs::read_to_string(&file)
                .map_err(|e| format!("load_data: `{path}` is not UTF-8 text: {e}"))?;
            let value = parse_data(&data, format).map_err(|e| format!("load_data: `{path}`: {e}"))?;
            files.loaded.lock().expect("data").insert(key, value.clone());
            Ok(value)
        }
        (None, Some(literal), None) => {
            let format = data_format(format.unwrap_or("plain"), true)?;
            parse_data(literal, format).map_err(|e| format!("load_data(literal=…): {e}"))
        }
        // A build fetches nothing from other hosts: what it publishes is what the site's
        // folder holds, the same on every build.
        (None, None, Some(url)) => match required {
            true => Err(format!(
                "load_data: Bayan does not fetch `{url}` while building; save the file in the site's folder and give path=\"…\" instead"
            )),
            false => Ok(Value::Null),
        },
        _ => Err("load_data needs one of path=\"a file of the site\", literal=\"text\" or url=\"…\"".into()),
    }
}

/// The format `name` names (an extension, or the `format` argument when `given`).
fn data_format(name: &str, given: bool) -> Result<&'static str, String> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "toml" => "toml",
        "json" => "json",
        "csv" => "csv",
        "yaml" | "yml" => "yaml",
        "plain" => "plain",
        "xml" | "bibtex" | "bib" => {
            return Err(format!(
                "load_data: Bayan does not read {name} yet; convert the file to JSON, TOML, YAML or CSV"
            ))
        }
        other if given => {
            return Err(format!(
                "load_data: `{other}` is not a format; give toml, json, csv, yaml or plain"
            ))
        }
        _ => "plain",
    })
}

fn parse_data(text: &str, format: &str) -> Result<Value, String> {
    match format {
        "toml" => {
            let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
            serde_json::to_value(table).map_err(|e| e.to_string())
        }
        "json" => serde_json::from_str(text).map_err(|e| e.to_string()),
        "yaml" => serde_norway::from_str(text).map_err(|e| e.to_string()),
        "csv" => csv_value(text),
        _ => Ok(Value::String(text.to_string())),
    }
}

/// Zola's shape of a CSV file: `headers` (its first row) and `records` (the rest), as text.
fn csv_value(text: &str) -> Result<Value, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = (reader.headers().map_err(|e| e.to_string())?.iter())
        .map(str::to_string)
        .collect();
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        records.push(record.iter().map(str::to_string).collect::<Vec<_>>());
    }
    Ok(serde_json::json!({ "headers": headers, "records": records }))
}

fn image_metadata(files: &SiteFiles, args: &HashMap<String, Value>) -> Result<Value, String> {
    let path = (args.get("path").and_then(Value::as_str))
        .ok_or("get_image_metadata needs path=\"an image of the site\"")?;
    let allow_missing = (args.get("allow_missing").and_then(Value::as_bool)).unwrap_or(false);
    let Some(file) = files.find("get_image_metadata", path)? else {
        return match allow_missing {
            true => Ok(Value::Null),
            false => Err(not_found("get_image_metadata", path)),
        };
    };
    let is_svg = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    let (width, height, format, mime) = if is_svg {
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("get_image_metadata: `{path}`: {e}"))?;
        let (width, height) = svg_size(&text).ok_or_else(|| {
            format!("get_image_metadata: `{path}` has no width and height, and no viewBox")
        })?;
        (width, height, "svg", "image/svg+xml")
    } else {
        let reader = image::ImageReader::open(&file)
            .and_then(|r| r.with_guessed_format())
            .map_err(|e| format!("get_image_metadata: `{path}`: {e}"))?;
        let format = reader.format().ok_or_else(|| {
            format!("get_image_metadata: `{path}` is not a JPEG, PNG or WebP image")
        })?;
        let (width, height) = reader
            .into_dimensions()
            .map_err(|e| format!("get_image_metadata: `{path}`: {e}"))?;
        let name = format.extensions_str().first().copied().unwrap_or("");
        (
            f64::from(width),
            f64::from(height),
            name,
            format.to_mime_type(),
        )
    };
    Ok(serde_json::json!({
        "width": width.round() as u64,
        "height": height.round() as u64,
        "format": format,
        "mime": mime,
    }))
}

/// An SVG's size: its `width` and `height` in pixels, else its `viewBox`'s.
fn svg_size(text: &str) -> Option<(f64, f64)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attribute = |name: &str| {
        let at = tag.find(&format!(" {name}="))? + name.len() + 2;
        let quote = tag[at..].chars().next()?;
        let value = &tag[at + 1..];
        Some(&value[..value.find(quote)?])
    };
    let pixels = |value: &str| value.trim().trim_end_matches("px").parse::<f64>().ok();
    if let (Some(w), Some(h)) = (
        attribute("width").and_then(pixels),
        attribute("height").and_then(pixels),
    ) {
        return Some((w, h));
    }
    let numbers: Vec<f64> = attribute("viewBox")?
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter_map(|n| n.parse().ok())
        .collect();
    (numbers.len() == 4).then(|| (numbers[2], numbers[3]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_size_reads_width_and_height_or_the_view_box() {
        assert_eq!(
            svg_size(r#"<svg width="120px" height='80'>"#),
            Some((120.0, 80.0))
        );
        assert_eq!(
            svg_size(r#"<?xml?><svg viewBox="0 0 32 16">"#),
            Some((32.0, 16.0))
        );
        assert_eq!(svg_size(r#"<svg width="50%" height="2em">"#), None);
    }

    #[test]
    fn csv_is_headers_and_records_quoted_fields_kept_whole() {
        let value = csv_value("Number,Title\n1,\"Gutenberg, Johannes\"\n2,Printing\n").unwrap();
        assert_eq!(value["headers"], serde_json::json!(["Number", "Title"]));
        assert_eq!(value["records"][0][1], "Gutenberg, Johannes");
        assert_eq!(value["records"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn formats_come_from_the_argument_or_the_extension() {
        assert_eq!(data_format("YML", false), Ok("yaml"));
        assert_eq!(data_format("txt", false), Ok("plain"));
        assert!(data_format("txt", true).is_err());
        assert!(data_format("xml", false).unwrap_err().contains("convert"));
    }
}
