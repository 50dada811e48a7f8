//! Wormhole device descriptors: the hardware as data.
//!
//! A descriptor is a TOML file (`descriptors/n150.toml`, `descriptors/n300.toml`) holding the
//! numbers the compiler and the runtime need: compute grid, clock, L1 and DRAM sizes, tile
//! sizes by data type, matrix-engine, unpacker and packer rates, NoC rates and latencies, PCIe,
//! dispatch and Ethernet costs, and the few parameters of the runtime's performance model that
//! were calibrated against measurements (`[calibration]`). Every value in the bundled files
//! names its source. No pass or kernel hard-codes a hardware constant; they read a
//! [`DeviceDescriptor`].
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
    /// The network on chip.
    pub noc: Noc,
    /// Host-side work that has no device counterpart.
    pub host: Host,
    /// Parameters of the performance model fitted to measured data.
    pub calibration: Calibration,
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
    /// L1 per core that tensors and circular buffers can use.
    pub l1_usable_bytes: u64,
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
    /// L1 bytes per cycle per core, all banks together.
    pub l1_bytes_per_cycle: u32,
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
    /// Bytes one unpacker reads from L1 per cycle.
    pub unpack_bytes_per_cycle: u32,
    /// Bytes the packers write to L1 per cycle, all together.
    pub pack_bytes_per_cycle: u32,
    /// Cycles to tilize or untilize one tile on a core.
    pub tilize_cycles_per_tile: u32,
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

/// The network on chip, as seen by one core's data-movement kernels.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Noc {
    /// Round-trip latency of a read from another core or a DRAM bank.
    pub read_latency_cycles: u32,
    /// Latency of a write to another core (before hops).
    pub write_latency_cycles: u32,
    /// Fewest cycles one transfer takes, however small (a core issues at most one transfer per
    /// this many cycles).
    pub min_transfer_cycles: f64,
    /// One core reading DRAM, bytes per cycle.
    pub dram_read_bytes_per_cycle: f64,
    /// One core writing DRAM, bytes per cycle.
    pub dram_write_bytes_per_cycle: f64,
    /// One core reading another core's L1, bytes per cycle.
    pub l1_read_bytes_per_cycle: f64,
    /// One core writing another core's L1, bytes per cycle.
    pub l1_write_bytes_per_cycle: f64,
    /// One core multicasting to a rectangle of cores, bytes per cycle.
    pub multicast_bytes_per_cycle: f64,
}

/// Host-side work with no device counterpart (conversions of host tensors, host fallbacks).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Host {
    /// Tilizing, untilizing or converting a host tensor, bytes per second.
    pub convert_bytes_per_s: f64,
    /// An op left on the host (a fallback), bytes of its operands and results per second.
    pub fallback_bytes_per_s: f64,
}

/// Parameters of the performance model that no document gives and that were fitted to
/// measured data (each named in the descriptor with the data it came from).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Calibration {
    /// Fixed device time of one program: kernel launch, circular-buffer set-up, final barriers.
    pub op_launch_ns: f64,
    /// Cycles of the semaphore hand-shake around one multicast block.
    pub block_sync_cycles: f64,
    /// Bytes per cycle the unpackers sustain feeding the matrix engine.
    pub matmul_unpack_bytes_per_cycle: f64,
    /// Cycles of one matmul sub-block besides its tile products (Dst hand-over, packing).
    pub matmul_subblock_cycles: f64,
    /// Fraction of the achieved DRAM bandwidth that page-interleaved reads and writes reach.
    pub dram_interleaved_efficiency: f64,
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
            ("chip.l1_usable_bytes", c.l1_usable_bytes as f64),
            ("chip.dram_banks", c.dram_banks as f64),
            ("chip.dram_bank_bytes", c.dram_bank_bytes as f64),
            ("chip.dram_peak_bytes_per_s", c.dram_peak_bytes_per_s),
            ("chip.noc_bytes_per_cycle", c.noc_bytes_per_cycle as f64),
            ("chip.l1_bytes_per_cycle", c.l1_bytes_per_cycle as f64),
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
        let m = &self.compute;
        let n = &self.noc;
        let h = &self.host;
        let k = &self.calibration;
        let more = [
            ("compute.matmul_cycles_lofi", m.matmul_cycles_lofi as f64),
            ("compute.matmul_cycles_hifi2", m.matmul_cycles_hifi2 as f64),
            ("compute.matmul_cycles_hifi3", m.matmul_cycles_hifi3 as f64),
            ("compute.matmul_cycles_hifi4", m.matmul_cycles_hifi4 as f64),
            (
                "compute.eltwise_cycles_per_tile",
                m.eltwise_cycles_per_tile as f64,
            ),
            (
                "compute.sfpu_cycles_per_instruction_tile",
                m.sfpu_cycles_per_instruction_tile as f64,
            ),
            (
                "compute.unpack_bytes_per_cycle",
                m.unpack_bytes_per_cycle as f64,
            ),
            (
                "compute.pack_bytes_per_cycle",
                m.pack_bytes_per_cycle as f64,
            ),
            (
                "compute.tilize_cycles_per_tile",
                m.tilize_cycles_per_tile as f64,
            ),
            ("noc.read_latency_cycles", n.read_latency_cycles as f64),
            ("noc.write_latency_cycles", n.write_latency_cycles as f64),
            ("noc.min_transfer_cycles", n.min_transfer_cycles),
            ("noc.dram_read_bytes_per_cycle", n.dram_read_bytes_per_cycle),
            (
                "noc.dram_write_bytes_per_cycle",
                n.dram_write_bytes_per_cycle,
            ),
            ("noc.l1_read_bytes_per_cycle", n.l1_read_bytes_per_cycle),
            ("noc.l1_write_bytes_per_cycle", n.l1_write_bytes_per_cycle),
            ("noc.multicast_bytes_per_cycle", n.multicast_bytes_per_cycle),
            ("host.convert_bytes_per_s", h.convert_bytes_per_s),
            ("host.fallback_bytes_per_s", h.fallback_bytes_per_s),
            ("calibration.op_launch_ns", k.op_launch_ns),
            (
                "calibration.matmul_unpack_bytes_per_cycle",
                k.matmul_unpack_bytes_per_cycle,
            ),
        ];
        for (key, value) in positive.into_iter().chain(more) {
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
        let non_negative = [
            ("calibration.block_sync_cycles", k.block_sync_cycles),
            (
                "calibration.matmul_subblock_cycles",
                k.matmul_subblock_cycles,
            ),
        ];
        for (key, value) in non_negative {
            if !(value.is_finite() && value >= 0.0) {
                return Err(format!("{key} must be zero or positive, got {value}"));
            }
        }
        if !(k.dram_interleaved_efficiency > 0.0 && k.dram_interleaved_efficiency <= 1.0) {
            return Err(format!(
                "calibration.dram_interleaved_efficiency must be in (0, 1], got {}",
                k.dram_interleaved_efficiency
            ));
        }
        // A core cannot move more over the NoC than one link carries.
        let link = c.noc_bytes_per_cycle as f64;
        for (key, value) in [
            ("noc.dram_read_bytes_per_cycle", n.dram_read_bytes_per_cycle),
            (
                "noc.dram_write_bytes_per_cycle",
                n.dram_write_bytes_per_cycle,
            ),
            ("noc.l1_read_bytes_per_cycle", n.l1_read_bytes_per_cycle),
            ("noc.l1_write_bytes_per_cycle", n.l1_write_bytes_per_cycle),
            ("noc.multicast_bytes_per_cycle", n.multicast_bytes_per_cycle),
        ] {
            if value > link {
                return Err(format!(
                    "{key} is {value}, more than a NoC link carries (chip.noc_bytes_per_cycle = {link})"
                ));
            }
        }
        if c.l1_usable_bytes > c.l1_bytes {
            return Err(format!(
                "chip.l1_usable_bytes ({}) exceeds chip.l1_bytes ({})",
                c.l1_usable_bytes, c.l1_bytes
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

    #[test]
    fn model_sections_are_required_and_checked() {
        let missing = N150.replace("block_sync_cycles = ", "block_sync = ");
        let err = DeviceDescriptor::parse(&missing, "x.toml")
            .unwrap_err()
            .to_string();
        let line = N150
            .lines()
            .position(|l| l.starts_with("block_sync_cycles"))
            .unwrap()
            + 1;
        assert!(
            err.starts_with(&format!("x.toml:{line}:")) && err.contains("block_sync"),
            "{err}"
        );
        let checks = [
            (
                "dram_interleaved_efficiency = 0.668",
                "dram_interleaved_efficiency = 1.2",
                "dram_interleaved_efficiency",
            ),
            (
                "l1_usable_bytes = 1_369_120",
                "l1_usable_bytes = 2_000_000",
                "l1_usable_bytes",
            ),
            (
                "dram_read_bytes_per_cycle = 22.0",
                "dram_read_bytes_per_cycle = 64.0",
                "more than a NoC link carries",
            ),
            (
                "op_launch_ns = 1562.0",
                "op_launch_ns = -1.0",
                "op_launch_ns must be positive",
            ),
        ];
        for (from, to, expected) in checks {
            assert!(N150.contains(from), "{from}");
            let err = DeviceDescriptor::parse(&N150.replace(from, to), "x.toml")
                .unwrap_err()
                .to_string();
            assert!(err.contains(expected), "{err}");
        }
    }
}
