//! The numbers of the model, read once from a [`DeviceDescriptor`]: nothing in the model is a
//! hardware constant of its own. Rates are kept in the unit the model computes in (bytes per
//! cycle on the chip, bytes per nanosecond on the host side).

use ttc_device::DeviceDescriptor;

use super::shape::MathFidelity;
use crate::device::DType;

/// The chip and card as the model sees them.
#[derive(Clone, Debug)]
pub(crate) struct Hw {
    /// Card name, for traces.
    pub name: String,
    /// Clock in GHz (cycles per nanosecond).
    pub ghz: f64,
    /// Compute grid `[rows, columns]`.
    pub grid: [u32; 2],
    /// Tile `[height, width]`.
    pub tile: [u64; 2],
    /// L1 bytes per core that tensors and circular buffers can use.
    pub l1_usable: f64,
    /// Dst capacity in tiles (16-bit, 32-bit accumulation).
    pub dst_tiles: [u32; 2],
    tile_bytes: [f64; 8],
    matmul_cycles: [f64; 4],
    /// FPU elementwise op over one tile.
    pub eltwise_cycles: f64,
    /// One SFPU instruction over one tile.
    pub sfpu_cycles: f64,
    /// One unpacker, bytes per cycle.
    pub unpack_bpc: f64,
    /// The packers, bytes per cycle.
    pub pack_bpc: f64,
    /// Tilize or untilize of one tile.
    pub tilize_cycles: f64,
    /// L1 bytes per cycle on one core (all banks).
    pub l1_bpc: f64,
    /// DRAM banks.
    pub dram_banks: u32,
    /// Achieved DRAM bandwidth of the chip, bytes per cycle.
    pub dram_bpc: f64,
    /// Peak DRAM bandwidth of the chip, bytes per cycle.
    pub dram_peak_bpc: f64,
    /// Per-core NoC rates, bytes per cycle.
    pub dram_read_bpc: f64,
    pub dram_write_bpc: f64,
    pub l1_read_bpc: f64,
    pub l1_write_bpc: f64,
    pub mcast_bpc: f64,
    /// NoC latencies in cycles.
    pub read_latency: f64,
    pub write_latency: f64,
    /// Fewest cycles of one NoC transfer.
    pub min_transfer_cycles: f64,
    /// PCIe, bytes per nanosecond and latency.
    pub h2d_bpns: f64,
    pub d2h_bpns: f64,
    pub h2d_latency_ns: f64,
    pub d2h_latency_ns: f64,
    /// Dispatch of one program.
    pub traced_ns: f64,
    pub untraced_ns: f64,
    /// Host conversions and fallbacks, bytes per nanosecond.
    pub host_convert_bpns: f64,
    pub host_fallback_bpns: f64,
    /// Calibrated parameters (see the descriptor's `[calibration]`).
    pub launch_ns: f64,
    pub block_sync_cycles: f64,
    pub matmul_unpack_bpc: f64,
    pub subblock_cycles: f64,
    pub dram_interleaved_eff: f64,
}

impl Hw {
    pub fn new(d: &DeviceDescriptor) -> Hw {
        let t = &d.tiles;
        let c = &d.compute;
        let n = &d.noc;
        let k = &d.calibration;
        let ghz = d.chip.clock_hz / 1e9;
        Hw {
            name: d.name.clone(),
            ghz,
            grid: d.chip.compute_grid,
            tile: [t.height as u64, t.width as u64],
            l1_usable: d.chip.l1_usable_bytes as f64,
            dst_tiles: [d.chip.dst_tiles_bf16, d.chip.dst_tiles_f32],
            tile_bytes: [
                t.bytes_f32,
                t.bytes_bf16,
                t.bytes_bfp8_b,
                t.bytes_bfp4_b,
                t.bytes_u32,
                t.bytes_u16,
                t.bytes_u8,
                t.bytes_si32,
            ]
            .map(f64::from),
            matmul_cycles: [
                c.matmul_cycles_lofi,
                c.matmul_cycles_hifi2,
                c.matmul_cycles_hifi3,
                c.matmul_cycles_hifi4,
            ]
            .map(f64::from),
            eltwise_cycles: c.eltwise_cycles_per_tile as f64,
            sfpu_cycles: c.sfpu_cycles_per_instruction_tile as f64,
            unpack_bpc: c.unpack_bytes_per_cycle as f64,
            pack_bpc: c.pack_bytes_per_cycle as f64,
            tilize_cycles: c.tilize_cycles_per_tile as f64,
            l1_bpc: d.chip.l1_bytes_per_cycle as f64,
            dram_banks: d.chip.dram_banks,
            dram_bpc: d.chip.dram_peak_bytes_per_s * d.chip.dram_achieved_fraction
                / d.chip.clock_hz,
            dram_peak_bpc: d.chip.dram_peak_bytes_per_s / d.chip.clock_hz,
            dram_read_bpc: n.dram_read_bytes_per_cycle,
            dram_write_bpc: n.dram_write_bytes_per_cycle,
            l1_read_bpc: n.l1_read_bytes_per_cycle,
            l1_write_bpc: n.l1_write_bytes_per_cycle,
            mcast_bpc: n.multicast_bytes_per_cycle,
            read_latency: n.read_latency_cycles as f64,
            write_latency: n.write_latency_cycles as f64,
            min_transfer_cycles: n.min_transfer_cycles,
            h2d_bpns: d.pcie.host_to_device_bytes_per_s / 1e9,
            d2h_bpns: d.pcie.device_to_host_bytes_per_s / 1e9,
            h2d_latency_ns: d.pcie.host_to_device_latency_ns as f64,
            d2h_latency_ns: d.pcie.device_to_host_latency_ns as f64,
            traced_ns: d.dispatch.traced_ns as f64,
            untraced_ns: d.dispatch.untraced_ns as f64,
            host_convert_bpns: d.host.convert_bytes_per_s / 1e9,
            host_fallback_bpns: d.host.fallback_bytes_per_s / 1e9,
            launch_ns: k.op_launch_ns,
            block_sync_cycles: k.block_sync_cycles,
            matmul_unpack_bpc: k.matmul_unpack_bytes_per_cycle,
            subblock_cycles: k.matmul_subblock_cycles,
            dram_interleaved_eff: k.dram_interleaved_efficiency,
        }
    }

    /// Cores of a grid `[rows, columns]`.
    pub fn cores_of(grid: [u32; 2]) -> u32 {
        grid[0].max(1) * grid[1].max(1)
    }

    /// Elements of one tile.
    pub fn tile_elems(&self) -> f64 {
        (self.tile[0] * self.tile[1]) as f64
    }

    /// Bytes of one tile of `dtype`.
    pub fn tile_bytes(&self, dtype: DType) -> f64 {
        let i = match dtype {
            DType::F32 => 0,
            DType::BF16 => 1,
            DType::BFP8 => 2,
            DType::BFP4 => 3,
            DType::U32 => 4,
            DType::U16 => 5,
            DType::U8 => 6,
            DType::SI32 => 7,
        };
        self.tile_bytes[i]
    }

    /// Bytes of one element of `dtype` (block floats: their share of a tile).
    pub fn elem_bytes(&self, dtype: DType) -> f64 {
        self.tile_bytes(dtype) / self.tile_elems()
    }

    /// Cycles of one 32x32x32 tile product at `fidelity`.
    pub fn matmul_cycles(&self, fidelity: MathFidelity) -> f64 {
        self.matmul_cycles[fidelity.phases() as usize - 1]
    }

    /// Fidelity phases a multiply at `fidelity` needs (cycles relative to LoFi).
    pub fn phases(&self, fidelity: MathFidelity) -> f64 {
        self.matmul_cycles(fidelity) / self.matmul_cycles[0]
    }

    /// Nanoseconds of `cycles`.
    pub fn ns(&self, cycles: f64) -> f64 {
        cycles / self.ghz
    }

    /// Cycles a data-movement core spends on `pages` NoC transfers moving `bytes` at
    /// `bytes_per_cycle`: bandwidth-bound, or issue-bound for small pages.
    pub fn noc_cycles(&self, pages: f64, bytes: f64, bytes_per_cycle: f64) -> f64 {
        (bytes / bytes_per_cycle).max(pages * self.min_transfer_cycles)
    }

    /// Nanoseconds the chip's DRAM needs for `bytes` of page-interleaved traffic spread over
    /// `pages` pages: pages go round-robin over the banks, so fewer pages than banks use fewer
    /// banks.
    pub fn dram_ns(&self, bytes: f64, pages: f64) -> f64 {
        if bytes <= 0.0 {
            return 0.0;
        }
        let banks = (self.dram_banks as f64).max(1.0);
        let used = pages.clamp(1.0, banks);
        let bpc = self.dram_bpc * self.dram_interleaved_eff * used / banks;
        self.ns(bytes / bpc)
    }
}
