//! The random numbers of `ttnn.rand` (and of any golden random op that must match it): a
//! counter-based generator, so element `i` of a tensor drawn with seed `s` is
//! `splitmix64(s, i)` whatever order or thread computes it. The top 53 bits make a uniform
//! value in `[0, 1)`.

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
}
