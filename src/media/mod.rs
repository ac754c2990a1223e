//! Galleries, videos and responsive pictures: what a page's front matter says about its media,
//! checked against its bundle, and the `<picture>` markup every processed image is shown with.

pub mod images;

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{from_toml_error, Code, Diagnostic, Diagnostics};
use crate::media::images::ProcessedImage;
use crate::source::read_text;

/// The file beside a gallery's images that gives each its alt text and caption per language.
pub const GALLERY_FILE: &str = "photos.toml";

/// Extensions of the images Bayan processes; other files of a bundle are copied as they are.
pub const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp"];

pub fn is_image(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// One image of a gallery as `photos.toml` describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoEntry {
    pub file: String,
    /// Per language code: what the image shows, for people who cannot see it.
    #[serde(default)]
    pub alt: HashMap<String, String>,
    #[serde(default)]
    pub caption: HashMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct GalleryFile {
    #[serde(default)]
    photos: Vec<PhotoEntry>,
}

/// A gallery folder's entries, in the order `photos.toml` lists them.
#[derive(Debug, Clone)]
pub struct Gallery {
    /// The folder inside content/ (`conferences/x/gallery`).
    pub dir: String,
    pub photos: Vec<PhotoEntry>,
}

/// Reads `photos.toml` of `dir` (inside content/) and checks it against the folder: every image
/// listed, every listed file present, alt text in each of `languages`.
pub fn load_gallery(
    content_root: &Path,
    dir: &str,
    languages: &[&str],
    site_root: &Path,
) -> Result<Gallery, Diagnostics> {
    let folder = content_root.join(dir);
    let toml_path = folder.join(GALLERY_FILE);
    let rel = toml_path
        .strip_prefix(site_root)
        .unwrap_or(&toml_path)
        .to_path_buf();
    if let Some((problem, hint)) = folder_problem(content_root, dir, &folder) {
        let shown = folder.strip_prefix(site_root).unwrap_or(&folder);
        return Err(Diagnostic::error(
            Code::Gallery,
            shown,
            format!("the gallery folder {problem}"),
        )
        .with_hint(hint)
        .into());
    }
    let mut images: Vec<String> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| is_image(name) && !name.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    images.sort();
    if !toml_path.is_file() {
        return Err(Diagnostic::error(
            Code::Gallery,
            &rel,
            "the gallery has no photos.toml giving each photo its alt text",
        )
        .with_hint(format!(
            "create {} with a [[photos]] entry per image: file = \"{}\" and [photos.alt] with {}",
            rel.display(),
            images.first().map_or("photo.jpg", String::as_str),
            languages
                .iter()
                .map(|l| format!("{l} = \"…\""))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .into());
    }
    let text = read_text(&toml_path, &rel)?;
    let file: GalleryFile = toml::from_str(&text).map_err(|e| {
        Diagnostics::from(from_toml_error(
            Code::Gallery,
            &rel,
            &text,
            1,
            &e,
            "gallery",
        ))
    })?;
    let mut problems = Diagnostics::new();
    let locate = |needle: &str| {
        text.find(needle)
            .map(|offset| crate::diagnostics::line_col(&text, offset))
            .unwrap_or((0, 0))
    };
    for photo in &file.photos {
        let (line, col) = locate(&format!("\"{}\"", photo.file));
        if !images.contains(&photo.file) {
            problems.push(
                Diagnostic::error(
                    Code::Gallery,
                    &rel,
                    format!("`{}` is not an image in {}", photo.file, dir),
                )
                .at(line, col)
                .with_hint("check the file name (and its extension: .jpg, .jpeg, .png or .webp)"),
            );
        }
        for lang in languages {
            if photo.alt.get(*lang).is_none_or(|a| a.trim().is_empty()) {
                problems.push(
                    Diagnostic::error(Code::MissingAlt, &rel, format!("the photo `{}` has no alt text in `{lang}`", photo.file))
                        .at(line, col)
                        .with_hint(format!(
                            "describe what the photo shows, for readers who cannot see it: add {lang} = \"…\" under [photos.alt] of this photo"
                        )),
                );
            }
        }
    }
    for image in &images {
        if !file.photos.iter().any(|p| &p.file == image) {
            problems.push(
                Diagnostic::error(
                    Code::MissingAlt,
                    &rel,
                    format!("the photo `{image}` has no alt text: it is not listed here"),
                )
                .with_hint(format!(
                    "add [[photos]] with file = \"{image}\" and its [photos.alt] in every language"
                )),
            );
        }
    }
    problems.into_result()?;
    Ok(Gallery {
        dir: dir.to_string(),
        photos: file.photos,
    })
}

/// How wide an image is shown, for the browser to pick a file from `srcset` before layout.
pub const SIZES_CONTENT: &str = "(min-width: 44rem) 42rem, calc(100vw - 2rem)";
pub const SIZES_THUMBNAIL: &str = "(min-width: 44rem) 13rem, calc(50vw - 1.5rem)";
pub const SIZES_FULL: &str = "100vw";

/// Every width of `image` in one format (`pick`), as `srcset` lists them: `url 480w, …`.
pub fn srcset(
    image: &ProcessedImage,
    pick: fn(&images::Variant) -> &images::EncodedFile,
    base_path: &str,
) -> String {
    (image.variants.iter())
        .map(|v| {
            format!(
                "{}{} {}w",
                base_path,
                pick(v).url.trim_start_matches('/'),
                v.width
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `<picture>` with a WebP source and a JPEG fallback, every width in `srcset`, and the
/// intrinsic size so the page does not shift while it loads.
pub fn picture_html(
    image: &ProcessedImage,
    alt: &str,
    sizes: &str,
    lazy: bool,
    base_path: &str,
) -> String {
    let url = |u: &str| format!("{}{}", base_path, u.trim_start_matches('/'));
    // The fallback `src` is the middle width: good on most screens if srcset is ignored.
    let fallback = &image.variants[image.variants.len() / 2];
    let largest = image.variants.last().expect("at least one variant");
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{webp}\" sizes=\"{sizes}\"><img src=\"{src}\" srcset=\"{jpeg}\" sizes=\"{sizes}\" width=\"{w}\" height=\"{h}\" alt=\"{alt}\"{lazy} decoding=\"async\"></picture>",
        webp = srcset(image, |v| &v.webp, base_path),
        jpeg = srcset(image, |v| &v.jpeg, base_path),
        src = url(&fallback.jpeg.url),
        w = largest.width,
        h = largest.height,
        alt = crate::html::escape_html(alt),
        // The first image is likely the largest thing on screen: asked for at once, never lazily.
        lazy = if lazy { " loading=\"lazy\"" } else { " loading=\"eager\"" },
    )
}

/// The media of one build: every processed image by the URL of its original, the galleries of
/// pages, and the files to publish for them.
#[derive(Default)]
pub struct Media {
    pub images: HashMap<String, ProcessedImage>,
    /// By the gallery folder inside content/.
    pub galleries: HashMap<String, Gallery>,
    pub files: Vec<crate::output::OutputFile>,
    pub stats: crate::media::images::ProcessStats,
    /// Changes when a caption, an alt text or an image changes, for the preview's caches.
    pub fingerprint: u64,
}

/// The folder where processed images are kept between builds, outside the output.
pub const CACHE_DIR: &str = ".bayan-cache";

/// Processes the site's images and checks its galleries and videos: what could be prepared, and
/// the problems of the rest.
pub fn prepare(site: &crate::site::Site) -> (Media, Diagnostics) {
    use std::hash::{Hash, Hasher};
    let root = &site.config.root;
    let mut problems = Diagnostics::new();
    let jobs: Vec<crate::media::images::ImageJob> = site
        .assets
        .iter()
        .filter(|a| is_image(&a.url))
        .map(|a| crate::media::images::ImageJob {
            source: root.join(&a.source),
            rel: a.source.clone(),
            url_stem: a
                .url
                .rsplit_once('.')
                .map_or(a.url.as_str(), |(stem, _)| stem)
                .to_string(),
        })
        .collect();
    let (processed, image_problems, stats) =
        crate::media::images::process(&jobs, &root.join(CACHE_DIR), &site.config.images);
    problems.extend(image_problems);
    let mut media = Media {
        stats,
        ..Default::default()
    };
    let mut fingerprint = std::collections::hash_map::DefaultHasher::new();
    for (job, asset) in jobs
        .iter()
        .zip(site.assets.iter().filter(|a| is_image(&a.url)))
    {
        let Some(image) = processed.get(&job.source) else {
            continue;
        };
        for variant in image.variants.iter().chain(&image.original) {
            for file in [&variant.jpeg, &variant.webp] {
                (&file.url, file.bytes).hash(&mut fingerprint);
                media.files.push(crate::output::OutputFile {
                    path: file.url.trim_start_matches('/').into(),
                    contents: crate::output::Contents::CopyOf(file.cached.clone()),
                });
            }
        }
        media.images.insert(asset.url.clone(), image.clone());
    }

    let content_root = root.join(crate::content::CONTENT_DIR);
    // A fallback copy shows its original's photos and videos, checked with the original.
    for page in site.pages.iter().filter(|p| p.fallback_of.is_none()) {
        let at = |needle: &str, message: String| {
            let (line, col) = page.locate(needle);
            Diagnostic::error(Code::Video, &page.rel_path, message).at(line, col)
        };
        if let Some(folder) = &page.front.gallery {
            let dir = join_dir(&page.dir, folder.trim_matches('/'));
            // Said at the page's `gallery = …`, where the editor can put it right.
            if let Some((problem, hint)) =
                folder_problem(&content_root, &dir, &content_root.join(&dir))
            {
                let (line, col) = page.locate(folder);
                problems.push(
                    Diagnostic::error(
                        Code::Gallery,
                        &page.rel_path,
                        format!("the gallery folder `{folder}` {problem}"),
                    )
                    .at(line, col)
                    .with_hint(hint),
                );
            } else if let std::collections::hash_map::Entry::Vacant(slot) =
                media.galleries.entry(dir.clone())
            {
                let languages: Vec<&str> = site
                    .languages_of(&page.key)
                    .into_iter()
                    .map(|(l, _)| l)
                    .collect();
                match load_gallery(&content_root, &dir, &languages, root) {
                    Ok(gallery) => {
                        if let Ok(text) = std::fs::read(content_root.join(&dir).join(GALLERY_FILE))
                        {
                            text.hash(&mut fingerprint);
                        }
                        slot.insert(gallery);
                    }
                    Err(e) => problems.extend(e),
                }
            }
        }
        problems.extend(page_image_problem(site, &media, page));
        for video in &page.front.videos {
            let file_url = |file: &str| site.asset_url(&page.dir, file).map(str::to_string);
            if let Err(message) = video.source(file_url) {
                problems.push(at(&video.title, message).with_hint(
                    "give the video's address as youtube = \"https://www.youtube.com/watch?v=…\", vimeo = \"https://vimeo.com/…\", or file = \"clip.webm\" for a file beside the page",
                ));
            }
            let poster = site.asset_url(&page.dir, &video.poster);
            if poster.is_none_or(|url| !media.images.contains_key(url)) {
                problems.push(
                    at(&video.poster, format!("the poster `{}` is not an image in this page's folder", video.poster))
                        .with_hint("every video needs a poster image of its own (.jpg, .png or .webp) beside the page, so no third-party thumbnail is ever loaded"),
                );
            }
        }
    }
    media.fingerprint = fingerprint.finish();
    (media, problems)
}

/// A page's `image = "…"` that is not a photo beside it, said at the page's line.
fn page_image_problem(
    site: &crate::site::Site,
    media: &Media,
    page: &crate::site::Page,
) -> Option<Diagnostic> {
    let image = page.front.image.as_ref()?;
    let url = site.asset_url(&page.dir, image);
    if url.is_some_and(|url| media.images.contains_key(url)) {
        return None;
    }
    let (line, col) = page.locate(image);
    Some(
        Diagnostic::error(
            Code::Image,
            &page.rel_path,
            format!("the image `{image}` is not a photo in this page's folder"),
        )
        .at(line, col)
        .with_hint("put the photo (.jpg, .png or .webp) beside the page's index.md and give its file name, e.g. image = \"hall.jpg\""),
    )
}

/// What is wrong with a gallery's folder, if anything: where it leads (outside the content, or
/// nowhere), and how to put it right.
fn folder_problem(
    content_root: &Path,
    dir: &str,
    folder: &Path,
) -> Option<(&'static str, &'static str)> {
    // `..` may climb within content/ (a folder shared by pages), never out of it.
    let mut depth = 0usize;
    let climbs_out = dir.split('/').any(|part| match part {
        ".." if depth == 0 => true,
        ".." => {
            depth -= 1;
            false
        }
        "" | "." => false,
        _ => {
            depth += 1;
            false
        }
    });
    let outside =
        climbs_out || (folder.exists() && !crate::source::stays_inside(content_root, folder));
    if outside {
        return Some((
            "leads outside the site's content",
            "name a folder beside the page's index.md, e.g. gallery = \"gallery\"",
        ));
    }
    if !folder.is_dir() {
        return Some((
            "does not exist",
            "create the folder beside the page's index.md and put the photos in it",
        ));
    }
    None
}

/// A folder inside content/ joined to a folder below it.
pub fn join_dir(dir: &str, child: &str) -> String {
    if dir.is_empty() {
        child.to_string()
    } else {
        format!("{dir}/{child}")
    }
}
