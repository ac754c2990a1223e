//! Locale-aware dates, date ranges, years and numbers, formatted with ICU4X's compiled CLDR data.
//!
//! Every function takes the locale as a BCP 47 tag from the site's config (`ar-PS`,
//! `ar-SY-u-nu-latn`, `en-GB`, `ku`, `ckb`). Tags ICU has no data for fall back through
//! ICU's own chain (`ku-TR` → `ku` → root), so a valid tag never fails. Formatters are
//! costly to build, so each locale's are built once and shared across rayon's threads.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock, RwLock};

use fixed_decimal::{Decimal, Sign};
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::YMD;
use icu_datetime::{parts, FixedCalendarDateTimeFormatter};
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::DecimalFormatter;
use icu_locale_core::subtags::{language, Language};
use icu_locale_core::Locale;
use writeable::{Part, PartsWrite, Writeable};

/// How much of a date is spelled out: `5 June 2023`, `5 Jun 2023` or `05/06/2023` in en-GB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateLength {
    /// The month spelled out: `5 June 2023`, `٥ حزيران ٢٠٢٣`.
    #[default]
    Long,
    /// The month abbreviated where the locale has a short name (`5 Jun 2023`); numeric in Arabic.
    Medium,
    /// All numeric: `05/06/2023`.
    Short,
}

/// A calendar date (the site's dates are ISO calendar dates from front matter).
pub fn format_date(
    year: i32,
    month: u8,
    day: u8,
    locale: &str,
    length: DateLength,
) -> Result<String, String> {
    let date = gregorian_date(year, month, day)?;
    let formatters = formatters_for(locale)?;
    Ok(formatters
        .date(length)?
        .format(&date)
        .write_to_string()
        .into_owned())
}

/// A range as one: `٥–٦ حزيران ٢٠٢٣`, `28 February – 3 March 2022`,
/// `30 December 2022 – 2 January 2023`; equal start and end give a single date.
pub fn format_date_range(
    start: (i32, u8, u8),
    end: (i32, u8, u8),
    locale: &str,
    length: DateLength,
) -> Result<String, String> {
    let start_date = gregorian_date(start.0, start.1, start.2)?;
    let end_date = gregorian_date(end.0, end.1, end.2)?;
    if start == end {
        return format_date(start.0, start.1, start.2, locale, length);
    }
    if start > end {
        return Err(format!(
            "date range ends ({:04}-{:02}-{:02}) before it starts ({:04}-{:02}-{:02})",
            end.0, end.1, end.2, start.0, start.1, start.2
        ));
    }
    let formatters = formatters_for(locale)?;
    let formatter = formatters.date(length)?;
    let first = DateParts::of(formatter, &start_date);
    let last = DateParts::of(formatter, &end_date);
    Ok(join_range(&first, &last, start, end))
}

/// An integer or decimal number with the locale's digits and separators (`١٬٢٣٤` in ar-PS, `1,234` in en).
pub fn format_number(value: f64, max_fraction_digits: u8, locale: &str) -> Result<String, String> {
    if !value.is_finite() {
        return Err(format!("cannot format {value} as a number"));
    }
    // Rust's fixed-precision formatting rounds correctly from the binary value, so the
    // string is the exact decimal to show; ICU then only localises it.
    let text = format!("{value:.prec$}", prec = usize::from(max_fraction_digits));
    let mut decimal = Decimal::try_from_str(&text)
        .map_err(|e| format!("cannot format {value} as a number: {e}"))?;
    // "Up to N fraction digits": 1.50 shows as 1.5, and 2.00 as 2.
    decimal.absolute.trim_end();
    // -0.001 rounded to whole numbers is 0, not "-0".
    if decimal.absolute.is_zero() {
        decimal.sign = Sign::None;
    }
    let formatters = formatters_for(locale)?;
    Ok(formatters
        .grouped_numbers()?
        .format(&decimal)
        .write_to_string()
        .into_owned())
}

/// The year alone, in the locale's digits (for timelines: `٢٠٠٤` in ar-PS).
pub fn format_year(year: i32, locale: &str) -> Result<String, String> {
    let formatters = formatters_for(locale)?;
    Ok(formatters
        .plain_numbers()?
        .format(&Decimal::from(year))
        .write_to_string()
        .into_owned())
}

type DateFormatter = FixedCalendarDateTimeFormatter<Gregorian, YMD>;

/// One locale's formatters, each built on first use.
struct LocaleFormatters {
    locale: Locale,
    dates: [OnceLock<Result<DateFormatter, String>>; 3],
    grouped_numbers: OnceLock<Result<DecimalFormatter, String>>,
    plain_numbers: OnceLock<Result<DecimalFormatter, String>>,
}

impl LocaleFormatters {
    fn new(locale: Locale) -> Self {
        Self {
            locale,
            dates: Default::default(),
            grouped_numbers: OnceLock::new(),
            plain_numbers: OnceLock::new(),
        }
    }

    fn date(&self, length: DateLength) -> Result<&DateFormatter, String> {
        let (slot, field_set) = match length {
            DateLength::Long => (&self.dates[0], YMD::long()),
            DateLength::Medium => (&self.dates[1], YMD::medium()),
            DateLength::Short => (&self.dates[2], YMD::short()),
        };
        // Gregorian whatever the locale prefers (ar-SA would pick the Hijri calendar):
        // the dates come from front matter as ISO dates and are shown as written.
        slot.get_or_init(|| {
            DateFormatter::try_new((&self.locale).into(), field_set)
                .map_err(|e| format!("no date format for locale \"{}\": {e}", self.locale))
        })
        .as_ref()
        .map_err(Clone::clone)
    }

    fn grouped_numbers(&self) -> Result<&DecimalFormatter, String> {
        self.numbers(&self.grouped_numbers, GroupingStrategy::Auto)
    }

    /// Without grouping, for years: `2004`, not `2,004`.
    fn plain_numbers(&self) -> Result<&DecimalFormatter, String> {
        self.numbers(&self.plain_numbers, GroupingStrategy::Never)
    }

    fn numbers<'a>(
        &'a self,
        slot: &'a OnceLock<Result<DecimalFormatter, String>>,
        grouping: GroupingStrategy,
    ) -> Result<&'a DecimalFormatter, String> {
        slot.get_or_init(|| {
            DecimalFormatter::try_new(
                (&self.locale).into(),
                DecimalFormatterOptions::from(grouping),
            )
            .map_err(|e| format!("no number format for locale \"{}\": {e}", self.locale))
        })
        .as_ref()
        .map_err(Clone::clone)
    }
}

/// The formatters for a locale tag, from the process-wide cache.
fn formatters_for(tag: &str) -> Result<Arc<LocaleFormatters>, String> {
    static CACHE: OnceLock<RwLock<HashMap<String, Arc<LocaleFormatters>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    // A read lock on the hot path: after the first few pages every lookup is a hit.
    if let Some(found) = cache.read().unwrap_or_else(|e| e.into_inner()).get(tag) {
        return Ok(Arc::clone(found));
    }
    let formatters = Arc::new(LocaleFormatters::new(parse_locale(tag)?));
    let mut map = cache.write().unwrap_or_else(|e| e.into_inner());
    Ok(Arc::clone(map.entry(tag.to_owned()).or_insert(formatters)))
}

fn parse_locale(tag: &str) -> Result<Locale, String> {
    let mut locale = Locale::try_from_str(tag).map_err(|e| {
        format!(
            "invalid locale \"{tag}\" ({e}): write a BCP 47 language tag with hyphens, \
             such as \"ar-PS\", \"en-GB\", \"ckb\" or \"ar-SY-u-nu-latn\""
        )
    })?;
    // CLDR files Kurmanji under `ku`; `kmr` has no data and would fall back to root
    // (`2023 M06 5`), so treat it as the Kurmanji it names.
    const KURMANJI: Language = language!("kmr");
    if locale.id.language == KURMANJI {
        locale.id.language = language!("ku");
    }
    Ok(locale)
}

fn gregorian_date(year: i32, month: u8, day: u8) -> Result<Date<Gregorian>, String> {
    Date::try_new_gregorian(year, month, day)
        .map_err(|e| format!("invalid date {year:04}-{month:02}-{day:02}: {e}"))
}

/// A formatted date and where its day, month and year fields sit in the text.
struct DateParts {
    text: String,
    day: Option<Range<usize>>,
    month: Option<Range<usize>>,
    year: Option<Range<usize>>,
}

impl DateParts {
    fn of(formatter: &DateFormatter, date: &Date<Gregorian>) -> Self {
        let mut parts = DateParts {
            text: String::new(),
            day: None,
            month: None,
            year: None,
        };
        // Writing to a String cannot fail, and ICU reports its own data gaps inline.
        let _ = formatter.format(date).write_to_parts(&mut parts);
        parts
    }

    /// Day and month where the pattern spells the month as a word (`5 June 2023`);
    /// `None` for numeric patterns (`05/06/2023`), whose ranges only read as two dates.
    fn day_and_month(&self) -> Option<(Range<usize>, Range<usize>)> {
        let month = self.month.clone()?;
        if self.text[month.clone()].chars().any(char::is_numeric) {
            return None;
        }
        Some((self.day.clone()?, month))
    }
}

impl fmt::Write for DateParts {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.text.push_str(s);
        Ok(())
    }
}

impl PartsWrite for DateParts {
    type SubPartsWrite = Self;

    fn with_part(
        &mut self,
        part: Part,
        mut f: impl FnMut(&mut Self::SubPartsWrite) -> fmt::Result,
    ) -> fmt::Result {
        let start = self.text.len();
        f(self)?;
        let span = Some(start..self.text.len());
        match part {
            parts::DAY => self.day = span,
            parts::MONTH => self.month = span,
            parts::YEAR => self.year = span,
            _ => {}
        }
        Ok(())
    }
}

/// Joins two formatted dates into one range, sharing the month and year they have in
/// common the way CLDR's own interval patterns do for these locales.
fn join_range(
    first: &DateParts,
    last: &DateParts,
    start: (i32, u8, u8),
    end: (i32, u8, u8),
) -> String {
    let both_dates = || format!("{} – {}", first.text, last.text);
    let (
        Some((first_day, first_month)),
        Some((last_day, last_month)),
        Some(first_year),
        Some(last_year),
    ) = (
        first.day_and_month(),
        last.day_and_month(),
        first.year.clone(),
        last.year.clone(),
    )
    else {
        return both_dates();
    };
    if start.0 != end.0 {
        return both_dates();
    }
    if start.1 == end.1 {
        // `٥–٦ حزيران ٢٠٢٣`: the last date with its day widened to both days. The first
        // day comes from the first date's own text, so its digits and padding match.
        let days = format!(
            "{}–{}",
            &first.text[first_day],
            &last.text[last_day.clone()]
        );
        let mut text = last.text.clone();
        text.replace_range(last_day, &days);
        return text;
    }
    // Different months of one year: drop the year from the side where it would repeat.
    if first_year.start >= first_day.end.max(first_month.end) {
        // Year last (`28 February 2022`): `28 February – 3 March 2022`.
        let without_year = &first.text[..first_day.end.max(first_month.end)];
        format!("{without_year} – {}", last.text)
    } else if last_year.end <= last_day.start.min(last_month.start) {
        // Year first (`2022年2月28日`): `2022年2月28日 – 3月3日`.
        let without_year = &last.text[last_day.start.min(last_month.start)..];
        format!("{} – {without_year}", first.text)
    } else {
        both_dates()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: DateLength = DateLength::Long;

    fn date(locale: &str) -> String {
        format_date(2023, 6, 5, locale, LONG).unwrap()
    }

    fn range(start: (i32, u8, u8), end: (i32, u8, u8), locale: &str) -> String {
        format_date_range(start, end, locale, LONG).unwrap()
    }

    #[test]
    fn arabic_dates_follow_the_region() {
        // Levantine month names and Eastern Arabic digits in Palestine and Syria.
        assert_eq!(date("ar-PS"), "٥ حزيران ٢٠٢٣");
        assert_eq!(date("ar-SY"), "٥ حزيران ٢٠٢٣");
        assert_eq!(date("ar-SY-u-nu-latn"), "5 حزيران 2023");
        assert_eq!(date("ar"), "5 يونيو 2023");
    }

    #[test]
    fn english_dates_in_each_length() {
        assert_eq!(date("en-GB"), "5 June 2023");
        assert_eq!(date("en"), "June 5, 2023");
        assert_eq!(
            format_date(2023, 6, 5, "en-GB", DateLength::Medium).unwrap(),
            "5 Jun 2023"
        );
        assert_eq!(
            format_date(2023, 6, 5, "en-GB", DateLength::Short).unwrap(),
            "05/06/2023"
        );
        assert_eq!(DateLength::default(), DateLength::Long);
    }

    #[test]
    fn kurdish_dates_in_both_scripts() {
        assert_eq!(date("ku"), "5 hezîran, 2023");
        // No data of their own: ICU falls back from ku-TR, and kmr is mapped to ku.
        assert_eq!(date("ku-TR"), "5 hezîran, 2023");
        assert_eq!(date("kmr"), "5 hezîran, 2023");
        assert_eq!(date("ckb"), "٥ی حوزەیرانی ٢٠٢٣");
    }

    #[test]
    fn ranges_within_a_month_share_month_and_year() {
        assert_eq!(
            range((2023, 6, 5), (2023, 6, 6), "ar-PS"),
            "٥–٦ حزيران ٢٠٢٣"
        );
        assert_eq!(
            range((2023, 6, 5), (2023, 6, 6), "ar-SY-u-nu-latn"),
            "5–6 حزيران 2023"
        );
        assert_eq!(range((2023, 6, 5), (2023, 6, 6), "en-GB"), "5–6 June 2023");
        assert_eq!(range((2023, 6, 5), (2023, 6, 26), "en"), "June 5–26, 2023");
        assert_eq!(range((2023, 6, 5), (2023, 6, 6), "ku"), "5–6 hezîran, 2023");
        assert_eq!(
            range((2023, 6, 5), (2023, 6, 6), "ckb"),
            "٥–٦ی حوزەیرانی ٢٠٢٣"
        );
    }

    #[test]
    fn ranges_across_months_share_the_year() {
        assert_eq!(
            range((2022, 2, 28), (2022, 3, 3), "ar-PS"),
            "٢٨ شباط – ٣ آذار ٢٠٢٢"
        );
        assert_eq!(
            range((2022, 2, 28), (2022, 3, 3), "en-GB"),
            "28 February – 3 March 2022"
        );
        assert_eq!(
            range((2022, 2, 28), (2022, 3, 3), "en"),
            "February 28 – March 3, 2022"
        );
        assert_eq!(
            range((2022, 2, 28), (2022, 3, 3), "ku"),
            "28 sibat – 3 adar, 2022"
        );
        // Where the year comes first, it is the end date that drops it.
        assert_eq!(
            range((2022, 2, 28), (2022, 3, 3), "hu"),
            "2022. február 28. – március 3."
        );
    }

    #[test]
    fn ranges_across_years_are_two_dates() {
        assert_eq!(
            range((2022, 12, 30), (2023, 1, 2), "en-GB"),
            "30 December 2022 – 2 January 2023"
        );
        assert_eq!(
            range((2022, 12, 30), (2023, 1, 2), "ar-PS"),
            "٣٠ كانون الأول ٢٠٢٢ – ٢ كانون الثاني ٢٠٢٣"
        );
    }

    #[test]
    fn numeric_ranges_are_two_dates() {
        // `05–06/06/2023` would not read as a range.
        let short = format_date_range((2023, 6, 5), (2023, 6, 6), "en-GB", DateLength::Short);
        assert_eq!(short.unwrap(), "05/06/2023 – 06/06/2023");
    }

    #[test]
    fn degenerate_and_bad_ranges() {
        assert_eq!(range((2023, 6, 5), (2023, 6, 5), "en-GB"), "5 June 2023");
        let backwards = format_date_range((2023, 6, 6), (2023, 6, 5), "en-GB", LONG);
        assert!(backwards.unwrap_err().contains("before it starts"));
        assert!(format_date_range((2023, 6, 5), (2023, 6, 31), "en-GB", LONG).is_err());
    }

    #[test]
    fn numbers_use_the_locale_digits_and_separators() {
        assert_eq!(format_number(1234.0, 0, "ar-PS").unwrap(), "١٬٢٣٤");
        assert_eq!(format_number(1234.0, 0, "en").unwrap(), "1,234");
        assert_eq!(format_number(1234.5, 2, "ar-PS").unwrap(), "١٬٢٣٤٫٥");
        assert_eq!(format_number(1234.5, 2, "en-GB").unwrap(), "1,234.5");
        assert_eq!(format_number(1234.5, 2, "ku").unwrap(), "1.234,5");
        assert_eq!(format_number(2.0 / 3.0, 2, "en").unwrap(), "0.67");
        assert_eq!(format_number(-0.001, 0, "en").unwrap(), "0");
        assert_eq!(format_number(-1234.0, 0, "en").unwrap(), "-1,234");
        assert!(format_number(f64::NAN, 0, "en").is_err());
        assert!(format_number(f64::INFINITY, 0, "en").is_err());
    }

    #[test]
    fn years_have_no_grouping() {
        assert_eq!(format_year(2004, "ar-PS").unwrap(), "٢٠٠٤");
        assert_eq!(format_year(2004, "ckb").unwrap(), "٢٠٠٤");
        assert_eq!(format_year(2004, "en").unwrap(), "2004");
    }

    #[test]
    fn bad_locales_say_how_to_write_one() {
        let err = format_date(2023, 6, 5, "ar_PS", LONG).unwrap_err();
        assert!(
            err.contains("\"ar_PS\"") && err.contains("\"ar-PS\""),
            "{err}"
        );
        assert!(format_number(1.0, 0, "").is_err());
        assert!(format_year(2004, "en-").is_err());
    }

    #[test]
    fn invalid_dates_are_errors() {
        let err = format_date(2023, 2, 30, "en-GB", LONG).unwrap_err();
        assert!(err.contains("2023-02-30"), "{err}");
        assert!(format_date(2023, 13, 1, "en-GB", LONG).is_err());
        assert_eq!(
            format_date(2024, 2, 29, "en-GB", LONG).unwrap(),
            "29 February 2024"
        );
    }

    #[test]
    fn the_cache_serves_many_threads() {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| (date("ar-PS"), format_year(2004, "en-GB").unwrap())))
                .collect();
            for handle in handles {
                assert_eq!(
                    handle.join().unwrap(),
                    ("٥ حزيران ٢٠٢٣".to_owned(), "2004".to_owned())
                );
            }
        });
    }
}
