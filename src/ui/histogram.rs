//! The years of the matching papers as bars (the year facet's counts, which ignore the year selection):
//! press on one bar and release on another to choose that range, or click one bar for one year.

use std::ops::RangeInclusive;

use leptos::prelude::*;
use paperscope_search::FacetKey;

use crate::engine::use_results;
use crate::nav::use_nav;

/// Years drawn as bars. A corpus from anywhere may say a paper is from year 1 or 65535; those are counted
/// in a note, not drawn, so the chart never has more than 201 bars.
const PLAUSIBLE: RangeInclusive<u16> = 1900..=2100;

#[component]
pub fn YearHistogram() -> impl IntoView {
    let (nav, results) = (use_nav(), use_results());
    let drag: RwSignal<Option<(u16, u16)>> = RwSignal::new(None);
    move || {
        let mut counts: Vec<(u16, u32)> = results.0.with(|(r, _)| {
            r.facets
                .iter()
                .find(|f| f.key == FacetKey::Year)
                .map(|f| f.values.iter().filter_map(|v| Some((v.value.parse().ok()?, v.count))).collect())
                .unwrap_or_default()
        });
        let outside: u32 = counts.iter().filter(|(y, _)| !PLAUSIBLE.contains(y)).map(|c| c.1).sum();
        counts.retain(|(y, _)| PLAUSIBLE.contains(y));
        let (min, max) = (counts.iter().map(|c| c.0).min()?, counts.iter().map(|c| c.0).max()?);
        if min == max {
            return None;
        }
        let years: Vec<u16> = (min..=max).collect();
        let peak = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1) as f64;
        let selected = nav.state.with(|s| {
            s.filters
                .iter()
                .filter(|(k, _)| *k == FacetKey::Year)
                .filter_map(|(_, v)| {
                    let (a, b) = v.split_once("..").unwrap_or((v, v));
                    Some((a.parse::<u16>().ok()?, b.parse::<u16>().ok()?))
                })
                .collect::<Vec<_>>()
        });
        let (w, h) = (240.0, 56.0);
        let bar = w / years.len() as f64;
        let commit = move || {
            if let Some((a, b)) = drag.get_untracked() {
                let (lo, hi) = (a.min(b), a.max(b));
                let value = if lo == hi { lo.to_string() } else { format!("{lo}..{hi}") };
                drag.set(None);
                nav.go(nav.state.get_untracked().with_facet(FacetKey::Year, &[value]), true);
            }
        };
        let bars = years
            .iter()
            .enumerate()
            .map(|(i, &year)| {
                let n = counts.iter().find(|c| c.0 == year).map_or(0, |c| c.1);
                let bh = if n == 0 { 0.0 } else { (n as f64 / peak * (h - 4.0)).max(2.0) };
                let picked = selected.iter().any(|&(a, b)| (a..=b).contains(&year));
                let in_drag = move || drag.get().is_some_and(|(a, b)| (a.min(b)..=a.max(b)).contains(&year));
                view! {
                    <g
                        data-testid="year-bar"
                        data-year=year.to_string()
                        data-count=n.to_string()
                        on:pointerdown=move |ev| {
                            ev.prevent_default();
                            drag.set(Some((year, year)));
                        }
                        on:pointerenter=move |_| drag.update(|d| if let Some(d) = d { d.1 = year })
                        on:pointerup=move |_| commit()
                    >
                        <title>{format!("{year}: {n} papers")}</title>
                        <rect class="hit" x=(i as f64 * bar).to_string() y="0" width=bar.to_string() height=h.to_string() />
                        <rect
                            class="bar"
                            class:picked=picked
                            class:dragging=in_drag
                            x=(i as f64 * bar + 1.0).to_string()
                            y=(h - bh).to_string()
                            width=(bar - 2.0).max(1.0).to_string()
                            height=bh.to_string()
                        />
                    </g>
                }
            })
            .collect_view();
        let any = !selected.is_empty();
        Some(view! {
            <section class="facet histogram" data-testid="year-histogram">
                <h2>"Years"</h2>
                <svg
                    viewBox=format!("0 0 {w} {h}")
                    width="100%"
                    height="56"
                    role="img"
                    aria-label=format!("Papers per year, {min} to {max}; drag across bars to choose a range")
                    on:pointerleave=move |_| drag.set(None)
                >
                    {bars}
                </svg>
                <div class="axis"><span>{min}</span><span>{max}</span></div>
                {(outside > 0).then(|| view! {
                    <p class="note" data-testid="year-outside">
                        {format!(
                            "{outside} {} a year outside {}–{}, not drawn.",
                            if outside == 1 { "paper has" } else { "papers have" },
                            PLAUSIBLE.start(),
                            PLAUSIBLE.end()
                        )}
                    </p>
                })}
                {any.then(|| view! {
                    <button class="more" on:click=move |_| nav.go(nav.state.get_untracked().with_facet(FacetKey::Year, &[]), true)>
                        "Any year"
                    </button>
                })}
            </section>
        })
    }
}
