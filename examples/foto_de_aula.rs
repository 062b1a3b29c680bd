//! Draws the bundled portal's sample photo, `content/acompanamiento/principios/aula.jpg`:
//! a classroom seen from the back (wall, green chalkboard with chalk lines, rows of desks),
//! with soft light and sensor-like grain so it compresses like a photo, not like a chart.
//! Deterministic; kept so the image can be remade rather than trusted as an opaque file.
//!
//! ```text
//! cargo run --example foto_de_aula -- content/acompanamiento/principios/aula.jpg
//! ```

use image::codecs::jpeg::JpegEncoder;
use image::{Rgb, RgbImage};

const WIDTH: u32 = 1600;
const HEIGHT: u32 = 1000;

fn main() {
    let out = std::env::args()
        .nth(1)
        .expect("usage: foto_de_aula OUT.jpg");
    let mut state: u32 = 2024;
    let mut grain = move || {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        ((state >> 24) as i32 - 128) / 24
    };
    let photo = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let [r, g, b] = scene(x, y);
        // Light from a window on the left, fading to the right.
        let light = 1.15 - 0.35 * x as f32 / WIDTH as f32;
        let mut channel = |v: f32| ((v * light) as i32 + grain()).clamp(0, 255) as u8;
        Rgb([channel(r), channel(g), channel(b)])
    });
    let mut bytes = Vec::new();
    photo
        .write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, 72))
        .expect("encode");
    std::fs::write(&out, &bytes).expect("write");
}

/// The colour of the scene at a pixel, before light and grain.
fn scene(x: u32, y: u32) -> [f32; 3] {
    let (fx, fy) = (x as f32 / WIDTH as f32, y as f32 / HEIGHT as f32);
    // Desks: brown rows in perspective in the lower half.
    if fy > 0.62 {
        let row = ((fy - 0.62) * 14.0).floor() as u32;
        let in_desk =
            ((fy - 0.62) * 14.0).fract() < 0.55 && (fx * (6.0 + row as f32)).fract() < 0.8;
        return if in_desk {
            [150.0, 100.0, 60.0]
        } else {
            [185.0, 175.0, 160.0]
        };
    }
    // The chalkboard, with a frame and a few lines of chalk "writing".
    let board = (0.18..0.82).contains(&fx) && (0.12..0.5).contains(&fy);
    let frame = (0.17..0.83).contains(&fx) && (0.11..0.51).contains(&fy);
    if board {
        let line = ((fy - 0.12) * 40.0).fract() < 0.12 && ((fy - 0.12) * 40.0) as u32 % 3 == 1;
        let word = ((fx * 37.0).sin() * (fy * 91.0).cos()) > -0.2;
        return if line && word && fx < 0.7 {
            [225.0, 230.0, 220.0]
        } else {
            [40.0, 85.0, 60.0]
        };
    }
    if frame {
        return [120.0, 85.0, 50.0];
    }
    // A cream wall, a little darker near the ceiling.
    [
        230.0 - 30.0 * (1.0 - fy),
        220.0 - 25.0 * (1.0 - fy),
        190.0 - 20.0 * (1.0 - fy),
    ]
}
