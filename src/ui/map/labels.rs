//! What is written over the drawing: the regions' labels and the title of the paper under the pointer.

use leptos::prelude::*;

use super::use_map_ui;
use crate::engine::use_engine;

/// The regions' labels over the drawing: the coarsest level whose regions are wide on screen, so more and
/// finer labels appear as the map is zoomed in.
#[component]
pub(super) fn MapLabels() -> impl IntoView {
    let (ui, engine) = (use_map_ui(), use_engine());
    let labels = Memo::new(move |_| {
        let camera = ui.camera.get();
        engine.with_atlas(|atlas| {
            let Some(atlas) = atlas else { return Vec::new() };
            let levels = &atlas.map().levels;
            let sizes: Vec<usize> = levels.iter().map(|l| l.centres.len()).collect();
            let Some(level) = levels.get(camera.label_level(&sizes)) else { return Vec::new() };
            let mut shown: Vec<(u32, String, [f32; 2])> = level
                .centres
                .iter()
                .zip(&level.labels)
                .zip(&level.sizes)
                .filter(|(_, &size)| size > 0)
                .map(|((c, label), &size)| {
                    let p = camera.to_screen(c.map(|v| f32::from(v) / f32::from(u16::MAX)));
                    (size, short_label(label), p)
                })
                .filter(|(_, _, [x, y])| *x >= 0.0 && *y >= 0.0 && *x <= camera.width && *y <= camera.height)
                .collect();
            shown.sort_by_key(|s| std::cmp::Reverse(s.0));
            shown.truncate(40);
            // A label near an edge is pulled in, so it is not cut off (its region is there or beyond).
            let inside = |[x, y]: [f32; 2]| {
                let room = (camera.width / 2.0).min(90.0);
                [x.clamp(room, camera.width - room).round() as i32, y.clamp(12.0, camera.height - 12.0).round() as i32]
            };
            shown.into_iter().map(|(_, label, p)| (label, inside(p))).collect()
        })
    });
    view! {
        <div class="map-labels" aria-hidden="true">
            {move || {
                labels
                    .get()
                    .into_iter()
                    .map(|(label, [x, y])| {
                        view! {
                            <span class="map-label" data-testid="map-label" style:transform=format!("translate({x}px,{y}px) translate(-50%,-50%)")>
                                {label}
                            </span>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// A region's label as the map shows it: its first two terms.
fn short_label(label: &str) -> String {
    label.split(", ").take(2).collect::<Vec<_>>().join(", ")
}

/// The title of the paper under the pointer.
#[component]
pub(super) fn MapTooltip() -> impl IntoView {
    let (ui, engine) = (use_map_ui(), use_engine());
    move || {
        let (doc, [x, y]) = ui.hover.get()?;
        let paper = engine.paper(doc)?;
        let camera = ui.camera.get_untracked();
        // Beside the pointer, on the side with room.
        let flip = x > camera.width * 0.6;
        let (left, right) = if flip {
            (None, Some(format!("{}px", camera.width - x + 12.0)))
        } else {
            (Some(format!("{}px", x + 12.0)), None)
        };
        let top = format!("{}px", y + 12.0);
        let meta = [paper.year.map(|y| y.to_string()), paper.venue.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        Some(view! {
            <div class="map-tooltip" data-testid="map-tooltip" data-id=paper.id.clone() role="tooltip" style:left=left style:right=right style:top=top>
                <strong>{paper.title.clone()}</strong>
                {(!meta.is_empty()).then(|| view! { <span>{meta}</span> })}
            </div>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_show_their_first_two_terms() {
        assert_eq!(short_label("diffusion, score, denoising"), "diffusion, score");
        assert_eq!(short_label("graphs"), "graphs");
    }
}
