//! A facet filter: read once where it is written (a link, the command line, a click on the histogram) and
//! typed from then on, so the URL, the engine and the page agree on what `year=2023..2025` means.

use crate::facet_key::FacetKey;

/// The value that stands for "this paper has none" in every facet (`year=none`, `venue=none`).
pub const UNKNOWN: &str = "none";

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Filter {
    /// One value of a facet (`venue=NeurIPS 2024`, `year=2024`): papers with exactly that value.
    Value(FacetKey, String),
    /// The years from the first to the second, both included (`year=2023..2025`).
    Years(u16, u16),
}

impl Filter {
    /// Reads `value` as a filter on `key`, or `None` when it is no filter: an empty value, or for the year
    /// anything but a year (`2024`), a range of them (`2023..2025`, first no later than last) or
    /// [`UNKNOWN`]. Years have four digits.
    pub fn parse(key: FacetKey, value: &str) -> Option<Filter> {
        if value.is_empty() {
            return None;
        }
        if key != FacetKey::Year || value == UNKNOWN {
            return Some(Filter::Value(key, value.to_string()));
        }
        let year =
            |s: &str| (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u16>().ok()).flatten();
        match value.split_once("..") {
            Some((a, b)) => {
                let (a, b) = (year(a)?, year(b)?);
                (a <= b).then_some(Filter::Years(a, b))
            }
            None => year(value).map(|_| Filter::Value(key, value.to_string())),
        }
    }

    pub fn key(&self) -> FacetKey {
        match self {
            Filter::Value(key, _) => *key,
            Filter::Years(..) => FacetKey::Year,
        }
    }

    /// The value as a link or the command line writes it (`NeurIPS 2024`, `2023..2025`).
    pub fn text(&self) -> String {
        match self {
            Filter::Value(_, value) => value.clone(),
            Filter::Years(a, b) => format!("{a}..{b}"),
        }
    }

    /// The years a year filter selects (`2024` is 2024 to 2024); `None` for other facets.
    pub fn years(&self) -> Option<(u16, u16)> {
        match self {
            Filter::Years(a, b) => Some((*a, *b)),
            Filter::Value(FacetKey::Year, y) => y.parse().ok().map(|y| (y, y)),
            Filter::Value(..) => None,
        }
    }

    /// A year range as a filter: one year is that year's value, so its facet value shows as selected.
    pub fn year_range(from: u16, to: u16) -> Filter {
        let (a, b) = (from.min(to), from.max(to));
        if a == b {
            Filter::Value(FacetKey::Year, a.to_string())
        } else {
            Filter::Years(a, b)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_read_one_way() {
        assert_eq!(Filter::parse(FacetKey::Year, "2023..2025"), Some(Filter::Years(2023, 2025)));
        assert_eq!(Filter::parse(FacetKey::Year, "2024"), Some(Filter::Value(FacetKey::Year, "2024".into())));
        for bad in ["", "2025..2023", "24", "20245", "abcd", "2023..", "..2025", "2023..20x5", "+202"] {
            assert_eq!(Filter::parse(FacetKey::Year, bad), None, "{bad:?}");
        }
        assert_eq!(
            Filter::parse(FacetKey::Venue, "2025..2023"),
            Some(Filter::Value(FacetKey::Venue, "2025..2023".into()))
        );
        assert_eq!(Filter::parse(FacetKey::Venue, ""), None);
        assert_eq!(Filter::parse(FacetKey::Year, "none"), Some(Filter::Value(FacetKey::Year, UNKNOWN.into())));
        assert_eq!(Filter::parse(FacetKey::Year, "none").and_then(|f| f.years()), None);
        assert_eq!(Filter::Years(2023, 2025).text(), "2023..2025");
        assert_eq!(Filter::parse(FacetKey::Year, "2024").and_then(|f| f.years()), Some((2024, 2024)));
        assert_eq!(Filter::year_range(2025, 2023), Filter::Years(2023, 2025));
        assert_eq!(Filter::year_range(2024, 2024).text(), "2024");
        assert_eq!(Filter::Value(FacetKey::Venue, "x".into()).years(), None);
    }
}
