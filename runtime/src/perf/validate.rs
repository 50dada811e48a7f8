//! Replays measured tables through the model and reports its error.
//!
//! - `wormhole/gemm_n150_manually_tuned.csv` and `wormhole/gemm_n150_out_of_box.csv`: one
//!   `ttnn.matmul` per row with the row's M, K, N, data type, math fidelity, grid, storage of
//!   each operand (L1 or DRAM) and sharding (`in0_sharded`, `out_sharded`: block-sharded over the
//!   grid); compared with `derived_device_time_ns` (the device kernel time).
//! - `op-runtime/final_exp_dataset.csv`: one `ttnn.exp` per row on the row's shape, data type
//!   and buffer (interleaved), on the compute grid of one chip of an n300 (the table was
//!   measured on an n300, see its README); compared with `kernel_duration`.
//!
//! The exp table holds about four repeated measurements of each configuration, and the records
//! of some shapes cannot be measurements of them. Report `exp` therefore compares each
//! configuration by the median of its repeats (a single stray repeat does not move it), and
//! leaves out every configuration of a shape whose measurement from DRAM is faster than the
//! chip's peak DRAM bandwidth allows for reading and writing the tensor once: physically
//! impossible, so the sweep's records for that shape belong to other ops. The rule uses the
//! measurements and the descriptor only, never the model. Report `exp_all_rows` compares every
//! row as it is.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::Model;
use super::shape::{MathFidelity, MemoryLayout, OpShape, TensorDesc};
use crate::device::{DType, TtnnOp};

/// Rows shown as the worst of a table.
const WORST_ROWS: usize = 10;

/// The model's error on one table.
#[derive(Clone, Debug, Serialize)]
pub struct TableReport {
    /// `gemm_manual`, `gemm_out_of_box`, `exp` or `exp_all_rows`.
    pub name: String,
    /// The file, relative to the reference-data folder.
    pub source: String,
    /// Rows (or configurations) compared.
    pub n: usize,
    /// Rows (or configurations) left out, with the reason in `note`.
    pub excluded: usize,
    /// Mean absolute relative error |predicted − measured| / measured.
    pub mape: f64,
    /// Median of the relative errors.
    pub median_rel_err: f64,
    /// Largest relative error.
    pub worst_rel_err: f64,
    /// Coefficient of determination of the predictions, on the measured values.
    pub r2: f64,
    /// Coefficient of determination on the logarithms (every size counts alike).
    pub r2_log: f64,
    /// The worst rows: description, measured ns, predicted ns.
    pub worst_rows: Vec<(String, f64, f64)>,
    /// How the rows were compared.
    pub note: String,
}

/// Replays every table found under `dir` (the shared `reference-data` folder).
pub fn run(dir: &Path, model: &Model) -> Result<Vec<TableReport>, String> {
    Ok(prepare(dir, model)?
        .iter()
        .map(|t| t.evaluate(model))
        .collect())
}

/// A table read and turned into ops, ready to be costed by any model.
pub(crate) struct Table {
    pub name: &'static str,
    source: &'static str,
    note: String,
    excluded: usize,
    /// Description, op, its shape, measured ns.
    rows: Vec<(String, TtnnOp, OpShape, f64)>,
}

impl Table {
    /// The model's error on this table.
    pub fn evaluate(&self, model: &Model) -> TableReport {
        let rows = self
            .rows
            .iter()
            .map(|(desc, kind, shape, measured)| {
                (
                    desc.clone(),
                    *measured,
                    model.op_cost(*kind, shape).device_ns,
                )
            })
            .collect();
        report(
            self.name,
            self.source,
            rows,
            self.excluded,
            self.note.clone(),
        )
    }
}

/// Reads the tables under `dir`; `model` gives the physical limits the data-quality rules use.
pub(crate) fn prepare(dir: &Path, model: &Model) -> Result<Vec<Table>, String> {
    let mut tables = Vec::new();
    for (name, file) in [
        ("gemm_manual", "wormhole/gemm_n150_manually_tuned.csv"),
        ("gemm_out_of_box", "wormhole/gemm_n150_out_of_box.csv"),
    ] {
        tables.push(gemm_table(dir, file, name)?);
    }
    tables.extend(exp_tables(dir, "op-runtime/final_exp_dataset.csv", model)?);
    Ok(tables)
}

/// A CSV file: its header and its rows with their line numbers.
struct Csv {
    path: String,
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

impl Csv {
    fn read(dir: &Path, file: &str) -> Result<Csv, String> {
        let path = dir.join(file);
        let shown = path.display().to_string();
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read {shown}: {e}"))?;
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let (_, head) = lines
            .next()
            .ok_or_else(|| format!("{shown}:1: error: empty file, expected a header"))?;
        let split = |l: &str| {
            l.split(',')
                .map(|c| c.trim().to_owned())
                .collect::<Vec<_>>()
        };
        let header = split(head);
        let mut rows = Vec::new();
        for (i, line) in lines {
            if line.contains('"') {
                return Err(format!(
                    "{shown}:{}: error: quoted fields are not supported",
                    i + 1
                ));
            }
            let cells = split(line);
            if cells.len() != header.len() {
                return Err(format!(
                    "{shown}:{}: error: expected {} columns, found {}",
                    i + 1,
                    header.len(),
                    cells.len()
                ));
            }
            rows.push((i + 1, cells));
        }
        Ok(Csv {
            path: shown,
            header,
            rows,
        })
    }

    fn column(&self, name: &str) -> Result<usize, String> {
        self.header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("{}:1: error: missing column '{name}'", self.path))
    }

    fn optional(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    fn err(&self, line: usize, column: &str, expected: &str, found: &str) -> String {
        format!(
            "{}:{line}: error: column '{column}': expected {expected}, found '{found}'",
            self.path
        )
    }
}

fn parse_f64(csv: &Csv, line: usize, row: &[String], col: usize) -> Result<f64, String> {
    let s = &row[col];
    s.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| csv.err(line, &csv.header[col], "a number", s))
}

fn parse_u64(csv: &Csv, line: usize, row: &[String], col: usize) -> Result<u64, String> {
    let s = &row[col];
    s.parse::<u64>()
        .map_err(|_| csv.err(line, &csv.header[col], "a non-negative integer", s))
}

fn parse_bool(csv: &Csv, line: usize, row: &[String], col: usize) -> Result<bool, String> {
    match row[col].to_ascii_lowercase().as_str() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        other => Err(csv.err(line, &csv.header[col], "True or False", other)),
    }
}

fn gemm_dtype(s: &str) -> Option<DType> {
    Some(match s.trim_start_matches("DataType.") {
        "BFLOAT16" => DType::BF16,
        "BFLOAT8_B" => DType::BFP8,
        "BFLOAT4_B" => DType::BFP4,
        "FLOAT32" => DType::F32,
        _ => return None,
    })
}

fn gemm_table(dir: &Path, file: &'static str, name: &'static str) -> Result<Table, String> {
    let csv = Csv::read(dir, file)?;
    let [cm, ck, cn] = [csv.column("m")?, csv.column("k")?, csv.column("n")?];
    let cdtype = csv.column("dtype")?;
    let cfid = csv.column("math_fidelity")?;
    let cgrid = csv.column("grid_size")?;
    let [cs0, cs1, cso] = [
        csv.column("in0_storage_type")?,
        csv.column("in1_storage_type")?,
        csv.column("out_storage_type")?,
    ];
    let (csh0, csho) = (csv.optional("in0_sharded"), csv.optional("out_sharded"));
    let ctime = csv.column("derived_device_time_ns")?;
    let ctrace = csv.optional("use_trace");
    let mut results = Vec::new();
    for (line, row) in &csv.rows {
        let line = *line;
        let (m, k, n) = (
            parse_u64(&csv, line, row, cm)?,
            parse_u64(&csv, line, row, ck)?,
            parse_u64(&csv, line, row, cn)?,
        );
        let dtype = gemm_dtype(&row[cdtype]).ok_or_else(|| {
            csv.err(
                line,
                "dtype",
                "BFLOAT16, BFLOAT8_B or BFLOAT4_B",
                &row[cdtype],
            )
        })?;
        let fidelity = MathFidelity::parse(&row[cfid]).ok_or_else(|| {
            csv.err(
                line,
                "math_fidelity",
                "LoFi, HiFi2, HiFi3 or HiFi4",
                &row[cfid],
            )
        })?;
        let grid = row[cgrid]
            .split_once('x')
            .and_then(|(x, y)| Some([y.trim().parse::<u32>().ok()?, x.trim().parse::<u32>().ok()?]))
            .filter(|g| g[0] > 0 && g[1] > 0)
            .ok_or_else(|| csv.err(line, "grid_size", "columns x rows such as 8x8", &row[cgrid]))?;
        let storage = |col: usize| -> Result<bool, String> {
            match row[col].as_str() {
                "L1" => Ok(true),
                "DRAM" => Ok(false),
                other => Err(csv.err(line, &csv.header[col], "L1 or DRAM", other)),
            }
        };
        let sharded =
            |col: Option<usize>| col.map_or(Ok(false), |c| parse_bool(&csv, line, row, c));
        let place = |t: TensorDesc, l1: bool, shard: bool| match (l1, shard) {
            (true, true) => t.sharded(MemoryLayout::BlockSharded, grid),
            (true, false) => t.in_l1(),
            _ => t,
        };
        let (in0_l1, in0_sh) = (storage(cs0)?, sharded(csh0)?);
        let (out_l1, out_sh) = (storage(cso)?, sharded(csho)?);
        let a = place(TensorDesc::dram(&[m, k], dtype), in0_l1, in0_sh);
        let b = place(TensorDesc::dram(&[k, n], dtype), storage(cs1)?, false);
        let out = place(TensorDesc::dram(&[m, n], dtype), out_l1, out_sh);
        let mut shape = OpShape::new(vec![a, b], vec![out]);
        shape.attrs.math_fidelity = Some(fidelity);
        shape.grid = Some(grid);
        let measured = parse_f64(&csv, line, row, ctime)?;
        let trace = ctrace.map(|c| row[c].as_str()).unwrap_or("");
        let desc = format!(
            "line {line}: {m}x{k}x{n} {} {fidelity:?} in0 {}{} out {}{} trace {trace}",
            dtype.as_str(),
            &row[cs0],
            if in0_sh { " sharded" } else { "" },
            &row[cso],
            if out_sh { " sharded" } else { "" },
        );
        results.push((desc, TtnnOp::Matmul, shape, measured));
    }
    Ok(Table {
        name,
        source: file,
        note: "one row per measurement; device kernel time".to_owned(),
        excluded: 0,
        rows: results,
    })
}

/// One exp configuration.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct ExpConfig {
    shape: Vec<u64>,
    dtype: &'static str,
    dram: bool,
}

fn exp_tables(dir: &Path, file: &'static str, model: &Model) -> Result<Vec<Table>, String> {
    let csv = Csv::read(dir, file)?;
    let dims: Vec<usize> = (1..=4)
        .map(|i| csv.column(&format!("input_shape_{i}")))
        .collect::<Result<_, _>>()?;
    const DTYPES: [(&str, &str); 5] = [
        ("bfloat8", "bfp8_b"),
        ("bfloat16", "bf16"),
        ("float32", "f32"),
        ("uint16", "u16"),
        ("uint32", "u32"),
    ];
    let dtype_cols: Vec<usize> = DTYPES
        .iter()
        .map(|(c, _)| csv.column(c))
        .collect::<Result<_, _>>()?;
    let (cdram, cl1) = (csv.column("input_DRAM")?, csv.column("input_L1")?);
    let ctime = csv.column("kernel_duration")?;
    // The table was measured on one chip of an n300 (op-runtime/README.md).
    let grid = ttc_device::DeviceDescriptor::builtin("n300")
        .map_err(|e| e.to_string())?
        .chip
        .compute_grid;
    let mut rows = Vec::new();
    for (line, row) in &csv.rows {
        let line = *line;
        let mut shape = Vec::new();
        for &c in &dims {
            let d = parse_u64(&csv, line, row, c)?;
            if d == 0 {
                break;
            }
            shape.push(d);
        }
        if shape.is_empty() {
            return Err(csv.err(line, "input_shape_1", "a positive dimension", &row[dims[0]]));
        }
        let hot: Vec<usize> = dtype_cols
            .iter()
            .enumerate()
            .filter(|(_, c)| row[**c] == "1")
            .map(|(i, _)| i)
            .collect();
        let [i] = hot[..] else {
            return Err(format!(
                "{}:{line}: error: expected exactly one data-type column set to 1",
                csv.path
            ));
        };
        let dram = match (row[cdram].as_str(), row[cl1].as_str()) {
            ("1", "0") => true,
            ("0", "1") => false,
            (d, l) => {
                return Err(csv.err(
                    line,
                    "input_DRAM/input_L1",
                    "one of them 1",
                    &format!("{d}/{l}"),
                ));
            }
        };
        let measured = parse_f64(&csv, line, row, ctime)?;
        rows.push((
            line,
            ExpConfig {
                shape,
                dtype: DTYPES[i].1,
                dram,
            },
            measured,
        ));
    }
    let op = |c: &ExpConfig| -> OpShape {
        let dtype = DType::parse(c.dtype).unwrap_or(DType::BF16);
        let mut t = TensorDesc::dram(&c.shape, dtype);
        if !c.dram {
            t = t.in_l1();
        }
        let mut shape = OpShape::new(vec![t.clone()], vec![t]);
        shape.grid = Some(grid);
        shape
    };
    let describe = |c: &ExpConfig| {
        let dims: Vec<String> = c.shape.iter().map(u64::to_string).collect();
        format!(
            "{}[{}] {}",
            c.dtype,
            dims.join(","),
            if c.dram { "dram" } else { "l1" }
        )
    };
    // Every row as it is.
    let all_rows = Table {
        name: "exp_all_rows",
        source: file,
        note: "every row as it is, repeats and misattributed records included".to_owned(),
        excluded: 0,
        rows: rows
            .iter()
            .map(|(line, c, m)| {
                (
                    format!("line {line}: {}", describe(c)),
                    TtnnOp::Exp,
                    op(c),
                    *m,
                )
            })
            .collect(),
    };
    // Configurations: median of the repeats, with the two data-quality rules.
    let mut groups: BTreeMap<ExpConfig, Vec<f64>> = BTreeMap::new();
    for (_, c, m) in &rows {
        groups.entry(c.clone()).or_default().push(*m);
    }
    let floor_ns = |c: &ExpConfig| {
        let dtype = DType::parse(c.dtype).unwrap_or(DType::BF16);
        let t = TensorDesc::dram(&c.shape, dtype);
        model.dram_floor_ns(2.0 * model.tensor_bytes(&t))
    };
    let mut impossible_shapes = std::collections::BTreeSet::new();
    for (c, ms) in &groups {
        if c.dram && median(ms) < floor_ns(c) {
            impossible_shapes.insert(c.shape.clone());
        }
    }
    let mut results = Vec::new();
    let mut impossible = 0;
    for (c, ms) in &groups {
        if impossible_shapes.contains(&c.shape) {
            impossible += 1;
            continue;
        }
        results.push((
            format!("{} ({} repeats)", describe(c), ms.len()),
            TtnnOp::Exp,
            op(c),
            median(ms),
        ));
    }
    let note = format!(
        "{} rows in {} configurations, each compared by the median of its repeats; left out: {impossible} configurations of {} shapes measured faster from DRAM than the chip's peak bandwidth allows",
        rows.len(),
        groups.len(),
        impossible_shapes.len()
    );
    let clean = Table {
        name: "exp",
        source: file,
        note,
        excluded: impossible,
        rows: results,
    };
    Ok(vec![clean, all_rows])
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn r_squared(pairs: impl Iterator<Item = (f64, f64)> + Clone) -> f64 {
    let n = pairs.clone().count() as f64;
    if n == 0.0 {
        return 0.0;
    }
    let mean = pairs.clone().map(|(m, _)| m).sum::<f64>() / n;
    let total: f64 = pairs.clone().map(|(m, _)| (m - mean).powi(2)).sum();
    let residual: f64 = pairs.map(|(m, p)| (m - p).powi(2)).sum();
    if total == 0.0 {
        0.0
    } else {
        1.0 - residual / total
    }
}

fn report(
    name: &str,
    source: &str,
    mut rows: Vec<(String, f64, f64)>,
    excluded: usize,
    note: String,
) -> TableReport {
    let rel = |m: f64, p: f64| if m > 0.0 { (p - m).abs() / m } else { 0.0 };
    let mut errs: Vec<f64> = rows.iter().map(|(_, m, p)| rel(*m, *p)).collect();
    errs.sort_by(f64::total_cmp);
    let n = rows.len();
    let mape = if n == 0 {
        0.0
    } else {
        errs.iter().sum::<f64>() / n as f64
    };
    let r2 = r_squared(rows.iter().map(|(_, m, p)| (*m, *p)));
    let r2_log = r_squared(
        rows.iter()
            .filter(|(_, m, p)| *m > 0.0 && *p > 0.0)
            .map(|(_, m, p)| (m.ln(), p.ln())),
    );
    rows.sort_by(|a, b| rel(b.1, b.2).total_cmp(&rel(a.1, a.2)));
    rows.truncate(WORST_ROWS);
    TableReport {
        name: name.to_owned(),
        source: source.to_owned(),
        n,
        excluded,
        mape,
        median_rel_err: median(&errs),
        worst_rel_err: errs.last().copied().unwrap_or(0.0),
        r2,
        r2_log,
        worst_rows: rows,
        note,
    }
}
