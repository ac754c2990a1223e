//! Videos as front matter lists them: on YouTube or Vimeo, or a file of the page's bundle,
//! and where each plays from.

use serde::{Deserialize, Serialize};

/// A video listed in front matter: on YouTube or Vimeo, or a file of the bundle.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Video {
    pub title: String,
    /// A YouTube address (`https://www.youtube.com/watch?v=…`, `https://youtu.be/…`).
    pub youtube: Option<String>,
    /// A Vimeo address (`https://vimeo.com/123456`).
    pub vimeo: Option<String>,
    /// A video file of the bundle (`videos/clip.webm`, `.mp4`).
    pub file: Option<String>,
    /// An image of the bundle shown until the reader chooses to play: required, so that no
    /// third-party thumbnail is ever fetched.
    pub poster: String,
}

/// Where a video plays, once the reader asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "host", rename_all = "lowercase")]
pub enum VideoSource {
    /// `watch` is a plain link (works without JavaScript); `embed` the privacy-enhanced player
    /// loaded only on click.
    Youtube {
        id: String,
        watch: String,
        embed: String,
    },
    Vimeo {
        id: String,
        watch: String,
        embed: String,
    },
    File {
        url: String,
        mime: &'static str,
    },
}

/// The id of a YouTube video from its usual address forms.
pub fn youtube_id(address: &str) -> Option<String> {
    let rest = address.split_once("://").map_or(address, |(_, r)| r);
    let rest = rest.trim_start_matches("www.").trim_start_matches("m.");
    let id = if let Some(path) = rest.strip_prefix("youtu.be/") {
        path.split(['?', '&', '#', '/']).next()?
    } else if let Some(path) = rest
        .strip_prefix("youtube.com/")
        .or_else(|| rest.strip_prefix("youtube-nocookie.com/"))
    {
        if let Some(query) = path.strip_prefix("watch?") {
            query.split('&').find_map(|kv| kv.strip_prefix("v="))?
        } else {
            let path = path
                .strip_prefix("embed/")
                .or_else(|| path.strip_prefix("shorts/"))
                .or_else(|| path.strip_prefix("live/"))?;
            path.split(['?', '&', '#', '/']).next()?
        }
    } else {
        return None;
    };
    let valid = id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    valid.then(|| id.to_string())
}

/// The number of a Vimeo video from its address.
pub fn vimeo_id(address: &str) -> Option<String> {
    let rest = address.split_once("://").map_or(address, |(_, r)| r);
    let rest = rest
        .trim_start_matches("www.")
        .trim_start_matches("player.");
    let path = rest.strip_prefix("vimeo.com/")?;
    let path = path.strip_prefix("video/").unwrap_or(path);
    let id = path.split(['?', '#', '/']).next()?;
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then(|| id.to_string())
}

impl Video {
    /// Where the video plays, or what is wrong with its entry.
    pub fn source(&self, file_url: impl Fn(&str) -> Option<String>) -> Result<VideoSource, String> {
        match (&self.youtube, &self.vimeo, &self.file) {
            (Some(address), None, None) => {
                let id = youtube_id(address)
                    .ok_or_else(|| format!("`{address}` is not a YouTube video address"))?;
                Ok(VideoSource::Youtube {
                    watch: format!("https://www.youtube.com/watch?v={id}"),
                    // youtube-nocookie.com: the privacy-enhanced player sets no cookies until play.
                    embed: format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1"),
                    id,
                })
            }
            (None, Some(address), None) => {
                let id = vimeo_id(address)
                    .ok_or_else(|| format!("`{address}` is not a Vimeo video address"))?;
                Ok(VideoSource::Vimeo {
                    watch: format!("https://vimeo.com/{id}"),
                    // dnt=1: Vimeo's do-not-track player.
                    embed: format!("https://player.vimeo.com/video/{id}?dnt=1&autoplay=1"),
                    id,
                })
            }
            (None, None, Some(file)) => {
                let mime = match file
                    .rsplit_once('.')
                    .map(|(_, e)| e.to_ascii_lowercase())
                    .as_deref()
                {
                    Some("mp4" | "m4v") => "video/mp4",
                    Some("webm") => "video/webm",
                    Some("ogv") => "video/ogg",
                    _ => {
                        return Err(format!(
                            "`{file}` is not a video file Bayan can publish (use .mp4 or .webm)"
                        ))
                    }
                };
                let url = file_url(file).ok_or_else(|| {
                    format!("the video file `{file}` is not in this page's folder")
                })?;
                Ok(VideoSource::File { url, mime })
            }
            _ => Err("a video needs exactly one of `youtube`, `vimeo` or `file`".to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn youtube_addresses() {
        for address in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?t=10",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        ] {
            assert_eq!(
                youtube_id(address).as_deref(),
                Some("dQw4w9WgXcQ"),
                "{address}"
            );
        }
        assert_eq!(youtube_id("https://example.org/watch?v=dQw4w9WgXcQ"), None);
        assert_eq!(youtube_id("https://www.youtube.com/watch?v=short"), None);
    }

    #[test]
    fn vimeo_addresses() {
        assert_eq!(
            vimeo_id("https://vimeo.com/76979871").as_deref(),
            Some("76979871")
        );
        assert_eq!(
            vimeo_id("https://player.vimeo.com/video/76979871?h=x").as_deref(),
            Some("76979871")
        );
        assert_eq!(vimeo_id("https://vimeo.com/channels/staff"), None);
    }

    #[test]
    fn video_needs_one_source() {
        let video = Video {
            title: "t".into(),
            youtube: Some("https://youtu.be/dQw4w9WgXcQ".into()),
            vimeo: Some("https://vimeo.com/1".into()),
            file: None,
            poster: "p.jpg".into(),
        };
        assert!(video.source(|_| None).unwrap_err().contains("exactly one"));
        let file = Video {
            youtube: None,
            vimeo: None,
            file: Some("clip.webm".into()),
            ..video
        };
        assert_eq!(
            file.source(|f| Some(format!("/x/{f}"))).unwrap(),
            VideoSource::File {
                url: "/x/clip.webm".into(),
                mime: "video/webm"
            }
        );
    }
}
