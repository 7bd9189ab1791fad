//! Drawing the map with WebGL: every paper is a point whose place, colour and lighting live in buffers on
//! the graphics card, so panning or zooming changes two numbers (the camera) and a keystroke that lights
//! other papers sends one byte per paper. Chosen over drawing with the 2D canvas's calls (100,000 of them a
//! frame on the page's thread) and over SVG (100,000 nodes for the browser to lay out). WebGL 1, which every
//! browser of the last decade has. Where WebGL is a software renderer (no graphics card), which is slower
//! than the page's own pixels, the map is drawn by `raster.rs` into a 2D canvas instead (`painter.rs` chooses).

use paperscope_map::{Camera, COLOURS};
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, WebGlBuffer, WebGlProgram, WebGlRenderingContext as Gl, WebGlUniformLocation};

const VERTEX: &str = r#"
attribute vec2 a_place;
attribute vec3 a_colour;
attribute float a_lit;
uniform vec2 u_centre;
uniform vec2 u_scale;
uniform float u_size;
varying vec4 v_colour;
void main() {
    vec2 p = (a_place - u_centre) * u_scale;
    // Lit papers in front of the rest; the open paper (2) in front of all.
    gl_Position = vec4(p.x, -p.y, a_lit > 1.5 ? 0.0 : (a_lit > 0.5 ? 0.25 : 0.5), 1.0);
    gl_PointSize = a_lit > 1.5 ? u_size * 2.2 : (a_lit > 0.5 ? u_size : u_size * 0.7);
    float a = a_lit > 0.5 ? 0.9 : 0.22;
    v_colour = vec4(a_colour * a, a);
}
"#;

const FRAGMENT: &str = r#"
precision mediump float;
varying vec4 v_colour;
uniform float u_round;
void main() {
    // Round points by their coverage, not by discarding fragments (which software renderers pay for).
    float edge = u_round > 0.5 ? 1.0 - smoothstep(0.42, 0.5, length(gl_PointCoord - vec2(0.5))) : 1.0;
    gl_FragColor = v_colour * edge;
}
"#;

/// The colours of [`COLOURS`]: eleven that differ for most eyes and on light and dark pages, then grey.
pub const PALETTE: [[u8; 3]; COLOURS] = [
    [31, 119, 180],
    [255, 127, 14],
    [44, 160, 44],
    [214, 39, 40],
    [148, 103, 189],
    [140, 86, 75],
    [227, 119, 194],
    [188, 189, 34],
    [23, 190, 207],
    [174, 199, 232],
    [255, 187, 120],
    [152, 223, 138],
    [127, 127, 127],
];

/// Colour `i` of the palette (past its end, the last: grey).
pub fn palette(i: usize) -> [u8; 3] {
    PALETTE[i.min(COLOURS - 1)]
}

/// A colour of the palette as CSS writes it.
pub fn css_colour(i: usize) -> String {
    let [r, g, b] = palette(i);
    format!("rgb({r},{g},{b})")
}

pub struct GlPainter {
    gl: Gl,
    canvas: HtmlCanvasElement,
    program: WebGlProgram,
    places: WebGlBuffer,
    colours: WebGlBuffer,
    lit: WebGlBuffer,
    lines: WebGlBuffer,
    points: i32,
    line_points: i32,
    centre: Option<WebGlUniformLocation>,
    scale: Option<WebGlUniformLocation>,
    size: Option<WebGlUniformLocation>,
    round: Option<WebGlUniformLocation>,
}

fn compile(gl: &Gl, kind: u32, source: &str) -> Result<web_sys::WebGlShader, String> {
    let shader = gl.create_shader(kind).ok_or("no shader")?;
    gl.shader_source(&shader, source);
    gl.compile_shader(&shader);
    if gl.get_shader_parameter(&shader, Gl::COMPILE_STATUS).as_bool() == Some(true) {
        Ok(shader)
    } else {
        Err(gl.get_shader_info_log(&shader).unwrap_or_else(|| "the shader did not compile".into()))
    }
}

impl GlPainter {
    /// A WebGL painter on `canvas`, or why this browser cannot draw with it.
    pub(crate) fn new(canvas: &HtmlCanvasElement) -> Result<GlPainter, String> {
        let no_webgl = "this browser has no WebGL (or it is turned off)".to_string();
        let gl: Gl =
            canvas.get_context("webgl").ok().flatten().ok_or(no_webgl.clone())?.dyn_into().map_err(|_| no_webgl)?;
        let program = gl.create_program().ok_or("no program")?;
        gl.attach_shader(&program, &compile(&gl, Gl::VERTEX_SHADER, VERTEX)?);
        gl.attach_shader(&program, &compile(&gl, Gl::FRAGMENT_SHADER, FRAGMENT)?);
        gl.link_program(&program);
        if gl.get_program_parameter(&program, Gl::LINK_STATUS).as_bool() != Some(true) {
            return Err(gl.get_program_info_log(&program).unwrap_or_else(|| "the drawing did not link".into()));
        }
        gl.use_program(Some(&program));
        let buffer = || gl.create_buffer().ok_or("no buffer".to_string());
        let painter = GlPainter {
            places: buffer()?,
            colours: buffer()?,
            lit: buffer()?,
            lines: buffer()?,
            points: 0,
            line_points: 0,
            centre: gl.get_uniform_location(&program, "u_centre"),
            scale: gl.get_uniform_location(&program, "u_scale"),
            size: gl.get_uniform_location(&program, "u_size"),
            round: gl.get_uniform_location(&program, "u_round"),
            program,
            canvas: canvas.clone(),
            gl,
        };
        painter.gl.enable(Gl::DEPTH_TEST);
        painter.gl.depth_func(Gl::LEQUAL);
        painter.gl.enable(Gl::BLEND);
        painter.gl.blend_func(Gl::ONE, Gl::ONE_MINUS_SRC_ALPHA);
        Ok(painter)
    }

    fn fill(&self, buffer: &WebGlBuffer, data: &js_sys::Object) {
        self.gl.bind_buffer(Gl::ARRAY_BUFFER, Some(buffer));
        self.gl.buffer_data_with_opt_array_buffer(Gl::ARRAY_BUFFER, Some(data.unchecked_ref()), Gl::DYNAMIC_DRAW);
    }

    /// Every paper's place (as the map file keeps it).
    pub(crate) fn set_places(&mut self, places: &[[u16; 2]]) {
        let flat: Vec<u16> = places.iter().flatten().copied().collect();
        self.fill(&self.places, &js_sys::Uint16Array::from(flat.as_slice()).buffer());
        self.points = places.len() as i32;
    }

    /// Every paper's colour, sent as its red, green and blue (a vertex shader that looks colours up in a
    /// table costs software renderers far more per point).
    pub(crate) fn set_colours(&self, rgb: &[[u8; 3]]) {
        let flat: Vec<u8> = rgb.iter().flatten().copied().collect();
        self.fill(&self.colours, &js_sys::Uint8Array::from(flat.as_slice()).buffer());
    }

    /// Every paper's lighting: 0 dimmed, 1 lit, 2 the open paper.
    pub(crate) fn set_lit(&self, lit: &[u8]) {
        self.fill(&self.lit, &js_sys::Uint8Array::from(lit).buffer());
    }

    /// Line segments (pairs of map places) drawn over the points.
    pub(crate) fn set_lines(&mut self, ends: &[[f32; 2]]) {
        let flat: Vec<f32> = ends.iter().flatten().copied().collect();
        self.fill(&self.lines, &js_sys::Float32Array::from(flat.as_slice()).buffer());
        self.line_points = ends.len() as i32;
    }

    fn attribute(
        &self,
        name: &str,
        buffer: Option<&WebGlBuffer>,
        size: i32,
        kind: u32,
        normalized: bool,
        constant: [f32; 3],
    ) {
        let Ok(at) = u32::try_from(self.gl.get_attrib_location(&self.program, name)) else { return };
        match buffer {
            Some(buffer) => {
                self.gl.bind_buffer(Gl::ARRAY_BUFFER, Some(buffer));
                self.gl.enable_vertex_attrib_array(at);
                self.gl.vertex_attrib_pointer_with_i32(at, size, kind, normalized, 0, 0);
            }
            None => {
                self.gl.disable_vertex_attrib_array(at);
                self.gl.vertex_attrib3f(at, constant[0], constant[1], constant[2]);
            }
        }
    }

    /// Draws the map as `camera` sees it, at the screen's pixel ratio.
    pub(crate) fn draw(&self, camera: &Camera, pixel_ratio: f32) {
        let (w, h) = ((camera.width * pixel_ratio).round() as u32, (camera.height * pixel_ratio).round() as u32);
        if self.canvas.width() != w || self.canvas.height() != h {
            self.canvas.set_width(w);
            self.canvas.set_height(h);
        }
        let gl = &self.gl;
        gl.viewport(0, 0, w as i32, h as i32);
        gl.clear_color(0.0, 0.0, 0.0, 0.0);
        gl.clear(Gl::COLOR_BUFFER_BIT | Gl::DEPTH_BUFFER_BIT);
        let s = camera.scale();
        gl.uniform2f(self.centre.as_ref(), camera.centre[0], camera.centre[1]);
        gl.uniform2f(self.scale.as_ref(), 2.0 * s / camera.width, 2.0 * s / camera.height);
        let size = crate::raster::point_size(self.points as usize, camera.zoom) * pixel_ratio;
        gl.uniform1f(self.size.as_ref(), size);
        gl.uniform1f(self.round.as_ref(), 1.0);
        self.attribute("a_place", Some(&self.places), 2, Gl::UNSIGNED_SHORT, true, [0.0; 3]);
        self.attribute("a_colour", Some(&self.colours), 3, Gl::UNSIGNED_BYTE, true, [0.0; 3]);
        self.attribute("a_lit", Some(&self.lit), 1, Gl::UNSIGNED_BYTE, false, [0.0; 3]);
        gl.draw_arrays(Gl::POINTS, 0, self.points);
        if self.line_points > 0 {
            gl.uniform1f(self.round.as_ref(), 0.0);
            let grey = palette(COLOURS - 1).map(|c| f32::from(c) / 255.0);
            self.attribute("a_place", Some(&self.lines), 2, Gl::FLOAT, false, [0.0; 3]);
            self.attribute("a_colour", None, 3, Gl::FLOAT, false, grey);
            self.attribute("a_lit", None, 1, Gl::FLOAT, false, [2.0, 0.0, 0.0]);
            gl.draw_arrays(Gl::LINES, 0, self.line_points);
        }
    }
}
