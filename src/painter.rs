//! Which drawing the map gets: WebGL (`gl.rs`) on a graphics card, else the page's own pixels (`raster.rs`)
//! put on a 2D canvas, where WebGL would be a software renderer and slower than that.

use paperscope_map::Camera;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, WebGlRenderingContext as Gl};

use crate::gl::{palette, GlPainter};

/// The map drawn by the page into a 2D canvas (see `raster.rs`).
pub struct CanvasPainter {
    canvas: HtmlCanvasElement,
    context: web_sys::CanvasRenderingContext2d,
    scene: crate::raster::Scene,
    pixels: crate::raster::Pixels,
}

impl CanvasPainter {
    fn new(canvas: &HtmlCanvasElement) -> Result<CanvasPainter, String> {
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into().ok())
            .ok_or("this browser can draw neither with WebGL nor on a 2D canvas")?;
        Ok(CanvasPainter {
            canvas: canvas.clone(),
            context,
            scene: crate::raster::Scene::default(),
            pixels: crate::raster::Pixels { width: 0, height: 0, rgba: Vec::new() },
        })
    }

    fn draw(&mut self, camera: &Camera, ratio: f32) {
        crate::raster::draw(&self.scene, camera, ratio, self.background(), &mut self.pixels);
        let (w, h) = (self.pixels.width as u32, self.pixels.height as u32);
        if self.canvas.width() != w || self.canvas.height() != h {
            self.canvas.set_width(w);
            self.canvas.set_height(h);
        }
        let data = wasm_bindgen::Clamped(self.pixels.bytes());
        if let Ok(image) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(data, w, h) {
            let _ = self.context.put_image_data(&image, 0.0, 0.0);
        }
    }

    /// The colour the map sits on (its container's, which follows the light or dark theme): the drawing is
    /// opaque, so mixing a point over what is below needs no division.
    fn background(&self) -> [u8; 3] {
        let css = self
            .canvas
            .parent_element()
            .and_then(|parent| web_sys::window()?.get_computed_style(&parent).ok().flatten())
            .and_then(|style| style.get_property_value("background-color").ok())
            .unwrap_or_default();
        crate::raster::css_rgb(&css).unwrap_or([255, 255, 255])
    }
}

/// Whether this browser's WebGL is a software renderer (SwiftShader, llvmpipe): asked on a canvas of its own,
/// since a canvas that has given a WebGL context cannot give a 2D one.
fn software_webgl() -> bool {
    let Some(probe) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
    else {
        return false;
    };
    let Some(gl) = probe.get_context("webgl").ok().flatten().and_then(|c| c.dyn_into::<Gl>().ok()) else {
        return true;
    };
    const UNMASKED_RENDERER: u32 = 0x9246;
    let renderer = gl
        .get_extension("WEBGL_debug_renderer_info")
        .ok()
        .flatten()
        .and_then(|_| gl.get_parameter(UNMASKED_RENDERER).ok())
        .and_then(|r| r.as_string())
        .unwrap_or_default()
        .to_lowercase();
    ["swiftshader", "llvmpipe", "software"].iter().any(|s| renderer.contains(s))
}

/// The map's drawing: WebGL on a graphics card, else the page's own pixels on a 2D canvas.
pub enum Painter {
    Gl(GlPainter),
    Canvas(CanvasPainter),
}

impl Painter {
    /// A painter on `canvas`, or why the map cannot be drawn here.
    pub fn new(canvas: &HtmlCanvasElement) -> Result<Painter, String> {
        if !software_webgl() {
            if let Ok(gl) = GlPainter::new(canvas) {
                return Ok(Painter::Gl(gl));
            }
        }
        CanvasPainter::new(canvas).map(Painter::Canvas)
    }

    /// `webgl` or `canvas`: which drawing this browser got.
    pub fn kind(&self) -> &'static str {
        match self {
            Painter::Gl(_) => "webgl",
            Painter::Canvas(_) => "canvas",
        }
    }

    /// Every paper's place (as the map file keeps it).
    pub fn set_places(&mut self, places: &[[u16; 2]]) {
        match self {
            Painter::Gl(p) => p.set_places(places),
            Painter::Canvas(p) => p.scene.set_places(places),
        }
    }

    /// Every paper's colour (an index into [`crate::gl::PALETTE`]).
    pub fn set_colours(&mut self, colours: &[u8]) {
        let rgb: Vec<[u8; 3]> = colours.iter().map(|&c| palette(usize::from(c))).collect();
        match self {
            Painter::Gl(p) => p.set_colours(&rgb),
            Painter::Canvas(p) => p.scene.set_colours(rgb),
        }
    }

    /// Every paper's lighting: 0 dimmed, 1 lit, 2 the open paper.
    pub fn set_lit(&mut self, lit: &[u8]) {
        match self {
            Painter::Gl(p) => p.set_lit(lit),
            Painter::Canvas(p) => p.scene.set_lit(lit),
        }
    }

    /// Line segments (pairs of map places) drawn over the points.
    pub fn set_lines(&mut self, ends: &[[f32; 2]]) {
        match self {
            Painter::Gl(p) => p.set_lines(ends),
            Painter::Canvas(p) => p.scene.lines = ends.to_vec(),
        }
    }

    /// Draws the map as `camera` sees it, at the screen's pixel ratio.
    pub fn draw(&mut self, camera: &Camera, pixel_ratio: f32) {
        match self {
            Painter::Gl(p) => p.draw(camera, pixel_ratio),
            Painter::Canvas(p) => p.draw(camera, pixel_ratio),
        }
    }
}
