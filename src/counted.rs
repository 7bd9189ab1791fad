//! Which facets an answer counts at once, and every facet as last counted. Counting a facet costs the engine
//! a pass over its column for the papers found: at 100,000 papers the author facet alone costs as much as
//! finding the papers of a one-letter prefix. So the facets out of view at the last measure are counted a
//! frame after the answer (`Results::count_later`), and the page shows each facet as last counted.

use paperscope_search::{FacetCounts, FacetKey, Request, Response};

/// The request to answer at once: `request` counting every facet but those `later` (none of them the year,
/// or selected, or being searched by its find box); `None` when that is every facet.
pub fn counted_now(request: &Request, later: &[FacetKey]) -> Option<Request> {
    let now = |key: &FacetKey| {
        !later.contains(key)
            || *key == FacetKey::Year
            || request.filters.iter().any(|f| f.key() == *key)
            || request.facet_find.iter().any(|(k, _)| k == key)
    };
    let counted: Vec<FacetKey> = FacetKey::ALL.into_iter().filter(now).collect();
    (counted.len() < FacetKey::ALL.len()).then(|| Request { counted: Some(counted), ..request.clone() })
}

/// The facets an answer did not count.
pub fn left_out(counted: &[FacetCounts]) -> Vec<FacetKey> {
    FacetKey::ALL.into_iter().filter(|key| !counted.iter().any(|f| f.key == *key)).collect()
}

/// Every facet, in order: as the answer counted it, else as the facets it left out were last counted
/// (`rest`), else as last shown.
pub fn every_facet(
    answer: &[FacetCounts],
    rest: Option<&Response>,
    shown: Option<&Vec<FacetCounts>>,
) -> Vec<FacetCounts> {
    let rest = rest.map_or(&[][..], |r| &r.facets[..]);
    let shown = shown.map_or(&[][..], |s| &s[..]);
    let find = |facets: &[FacetCounts], key: FacetKey| facets.iter().find(|f| f.key == key).cloned();
    FacetKey::ALL
        .into_iter()
        .filter_map(|key| find(answer, key).or_else(|| find(rest, key)).or_else(|| find(shown, key)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use paperscope_search::{FacetValue, Filter, Index};

    fn facet(key: FacetKey, count: u32) -> FacetCounts {
        FacetCounts { key, values: vec![FacetValue { value: "v".into(), count, selected: false }] }
    }

    #[test]
    fn the_facets_out_of_view_are_counted_later_unless_the_year_selected_or_searched() {
        use FacetKey::*;
        let request = Request::new("graph");
        assert_eq!(counted_now(&request, &[]), None, "every facet at once");
        let now = counted_now(&request, &[Year, Author, Topic]).and_then(|r| r.counted);
        assert_eq!(now, Some(FacetKey::ALL.into_iter().filter(|k| ![Author, Topic].contains(k)).collect()));
        let busy = Request {
            filters: vec![Filter::Value(Author, "Ada".into())],
            facet_find: vec![(Topic, "gra".into())],
            ..request
        };
        assert_eq!(counted_now(&busy, &[Year, Author, Topic]), None, "selected, searched, the year: all at once");
    }

    #[test]
    fn every_facet_is_shown_as_last_counted() {
        use FacetKey::*;
        let answer = [facet(Year, 1), facet(Venue, 1)];
        assert_eq!(left_out(&answer).len(), FacetKey::ALL.len() - 2);
        let rest = Response { facets: vec![facet(Author, 2)], ..index_response() };
        let shown = vec![facet(Year, 9), facet(Author, 9), facet(Topic, 9)];
        // The answer's own, then the rest counted later, then what was shown; in the facets' order.
        assert_eq!(
            every_facet(&answer, Some(&rest), Some(&shown)),
            [facet(Year, 1), facet(Venue, 1), facet(Topic, 9), facet(Author, 2)]
        );
        assert_eq!(every_facet(&answer, None, None), answer);
    }

    fn index_response() -> Response {
        Index::build(Vec::new()).search(&Request::default())
    }
}
