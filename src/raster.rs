//! The map drawn into pixels by the page itself, for browsers whose WebGL is a software renderer (no graphics
//! card, or one the browser will not use): measured here, Chromium's software WebGL took about 160 ms a frame
//! for 100,000 points, and stamping them into an RGBA buffer in WebAssembly takes a few milliseconds. Plain
//! Rust over plain data, with tests; `gl.rs` puts the buffer on a 2D canvas.

use paperscope_map::{Camera, COLOURS};

/// Point diameter in CSS pixels: a few hundred papers drawn large, 100,000 small, growing as the map is
/// zoomed in so a sparse close-up is not dust. Both drawings use it.
pub fn point_size(points: usize, zoom: f32) -> f32 {
    let base = (9.0 - (points.max(10) as f32).log10() * 1.2).clamp(2.5, 6.0);
    (base + zoom.log2() * 0.8).min(9.0)
}

/// How opaque a point is (of 255): dimmed (0), lit (1), the open paper (2).
fn alpha(lit: u8) -> u8 {
    if lit == 0 {
        56
    } else {
        230
    }
}

/// Everything drawn, as the WebGL drawing keeps it in buffers.
///
/// The papers are kept in drawing order, from the top of the map down, with their colour and lighting
/// beside them: a frame then reads three arrays front to back and its points sweep down the pixels, where
/// in paper order each point was a jump to anywhere in the pixels and in the arrays (cache misses were most
/// of a frame's time). The order is made when the places come, once per map.
#[derive(Debug, Default)]
pub struct Scene {
    /// Paper number at each drawing position.
    order: Vec<u32>,
    /// In drawing order.
    places: Vec<[u16; 2]>,
    rgb: Vec<[u8; 3]>,
    lit: Vec<u8>,
    /// In paper order, as given, to be put in drawing order again when the places change.
    given_rgb: Vec<[u8; 3]>,
    given_lit: Vec<u8>,
    /// Segments: pairs of map places.
    pub lines: Vec<[f32; 2]>,
}

impl Scene {
    /// Every paper's place (as the map file keeps it).
    pub fn set_places(&mut self, places: &[[u16; 2]]) {
        let mut order: Vec<u32> = (0..places.len() as u32).collect();
        order.sort_unstable_by_key(|&i| (places[i as usize][1], places[i as usize][0], i));
        self.places = order.iter().map(|&i| places[i as usize]).collect();
        self.order = order;
        self.rgb = self.in_order(&self.given_rgb, [127; 3]);
        self.lit = self.in_order(&self.given_lit, 0);
    }

    /// Every paper's colour, in paper order.
    pub fn set_colours(&mut self, rgb: Vec<[u8; 3]>) {
        self.given_rgb = rgb;
        self.rgb = self.in_order(&self.given_rgb, [127; 3]);
    }

    /// Every paper's lighting (0 dimmed, 1 lit, 2 the open paper), in paper order.
    pub fn set_lit(&mut self, lit: &[u8]) {
        self.given_lit = lit.to_vec();
        self.lit = self.in_order(&self.given_lit, 0);
    }

    /// Per-paper values in drawing order (`missing` for a paper past their end).
    fn in_order<T: Copy>(&self, by_paper: &[T], missing: T) -> Vec<T> {
        self.order.iter().map(|&i| by_paper.get(i as usize).copied().unwrap_or(missing)).collect()
    }
}

/// Opaque RGBA pixels, row by row from the top: the map's background first, each point mixed over it.
#[derive(Default)]
pub struct Pixels {
    pub width: usize,
    pub height: usize,
    pub rgba: Vec<[u8; 4]>,
}

/// A colour at an opacity, ready to be put over pixels: a drawing puts about a million, so two channels
/// are mixed in each half of one 32-bit multiply (red and blue together, then green), with opacity out of
/// 256 so that the division is a shift. Within one step of the exact mix (tested).
#[derive(Clone, Copy)]
struct Ink {
    /// Red and blue (bits 0-7 and 16-23), times the opacity.
    rb: u32,
    /// Green (bits 8-15), times the opacity.
    g: u32,
    /// How much of what is below shows through, of 256.
    keep: u32,
}

impl Ink {
    fn new(rgb: [u8; 3], alpha: u8) -> Ink {
        let a = u32::from(alpha) + u32::from(alpha >> 7);
        let colour = u32::from_le_bytes([rgb[0], rgb[1], rgb[2], 0]);
        Ink { rb: (colour & 0x00FF_00FF) * a, g: (colour & 0x0000_FF00) * a, keep: 256 - a }
    }

    /// This ink over an opaque pixel.
    #[inline]
    fn over(self, below: [u8; 4]) -> [u8; 4] {
        let below = u32::from_le_bytes(below);
        // Each channel rounded (+128 before the shift); a lane's sum stays under 255 × 256, so none spills.
        let rb = ((self.rb + (below & 0x00FF_00FF) * self.keep + 0x0080_0080) >> 8) & 0x00FF_00FF;
        let g = ((self.g + (below & 0x0000_FF00) * self.keep + 0x0000_8000) >> 8) & 0x0000_FF00;
        (rb | g | 0xFF00_0000).to_le_bytes()
    }
}

impl Pixels {
    /// Puts a colour of opacity `a` (0 to 255) over the pixel at `x, y`, if it is on the screen.
    #[inline]
    fn blend(&mut self, x: i64, y: i64, ink: Ink) {
        if x < 0 || y < 0 || x >= self.width as i64 || y >= self.height as i64 {
            return;
        }
        self.blend_at(y as usize * self.width + x as usize, ink);
    }

    /// [`Pixels::blend`] at a pixel (counted row by row) known to be on the screen.
    #[inline]
    fn blend_at(&mut self, i: usize, ink: Ink) {
        if let Some(px) = self.rgba.get_mut(i) {
            *px = ink.over(*px);
        }
    }

    /// The pixels as bytes, as a canvas's image data takes them.
    pub fn bytes(&self) -> &[u8] {
        self.rgba.as_flattened()
    }
}

/// The colour of a computed CSS colour (`rgb(250, 250, 248)` or `rgba(...)`, as browsers give them), if
/// it is one.
pub fn css_rgb(css: &str) -> Option<[u8; 3]> {
    let inner = css.trim().strip_prefix("rgba(").or_else(|| css.trim().strip_prefix("rgb("))?.strip_suffix(')')?;
    let mut parts = inner.split([',', ' ', '/']).filter(|p| !p.is_empty()).map(|p| p.parse::<f32>().ok());
    let mut channel = || parts.next().flatten().map(|v| v.round().clamp(0.0, 255.0) as u8);
    Some([channel()?, channel()?, channel()?])
}

/// Draws the scene as `camera` sees it at this pixel ratio on the `background` colour: dimmed points, then
/// lit ones, then the open paper, then the lines, each point a disc.
pub fn draw(scene: &Scene, camera: &Camera, ratio: f32, background: [u8; 3], pixels: &mut Pixels) {
    let (w, h) = ((camera.width * ratio).round().max(1.0) as usize, (camera.height * ratio).round().max(1.0) as usize);
    let ground = [background[0], background[1], background[2], 255];
    if (pixels.width, pixels.height) != (w, h) {
        *pixels = Pixels { width: w, height: h, rgba: vec![ground; w * h] };
    } else {
        pixels.rgba.fill(ground);
    }
    let size = point_size(scene.places.len(), camera.zoom) * ratio;
    let screen = |p: [f32; 2]| camera.to_screen(p).map(|v| v * ratio);
    // A place (as stored, 0 to 65535) to a screen pixel: one multiply-add a coordinate.
    let k = camera.scale() * ratio / f32::from(u16::MAX);
    let [bx, by] = screen([0.0, 0.0]);
    for layer in 0..3u8 {
        let diameter = match layer {
            0 => size * 0.7,
            1 => size,
            _ => size * 2.2,
        };
        let r = diameter / 2.0;
        // The disc's pixels, relative to its centre's pixel, as offsets and as steps through the pixels.
        let reach = r.ceil() as i64;
        let disc: Vec<(i64, i64)> = (-reach..=reach)
            .flat_map(|dy| (-reach..=reach).map(move |dx| (dx, dy)))
            .filter(|&(dx, dy)| ((dx * dx + dy * dy) as f32) <= (r * r).max(0.5))
            .collect();
        let offsets: Vec<i64> = disc.iter().map(|&(dx, dy)| dy * w as i64 + dx).collect();
        let (lo_x, lo_y, hi_x, hi_y) = (reach, reach, w as i64 - 1 - reach, h as i64 - 1 - reach);
        for ((&[px, py], &rgb), &lit) in scene.places.iter().zip(&scene.rgb).zip(&scene.lit) {
            if lit.min(2) != layer {
                continue;
            }
            let (cx, cy) = ((f32::from(px) * k + bx).floor() as i64, (f32::from(py) * k + by).floor() as i64);
            if cx < -reach || cy < -reach || cx > w as i64 + reach || cy > h as i64 + reach {
                continue;
            }
            let ink = Ink::new(rgb, alpha(lit));
            if cx >= lo_x && cy >= lo_y && cx <= hi_x && cy <= hi_y {
                // Wholly on the screen: no pixel needs its own check.
                let centre = cy * w as i64 + cx;
                for &o in &offsets {
                    pixels.blend_at((centre + o) as usize, ink);
                }
            } else {
                for &(dx, dy) in &disc {
                    pixels.blend(cx + dx, cy + dy, ink);
                }
            }
        }
    }
    let grey = Ink::new(crate::gl::palette(COLOURS - 1), 230);
    for pair in scene.lines.chunks_exact(2) {
        let ([x0, y0], [x1, y1]) = (screen(pair[0]), screen(pair[1]));
        let steps = (x1 - x0).abs().max((y1 - y0).abs()).ceil().max(1.0) as usize;
        for s in 0..=steps.min(20_000) {
            let t = s as f32 / steps as f32;
            pixels.blend((x0 + (x1 - x0) * t) as i64, (y0 + (y1 - y0) * t) as i64, grey);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_land_where_the_camera_puts_them_lit_over_dimmed() {
        let camera = Camera::new(None, 100.0, 100.0);
        let mut scene = Scene::default();
        // Colours before places, lighting after: either order holds.
        scene.set_colours(vec![[255, 0, 0], [0, 0, 255], [0, 255, 0]]);
        scene.set_places(&[[32768, 32768], [32768, 32768], [0, 0]]);
        scene.set_lit(&[1, 0, 0]);
        let mut pixels = Pixels::default();
        draw(&scene, &camera, 1.0, [0, 0, 0], &mut pixels);
        assert_eq!((pixels.width, pixels.height), (100, 100));
        assert_eq!(pixels.bytes().len(), 100 * 100 * 4);
        let at = |x: usize, y: usize| pixels.rgba[y * 100 + x];
        // The middle: the lit red point drawn over the dimmed blue one.
        let middle = at(50, 50);
        assert!(middle[0] > 200 && middle[2] < 40, "{middle:?}");
        // The corner of the map (0, 0) is at the margin the camera leaves: green, faint (dimmed) on black.
        let [x, y] = camera.to_screen([0.0, 0.0]);
        let corner = at(x as usize, y as usize);
        assert!(corner[0] == 0 && corner[1].abs_diff(56) <= 1 && corner[2] == 0 && corner[3] == 255, "{corner:?}");
        // The background elsewhere.
        assert_eq!(at(95, 5), [0, 0, 0, 255]);
        // A second drawing reuses the buffer and starts from the background.
        draw(&Scene::default(), &camera, 1.0, [250, 251, 252], &mut pixels);
        assert!(pixels.rgba.iter().all(|&p| p == [250, 251, 252, 255]));
    }

    #[test]
    fn computed_colours_are_read() {
        assert_eq!(css_rgb("rgb(250, 250, 248)"), Some([250, 250, 248]));
        assert_eq!(css_rgb("rgba(24, 26, 27, 0.5)"), Some([24, 26, 27]));
        assert_eq!(css_rgb("rgb(1 2 3 / 50%)"), Some([1, 2, 3]));
        assert_eq!(css_rgb("transparent"), None);
        assert_eq!(css_rgb("rgb(1, x, 3)"), None);
    }

    #[test]
    fn ink_mixes_within_one_step_of_the_exact_mix() {
        for a in 0..=255u8 {
            for below in 0..=255u8 {
                for over in [0u8, 1, 77, 128, 200, 254, 255] {
                    let exact = (f64::from(over) * f64::from(a) + f64::from(below) * f64::from(255 - a)) / 255.0;
                    let mixed = Ink::new([over, below, over], a).over([below, over, 255 - below, 9]);
                    let exact_g = (f64::from(below) * f64::from(a) + f64::from(over) * f64::from(255 - a)) / 255.0;
                    assert!((f64::from(mixed[0]) - exact).abs() <= 1.0, "{below} {over} {a}: {mixed:?}");
                    assert!((f64::from(mixed[1]) - exact_g).abs() <= 1.0, "{below} {over} {a}: {mixed:?}");
                    assert_eq!(mixed[3], 255);
                }
            }
            // Fully opaque ink covers; fully clear ink leaves the pixel as it was.
            assert_eq!(Ink::new([1, 2, 3], 255).over([200, 200, 200, 255]), [1, 2, 3, 255]);
            assert_eq!(Ink::new([1, 2, 3], 0).over([200, 100, 50, 255]), [200, 100, 50, 255]);
        }
    }

    #[test]
    fn lines_join_their_ends_and_points_shrink_as_the_corpus_grows() {
        let camera = Camera::new(None, 50.0, 50.0);
        let scene = Scene { lines: vec![[0.1, 0.5], [0.9, 0.5]], ..Scene::default() };
        let mut pixels = Pixels::default();
        draw(&scene, &camera, 2.0, [0, 0, 0], &mut pixels);
        assert_eq!(pixels.width, 100);
        let drawn = (0..100).filter(|x| pixels.rgba[50 * 100 + x] != [0, 0, 0, 255]).count();
        assert!(drawn > 60, "{drawn}");
        assert!(point_size(288, 1.0) > point_size(100_000, 1.0));
        assert!(point_size(100_000, 8.0) > point_size(100_000, 1.0));
    }
}
