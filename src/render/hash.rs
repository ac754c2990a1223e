//! Zola's `get_hash(path=… | literal=…, sha_type=384, base64=true)`: a SHA-2 digest of a file
//! of the site or of a text, for subresource integrity (`integrity="sha384-…"`).

use std::collections::HashMap;

use super::zola_api::SiteFiles;
use base64::Engine;
use serde_json::Value;
use sha2::{Digest, Sha256, Sha384, Sha512};

pub(super) fn get_hash(files: &SiteFiles, args: &HashMap<String, Value>) -> Result<String, String> {
    let path = args.get("path").and_then(Value::as_str);
    let literal = args.get("literal").and_then(Value::as_str);
    let bytes = match (path, literal) {
        (Some(path), None) => files.read("get_hash", path)?,
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
