//! Dates as front matter writes them: a TOML date, a quoted `YYYY-MM-DD`, or a year alone.

use serde::{Deserialize, Serialize};

/// A calendar date, with an optional time, from a TOML date or a quoted `YYYY-MM-DD` string;
/// or only a year (`date = 2022`) when the source says no more: a site must not invent a day.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct Date {
    /// ISO 8601 as written (`2022`, `2023-06-05` or `2023-06-05T10:00:00Z`): sorts
    /// chronologically, a bare year before the days of that year.
    pub iso: String,
    pub year: i32,
    /// 0 for a date known only to the year.
    pub month: u8,
    /// 0 for a date known only to the year.
    pub day: u8,
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.iso
    }
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Date {
                iso: text.to_string(),
                year: text.parse().ok()?,
                month: 0,
                day: 0,
            });
        }
        let date_part = text.get(..10)?;
        let mut parts = date_part.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        let rest = &text[10..];
        let valid_rest = rest.is_empty()
            || ((rest.starts_with('T') || rest.starts_with(' '))
                && rest.len() >= 6
                && rest[1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || ":.+-Z".contains(c)));
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) || !valid_rest
        {
            return None;
        }
        Some(Date {
            iso: text.replacen(' ', "T", 1),
            year,
            month,
            day,
        })
    }

    /// Whether only the year is known.
    pub fn is_year_only(&self) -> bool {
        self.month == 0
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Toml(toml::value::Datetime),
            Year(i64),
            Text(String),
        }
        let text = match Raw::deserialize(deserializer).map_err(|_| {
            serde::de::Error::custom("expected a date like 2024-05-01, or a year like 2024")
        })? {
            Raw::Toml(dt) => dt.to_string(),
            Raw::Year(year) => year.to_string(),
            Raw::Text(s) => s,
        };
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a valid date; write it like 2024-05-01, or only the year, 2024"
            ))
        })
    }
}
