//! The explorer's state as a URL query string: `q`, `sort`, `page` (1-based), `paper` (the open paper's
//! id), one key per facet, repeated for several values (`venue=ICML%202025&venue=NeurIPS%202025`),
//! `muted=show`, a shared list (`shared=Theory&ids=arxiv:2501.00001,2501.00002`), the map (`view=map`, its
//! viewport `map=x,y,zoom`, an area of it that filters `area=x0,y0,x1,y1`) and the search mode
//! (`mode=meaning`, `mode=hybrid`). The
//! page keeps no other copy of its state: it parses the URL into a [`ViewState`], searches, and renders.
//! Unknown keys and malformed values are ignored, never fatal.

use std::collections::HashSet;
use std::hash::Hash;

use crate::{FacetKey, Filter, Request, SearchMode, Sort};

/// What the URL says the page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewState {
    pub query: String,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
    pub paper: Option<String>,
    /// Selected facet values and year ranges, in URL order.
    pub filters: Vec<Filter>,
    /// Facet values the URL held past [`MAX_FILTERS`], left out (the page says so; repeats among them are
    /// counted each time).
    pub ignored: usize,
    /// Show the papers the library's mutes hide (`muted=show`).
    pub show_muted: bool,
    /// A list someone shared by link: the view shows its papers only.
    pub shared: Option<Shared>,
    /// The map is shown instead of the list (`view=map`).
    pub map: bool,
    /// The part of the map in view; `None`: the whole map.
    pub viewport: Option<Viewport>,
    /// Only the papers placed in this area of the map.
    pub area: Option<Area>,
    /// Only the papers of this region of the map (its coarsest regions, numbered from 0).
    pub region: Option<u16>,
    pub mode: SearchMode,
}

/// Map coordinates run from 0 to 1, left to right and top to bottom; the URL writes them with four decimals
/// (a hundredth of a pixel on a 1,000-pixel map at the deepest zoom a person needs), and reading rounds them
/// the same way, so a link read and written again is the same link.
fn coordinate(x: f32) -> Option<f32> {
    x.is_finite().then(|| (x.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0)
}

/// A coordinate as the URL writes it.
fn read_coordinate(text: &str) -> Option<f32> {
    coordinate(text.trim().parse().ok()?)
}

/// The part of the map in view: its centre and how far it is zoomed in (1: the whole map fits).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub x: f32,
    pub y: f32,
    pub zoom: f32,
}

// Coordinates are finite (see `coordinate`).
impl Eq for Viewport {}

impl Viewport {
    pub const MAX_ZOOM: f32 = 512.0;

    /// A viewport with its numbers rounded as the URL writes them, and the zoom within `1..=MAX_ZOOM`.
    pub fn new(x: f32, y: f32, zoom: f32) -> Option<Viewport> {
        let zoom = zoom.is_finite().then(|| (zoom.clamp(1.0, Self::MAX_ZOOM) * 100.0).round() / 100.0)?;
        Some(Viewport { x: coordinate(x)?, y: coordinate(y)?, zoom })
    }

    fn parse(text: &str) -> Option<Viewport> {
        let mut parts = text.split(',');
        let (x, y, zoom) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        Viewport::new(read_coordinate(x)?, read_coordinate(y)?, zoom.trim().parse().ok()?)
    }

    pub fn text(&self) -> String {
        format!("{:.4},{:.4},{:.2}", self.x, self.y, self.zoom)
    }
}

/// A rectangle of the map, corners ordered (`x0 <= x1`, `y0 <= y1`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

// Coordinates are finite (see `coordinate`).
impl Eq for Area {}

impl Area {
    /// The area between two corners, rounded as the URL writes it; `None` when it holds no point.
    pub fn new(a: [f32; 2], b: [f32; 2]) -> Option<Area> {
        let (ax, ay, bx, by) = (coordinate(a[0])?, coordinate(a[1])?, coordinate(b[0])?, coordinate(b[1])?);
        let area = Area { x0: ax.min(bx), y0: ay.min(by), x1: ax.max(bx), y1: ay.max(by) };
        (area.x0 < area.x1 && area.y0 < area.y1).then_some(area)
    }

    /// Reads `x0,y0,x1,y1` as the URL writes it.
    pub fn parse(text: &str) -> Option<Area> {
        let n: Vec<f32> = text.split(',').map(read_coordinate).collect::<Option<_>>()?;
        match n[..] {
            [x0, y0, x1, y1] => Area::new([x0, y0], [x1, y1]),
            _ => None,
        }
    }

    pub fn text(&self) -> String {
        format!("{:.4},{:.4},{:.4},{:.4}", self.x0, self.y0, self.x1, self.y1)
    }

    pub fn contains(&self, x: f32, y: f32) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }
}

/// A list carried by a link: its name and its papers' ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shared {
    pub name: String,
    pub ids: Vec<String>,
    /// Ids the link held past [`SHARE_LIMIT`], left out (the page says so).
    pub ignored: usize,
}

/// The most papers a shared link carries: about 6 KB of address for arXiv ids, which mail and chat keep
/// whole. A longer list is shared as a file.
pub const SHARE_LIMIT: usize = 300;

impl Shared {
    /// Reads the `ids` value as it stands in the address (each id encoded, commas between them): at most
    /// [`SHARE_LIMIT`] ids, repeats and empty ones left out.
    fn read_ids(&mut self, raw: &str) {
        let mut seen: HashSet<String> = self.ids.iter().cloned().collect();
        for id in raw.split(',').map(decode).filter(|id| !id.trim().is_empty()) {
            push_capped(&mut self.ids, &mut seen, id, SHARE_LIMIT, &mut self.ignored);
        }
    }
}

/// Adds `item` to `list` once, and only while the list has fewer than `cap` items; past that it is counted
/// in `ignored`. `seen` holds the kept items only, so a link made to hurt (100,000 values) costs a set of
/// `cap`.
fn push_capped<T: Eq + Hash + Clone>(
    list: &mut Vec<T>,
    seen: &mut HashSet<T>,
    item: T,
    cap: usize,
    ignored: &mut usize,
) {
    if seen.contains(&item) {
        return;
    }
    if list.len() < cap {
        seen.insert(item.clone());
        list.push(item);
    } else {
        *ignored += 1;
    }
}

/// The most facet values one URL selects: far more than a person picks, few enough that a link made to hurt
/// (100,000 values) costs nothing.
pub const MAX_FILTERS: usize = 500;

impl ViewState {
    /// Reads a query string (with or without its leading `?`).
    pub fn parse(query_string: &str) -> ViewState {
        let mut state = ViewState { page: 1, ..ViewState::default() };
        let mut seen = HashSet::new();
        for pair in query_string.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let (key, value) = (decode(key), decode(raw));
            match key.as_str() {
                "shared" => state.shared.get_or_insert_with(Shared::default).name = value,
                "ids" => state.shared.get_or_insert_with(Shared::default).read_ids(raw),
                "q" => state.query = value,
                "sort" => state.sort = Sort::from_name(&value).unwrap_or_default(),
                "page" => state.page = value.parse().ok().filter(|&p| p >= 1).unwrap_or(1),
                "paper" if !value.is_empty() => state.paper = Some(value),
                "muted" => state.show_muted = value == "show",
                "view" => state.map = value == "map",
                "map" => state.viewport = Viewport::parse(&value),
                "area" => state.area = Area::parse(&value),
                "region" => state.region = value.parse().ok(),
                "mode" => state.mode = SearchMode::from_name(&value).unwrap_or_default(),
                other => {
                    // A value that is no filter (an empty one, a year that is not one) is left out.
                    if let Some(filter) = FacetKey::from_name(other).and_then(|f| Filter::parse(f, &value)) {
                        push_capped(&mut state.filters, &mut seen, filter, MAX_FILTERS, &mut state.ignored);
                    }
                }
            }
        }
        state
    }

    /// The query string for this state (without `?`), leaving out defaults.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.query.is_empty() {
            parts.push(format!("q={}", encode(&self.query)));
        }
        if self.mode != SearchMode::default() {
            parts.push(format!("mode={}", self.mode.name()));
        }
        if self.sort != Sort::default() {
            parts.push(format!("sort={}", self.sort.name()));
        }
        for filter in &self.filters {
            parts.push(format!("{}={}", filter.key().name(), encode(&filter.text())));
        }
        if self.show_muted {
            parts.push("muted=show".into());
        }
        if let Some(shared) = &self.shared {
            let ids: Vec<String> = shared.ids.iter().map(|id| encode(id)).collect();
            parts.push(format!("shared={}&ids={}", encode(&shared.name), ids.join(",")));
        }
        if let Some(area) = &self.area {
            parts.push(format!("area={}", area.text()));
        }
        if let Some(region) = self.region {
            parts.push(format!("region={region}"));
        }
        if self.map {
            parts.push("view=map".into());
        }
        if let Some(viewport) = &self.viewport {
            parts.push(format!("map={}", viewport.text()));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if let Some(paper) = &self.paper {
            parts.push(format!("paper={}", encode(paper)));
        }
        parts.join("&")
    }

    /// The search request for this state.
    pub fn request(&self, per_page: usize) -> Request {
        Request {
            query: self.query.clone(),
            filters: self.filters.clone(),
            sort: self.sort,
            page: self.page,
            per_page,
            typing: true,
            show_muted: self.show_muted,
            only: self.shared.as_ref().map(|s| s.ids.clone()),
            mode: self.mode,
            ..Request::default()
        }
    }

    pub fn is_selected(&self, filter: &Filter) -> bool {
        self.filters.contains(filter)
    }

    /// This state with a filter added or taken away, back on the first page.
    pub fn toggled(&self, filter: Filter) -> ViewState {
        let mut next = self.clone();
        if self.is_selected(&filter) {
            next.filters.retain(|f| *f != filter);
        } else {
            next.filters.push(filter);
        }
        next.page = 1;
        next
    }

    /// This state narrowed to papers with one more facet value (a result's author, venue or topic): the
    /// filter added if it is not there yet, back on the first page, the open paper closed.
    pub fn narrowed(&self, filter: Filter) -> ViewState {
        let mut next = self.clone();
        if !self.is_selected(&filter) {
            next.filters.push(filter);
        }
        (next.page, next.paper) = (1, None);
        next
    }

    /// This state with every filter of one facet replaced (the year's range, say).
    pub fn with_facet(&self, key: FacetKey, filters: impl IntoIterator<Item = Filter>) -> ViewState {
        let mut next = self.clone();
        next.filters.retain(|f| f.key() != key);
        next.filters.extend(filters.into_iter().filter(|f| f.key() == key));
        next.page = 1;
        next
    }
}

/// Percent-decodes a query-string component (`+` is a space).
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(b) => {
                    out.push(b);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a query-string component, keeping it readable (letters, digits, `-._~:` and `.` stay).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b':' => out.push(b as char),
            b' ' => out.push_str("%20"),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = ViewState::parse("?q=in-context%20learning&sort=newest&venue=ICML%202025&venue=NeurIPS+2025&year=2023..2025&page=2&paper=arxiv:2511.14710");
        assert_eq!(s.query, "in-context learning");
        assert_eq!(s.sort, Sort::Newest);
        assert_eq!(s.page, 2);
        assert_eq!(s.paper.as_deref(), Some("arxiv:2511.14710"));
        assert_eq!(
            s.filters,
            vec![
                Filter::Value(FacetKey::Venue, "ICML 2025".to_string()),
                Filter::Value(FacetKey::Venue, "NeurIPS 2025".to_string()),
                Filter::Years(2023, 2025)
            ]
        );
        assert_eq!(ViewState::parse(&s.to_query_string()), s);
        assert_eq!(
            s.to_query_string(),
            "q=in-context%20learning&sort=newest&venue=ICML%202025&venue=NeurIPS%202025&year=2023..2025&page=2&paper=arxiv:2511.14710"
        );
    }

    #[test]
    fn showing_the_muted_is_part_of_the_view() {
        let s = ViewState::parse("q=graph&muted=show");
        assert!(s.show_muted && s.request(20).show_muted);
        assert_eq!(s.to_query_string(), "q=graph&muted=show");
        assert!(!ViewState::parse("q=graph&muted=nonsense").show_muted);
    }

    #[test]
    fn a_shared_list_travels_in_the_address() {
        let shared = Shared {
            name: "Theory, and more".into(),
            ids: vec!["arxiv:2501.00001".into(), "a,b&c".into()],
            ignored: 0,
        };
        let s = ViewState { page: 1, shared: Some(shared), ..ViewState::default() };
        let qs = s.to_query_string();
        assert_eq!(qs, "shared=Theory%2C%20and%20more&ids=arxiv:2501.00001,a%2Cb%26c");
        assert_eq!(ViewState::parse(&qs), s);
        assert_eq!(s.request(20).only, Some(vec!["arxiv:2501.00001".to_string(), "a,b&c".to_string()]));
        // At most SHARE_LIMIT ids, the rest counted; repeats and empty ids left out; no name is a name.
        let many: Vec<String> = (0..SHARE_LIMIT + 7).map(|i| format!("p{i}")).collect();
        let s = ViewState::parse(&format!("ids=p0,,p0,{}", many.join(",")));
        let shared = s.shared.expect("a shared list");
        assert_eq!((shared.ids.len(), shared.ignored, shared.name.as_str()), (SHARE_LIMIT, 7, ""));
        assert_eq!(ViewState::parse("q=x").request(20).only, None);
    }

    #[test]
    fn the_map_its_viewport_and_area_and_the_search_mode_travel_in_the_address() {
        let s = ViewState::parse("q=graph&view=map&map=0.25,0.5,4&area=0.3,0.4,0.1,0.2&mode=hybrid&region=3");
        assert_eq!(s.region, Some(3));
        assert!(s.map);
        assert_eq!(s.viewport, Some(Viewport { x: 0.25, y: 0.5, zoom: 4.0 }));
        assert_eq!(s.area, Some(Area { x0: 0.1, y0: 0.2, x1: 0.3, y1: 0.4 }), "corners are ordered");
        assert_eq!(s.mode, SearchMode::Hybrid);
        assert_eq!(s.request(20).mode, SearchMode::Hybrid);
        let qs = s.to_query_string();
        assert_eq!(qs, "q=graph&mode=hybrid&area=0.1000,0.2000,0.3000,0.4000&region=3&view=map&map=0.2500,0.5000,4.00");
        assert_eq!(ViewState::parse(&qs), s);
        // Numbers are rounded as written, so what is made in the page reads back the same.
        let v = Viewport::new(0.123_456, 2.0, 0.5).expect("a viewport");
        assert_eq!(v, Viewport { x: 0.1235, y: 1.0, zoom: 1.0 });
        assert_eq!(Viewport::parse(&v.text()), Some(v));
        let a = Area::new([0.999_99, 0.5], [0.000_01, 0.25]).expect("an area");
        assert_eq!(Area::parse(&a.text()), Some(a));
        assert!(a.contains(0.5, 0.25) && !a.contains(0.5, 0.51));
        // What is not a viewport, an area or a mode is left out.
        for bad in [
            "map=1,2",
            "map=0.5,0.5,NaN",
            "map=a,b,c",
            "map=0.1,0.2,3,4",
            "area=0.1,0.1,0.1,0.5",
            "area=1,2,3",
            "area=inf,0,1,1",
            "mode=telepathy",
            "view=globe",
            "region=-1",
            "region=x",
        ] {
            let s = ViewState::parse(bad);
            assert_eq!(
                (s.viewport, s.area, s.mode, s.map, s.region),
                (None, None, SearchMode::Words, false, None),
                "{bad}"
            );
        }
    }

    #[test]
    fn malformed_values_are_ignored() {
        let s =
            ViewState::parse("q=%E2%82&sort=sideways&page=-3&year=abc&year=2025..2023&frobnicate=1&venue=&topic=A%ZZ");
        assert_eq!(s.sort, Sort::Relevance);
        assert_eq!(s.page, 1);
        assert_eq!(s.filters, vec![Filter::Value(FacetKey::Topic, "A%ZZ".to_string())]);
        assert_eq!(ViewState::parse(""), ViewState { page: 1, ..ViewState::default() });
    }

    #[test]
    fn a_link_with_too_many_filters_keeps_the_first_and_counts_the_rest() {
        let mut link: Vec<String> = (0..MAX_FILTERS + 7).map(|i| format!("author=A{i}")).collect();
        link.push("author=A0".into());
        let s = ViewState::parse(&link.join("&"));
        assert_eq!(s.filters.len(), MAX_FILTERS);
        assert_eq!(s.ignored, 7);
        assert_eq!(s.filters[0], Filter::Value(FacetKey::Author, "A0".to_string()));
    }

    #[test]
    fn toggling_goes_back_to_the_first_page() {
        let s = ViewState::parse("page=3&topic=Reasoning");
        let t = s.toggled(Filter::Value(FacetKey::Topic, "Reasoning".into()));
        assert!(t.filters.is_empty() && t.page == 1);
        let icml = Filter::Value(FacetKey::Venue, "ICML 2025".into());
        let u = t.toggled(icml.clone());
        assert!(u.is_selected(&icml));
        assert_eq!(
            u.with_facet(FacetKey::Year, [Filter::Years(2020, 2022)]).to_query_string(),
            "venue=ICML%202025&year=2020..2022"
        );
        // Narrowing by a result's author adds the filter once, closes the paper, and goes to page 1.
        let v = ViewState::parse("q=x&page=2&paper=arxiv:1&author=Ada");
        let ada = Filter::Value(FacetKey::Author, "Ada".into());
        assert_eq!(v.narrowed(ada).to_query_string(), "q=x&author=Ada");
        let w = v.narrowed(Filter::Value(FacetKey::Year, "none".into()));
        assert_eq!(w.to_query_string(), "q=x&author=Ada&year=none");
        assert_eq!(ViewState::parse("year=none").filters, [Filter::Value(FacetKey::Year, "none".into())]);
    }
}
