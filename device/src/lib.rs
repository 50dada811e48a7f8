//! Wormhole device descriptors: the hardware as data.
//!
//! A descriptor is a TOML file (`descriptors/n150.toml`, `descriptors/n300.toml`) holding the
//! numbers the compiler and the runtime need: compute grid, clock, L1 and DRAM sizes, tile
//! sizes by data type, matrix-engine cycles by math fidelity, PCIe, dispatch and Ethernet
//! costs. Every value in the bundled files names its source. No pass or kernel hard-codes a
//! hardware constant; they read a [`DeviceDescriptor`].
//!
//! The two bundled cards are available by name ([`DeviceDescriptor::builtin`]); a file given
//! by the user is read with [`DeviceDescriptor::load`], which rejects unknown keys, missing
//! keys and implausible values with the file's line and column.
//!
//! [`rng`] is the device's random-number contract: the counter-based generator of `ttnn.rand`
//! and the seeds of traced random ops, shared by the compiler and the runtime.

pub mod rng;

use std::path::Path;

use serde::Deserialize;

/// Names of the bundled descriptors.
pub const BUILTIN_NAMES: &[&str] = &["n150", "n300"];

/// The descriptor used when none is given.
pub const DEFAULT_NAME: &str = "n150";

const N150: &str = include_str!("../descriptors/n150.toml");
const N300: &str = include_str!("../descriptors/n300.toml");

/// A Wormhole card.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DeviceDescriptor {
    /// Card name (`n150`).
    pub name: String,
    /// Chip architecture (`wormhole_b0`).
    pub arch: String,
    /// Chips on the card.
    pub chips: u32,
    /// One chip.
    pub chip: Chip,
    /// Tile geometry and bytes per tile.
    pub tiles: Tiles,
    /// Compute costs.
    pub compute: Compute,
    /// The host link.
    pub pcie: Pcie,
    /// Host-side cost of launching a program.
    pub dispatch: Dispatch,
    /// Chip-to-chip links (cards with more than one chip).
    #[serde(default)]
    pub ethernet: Option<Ethernet>,
}

/// One chip.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Chip {
    /// Worker cores tt-metal schedules on, `[rows, columns]`.
    pub compute_grid: [u32; 2],
    /// AI clock.
    pub clock_hz: f64,
    /// L1 SRAM per worker core.
    pub l1_bytes: u64,
    /// DRAM banks.
    pub dram_banks: u32,
    /// Bytes per DRAM bank.
    pub dram_bank_bytes: u64,
    /// Peak DRAM bandwidth of the chip.
    pub dram_peak_bytes_per_s: f64,
    /// Fraction of the peak that well-written kernels reach.
    pub dram_achieved_fraction: f64,
    /// NoC bytes per cycle per link.
    pub noc_bytes_per_cycle: u32,
    /// Destination-register capacity in bf16 tiles.
    pub dst_tiles_bf16: u32,
    /// Destination-register capacity in f32 tiles.
    pub dst_tiles_f32: u32,
}

/// Tile geometry and storage.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Tiles {
    /// Rows of a tile.
    pub height: u32,
    /// Columns of a tile.
    pub width: u32,
    /// Rows (and columns) of a face.
    pub face: u32,
    /// Bytes of one bf16 tile.
    pub bytes_bf16: u32,
    /// Bytes of one f32 tile.
    pub bytes_f32: u32,
    /// Bytes of one bfp8_b tile (shared exponents included).
    pub bytes_bfp8_b: u32,
    /// Bytes of one bfp4_b tile (shared exponents included).
    pub bytes_bfp4_b: u32,
    /// Bytes of one u32 tile.
    pub bytes_u32: u32,
    /// Bytes of one si32 tile.
    pub bytes_si32: u32,
    /// Bytes of one u16 tile.
    pub bytes_u16: u32,
    /// Bytes of one u8 tile.
    pub bytes_u8: u32,
}

/// Compute costs per core.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Compute {
    /// Cycles of one 32x32x32 tile matmul at LoFi.
    pub matmul_cycles_lofi: u32,
    /// ... at HiFi2.
    pub matmul_cycles_hifi2: u32,
    /// ... at HiFi3.
    pub matmul_cycles_hifi3: u32,
    /// ... at HiFi4.
    pub matmul_cycles_hifi4: u32,
    /// Cycles of one FPU elementwise op over a tile.
    pub eltwise_cycles_per_tile: u32,
    /// Cycles of one SFPU instruction over a tile.
    pub sfpu_cycles_per_instruction_tile: u32,
}

/// The PCIe link to the host.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Pcie {
    /// Host to device DMA bandwidth.
    pub host_to_device_bytes_per_s: f64,
    /// Device to host DMA bandwidth.
    pub device_to_host_bytes_per_s: f64,
    /// Latency floor of a host to device transfer.
    pub host_to_device_latency_ns: u64,
    /// Latency floor of a device to host transfer.
    pub device_to_host_latency_ns: u64,
}

/// Host-side cost of launching one op's program.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dispatch {
    /// With a captured trace.
    pub traced_ns: u64,
    /// Without a trace.
    pub untraced_ns: u64,
}

/// Chip-to-chip Ethernet.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Ethernet {
    /// Bandwidth per link and direction.
    pub bytes_per_s: f64,
    /// One-way latency.
    pub latency_ns: u64,
}

/// Why a descriptor could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DescriptorError {
    /// The file could not be read.
    #[error("cannot read device descriptor {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The TOML does not parse or does not have the expected keys.
    #[error("{path}:{line}:{column}: error: {message}")]
    Syntax {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A value is out of its plausible range.
    #[error("{path}: error: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// No bundled descriptor has this name.
    #[error("unknown device '{0}' (bundled devices: n150, n300; or give a descriptor file)")]
    UnknownName(String),
}

impl DeviceDescriptor {
    /// A bundled descriptor by name (`n150`, `n300`).
    pub fn builtin(name: &str) -> Result<Self, DescriptorError> {
        let text = match name {
            "n150" => N150,
            "n300" => N300,
            other => return Err(DescriptorError::UnknownName(other.to_owned())),
        };
        Self::parse(text, &format!("<bundled {name}>"))
    }

    /// The default device (n150).
    pub fn default_device() -> Self {
        Self::builtin(DEFAULT_NAME).expect("the bundled descriptors are valid")
    }

    /// A bundled name or a path to a descriptor file.
    pub fn resolve(name_or_path: &str) -> Result<Self, DescriptorError> {
        if BUILTIN_NAMES.contains(&name_or_path) {
            Self::builtin(name_or_path)
        } else if name_or_path.ends_with(".toml") || Path::new(name_or_path).exists() {
            Self::load(Path::new(name_or_path))
        } else {
            Err(DescriptorError::UnknownName(name_or_path.to_owned()))
        }
    }

    /// Reads a descriptor file.
    pub fn load(path: &Path) -> Result<Self, DescriptorError> {
        let text = std::fs::read_to_string(path).map_err(|source| DescriptorError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Parses descriptor text; `path` names it in errors.
    pub fn parse(text: &str, path: &str) -> Result<Self, DescriptorError> {
        let descriptor: DeviceDescriptor = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            DescriptorError::Syntax {
                path: path.to_owned(),
                line,
                column,
                message: e.message().trim().to_owned(),
            }
        })?;
        descriptor
            .validate()
            .map_err(|message| DescriptorError::Invalid {
                path: path.to_owned(),
                message,
            })?;
        Ok(descriptor)
    }

    fn validate(&self) -> Result<(), String> {
        let c = &self.chip;
        let positive = [
            ("chips", self.chips as f64),
            ("chip.compute_grid[0]", c.compute_grid[0] as f64),
            ("chip.compute_grid[1]", c.compute_grid[1] as f64),
            ("chip.clock_hz", c.clock_hz),
            ("chip.l1_bytes", c.l1_bytes as f64),
            ("chip.dram_banks", c.dram_banks as f64),
            ("chip.dram_bank_bytes", c.dram_bank_bytes as f64),
            ("chip.dram_peak_bytes_per_s", c.dram_peak_bytes_per_s),
            ("chip.noc_bytes_per_cycle", c.noc_bytes_per_cycle as f64),
            ("tiles.height", self.tiles.height as f64),
            ("tiles.width", self.tiles.width as f64),
            (
                "pcie.host_to_device_bytes_per_s",
                self.pcie.host_to_device_bytes_per_s,
            ),
            (
                "pcie.device_to_host_bytes_per_s",
                self.pcie.device_to_host_bytes_per_s,
            ),
        ];
        for (key, value) in positive {
            if !(value.is_finite() && value > 0.0) {
                return Err(format!("{key} must be positive, got {value}"));
            }
        }
        if !(c.dram_achieved_fraction > 0.0 && c.dram_achieved_fraction <= 1.0) {
            return Err(format!(
                "chip.dram_achieved_fraction must be in (0, 1], got {}",
                c.dram_achieved_fraction
            ));
        }
        let t = &self.tiles;
        if t.face == 0 || !t.height.is_multiple_of(t.face) || !t.width.is_multiple_of(t.face) {
            return Err(format!(
                "tiles.face {} must divide the tile's {}x{}",
                t.face, t.height, t.width
            ));
        }
        if self.chips > 1 && self.ethernet.is_none() {
            return Err(format!(
                "a card with {} chips needs an [ethernet] section",
                self.chips
            ));
        }
        Ok(())
    }

    /// The compute grid as `[rows, columns]`.
    pub fn grid(&self) -> [i64; 2] {
        [
            self.chip.compute_grid[0] as i64,
            self.chip.compute_grid[1] as i64,
        ]
    }

    /// Worker cores per chip.
    pub fn cores(&self) -> u32 {
        self.chip.compute_grid[0] * self.chip.compute_grid[1]
    }

    /// Tile height and width.
    pub fn tile_shape(&self) -> [i64; 2] {
        [self.tiles.height as i64, self.tiles.width as i64]
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map(|i| i + 1).unwrap_or(0) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_descriptors_parse() {
        let n150 = DeviceDescriptor::builtin("n150").unwrap();
        assert_eq!(n150.grid(), [8, 8]);
        assert_eq!(n150.chips, 1);
        assert_eq!(n150.tile_shape(), [32, 32]);
        let n300 = DeviceDescriptor::builtin("n300").unwrap();
        assert_eq!(n300.grid(), [8, 7]);
        assert!(n300.ethernet.is_some());
    }

    #[test]
    fn unknown_key_is_reported_with_its_line() {
        let text = N150.replace("clock_hz", "clock_mhz");
        let err = DeviceDescriptor::parse(&text, "x.toml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("x.toml:"), "{msg}");
        assert!(msg.contains("clock_mhz"), "{msg}");
    }

    #[test]
    fn implausible_values_are_rejected() {
        let text = N150.replace(
            "dram_achieved_fraction = 0.927",
            "dram_achieved_fraction = 1.5",
        );
        let err = DeviceDescriptor::parse(&text, "x.toml").unwrap_err();
        assert!(err.to_string().contains("dram_achieved_fraction"));
        assert!(matches!(
            DeviceDescriptor::resolve("n999"),
            Err(DescriptorError::UnknownName(_))
        ));
    }
}
