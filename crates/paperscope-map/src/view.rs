//! The map on a screen, as plain arithmetic the page calls: where the camera looks ([`Camera`]), which
//! paper is under the pointer ([`Grid`]), which regions' labels show at a zoom, and the colours papers take
//! by region, year, venue, topic or source ([`colours`]).

use paperscope_corpus::Paper;
use paperscope_search::url::Viewport;
use paperscope_search::Papers;

/// Share of the screen's shorter side the whole map takes at zoom 1 (a margin around it).
const FIT: f32 = 0.92;

/// A view of the map on a screen of `width × height` CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    pub centre: [f32; 2],
    pub zoom: f32,
    pub width: f32,
    pub height: f32,
}

impl Camera {
    pub fn new(viewport: Option<Viewport>, width: f32, height: f32) -> Camera {
        let v = viewport.unwrap_or(Viewport { x: 0.5, y: 0.5, zoom: 1.0 });
        Camera { centre: [v.x, v.y], zoom: v.zoom, width: width.max(1.0), height: height.max(1.0) }
    }

    /// The viewport as the URL keeps it; `None` for the whole map (the view a link without one shows).
    pub fn viewport(&self) -> Option<Viewport> {
        Viewport::new(self.centre[0], self.centre[1], self.zoom).filter(|v| v.zoom > 1.0 || v.x != 0.5 || v.y != 0.5)
    }

    /// Screen pixels per map unit.
    pub fn scale(&self) -> f32 {
        self.width.min(self.height) * FIT * self.zoom
    }

    pub fn to_screen(&self, p: [f32; 2]) -> [f32; 2] {
        let s = self.scale();
        [(p[0] - self.centre[0]) * s + self.width / 2.0, (p[1] - self.centre[1]) * s + self.height / 2.0]
    }

    pub fn to_map(&self, p: [f32; 2]) -> [f32; 2] {
        let s = self.scale();
        [(p[0] - self.width / 2.0) / s + self.centre[0], (p[1] - self.height / 2.0) / s + self.centre[1]]
    }

    /// Moved by a drag of `dx, dy` screen pixels (the map follows the pointer), the centre kept on the map.
    pub fn panned(&self, dx: f32, dy: f32) -> Camera {
        let s = self.scale();
        let c = |v: f32| v.clamp(0.0, 1.0);
        Camera { centre: [c(self.centre[0] - dx / s), c(self.centre[1] - dy / s)], ..*self }
    }

    /// Zoomed by `factor` about the screen point `at`, which stays over the same place of the map.
    pub fn zoomed(&self, factor: f32, at: [f32; 2]) -> Camera {
        let zoom = (self.zoom * factor).clamp(1.0, Viewport::MAX_ZOOM);
        let fixed = self.to_map(at);
        let mut next = Camera { zoom, ..*self };
        let moved = next.to_map(at);
        next.centre = [0, 1].map(|i| (next.centre[i] + fixed[i] - moved[i]).clamp(0.0, 1.0));
        next
    }

    /// The part of the map on screen: `[x0, y0, x1, y1]`.
    pub fn visible(&self) -> [f32; 4] {
        let [x0, y0] = self.to_map([0.0, 0.0]);
        let [x1, y1] = self.to_map([self.width, self.height]);
        [x0, y0, x1, y1]
    }

    /// Which level's regions are labelled: the coarsest whose regions are each at least a few hundred pixels
    /// across on screen (a map of `regions` at level `i` has regions about `1 / sqrt(regions)` wide).
    pub fn label_level(&self, regions: &[usize]) -> usize {
        let wide = |k: usize| self.scale() / (k.max(1) as f32).sqrt();
        (0..regions.len()).rev().find(|&l| wide(regions[l]) >= 220.0).unwrap_or(0)
    }
}

/// Papers bucketed by place, so the paper under the pointer is found by looking at a few cells.
#[derive(Debug, Clone)]
pub struct Grid {
    side: usize,
    /// Each cell's papers: `cells[starts[c]..starts[c + 1]]`.
    starts: Vec<u32>,
    cells: Vec<u32>,
    places: Vec<[f32; 2]>,
}

impl Grid {
    pub fn new(places: Vec<[f32; 2]>) -> Grid {
        // About four papers per cell, at most 1024 cells a side.
        let side = ((places.len() as f32 / 4.0).sqrt().ceil() as usize).clamp(1, 1024);
        let cell = |p: [f32; 2]| {
            let i = |v: f32| ((v.clamp(0.0, 1.0) * side as f32) as usize).min(side - 1);
            i(p[1]) * side + i(p[0])
        };
        let mut counts = vec![0u32; side * side + 1];
        for &p in &places {
            counts[cell(p) + 1] += 1;
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut fill = counts.clone();
        let mut cells = vec![0u32; places.len()];
        for (doc, &p) in places.iter().enumerate() {
            let c = cell(p);
            cells[fill[c] as usize] = doc as u32;
            fill[c] += 1;
        }
        Grid { side, starts: counts, cells, places }
    }

    /// The paper nearest to `p` within `radius` (map units) that `wanted` accepts, if any.
    pub fn nearest(&self, p: [f32; 2], radius: f32, wanted: impl Fn(u32) -> bool) -> Option<u32> {
        let side = self.side as f32;
        let span = |v: f32| {
            let lo = ((v - radius) * side).floor().max(0.0) as usize;
            let hi = (((v + radius) * side).floor().max(0.0) as usize).min(self.side - 1);
            lo..=hi
        };
        let mut best: Option<(f32, u32)> = None;
        for row in span(p[1]) {
            for col in span(p[0]) {
                let c = row * self.side + col;
                for &doc in &self.cells[self.starts[c] as usize..self.starts[c + 1] as usize] {
                    let q = self.places[doc as usize];
                    let d = (q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2);
                    if d <= radius * radius && best.is_none_or(|(b, _)| d < b) && wanted(doc) {
                        best = Some((d, doc));
                    }
                }
            }
        }
        best.map(|(_, doc)| doc)
    }
}

/// What the points' colours say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColourBy {
    #[default]
    Region,
    Year,
    Venue,
    Topic,
    Source,
}

impl ColourBy {
    pub const ALL: [ColourBy; 5] =
        [ColourBy::Region, ColourBy::Year, ColourBy::Venue, ColourBy::Topic, ColourBy::Source];

    pub fn name(self) -> &'static str {
        match self {
            ColourBy::Region => "region",
            ColourBy::Year => "year",
            ColourBy::Venue => "venue",
            ColourBy::Topic => "topic",
            ColourBy::Source => "source",
        }
    }

    pub fn from_name(name: &str) -> Option<ColourBy> {
        ColourBy::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Distinct colours a map uses; the last is for "other" and "none".
pub const COLOURS: usize = 13;

/// Each paper's colour (an index below [`COLOURS`]) and what each colour means: regions of the first
/// level, or the most common values of a field (years in order, oldest first), the rest "other".
pub fn colours(by: ColourBy, papers: &Papers, regions: &[u16], labels: &[String]) -> (Vec<u8>, Vec<String>) {
    let other = (COLOURS - 1) as u8;
    if by == ColourBy::Region {
        let colour = |r: u16| if usize::from(r) < COLOURS - 1 { r as u8 } else { other };
        let mut legend: Vec<String> = labels.iter().take(COLOURS - 1).cloned().collect();
        if labels.len() > COLOURS - 1 {
            legend.push("other regions".into());
        }
        return (regions.iter().map(|&r| colour(r)).collect(), legend);
    }
    let value = |p: &Paper| -> Option<String> {
        match by {
            ColourBy::Region => None,
            ColourBy::Year => p.year.map(|y| y.to_string()),
            ColourBy::Venue => p.venue.clone(),
            ColourBy::Topic => p.topics.first().cloned(),
            ColourBy::Source => p.sources.first().map(|s| s.label.clone().unwrap_or_else(|| s.file.clone())),
        }
    };
    let values: Vec<Option<String>> = papers.each(value);
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for v in values.iter().flatten() {
        *counts.entry(v.as_str()).or_insert(0) += 1;
    }
    let mut common: Vec<(&str, usize)> = counts.into_iter().collect();
    common.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    common.truncate(COLOURS - 1);
    let mut legend: Vec<String> = common.iter().map(|(v, _)| v.to_string()).collect();
    if by == ColourBy::Year {
        legend.sort();
    }
    let colour_of =
        |v: &Option<String>| v.as_deref().and_then(|v| legend.iter().position(|l| l == v)).map_or(other, |i| i as u8);
    let colours = values.iter().map(colour_of).collect();
    if values.iter().any(|v| colour_of(v) == other) {
        legend.push(if common.len() < COLOURS - 1 { "none".into() } else { "other".into() });
    }
    (colours, legend)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_camera_maps_both_ways_and_zooms_about_the_pointer() {
        let camera = Camera::new(None, 800.0, 600.0);
        assert_eq!(camera.to_screen([0.5, 0.5]), [400.0, 300.0]);
        let p = [0.2, 0.7];
        let back = camera.to_map(camera.to_screen(p));
        assert!((back[0] - p[0]).abs() < 1e-6 && (back[1] - p[1]).abs() < 1e-6);
        // The whole map fits at zoom 1.
        let [x0, y0, x1, y1] = camera.visible();
        assert!(x0 < 0.0 && y0 < 0.0 && x1 > 1.0 && y1 > 1.0);
        // Zooming keeps the place under the pointer where it was.
        let at = [600.0, 150.0];
        let under = camera.to_map(at);
        let zoomed = camera.zoomed(4.0, at);
        assert_eq!(zoomed.zoom, 4.0);
        let still = zoomed.to_map(at);
        assert!((still[0] - under[0]).abs() < 1e-5 && (still[1] - under[1]).abs() < 1e-5);
        // Zoom stays within its bounds; a pan moves the map with the pointer and keeps the centre on it.
        assert_eq!(camera.zoomed(0.1, at).zoom, 1.0);
        assert_eq!(camera.zoomed(1e9, at).zoom, Viewport::MAX_ZOOM);
        let panned = zoomed.panned(100.0, 0.0);
        assert!(panned.centre[0] < zoomed.centre[0]);
        assert_eq!(camera.panned(1e6, -1e6).centre, [0.0, 1.0]);
        // The viewport round-trips through the URL's rounding; the whole map is no viewport.
        let v = zoomed.viewport().expect("a viewport");
        assert_eq!(Camera::new(Some(v), 800.0, 600.0).viewport(), Some(v));
        assert_eq!(camera.viewport(), None);
        assert!(camera.panned(10.0, 0.0).viewport().is_some());
    }

    #[test]
    fn labels_get_finer_as_the_map_grows() {
        let regions = [8, 32, 128];
        let mut camera = Camera::new(None, 1000.0, 800.0);
        assert_eq!(camera.label_level(&regions), 0);
        let levels: Vec<usize> = [1.0, 2.0, 4.0, 8.0, 32.0]
            .iter()
            .map(|&z| {
                camera.zoom = z;
                camera.label_level(&regions)
            })
            .collect();
        assert!(levels.windows(2).all(|w| w[0] <= w[1]), "{levels:?}");
        assert_eq!(levels.last(), Some(&2));
    }

    #[test]
    fn the_grid_finds_the_nearest_paper_within_reach() {
        let places: Vec<[f32; 2]> = (0..1000).map(|i| [(i % 37) as f32 / 37.0, (i / 37) as f32 / 28.0]).collect();
        let grid = Grid::new(places.clone());
        for probe in [[0.5, 0.5], [0.01, 0.99], [0.33, 0.12], [1.0, 0.0]] {
            let brute = (0..1000u32)
                .map(|d| (places[d as usize][0] - probe[0]).powi(2) + (places[d as usize][1] - probe[1]).powi(2))
                .enumerate()
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(d, _)| d as u32);
            assert_eq!(grid.nearest(probe, 0.05, |_| true), brute, "{probe:?}");
        }
        assert_eq!(grid.nearest([0.5, 0.5], 0.001, |_| true), None);
        // Only the papers wanted count (those lit, say).
        let odd = grid.nearest([0.0, 0.0], 0.2, |d| d % 2 == 1).expect("an odd paper");
        assert_eq!(odd % 2, 1);
        assert_eq!(Grid::new(Vec::new()).nearest([0.5, 0.5], 1.0, |_| true), None);
    }

    #[test]
    fn colours_name_the_commonest_values_and_the_rest_is_other() {
        let papers: Papers = (0..40)
            .map(|i| Paper {
                id: format!("p{i}"),
                year: Some(2000 + (i % 15) as u16),
                venue: (i % 2 == 0).then(|| "NeurIPS".to_string()),
                ..Paper::default()
            })
            .collect::<Vec<_>>()
            .into();
        let (by_year, legend) = colours(ColourBy::Year, &papers, &[], &[]);
        assert_eq!(legend.len(), COLOURS);
        assert_eq!(legend.last().map(String::as_str), Some("other"));
        assert!(legend[..COLOURS - 1].windows(2).all(|w| w[0] < w[1]), "years in order: {legend:?}");
        assert_eq!(legend[usize::from(by_year[0])], "2000");
        let (by_venue, legend) = colours(ColourBy::Venue, &papers, &[], &[]);
        assert_eq!(legend, ["NeurIPS", "none"]);
        assert_eq!((by_venue[0], by_venue[1]), (0, (COLOURS - 1) as u8));
        let labels: Vec<String> = (0..20).map(|i| format!("r{i}")).collect();
        let (by_region, legend) = colours(ColourBy::Region, &papers, &[0, 5, 19], &labels);
        assert_eq!(by_region, [0, 5, (COLOURS - 1) as u8]);
        assert_eq!(legend.last().map(String::as_str), Some("other regions"));
    }
}
