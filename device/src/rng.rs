//! The random numbers of `ttnn.rand` (and of any golden random op that must match it), a device
//! contract shared by the compiler (which seeds each `ttnn.rand`) and the runtime (which draws
//! the numbers for both the device and the golden reference): a counter-based generator, so
//! element `i` of a tensor drawn with seed `s` is `splitmix64(s, i)` whatever order or thread
//! computes it. The top 53 bits make a uniform value in `[0, 1)`.

/// The streams of the traced random ops: both the compiler (which gives each `ttnn.rand` a
/// seed) and the golden reference (which draws the same numbers in f32) take the seed of a
/// node's stream from [`node_seed`], so a compiled random op and its golden agree element for
/// element up to the device's rounding.
pub mod stream {
    /// `rand`, `rand_like`: the uniform values.
    pub const UNIFORM: u64 = 0;
    /// `randn`, `randn_like`: Box-Muller's radius draw, uniform in `[NORMAL_LOW, 1)`.
    pub const NORMAL_RADIUS: u64 = 1;
    /// `randn`, `randn_like`: Box-Muller's angle draw, uniform in `[0, 1)`.
    pub const NORMAL_ANGLE: u64 = 2;
    /// `dropout`, `native_dropout`: an element is kept when its uniform value is `>= p`.
    pub const DROPOUT: u64 = 3;
    /// The low end of the radius draw (avoids `log(0)`).
    pub const NORMAL_LOW: f64 = 1e-7;
}

/// The seed of stream `stream` of the traced node `node` (its FX name, `native_dropout_1`):
/// FNV-1a over the name's bytes and the stream number, as a non-negative `i64` (the type of the
/// `seed` attribute).
pub fn node_seed(node: &str, stream: u64) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for byte in node.bytes().chain(stream.to_le_bytes()) {
        h = (h ^ byte as u64).wrapping_mul(0x100000001b3);
    }
    (h >> 1) as i64
}

/// SplitMix64's finaliser (Steele, Lea, Flood 2014).
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}

/// Element `index` of the uniform stream `seed`, in `[0, 1)`.
pub fn uniform(seed: u64, index: u64) -> f64 {
    let z =
        mix(seed.wrapping_mul(0x9e3779b97f4a7c15) ^ mix(index.wrapping_add(0x632be59bd9b4e019)));
    (z >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::uniform;

    #[test]
    fn stream_is_deterministic_uniform_and_seeded() {
        let a: Vec<f64> = (0..10_000).map(|i| uniform(7, i)).collect();
        let b: Vec<f64> = (0..10_000).map(|i| uniform(7, i)).collect();
        assert_eq!(a, b);
        assert!(a.iter().all(|&x| (0.0..1.0).contains(&x)));
        let mean = a.iter().sum::<f64>() / a.len() as f64;
        assert!((mean - 0.5).abs() < 0.01, "mean {mean}");
        assert_ne!(uniform(7, 0), uniform(8, 0));
    }

    #[test]
    fn node_seeds_differ_by_node_and_stream_and_are_non_negative() {
        use super::node_seed;
        let seeds = [
            node_seed("native_dropout", 3),
            node_seed("native_dropout_1", 3),
            node_seed("native_dropout", 0),
            node_seed("", 0),
        ];
        for (i, a) in seeds.iter().enumerate() {
            assert!(*a >= 0);
            for b in &seeds[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(node_seed("randn", 1), node_seed("randn", 1));
    }
}
