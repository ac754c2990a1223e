//! Zola's `resize_image(path, width, height, op, format, quality)`: a template asks for a
//! resized copy of an image of the site and gets its address and size at once; the copy is
//! made when the site is published (`publish/`), from the list of requests the render hands
//! over, so a copy many pages ask for is made once.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use tera::Tera;

use super::zola_api::SiteFiles;

/// Where resized copies are published, as in Zola.
pub const RESIZED_DIR: &str = "processed_images";

/// How an image is fitted to the asked size (Zola's `op`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fit {
    /// Exactly the size asked, stretched if need be.
    Scale,
    FitWidth,
    FitHeight,
    /// Within the size, keeping proportions; never enlarged.
    Fit,
    /// The size asked, cut from the middle of the image scaled to cover it.
    Fill,
}

/// One resized copy to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resize {
    pub source: PathBuf,
    pub fit: Fit,
    pub width: u32,
    pub height: u32,
    /// `jpg`, `png` or `webp`.
    pub format: &'static str,
    pub quality: u8,
}

/// The copies asked for, by their path in the output. The preview keeps them across renders,
/// as it keeps the outputs that asked.
pub type Requests = Arc<Mutex<BTreeMap<PathBuf, Resize>>>;

/// `resize_image`, finding images as `files` does and listing the copies in `requests`.
pub(super) fn register(
    tera: &mut Tera,
    files: &Arc<SiteFiles>,
    requests: &Requests,
    base_path: &str,
) {
    let files = Arc::clone(files);
    let requests = Arc::clone(requests);
    let base_path = base_path.to_string();
    tera.register_function("resize_image", move |args: &HashMap<String, Value>| {
        resize_image(&files, &requests, &base_path, args).map_err(tera::Error::msg)
    });
}

fn resize_image(
    files: &SiteFiles,
    requests: &Requests,
    base_path: &str,
    args: &HashMap<String, Value>,
) -> Result<Value, String> {
    let path = (args.get("path").and_then(Value::as_str))
        .ok_or("resize_image needs path=\"an image of the site\"")?;
    let source = (files.find("resize_image", path)?)
        .ok_or_else(|| format!("resize_image: there is no image `{path}` in the site's folder, static/, content/ or the theme's static/"))?;
    let number = |name: &str| {
        args.get(name)
            .and_then(Value::as_u64)
            .map(|n| n.clamp(1, 20_000) as u32)
    };
    let op = args.get("op").and_then(Value::as_str).unwrap_or("fill");
    let fit = match op {
        "scale" => Fit::Scale,
        "fit_width" => Fit::FitWidth,
        "fit_height" => Fit::FitHeight,
        "fit" => Fit::Fit,
        "fill" => Fit::Fill,
        other => {
            return Err(format!(
                "resize_image: op is scale, fit_width, fit_height, fit or fill, not `{other}`"
            ))
        }
    };
    let reader = image::ImageReader::open(&source)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| format!("resize_image: `{path}`: {e}"))?;
    let source_format = reader.format();
    let not_an_image = |e: image::ImageError| {
        format!("resize_image: `{path}` is not a JPEG, PNG or WebP image: {e}")
    };
    let mut decoder = reader.into_decoder().map_err(not_an_image)?;
    // The size as the image is seen: a photo its camera marked as turned is turned first.
    let (stored_width, stored_height) = image::ImageDecoder::dimensions(&decoder);
    let (orig_width, orig_height) = match upright(&mut decoder) {
        o if turns_sideways(o) => (stored_height, stored_width),
        _ => (stored_width, stored_height),
    };
    let (width, height) = size(
        fit,
        (orig_width, orig_height),
        number("width"),
        number("height"),
    )
    .ok_or_else(|| format!("resize_image: op=\"{op}\" needs {}", needs(fit)))?;
    let format = match args.get("format").and_then(Value::as_str).unwrap_or("auto") {
        "auto" => match source_format {
            Some(image::ImageFormat::Png) => "png",
            Some(image::ImageFormat::WebP) => "webp",
            _ => "jpg",
        },
        "jpg" | "jpeg" => "jpg",
        "png" => "png",
        "webp" => "webp",
        other => {
            return Err(format!(
                "resize_image: format is auto, jpg, png or webp, not `{other}`"
            ))
        }
    };
    let quality =
        (args.get("quality").and_then(Value::as_u64)).map_or(75, |q| q.clamp(1, 100) as u8);
    let resize = Resize {
        source,
        fit,
        width,
        height,
        format,
        quality,
    };
    let output = PathBuf::from(RESIZED_DIR).join(format!("{:016x}.{format}", key(&resize)));
    let site_path = format!("/{}", output.to_string_lossy());
    requests
        .lock()
        .expect("resize requests")
        .insert(output, resize);
    Ok(json!({
        "url": super::types::url_of(base_path, &site_path),
        "static_path": site_path.trim_start_matches('/'),
        "width": width,
        "height": height,
        "orig_width": orig_width,
        "orig_height": orig_height,
    }))
}

fn needs(fit: Fit) -> &'static str {
    match fit {
        Fit::FitWidth => "width=…",
        Fit::FitHeight => "height=…",
        _ => "width=… and height=…",
    }
}

/// The size of the copy of an image of size `orig`.
fn size(
    fit: Fit,
    (w, h): (u32, u32),
    width: Option<u32>,
    height: Option<u32>,
) -> Option<(u32, u32)> {
    let proportional = |to: u32, from: u32, other: u32| {
        ((u64::from(other) * u64::from(to) + u64::from(from) / 2) / u64::from(from.max(1))).max(1)
            as u32
    };
    Some(match fit {
        Fit::Scale | Fit::Fill => (width?, height?),
        Fit::FitWidth => (width?, proportional(width?, w, h)),
        Fit::FitHeight => (proportional(height?, h, w), height?),
        Fit::Fit => {
            let (width, height) = (width?, height?);
            if w <= width && h <= height {
                (w, h)
            } else if u64::from(w) * u64::from(height) > u64::from(h) * u64::from(width) {
                (width, proportional(width, w, h))
            } else {
                (proportional(height, h, w), height)
            }
        }
    })
}

/// A name for a copy that changes with the image and with what was asked.
fn key(resize: &Resize) -> u64 {
    let stamp = std::fs::metadata(&resize.source)
        .map(|m| (m.len(), m.modified().ok()))
        .ok();
    let text = format!("{:?}{stamp:?}", resize);
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// The turn the camera's EXIF tag asks for; a damaged tag leaves the image as stored.
fn upright(decoder: &mut impl image::ImageDecoder) -> image::metadata::Orientation {
    (decoder.orientation()).unwrap_or(image::metadata::Orientation::NoTransforms)
}

/// Whether `orientation` swaps width and height.
fn turns_sideways(orientation: image::metadata::Orientation) -> bool {
    use image::metadata::Orientation::*;
    matches!(
        orientation,
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH
    )
}

/// Makes the copy `resize` asks for: the image's bytes in its format, turned upright.
pub fn make(resize: &Resize) -> Result<Vec<u8>, String> {
    let mut decoder = image::ImageReader::open(&resize.source)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| e.to_string())?
        .into_decoder()
        .map_err(|e| e.to_string())?;
    let orientation = upright(&mut decoder);
    let mut image = image::DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    image.apply_orientation(orientation);
    let filter = image::imageops::FilterType::Lanczos3;
    let (width, height) = (resize.width, resize.height);
    let resized = match resize.fit {
        Fit::Fill => image.resize_to_fill(width, height, filter),
        _ if (image.width(), image.height()) == (width, height) => image,
        _ => image.resize_exact(width, height, filter),
    };
    let mut bytes = Vec::new();
    match resize.format {
        "jpg" => {
            let rgb = resized.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, resize.quality)
                .encode_image(&rgb)
                .map_err(|e| e.to_string())?;
        }
        "png" => resized
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .map_err(|e| e.to_string())?,
        _ => {
            let rgba = resized.to_rgba8();
            let encoder = webp::Encoder::from_rgba(&rgba, width, height);
            bytes = encoder.encode(f32::from(resize.quality)).to_vec();
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_the_op() {
        let orig = (1200, 800);
        assert_eq!(
            size(Fit::Scale, orig, Some(100), Some(100)),
            Some((100, 100))
        );
        assert_eq!(size(Fit::FitWidth, orig, Some(600), None), Some((600, 400)));
        assert_eq!(
            size(Fit::FitHeight, orig, None, Some(200)),
            Some((300, 200))
        );
        assert_eq!(size(Fit::Fit, orig, Some(300), Some(300)), Some((300, 200)));
        assert_eq!(size(Fit::Fit, orig, Some(2000), Some(2000)), Some(orig));
        assert_eq!(size(Fit::Fill, orig, Some(50), Some(80)), Some((50, 80)));
        assert_eq!(size(Fit::Fill, orig, Some(50), None), None);
    }
}
