//! Zola's `get_hash(path=… | literal=…, sha_type=384, base64=true)`: a SHA-2 digest of a file
//! of the site or of a text, for subresource integrity (`integrity="sha384-…"`).

use std::collections::HashMap;
use std::path::{Component, Path};

use base64::Engine;
use serde_json::Value;
use sha2::{Digest, Sha256, Sha384, Sha512};

pub(super) fn get_hash(
    root: &Path,
    theme: Option<&str>,
    args: &HashMap<String, Value>,
) -> Result<String, String> {
    let path = args.get("path").and_then(Value::as_str);
    let literal = args.get("literal").and_then(Value::as_str);
    let bytes = match (path, literal) {
        (Some(path), None) => read_site_file(root, theme, path)?,
        (None, Some(text)) => text.as_bytes().to_vec(),
        _ => {
            return Err(
                "get_hash needs one of path=\"a file of the site\" or literal=\"a text\"".into(),
            )
        }
    };
    let digest = match args.get("sha_type").and_then(Value::as_u64).unwrap_or(384) {
        256 => Sha256::digest(&bytes).to_vec(),
        384 => Sha384::digest(&bytes).to_vec(),
        512 => Sha512::digest(&bytes).to_vec(),
        other => {
            return Err(format!(
                "get_hash: sha_type is 256, 384 or 512, not {other}"
            ))
        }
    };
    Ok(
        match args.get("base64").and_then(Value::as_bool).unwrap_or(true) {
            true => base64::engine::general_purpose::STANDARD.encode(digest),
            false => digest.iter().map(|b| format!("{b:02x}")).collect(),
        },
    )
}

/// A file a template names, looked for as Zola looks: from the site's folder, then in static/,
/// content/ and the theme's static/. Nothing outside the site's folder is read, through `..`
/// or a symlink.
fn read_site_file(root: &Path, theme: Option<&str>, path: &str) -> Result<Vec<u8>, String> {
    let relative = Path::new(path.trim_start_matches('/'));
    if !relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return Err(format!(
            "get_hash: `{path}` is not a file inside the site's folder"
        ));
    }
    let site = root.canonicalize().map_err(|e| e.to_string())?;
    let mut places = vec![site.clone(), site.join("static"), site.join("content")];
    if let Some(theme) = theme {
        places.push(site.join("themes").join(theme).join("static"));
    }
    for place in places {
        let Ok(real) = place.join(relative).canonicalize() else {
            continue;
        };
        if real.starts_with(&site) && real.is_file() {
            return std::fs::read(&real).map_err(|e| format!("get_hash: `{path}`: {e}"));
        }
    }
    Err(format!(
        "get_hash: there is no file `{path}` in the site's folder, static/, content/ or the theme's static/"
    ))
}
