//! Gallery photos: resized, upright, re-encoded without a trace of where, when or with what
//! camera they were taken, and not encoded again when nothing changed.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bayan::images::*;
use common::photos::{camera_jpeg, encode_jpeg, exif_tiff, gps_rationals};

mod common;
use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

const SERIAL: &str = "SN-CAM-4242-ACTIVIST";
const RED: Rgb<u8> = Rgb([220, 20, 20]);
const BLUE: Rgb<u8> = Rgb([20, 40, 220]);

// ---- Inputs, all made here ----

const LAT: f64 = 31.7683;
const LON: f64 = 35.2137;

fn camera_exif() -> Vec<u8> {
    exif_tiff(6, SERIAL, LAT, LON)
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend(kind);
    out.extend(data);
    let mut crc_input = kind.to_vec();
    crc_input.extend(data);
    out.extend(crc32(&crc_input).to_be_bytes());
    out
}

fn encode_png(img: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgba8,
        )
        .unwrap();
    out
}

/// Inserts a chunk right after IHDR (signature 8 bytes + IHDR 25 bytes).
fn png_with_chunk(png: &[u8], chunk: &[u8]) -> Vec<u8> {
    let mut out = png[..33].to_vec();
    out.extend(chunk);
    out.extend(&png[33..]);
    out
}

/// A lossy WebP turned into an extended one (VP8X) that carries an EXIF chunk.
fn webp_with_exif(img: &RgbImage, tiff: &[u8]) -> Vec<u8> {
    let simple = webp::Encoder::from_rgb(img.as_raw(), img.width(), img.height()).encode(80.0);
    assert_eq!(&simple[..4], b"RIFF");
    let mut body = b"WEBP".to_vec();
    body.extend(b"VP8X");
    body.extend(10u32.to_le_bytes());
    body.extend([0x08, 0, 0, 0]); // flags: EXIF present
    body.extend(&(img.width() - 1).to_le_bytes()[..3]);
    body.extend(&(img.height() - 1).to_le_bytes()[..3]);
    body.extend(&simple[12..]);
    body.extend(b"EXIF");
    body.extend((tiff.len() as u32).to_le_bytes());
    body.extend(tiff);
    if tiff.len() % 2 == 1 {
        body.push(0);
    }
    let mut out = b"RIFF".to_vec();
    out.extend((body.len() as u32).to_le_bytes());
    out.extend(body);
    out
}

/// Top-left quadrant red, the rest blue.
fn quadrants(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        if x < width / 2 && y < height / 2 {
            RED
        } else {
            BLUE
        }
    })
}

/// Something like a photograph: smooth light, fine texture and sharp edges.
fn photo_like(width: u32, height: u32, seed: u32) -> RgbImage {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state % 24) as f32 - 12.0;
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let sky = 1.0 - fy;
        let wave = ((fx * 37.0 + (fy * 11.0).sin() * 3.0).sin() * 0.5 + 0.5) * 60.0;
        let building = (x / 97 + y / 131) % 5 == 0 && fy > 0.4;
        let base = if building {
            [90.0, 80.0, 70.0]
        } else {
            [
                80.0 + 120.0 * sky + wave * 0.3,
                100.0 + 90.0 * sky + wave * 0.5,
                140.0 + 100.0 * sky - wave * 0.2,
            ]
        };
        Rgb(base.map(|c: f32| (c + noise).clamp(0.0, 255.0) as u8))
    })
}

// ---- Helpers ----

struct Site {
    _dir: tempfile::TempDir,
    root: PathBuf,
    cache: PathBuf,
}

fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    fs::create_dir_all(root.join("content/gallery")).unwrap();
    let cache = dir.path().join("cache");
    Site {
        root,
        cache,
        _dir: dir,
    }
}

impl Site {
    fn add(&self, name: &str, bytes: &[u8]) -> ImageJob {
        let rel = PathBuf::from("content/gallery").join(name);
        let source = self.root.join(&rel);
        fs::write(&source, bytes).unwrap();
        let stem = Path::new(name).file_stem().unwrap().to_str().unwrap();
        ImageJob {
            source,
            rel,
            url_stem: format!("/gallery/{stem}"),
        }
    }
}

fn files(image: &ProcessedImage) -> Vec<(&Variant, &EncodedFile)> {
    image
        .variants
        .iter()
        .chain(&image.original)
        .flat_map(|v| [(v, &v.jpeg), (v, &v.webp)])
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every output decodes at its stated size, carries no metadata and none of `secrets`.
fn assert_clean(image: &ProcessedImage, secrets: &[&[u8]]) {
    for (variant, file) in files(image) {
        let bytes = fs::read(&file.cached).unwrap();
        assert_eq!(bytes.len() as u64, file.bytes, "{}", file.url);
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!(
            (decoded.width(), decoded.height()),
            (variant.width, variant.height),
            "{}",
            file.url
        );
        assert_eq!(embedded_metadata(&bytes), None, "{}", file.url);
        for secret in secrets {
            assert!(!contains(&bytes, secret), "{} leaks {secret:?}", file.url);
        }
        let format = image::guess_format(&bytes).unwrap();
        let expected = if file.url.ends_with(".jpg") {
            image::ImageFormat::Jpeg
        } else {
            image::ImageFormat::WebP
        };
        assert_eq!(format, expected, "{}", file.url);
    }
}

fn is_red(p: Rgb<u8>) -> bool {
    p[0] > 150 && p[2] < 100
}

fn is_blue(p: Rgb<u8>) -> bool {
    p[2] > 150 && p[0] < 100
}

fn only<'a>(
    images: &'a std::collections::HashMap<PathBuf, ProcessedImage>,
    job: &ImageJob,
) -> &'a ProcessedImage {
    images.get(&job.source).expect("the job has a result")
}

// ---- Tests ----

#[test]
fn camera_jpeg_becomes_upright_resized_and_metadata_free() {
    let site = site();
    let tiff = camera_exif();
    let input = camera_jpeg(&quadrants(3000, 2000), &tiff);
    // The input does carry what must not leak.
    assert_eq!(embedded_metadata(&input), Some("EXIF"));
    assert!(contains(&input, SERIAL.as_bytes()));
    let lat = gps_rationals(LAT);
    let lon = gps_rationals(LON);
    assert!(contains(&input, &lat) && contains(&input, &lon));

    let job = site.add("01.jpg", &input);
    let (images, diagnostics, stats) = process(
        std::slice::from_ref(&job),
        &site.cache,
        &ImageSettings::default(),
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(stats.images, 1);
    assert_eq!(stats.encoded, 6);
    assert_eq!(stats.reused, 0);

    let image = only(&images, &job);
    // Orientation 6 turns 3000×2000 as stored into 2000×3000 as seen.
    assert_eq!((image.width, image.height), (2000, 3000));
    let sizes: Vec<_> = image.variants.iter().map(|v| (v.width, v.height)).collect();
    assert_eq!(sizes, [(480, 720), (960, 1440), (1600, 2400)]);
    assert_eq!(image.original, None);
    let urls: Vec<_> = image
        .variants
        .iter()
        .flat_map(|v| [v.jpeg.url.as_str(), v.webp.url.as_str()])
        .collect();
    assert_eq!(
        urls,
        [
            "/gallery/01-480.jpg",
            "/gallery/01-480.webp",
            "/gallery/01-960.jpg",
            "/gallery/01-960.webp",
            "/gallery/01-1600.jpg",
            "/gallery/01-1600.webp",
        ]
    );
    for (_, file) in files(image) {
        assert!(file.cached.starts_with(site.cache.join("images")));
    }
    assert_clean(image, &[SERIAL.as_bytes(), &lat, &lon, b"Exif"]);

    // Rotated 90° clockwise, the red top-left corner is now the top right, in both formats.
    for file in [&image.variants[0].jpeg, &image.variants[0].webp] {
        let out = image::open(&file.cached).unwrap().to_rgb8();
        let (w, h) = out.dimensions();
        let at = |fx: f32, fy: f32| *out.get_pixel((w as f32 * fx) as u32, (h as f32 * fy) as u32);
        assert!(is_red(at(0.75, 0.25)), "{}: {:?}", file.url, at(0.75, 0.25));
        assert!(is_blue(at(0.25, 0.25)), "{}", file.url);
        assert!(is_blue(at(0.25, 0.75)), "{}", file.url);
        assert!(is_blue(at(0.75, 0.75)), "{}", file.url);
    }
}

#[test]
fn second_run_encodes_nothing() {
    let site = site();
    let jobs = [
        site.add(
            "a.jpg",
            &camera_jpeg(&photo_like(1200, 800, 1), &camera_exif()),
        ),
        site.add("b.jpg", &encode_jpeg(&photo_like(900, 600, 2))),
    ];
    let settings = ImageSettings::default();
    let (first, diagnostics, cold) = process(&jobs, &site.cache, &settings);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(cold.reused, 0);
    assert!(cold.encoded > 0);

    let started = Instant::now();
    let (second, diagnostics, warm) = process(&jobs, &site.cache, &settings);
    let warm_time = started.elapsed();
    assert!(diagnostics.is_empty());
    assert_eq!(warm.encoded, 0);
    assert_eq!(warm.reused, cold.encoded);
    assert_eq!(warm.images, 2);
    assert_eq!(first, second, "a warm run describes the same files");
    eprintln!("warm run over 2 images: {warm_time:?}");
}

#[test]
fn size_sidecar_records_the_upright_size() {
    let site = site();
    let job = site.add("a.jpg", &camera_jpeg(&quadrants(1000, 700), &camera_exif()));
    let settings = ImageSettings::default();
    let (images, _, _) = process(std::slice::from_ref(&job), &site.cache, &settings);
    let dims: Vec<_> = fs::read_dir(site.cache.join("images"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "dims"))
        .collect();
    assert_eq!(dims.len(), 1);
    assert_eq!(fs::read_to_string(&dims[0]).unwrap().trim(), "700 1000");
    // Without it the warm run has to decode again, but still encodes nothing.
    fs::remove_file(&dims[0]).unwrap();
    let (again, _, stats) = process(std::slice::from_ref(&job), &site.cache, &settings);
    assert_eq!(stats.encoded, 0);
    assert_eq!(only(&again, &job), only(&images, &job));
    assert!(dims[0].exists(), "written again");
}

#[test]
fn changing_one_source_reencodes_only_that_image() {
    let site = site();
    let a = site.add("a.jpg", &encode_jpeg(&photo_like(1000, 800, 4)));
    let b = site.add("b.jpg", &encode_jpeg(&photo_like(1000, 800, 5)));
    let jobs = [a.clone(), b.clone()];
    let settings = ImageSettings::default();
    let (first, _, cold) = process(&jobs, &site.cache, &settings);
    let per_image = files(only(&first, &a)).len();
    assert_eq!(per_image, 6); // 480, 960 and 1000 (the original's width), twice each
    assert_eq!(cold.encoded, 2 * per_image);

    fs::write(&b.source, encode_jpeg(&photo_like(1000, 800, 6))).unwrap();
    let (second, diagnostics, stats) = process(&jobs, &site.cache, &settings);
    assert!(diagnostics.is_empty());
    assert_eq!(stats.encoded, per_image);
    assert_eq!(stats.reused, per_image);
    assert_eq!(only(&second, &a), only(&first, &a));
    assert_ne!(only(&second, &b), only(&first, &b));

    // A setting that changes one format's bytes re-encodes only that format.
    let webp_only = ImageSettings {
        webp_quality: 60.0,
        ..settings
    };
    let (_, _, stats) = process(&jobs, &site.cache, &webp_only);
    assert_eq!(stats.encoded, per_image); // 3 WebP files for each of the 2 images
    assert_eq!(stats.reused, per_image);
}

#[test]
fn narrow_png_is_not_upscaled_and_transparency_lands_on_white() {
    let site = site();
    // Left half transparent, right half opaque green.
    let png = encode_png(&RgbaImage::from_fn(400, 300, |x, _| {
        if x < 200 {
            Rgba([0, 0, 0, 0])
        } else {
            Rgba([0, 160, 0, 255])
        }
    }));
    let job = site.add("logo.png", &png);
    let (images, diagnostics, stats) = process(
        std::slice::from_ref(&job),
        &site.cache,
        &ImageSettings::default(),
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(stats.encoded, 2);
    let image = only(&images, &job);
    assert_eq!(image.variants.len(), 1);
    let v = &image.variants[0];
    assert_eq!((v.width, v.height), (400, 300));
    assert_eq!(v.jpeg.url, "/gallery/logo-400.jpg");
    assert_clean(image, &[]);

    let jpeg = image::open(&v.jpeg.cached).unwrap().to_rgb8();
    let p = jpeg.get_pixel(50, 150);
    assert!(p.0.iter().all(|&c| c > 240), "transparent became {p:?}");
    let webp = image::open(&v.webp.cached).unwrap();
    assert!(webp.color().has_alpha(), "WebP keeps transparency");
    assert!(webp.to_rgba8().get_pixel(50, 150)[3] < 16);
    assert!(webp.to_rgba8().get_pixel(350, 150)[3] > 240);
}

#[test]
fn originals_are_published_full_size_and_clean_when_asked() {
    let site = site();
    let tiff = camera_exif();
    let job = site.add("01.jpg", &camera_jpeg(&quadrants(1200, 900), &tiff));
    let settings = ImageSettings {
        publish_originals: true,
        ..ImageSettings::default()
    };
    let (images, diagnostics, stats) = process(std::slice::from_ref(&job), &site.cache, &settings);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let image = only(&images, &job);
    let original = image.original.as_ref().expect("an original");
    assert_eq!((original.width, original.height), (900, 1200));
    assert_eq!(original.jpeg.url, "/gallery/01.jpg");
    assert_eq!(original.webp.url, "/gallery/01.webp");
    // 480 and 900 (the original's width, capped from 960 and 1600); the original is the 900
    // variant's file, so it is encoded once.
    let widths: Vec<_> = image.variants.iter().map(|v| v.width).collect();
    assert_eq!(widths, [480, 900]);
    assert_eq!(original.jpeg.cached, image.variants[1].jpeg.cached);
    assert_eq!(stats.encoded, 4);
    assert_clean(
        image,
        &[SERIAL.as_bytes(), &gps_rationals(LAT), &gps_rationals(LON)],
    );

    // Without the setting there is no original.
    let (images, _, stats) = process(
        std::slice::from_ref(&job),
        &site.cache,
        &ImageSettings::default(),
    );
    assert_eq!(only(&images, &job).original, None);
    assert_eq!(stats.encoded, 0);
}

#[test]
fn webp_and_png_inputs_lose_their_metadata_too() {
    let site = site();
    let tiff = camera_exif();
    let webp_input = webp_with_exif(&quadrants(800, 600), &tiff);
    assert_eq!(embedded_metadata(&webp_input), Some("EXIF"));
    let mut text = b"Comment\0".to_vec();
    text.extend(b"Taken at Jerusalem, 31.7683 N 35.2137 E");
    let png_input = png_with_chunk(
        &encode_png(&RgbaImage::from_pixel(640, 480, Rgba([10, 120, 200, 255]))),
        &png_chunk(b"tEXt", &text),
    );
    assert_eq!(embedded_metadata(&png_input), Some("text metadata"));
    let xmp = png_with_chunk(
        &encode_png(&RgbaImage::from_pixel(4, 4, Rgba([0, 0, 0, 255]))),
        &png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>"),
    );
    assert_eq!(embedded_metadata(&xmp), Some("XMP"));

    let jobs = [
        site.add("w.webp", &webp_input),
        site.add("p.png", &png_input),
    ];
    let (images, diagnostics, _) = process(&jobs, &site.cache, &ImageSettings::default());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let webp = only(&images, &jobs[0]);
    // The EXIF chunk's orientation (6) is applied to WebP input too.
    assert_eq!((webp.width, webp.height), (600, 800));
    assert_clean(webp, &[SERIAL.as_bytes(), &gps_rationals(LAT)]);
    assert_clean(only(&images, &jobs[1]), &[b"Jerusalem"]);
}

#[test]
fn metadata_detection_reads_containers() {
    // Clean files from the encoders Bayan uses.
    let img = quadrants(64, 48);
    assert_eq!(embedded_metadata(&encode_jpeg(&img)), None);
    let webp = webp::Encoder::from_rgb(img.as_raw(), 64, 48).encode(75.0);
    assert_eq!(embedded_metadata(&webp), None);
    let png = encode_png(&RgbaImage::from_pixel(8, 8, Rgba([1, 2, 3, 255])));
    assert_eq!(embedded_metadata(&png), None);
    // XMP and IPTC in JPEG.
    let plain = encode_jpeg(&img);
    let with_segment = |marker: u8, payload: &[u8]| {
        let mut out = vec![0xFF, 0xD8, 0xFF, marker];
        out.extend(((payload.len() + 2) as u16).to_be_bytes());
        out.extend(payload);
        out.extend(&plain[2..]);
        out
    };
    assert_eq!(
        embedded_metadata(&with_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x/>")),
        Some("XMP")
    );
    assert_eq!(
        embedded_metadata(&with_segment(0xED, b"Photoshop 3.0\08BIM")),
        Some("IPTC")
    );
    // An ICC profile is colour, not location.
    assert_eq!(
        embedded_metadata(&with_segment(0xE2, b"ICC_PROFILE\0\x01\x01")),
        None
    );
    // A name does not matter; bytes that are no image carry nothing we can read.
    assert_eq!(embedded_metadata(b"Exif\0\0 not a container"), None);
}

#[test]
fn bad_files_become_diagnostics_naming_them() {
    let site = site();
    let good = site.add("good.jpg", &encode_jpeg(&photo_like(600, 400, 7)));
    let text = site.add("notes.jpg", b"these are meeting notes, not a photo");
    let mut broken = encode_jpeg(&photo_like(600, 400, 8));
    broken.truncate(300);
    broken.extend([0x13; 200]);
    let broken = site.add("broken.jpg", &broken);
    let heic = site.add("iphone.jpg", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic");
    // A PNG header that claims 20000×100 pixels.
    let mut huge = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = 20_000u32.to_be_bytes().to_vec();
    ihdr.extend(100u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    huge.extend(png_chunk(b"IHDR", &ihdr));
    huge.extend(png_chunk(b"IDAT", &[0x78, 0x9C, 0, 0]));
    huge.extend(png_chunk(b"IEND", &[]));
    let huge = site.add("huge.png", &huge);
    let mut missing = site.add("gone.jpg", b"");
    missing.source = site.root.join("content/gallery/not-there.jpg");

    let jobs = [
        good.clone(),
        text.clone(),
        broken.clone(),
        heic.clone(),
        huge.clone(),
        missing.clone(),
    ];
    let (images, diagnostics, stats) = process(&jobs, &site.cache, &ImageSettings::default());
    assert_eq!(images.len(), 1, "only the good image has a result");
    assert!(images.contains_key(&good.source));
    assert_eq!(stats.images, 1);
    for d in &diagnostics {
        eprintln!("{d}");
        assert!(d.is_error());
        assert!(d.hint.is_some());
    }
    let message = |job: &ImageJob| {
        let found: Vec<_> = diagnostics.iter().filter(|d| d.path == job.rel).collect();
        assert_eq!(found.len(), 1, "one diagnostic for {}", job.rel.display());
        found[0].message.clone()
    };
    assert!(message(&text).contains("not a JPEG, PNG or WebP"));
    assert!(message(&broken).contains("decode"));
    assert!(message(&heic).contains("HEIC"));
    assert!(message(&huge).contains("20000×100"));
    assert!(message(&missing).contains("cannot read"));
    assert_eq!(diagnostics.len(), 5);
    // Nothing half-written is left in the cache.
    for entry in fs::read_dir(site.cache.join("images")).unwrap() {
        let name = entry.unwrap().file_name();
        assert!(!name.to_string_lossy().ends_with(".tmp"), "{name:?}");
    }
}

#[test]
fn empty_job_list_touches_nothing() {
    let site = site();
    let (images, diagnostics, stats) = process(&[], &site.cache, &ImageSettings::default());
    assert!(images.is_empty() && diagnostics.is_empty());
    assert_eq!(stats, ProcessStats::default());
    assert!(!site.cache.exists());
}

/// Timings and sizes for the report: `cargo test --release --test images -- --ignored --nocapture`.
#[test]
#[ignore]
fn report_timings_and_sizes() {
    let site = site();
    let settings = ImageSettings::default();
    let one = [site.add(
        "one.jpg",
        &camera_jpeg(&photo_like(3000, 2000, 11), &camera_exif()),
    )];
    let t = Instant::now();
    let (images, _, stats) = process(&one, &site.cache, &settings);
    eprintln!("one 3000×2000 cold: {:?} ({stats:?})", t.elapsed());
    let t = Instant::now();
    let (_, _, stats) = process(&one, &site.cache, &settings);
    eprintln!("one 3000×2000 warm: {:?} ({stats:?})", t.elapsed());
    for v in &only(&images, &one[0]).variants {
        eprintln!(
            "  synthetic {}×{}: jpeg {} KB, webp {} KB",
            v.width,
            v.height,
            v.jpeg.bytes / 1024,
            v.webp.bytes / 1024
        );
    }

    let twelve: Vec<_> = (0..12)
        .map(|i| {
            site.add(
                &format!("p{i:02}.jpg"),
                &encode_jpeg(&photo_like(3000, 2000, 100 + i)),
            )
        })
        .collect();
    let t = Instant::now();
    let (_, _, stats) = process(&twelve, &site.cache, &settings);
    eprintln!("12 × 3000×2000 cold: {:?} ({stats:?})", t.elapsed());
    let t = Instant::now();
    let (_, _, stats) = process(&twelve, &site.cache, &settings);
    eprintln!("12 × 3000×2000 warm: {:?} ({stats:?})", t.elapsed());

    // A real photograph, when one is at hand (BAYAN_PHOTO=path).
    if let Ok(path) = std::env::var("BAYAN_PHOTO") {
        let bytes = fs::read(&path).unwrap();
        eprintln!(
            "{path}: {} KB, metadata {:?}",
            bytes.len() / 1024,
            embedded_metadata(&bytes)
        );
        let job = [site.add("real.jpg", &bytes)];
        let t = Instant::now();
        let (images, diagnostics, _) = process(&job, &site.cache, &settings);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        eprintln!("  cold: {:?}", t.elapsed());
        let image = only(&images, &job[0]);
        assert_clean(image, &[]);
        for v in &image.variants {
            eprintln!(
                "  {}×{}: jpeg {} KB, webp {} KB",
                v.width,
                v.height,
                v.jpeg.bytes / 1024,
                v.webp.bytes / 1024
            );
        }
    }
}
