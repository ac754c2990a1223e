//! Galleries, photos and videos in real builds: responsive pictures, no upscaling, no metadata
//! in anything published, originals kept back, the cache, and no third-party request before the
//! reader asks for a video.

mod common;

use bayan::images::embedded_metadata;
use common::photos::{camera_jpeg, exif_tiff};
use common::{Site, THEME_CONFIG as CONFIG};
use image::{Rgb, RgbImage};

const SERIAL: &str = "SN-TEST-CAMERA-0042";

/// A JPEG from a camera: EXIF with GPS (Jerusalem) and a serial number.
fn camera_photo(width: u32, height: u32, shade: u8) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        Rgb([shade, (x % 256) as u8, (y % 256) as u8])
    });
    camera_jpeg(&img, &exif_tiff(1, SERIAL, 31.7683, 35.2137))
}

fn small_png() -> Vec<u8> {
    let img = RgbImage::from_pixel(400, 300, Rgb([10, 120, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

const PHOTOS: &str = r#"
[[photos]]
file = "hall.jpg"
[photos.alt]
ar = "القاعة ممتلئة"
en = "The hall, full"
[photos.caption]
ar = "الجلسة الافتتاحية"
en = "The opening session"

[[photos]]
file = "small.png"
[photos.alt]
ar = "شعار صغير"
en = "A small logo"
"#;

fn site() -> Site {
    let site = Site::with_default_theme(CONFIG);
    site.write("content/_index.md", "+++\ntitle = \"بيان\"\n+++\n");
    site.write("content/_index.en.md", "+++\ntitle = \"Bayan\"\n+++\n");
    let front = "date = 2023-06-05\ngallery = \"gallery\"\n\n[[videos]]\ntitle = \"Highlights\"\nyoutube = \"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"\nposter = \"poster.jpg\"\n\n[[videos]]\ntitle = \"On Vimeo\"\nvimeo = \"https://vimeo.com/76979871\"\nposter = \"poster.jpg\"\n\n[[videos]]\ntitle = \"Our clip\"\nfile = \"clip.webm\"\nposter = \"poster.jpg\"\n";
    site.write(
        "content/events/paris/index.md",
        &format!("+++\ntitle = \"باريس\"\n{front}+++\n![منصة المؤتمر](stage.jpg)\n\nنص.\n"),
    );
    site.write(
        "content/events/paris/index.en.md",
        &format!("+++\ntitle = \"Paris\"\n{front}+++\n![The stage](stage.jpg)\n\nText.\n"),
    );
    site.write_bytes(
        "content/events/paris/stage.jpg",
        &camera_photo(2000, 1000, 200),
    );
    site.write_bytes(
        "content/events/paris/poster.jpg",
        &camera_photo(800, 450, 50),
    );
    site.write_bytes(
        "content/events/paris/clip.webm",
        b"\x1a\x45\xdf\xa3 not really a video",
    );
    site.write_bytes(
        "content/events/paris/gallery/hall.jpg",
        &camera_photo(1200, 800, 120),
    );
    site.write_bytes("content/events/paris/gallery/small.png", &small_png());
    site.write("content/events/paris/gallery/photos.toml", PHOTOS);
    site
}

fn published_images(site: &Site) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_lowercase();
            [".jpg", ".jpeg", ".png", ".webp"]
                .iter()
                .any(|x| name.ends_with(x))
        })
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn photos_become_responsive_pictures_without_metadata() {
    let site = site();
    let run = site.build(&[]);
    run.assert_ok();
    assert!(
        run.stdout
            .contains("Processed 4 images (18 files encoded, 0 taken from the cache)"),
        "{}",
        run.stdout
    );
    let html = site.output("en/events/paris/index.html");

    // The Markdown photo: WebP and JPEG at each width up to its own, intrinsic size, shown at
    // once (the page's first image).
    assert!(html.contains(r#"<picture><source type="image/webp" srcset="../../../events/paris/stage-480.webp 480w, ../../../events/paris/stage-960.webp 960w, ../../../events/paris/stage-1600.webp 1600w""#), "{html}");
    assert!(
        html.contains(r#"width="1600" height="800" alt="The stage" loading="eager" decoding="async"></picture>"#),
        "{html}"
    );
    // Gallery: 1200 px is never upscaled to 1600; 400 px gets a single size.
    assert!(html.contains("gallery/hall-1200.webp 1200w\""), "{html}");
    assert!(!html.contains("hall-1600"));
    assert!(
        html.contains(r#"srcset="../../../events/paris/gallery/small-400.webp 400w""#),
        "{html}"
    );
    assert!(
        html.contains(r#"width="400" height="300" alt="A small logo" loading="lazy""#),
        "{html}"
    );
    for (path, bytes) in published_images(&site) {
        let img = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(img.width() <= 1600, "{path}");
        assert_eq!(embedded_metadata(&bytes), None, "{path} carries metadata");
        assert!(
            !bytes.windows(SERIAL.len()).any(|w| w == SERIAL.as_bytes()),
            "{path} carries the serial number"
        );
    }
    // The originals, with their GPS position, are not published.
    assert!(!site.has_output("events/paris/stage.jpg"));
    assert!(!site.has_output("events/paris/gallery/hall.jpg"));
    assert!(
        !site.has_output("events/paris/gallery/photos.toml")
            || !site.output("events/paris/gallery/photos.toml").is_empty()
    );
}

#[test]
fn the_gallery_works_without_javascript() {
    let site = site();
    site.build(&[]).assert_ok();
    let html = site.output("events/paris/index.html");
    assert!(
        html.contains(r##"<a href="#photo-1" class="gallery-thumb"><picture>"##),
        "{html}"
    );
    assert!(
        html.contains(
            r#"<div class="lightbox" id="photo-1" role="group" aria-label="الصورة ١ من ٢">"#
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "<figcaption>الجلسة الافتتاحية <span class=\"count\">الصورة ١ من ٢</span></figcaption>"
        ),
        "{html}"
    );
    assert!(
        html.contains(r##"<a href="#photo-2" rel="next" data-gallery="next">الصورة التالية</a>"##),
        "{html}"
    );
    assert!(
        html.contains(r##"<a href="#photo-1" rel="prev" data-gallery="prev">الصورة السابقة</a>"##),
        "{html}"
    );
    assert!(
        html.contains(r##"<a href="#gallery" class="close" data-gallery="close">"##),
        "{html}"
    );
    assert!(
        html.contains("صورتان"),
        "Arabic dual for two photos: {html}"
    );
}

#[test]
fn no_request_to_youtube_or_vimeo_before_the_reader_asks() {
    let site = site();
    site.build(&[]).assert_ok();
    // Hosts that read `_headers` let the players in, and no other frame.
    let headers = site.output("_headers");
    assert!(
        headers.contains(
            "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com;"
        ),
        "{headers}"
    );
    for page in ["events/paris/index.html", "en/events/paris/index.html"] {
        let html = site.output(page);
        for attribute in ["src=\"", "srcset=\"", "poster=\"", "data=\""] {
            for (i, _) in html.match_indices(attribute) {
                let value = &html[i + attribute.len()..];
                let value = &value[..value.find('"').unwrap()];
                assert!(
                    !value.contains("youtube") && !value.contains("vimeo"),
                    "{page}: {attribute}{value}"
                );
            }
        }
        assert!(!html.contains("<iframe"), "{page}");
        // Without JavaScript the poster is a link to the video's page; the script swaps in the
        // privacy-enhanced player only on click.
        assert!(html.contains(r#"href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1""#), "{html}");
        assert!(
            html.contains(
                r#"data-embed="https://player.vimeo.com/video/76979871?dnt=1&amp;autoplay=1""#
            ),
            "{html}"
        );
        assert!(
            html.contains(r#"<video controls preload="none" poster=""#),
            "{html}"
        );
        assert!(html.contains(r#"type="video/webm""#), "{html}");
        // The script under its fingerprinted name (`media.1a2b3c4d.js`).
        assert!(
            html.contains("/media.") && html.contains(".js\" defer>"),
            "{html}"
        );
    }
}

#[test]
fn a_second_build_encodes_nothing_and_one_change_encodes_one_photo() {
    let site = site();
    site.build(&[]).assert_ok();
    let second = site.build(&[]);
    assert!(
        second
            .stdout
            .contains("Processed 4 images (0 files encoded, 18 taken from the cache)"),
        "{}",
        second.stdout
    );
    site.write_bytes(
        "content/events/paris/gallery/hall.jpg",
        &camera_photo(1200, 800, 7),
    );
    let third = site.build(&[]);
    // hall.jpg at 480, 960 and 1200, in JPEG and WebP.
    assert!(
        third
            .stdout
            .contains("Processed 4 images (6 files encoded, 12 taken from the cache)"),
        "{}",
        third.stdout
    );
}

#[test]
fn originals_only_when_asked_and_then_without_metadata() {
    let site = site();
    let config = format!("{CONFIG}\n[images]\npublish_originals = true\nwidths = [320, 640]\n");
    site.write("config.toml", &config);
    site.build(&[]).assert_ok();
    let original = std::fs::read(site.path("public/events/paris/stage.jpg")).unwrap();
    assert_eq!(image::load_from_memory(&original).unwrap().width(), 2000);
    assert_eq!(embedded_metadata(&original), None);
    let html = site.output("events/paris/index.html");
    assert!(html.contains("stage-640.webp 640w"), "{html}");
}

#[test]
fn a_photo_without_alt_text_is_an_error_naming_it() {
    let site = site();
    site.write(
        "content/events/paris/gallery/photos.toml",
        &PHOTOS.replace("en = \"A small logo\"\n", ""),
    );
    site.build(&[])
        .assert_error("gallery/photos.toml:")
        .assert_error("`small.png` has no alt text in `en`");
    site.write(
        "content/events/paris/gallery/photos.toml",
        &PHOTOS[..PHOTOS.find("[[photos]]\nfile = \"small.png\"").unwrap()],
    );
    site.build(&[])
        .assert_error("the photo `small.png` has no alt text");
}

#[test]
fn videos_are_checked() {
    let site = site();
    let page = std::fs::read_to_string(site.path("content/events/paris/index.en.md")).unwrap();
    site.write(
        "content/events/paris/index.en.md",
        &page.replace(
            "poster = \"poster.jpg\"\n\n[[videos]]\ntitle = \"On Vimeo\"",
            "poster = \"missing.jpg\"\n\n[[videos]]\ntitle = \"On Vimeo\"",
        ),
    );
    site.build(&[])
        .assert_error("content/events/paris/index.en.md:")
        .assert_error("poster `missing.jpg`");
    site.write(
        "content/events/paris/index.en.md",
        &page.replace(
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://example.org/video",
        ),
    );
    site.build(&[])
        .assert_error("is not a YouTube video address");
}

#[test]
fn a_corrupt_photo_is_named() {
    let site = site();
    site.write_bytes(
        "content/events/paris/gallery/hall.jpg",
        b"\xff\xd8\xff\xe0 broken",
    );
    site.build(&[])
        .assert_error("content/events/paris/gallery/hall.jpg");
}
