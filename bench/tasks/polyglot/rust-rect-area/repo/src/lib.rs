#[derive(Debug, Clone, Copy)]
pub struct Rect {
    pub width: u32,
    pub height: u32,
}

impl Rect {
    pub fn square(size: u32) -> Rect {
        Rect { width: size, height: size }
    }
}
