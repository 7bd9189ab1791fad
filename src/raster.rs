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
#[derive(Debug, Default)]
pub struct Scene {
    pub places: Vec<[u16; 2]>,
    pub rgb: Vec<[u8; 3]>,
    pub lit: Vec<u8>,
    /// Segments: pairs of map places.
    pub lines: Vec<[f32; 2]>,
}

/// RGBA pixels (not premultiplied, as a canvas's image data is), row by row from the top.
pub struct Pixels {
    pub width: usize,
    pub height: usize,
    pub rgba: Vec<u8>,
}

impl Pixels {
    /// Puts a colour of opacity `a` (0 to 255) over the pixel at `x, y`, if it is on the screen.
    #[inline]
    fn blend(&mut self, x: i64, y: i64, rgb: [u8; 3], a: u8) {
        if x < 0 || y < 0 || x >= self.width as i64 || y >= self.height as i64 {
            return;
        }
        self.blend_at((y as usize * self.width + x as usize) * 4, rgb, a);
    }

    /// [`Pixels::blend`] at a byte offset known to be on the screen.
    #[inline]
    fn blend_at(&mut self, i: usize, rgb: [u8; 3], a: u8) {
        let Some(px) = self.rgba.get_mut(i..i + 4) else { return };
        if px[3] == 0 {
            // Most pixels: nothing under them yet.
            px[..3].copy_from_slice(&rgb);
            px[3] = a;
            return;
        }
        // "Over": the new colour on what is there, in straight alpha, in integers (of 255).
        let (a, below) = (u32::from(a), u32::from(px[3]) * (255 - u32::from(a)) / 255);
        let out = (a + below).max(1);
        for c in 0..3 {
            px[c] = ((u32::from(rgb[c]) * a + u32::from(px[c]) * below) / out) as u8;
        }
        px[3] = out.min(255) as u8;
    }
}

/// Draws the scene as `camera` sees it at this pixel ratio: dimmed points, then lit ones, then the open
/// paper, then the lines, each point a disc.
pub fn draw(scene: &Scene, camera: &Camera, ratio: f32, pixels: &mut Pixels) {
    let (w, h) = ((camera.width * ratio).round().max(1.0) as usize, (camera.height * ratio).round().max(1.0) as usize);
    if (pixels.width, pixels.height) != (w, h) {
        *pixels = Pixels { width: w, height: h, rgba: vec![0; w * h * 4] };
    } else {
        pixels.rgba.fill(0);
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
        // The disc's pixels, relative to its centre's pixel, as offsets and as byte offsets.
        let reach = r.ceil() as i64;
        let disc: Vec<(i64, i64)> = (-reach..=reach)
            .flat_map(|dy| (-reach..=reach).map(move |dx| (dx, dy)))
            .filter(|&(dx, dy)| ((dx * dx + dy * dy) as f32) <= (r * r).max(0.5))
            .collect();
        let offsets: Vec<i64> = disc.iter().map(|&(dx, dy)| (dy * w as i64 + dx) * 4).collect();
        let (lo_x, lo_y, hi_x, hi_y) = (reach, reach, w as i64 - 1 - reach, h as i64 - 1 - reach);
        for (i, &[px, py]) in scene.places.iter().enumerate() {
            let lit = scene.lit.get(i).copied().unwrap_or(0);
            if lit.min(2) != layer {
                continue;
            }
            let (cx, cy) = ((f32::from(px) * k + bx).floor() as i64, (f32::from(py) * k + by).floor() as i64);
            if cx < -reach || cy < -reach || cx > w as i64 + reach || cy > h as i64 + reach {
                continue;
            }
            let rgb = scene.rgb.get(i).copied().unwrap_or([127; 3]);
            if cx >= lo_x && cy >= lo_y && cx <= hi_x && cy <= hi_y {
                // Wholly on the screen: no pixel needs its own check.
                let centre = (cy * w as i64 + cx) * 4;
                for &o in &offsets {
                    pixels.blend_at((centre + o) as usize, rgb, alpha(lit));
                }
            } else {
                for &(dx, dy) in &disc {
                    pixels.blend(cx + dx, cy + dy, rgb, alpha(lit));
                }
            }
        }
    }
    let grey = crate::gl::palette(COLOURS - 1);
    for pair in scene.lines.chunks_exact(2) {
        let ([x0, y0], [x1, y1]) = (screen(pair[0]), screen(pair[1]));
        let steps = (x1 - x0).abs().max((y1 - y0).abs()).ceil().max(1.0) as usize;
        for s in 0..=steps.min(20_000) {
            let t = s as f32 / steps as f32;
            pixels.blend((x0 + (x1 - x0) * t) as i64, (y0 + (y1 - y0) * t) as i64, grey, 230);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_land_where_the_camera_puts_them_lit_over_dimmed() {
        let camera = Camera::new(None, 100.0, 100.0);
        let scene = Scene {
            places: vec![[32768, 32768], [32768, 32768], [0, 0]],
            rgb: vec![[255, 0, 0], [0, 0, 255], [0, 255, 0]],
            lit: vec![1, 0, 0],
            lines: Vec::new(),
        };
        let mut pixels = Pixels { width: 0, height: 0, rgba: Vec::new() };
        draw(&scene, &camera, 1.0, &mut pixels);
        assert_eq!((pixels.width, pixels.height), (100, 100));
        let at = |x: usize, y: usize| pixels.rgba[(y * 100 + x) * 4..(y * 100 + x) * 4 + 4].to_vec();
        // The middle: the lit red point drawn over the dimmed blue one.
        let middle = at(50, 50);
        assert!(middle[0] > 200 && middle[2] < 40 && middle[3] > 200, "{middle:?}");
        // The corner of the map (0, 0) is at the margin the camera leaves: green, faint (dimmed).
        let [x, y] = camera.to_screen([0.0, 0.0]);
        let corner = at(x as usize, y as usize);
        assert_eq!(corner, [0, 255, 0, 56]);
        // Nothing elsewhere.
        assert_eq!(at(95, 5), [0, 0, 0, 0]);
        // A second drawing reuses and clears the buffer.
        draw(&Scene::default(), &camera, 1.0, &mut pixels);
        assert!(pixels.rgba.iter().all(|&b| b == 0));
    }

    #[test]
    fn lines_join_their_ends_and_points_shrink_as_the_corpus_grows() {
        let camera = Camera::new(None, 50.0, 50.0);
        let scene = Scene { lines: vec![[0.1, 0.5], [0.9, 0.5]], ..Scene::default() };
        let mut pixels = Pixels { width: 0, height: 0, rgba: Vec::new() };
        draw(&scene, &camera, 2.0, &mut pixels);
        assert_eq!(pixels.width, 100);
        let row = 50 * 100 * 4;
        let drawn = (0..100).filter(|x| pixels.rgba[row + x * 4 + 3] > 0).count();
        assert!(drawn > 60, "{drawn}");
        assert!(point_size(288, 1.0) > point_size(100_000, 1.0));
        assert!(point_size(100_000, 8.0) > point_size(100_000, 1.0));
    }
}
