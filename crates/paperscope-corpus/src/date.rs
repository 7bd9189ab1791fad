//! Calendar dates as listings print them (`2025-11-18`, `Jun 3, 2023`, `Feb 11`), without a date crate.

use std::fmt;

/// A calendar date. Ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

impl Date {
    /// A date if `year`, `month` and `day` name a real day (leap years included).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1900 && (1..=days).contains(&day)).then_some(Date { year, month, day })
    }

    /// Parses an ISO date, `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(s[0..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?)
    }

    /// The month number (1-12) of an English month name or its three-letter abbreviation.
    pub fn month_from_name(name: &str) -> Option<u8> {
        let lower = name.trim_end_matches('.').to_ascii_lowercase();
        if lower.len() < 3 {
            return None;
        }
        let pos = MONTHS.iter().position(|m| lower.starts_with(m))?;
        // Accept "Sep", "Sept" and "September", but not "Mayhem".
        const FULL: [&str; 12] = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ];
        (lower.len() == 3 || lower == "sept" || FULL[pos] == lower).then_some(pos as u8 + 1)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date as a listing shows it, with or without its year, and what followed it on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShownDate {
    pub month: u8,
    pub day: u8,
    pub year: Option<u16>,
    /// A count shown after the date (Hugging Face shows upvotes there: `Feb 25, 2025 2`).
    pub trailing_number: Option<u32>,
}

impl ShownDate {
    /// Parses `Jun 3, 2023`, `Jun 3 2023`, `Feb 11`, `3 Jun 2023`, each optionally followed by a number.
    /// Returns `None` unless the whole line is such a date.
    pub fn parse(line: &str) -> Option<ShownDate> {
        let words: Vec<&str> = line.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
        let (month, day, rest) = match words.as_slice() {
            [m, d, rest @ ..] if Date::month_from_name(m).is_some() => (Date::month_from_name(m)?, parse_day(d)?, rest),
            [d, m, rest @ ..] if Date::month_from_name(m).is_some() => (Date::month_from_name(m)?, parse_day(d)?, rest),
            _ => return None,
        };
        let mut numbers = rest.iter().map(|w| w.parse::<u32>().ok());
        let mut year = None;
        let mut trailing_number = None;
        match (numbers.next(), numbers.next(), numbers.next()) {
            (None, _, _) => {}
            (Some(Some(a)), None, _) => {
                // A lone number after the day is a year when it looks like one, else a count.
                if (1900..=2200).contains(&a) {
                    year = Some(a as u16);
                } else {
                    trailing_number = Some(a);
                }
            }
            (Some(Some(a)), Some(Some(b)), None) if (1900..=2200).contains(&a) => {
                year = Some(a as u16);
                trailing_number = Some(b);
            }
            _ => return None,
        }
        // Reject impossible days now, with a leap year standing in for a missing year.
        Date::new(year.unwrap_or(2000), month, day)?;
        Some(ShownDate { month, day, year, trailing_number })
    }

    /// The full date, taking the year from `captured` when the listing did not show one. Pages leave out
    /// the year only for dates of the last twelve months, so a year-less date later in the year than the
    /// capture date belongs to the year before (`Dec 30` captured on 2026-01-05 is 2025-12-30).
    pub fn resolve(&self, captured: Option<Date>) -> Option<Date> {
        if let Some(year) = self.year {
            return Date::new(year, self.month, self.day);
        }
        let captured = captured?;
        let same_year = Date::new(captured.year, self.month, self.day);
        match same_year {
            Some(d) if d <= captured => Some(d),
            _ => Date::new(captured.year - 1, self.month, self.day),
        }
    }
}

fn parse_day(word: &str) -> Option<u8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let day: u8 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(s: &str) -> Option<(u8, u8, Option<u16>, Option<u32>)> {
        ShownDate::parse(s).map(|d| (d.month, d.day, d.year, d.trailing_number))
    }

    #[test]
    fn shown_dates() {
        assert_eq!(shown("Jun 3, 2023"), Some((6, 3, Some(2023), None)));
        assert_eq!(shown("Feb 11"), Some((2, 11, None, None)));
        assert_eq!(shown("Feb 25, 2025 2"), Some((2, 25, Some(2025), Some(2))));
        assert_eq!(shown("Mar 30 5"), Some((3, 30, None, Some(5))));
        assert_eq!(shown("Mar 30 2024"), Some((3, 30, Some(2024), None)));
        assert_eq!(shown("3 June 2023"), Some((6, 3, Some(2023), None)));
        assert_eq!(shown("September 21, 2025"), Some((9, 21, Some(2025), None)));
        assert_eq!(shown("Feb 30, 2025"), None);
        assert_eq!(shown("Feb 29"), Some((2, 29, None, None)));
        assert_eq!(shown("Mayhem 3"), None);
        assert_eq!(shown("ServiceNow-AI ServiceNow-AI"), None);
        assert_eq!(shown("Jun 3, 2023 and more"), None);
    }

    #[test]
    fn resolve_takes_the_capture_year() {
        let captured = Date::parse_iso("2026-05-28");
        let d = ShownDate::parse("Feb 11").and_then(|d| d.resolve(captured));
        assert_eq!(d.map(|d| d.to_string()), Some("2026-02-11".into()));
        assert_eq!(ShownDate::parse("Feb 11").and_then(|d| d.resolve(None)), None);
        // Feb 29 exists only in leap years: captured in 2026, the last Feb 29 was none of 2026 or 2025.
        let d = ShownDate::parse("Feb 29").and_then(|d| d.resolve(captured));
        assert_eq!(d, None);
        // A date later in the year than the capture is from the year before.
        let january = Date::parse_iso("2026-01-05");
        let d = ShownDate::parse("Dec 30").and_then(|d| d.resolve(january));
        assert_eq!(d.map(|d| d.to_string()), Some("2025-12-30".into()));
        let d = ShownDate::parse("Jan 5").and_then(|d| d.resolve(january));
        assert_eq!(d.map(|d| d.to_string()), Some("2026-01-05".into()));
    }

    #[test]
    fn iso_dates() {
        assert_eq!(Date::parse_iso("2025-11-18").map(|d| d.to_string()), Some("2025-11-18".into()));
        assert_eq!(Date::parse_iso("2025-13-01"), None);
        assert_eq!(Date::parse_iso("2025-1-01"), None);
        assert_eq!(Date::parse_iso("२०२५-11-18"), None);
    }
}
