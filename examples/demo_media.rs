//! Draws the demo site's conference media: the photo gallery and the video
//! posters of `content/conferences/madaniya-paris-2023/`, and (when Debian's
//! `ffmpeg` is on the PATH) a short silent WebM clip.
//!
//! ```text
//! cargo run --release --example demo_media
//! ```
//!
//! No photographs came with the sources and nothing may be downloaded, so the
//! project draws its own: flat-colour illustrations (not fake photos) of the
//! scenes the conference page describes. Everything is deterministic: the few
//! "random" choices (who sits where, the tilt of a sticky note) come from a
//! fixed-seed generator.
//!
//! Every JPEG written here carries an EXIF block on purpose: a camera make and
//! model, dates, a body serial number and the GPS position of the Arab World
//! Institute in Paris. The source files carry location metadata; the published
//! ones must not, which is what the demo site shows Bayan's media pipeline
//! doing.
//!
//! Outputs (relative to the conference folder; `DEMO_MEDIA_OUT` overrides the
//! folder):
//! - `gallery/01-…jpg` … `gallery/12-…jpg`: 2400×1600, two of them 1600×2400;
//! - `videos/highlights-poster.jpg`, `videos/closing-session-poster.jpg`: 1600×900;
//! - `videos/closing-session.webm`: 640×360, 6 s, VP9, no audio. The frames are
//!   drawn here and piped to `ffmpeg` as raw RGB; without ffmpeg the clip is
//!   skipped (an existing one is left as it is) and the command is printed.
//!
//! The captions and alt text live beside the images in `gallery/photos.toml`.

// Drawing helpers take coordinates, sizes and colours one by one.
#![allow(clippy::too_many_arguments)]

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, RgbImage};
use std::f32::consts::{PI, TAU};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

// ---------------------------------------------------------------------------
// Palette
// ---------------------------------------------------------------------------

type Col = [f32; 3];

const fn hex(v: u32) -> Col {
    [
        ((v >> 16) & 255) as f32,
        ((v >> 8) & 255) as f32,
        (v & 255) as f32,
    ]
}

const GREEN: Col = hex(0x0b5d4b);
const GREEN_DEEP: Col = hex(0x08463a);
const GREEN_MID: Col = hex(0x2f7d68);
const GREEN_LIGHT: Col = hex(0x8fbfae);
const MINT: Col = hex(0xd9e9e1);
const SAND: Col = hex(0xe9d8b8);
const SAND_LIGHT: Col = hex(0xf3e9d6);
const SAND_DARK: Col = hex(0xcdb389);
const TERRA: Col = hex(0xc8623d);
const TERRA_DARK: Col = hex(0x9c4529);
const TERRA_LIGHT: Col = hex(0xe7a586);
const INK: Col = hex(0x1f2a33);
const INK_SOFT: Col = hex(0x3d4c58);
const OFFWHITE: Col = hex(0xf7f3ea);
const GOLD: Col = hex(0xe0b04a);
const SLATE: Col = hex(0x5b7f95);
const BROWN: Col = hex(0x7a5c43);
const WOOD: Col = hex(0x8a5a3c);

const SKINS: [Col; 5] = [
    hex(0x8d5a3b),
    hex(0xb97a55),
    hex(0xd9a47e),
    hex(0x6e4530),
    hex(0xc68f6a),
];
const HAIRS: [Col; 5] = [INK, hex(0x4a3325), hex(0x2b1d14), hex(0x5e4a3a), INK];
const GREY_HAIR: Col = hex(0x9a9a96);
const TOPS: [Col; 9] = [
    GREEN,
    GREEN_MID,
    TERRA,
    TERRA_DARK,
    INK_SOFT,
    SLATE,
    BROWN,
    hex(0xc99a3b),
    hex(0x6d7f5a),
];
const SCARVES: [Col; 5] = [TERRA, GREEN_MID, hex(0xc99a3b), SLATE, hex(0xa34f5b)];
const TROUSERS: [Col; 3] = [INK, INK_SOFT, hex(0x4a3f36)];
const PASTELS: [Col; 5] = [
    hex(0xf4d58d),
    hex(0xf2b8a0),
    hex(0xbfe0d2),
    hex(0xf7e7c4),
    hex(0xcfe0ea),
];

fn mix(a: Col, b: Col, t: f32) -> Col {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

fn shade(c: Col, f: f32) -> Col {
    [c[0] * f, c[1] * f, c[2] * f]
}

fn smoothstep(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

// ---------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn f(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    fn range(&mut self, a: f32, b: f32) -> f32 {
        a + (b - a) * self.f()
    }
    fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[(self.next() % v.len() as u64) as usize]
    }
    fn chance(&mut self, p: f32) -> bool {
        self.f() < p
    }
}

// ---------------------------------------------------------------------------
// Canvas: shapes drawn as signed distance fields, with one pixel of
// anti-aliasing. Scenes are written in "design units"; the canvas maps them to
// pixels (scale `s`, offset `ox`, `oy`), so one scene serves a 2400-pixel
// gallery image, a 460-pixel thumbnail in a poster and a 640-pixel video frame.
// ---------------------------------------------------------------------------

struct Canvas {
    img: RgbImage,
    s: f32,
    ox: f32,
    oy: f32,
}

fn sd_box(x: f32, y: f32, bx: f32, by: f32) -> f32 {
    let qx = x.abs() - bx;
    let qy = y.abs() - by;
    let (mx, my) = (qx.max(0.0), qy.max(0.0));
    (mx * mx + my * my).sqrt() + qx.max(qy).min(0.0)
}

fn seg_dist(px: f32, py: f32, ax: f32, ay: f32, bx: f32, by: f32) -> f32 {
    let (pax, pay) = (px - ax, py - ay);
    let (bax, bay) = (bx - ax, by - ay);
    let bb = bax * bax + bay * bay;
    let h = if bb > 0.0 {
        ((pax * bax + pay * bay) / bb).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (dx, dy) = (pax - bax * h, pay - bay * h);
    (dx * dx + dy * dy).sqrt()
}

fn point_in_poly(px: f32, py: f32, pts: &[(f32, f32)]) -> bool {
    let mut inside = false;
    let n = pts.len();
    let mut j = n - 1;
    for i in 0..n {
        let (xi, yi) = pts[i];
        let (xj, yj) = pts[j];
        if (yi > py) != (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

impl Canvas {
    /// A canvas of `w`×`h` pixels showing a scene designed `design_w` units wide.
    fn scaled(w: u32, h: u32, design_w: f32) -> Self {
        Canvas {
            img: RgbImage::new(w, h),
            s: w as f32 / design_w,
            ox: 0.0,
            oy: 0.0,
        }
    }

    fn p(&self, x: f32, y: f32) -> (f32, f32) {
        (x * self.s + self.ox, y * self.s + self.oy)
    }

    fn l(&self, v: f32) -> f32 {
        v * self.s
    }

    fn blend(&mut self, x: u32, y: u32, col: Col, a: f32) {
        let px = self.img.get_pixel_mut(x, y);
        for (i, c) in col.iter().enumerate() {
            let v = px.0[i] as f32;
            px.0[i] = (v + (c - v) * a).round().clamp(0.0, 255.0) as u8;
        }
    }

    /// Fills the pixels whose centre lies inside `sdf` (negative inside), with
    /// one pixel of soft edge. `bb` is the pixel-space bounding box.
    fn shade_sdf<F: Fn(f32, f32) -> f32>(&mut self, bb: [f32; 4], col: Col, alpha: f32, sdf: F) {
        if alpha <= 0.0 {
            return;
        }
        let (w, h) = (self.img.width() as f32, self.img.height() as f32);
        let x0 = (bb[0] - 1.0).floor().clamp(0.0, w) as u32;
        let x1 = (bb[2] + 1.0).ceil().clamp(0.0, w) as u32;
        let y0 = (bb[1] - 1.0).floor().clamp(0.0, h) as u32;
        let y1 = (bb[3] + 1.0).ceil().clamp(0.0, h) as u32;
        for y in y0..y1 {
            let py = y as f32 + 0.5;
            for x in x0..x1 {
                let d = sdf(x as f32 + 0.5, py);
                let a = (0.5 - d).clamp(0.0, 1.0) * alpha;
                if a > 0.0 {
                    self.blend(x, y, col, a);
                }
            }
        }
    }

    fn fill(&mut self, col: Col) {
        let c = [
            col[0].round() as u8,
            col[1].round() as u8,
            col[2].round() as u8,
        ];
        for px in self.img.pixels_mut() {
            px.0 = c;
        }
    }

    /// A vertical gradient over a rectangle (hard edges, it is a backdrop).
    fn vgrad(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, top: Col, bottom: Col) {
        let (px0, py0) = self.p(x0, y0);
        let (px1, py1) = self.p(x1, y1);
        let (w, h) = (self.img.width() as f32, self.img.height() as f32);
        let xa = px0.round().clamp(0.0, w) as u32;
        let xb = px1.round().clamp(0.0, w) as u32;
        let ya = py0.round().clamp(0.0, h) as u32;
        let yb = py1.round().clamp(0.0, h) as u32;
        for y in ya..yb {
            let t = ((y as f32 + 0.5 - py0) / (py1 - py0)).clamp(0.0, 1.0);
            let c = mix(top, bottom, t);
            let c = [c[0].round() as u8, c[1].round() as u8, c[2].round() as u8];
            for x in xa..xb {
                self.img.get_pixel_mut(x, y).0 = c;
            }
        }
    }

    /// A soft round light: `alpha` at the centre fading smoothly to nothing at `r`.
    fn glow(&mut self, cx: f32, cy: f32, r: f32, col: Col, alpha: f32) {
        let (pcx, pcy) = self.p(cx, cy);
        let pr = self.l(r);
        let (w, h) = (self.img.width() as f32, self.img.height() as f32);
        let x0 = (pcx - pr).floor().clamp(0.0, w) as u32;
        let x1 = (pcx + pr).ceil().clamp(0.0, w) as u32;
        let y0 = (pcy - pr).floor().clamp(0.0, h) as u32;
        let y1 = (pcy + pr).ceil().clamp(0.0, h) as u32;
        for y in y0..y1 {
            for x in x0..x1 {
                let dx = x as f32 + 0.5 - pcx;
                let dy = y as f32 + 0.5 - pcy;
                let d = (dx * dx + dy * dy).sqrt() / pr;
                if d < 1.0 {
                    self.blend(x, y, col, alpha * smoothstep(1.0 - d));
                }
            }
        }
    }

    /// A rounded rectangle centred on (cx, cy), half-size (hw, hh), turned by `ang` radians.
    fn rrect_rot(
        &mut self,
        cx: f32,
        cy: f32,
        hw: f32,
        hh: f32,
        r: f32,
        ang: f32,
        col: Col,
        alpha: f32,
    ) {
        let (pcx, pcy) = self.p(cx, cy);
        let (phw, phh) = (self.l(hw), self.l(hh));
        let pr = self.l(r).min(phw).min(phh).max(0.0);
        let (sn, cs) = ang.sin_cos();
        let ex = cs.abs() * phw + sn.abs() * phh;
        let ey = sn.abs() * phw + cs.abs() * phh;
        self.shade_sdf(
            [pcx - ex, pcy - ey, pcx + ex, pcy + ey],
            col,
            alpha,
            move |x, y| {
                let (dx, dy) = (x - pcx, y - pcy);
                let lx = dx * cs + dy * sn;
                let ly = -dx * sn + dy * cs;
                sd_box(lx, ly, phw - pr, phh - pr) - pr
            },
        );
    }

    fn rrect_a(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, r: f32, col: Col, alpha: f32) {
        self.rrect_rot(
            (x0 + x1) / 2.0,
            (y0 + y1) / 2.0,
            (x1 - x0) / 2.0,
            (y1 - y0) / 2.0,
            r,
            0.0,
            col,
            alpha,
        );
    }

    fn rrect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, r: f32, col: Col) {
        self.rrect_a(x0, y0, x1, y1, r, col, 1.0);
    }

    fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, col: Col) {
        self.rrect_a(x0, y0, x1, y1, 0.0, col, 1.0);
    }

    fn circle_a(&mut self, cx: f32, cy: f32, r: f32, col: Col, alpha: f32) {
        let (pcx, pcy) = self.p(cx, cy);
        let pr = self.l(r);
        self.shade_sdf(
            [pcx - pr, pcy - pr, pcx + pr, pcy + pr],
            col,
            alpha,
            move |x, y| ((x - pcx).powi(2) + (y - pcy).powi(2)).sqrt() - pr,
        );
    }

    fn circle(&mut self, cx: f32, cy: f32, r: f32, col: Col) {
        self.circle_a(cx, cy, r, col, 1.0);
    }

    fn ring(&mut self, cx: f32, cy: f32, r: f32, width: f32, col: Col, alpha: f32) {
        let (pcx, pcy) = self.p(cx, cy);
        let (pr, pw) = (self.l(r), self.l(width) / 2.0);
        let e = pr + pw;
        self.shade_sdf(
            [pcx - e, pcy - e, pcx + e, pcy + e],
            col,
            alpha,
            move |x, y| ((((x - pcx).powi(2) + (y - pcy).powi(2)).sqrt()) - pr).abs() - pw,
        );
    }

    /// An ellipse with radii (rx, ry), its x axis turned by `ang` radians.
    fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, ang: f32, col: Col, alpha: f32) {
        let (pcx, pcy) = self.p(cx, cy);
        let (a, b) = (self.l(rx), self.l(ry));
        let (sn, cs) = ang.sin_cos();
        let ex = ((a * cs).powi(2) + (b * sn).powi(2)).sqrt();
        let ey = ((a * sn).powi(2) + (b * cs).powi(2)).sqrt();
        self.shade_sdf(
            [pcx - ex, pcy - ey, pcx + ex, pcy + ey],
            col,
            alpha,
            move |x, y| {
                let (dx, dy) = (x - pcx, y - pcy);
                let lx = dx * cs + dy * sn;
                let ly = -dx * sn + dy * cs;
                let k0 = ((lx / a).powi(2) + (ly / b).powi(2)).sqrt();
                let k1 = ((lx / (a * a)).powi(2) + (ly / (b * b)).powi(2)).sqrt();
                if k1 > 0.0 {
                    k0 * (k0 - 1.0) / k1
                } else {
                    -a.min(b)
                }
            },
        );
    }

    /// A line with round caps.
    fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, width: f32, col: Col, alpha: f32) {
        self.polyline(&[(x0, y0), (x1, y1)], width, col, alpha);
    }

    /// Connected round-capped segments, drawn as one shape (no darker joints).
    fn polyline(&mut self, pts: &[(f32, f32)], width: f32, col: Col, alpha: f32) {
        let pp: Vec<(f32, f32)> = pts.iter().map(|&(x, y)| self.p(x, y)).collect();
        let hw = self.l(width) / 2.0;
        let mut bb = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
        for &(x, y) in &pp {
            bb = [
                bb[0].min(x - hw),
                bb[1].min(y - hw),
                bb[2].max(x + hw),
                bb[3].max(y + hw),
            ];
        }
        self.shade_sdf(bb, col, alpha, move |x, y| {
            let mut d = f32::MAX;
            for w in pp.windows(2) {
                d = d.min(seg_dist(x, y, w[0].0, w[0].1, w[1].0, w[1].1));
            }
            if pp.len() == 1 {
                d = ((x - pp[0].0).powi(2) + (y - pp[0].1).powi(2)).sqrt();
            }
            d - hw
        });
    }

    /// Any simple polygon (convex or not).
    fn poly(&mut self, pts: &[(f32, f32)], col: Col, alpha: f32) {
        let pp: Vec<(f32, f32)> = pts.iter().map(|&(x, y)| self.p(x, y)).collect();
        let mut bb = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
        for &(x, y) in &pp {
            bb = [bb[0].min(x), bb[1].min(y), bb[2].max(x), bb[3].max(y)];
        }
        self.shade_sdf(bb, col, alpha, move |x, y| {
            let n = pp.len();
            let mut d = f32::MAX;
            for i in 0..n {
                let (a, b) = (pp[i], pp[(i + 1) % n]);
                d = d.min(seg_dist(x, y, a.0, a.1, b.0, b.1));
            }
            if point_in_poly(x, y, &pp) {
                -d
            } else {
                d
            }
        });
    }
}

/// A local frame (centre and turn) for things drawn at an angle.
#[derive(Clone, Copy)]
struct Frame {
    cx: f32,
    cy: f32,
    ang: f32,
}

impl Frame {
    fn at(&self, lx: f32, ly: f32) -> (f32, f32) {
        let (sn, cs) = self.ang.sin_cos();
        (self.cx + lx * cs - ly * sn, self.cy + lx * sn + ly * cs)
    }
}

/// Lines standing for written text (no letters: no fonts are needed).
fn text_lines(
    c: &mut Canvas,
    fr: Frame,
    x: f32,
    y: f32,
    w: f32,
    n: usize,
    lh: f32,
    thick: f32,
    col: Col,
    alpha: f32,
    rng: &mut Rng,
) {
    for i in 0..n {
        let len = if i + 1 == n {
            w * rng.range(0.35, 0.7)
        } else {
            w * rng.range(0.82, 1.0)
        };
        let a = fr.at(x, y + i as f32 * lh);
        let b = fr.at(x + len, y + i as f32 * lh);
        c.line(a.0, a.1, b.0, b.1, thick, col, alpha);
    }
}

// ---------------------------------------------------------------------------
// People (faceless, flat)
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Hair {
    Short,
    Long,
    Scarf,
    Grey,
}

#[derive(Clone, Copy)]
struct Look {
    skin: Col,
    hair: Col,
    top: Col,
    scarf: Col,
    trousers: Col,
    style: Hair,
}

fn look(rng: &mut Rng) -> Look {
    let style = match rng.next() % 10 {
        0..=3 => Hair::Short,
        4..=5 => Hair::Long,
        6..=7 => Hair::Scarf,
        _ => Hair::Grey,
    };
    Look {
        skin: rng.pick(&SKINS),
        hair: rng.pick(&HAIRS),
        top: rng.pick(&TOPS),
        scarf: rng.pick(&SCARVES),
        trousers: rng.pick(&TROUSERS),
        style,
    }
}

/// Someone seen from behind; (x, y) is the top of the shoulders.
fn person_back(c: &mut Canvas, x: f32, y: f32, s: f32, lk: &Look) {
    c.rrect(
        x - 80.0 * s,
        y,
        x + 80.0 * s,
        y + 200.0 * s,
        62.0 * s,
        lk.top,
    );
    let hy = y - 58.0 * s;
    match lk.style {
        Hair::Short => {
            c.rrect(
                x - 18.0 * s,
                y - 30.0 * s,
                x + 18.0 * s,
                y + 8.0 * s,
                8.0 * s,
                shade(lk.skin, 0.9),
            );
            c.circle(x - 41.0 * s, hy + 4.0 * s, 9.0 * s, lk.skin);
            c.circle(x + 41.0 * s, hy + 4.0 * s, 9.0 * s, lk.skin);
            c.circle(x, hy, 42.0 * s, lk.hair);
        }
        Hair::Long => {
            c.rrect(
                x - 42.0 * s,
                hy,
                x + 42.0 * s,
                y + 55.0 * s,
                30.0 * s,
                lk.hair,
            );
            c.circle(x, hy, 45.0 * s, lk.hair);
        }
        Hair::Scarf => {
            c.poly(
                &[
                    (x - 44.0 * s, hy),
                    (x + 44.0 * s, hy),
                    (x + 66.0 * s, y + 40.0 * s),
                    (x - 66.0 * s, y + 40.0 * s),
                ],
                lk.scarf,
                1.0,
            );
            c.circle(x, hy, 47.0 * s, lk.scarf);
            c.line(
                x - 30.0 * s,
                hy + 10.0 * s,
                x - 44.0 * s,
                y + 30.0 * s,
                6.0 * s,
                shade(lk.scarf, 0.85),
                1.0,
            );
        }
        Hair::Grey => {
            c.rrect(
                x - 18.0 * s,
                y - 30.0 * s,
                x + 18.0 * s,
                y + 8.0 * s,
                8.0 * s,
                shade(lk.skin, 0.9),
            );
            c.circle(x, hy, 42.0 * s, GREY_HAIR);
            c.circle(x, hy - 12.0 * s, 36.0 * s, lk.skin);
        }
    }
}

/// Someone facing us, seated; (x, y) is the middle of the seat.
fn person_front(c: &mut Canvas, x: f32, y: f32, s: f32, lk: &Look) {
    let hy = y - 300.0 * s;
    // legs first, the lap covers their top
    c.rrect(
        x - 52.0 * s,
        y + 5.0 * s,
        x - 8.0 * s,
        y + 172.0 * s,
        16.0 * s,
        lk.trousers,
    );
    c.rrect(
        x + 8.0 * s,
        y + 5.0 * s,
        x + 52.0 * s,
        y + 172.0 * s,
        16.0 * s,
        lk.trousers,
    );
    c.rrect(
        x - 60.0 * s,
        y + 160.0 * s,
        x - 4.0 * s,
        y + 188.0 * s,
        12.0 * s,
        INK,
    );
    c.rrect(
        x + 4.0 * s,
        y + 160.0 * s,
        x + 60.0 * s,
        y + 188.0 * s,
        12.0 * s,
        INK,
    );
    c.rrect(
        x - 60.0 * s,
        y - 20.0 * s,
        x + 60.0 * s,
        y + 40.0 * s,
        20.0 * s,
        lk.trousers,
    );
    upper_body(c, x, hy, y - 5.0 * s, s, lk);
    // arms resting on the lap
    let arm = shade(lk.top, 0.82);
    c.line(
        x - 58.0 * s,
        hy + 95.0 * s,
        x - 48.0 * s,
        y - 18.0 * s,
        30.0 * s,
        arm,
        1.0,
    );
    c.line(
        x + 58.0 * s,
        hy + 95.0 * s,
        x + 48.0 * s,
        y - 18.0 * s,
        30.0 * s,
        arm,
        1.0,
    );
    c.circle(x - 38.0 * s, y - 12.0 * s, 16.0 * s, lk.skin);
    c.circle(x + 38.0 * s, y - 12.0 * s, 16.0 * s, lk.skin);
}

/// Head, neck and torso of someone facing us; `hy` is the head centre,
/// `bottom` the lower edge of the torso.
fn upper_body(c: &mut Canvas, x: f32, hy: f32, bottom: f32, s: f32, lk: &Look) {
    match lk.style {
        Hair::Long => {
            c.rrect(
                x - 46.0 * s,
                hy - 40.0 * s,
                x + 46.0 * s,
                hy + 75.0 * s,
                36.0 * s,
                lk.hair,
            );
        }
        Hair::Scarf => {
            c.circle(x, hy - 2.0 * s, 48.0 * s, lk.scarf);
        }
        _ => {}
    }
    if lk.style != Hair::Scarf {
        c.rrect(
            x - 15.0 * s,
            hy + 20.0 * s,
            x + 15.0 * s,
            hy + 64.0 * s,
            6.0 * s,
            shade(lk.skin, 0.9),
        );
    }
    c.rrect(
        x - 64.0 * s,
        hy + 52.0 * s,
        x + 64.0 * s,
        bottom,
        36.0 * s,
        lk.top,
    );
    match lk.style {
        Hair::Scarf => {
            c.poly(
                &[
                    (x - 46.0 * s, hy + 8.0 * s),
                    (x + 46.0 * s, hy + 8.0 * s),
                    (x + 62.0 * s, hy + 100.0 * s),
                    (x - 62.0 * s, hy + 100.0 * s),
                ],
                lk.scarf,
                1.0,
            );
            c.circle(x, hy + 4.0 * s, 32.0 * s, lk.skin);
        }
        Hair::Grey => {
            c.poly(
                &[
                    (x - 17.0 * s, hy + 52.0 * s),
                    (x + 17.0 * s, hy + 52.0 * s),
                    (x, hy + 82.0 * s),
                ],
                shade(lk.skin, 0.9),
                1.0,
            );
            c.circle(x, hy, 36.0 * s, lk.skin);
            c.circle(x - 34.0 * s, hy - 4.0 * s, 10.0 * s, GREY_HAIR);
            c.circle(x + 34.0 * s, hy - 4.0 * s, 10.0 * s, GREY_HAIR);
        }
        _ => {
            c.poly(
                &[
                    (x - 17.0 * s, hy + 52.0 * s),
                    (x + 17.0 * s, hy + 52.0 * s),
                    (x, hy + 82.0 * s),
                ],
                shade(lk.skin, 0.9),
                1.0,
            );
            c.circle(x, hy - 9.0 * s, 38.0 * s, lk.hair);
            c.circle(x, hy + 3.0 * s, 35.0 * s, lk.skin);
        }
    }
}

fn armchair(c: &mut Canvas, x: f32, y: f32, s: f32, col: Col) {
    let dark = shade(col, 0.82);
    c.line(
        x - 82.0 * s,
        y + 50.0 * s,
        x - 90.0 * s,
        y + 185.0 * s,
        12.0 * s,
        INK,
        1.0,
    );
    c.line(
        x + 82.0 * s,
        y + 50.0 * s,
        x + 90.0 * s,
        y + 185.0 * s,
        12.0 * s,
        INK,
        1.0,
    );
    c.rrect(
        x - 96.0 * s,
        y - 255.0 * s,
        x + 96.0 * s,
        y + 20.0 * s,
        44.0 * s,
        col,
    );
    c.rrect(
        x - 100.0 * s,
        y - 10.0 * s,
        x + 100.0 * s,
        y + 62.0 * s,
        22.0 * s,
        dark,
    );
    c.rrect(
        x - 116.0 * s,
        y - 96.0 * s,
        x - 74.0 * s,
        y + 62.0 * s,
        18.0 * s,
        dark,
    );
    c.rrect(
        x + 74.0 * s,
        y - 96.0 * s,
        x + 116.0 * s,
        y + 62.0 * s,
        18.0 * s,
        dark,
    );
}

/// An open hand at the end of an arm, fingers up when `ang` is 0; `mirror`
/// puts the thumb on the other side.
fn hand(c: &mut Canvas, wx: f32, wy: f32, ang: f32, s: f32, skin: Col, mirror: bool) {
    let fr = Frame {
        cx: wx,
        cy: wy,
        ang,
    };
    let m = if mirror { -1.0 } else { 1.0 };
    let (px, py) = fr.at(0.0, -52.0 * s);
    let lens = [58.0, 74.0, 70.0, 54.0];
    for (i, len) in lens.iter().enumerate() {
        let fx = m * (-33.0 + 22.0 * i as f32) * s;
        let spread = m * (-0.06 + 0.04 * i as f32);
        let a = fr.at(fx, -80.0 * s);
        let b = fr.at(fx + spread * len * s * 3.0, -80.0 * s - len * s);
        c.line(a.0, a.1, b.0, b.1, 21.0 * s, skin, 1.0);
    }
    let t0 = fr.at(m * 34.0 * s, -40.0 * s);
    let t1 = fr.at(m * 70.0 * s, -82.0 * s);
    c.line(t0.0, t0.1, t1.0, t1.1, 24.0 * s, skin, 1.0);
    c.rrect_rot(px, py, 44.0 * s, 46.0 * s, 20.0 * s, ang, skin, 1.0);
}

/// A raised arm from a shoulder to a hand.
fn raised_arm(
    c: &mut Canvas,
    sx: f32,
    sy: f32,
    ex: f32,
    ey: f32,
    wx: f32,
    wy: f32,
    s: f32,
    sleeve: Col,
    skin: Col,
    mirror: bool,
) {
    c.polyline(&[(sx, sy), (ex, ey), (wx, wy)], 62.0 * s, sleeve, 1.0);
    c.line(
        wx,
        wy,
        wx + (wx - ex) * 0.08,
        wy + (wy - ey) * 0.08,
        40.0 * s,
        skin,
        1.0,
    );
    let ang = (wx - ex).atan2(-(wy - ey));
    hand(c, wx, wy, ang, s, skin, mirror);
}

fn plant(c: &mut Canvas, x: f32, y: f32, s: f32) {
    let leaves = [
        (-0.9f32, 150.0, GREEN),
        (-0.45, 190.0, GREEN_MID),
        (0.0, 220.0, GREEN),
        (0.45, 185.0, GREEN_MID),
        (0.9, 145.0, GREEN),
        (-0.2, 160.0, hex(0x3f8f6f)),
        (0.25, 170.0, hex(0x3f8f6f)),
    ];
    for (a, len, col) in leaves {
        let (sn, cs) = a.sin_cos();
        let mx = x + sn * len * s * 0.55;
        let my = y - cs * len * s * 0.55;
        c.ellipse(mx, my, 30.0 * s, len * s * 0.55, a, col, 1.0);
    }
    c.poly(
        &[
            (x - 70.0 * s, y - 10.0 * s),
            (x + 70.0 * s, y - 10.0 * s),
            (x + 52.0 * s, y + 150.0 * s),
            (x - 52.0 * s, y + 150.0 * s),
        ],
        TERRA,
        1.0,
    );
    c.rrect(
        x - 78.0 * s,
        y - 22.0 * s,
        x + 78.0 * s,
        y + 10.0 * s,
        6.0 * s,
        TERRA_DARK,
    );
}

/// An umbrella: canopy centred on (cx, cy) (the middle of its lower edge), radius r.
fn umbrella(c: &mut Canvas, cx: f32, cy: f32, r: f32, canopy: Col, bg: Col, handle: Col) {
    c.line(cx, cy - r * 1.18, cx, cy - r * 0.9, r * 0.06, handle, 1.0);
    let mut pts = Vec::new();
    for i in 0..=48 {
        let th = PI + PI * i as f32 / 48.0;
        pts.push((cx + r * th.cos(), cy + r * 0.92 * th.sin()));
    }
    c.poly(&pts, canopy, 1.0);
    for k in [-1.0, 0.0, 1.0] {
        c.circle(cx + k * r * 2.0 / 3.0, cy + r * 0.2, r / 3.0 + r * 0.02, bg);
    }
    let rib = shade(canopy, 0.8);
    for k in [-1.0f32, 1.0] {
        let mut arc = Vec::new();
        for i in 0..=16 {
            let t = i as f32 / 16.0;
            let x = cx + k * r / 3.0 * t;
            let y = cy - r * 0.92 + (r * 0.92 - r * 0.14) * t.powf(0.8);
            arc.push((x, y));
        }
        c.polyline(&arc, r * 0.025, rib, 0.7);
    }
    let hy = cy + r * 0.95;
    c.line(cx, cy - r * 0.9, cx, hy, r * 0.055, handle, 1.0);
    let hr = r * 0.16;
    let mut hook = Vec::new();
    for i in 0..=20 {
        let th = PI * i as f32 / 20.0;
        hook.push((cx - hr + hr * th.cos(), hy + hr * th.sin()));
    }
    c.polyline(&hook, r * 0.055, handle, 1.0);
}

// ---------------------------------------------------------------------------
// The gallery scenes (2400×1600 design units, or 1600×2400 for portraits)
// ---------------------------------------------------------------------------

/// 01: the hall from the back: rows of seats and a stage with a lectern.
fn scene_opening(c: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (2400.0, 1600.0);
    c.vgrad(0.0, 0.0, w, 100.0, INK_SOFT, mix(INK_SOFT, SAND, 0.35));
    c.vgrad(0.0, 100.0, w, 880.0, SAND_LIGHT, SAND);
    for i in 0..12 {
        let x = 100.0 + i as f32 * 200.0;
        c.glow(x, 52.0, 90.0, OFFWHITE, 0.35);
        c.circle(x, 52.0, 11.0, OFFWHITE);
    }
    // floor, then the side walls
    c.vgrad(0.0, 880.0, w, h, mix(SAND_DARK, TERRA_DARK, 0.3), SAND_DARK);
    c.poly(
        &[(0.0, 100.0), (300.0, 190.0), (300.0, 880.0), (0.0, 1010.0)],
        mix(SAND, SAND_DARK, 0.55),
        1.0,
    );
    c.poly(
        &[
            (w, 100.0),
            (w - 300.0, 190.0),
            (w - 300.0, 880.0),
            (w, 1010.0),
        ],
        mix(SAND, SAND_DARK, 0.55),
        1.0,
    );
    for k in 0..3 {
        let x0 = 50.0 + k as f32 * 85.0;
        let x1 = x0 + 45.0;
        let top = |x: f32| 100.0 + 90.0 * x / 300.0 + 70.0;
        let bot = |x: f32| 1010.0 - 130.0 * x / 300.0 - 160.0;
        c.poly(
            &[(x0, top(x0)), (x1, top(x1)), (x1, bot(x1)), (x0, bot(x0))],
            SAND_LIGHT,
            0.55,
        );
        c.poly(
            &[
                (w - x0, top(x0)),
                (w - x1, top(x1)),
                (w - x1, bot(x1)),
                (w - x0, bot(x0)),
            ],
            SAND_LIGHT,
            0.55,
        );
    }
    // stage backdrop, with stripes and a screen
    c.rect(380.0, 190.0, 2020.0, 770.0, GREEN);
    for i in 0..27 {
        if i % 2 == 0 {
            let x = 380.0 + i as f32 * 60.0;
            c.rect(x, 190.0, x + 60.0, 770.0, GREEN_DEEP);
        }
    }
    c.rrect(470.0, 240.0, 610.0, 700.0, 6.0, TERRA);
    c.rrect(1790.0, 240.0, 1930.0, 700.0, 6.0, TERRA);
    for (x0, x1) in [(470.0, 610.0), (1790.0, 1930.0)] {
        c.rect(x0, 600.0, x1, 618.0, GOLD);
        c.rect(x0, 632.0, x1, 644.0, SAND);
    }
    c.rrect(840.0, 240.0, 1560.0, 630.0, 10.0, INK);
    c.rrect(856.0, 256.0, 1544.0, 614.0, 6.0, OFFWHITE);
    c.circle_a(1125.0, 440.0, 125.0, GREEN_MID, 0.85);
    c.circle_a(1275.0, 440.0, 125.0, TERRA, 0.8);
    c.circle(1200.0, 330.0, 36.0, GOLD);
    c.glow(1200.0, 440.0, 600.0, OFFWHITE, 0.12);
    // stage
    c.rect(300.0, 750.0, 2100.0, 800.0, WOOD);
    let speaker = Look {
        skin: SKINS[1],
        hair: HAIRS[0],
        top: INK_SOFT,
        scarf: TERRA,
        trousers: INK,
        style: Hair::Short,
    };
    upper_body(c, 640.0, 610.0, 820.0, 0.55, &speaker);
    c.poly(
        &[
            (575.0, 680.0),
            (705.0, 680.0),
            (690.0, 800.0),
            (590.0, 800.0),
        ],
        GREEN_MID,
        1.0,
    );
    c.rect(565.0, 672.0, 715.0, 688.0, shade(GREEN_MID, 0.8));
    c.circle(640.0, 735.0, 20.0, OFFWHITE);
    c.polyline(
        &[(655.0, 676.0), (660.0, 650.0), (650.0, 636.0)],
        5.0,
        INK,
        1.0,
    );
    for (i, x) in [1420.0, 1580.0, 1740.0].iter().enumerate() {
        let mut lk = look(rng);
        if i == 1 {
            lk.style = Hair::Scarf;
        }
        upper_body(c, *x, 628.0, 790.0, 0.5, &lk);
    }
    c.rrect(1320.0, 700.0, 1840.0, 800.0, 6.0, OFFWHITE);
    c.rect(1320.0, 770.0, 1840.0, 782.0, GREEN);
    c.rect(300.0, 800.0, 2100.0, 880.0, shade(WOOD, 0.7));
    c.rect(300.0, 800.0, 2100.0, 808.0, shade(WOOD, 1.15));
    // rows of seats, the back rows first
    for r in 0..7 {
        let rf = r as f32;
        let s = 0.5 + 0.17 * rf;
        let y = 955.0 + 78.0 * rf + 10.0 * rf * rf;
        let sp = 150.0 * s;
        let aisle = 90.0 * s;
        let seat = if r % 2 == 0 {
            TERRA
        } else {
            shade(TERRA, 0.93)
        };
        for side in [-1.0f32, 1.0] {
            let mut x = 1200.0 + side * (aisle + sp / 2.0);
            while x > -sp && x < w + sp {
                if rng.chance(0.45) {
                    let lk = look(rng);
                    person_back(c, x, y - 34.0 * s, s * 0.82, &lk);
                }
                c.rrect(x - 62.0 * s, y, x + 62.0 * s, y + 130.0 * s, 18.0 * s, seat);
                c.rrect(
                    x - 62.0 * s,
                    y,
                    x + 62.0 * s,
                    y + 16.0 * s,
                    8.0 * s,
                    TERRA_LIGHT,
                );
                x += side * sp;
            }
        }
    }
}

/// 02: a banner with stripes and an umbrella, hanging in the foyer.
fn scene_banner(c: &mut Canvas, _rng: &mut Rng) {
    let (w, h) = (2400.0, 1600.0);
    c.vgrad(0.0, 0.0, w, 1380.0, OFFWHITE, SAND_LIGHT);
    for i in 1..8 {
        let x = i as f32 * 300.0;
        c.line(x, 0.0, x, 1380.0, 3.0, SAND_DARK, 0.35);
    }
    c.vgrad(0.0, 1380.0, w, h, SAND, SAND_DARK);
    c.rect(0.0, 1370.0, w, 1392.0, shade(SAND_DARK, 0.9));
    // cords and rod
    c.line(560.0, 0.0, 560.0, 250.0, 4.0, INK_SOFT, 1.0);
    c.line(1840.0, 0.0, 1840.0, 250.0, 4.0, INK_SOFT, 1.0);
    // banner body with a notched lower edge
    let (x0, x1, top, bot) = (500.0, 1900.0, 262.0, 1040.0);
    let mut body = vec![(x0, top), (x1, top), (x1, bot)];
    let notches = 7;
    for i in 0..notches {
        let xa = x1 - (x1 - x0) * i as f32 / notches as f32;
        let xb = x1 - (x1 - x0) * (i as f32 + 0.5) / notches as f32;
        body.push((xa, bot));
        body.push((xb, bot + 110.0));
    }
    body.push((x0, bot));
    c.poly(&body, GREEN, 1.0);
    c.rect(x0, top, x0 + 40.0, bot, GREEN_DEEP);
    c.rect(x1 - 40.0, top, x1, bot, GREEN_DEEP);
    for (y0, y1, col) in [
        (880.0, 918.0, SAND),
        (936.0, 962.0, TERRA),
        (980.0, 996.0, GOLD),
    ] {
        c.rect(x0 + 40.0, y0, x1 - 40.0, y1, col);
    }
    for (y0, y1, col) in [(310.0, 326.0, GOLD), (340.0, 352.0, SAND)] {
        c.rect(x0 + 40.0, y0, x1 - 40.0, y1, col);
    }
    c.line(470.0, 258.0, 1930.0, 258.0, 20.0, INK_SOFT, 1.0);
    c.circle(462.0, 258.0, 20.0, GOLD);
    c.circle(1938.0, 258.0, 20.0, GOLD);
    // medallion with the umbrella
    c.circle(1200.0, 610.0, 235.0, SAND_LIGHT);
    c.ring(1200.0, 610.0, 210.0, 8.0, GOLD, 1.0);
    umbrella(c, 1200.0, 620.0, 150.0, TERRA, SAND_LIGHT, INK);
    for (dx, col) in [(-66.0, GREEN_MID), (66.0, GOLD)] {
        c.circle(1200.0 + dx, 676.0, 19.0, col);
        c.rrect(
            1200.0 + dx - 28.0,
            700.0,
            1200.0 + dx + 28.0,
            745.0,
            22.0,
            col,
        );
    }
    plant(c, 230.0, 1250.0, 1.4);
    plant(c, 2170.0, 1250.0, 1.4);
}

/// 03: nine round tables seen from above.
fn scene_working_groups(c: &mut Canvas, rng: &mut Rng) {
    c.vgrad(0.0, 0.0, 2400.0, 1600.0, hex(0xe4ece7), hex(0xd3e0d9));
    for i in 1..12 {
        c.line(
            i as f32 * 200.0,
            0.0,
            i as f32 * 200.0,
            1600.0,
            2.0,
            OFFWHITE,
            0.5,
        );
    }
    for i in 1..8 {
        c.line(
            0.0,
            i as f32 * 200.0,
            2400.0,
            i as f32 * 200.0,
            2.0,
            OFFWHITE,
            0.5,
        );
    }
    let markers = [
        GREEN,
        TERRA,
        GOLD,
        SLATE,
        GREEN_MID,
        TERRA_DARK,
        hex(0xa34f5b),
        INK_SOFT,
        hex(0x6d7f5a),
    ];
    let mut g = 0;
    for gy in [285.0, 800.0, 1315.0] {
        for gx in [460.0, 1200.0, 1940.0] {
            let (gx, gy) = (gx + rng.range(-20.0, 20.0), gy + rng.range(-15.0, 15.0));
            let n = 7;
            let off = rng.range(0.0, TAU);
            let z = 0.84;
            let tr = 150.0 * z;
            // chairs and people around
            for k in 0..n {
                let th = off + TAU * k as f32 / n as f32;
                let (sn, cs) = th.sin_cos();
                let (chx, chy) = (gx + cs * (tr + 92.0 * z), gy + sn * (tr + 92.0 * z));
                c.rrect_rot(
                    chx,
                    chy,
                    52.0 * z,
                    36.0 * z,
                    14.0 * z,
                    th + PI / 2.0,
                    INK_SOFT,
                    0.9,
                );
                if k == 3 && g % 3 == 1 {
                    continue; // an empty chair here and there
                }
                let lk = look(rng);
                let (px, py) = (gx + cs * (tr + 62.0 * z), gy + sn * (tr + 62.0 * z));
                let (tx, ty) = (-sn, cs);
                for m in [-1.0, 1.0] {
                    let (ax, ay) = (px + tx * m * 44.0 * z, py + ty * m * 44.0 * z);
                    let (bx, by) = (
                        px + (tx * m * 30.0 - cs * 58.0) * z,
                        py + (ty * m * 30.0 - sn * 58.0) * z,
                    );
                    c.line(ax, ay, bx, by, 20.0 * z, shade(lk.top, 0.85), 1.0);
                    c.circle(bx, by, 11.0 * z, lk.skin);
                }
                c.ellipse(px, py, 60.0 * z, 28.0 * z, th + PI / 2.0, lk.top, 1.0);
                let head = if lk.style == Hair::Scarf {
                    lk.scarf
                } else if lk.style == Hair::Grey {
                    GREY_HAIR
                } else {
                    lk.hair
                };
                c.circle(px - cs * 6.0 * z, py - sn * 6.0 * z, 26.0 * z, head);
            }
            c.circle_a(gx + 10.0, gy + 16.0, tr, INK, 0.12);
            c.circle(gx, gy, tr, hex(0xe2c79c));
            c.ring(gx, gy, tr - 8.0, 4.0, hex(0xcfae7d), 1.0);
            // papers and cups
            for k in 0..3 {
                let th = off + 0.5 + TAU * k as f32 / 3.0;
                let fr = Frame {
                    cx: gx + th.cos() * 70.0,
                    cy: gy + th.sin() * 70.0,
                    ang: th + rng.range(-0.3, 0.3),
                };
                c.rrect_rot(fr.cx, fr.cy, 23.0, 30.0, 3.0, fr.ang, OFFWHITE, 1.0);
                text_lines(c, fr, -14.0, -18.0, 28.0, 4, 11.0, 4.0, INK_SOFT, 0.45, rng);
            }
            for k in 0..2 {
                let th = off + 1.6 + PI * k as f32;
                c.ring(
                    gx + th.cos() * 80.0,
                    gy + th.sin() * 80.0,
                    12.0,
                    5.0,
                    OFFWHITE,
                    1.0,
                );
                c.circle(gx + th.cos() * 80.0, gy + th.sin() * 80.0, 9.0, BROWN);
            }
            c.circle(gx, gy, 27.0, markers[g]);
            c.circle(gx, gy, 10.0, OFFWHITE);
            g += 1;
        }
    }
}

/// 04: sticky notes in three columns (short, medium and long term).
fn scene_priorities(c: &mut Canvas, rng: &mut Rng) {
    c.vgrad(0.0, 0.0, 2400.0, 1420.0, hex(0xf1e6d0), hex(0xe6d5b4));
    c.vgrad(
        0.0,
        1420.0,
        2400.0,
        1600.0,
        SAND_DARK,
        shade(SAND_DARK, 0.9),
    );
    c.rect(0.0, 1408.0, 2400.0, 1426.0, shade(SAND_DARK, 0.85));
    c.rrect_a(212.0, 196.0, 2218.0, 1362.0, 18.0, INK, 0.13);
    c.rrect(188.0, 168.0, 2212.0, 1352.0, 18.0, INK_SOFT);
    c.rrect(202.0, 182.0, 2198.0, 1338.0, 10.0, OFFWHITE);
    let heads = [GREEN, GOLD, TERRA];
    let counts = [6, 6, 4];
    let cw = 1996.0 / 3.0;
    for k in 0..3 {
        let x0 = 202.0 + cw * k as f32;
        if k > 0 {
            c.line(x0, 250.0, x0, 1180.0, 3.0, INK, 0.14);
        }
        c.rrect(x0 + 60.0, 230.0, x0 + cw - 60.0, 300.0, 35.0, heads[k]);
        for d in 0..=k {
            let dx = (d as f32 - k as f32 / 2.0) * 44.0;
            c.circle(x0 + cw / 2.0 + dx, 265.0, 12.0, OFFWHITE);
        }
        for i in 0..counts[k] {
            let (col, row) = (i % 2, i / 2);
            let nx = x0 + 185.0 + col as f32 * 296.0 + rng.range(-14.0, 14.0);
            let ny = 480.0 + row as f32 * 282.0 + rng.range(-10.0, 10.0);
            let ang = rng.range(-0.07, 0.07);
            let col = rng.pick(&PASTELS);
            c.rrect_rot(nx + 7.0, ny + 11.0, 115.0, 115.0, 6.0, ang, INK, 0.14);
            c.rrect_rot(nx, ny, 115.0, 115.0, 6.0, ang, col, 1.0);
            let fr = Frame {
                cx: nx,
                cy: ny,
                ang,
            };
            let top = fr.at(0.0, -115.0);
            c.rrect_rot(
                top.0,
                top.1 + 8.0,
                115.0,
                8.0,
                0.0,
                ang,
                shade(col, 0.94),
                1.0,
            );
            let n = 3 + (rng.next() % 2) as usize;
            text_lines(
                c, fr, -82.0, -52.0, 164.0, n, 38.0, 10.0, INK_SOFT, 0.55, rng,
            );
        }
    }
    c.line(300.0, 1255.0, 2070.0, 1255.0, 8.0, INK_SOFT, 0.7);
    c.poly(
        &[(2060.0, 1230.0), (2110.0, 1255.0), (2060.0, 1280.0)],
        INK_SOFT,
        0.7,
    );
    for (k, head) in heads.iter().enumerate() {
        let x = 202.0 + cw * (k as f32 + 0.5);
        c.circle(x, 1255.0, 24.0, OFFWHITE);
        c.circle(x, 1255.0, 17.0, *head);
    }
    // marker tray
    c.rrect(760.0, 1338.0, 1300.0, 1362.0, 6.0, shade(INK_SOFT, 1.2));
    for (i, col) in [GREEN, TERRA, INK, GOLD].iter().enumerate() {
        let x = 830.0 + i as f32 * 110.0;
        c.line(x, 1332.0, x + 80.0, 1332.0, 16.0, *col, 1.0);
        c.line(x + 70.0, 1332.0, x + 88.0, 1332.0, 10.0, OFFWHITE, 1.0);
    }
    plant(c, 2305.0, 1290.0, 1.0);
}

/// 05: two people talking, with speech bubbles in two colours.
fn scene_dialogue(c: &mut Canvas, rng: &mut Rng) {
    c.vgrad(0.0, 0.0, 2400.0, 1600.0, MINT, OFFWHITE);
    c.circle_a(300.0, 1250.0, 420.0, GREEN_LIGHT, 0.25);
    c.circle_a(2150.0, 300.0, 360.0, TERRA_LIGHT, 0.22);
    c.circle_a(1250.0, 1450.0, 300.0, SAND, 0.5);
    // bubbles
    let fr = Frame {
        cx: 0.0,
        cy: 0.0,
        ang: 0.0,
    };
    c.rrect_a(300.0, 200.0, 1170.0, 700.0, 110.0, INK, 0.08);
    c.rrect(280.0, 180.0, 1150.0, 680.0, 110.0, GREEN);
    c.poly(
        &[(520.0, 660.0), (700.0, 660.0), (560.0, 860.0)],
        GREEN,
        1.0,
    );
    text_lines(
        c, fr, 400.0, 320.0, 620.0, 4, 80.0, 30.0, OFFWHITE, 0.85, rng,
    );
    c.rrect_a(1270.0, 480.0, 2140.0, 960.0, 110.0, INK, 0.08);
    c.rrect(1250.0, 460.0, 2120.0, 940.0, 110.0, TERRA);
    c.poly(
        &[(1700.0, 920.0), (1880.0, 920.0), (1850.0, 1090.0)],
        TERRA,
        1.0,
    );
    text_lines(
        c, fr, 1370.0, 590.0, 620.0, 3, 80.0, 30.0, OFFWHITE, 0.85, rng,
    );
    c.rrect(1010.0, 760.0, 1290.0, 880.0, 60.0, GOLD);
    for k in 0..3 {
        c.circle(1080.0 + k as f32 * 65.0, 820.0, 18.0, OFFWHITE);
    }
    // the two speakers, in profile
    let left = Look {
        skin: SKINS[2],
        hair: HAIRS[1],
        top: GREEN_MID,
        scarf: TERRA,
        trousers: INK,
        style: Hair::Short,
    };
    let right = Look {
        skin: SKINS[0],
        hair: HAIRS[0],
        top: SLATE,
        scarf: hex(0xa34f5b),
        trousers: INK,
        style: Hair::Scarf,
    };
    for (x, dir, lk) in [(560.0, 1.0, left), (1860.0, -1.0, right)] {
        c.rrect(x - 300.0, 1260.0, x + 300.0, 1800.0, 230.0, lk.top);
        c.rrect(
            x - 52.0 + dir * 18.0,
            1100.0,
            x + 52.0 + dir * 18.0,
            1290.0,
            30.0,
            shade(lk.skin, 0.9),
        );
        if lk.style == Hair::Scarf {
            c.circle(x - dir * 8.0, 1020.0, 150.0, lk.scarf);
            c.poly(
                &[
                    (x - 150.0, 1020.0),
                    (x + 150.0, 1020.0),
                    (x + 190.0, 1300.0),
                    (x - 190.0, 1300.0),
                ],
                lk.scarf,
                1.0,
            );
            c.circle(x + dir * 42.0, 1030.0, 112.0, lk.skin);
            c.poly(
                &[
                    (x + dir * 146.0, 1010.0),
                    (x + dir * 172.0, 1062.0),
                    (x + dir * 140.0, 1070.0),
                ],
                lk.skin,
                1.0,
            );
            c.line(
                x - dir * 100.0,
                1120.0,
                x - dir * 160.0,
                1280.0,
                14.0,
                shade(lk.scarf, 0.85),
                1.0,
            );
        } else {
            c.circle(x - dir * 15.0, 1005.0, 138.0, lk.hair);
            c.circle(x + dir * 30.0, 1030.0, 122.0, lk.skin);
            c.poly(
                &[
                    (x + dir * 146.0, 1005.0),
                    (x + dir * 178.0, 1062.0),
                    (x + dir * 142.0, 1070.0),
                ],
                lk.skin,
                1.0,
            );
            c.circle(x - dir * 52.0, 1040.0, 24.0, shade(lk.skin, 0.92));
        }
        c.rrect(x - 300.0, 1260.0, x + 300.0, 1800.0, 230.0, lk.top);
        c.poly(
            &[
                (x + dir * 10.0 - 50.0, 1262.0),
                (x + dir * 10.0 + 50.0, 1262.0),
                (x + dir * 10.0, 1340.0),
            ],
            shade(lk.skin, 0.9),
            1.0,
        );
    }
}

/// 06 (portrait): an empty lectern with a microphone under a spotlight.
fn scene_lectern(c: &mut Canvas, _rng: &mut Rng) {
    let (w, h) = (1600.0, 2400.0);
    c.vgrad(0.0, 0.0, w, 1950.0, hex(0x1a2a2a), hex(0x22363a));
    for i in 0..16 {
        let x = i as f32 * 100.0;
        c.rect(x, 0.0, x + 50.0, 1950.0, hex(0x183030));
    }
    c.poly(
        &[
            (690.0, 0.0),
            (910.0, 0.0),
            (1380.0, 2050.0),
            (220.0, 2050.0),
        ],
        SAND,
        0.06,
    );
    c.glow(800.0, 1000.0, 950.0, SAND, 0.28);
    c.vgrad(0.0, 1950.0, w, h, hex(0x3a2a20), hex(0x2a1f18));
    c.ellipse(800.0, 2060.0, 620.0, 120.0, 0.0, SAND, 0.22);
    c.ellipse(800.0, 2060.0, 420.0, 80.0, 0.0, SAND, 0.18);
    // microphone on a gooseneck
    let mut neck = Vec::new();
    for i in 0..=24 {
        let t = i as f32 / 24.0;
        let (x0, y0, x1, y1, x2, y2) = (900.0, 1120.0, 930.0, 900.0, 780.0, 905.0);
        let x = (1.0 - t).powi(2) * x0 + 2.0 * (1.0 - t) * t * x1 + t * t * x2;
        let y = (1.0 - t).powi(2) * y0 + 2.0 * (1.0 - t) * t * y1 + t * t * y2;
        neck.push((x, y));
    }
    c.polyline(&neck, 16.0, hex(0x2b2f33), 1.0);
    c.line(785.0, 905.0, 730.0, 880.0, 58.0, hex(0x2b2f33), 1.0);
    c.line(760.0, 893.0, 715.0, 873.0, 50.0, INK, 1.0);
    c.line(735.0, 868.0, 725.0, 863.0, 8.0, OFFWHITE, 0.35);
    // lectern
    c.poly(
        &[
            (500.0, 1185.0),
            (1100.0, 1185.0),
            (1030.0, 2040.0),
            (570.0, 2040.0),
        ],
        GREEN,
        1.0,
    );
    c.poly(
        &[
            (1000.0, 1185.0),
            (1100.0, 1185.0),
            (1030.0, 2040.0),
            (950.0, 2040.0),
        ],
        GREEN_DEEP,
        1.0,
    );
    c.poly(
        &[
            (460.0, 1110.0),
            (1140.0, 1110.0),
            (1110.0, 1195.0),
            (490.0, 1195.0),
        ],
        GREEN_MID,
        1.0,
    );
    c.rect(490.0, 1185.0, 1110.0, 1200.0, GREEN_DEEP);
    c.rrect(540.0, 2030.0, 1060.0, 2080.0, 10.0, INK);
    c.rect(600.0, 1300.0, 960.0, 1312.0, GOLD);
    c.circle(780.0, 1520.0, 130.0, OFFWHITE);
    c.ring(780.0, 1520.0, 105.0, 10.0, GOLD, 1.0);
    c.circle(780.0, 1520.0, 56.0, TERRA);
    c.circle(780.0, 1520.0, 22.0, OFFWHITE);
    c.rect(600.0, 1740.0, 960.0, 1748.0, GOLD);
    // papers and a glass of water on the top
    c.rrect_rot(700.0, 1098.0, 130.0, 14.0, 3.0, -0.02, OFFWHITE, 1.0);
    c.rrect(990.0, 1020.0, 1060.0, 1112.0, 8.0, MINT);
    c.rrect_a(990.0, 1050.0, 1060.0, 1112.0, 8.0, GREEN_LIGHT, 0.6);
    c.rect(998.0, 1030.0, 1006.0, 1100.0, OFFWHITE);
    c.glow(780.0, 880.0, 160.0, OFFWHITE, 0.12);
}

/// 07: a panel of four on a stage.
fn scene_panel(c: &mut Canvas, rng: &mut Rng) {
    c.vgrad(0.0, 0.0, 2400.0, 1130.0, GREEN, GREEN_DEEP);
    for i in 0..24 {
        if i % 2 == 1 {
            let x = i as f32 * 100.0;
            c.rect(x, 0.0, x + 100.0, 1130.0, shade(GREEN_DEEP, 0.92));
        }
    }
    c.rect(0.0, 120.0, 2400.0, 150.0, TERRA);
    c.rect(0.0, 160.0, 2400.0, 172.0, GOLD);
    for x in [600.0, 1200.0, 1800.0] {
        c.glow(x, 620.0, 520.0, SAND, 0.16);
    }
    c.vgrad(0.0, 1130.0, 2400.0, 1600.0, WOOD, shade(WOOD, 0.75));
    c.ellipse(1200.0, 1360.0, 1080.0, 120.0, 0.0, TERRA, 0.55);
    let xs = [540.0, 980.0, 1420.0, 1860.0];
    let chairs = [SAND, SAND, SAND, SAND];
    let s = 1.25;
    let y = 1130.0;
    // side tables between the chairs
    for k in 0..3 {
        let x = (xs[k] + xs[k + 1]) / 2.0;
        c.line(x, 1040.0, x, 1300.0, 14.0, INK, 1.0);
        c.ellipse(x, 1300.0, 50.0, 10.0, 0.0, INK, 1.0);
        c.ellipse(x, 1040.0, 70.0, 16.0, 0.0, SAND_LIGHT, 1.0);
        c.rrect_a(x - 22.0, 975.0, x + 2.0, 1038.0, 5.0, MINT, 0.9);
        c.rrect_a(x - 22.0, 1000.0, x + 2.0, 1038.0, 5.0, GREEN_LIGHT, 0.6);
    }
    let _ = rng;
    let looks = [
        Look {
            skin: SKINS[2],
            hair: HAIRS[1],
            top: SLATE,
            scarf: GOLD,
            trousers: INK,
            style: Hair::Short,
        },
        Look {
            skin: SKINS[4],
            hair: INK,
            top: TERRA,
            scarf: hex(0xa34f5b),
            trousers: INK_SOFT,
            style: Hair::Scarf,
        },
        Look {
            skin: SKINS[0],
            hair: INK,
            top: GOLD,
            scarf: GOLD,
            trousers: hex(0x4a3f36),
            style: Hair::Long,
        },
        Look {
            skin: SKINS[3],
            hair: INK,
            top: BROWN,
            scarf: GOLD,
            trousers: INK,
            style: Hair::Grey,
        },
    ];
    for (k, x) in xs.iter().enumerate() {
        c.ellipse(*x, y + 235.0, 150.0, 22.0, 0.0, INK, 0.25);
        armchair(c, *x, y, s, chairs[k]);
        person_front(c, *x, y, s, &looks[k]);
    }
    // a hand-held microphone for the second speaker
    c.line(xs[1] + 44.0, 1110.0, xs[1] + 60.0, 950.0, 16.0, INK, 1.0);
    c.circle(xs[1] + 61.0, 940.0, 20.0, INK_SOFT);
}

/// 08: an audience from behind, facing a stage and a screen.
fn scene_audience(c: &mut Canvas, rng: &mut Rng) {
    c.vgrad(0.0, 0.0, 2400.0, 1600.0, hex(0x2c3b44), hex(0x1a242b));
    c.glow(1200.0, 470.0, 900.0, SAND, 0.18);
    c.rrect(690.0, 130.0, 1710.0, 640.0, 10.0, INK);
    c.rrect(708.0, 148.0, 1692.0, 622.0, 6.0, OFFWHITE);
    c.circle_a(1120.0, 385.0, 150.0, GREEN_MID, 0.85);
    c.circle_a(1280.0, 385.0, 150.0, TERRA, 0.8);
    c.circle(1200.0, 250.0, 40.0, GOLD);
    // the panel on the stage, behind a table
    c.rect(250.0, 800.0, 2150.0, 880.0, WOOD);
    c.rect(250.0, 880.0, 2150.0, 930.0, shade(WOOD, 0.6));
    for (i, x) in [890.0, 1090.0, 1310.0, 1510.0].iter().enumerate() {
        let lk = Look {
            skin: SKINS[i],
            hair: HAIRS[i],
            top: [GREEN, TERRA, SLATE, BROWN][i],
            scarf: GOLD,
            trousers: INK,
            style: [Hair::Short, Hair::Scarf, Hair::Long, Hair::Grey][i],
        };
        upper_body(c, *x, 716.0, 850.0, 0.6, &lk);
    }
    c.rrect(780.0, 780.0, 1620.0, 860.0, 4.0, OFFWHITE);
    c.rect(780.0, 832.0, 1620.0, 844.0, GREEN);
    // rows of people, the far rows first, darker
    let rows = [
        (1010.0, 0.85, 0.55),
        (1150.0, 1.1, 0.7),
        (1320.0, 1.45, 0.82),
        (1520.0, 1.9, 1.0),
    ];
    for (y, s, light) in rows {
        let sp = 185.0 * s;
        let mut x = rng.range(-sp * 0.5, 0.0);
        while x < 2400.0 + sp {
            let mut lk = look(rng);
            let dim = 0.55 + 0.4 * light;
            lk.top = shade(lk.top, dim);
            lk.hair = shade(lk.hair, dim);
            lk.scarf = shade(lk.scarf, dim);
            lk.skin = shade(lk.skin, dim);
            person_back(
                c,
                x + rng.range(-15.0, 15.0),
                y + rng.range(-12.0, 12.0),
                s,
                &lk,
            );
            x += sp * rng.range(0.9, 1.1);
        }
    }
}

/// 09: a row of twelve abstract flags.
fn scene_flags(c: &mut Canvas, rng: &mut Rng) {
    c.vgrad(0.0, 0.0, 2400.0, 1300.0, OFFWHITE, SAND_LIGHT);
    for i in 0..6 {
        let x = 200.0 + i as f32 * 400.0;
        c.rrect_a(x - 150.0, 120.0, x + 150.0, 1180.0, 12.0, SAND, 0.35);
    }
    c.vgrad(0.0, 1300.0, 2400.0, 1600.0, SAND, SAND_DARK);
    c.rect(0.0, 1292.0, 2400.0, 1306.0, shade(SAND_DARK, 0.9));
    let designs: [(&[Col], bool); 12] = [
        (&[GREEN, OFFWHITE, GREEN], true),
        (&[TERRA, SAND], false),
        (&[SLATE, OFFWHITE, TERRA], true),
        (&[INK_SOFT, GOLD, INK_SOFT], false),
        (&[GREEN_MID, GOLD], true),
        (&[TERRA_DARK, OFFWHITE, TERRA_DARK], false),
        (&[GOLD, GREEN, GOLD], true),
        (&[SLATE, SAND_LIGHT], false),
        (&[hex(0xa34f5b), OFFWHITE, hex(0xa34f5b)], true),
        (&[GREEN, TERRA, GREEN], false),
        (&[INK_SOFT, TERRA_LIGHT], true),
        (&[GREEN_DEEP, SAND, GOLD], false),
    ];
    let brass = hex(0xb08d4a);
    for (k, (bands, vertical)) in designs.iter().enumerate() {
        let x = 215.0 + k as f32 * 172.0;
        let (fy, fw, fh) = (300.0, 118.0, 250.0);
        c.line(x, 230.0, x, 1100.0, 12.0, brass, 1.0);
        c.circle(x, 224.0, 16.0, GOLD);
        let phase = rng.range(0.0, TAU);
        // a hanging flag: its free edge swings a little
        let wave = |v: f32| 14.0 * (v * 2.6 + phase).sin() * v;
        let n = bands.len();
        let steps = 24;
        for (b, col) in bands.iter().enumerate() {
            let mut pts = Vec::new();
            if *vertical {
                // bands side by side down the hanging flag
                let (u0, u1) = (b as f32 / n as f32, (b + 1) as f32 / n as f32);
                for i in 0..=steps {
                    let v = i as f32 / steps as f32;
                    pts.push((x + 8.0 + u0 * fw + wave(v) * u0, fy + v * fh));
                }
                for i in (0..=steps).rev() {
                    let v = i as f32 / steps as f32;
                    pts.push((x + 8.0 + u1 * fw + wave(v) * u1, fy + v * fh));
                }
            } else {
                let (v0, v1) = (b as f32 / n as f32, (b + 1) as f32 / n as f32);
                for i in 0..=steps {
                    let u = i as f32 / steps as f32;
                    pts.push((x + 8.0 + u * fw + wave(v0) * u, fy + v0 * fh));
                }
                for i in (0..=steps).rev() {
                    let u = i as f32 / steps as f32;
                    pts.push((x + 8.0 + u * fw + wave(v1) * u, fy + v1 * fh));
                }
            }
            c.poly(&pts, *col, 1.0);
        }
        // folds
        for f in 0..3 {
            let u = 0.2 + 0.3 * f as f32;
            let top = (x + 8.0 + u * fw, fy + 6.0);
            let bot = (x + 8.0 + u * fw + wave(1.0) * u, fy + fh - 6.0);
            c.line(top.0, top.1, bot.0, bot.1, 10.0, INK, 0.07);
        }
        c.rect(x + 2.0, fy - 6.0, x + 12.0, fy + fh, shade(brass, 0.8));
    }
    // a long table with a cloth, glasses and blank name cards
    c.ellipse(1200.0, 1318.0, 1100.0, 26.0, 0.0, INK, 0.15);
    c.rect(120.0, 1000.0, 2280.0, 1310.0, GREEN);
    c.rect(120.0, 1000.0, 2280.0, 1022.0, GREEN_MID);
    c.rect(120.0, 1262.0, 2280.0, 1274.0, GOLD);
    for k in 0..6 {
        let x = 330.0 + k as f32 * 350.0;
        c.poly(
            &[
                (x - 70.0, 1000.0),
                (x + 70.0, 1000.0),
                (x + 60.0, 930.0),
                (x - 60.0, 930.0),
            ],
            OFFWHITE,
            1.0,
        );
        c.line(x - 40.0, 965.0, x + 40.0, 965.0, 8.0, SAND_DARK, 1.0);
        c.rrect_a(x + 110.0, 925.0, x + 146.0, 1000.0, 6.0, MINT, 0.9);
        c.rrect_a(x + 110.0, 955.0, x + 146.0, 1000.0, 6.0, GREEN_LIGHT, 0.6);
    }
}

/// 10: a map-like outline with connected dots inside and around it.
fn scene_network(c: &mut Canvas, rng: &mut Rng) {
    c.vgrad(0.0, 0.0, 2400.0, 1600.0, GREEN, hex(0x073c31));
    for i in 1..12 {
        c.line(
            i as f32 * 200.0,
            0.0,
            i as f32 * 200.0,
            1600.0,
            2.0,
            OFFWHITE,
            0.05,
        );
    }
    for i in 1..8 {
        c.line(
            0.0,
            i as f32 * 200.0,
            2400.0,
            i as f32 * 200.0,
            2.0,
            OFFWHITE,
            0.05,
        );
    }
    let (cx, cy, r) = (1180.0, 800.0, 360.0);
    let (p1, p2, p3) = (
        rng.range(0.0, TAU),
        rng.range(0.0, TAU),
        rng.range(0.0, TAU),
    );
    let blob: Vec<(f32, f32)> = (0..96)
        .map(|i| {
            let th = TAU * i as f32 / 96.0;
            let rr = r
                * (1.0
                    + 0.13 * (2.0 * th + p1).sin()
                    + 0.08 * (3.0 * th + p2).sin()
                    + 0.05 * (5.0 * th + p3).sin());
            (cx + 1.2 * rr * th.cos(), cy + rr * th.sin())
        })
        .collect();
    c.poly(&blob, GREEN_MID, 0.9);
    let mut outline = blob.clone();
    outline.push(blob[0]);
    c.polyline(&outline, 5.0, OFFWHITE, 0.35);
    let mut inside: Vec<(f32, f32)> = Vec::new();
    while inside.len() < 14 {
        let p = (
            rng.range(cx - 1.3 * r, cx + 1.3 * r),
            rng.range(cy - 1.2 * r, cy + 1.2 * r),
        );
        let ok = point_in_poly(p.0, p.1, &blob)
            && inside.iter().all(|q| (q.0 - p.0).hypot(q.1 - p.1) > 120.0);
        let edge = blob.iter().all(|q| (q.0 - p.0).hypot(q.1 - p.1) > 45.0);
        if ok && edge {
            inside.push(p);
        }
    }
    let mut outside: Vec<(f32, f32)> = Vec::new();
    while outside.len() < 22 {
        let th = rng.range(0.0, TAU);
        let rr = rng.range(1.45, 2.9) * r;
        let p = (cx + 1.25 * rr * th.cos(), cy + 0.9 * rr * th.sin());
        let in_view = p.0 > 90.0 && p.0 < 2310.0 && p.1 > 90.0 && p.1 < 1510.0;
        if in_view
            && !point_in_poly(p.0, p.1, &blob)
            && outside.iter().all(|q| (q.0 - p.0).hypot(q.1 - p.1) > 170.0)
            && blob.iter().all(|q| (q.0 - p.0).hypot(q.1 - p.1) > 110.0)
        {
            outside.push(p);
        }
    }
    let nearest = |p: (f32, f32), set: &[(f32, f32)], skip: usize| -> Vec<usize> {
        let mut idx: Vec<usize> = (0..set.len()).collect();
        idx.sort_by(|&a, &b| {
            let da = (set[a].0 - p.0).hypot(set[a].1 - p.1);
            let db = (set[b].0 - p.0).hypot(set[b].1 - p.1);
            da.partial_cmp(&db).unwrap()
        });
        idx.into_iter().skip(skip).collect()
    };
    for p in &inside {
        for j in nearest(*p, &inside, 1).into_iter().take(2) {
            c.line(p.0, p.1, inside[j].0, inside[j].1, 4.0, OFFWHITE, 0.3);
        }
    }
    for p in &outside {
        let j = nearest(*p, &inside, 0)[0];
        c.line(p.0, p.1, inside[j].0, inside[j].1, 3.0, SAND, 0.3);
        let k = nearest(*p, &outside, 1)[0];
        c.line(p.0, p.1, outside[k].0, outside[k].1, 3.0, SAND, 0.22);
    }
    let hub = nearest((cx, cy), &inside, 0)[0];
    for p in &inside {
        c.glow(p.0, p.1, 60.0, GOLD, 0.35);
    }
    for (i, p) in inside.iter().enumerate() {
        let rr = if i == hub { 22.0 } else { 14.0 };
        c.circle(p.0, p.1, rr, GOLD);
        if i == hub {
            c.ring(p.0, p.1, 40.0, 5.0, GOLD, 0.8);
        }
    }
    for p in &outside {
        c.circle(p.0, p.1, 16.0, TERRA_LIGHT);
        c.circle(p.0, p.1, 7.0, GREEN);
    }
}

/// 11: hands raised above a crowd.
fn scene_hands(c: &mut Canvas, rng: &mut Rng) {
    c.vgrad(0.0, 0.0, 2400.0, 1600.0, SAND_LIGHT, hex(0xf0c9a8));
    c.circle_a(1900.0, 330.0, 260.0, GOLD, 0.22);
    c.circle_a(420.0, 420.0, 180.0, TERRA_LIGHT, 0.3);
    c.circle_a(1250.0, 250.0, 110.0, GREEN_LIGHT, 0.3);
    // back row
    let mut back = Vec::new();
    let mut x = -60.0;
    while x < 2500.0 {
        back.push((x, 1230.0 + rng.range(-20.0, 20.0), look(rng)));
        x += rng.range(250.0, 300.0);
    }
    for (x, y, lk) in &back {
        person_back(c, *x, *y, 1.55, lk);
    }
    // raised arms: (person index, elbow offset, wrist offset, mirror)
    let arms = [
        (1, (-50.0, -250.0), (-20.0, -480.0), true),
        (3, (40.0, -270.0), (60.0, -520.0), false),
        (5, (-30.0, -230.0), (10.0, -450.0), true),
        (8, (-40.0, -270.0), (-60.0, -510.0), true),
    ];
    for (i, e, wr, mirror) in arms {
        if let Some((x, y, lk)) = back.get(i) {
            let sx = x + if mirror { -70.0 } else { 70.0 };
            let sy = y + 60.0;
            raised_arm(
                c,
                sx,
                sy,
                sx + e.0,
                sy + e.1,
                sx + wr.0,
                sy + wr.1,
                1.3,
                shade(lk.top, 0.9),
                lk.skin,
                mirror,
            );
        }
    }
    // front row
    let mut x = 80.0;
    let mut front = Vec::new();
    while x < 2500.0 {
        front.push((x, 1450.0 + rng.range(-20.0, 20.0), look(rng)));
        x += rng.range(330.0, 380.0);
    }
    for (k, (x, y, lk)) in front.iter().enumerate() {
        if k == 1 || k == 4 {
            let sx = x + 80.0;
            raised_arm(
                c,
                sx,
                y + 60.0,
                sx + 70.0,
                y - 250.0,
                sx + 40.0,
                y - 540.0,
                1.5,
                shade(lk.top, 0.9),
                lk.skin,
                false,
            );
        }
    }
    for (x, y, lk) in &front {
        person_back(c, *x, *y, 2.0, lk);
    }
}

/// 12 (portrait): a signed document on a desk, with a pen and a cup.
fn scene_statement(c: &mut Canvas, rng: &mut Rng) {
    c.vgrad(0.0, 0.0, 1600.0, 2400.0, hex(0x7f5a40), hex(0x6a4a34));
    for i in 0..14 {
        let y0 = 80.0 + i as f32 * 170.0 + rng.range(-30.0, 30.0);
        let ph = rng.range(0.0, TAU);
        let pts: Vec<(f32, f32)> = (0..=32)
            .map(|k| (k as f32 * 50.0, y0 + 12.0 * (k as f32 * 0.25 + ph).sin()))
            .collect();
        c.polyline(&pts, 4.0, hex(0x5a3e2b), 0.35);
    }
    let fr = Frame {
        cx: 800.0,
        cy: 1150.0,
        ang: -0.045,
    };
    c.rrect_rot(820.0, 1180.0, 570.0, 810.0, 8.0, fr.ang, INK, 0.25);
    c.rrect_rot(fr.cx, fr.cy, 560.0, 800.0, 6.0, fr.ang, OFFWHITE, 1.0);
    let bar = |c: &mut Canvas, x0: f32, y: f32, x1: f32, t: f32, col: Col| {
        let a = fr.at(x0, y);
        let b = fr.at(x1, y);
        c.line(a.0, a.1, b.0, b.1, t, col, 1.0);
    };
    // heading block
    let m = fr.at(-410.0, -660.0);
    c.circle(m.0, m.1, 42.0, GREEN);
    c.circle(m.0, m.1, 16.0, OFFWHITE);
    bar(c, -330.0, -680.0, 260.0, 30.0, GREEN);
    bar(c, -330.0, -630.0, 80.0, 18.0, GREEN_LIGHT);
    bar(c, -460.0, -560.0, 460.0, 4.0, SAND_DARK);
    // paragraphs and numbered points
    text_lines(
        c, fr, -460.0, -490.0, 920.0, 5, 44.0, 14.0, INK_SOFT, 0.7, rng,
    );
    text_lines(
        c, fr, -460.0, -240.0, 920.0, 3, 44.0, 14.0, INK_SOFT, 0.7, rng,
    );
    for k in 0..4 {
        let y = -60.0 + k as f32 * 120.0;
        let d = fr.at(-440.0, y);
        c.circle(d.0, d.1, 16.0, TERRA);
        text_lines(c, fr, -400.0, y, 860.0, 2, 44.0, 14.0, INK_SOFT, 0.7, rng);
    }
    text_lines(
        c, fr, -460.0, 440.0, 920.0, 3, 44.0, 14.0, INK_SOFT, 0.7, rng,
    );
    // signature and seal
    let sig: Vec<(f32, f32)> = (0..=60)
        .map(|k| {
            let t = k as f32 / 60.0;
            let lx = 40.0 + 360.0 * t;
            let ly = 660.0 - 30.0 * (t * 14.0).sin() * (1.0 - t * 0.6) - 40.0 * t;
            fr.at(lx, ly)
        })
        .collect();
    c.polyline(&sig, 7.0, GREEN, 1.0);
    bar(c, 30.0, 700.0, 440.0, 3.0, SAND_DARK);
    let seal = fr.at(-300.0, 650.0);
    c.ring(seal.0, seal.1, 95.0, 9.0, TERRA, 0.75);
    c.ring(seal.0, seal.1, 70.0, 4.0, TERRA, 0.75);
    c.circle_a(seal.0, seal.1, 28.0, TERRA, 0.6);
    // pen
    let (p0, p1) = ((1440.0, 1640.0), (1180.0, 2020.0));
    c.line(
        p0.0 + 14.0,
        p0.1 + 18.0,
        p1.0 + 14.0,
        p1.1 + 18.0,
        46.0,
        INK,
        0.25,
    );
    c.line(p0.0, p0.1, p1.0, p1.1, 44.0, INK, 1.0);
    let dir = ((p1.0 - p0.0) / 460.0, (p1.1 - p0.1) / 460.0);
    let tip = (p1.0 + dir.0 * 70.0, p1.1 + dir.1 * 70.0);
    let nrm = (-dir.1, dir.0);
    c.poly(
        &[
            (p1.0 + nrm.0 * 20.0, p1.1 + nrm.1 * 20.0),
            (p1.0 - nrm.0 * 20.0, p1.1 - nrm.1 * 20.0),
            tip,
        ],
        GOLD,
        1.0,
    );
    c.line(
        p0.0 + dir.0 * 40.0 + nrm.0 * 26.0,
        p0.1 + dir.1 * 40.0 + nrm.1 * 26.0,
        p0.0 + dir.0 * 170.0 + nrm.0 * 26.0,
        p0.1 + dir.1 * 170.0 + nrm.1 * 26.0,
        10.0,
        GOLD,
        1.0,
    );
    // a cup of tea
    c.circle_a(262.0, 2208.0, 175.0, INK, 0.22);
    c.circle(250.0, 2190.0, 175.0, OFFWHITE);
    c.ring(250.0, 2190.0, 140.0, 4.0, SAND_DARK, 1.0);
    c.circle(250.0, 2190.0, 110.0, OFFWHITE);
    c.circle(250.0, 2190.0, 92.0, hex(0xa0522d));
    c.circle_a(225.0, 2165.0, 30.0, OFFWHITE, 0.25);
    c.line(360.0, 2190.0, 430.0, 2190.0, 30.0, OFFWHITE, 1.0);
}

// ---------------------------------------------------------------------------
// Video posters and the clip (1600×900 design units)
// ---------------------------------------------------------------------------

/// The highlights poster: three scenes on a film strip.
fn poster_highlights(c: &mut Canvas, _rng: &mut Rng) {
    c.vgrad(0.0, 0.0, 1600.0, 900.0, GREEN, GREEN_DEEP);
    c.circle_a(1450.0, 120.0, 260.0, GREEN_MID, 0.35);
    c.circle_a(150.0, 820.0, 220.0, TERRA, 0.25);
    c.rect(0.0, 200.0, 1600.0, 700.0, INK);
    for i in 0..27 {
        let x = 14.0 + i as f32 * 60.0;
        c.rrect(x, 218.0, x + 30.0, 240.0, 5.0, OFFWHITE);
        c.rrect(x, 660.0, x + 30.0, 682.0, 5.0, OFFWHITE);
    }
    let frames: [fn(&mut Canvas, &mut Rng); 3] = [scene_working_groups, scene_panel, scene_hands];
    let (fw, fh) = (460u32, 307u32);
    let s = c.s;
    for (k, draw) in frames.iter().enumerate() {
        let (x0, y0) = (70.0 + k as f32 * 500.0, 297.0);
        // draw each scene small, in pixels of this canvas, and copy it in
        let pw = (fw as f32 * s).round() as u32;
        let ph = (fh as f32 * s).round() as u32;
        let mut sub = Canvas::scaled(pw, ph, 2400.0);
        draw(&mut sub, &mut Rng::new(100 + k as u64));
        let (px, py) = c.p(x0, y0);
        let (px, py) = (px.round() as i64, py.round() as i64);
        for y in 0..ph {
            for x in 0..pw {
                let (tx, ty) = (px + x as i64, py + y as i64);
                if tx >= 0 && ty >= 0 && (tx as u32) < c.img.width() && (ty as u32) < c.img.height()
                {
                    c.img
                        .put_pixel(tx as u32, ty as u32, *sub.img.get_pixel(x, y));
                }
            }
        }
        c.rrect_a(
            x0 - 3.0,
            y0 - 3.0,
            x0 + fw as f32 + 3.0,
            y0 - 0.0,
            0.0,
            OFFWHITE,
            0.9,
        );
        c.rrect_a(
            x0 - 3.0,
            y0 + fh as f32,
            x0 + fw as f32 + 3.0,
            y0 + fh as f32 + 3.0,
            0.0,
            OFFWHITE,
            0.9,
        );
        c.rrect_a(x0 - 3.0, y0, x0, y0 + fh as f32, 0.0, OFFWHITE, 0.9);
        c.rrect_a(
            x0 + fw as f32,
            y0,
            x0 + fw as f32 + 3.0,
            y0 + fh as f32,
            0.0,
            OFFWHITE,
            0.9,
        );
    }
    for (k, col) in [GOLD, TERRA_LIGHT, OFFWHITE].iter().enumerate() {
        c.circle(740.0 + k as f32 * 60.0, 110.0, 16.0, *col);
    }
    c.rect(560.0, 780.0, 1040.0, 790.0, GOLD);
}

/// The closing session at time `t` in [0, 1]: a speaker at the lectern, the
/// panel at two tables, the audience from behind. The poster is one frame.
fn closing_scene(c: &mut Canvas, t: f32) {
    let mut rng = Rng::new(7);
    c.vgrad(0.0, 0.0, 1600.0, 900.0, hex(0x24343d), hex(0x141c22));
    c.rect(120.0, 60.0, 1480.0, 520.0, GREEN);
    for i in 0..17 {
        if i % 2 == 0 {
            let x = 120.0 + i as f32 * 80.0;
            c.rect(x, 60.0, x + 80.0, 520.0, GREEN_DEEP);
        }
    }
    c.rect(120.0, 90.0, 1480.0, 102.0, GOLD);
    // the screen shows a document
    c.rrect(560.0, 130.0, 1040.0, 400.0, 8.0, INK);
    c.rrect(570.0, 140.0, 1030.0, 390.0, 5.0, MINT);
    c.rrect(610.0, 160.0, 760.0, 372.0, 4.0, OFFWHITE);
    let fr = Frame {
        cx: 0.0,
        cy: 0.0,
        ang: 0.0,
    };
    c.rect(630.0, 180.0, 720.0, 192.0, GREEN);
    text_lines(
        c, fr, 630.0, 215.0, 110.0, 6, 22.0, 6.0, INK_SOFT, 0.6, &mut rng,
    );
    c.ring(725.0, 345.0, 14.0, 4.0, TERRA, 0.8);
    umbrella(c, 935.0, 270.0, 62.0, TERRA, MINT, INK);
    // stage
    c.rect(0.0, 500.0, 1600.0, 560.0, WOOD);
    c.rect(0.0, 560.0, 1600.0, 600.0, shade(WOOD, 0.6));
    // the panel at two tables
    let panel = [(260.0, 0), (400.0, 1), (1200.0, 2), (1340.0, 3)];
    for (x, i) in panel {
        let lk = Look {
            skin: SKINS[i],
            hair: HAIRS[i + 1],
            top: [SLATE, TERRA, GREEN_MID, BROWN][i],
            scarf: GOLD,
            trousers: INK,
            style: [Hair::Short, Hair::Scarf, Hair::Grey, Hair::Long][i],
        };
        let bob = 2.0 * (TAU * (t * 1.5 + i as f32 * 0.3)).sin();
        upper_body(c, x, 418.0 + bob, 520.0, 0.4, &lk);
    }
    for x0 in [190.0, 1130.0] {
        c.rrect(x0, 470.0, x0 + 280.0, 545.0, 4.0, OFFWHITE);
        c.rect(x0, 520.0, x0 + 280.0, 528.0, TERRA);
    }
    // the speaker, gesturing
    let sp = Look {
        skin: SKINS[3],
        hair: HAIRS[0],
        top: INK_SOFT,
        scarf: GOLD,
        trousers: INK,
        style: Hair::Short,
    };
    let s = 0.5;
    let (x, hy) = (800.0, 330.0);
    upper_body(c, x, hy, 520.0, s, &sp);
    let g = (TAU * t * 2.0).sin();
    let (sx, sy) = (x + 52.0 * s, hy + 80.0 * s);
    let (ex, ey) = (sx + 34.0, sy + 40.0);
    let (wx, wy) = (ex + 26.0 + 6.0 * g, ey - 18.0 - 14.0 * g);
    c.polyline(
        &[(sx, sy), (ex, ey), (wx, wy)],
        28.0 * s,
        shade(sp.top, 0.85),
        1.0,
    );
    c.circle(wx, wy - 6.0, 14.0 * s, sp.skin);
    c.poly(
        &[
            (730.0, 430.0),
            (870.0, 430.0),
            (855.0, 560.0),
            (745.0, 560.0),
        ],
        GREEN_MID,
        1.0,
    );
    c.rect(718.0, 422.0, 882.0, 438.0, shade(GREEN_MID, 0.8));
    c.circle(800.0, 490.0, 24.0, OFFWHITE);
    c.circle(800.0, 490.0, 10.0, TERRA);
    c.polyline(
        &[(812.0, 426.0), (818.0, 398.0), (806.0, 384.0)],
        5.0,
        INK,
        1.0,
    );
    // a moving spotlight
    let spot = 800.0 + 260.0 * (TAU * t).sin();
    c.glow(spot, 380.0, 330.0, SAND, 0.22);
    c.glow(800.0, 380.0, 200.0, SAND, 0.1);
    // the audience
    let rows = [(690.0, 0.7, 0.65, 150.0), (820.0, 0.95, 0.85, 190.0)];
    let mut k = 0;
    for (y, sc, light, sp) in rows {
        let mut x = rng.range(-60.0, 0.0);
        while x < 1700.0 {
            let mut lk = look(&mut rng);
            let dim = 0.45 + 0.45 * light;
            lk.top = shade(lk.top, dim);
            lk.hair = shade(lk.hair, dim);
            lk.scarf = shade(lk.scarf, dim);
            lk.skin = shade(lk.skin, dim);
            let bob = 3.0 * (TAU * (t * 2.0 + k as f32 * 0.37)).sin();
            let px = x + rng.range(-10.0, 10.0);
            let py = y + rng.range(-8.0, 8.0) + bob;
            // two people in the front row raise a hand as the clip goes on
            let raise = smoothstep((t - 0.5) / 0.3);
            if y > 800.0 && (k == 13 || k == 16) && raise > 0.0 {
                let sx = px + 55.0 * sc;
                let up = 230.0 * raise;
                raised_arm(
                    c,
                    sx,
                    py + 40.0 * sc,
                    sx + 30.0 * sc,
                    py - up * 0.45,
                    sx + 15.0 * sc,
                    py - up,
                    0.55 * sc,
                    shade(lk.top, 0.9),
                    lk.skin,
                    false,
                );
            }
            person_back(c, px, py, sc, &lk);
            x += sp * rng.range(0.9, 1.1);
            k += 1;
        }
    }
}

fn poster_closing(c: &mut Canvas, _rng: &mut Rng) {
    closing_scene(c, 0.3);
}

// ---------------------------------------------------------------------------
// EXIF: a small TIFF written by hand (little-endian), inserted as APP1
// ---------------------------------------------------------------------------

struct Entry {
    tag: u16,
    typ: u16,
    count: u32,
    data: Vec<u8>,
}

const BYTE: u16 = 1;
const ASCII: u16 = 2;
const SHORT: u16 = 3;
const LONG: u16 = 4;
const RATIONAL: u16 = 5;
const UNDEFINED: u16 = 7;

fn ascii(tag: u16, s: &str) -> Entry {
    let mut data = s.as_bytes().to_vec();
    data.push(0);
    Entry {
        tag,
        typ: ASCII,
        count: data.len() as u32,
        data,
    }
}

fn short(tag: u16, v: u16) -> Entry {
    Entry {
        tag,
        typ: SHORT,
        count: 1,
        data: v.to_le_bytes().to_vec(),
    }
}

fn long(tag: u16, v: u32) -> Entry {
    Entry {
        tag,
        typ: LONG,
        count: 1,
        data: v.to_le_bytes().to_vec(),
    }
}

fn rationals(tag: u16, vals: &[(u32, u32)]) -> Entry {
    let mut data = Vec::new();
    for (n, d) in vals {
        data.extend_from_slice(&n.to_le_bytes());
        data.extend_from_slice(&d.to_le_bytes());
    }
    Entry {
        tag,
        typ: RATIONAL,
        count: vals.len() as u32,
        data,
    }
}

fn ifd_size(entries: &[Entry]) -> u32 {
    let extra: usize = entries
        .iter()
        .filter(|e| e.data.len() > 4)
        .map(|e| (e.data.len() + 1) & !1)
        .sum();
    (2 + 12 * entries.len() + 4 + extra) as u32
}

/// Writes an IFD that starts at TIFF offset `at`; values longer than four
/// bytes follow the IFD.
fn write_ifd(out: &mut Vec<u8>, at: u32, entries: &[Entry], next: u32) {
    debug_assert_eq!(out.len() as u32, at);
    let mut data_at = at + 2 + 12 * entries.len() as u32 + 4;
    let mut tail = Vec::new();
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    for e in entries {
        out.extend_from_slice(&e.tag.to_le_bytes());
        out.extend_from_slice(&e.typ.to_le_bytes());
        out.extend_from_slice(&e.count.to_le_bytes());
        if e.data.len() <= 4 {
            let mut v = e.data.clone();
            v.resize(4, 0);
            out.extend_from_slice(&v);
        } else {
            out.extend_from_slice(&data_at.to_le_bytes());
            tail.extend_from_slice(&e.data);
            if e.data.len() % 2 == 1 {
                tail.push(0);
            }
            data_at += ((e.data.len() + 1) & !1) as u32;
        }
    }
    out.extend_from_slice(&next.to_le_bytes());
    out.extend_from_slice(&tail);
}

/// The EXIF block every drawn JPEG carries: camera, dates, serial number and
/// the position of the Arab World Institute in Paris (48.8590 N, 2.3570 E).
/// Tags are in ascending order in each IFD, as TIFF requires.
fn exif_app1(w: u32, h: u32, datetime: &str, serial: &str) -> Vec<u8> {
    let mut ifd0 = vec![
        ascii(0x010F, "Bayan Demo Optics"),
        ascii(0x0110, "Illustrator DM-1"),
        short(0x0112, 1), // orientation: as stored
        rationals(0x011A, &[(72, 1)]),
        rationals(0x011B, &[(72, 1)]),
        short(0x0128, 2), // inches
        ascii(0x0131, "examples/demo_media.rs"),
        ascii(0x0132, datetime),
        short(0x0213, 1), // YCbCr centred
        long(0x8769, 0),
        long(0x8825, 0),
    ];
    let exif = vec![
        Entry {
            tag: 0x9000,
            typ: UNDEFINED,
            count: 4,
            data: b"0232".to_vec(),
        },
        ascii(0x9003, datetime),
        ascii(0x9004, datetime),
        Entry {
            tag: 0x9101,
            typ: UNDEFINED,
            count: 4,
            data: vec![1, 2, 3, 0],
        },
        Entry {
            tag: 0xA000,
            typ: UNDEFINED,
            count: 4,
            data: b"0100".to_vec(),
        },
        short(0xA001, 1), // sRGB
        long(0xA002, w),
        long(0xA003, h),
        ascii(0xA431, serial),
    ];
    let gps = vec![
        Entry {
            tag: 0x0000,
            typ: BYTE,
            count: 4,
            data: vec![2, 3, 0, 0],
        },
        ascii(0x0001, "N"),
        // 48.8590 = 48° 51' 32.40"
        rationals(0x0002, &[(48, 1), (51, 1), (3240, 100)]),
        ascii(0x0003, "E"),
        // 2.3570 = 2° 21' 25.20"
        rationals(0x0004, &[(2, 1), (21, 1), (2520, 100)]),
    ];
    let ifd0_at = 8;
    let exif_at = ifd0_at + ifd_size(&ifd0);
    let gps_at = exif_at + ifd_size(&exif);
    let n = ifd0.len();
    ifd0[n - 2] = long(0x8769, exif_at);
    ifd0[n - 1] = long(0x8825, gps_at);
    let mut tiff = b"II\x2a\x00".to_vec();
    tiff.extend_from_slice(&ifd0_at.to_le_bytes());
    write_ifd(&mut tiff, ifd0_at, &ifd0, 0);
    write_ifd(&mut tiff, exif_at, &exif, 0);
    write_ifd(&mut tiff, gps_at, &gps, 0);
    let mut seg = vec![0xFF, 0xE1];
    seg.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    seg.extend_from_slice(b"Exif\0\0");
    seg.extend_from_slice(&tiff);
    seg
}

/// Encodes the image as JPEG (quality 85) and puts the EXIF segment after
/// the JFIF header.
fn jpeg_with_exif(img: &RgbImage, datetime: &str, serial: &str) -> Vec<u8> {
    let mut jpg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpg, 85)
        .encode(
            img.as_raw(),
            img.width(),
            img.height(),
            ExtendedColorType::Rgb8,
        )
        .expect("JPEG encoding");
    assert_eq!(&jpg[..2], &[0xFF, 0xD8], "JPEG starts with SOI");
    let mut at = 2;
    if jpg[2..4] == [0xFF, 0xE0] {
        at = 4 + u16::from_be_bytes([jpg[4], jpg[5]]) as usize;
    }
    let app1 = exif_app1(img.width(), img.height(), datetime, serial);
    let mut out = Vec::with_capacity(jpg.len() + app1.len());
    out.extend_from_slice(&jpg[..at]);
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpg[at..]);
    out
}

// ---------------------------------------------------------------------------
// The list of images, and main
// ---------------------------------------------------------------------------

type Draw = fn(&mut Canvas, &mut Rng);

struct Item {
    path: &'static str,
    w: u32,
    h: u32,
    design_w: f32,
    datetime: &'static str,
    draw: Draw,
}

const ITEMS: [Item; 14] = [
    Item {
        path: "gallery/01-opening-session.jpg",
        w: 2400,
        h: 1600,
        design_w: 2400.0,
        datetime: "2023:06:05 09:32:10",
        draw: scene_opening,
    },
    Item {
        path: "gallery/02-umbrella-banner.jpg",
        w: 2400,
        h: 1600,
        design_w: 2400.0,
        datetime: "2023:06:05 09:05:44",
        draw: scene_banner,
    },
    Item {
        path: "gallery/03-nine-working-groups.jpg",
        w: 2400,
        h: 1600,
        design_w: 2400.0,
        datetime: "2023:06:05 11:14:02",
        draw: scene_working_groups,
    },
    Item {
        path: "gallery/04-priorities-wall.jpg",
        w: 2400,
        h: 1600,
        design_w: 2400.0,
        datetime: "2023:06:05 15:41:27",
        draw: scene_priorities,
    },
    Item {
        path: "gallery/05-dialogue.jpg",
        w: 2400,
        h: 1600,
        design_w: 2400.0,
        datetime: "2023:06:05 16:20:03",
        draw: scene_dialogue,
    },
    Item {
        path: "gallery/06-lectern.jpg",
        w: 1600,
        h: 2400,
        design_w: 1600.0,
        datetime: "2023:06:06 09:48:51",
        draw: scene_lectern,
    },
    Item {
        path: "gallery/07-panel-discussion.jpg",
        w: 2400,
        h: 1600,
        design_w: 2400.0,
        datetime: "2023:06:06 10:17:36",
        draw: scene_panel,
    },
    Item {
        path: "gallery/08-audience.jpg",
        w: 2400,
        h: 1600,
        design_w: 2400.0,
        datetime: "2023:06:06 11:02:19",
        draw: scene_audience,
    },
    Item {
        path: "gallery/09-guests-flags.jpg",
        w: 2400,
        h: 1600,
        design_w: 2400.0,
        datetime: "2023:06:06 12:30:05",
        draw: scene_flags,
    },
    Item {
        path: "gallery/10-civic-network.jpg",
        w: 2400,
        h: 1600,
        design_w: 2400.0,
        datetime: "2023:06:06 14:06:48",
        draw: scene_network,
    },
    Item {
        path: "gallery/11-raised-hands.jpg",
        w: 2400,
        h: 1600,
        design_w: 2400.0,
        datetime: "2023:06:06 15:12:30",
        draw: scene_hands,
    },
    Item {
        path: "gallery/12-closing-statement.jpg",
        w: 1600,
        h: 2400,
        design_w: 1600.0,
        datetime: "2023:06:06 17:35:12",
        draw: scene_statement,
    },
    Item {
        path: "videos/highlights-poster.jpg",
        w: 1600,
        h: 900,
        design_w: 1600.0,
        datetime: "2023:06:06 18:00:00",
        draw: poster_highlights,
    },
    Item {
        path: "videos/closing-session-poster.jpg",
        w: 1600,
        h: 900,
        design_w: 1600.0,
        datetime: "2023:06:06 17:50:00",
        draw: poster_closing,
    },
];

const CLIP: &str = "videos/closing-session.webm";
const CLIP_W: u32 = 640;
const CLIP_H: u32 = 360;
const CLIP_FPS: u32 = 24;
const CLIP_SECONDS: u32 = 6;

fn render(item: &Item, seed: u64) -> RgbImage {
    let mut c = Canvas::scaled(item.w, item.h, item.design_w);
    c.fill(OFFWHITE);
    (item.draw)(&mut c, &mut Rng::new(seed));
    c.img
}

fn ffmpeg_args(out: &Path) -> Vec<String> {
    let size = format!("{CLIP_W}x{CLIP_H}");
    let fps = CLIP_FPS.to_string();
    [
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgb24",
        "-s",
        &size,
        "-r",
        &fps,
        "-i",
        "-",
        "-an",
        "-c:v",
        "libvpx-vp9",
        "-b:v",
        "0",
        "-crf",
        "36",
        "-pix_fmt",
        "yuv420p",
        "-deadline",
        "good",
        "-cpu-used",
        "2",
        "-threads",
        "1",
        "-g",
        "48",
        "-map_metadata",
        "-1",
        "-fflags",
        "+bitexact",
        "-flags",
        "+bitexact",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(std::iter::once(out.display().to_string()))
    .collect()
}

/// Draws the clip's frames and pipes them to ffmpeg. Returns false when
/// ffmpeg is not there.
fn make_clip(root: &Path) -> std::io::Result<bool> {
    let out = root.join(CLIP);
    let args = ffmpeg_args(&out);
    let spawned = Command::new("ffmpeg")
        .args(&args)
        .stdin(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            println!(
                "ffmpeg not found: the clip is skipped{}.",
                if out.exists() {
                    " (the existing one is kept)"
                } else {
                    ""
                }
            );
            println!("  to make it: apt-get install -y ffmpeg, then run this example again;");
            println!(
                "  it pipes {CLIP_W}x{CLIP_H} RGB frames into: ffmpeg {}",
                args.join(" ")
            );
            return Ok(false);
        }
        Err(e) => return Err(e),
    };
    {
        let stdin = child.stdin.as_mut().expect("ffmpeg stdin");
        let frames = CLIP_FPS * CLIP_SECONDS;
        for i in 0..frames {
            let t = i as f32 / frames as f32;
            // a slow push in towards the lectern
            let zoom = 1.0 + 0.1 * smoothstep(t);
            let s = CLIP_W as f32 / 1600.0 * zoom;
            let (fx, fy) = (800.0, 450.0 - 40.0 * smoothstep(t));
            let mut c = Canvas {
                img: RgbImage::new(CLIP_W, CLIP_H),
                s,
                ox: CLIP_W as f32 / 2.0 - fx * s,
                oy: CLIP_H as f32 / 2.0 - fy * s,
            };
            closing_scene(&mut c, t);
            stdin.write_all(c.img.as_raw())?;
        }
    }
    drop(child.stdin.take());
    let status = child.wait()?;
    if !status.success() {
        return Err(std::io::Error::other(format!("ffmpeg failed: {status}")));
    }
    Ok(true)
}

fn main() -> std::io::Result<()> {
    let started = Instant::now();
    let root: PathBuf = match std::env::var_os("DEMO_MEDIA_OUT") {
        Some(dir) => PathBuf::from(dir),
        None => {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("content/conferences/madaniya-paris-2023")
        }
    };
    std::fs::create_dir_all(root.join("gallery"))?;
    std::fs::create_dir_all(root.join("videos"))?;

    // render on every core; each image has its own seed, so the order of
    // work does not change the output
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, u64)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(ITEMS.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(item) = ITEMS.get(i) else { break };
                let img = render(item, 1000 + i as u64);
                let serial = format!("BAYAN-DM1-{:04}", 2301 + i);
                let bytes = jpeg_with_exif(&img, item.datetime, &serial);
                std::fs::write(root.join(item.path), &bytes).expect("write image");
                done.lock().unwrap().push((i, bytes.len() as u64));
            });
        }
    });
    let mut done = done.into_inner().unwrap();
    done.sort();
    for (i, len) in done {
        let it = &ITEMS[i];
        println!(
            "{:<40} {}x{} {:>4} KB",
            it.path,
            it.w,
            it.h,
            len.div_ceil(1024)
        );
    }
    if make_clip(&root)? {
        let len = std::fs::metadata(root.join(CLIP))?.len();
        println!(
            "{:<40} {}x{} {:>4} KB, {} s",
            CLIP,
            CLIP_W,
            CLIP_H,
            len.div_ceil(1024),
            CLIP_SECONDS
        );
    }
    println!(
        "done in {:.1} s -> {}",
        started.elapsed().as_secs_f32(),
        root.display()
    );
    Ok(())
}
