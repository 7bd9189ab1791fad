//! The years of the matching papers as bars (the year facet's counts, which ignore the year selection):
//! press on one bar and release on another to choose that range, or click one bar for one year. From the
//! keyboard, the chart is one control: ← and → move the chosen years, Shift widens them, Home and End go
//! to the first and last year.

use std::ops::RangeInclusive;

use leptos::prelude::*;
use paperscope_search::{FacetKey, FacetValue, Filter};

use crate::engine::use_results;
use crate::nav::use_nav;

/// Years drawn as bars. A corpus from anywhere may say a paper is from year 1 or 65535; those are counted
/// in a note, not drawn, so the chart never has more than 201 bars.
const PLAUSIBLE: RangeInclusive<u16> = 1900..=2100;

/// The year facet's counts within [`PLAUSIBLE`], and how many papers have a year outside it.
#[derive(Clone, PartialEq, Default)]
struct Years {
    counts: Vec<(u16, u32)>,
    outside: u32,
}

impl Years {
    /// The year facet's values (years as text, with their counts).
    fn of(values: &[FacetValue]) -> Years {
        let mut counts: Vec<(u16, u32)> =
            values.iter().filter_map(|v| Some((v.value.parse().ok()?, v.count))).collect();
        let outside = counts.iter().filter(|(y, _)| !PLAUSIBLE.contains(y)).map(|c| c.1).sum();
        counts.retain(|(y, _)| PLAUSIBLE.contains(y));
        Years { counts, outside }
    }

    fn range(&self) -> Option<(u16, u16)> {
        let min = self.counts.iter().map(|c| c.0).min()?;
        let max = self.counts.iter().map(|c| c.0).max()?;
        (min < max).then_some((min, max))
    }

    fn count(&self, year: u16) -> u32 {
        self.counts.iter().find(|c| c.0 == year).map_or(0, |c| c.1)
    }

    fn peak(&self) -> f64 {
        f64::from(self.counts.iter().map(|c| c.1).max().unwrap_or(1).max(1))
    }

    /// The bars as the outlines of three paths in the chart's units (see [`view_box`]): the years not
    /// chosen, the chosen (`picked`), and those a drag is over (`dragging`, drawn above the others). One
    /// attribute per path changes with the counts, not two per bar.
    fn paths(&self, picked: impl Fn(u16) -> bool, dragging: impl Fn(u16) -> bool) -> [String; 3] {
        let peak = self.peak();
        let mut paths: [String; 3] = Default::default();
        for &(year, n) in self.counts.iter().filter(|c| c.1 > 0) {
            let height = (f64::from(n) / peak * (H - 4.0)).max(2.0);
            let x = f64::from(year.saturating_sub(*PLAUSIBLE.start())) + GAP;
            let path = &mut paths[if dragging(year) { 2 } else { usize::from(picked(year)) }];
            let width = 1.0 - 2.0 * GAP;
            path.push_str(&format!("M{x:.2} {:.2}h{width:.2}v{height:.2}h-{width:.2}z", H - height));
        }
        paths
    }
}

/// The years chosen after a key press on the chart, from the years chosen before (`None`: any year), or
/// `None` when the key changes nothing. With no year chosen, an arrow chooses the newest.
fn step(chosen: Option<(u16, u16)>, key: &str, shift: bool, (min, max): (u16, u16)) -> Option<(u16, u16)> {
    let (a, b) = match chosen {
        Some(range) => range,
        None if matches!(key, "ArrowLeft" | "ArrowRight") => return Some((max, max)),
        None => (max, max),
    };
    let next = match (key, shift) {
        ("ArrowLeft", false) if a > min => (a - 1, b - 1),
        ("ArrowRight", false) if b < max => (a + 1, b + 1),
        ("ArrowLeft", true) if a > min => (a - 1, b),
        ("ArrowRight", true) if b < max => (a, b + 1),
        ("Home", false) => (min, min),
        ("Home", true) => (min, b),
        ("End", false) => (max, max),
        ("End", true) => (a, max),
        _ => return None,
    };
    (Some(next) != chosen).then_some(next)
}

const H: f64 = 56.0;

/// The gap on each side of a bar, as a share of a year's width.
const GAP: f64 = 0.1;

/// The chart's `viewBox` for a span of years: one unit per year, counted from [`PLAUSIBLE`]'s start, so a
/// bar's place is its year alone and a wider or narrower span changes this one attribute (the chart is
/// stretched to its width, `preserveAspectRatio="none"`).
fn view_box((min, max): (u16, u16)) -> String {
    let from = min.saturating_sub(*PLAUSIBLE.start());
    format!("{from} 0 {} {H}", max.saturating_sub(min) + 1)
}

/// The chart: its section while the results span more than one year. Each year's bar is kept while typing
/// (keyed by its year) and never moves in the chart's own units: its height, count and selection follow
/// the results, and a keystroke that widens or narrows the span adds or removes only the years at its
/// ends and changes the chart's `viewBox`.
#[component]
pub fn YearHistogram() -> impl IntoView {
    let (nav, results) = (use_nav(), use_results());
    let years: Memo<Years> = Memo::new(move |_| {
        results.facets.with(|facets| {
            let year = facets.iter().find(|f| f.key == FacetKey::Year);
            Years::of(year.map_or(&[][..], |f| &f.values))
        })
    });
    let range = Memo::new(move |_| years.with(Years::range));
    let span = move || range.get().unwrap_or((0, 0));
    let selected: Memo<Vec<(u16, u16)>> =
        Memo::new(move |_| nav.filters.with(|filters| filters.iter().filter_map(Filter::years).collect()));
    let drag: RwSignal<Option<(u16, u16)>> = RwSignal::new(None);
    let outside = move || years.with(|y| y.outside);
    let chosen = move || {
        selected.with(|s| {
            let a = s.iter().map(|r| r.0).min()?;
            Some((a, s.iter().map(|r| r.1).max()?))
        })
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(span) = range.get_untracked() else { return };
        if let Some((a, b)) = step(chosen(), &ev.key(), ev.shift_key(), span) {
            ev.prevent_default();
            nav.go(nav.state.get_untracked().with_facet(FacetKey::Year, [Filter::year_range(a, b)]), true);
        }
    };
    let said = move || match chosen() {
        Some((a, b)) if a == b => a.to_string(),
        Some((a, b)) => format!("{a} to {b}"),
        None => "any year".to_string(),
    };
    let bar_years = move || range.get().map_or_else(Vec::new, |(min, max)| (min..=max).collect::<Vec<u16>>());
    let paths = Memo::new(move |_| {
        let picked = |year| selected.with(|s| s.iter().any(|&(a, b)| (a..=b).contains(&year)));
        let dragging = |year| drag.get().is_some_and(|(a, b)| (a.min(b)..=a.max(b)).contains(&year));
        years.with(|y| y.paths(picked, dragging))
    });
    view! {
        <Show when=move || range.with(Option::is_some)>
            <section class="facet histogram" data-testid="year-histogram">
                <h3>"Years"</h3>
                <svg
                    viewBox=move || view_box(span())
                    preserveAspectRatio="none"
                    width="100%"
                    height="56"
                    role="slider"
                    tabindex="0"
                    data-testid="year-chart"
                    aria-label=move || {
                        let (min, max) = span();
                        format!("Papers per year, {min} to {max}; drag across bars, or use the arrow keys (Shift widens), to choose years")
                    }
                    aria-valuemin=move || span().0.to_string()
                    aria-valuemax=move || span().1.to_string()
                    aria-valuenow=move || chosen().map_or(span().1, |c| c.1).to_string()
                    aria-valuetext=said
                    on:keydown=on_key
                    on:pointerleave=move |_| drag.set(None)
                >
                    <path class="bar" d=move || paths.with(|p| p[0].clone()) />
                    <path class="bar picked" d=move || paths.with(|p| p[1].clone()) />
                    <path class="bar dragging" d=move || paths.with(|p| p[2].clone()) />
                    <For each=bar_years key=|year| *year let:year>
                        <Bar year years drag />
                    </For>
                </svg>
                <div class="axis"><span>{move || span().0}</span><span>{move || span().1}</span></div>
                <Show when=move || { outside() > 0 }>
                    <p class="note" data-testid="year-outside">
                        {move || {
                            let n = outside();
                            format!(
                                "{n} {} a year outside {}–{}, not drawn.",
                                if n == 1 { "paper has" } else { "papers have" },
                                PLAUSIBLE.start(),
                                PLAUSIBLE.end()
                            )
                        }}
                    </p>
                </Show>
                <Show when=move || selected.with(|s| !s.is_empty())>
                    <button class="more" on:click=move |_| nav.go(nav.state.get_untracked().with_facet(FacetKey::Year, []), true)>
                        "Any year"
                    </button>
                </Show>
            </section>
        </Show>
    }
}

/// One year's column, over its bar (drawn by the chart's paths): its count, its tooltip, and where a press
/// and a release choose a range.
#[component]
fn Bar(year: u16, years: Memo<Years>, drag: RwSignal<Option<(u16, u16)>>) -> impl IntoView {
    let nav = use_nav();
    let n = Memo::new(move |_| years.with(|y| y.count(year)));
    // The tooltip is written while the pointer is on the bar, not on every keystroke for every bar (the
    // chart is one slider to assistive technology: the bars' titles are for the pointer only).
    let hovered = RwSignal::new(false);
    // Its place in the chart's units (see `view_box`).
    let x = f64::from(year.saturating_sub(*PLAUSIBLE.start()));
    let commit = move || {
        if let Some((a, b)) = drag.get_untracked() {
            drag.set(None);
            nav.go(nav.state.get_untracked().with_facet(FacetKey::Year, [Filter::year_range(a, b)]), true);
        }
    };
    view! {
        <g
            data-testid="year-bar"
            data-year=year.to_string()
            data-count=move || n.get().to_string()
            on:pointerdown=move |ev| {
                ev.prevent_default();
                drag.set(Some((year, year)));
            }
            on:pointerenter=move |_| {
                hovered.set(true);
                drag.update(|d| if let Some(d) = d { d.1 = year });
            }
            on:pointerleave=move |_| hovered.set(false)
            on:pointerup=move |_| commit()
        >
            <title>{move || hovered.get().then(|| format!("{year}: {} papers", n.get()))}</title>
            <rect
                class="hit"
                x=x.to_string()
                y="0"
                width="1"
                height=H.to_string()
            />
        </g>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(year: &str, count: u32) -> FacetValue {
        FacetValue { value: year.into(), count, selected: false }
    }

    #[test]
    fn arrows_move_and_shift_widens_the_chosen_years() {
        let span = (2019, 2025);
        assert_eq!(step(None, "ArrowLeft", false, span), Some((2025, 2025)));
        assert_eq!(step(Some((2025, 2025)), "ArrowLeft", false, span), Some((2024, 2024)));
        assert_eq!(step(Some((2024, 2024)), "ArrowLeft", true, span), Some((2023, 2024)));
        assert_eq!(step(Some((2023, 2024)), "ArrowRight", true, span), Some((2023, 2025)));
        assert_eq!(step(Some((2023, 2025)), "ArrowRight", false, span), None, "already at the newest");
        assert_eq!(step(Some((2019, 2020)), "ArrowLeft", true, span), None, "already at the oldest");
        assert_eq!(step(Some((2022, 2023)), "Home", true, span), Some((2019, 2023)));
        assert_eq!(step(Some((2022, 2023)), "End", false, span), Some((2025, 2025)));
        assert_eq!(step(Some((2022, 2023)), "a", false, span), None);
    }

    #[test]
    fn the_bars_are_drawn_as_three_paths_chosen_dragged_and_the_rest() {
        let years = Years::of(&[value("2019", 4), value("2020", 0), value("2021", 2), value("2022", 1)]);
        let [rest, picked, dragging] = years.paths(|y| y >= 2021, |y| y == 2022);
        // 2019 is the peak, 52 tall; 2021 half of it; 2022 a quarter, under the drag; 2020 has no bar.
        assert_eq!(rest, "M119.10 4.00h0.80v52.00h-0.80z");
        assert_eq!(picked, "M121.10 30.00h0.80v26.00h-0.80z");
        assert_eq!(dragging, "M122.10 43.00h0.80v13.00h-0.80z");
        let [rest, picked, dragging] = Years::of(&[value("2019", 1000), value("2020", 1)]).paths(|_| false, |_| false);
        assert_eq!(rest, "M119.10 4.00h0.80v52.00h-0.80zM120.10 54.00h0.80v2.00h-0.80z", "a bar is at least 2 tall");
        assert!(picked.is_empty() && dragging.is_empty());
    }

    #[test]
    fn the_chart_shows_one_unit_per_year_of_the_span() {
        assert_eq!(view_box((2019, 2025)), "119 0 7 56");
        assert_eq!(view_box((1900, 2100)), "0 0 201 56");
    }

    #[test]
    fn years_outside_the_plausible_span_are_counted_not_drawn() {
        let years = Years::of(&[value("2024", 5), value("1", 2), value("2019", 1), value("65535", 3), value("x", 9)]);
        assert_eq!(years.range(), Some((2019, 2024)), "six bars, not 65,535");
        assert_eq!(years.outside, 5);
        assert_eq!((years.count(2024), years.count(2020)), (5, 0));
        assert_eq!(years.peak(), 5.0);
        // One year is no range to draw.
        assert_eq!(Years::of(&[value("2024", 5)]).range(), None);
        assert_eq!(Years::of(&[]).range(), None);
    }
}
