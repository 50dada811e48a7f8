//! What the model says about one op ([`OpCost`]), and the per-core pipeline every device op is
//! costed with: work split over the grid, five stages per unit of work (reader, unpack, math,
//! pack, writer) overlapping through double-buffered circular buffers, and the chip's DRAM
//! shared by all cores.

use serde::Serialize;

use super::hw::Hw;

/// What limits an op.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// The Tensix engines (unpack, FPU/SFPU, pack) of the busiest core.
    Compute,
    /// The chip's DRAM bandwidth.
    Dram,
    /// The data-movement cores and the NoC (reads, writes, multicasts, their latency).
    Noc,
    /// Launching the program: the op is too small to amortise it.
    Dispatch,
    /// The PCIe link.
    Pcie,
    /// Work on the host.
    Host,
    /// Nothing: the op costs no time.
    None,
}

/// Where an op's time is spent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CostKind {
    /// A program on the device, dispatched through a command queue.
    Program,
    /// A transfer between host and device over PCIe.
    Transfer,
    /// Work on the host only.
    Host,
    /// Nothing (metadata, views, bookkeeping).
    Free,
    /// A call of another function (`ttnn.load_cached`).
    Call,
}

/// Busy time of each pipeline stage on the busiest core, in nanoseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct StageNs {
    /// Data-movement core reading inputs (DRAM or L1 over the NoC, multicasts).
    pub reader: f64,
    /// Unpackers moving tiles from L1 into the source registers.
    pub unpack: f64,
    /// Matrix engine (FPU) and vector unit (SFPU).
    pub math: f64,
    /// Packers moving results from Dst to L1.
    pub pack: f64,
    /// Data-movement core writing results.
    pub writer: f64,
}

/// How the work was spread over the cores: `heavy` cores take `heavy_ns` each, the other
/// `cores - heavy` take `light_ns`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct CoreSplit {
    /// Cores with work.
    pub cores: u32,
    /// Cores with the larger share.
    pub heavy: u32,
    /// Kernel time of a core with the larger share.
    pub heavy_ns: f64,
    /// Kernel time of a core with the smaller share.
    pub light_ns: f64,
}

/// The model's estimate for one op.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OpCost {
    /// What kind of work it is.
    pub kind: CostKind,
    /// Device time of the program (kernel duration, launch included), or of the transfer.
    pub device_ns: f64,
    /// Host work (host-side conversions, fallbacks); dispatch is added by the timeline.
    pub host_ns: f64,
    /// What limits it.
    pub bound: Bound,
    /// Cores used.
    pub cores_used: u32,
    /// Busy time per stage on the busiest core.
    pub stages: StageNs,
    /// Per-core kernel times.
    pub split: CoreSplit,
    /// Bytes read from and written to DRAM.
    pub dram_bytes: f64,
    /// Bytes moved over PCIe.
    pub pcie_bytes: f64,
    /// Floating-point operations (matrix products: 2·M·K·N).
    pub flops: f64,
    /// A short note on how the op was modelled (program configuration, view, ...).
    pub detail: String,
}

impl OpCost {
    /// An op that costs nothing.
    pub fn free(detail: &str) -> OpCost {
        OpCost {
            kind: CostKind::Free,
            device_ns: 0.0,
            host_ns: 0.0,
            bound: Bound::None,
            cores_used: 0,
            stages: StageNs::default(),
            split: CoreSplit::default(),
            dram_bytes: 0.0,
            pcie_bytes: 0.0,
            flops: 0.0,
            detail: detail.to_owned(),
        }
    }

    /// Work on the host taking `ns`.
    pub fn host(ns: f64, detail: &str) -> OpCost {
        OpCost {
            kind: CostKind::Host,
            host_ns: ns,
            bound: if ns > 0.0 { Bound::Host } else { Bound::None },
            ..OpCost::free(detail)
        }
    }

    /// Total time of the op on its own (device and host parts).
    pub fn total_ns(&self) -> f64 {
        self.device_ns + self.host_ns
    }

    /// Adds `other`, run after this one inside the same program or transfer.
    pub fn then(mut self, other: OpCost) -> OpCost {
        let longer = other.device_ns + other.host_ns > self.device_ns + self.host_ns;
        if longer || self.kind == CostKind::Free {
            self.bound = other.bound;
            self.split = other.split;
        }
        // A step that runs a program makes the whole a program (it is dispatched).
        self.kind = match (self.kind, other.kind) {
            (CostKind::Free, k) | (k, CostKind::Free) => k,
            (CostKind::Program, _) | (_, CostKind::Program) => CostKind::Program,
            (CostKind::Transfer, _) | (_, CostKind::Transfer) => CostKind::Transfer,
            (k, _) => k,
        };
        self.device_ns += other.device_ns;
        self.host_ns += other.host_ns;
        self.cores_used = self.cores_used.max(other.cores_used);
        self.stages.reader += other.stages.reader;
        self.stages.unpack += other.stages.unpack;
        self.stages.math += other.stages.math;
        self.stages.pack += other.stages.pack;
        self.stages.writer += other.stages.writer;
        self.dram_bytes += other.dram_bytes;
        self.pcie_bytes += other.pcie_bytes;
        self.flops += other.flops;
        if !other.detail.is_empty() {
            if !self.detail.is_empty() {
                self.detail.push_str(" + ");
            }
            self.detail.push_str(&other.detail);
        }
        self
    }
}

/// Cycles per unit of work of each stage on one core.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Stages {
    pub reader: f64,
    pub unpack: f64,
    pub math: f64,
    pub pack: f64,
    pub writer: f64,
}

impl Stages {
    fn all(&self) -> [f64; 5] {
        [self.reader, self.unpack, self.math, self.pack, self.writer]
    }

    /// The slowest stage.
    pub fn max(&self) -> f64 {
        self.all().into_iter().fold(0.0, f64::max)
    }

    /// All stages one after the other (one unit through an empty pipeline).
    pub fn sum(&self) -> f64 {
        self.all().into_iter().sum()
    }

    /// Cycles for `units` units: the first goes through every stage, each further one adds the
    /// slowest stage (stages overlap through double-buffered circular buffers).
    pub fn cycles(&self, units: u64) -> f64 {
        if units == 0 {
            0.0
        } else {
            self.sum() + (units - 1) as f64 * self.max()
        }
    }
}

/// `units` pieces of work spread over at most `cores` cores as evenly as possible: returns
/// (cores used, cores with the larger share, larger share, smaller share).
pub(crate) fn split_work(units: u64, cores: u32) -> (u32, u32, u64, u64) {
    if units == 0 || cores == 0 {
        return (0, 0, 0, 0);
    }
    let used = units.min(cores as u64);
    let heavy_units = units.div_ceil(used);
    let light_units = units / used;
    let heavy = if heavy_units == light_units {
        used
    } else {
        units - light_units * used
    };
    (used as u32, heavy as u32, heavy_units, light_units)
}

/// A streaming device op: `units` units of work spread over `cores` cores, each unit going
/// through `stages`, plus `dram_bytes` of DRAM traffic in `dram_pages` pages shared by all
/// cores and `extra_cycles` per core outside the pipeline (set-up, work once per core).
pub(crate) struct Stream {
    pub units: u64,
    pub cores: u32,
    pub stages: Stages,
    pub dram_bytes: f64,
    pub dram_pages: f64,
    pub extra_cycles: f64,
    pub flops: f64,
    pub detail: String,
}

impl Stream {
    /// The op's cost.
    pub fn cost(self, hw: &Hw) -> OpCost {
        let (used, heavy, heavy_units, light_units) = split_work(self.units, self.cores);
        // Outside the pipeline: per-core work, and the latency of the first read and the last
        // write.
        let extra = self.extra_cycles + hw.read_latency + hw.write_latency;
        let extra_ns = hw.ns(self.extra_cycles);
        let busy = |units: u64| {
            if units == 0 {
                0.0
            } else {
                hw.ns(self.stages.cycles(units) + extra)
            }
        };
        let (heavy_ns, light_ns) = (busy(heavy_units), busy(light_units));
        let dram_ns = hw.dram_ns(self.dram_bytes, self.dram_pages);
        let total = |per_unit: f64| hw.ns(per_unit * heavy_units as f64);
        let stages = StageNs {
            reader: total(self.stages.reader) + extra_ns,
            unpack: total(self.stages.unpack),
            math: total(self.stages.math),
            pack: total(self.stages.pack),
            writer: total(self.stages.writer),
        };
        let kernel_ns = heavy_ns.max(dram_ns);
        let bound = classify(hw.launch_ns, kernel_ns, dram_ns, &stages);
        OpCost {
            kind: CostKind::Program,
            device_ns: hw.launch_ns + kernel_ns,
            host_ns: 0.0,
            bound,
            cores_used: used,
            stages,
            split: CoreSplit {
                cores: used,
                heavy,
                heavy_ns: heavy_ns.max(dram_ns),
                light_ns: light_ns.max(dram_ns * light_units as f64 / heavy_units.max(1) as f64),
            },
            dram_bytes: self.dram_bytes,
            pcie_bytes: 0.0,
            flops: self.flops,
            detail: self.detail,
        }
    }
}

/// The bound of a program taking `launch_ns + kernel_ns`, with `dram_ns` of shared DRAM time
/// and the busiest core's stage times.
pub(crate) fn classify(launch_ns: f64, kernel_ns: f64, dram_ns: f64, s: &StageNs) -> Bound {
    if launch_ns >= kernel_ns {
        Bound::Dispatch
    } else if dram_ns >= kernel_ns * 0.999 {
        Bound::Dram
    } else if s.reader.max(s.writer) > s.math.max(s.unpack).max(s.pack) {
        Bound::Noc
    } else {
        Bound::Compute
    }
}
