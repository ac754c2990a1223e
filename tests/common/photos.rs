//! Photos as cameras and phones save them, made in the tests: JPEGs carrying EXIF with an
//! orientation, a camera serial number and a GPS position, for proving it never gets out.

use image::{ImageEncoder, RgbImage};

/// Degrees, minutes and hundredths of seconds as three EXIF rationals, little-endian.
pub fn gps_rationals(degrees: f64) -> Vec<u8> {
    let d = degrees.trunc();
    let m = ((degrees - d) * 60.0).trunc();
    let s = ((degrees - d) * 60.0 - m) * 60.0;
    let mut out = Vec::new();
    for (num, den) in [
        (d as u32, 1u32),
        (m as u32, 1),
        ((s * 100.0).round() as u32, 100),
    ] {
        out.extend(num.to_le_bytes());
        out.extend(den.to_le_bytes());
    }
    out
}

/// A TIFF structure ("II*\0") as a camera writes it: orientation, serial number, GPS position.
pub fn exif_tiff(orientation: u16, serial: &str, lat: f64, lon: f64) -> Vec<u8> {
    fn entry(out: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]) {
        out.extend(tag.to_le_bytes());
        out.extend(kind.to_le_bytes());
        out.extend(count.to_le_bytes());
        out.extend(value);
    }
    const BYTE: u16 = 1;
    const ASCII: u16 = 2;
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const RATIONAL: u16 = 5;
    let ifd_len = |entries: u32| 2 + 12 * entries + 4;

    let ifd0 = 8u32;
    let exif_ifd = ifd0 + ifd_len(3);
    let serial_at = exif_ifd + ifd_len(1);
    let serial_len = serial.len() as u32 + 1;
    let gps_ifd = serial_at + serial_len + (serial_len & 1);
    let lat_at = gps_ifd + ifd_len(5);
    let lon_at = lat_at + 24;

    let mut t = b"II*\0".to_vec();
    t.extend(ifd0.to_le_bytes());
    // IFD0: Orientation, pointer to the Exif IFD, pointer to the GPS IFD.
    t.extend(3u16.to_le_bytes());
    let [o0, o1] = orientation.to_le_bytes();
    entry(&mut t, 0x0112, SHORT, 1, [o0, o1, 0, 0]);
    entry(&mut t, 0x8769, LONG, 1, exif_ifd.to_le_bytes());
    entry(&mut t, 0x8825, LONG, 1, gps_ifd.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    // Exif IFD: BodySerialNumber.
    assert_eq!(t.len() as u32, exif_ifd);
    t.extend(1u16.to_le_bytes());
    entry(&mut t, 0xA431, ASCII, serial_len, serial_at.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    t.extend(serial.as_bytes());
    t.push(0);
    if serial_len & 1 == 1 {
        t.push(0);
    }
    // GPS IFD: version, latitude and longitude with their hemispheres.
    assert_eq!(t.len() as u32, gps_ifd);
    t.extend(5u16.to_le_bytes());
    entry(&mut t, 0x0000, BYTE, 4, [2, 3, 0, 0]);
    entry(&mut t, 0x0001, ASCII, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, RATIONAL, 3, lat_at.to_le_bytes());
    entry(&mut t, 0x0003, ASCII, 2, *b"E\0\0\0");
    entry(&mut t, 0x0004, RATIONAL, 3, lon_at.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    t.extend(gps_rationals(lat));
    t.extend(gps_rationals(lon));
    t
}

pub fn encode_jpeg(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// A JPEG as a phone saves it: an APP1 Exif segment right after SOI.
pub fn camera_jpeg(img: &RgbImage, tiff: &[u8]) -> Vec<u8> {
    let plain = encode_jpeg(img);
    assert_eq!(&plain[..2], [0xFF, 0xD8]);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend(((2 + 6 + tiff.len()) as u16).to_be_bytes());
    out.extend(b"Exif\0\0");
    out.extend(tiff);
    out.extend(&plain[2..]);
    out
}
