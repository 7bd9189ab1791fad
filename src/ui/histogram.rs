//! The years of the matching papers as bars (the year facet's counts, which ignore the year selection):
//! press on one bar and release on another to choose that range, or click one bar for one year.

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
}

const W: f64 = 240.0;
const H: f64 = 56.0;

/// The chart is drawn anew only when its span of years changes; while typing, each bar's height, count
/// and selection follow the results.
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
    let selected: Memo<Vec<(u16, u16)>> =
        Memo::new(move |_| nav.filters.with(|filters| filters.iter().filter_map(Filter::years).collect()));
    let drag: RwSignal<Option<(u16, u16)>> = RwSignal::new(None);
    move || {
        let (min, max) = range.get()?;
        let bar = W / f64::from(max - min + 1);
        let bars = (min..=max)
            .enumerate()
            .map(|(i, year)| view! { <Bar year x=i as f64 * bar width=bar years selected drag /> })
            .collect_view();
        let outside = move || years.with(|y| y.outside);
        Some(view! {
            <section class="facet histogram" data-testid="year-histogram">
                <h2>"Years"</h2>
                <svg
                    viewBox=format!("0 0 {W} {H}")
                    width="100%"
                    height="56"
                    role="img"
                    aria-label=format!("Papers per year, {min} to {max}; drag across bars to choose a range")
                    on:pointerleave=move |_| drag.set(None)
                >
                    {bars}
                </svg>
                <div class="axis"><span>{min}</span><span>{max}</span></div>
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
        })
    }
}

/// One year's bar: press on one bar and release on another to choose that range.
#[component]
fn Bar(
    year: u16,
    x: f64,
    width: f64,
    years: Memo<Years>,
    selected: Memo<Vec<(u16, u16)>>,
    drag: RwSignal<Option<(u16, u16)>>,
) -> impl IntoView {
    let nav = use_nav();
    let n = Memo::new(move |_| years.with(|y| y.count(year)));
    let height = move || {
        let n = n.get();
        if n == 0 {
            0.0
        } else {
            (f64::from(n) / years.with(Years::peak) * (H - 4.0)).max(2.0)
        }
    };
    let picked = move || selected.with(|s| s.iter().any(|&(a, b)| (a..=b).contains(&year)));
    let in_drag = move || drag.get().is_some_and(|(a, b)| (a.min(b)..=a.max(b)).contains(&year));
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
            on:pointerenter=move |_| drag.update(|d| if let Some(d) = d { d.1 = year })
            on:pointerup=move |_| commit()
        >
            <title>{move || format!("{year}: {} papers", n.get())}</title>
            <rect class="hit" x=x.to_string() y="0" width=width.to_string() height=H.to_string() />
            <rect
                class="bar"
                class:picked=picked
                class:dragging=in_drag
                x=(x + 1.0).to_string()
                y=move || (H - height()).to_string()
                width=(width - 2.0).max(1.0).to_string()
                height=move || height().to_string()
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
