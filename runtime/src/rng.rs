//! The device's random numbers (`ttnn.rand`, and the golden random ops that must match them):
//! the counter-based generator and node seeds of [`ttc_device::rng`].

pub use ttc_device::rng::*;
