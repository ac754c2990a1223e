//! Gallery photos: resized copies re-encoded without metadata, and the cache that keeps them.
//!
//! A photo of an activist must not tell where or when it was taken, nor which camera took it:
//! every published file is decoded and encoded anew (JPEG and WebP), which leaves EXIF, GPS, XMP,
//! IPTC and comments behind; the camera's orientation tag is applied to the pixels first.
//! Results are kept in `cache_dir/images/` under a hash of what made them, with a sidecar giving
//! each source's size, so a build whose photos did not change decodes nothing.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{self, Cursor, IsTerminal, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use fast_image_resize as fir;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use rayon::prelude::*;

/// The settings this module is called with (they are read from `[images]`).
pub use crate::config::settings::ImageSettings;
use crate::diagnostics::{Code, Diagnostic};

/// Bump when the same inputs would give different output bytes (new resizer, encoder options…).
const VERSION: u64 = 1;
/// Largest accepted side, in pixels.
const MAX_SIDE: u32 = 12_000;
/// Largest accepted image, in pixels: 80 megapixels is 320 MB once decoded.
const MAX_PIXELS: u64 = 80_000_000;
/// More images than this to encode shows a progress bar (about 2 s of work on a slow machine).
const PROGRESS_THRESHOLD: usize = 8;

/// One source image to process.
#[derive(Debug, Clone)]
pub struct ImageJob {
    /// Absolute path of the source file.
    pub source: PathBuf,
    /// Path shown in messages, e.g. `content/conferences/x/gallery/01.jpg`.
    pub rel: PathBuf,
    /// Site path without extension, e.g. `/conferences/x/gallery/01`.
    pub url_stem: String,
}

/// What one source image became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessedImage {
    /// Width of the original, after EXIF orientation.
    pub width: u32,
    /// Height of the original, after EXIF orientation.
    pub height: u32,
    /// Resized copies, by ascending width.
    pub variants: Vec<Variant>,
    /// The full-size copy, only when `publish_originals` is set.
    pub original: Option<Variant>,
}

/// One size of an image, in both formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub jpeg: EncodedFile,
    pub webp: EncodedFile,
}

/// One encoded file, ready to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedFile {
    /// Site path, e.g. `/conferences/x/gallery/01-480.jpg`.
    pub url: String,
    /// The file in the cache folder whose bytes are to be published.
    pub cached: PathBuf,
    /// Size of that file.
    pub bytes: u64,
}

/// What a call to [`process`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ProcessStats {
    /// Images processed without error.
    pub images: usize,
    /// Files encoded this run.
    pub encoded: usize,
    /// Files found in the cache.
    pub reused: usize,
}

/// Processes every job (in parallel with rayon), reusing what the cache folder already holds.
pub fn process(
    jobs: &[ImageJob],
    cache_dir: &Path,
    settings: &ImageSettings,
) -> (
    HashMap<PathBuf, ProcessedImage>,
    Vec<Diagnostic>,
    ProcessStats,
) {
    let dir = cache_dir.join("images");
    let mut images = HashMap::new();
    let mut diagnostics = Vec::new();
    let mut stats = ProcessStats::default();
    if jobs.is_empty() {
        return (images, diagnostics, stats);
    }
    if let Err(e) = fs::create_dir_all(&dir) {
        diagnostics.push(
            Diagnostic::error(
                Code::Image,
                &dir,
                format!("cannot create the image cache folder: {e}"),
            )
            .with_hint("Check that the site folder is writable and the disk is not full."),
        );
        return (images, diagnostics, stats);
    }

    // First pass: hash each source and look its outputs up; nothing is decoded here.
    let looked_up: Vec<Lookup> = jobs
        .par_iter()
        .map(|job| guarded(job, || look_up(job, &dir, settings)))
        .collect();

    let to_encode = looked_up
        .iter()
        .filter(|l| matches!(l, Lookup::Missing))
        .count();
    let bar = progress_bar(to_encode);

    // Second pass: decode, resize and encode what the cache lacks.
    let encoded: Vec<Option<Lookup>> = jobs
        .par_iter()
        .zip(looked_up.par_iter())
        .map(|(job, found)| {
            matches!(found, Lookup::Missing).then(|| {
                let result = guarded(job, || encode_job(job, &dir, settings));
                if let Some(bar) = &bar {
                    bar.inc(1);
                }
                result
            })
        })
        .collect();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }

    for ((job, first), second) in jobs.iter().zip(looked_up).zip(encoded) {
        match second.unwrap_or(first) {
            Lookup::Found(image, counts) => {
                stats.images += 1;
                stats.encoded += counts.encoded;
                stats.reused += counts.reused;
                images.insert(job.source.clone(), image);
            }
            Lookup::Failed(diagnostic) => diagnostics.push(*diagnostic),
            Lookup::Missing => {}
        }
    }
    (images, diagnostics, stats)
}

/// Which kind of metadata (EXIF, XMP, IPTC, GPS…) the bytes of a JPEG, PNG or WebP file carry, if any: parses the container, doesn't trust names.
pub fn embedded_metadata(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg_metadata(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png_metadata(bytes)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        webp_metadata(bytes)
    } else {
        None
    }
}

/// The outcome of either pass for one job.
enum Lookup {
    Found(ProcessedImage, Counts),
    /// Some output is not in the cache yet: the second pass makes it.
    Missing,
    Failed(Box<Diagnostic>),
}

#[derive(Default, Clone, Copy)]
struct Counts {
    encoded: usize,
    reused: usize,
}

/// An error about one image, before it is tied to the image's path.
struct Problem {
    message: String,
    hint: &'static str,
}

impl Problem {
    fn new(message: impl Into<String>, hint: &'static str) -> Self {
        Problem {
            message: message.into(),
            hint,
        }
    }

    fn cache(path: &Path, e: io::Error) -> Self {
        Problem::new(
            format!("cannot write {} to the image cache: {e}", path.display()),
            "Check that the disk is not full and that the cache folder is writable.",
        )
    }
}

/// Runs one job's work, turning errors and panics (a decoder bug) into a diagnostic.
fn guarded(job: &ImageJob, work: impl FnOnce() -> Result<Lookup, Problem>) -> Lookup {
    let problem = match panic::catch_unwind(AssertUnwindSafe(work)) {
        Ok(Ok(lookup)) => return lookup,
        Ok(Err(problem)) => problem,
        Err(_) => Problem::new(
            "the image could not be processed (the decoder failed)",
            "The file may be damaged: export it again from the original and replace it.",
        ),
    };
    Lookup::Failed(Box::new(
        Diagnostic::error(Code::Image, &job.rel, problem.message).with_hint(problem.hint),
    ))
}

fn progress_bar(to_encode: usize) -> Option<indicatif::ProgressBar> {
    if to_encode <= PROGRESS_THRESHOLD || !io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(to_encode as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("images {bar:30} {pos}/{len} (about {eta} left)")
    {
        bar.set_style(style);
    }
    Some(bar)
}

fn read_source(job: &ImageJob) -> Result<Vec<u8>, Problem> {
    fs::read(&job.source).map_err(|e| {
        Problem::new(
            format!("cannot read the image: {e}"),
            "Check that the file exists and that Bayan may read it.",
        )
    })
}

/// Content hash used in cache keys.
//
// XXH3 (xxhash-rust, a small pure-Rust crate) rather than a hand-written FNV-1a: its output is
// fixed by a published spec, so caches survive compiler and crate upgrades (std's
// `DefaultHasher` promises neither), and at several GB/s it keeps a warm build's only real work,
// hashing every photo, well below the time to read them; byte-at-a-time FNV is ~10x slower, and
// slower still in unoptimised debug builds, where this crate's own code is not optimised.
fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Hash of several small values, each length-prefixed so that no two lists collide by design.
fn hash_parts(parts: &[&[u8]]) -> u64 {
    let mut buf = Vec::with_capacity(64);
    for part in parts {
        buf.extend_from_slice(&(part.len() as u32).to_le_bytes());
        buf.extend_from_slice(part);
    }
    hash(&buf)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Format {
    Jpeg,
    Webp,
}

impl Format {
    fn ext(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Webp => "webp",
        }
    }
}

/// The cache file for one output: the key covers everything that changes its bytes.
fn cache_path(
    dir: &Path,
    source_hash: u64,
    settings: &ImageSettings,
    format: Format,
    (width, height): (u32, u32),
) -> PathBuf {
    let quality = match format {
        Format::Jpeg => u32::from(settings.jpeg_quality),
        Format::Webp => settings.webp_quality.to_bits(),
    };
    let key = hash_parts(&[
        &VERSION.to_le_bytes(),
        &source_hash.to_le_bytes(),
        format.ext().as_bytes(),
        &width.to_le_bytes(),
        &height.to_le_bytes(),
        &quality.to_le_bytes(),
    ]);
    dir.join(format!("{key:016x}.{}", format.ext()))
}

/// The sidecar that records a source's upright size, so a warm run needs no decode.
fn dims_path(dir: &Path, source_hash: u64) -> PathBuf {
    let key = hash_parts(&[&VERSION.to_le_bytes(), b"dims", &source_hash.to_le_bytes()]);
    dir.join(format!("{key:016x}.dims"))
}

fn read_dims(path: &Path) -> Option<(u32, u32)> {
    let text = fs::read_to_string(path).ok()?;
    let mut parts = text.split_whitespace().map(str::parse::<u32>);
    let (w, h) = (parts.next()?.ok()?, parts.next()?.ok()?);
    (parts.next().is_none() && check_size(w, h).is_ok()).then_some((w, h))
}

/// Sizes of the resized copies: each configured width, capped at the original's, once each.
// A width the original cannot fill becomes the original's own width, so the largest copy is
// never an upscale and never smaller than it could be (1200 px → 480, 960, 1200).
fn target_sizes(width: u32, height: u32, settings: &ImageSettings) -> Vec<(u32, u32)> {
    let mut widths: Vec<u32> = settings
        .widths
        .iter()
        .filter(|&&w| w > 0)
        .map(|&w| w.min(width))
        .collect();
    if widths.is_empty() {
        widths.push(width);
    }
    widths.sort_unstable();
    widths.dedup();
    widths
        .into_iter()
        .map(|w| (w, scaled_height(width, height, w)))
        .collect()
}

fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    if to == width {
        return height;
    }
    let h = (u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width);
    h.max(1) as u32
}

/// The result for one source of known size, with every `bytes` still 0.
fn layout(
    job: &ImageJob,
    dir: &Path,
    settings: &ImageSettings,
    source_hash: u64,
    (width, height): (u32, u32),
) -> ProcessedImage {
    let file = |format: Format, size: (u32, u32), url: String| EncodedFile {
        url,
        cached: cache_path(dir, source_hash, settings, format, size),
        bytes: 0,
    };
    let stem = &job.url_stem;
    let variants = target_sizes(width, height, settings)
        .into_iter()
        .map(|(w, h)| Variant {
            width: w,
            height: h,
            jpeg: file(Format::Jpeg, (w, h), format!("{stem}-{w}.jpg")),
            webp: file(Format::Webp, (w, h), format!("{stem}-{w}.webp")),
        })
        .collect();
    let original = settings.publish_originals.then(|| Variant {
        width,
        height,
        jpeg: file(Format::Jpeg, (width, height), format!("{stem}.jpg")),
        webp: file(Format::Webp, (width, height), format!("{stem}.webp")),
    });
    ProcessedImage {
        width,
        height,
        variants,
        original,
    }
}

/// Every distinct cache file the image needs, with the size and format to make it in.
fn needed_files(image: &ProcessedImage) -> BTreeMap<PathBuf, ((u32, u32), Format)> {
    let mut files = BTreeMap::new();
    for v in image.variants.iter().chain(&image.original) {
        files.insert(v.jpeg.cached.clone(), ((v.width, v.height), Format::Jpeg));
        files.insert(v.webp.cached.clone(), ((v.width, v.height), Format::Webp));
    }
    files
}

fn fill_sizes(image: &mut ProcessedImage, sizes: &HashMap<PathBuf, u64>) {
    for v in image.variants.iter_mut().chain(&mut image.original) {
        for file in [&mut v.jpeg, &mut v.webp] {
            file.bytes = sizes.get(&file.cached).copied().unwrap_or(0);
        }
    }
}

/// Size of a cache file, if it is there and not empty (writes are atomic, so it is whole).
fn cached_size(path: &Path) -> Option<u64> {
    fs::metadata(path)
        .ok()
        .filter(|m| m.is_file() && m.len() > 0)
        .map(|m| m.len())
}

/// First pass: the finished result when the cache holds all of it, without decoding.
fn look_up(job: &ImageJob, dir: &Path, settings: &ImageSettings) -> Result<Lookup, Problem> {
    let source_hash = hash(&read_source(job)?);
    let Some(dims) = read_dims(&dims_path(dir, source_hash)) else {
        return Ok(Lookup::Missing);
    };
    let mut image = layout(job, dir, settings, source_hash, dims);
    let mut sizes = HashMap::new();
    for path in needed_files(&image).into_keys() {
        let Some(size) = cached_size(&path) else {
            return Ok(Lookup::Missing);
        };
        sizes.insert(path, size);
    }
    fill_sizes(&mut image, &sizes);
    let counts = Counts {
        encoded: 0,
        reused: sizes.len(),
    };
    Ok(Lookup::Found(image, counts))
}

/// Second pass: decodes the source and makes whichever of its files the cache lacks.
fn encode_job(job: &ImageJob, dir: &Path, settings: &ImageSettings) -> Result<Lookup, Problem> {
    let bytes = read_source(job)?;
    let source_hash = hash(&bytes);
    let pixels = decode(&bytes)?;
    drop(bytes);
    let dims = (pixels.width, pixels.height);
    let dims_file = dims_path(dir, source_hash);
    write_atomically(&dims_file, format!("{} {}\n", dims.0, dims.1).as_bytes())
        .map_err(|e| Problem::cache(&dims_file, e))?;

    let mut image = layout(job, dir, settings, source_hash, dims);
    let mut sizes = HashMap::new();
    let mut missing: BTreeMap<(u32, u32), Vec<(Format, PathBuf)>> = BTreeMap::new();
    for (path, (size, format)) in needed_files(&image) {
        match cached_size(&path) {
            Some(bytes) => {
                sizes.insert(path, bytes);
            }
            None => missing.entry(size).or_default().push((format, path)),
        }
    }
    let counts = Counts {
        reused: sizes.len(),
        encoded: missing.values().map(Vec::len).sum(),
    };

    // One task per size: resize once, encode each missing format from the same pixels.
    let made: Vec<Vec<(PathBuf, u64)>> = missing
        .into_par_iter()
        .map(|(size, files)| {
            let resized = pixels.resized(size)?;
            files
                .into_iter()
                .map(|(format, path)| {
                    let encoded = match format {
                        Format::Jpeg => encode_jpeg(&resized, settings.jpeg_quality)?,
                        Format::Webp => encode_webp(&resized, settings.webp_quality)?,
                    };
                    write_atomically(&path, &encoded).map_err(|e| Problem::cache(&path, e))?;
                    Ok((path, encoded.len() as u64))
                })
                .collect::<Result<Vec<_>, Problem>>()
        })
        .collect::<Result<_, Problem>>()?;
    sizes.extend(made.into_iter().flatten());
    fill_sizes(&mut image, &sizes);
    Ok(Lookup::Found(image, counts))
}

/// Decoded, upright pixels: RGB, or RGBA when some pixel is not opaque.
struct Pixels<'a> {
    width: u32,
    height: u32,
    alpha: bool,
    data: Cow<'a, [u8]>,
}

impl Pixels<'_> {
    /// These pixels at another size (borrowed when the size is the same).
    fn resized(&self, (width, height): (u32, u32)) -> Result<Pixels<'_>, Problem> {
        if (width, height) == (self.width, self.height) {
            return Ok(Pixels {
                data: Cow::Borrowed(&self.data),
                ..*self
            });
        }
        let failed = |e: &dyn std::fmt::Display| {
            Problem::new(
                format!("cannot resize the image: {e}"),
                "This is a bug in Bayan; please report it with the image attached.",
            )
        };
        let pixel_type = if self.alpha {
            fir::PixelType::U8x4
        } else {
            fir::PixelType::U8x3
        };
        let src = fir::images::ImageRef::new(self.width, self.height, &self.data, pixel_type)
            .map_err(|e| failed(&e))?;
        let mut dst = fir::images::Image::new(width, height, pixel_type);
        let options = fir::ResizeOptions::new()
            .resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::Lanczos3));
        fir::Resizer::new()
            .resize(&src, &mut dst, &options)
            .map_err(|e| failed(&e))?;
        Ok(Pixels {
            width,
            height,
            alpha: self.alpha,
            data: Cow::Owned(dst.into_vec()),
        })
    }
}

fn check_size(width: u32, height: u32) -> Result<(), Problem> {
    if width == 0 || height == 0 {
        return Err(Problem::new(
            "the image has no pixels",
            "Export it again from the original and replace it.",
        ));
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::new(
            format!(
                "the image is {width}×{height} pixels, more than Bayan accepts \
                 ({MAX_SIDE} pixels a side, {} megapixels)",
                MAX_PIXELS / 1_000_000
            ),
            "Scale it down before adding it (4000 pixels across is plenty for the web).",
        ));
    }
    Ok(())
}

fn decode(bytes: &[u8]) -> Result<Pixels<'static>, Problem> {
    let format =
        match image::guess_format(bytes) {
            Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => f,
            _ if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" => return Err(Problem::new(
                "the file is a HEIC/AVIF image, which Bayan cannot read",
                "Export it as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible).",
            )),
            _ => return Err(Problem::new(
                "the file is not a JPEG, PNG or WebP image",
                "Export photos as JPEG and drawings as PNG; only the contents count, not the name.",
            )),
        };
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(Problem::new(
            "cannot decode the image: the JPEG is cut short, its picture data stops before the end",
            "The file was not copied or downloaded completely: copy it again from the original.",
        ));
    }
    let corrupt = |e: image::ImageError| match e {
        image::ImageError::Limits(_) => Problem::new(
            format!("the image is too large to decode safely: {e}"),
            "Scale it down before adding it (4000 pixels across is plenty for the web).",
        ),
        _ => Problem::new(
            format!("cannot decode the image: {e}"),
            "The file may be truncated or damaged: export it again from the original.",
        ),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    // Sizes are checked below with a clearer message; this bounds the decoder's own buffers.
    limits.max_alloc = Some(MAX_PIXELS * 8 + (64 << 20));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(corrupt)?;
    let (width, height) = decoder.dimensions();
    check_size(width, height)?;
    // A damaged EXIF block leaves the picture as stored rather than failing the image.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    image.apply_orientation(orientation);
    let (width, height) = (image.width(), image.height());

    let alpha = image.color().has_alpha();
    let data = if alpha {
        let rgba = image.into_rgba8().into_raw();
        if rgba.chunks_exact(4).all(|p| p[3] == u8::MAX) {
            rgba.chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect()
        } else {
            return Ok(Pixels {
                width,
                height,
                alpha: true,
                data: Cow::Owned(rgba),
            });
        }
    } else {
        image.into_rgb8().into_raw()
    };
    Ok(Pixels {
        width,
        height,
        alpha: false,
        data: Cow::Owned(data),
    })
}

/// Whether a JPEG runs to its end-of-image marker. The decoder fills a file cut short with grey
/// rather than failing, so a truncated copy would be published as a broken photo without a word.
/// Segments are walked by their lengths up to the picture data, whose end is the first marker
/// that is not a stuffed `FF 00`, a restart or fill; an embedded thumbnail's end marker sits
/// inside a segment and is skipped with it.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let mut i = 2;
    loop {
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let (Some(0xFF), Some(&marker)) = (bytes.get(i), bytes.get(i + 1)) else {
            return false;
        };
        match marker {
            0xD9 => return true,
            0x01 | 0xD0..=0xD7 => {
                i += 2;
                continue;
            }
            _ => {}
        }
        let Some(length) = bytes.get(i + 2..i + 4) else {
            return false;
        };
        i += 2 + usize::from(u16::from_be_bytes([length[0], length[1]]));
        if marker == 0xDA {
            loop {
                let Some(at) = bytes
                    .get(i..)
                    .and_then(|rest| rest.iter().position(|&b| b == 0xFF))
                else {
                    return false;
                };
                let ff = i + at;
                match bytes.get(ff + 1) {
                    None => return false,
                    Some(0x00 | 0xD0..=0xD7) => i = ff + 2,
                    Some(0xFF) => i = ff + 1,
                    Some(_) => {
                        i = ff;
                        break;
                    }
                }
            }
        }
    }
}

fn encode_jpeg(pixels: &Pixels, quality: u8) -> Result<Vec<u8>, Problem> {
    // JPEG has no alpha: transparent parts are laid on white, as a page behind them would be.
    let rgb: Cow<[u8]> = if pixels.alpha {
        Cow::Owned(
            pixels
                .data
                .chunks_exact(4)
                .flat_map(|p| {
                    let a = u32::from(p[3]);
                    let over_white =
                        |c: u8| ((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
                    [over_white(p[0]), over_white(p[1]), over_white(p[2])]
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(&pixels.data)
    };
    let mut out = Vec::with_capacity(rgb.len() / 8);
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality.clamp(1, 100))
        .encode(
            &rgb,
            pixels.width,
            pixels.height,
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| {
            Problem::new(
                format!("cannot encode the image as JPEG: {e}"),
                "This is a bug in Bayan; please report it with the image attached.",
            )
        })?;
    Ok(out)
}

fn encode_webp(pixels: &Pixels, quality: f32) -> Result<Vec<u8>, Problem> {
    let layout = if pixels.alpha {
        webp::PixelLayout::Rgba
    } else {
        webp::PixelLayout::Rgb
    };
    let encoder = webp::Encoder::new(&pixels.data, layout, pixels.width, pixels.height);
    let memory = encoder
        .encode_simple(false, quality.clamp(0.0, 100.0))
        .map_err(|e| {
            Problem::new(
                format!("cannot encode the image as WebP: {e:?}"),
                "This is a bug in Bayan; please report it with the image attached.",
            )
        })?;
    Ok(memory.to_vec())
}

/// Writes a file so that it is either whole or absent, even after a crash.
/// Writes a cache file through a temporary file and a rename, so a reader never sees half of it.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = path.with_file_name(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        // Without this, a power cut after the rename can leave an empty or partial file.
        file.sync_data()?;
        drop(file);
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

// ---- Metadata detection ----

/// True when bytes after a file's end marker are only padding.
fn is_padding(bytes: &[u8]) -> bool {
    bytes.iter().all(|&b| b == 0 || b == 0xFF)
}

fn jpeg_metadata(b: &[u8]) -> Option<&'static str> {
    let mut i = 2;
    while i + 1 < b.len() {
        if b[i] != 0xFF {
            // Entropy-coded data after a start of scan: look for the next marker.
            i += 1;
            continue;
        }
        let marker = b[i + 1];
        match marker {
            // Fill byte, stuffed zero, restart markers, TEM, SOI: no length follows.
            0xFF => {
                i += 1;
                continue;
            }
            0x00 | 0x01 | 0xD0..=0xD8 => {
                i += 2;
                continue;
            }
            0xD9 => {
                let rest = &b[i + 2..];
                return if is_padding(rest) {
                    None
                } else if rest.starts_with(&[0xFF, 0xD8]) {
                    // A second picture (MPF depth map, "motion photo" frame…) with its own tags.
                    jpeg_metadata(rest).or(Some("a second image after the end"))
                } else {
                    Some("data after the end of the image")
                };
            }
            _ => {}
        }
        if i + 4 > b.len() {
            return None;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        if len < 2 {
            return None;
        }
        let data = &b[(i + 4).min(b.len())..(i + 2 + len).min(b.len())];
        let found = match marker {
            0xE1 if data.starts_with(b"Exif\0") => Some("EXIF"),
            0xE1 if data.starts_with(b"http://ns.adobe.com/") => Some("XMP"),
            0xE1 => Some("APP1 metadata"),
            0xED => Some("IPTC"),
            0xEB => Some("C2PA"),
            0xFE => Some("comment"),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        i += 2 + len;
    }
    None
}

fn png_metadata(b: &[u8]) -> Option<&'static str> {
    let mut i = 8;
    while i + 8 <= b.len() {
        let len = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
        let kind = &b[i + 4..i + 8];
        let data = &b[(i + 8).min(b.len())..(i + 8).saturating_add(len).min(b.len())];
        let keyword = data.split(|&c| c == 0).next().unwrap_or_default();
        let found = match kind {
            k if k.eq_ignore_ascii_case(b"eXIf") => Some("EXIF"),
            b"iTXt" if keyword == b"XML:com.adobe.xmp" => Some("XMP"),
            b"tEXt" | b"zTXt" | b"iTXt" => Some(match keyword {
                b"Raw profile type exif" | b"Raw profile type APP1" => "EXIF",
                b"Raw profile type iptc" => "IPTC",
                b"Raw profile type xmp" => "XMP",
                _ => "text metadata",
            }),
            b"tIME" => Some("timestamp"),
            b"caBX" => Some("C2PA"),
            b"IEND" => {
                let rest = b
                    .get(i.saturating_add(12).saturating_add(len)..)
                    .unwrap_or_default();
                return (!is_padding(rest)).then_some("data after the end of the image");
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        i = i.saturating_add(12).saturating_add(len);
    }
    None
}

fn webp_metadata(b: &[u8]) -> Option<&'static str> {
    let mut i = 12;
    while i + 8 <= b.len() {
        let len = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
        match &b[i..i + 4] {
            b"EXIF" => return Some("EXIF"),
            b"XMP " => return Some("XMP"),
            _ => {}
        }
        i = i.saturating_add(8).saturating_add(len + (len & 1));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> ImageSettings {
        ImageSettings::default()
    }

    #[test]
    fn a_jpeg_cut_short_is_told_from_a_whole_one() {
        let photo =
            image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
        let mut whole = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut whole, 80)
            .encode_image(&photo)
            .unwrap();
        assert!(jpeg_is_complete(&whole));
        assert!(decode(&whole).is_ok());
        // Bytes some cameras append after the end marker do not matter.
        let mut trailer = whole.clone();
        trailer.extend_from_slice(b"\0\0camera trailer");
        assert!(jpeg_is_complete(&trailer));
        for cut in [whole.len() - 2, whole.len() / 2, 40, 3] {
            assert!(!jpeg_is_complete(&whole[..cut]), "cut at {cut}");
            let problem = decode(&whole[..cut]).err().expect("refused");
            assert!(problem.message.contains("cut short"), "{}", problem.message);
        }
    }

    #[test]
    fn sizes_never_upscale() {
        let s = settings();
        assert_eq!(
            target_sizes(3000, 2000, &s),
            [(480, 320), (960, 640), (1600, 1067)]
        );
        assert_eq!(target_sizes(400, 300, &s), [(400, 300)]);
        assert_eq!(target_sizes(480, 300, &s), [(480, 300)]);
        assert_eq!(
            target_sizes(1200, 900, &s),
            [(480, 360), (960, 720), (1200, 900)]
        );
        let none = ImageSettings {
            widths: vec![],
            ..s
        };
        assert_eq!(target_sizes(50, 10, &none), [(50, 10)]);
        assert_eq!(scaled_height(3000, 1, 480), 1);
    }

    #[test]
    fn cache_keys_depend_on_what_changes_the_bytes() {
        let dir = Path::new("/c");
        let s = settings();
        let base = cache_path(dir, 1, &s, Format::Jpeg, (480, 320));
        assert_eq!(base, cache_path(dir, 1, &s, Format::Jpeg, (480, 320)));
        assert_ne!(base, cache_path(dir, 2, &s, Format::Jpeg, (480, 320)));
        assert_ne!(base, cache_path(dir, 1, &s, Format::Jpeg, (960, 640)));
        let q = ImageSettings {
            jpeg_quality: 90,
            ..s.clone()
        };
        assert_ne!(base, cache_path(dir, 1, &q, Format::Jpeg, (480, 320)));
        // WebP quality does not touch JPEG files, and the reverse.
        let w = ImageSettings {
            webp_quality: 50.0,
            ..s.clone()
        };
        assert_eq!(base, cache_path(dir, 1, &w, Format::Jpeg, (480, 320)));
        assert!(base.to_str().unwrap().ends_with(".jpg"));
        // Pinned: a changed hash would silently orphan every cache.
        assert_eq!(hash(b"bayan"), xxhash_rust::xxh3::xxh3_64(b"bayan"));
        assert_eq!(hash(b""), 0x2d06800538d394c2);
    }

    #[test]
    fn layout_names_files_after_the_stem() {
        let job = ImageJob {
            source: "/s/01.jpg".into(),
            rel: "content/g/01.jpg".into(),
            url_stem: "/g/01".into(),
        };
        let s = ImageSettings {
            publish_originals: true,
            ..settings()
        };
        let image = layout(&job, Path::new("/c"), &s, 7, (400, 300));
        assert_eq!(image.variants.len(), 1);
        assert_eq!(image.variants[0].jpeg.url, "/g/01-400.jpg");
        let original = image.original.as_ref().unwrap();
        assert_eq!(original.webp.url, "/g/01.webp");
        // Same pixels, same settings: the original shares the variant's cache file.
        assert_eq!(original.jpeg.cached, image.variants[0].jpeg.cached);
        assert_eq!(needed_files(&image).len(), 2);
    }

    #[test]
    fn dims_sidecar_is_validated() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.dims");
        for (text, expected) in [
            ("3000 2000\n", Some((3000, 2000))),
            ("3000", None),
            ("0 5", None),
            ("99999 5", None),
            ("1 2 3", None),
        ] {
            fs::write(&p, text).unwrap();
            assert_eq!(read_dims(&p), expected, "{text:?}");
        }
    }

    #[test]
    fn jpeg_walker_skips_entropy_data_and_finds_late_segments() {
        // SOI, SOS with entropy bytes containing FF00 and a restart marker, then a COM, EOI.
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0x12, 0xFF, 0x00, 0x34];
        b.extend([
            0xFF, 0xD0, 0x56, 0xFF, 0xFE, 0x00, 0x04, b'h', b'i', 0xFF, 0xD9,
        ]);
        assert_eq!(embedded_metadata(&b), Some("comment"));
        let clean = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0x12, 0xFF, 0xD9, 0, 0];
        assert_eq!(embedded_metadata(&clean), None);
        let trailing = [0xFF, 0xD8, 0xFF, 0xD9, b'f', b't', b'y', b'p'];
        assert!(embedded_metadata(&trailing).is_some());
        // Truncated or nonsense input neither panics nor reports.
        assert_eq!(embedded_metadata(&[0xFF, 0xD8, 0xFF]), None);
        assert_eq!(embedded_metadata(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00]), None);
        assert_eq!(
            embedded_metadata(b"\x89PNG\r\n\x1a\n\xff\xff\xff\xfftEXt"),
            Some("text metadata")
        );
        assert_eq!(
            embedded_metadata(b"RIFF\0\0\0\0WEBPVP8 \xff\xff\xff\xff"),
            None
        );
    }

    #[test]
    fn warm_run_does_not_decode() {
        // The source is not even an image: only the cache can answer for it.
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("01.jpg");
        fs::write(&source, b"not decodable").unwrap();
        let job = ImageJob {
            source: source.clone(),
            rel: "content/g/01.jpg".into(),
            url_stem: "/g/01".into(),
        };
        let cache = dir.path().join("cache");
        let images = cache.join("images");
        fs::create_dir_all(&images).unwrap();
        let source_hash = hash(b"not decodable");
        fs::write(dims_path(&images, source_hash), "2000 1000\n").unwrap();
        let expected = layout(&job, &images, &settings(), source_hash, (2000, 1000));
        for path in needed_files(&expected).into_keys() {
            fs::write(path, b"12345").unwrap();
        }
        let (found, diagnostics, stats) = process(&[job], &cache, &settings());
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            stats,
            ProcessStats {
                images: 1,
                encoded: 0,
                reused: 6
            }
        );
        let image = &found[&source];
        assert_eq!((image.width, image.height), (2000, 1000));
        assert_eq!(image.variants[2].webp.bytes, 5);
    }

    #[test]
    fn atomic_write_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jpg");
        write_atomically(&p, b"one").unwrap();
        write_atomically(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
