//! Reading and writing tensors as safetensors files, by name.
//!
//! Float tensors (`F32`, `F16`, `BF16`, `F64`) read as f32, integer tensors as i64, `BOOL` as
//! bool. Writing stores f32, i64 and bool as `F32`, `I64` and `BOOL`.

use std::collections::BTreeMap;
use std::path::Path;

use safetensors::{Dtype, SafeTensors};

use crate::tensor::{Data, Tensor};

/// Why a tensor file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum IoError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not a safetensors file: {reason}")]
    Format { path: String, reason: String },
    #[error("{path}: tensor '{name}' has dtype {dtype:?}, which ttc does not read")]
    Dtype {
        path: String,
        name: String,
        dtype: Dtype,
    },
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
}

/// Every tensor of a safetensors file, by name.
pub fn read_safetensors(path: &Path) -> Result<BTreeMap<String, Tensor>, IoError> {
    let p = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| IoError::Read {
        path: p.clone(),
        source,
    })?;
    parse_safetensors(&bytes, &p)
}

/// Parses safetensors bytes; `path` names them in errors.
pub fn parse_safetensors(bytes: &[u8], path: &str) -> Result<BTreeMap<String, Tensor>, IoError> {
    let st = SafeTensors::deserialize(bytes).map_err(|e| IoError::Format {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    let mut out = BTreeMap::new();
    for (name, view) in st.tensors() {
        let shape = view.shape().to_vec();
        let raw = view.data();
        let data = match view.dtype() {
            Dtype::F32 => Data::F32(
                raw.chunks_exact(4)
                    .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect(),
            ),
            Dtype::F64 => Data::F32(
                raw.chunks_exact(8)
                    .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")) as f32)
                    .collect(),
            ),
            Dtype::BF16 => Data::F32(
                raw.chunks_exact(2)
                    .map(|c| half::bf16::from_le_bytes([c[0], c[1]]).to_f32())
                    .collect(),
            ),
            Dtype::F16 => Data::F32(
                raw.chunks_exact(2)
                    .map(|c| half::f16::from_le_bytes([c[0], c[1]]).to_f32())
                    .collect(),
            ),
            Dtype::I64 => Data::I64(
                raw.chunks_exact(8)
                    .map(|c| i64::from_le_bytes(c.try_into().expect("8 bytes")))
                    .collect(),
            ),
            Dtype::I32 => Data::I64(
                raw.chunks_exact(4)
                    .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]) as i64)
                    .collect(),
            ),
            Dtype::I16 => Data::I64(
                raw.chunks_exact(2)
                    .map(|c| i16::from_le_bytes([c[0], c[1]]) as i64)
                    .collect(),
            ),
            Dtype::I8 => Data::I64(raw.iter().map(|&b| b as i8 as i64).collect()),
            Dtype::U8 => Data::I64(raw.iter().map(|&b| b as i64).collect()),
            Dtype::BOOL => Data::Bool(raw.iter().map(|&b| b != 0).collect()),
            other => {
                return Err(IoError::Dtype {
                    path: path.to_owned(),
                    name,
                    dtype: other,
                });
            }
        };
        out.insert(name, Tensor { shape, data });
    }
    Ok(out)
}

/// Writes tensors to a safetensors file (replacing it only once the new one is complete).
pub fn write_safetensors(path: &Path, tensors: &BTreeMap<String, Tensor>) -> Result<(), IoError> {
    let p = path.display().to_string();
    let bytes: Vec<(String, Dtype, Vec<usize>, Vec<u8>)> = tensors
        .iter()
        .map(|(name, t)| {
            let (dtype, data) = match &t.data {
                Data::F32(v) => (Dtype::F32, v.iter().flat_map(|x| x.to_le_bytes()).collect()),
                Data::I64(v) => (Dtype::I64, v.iter().flat_map(|x| x.to_le_bytes()).collect()),
                Data::Bool(v) => (Dtype::BOOL, v.iter().map(|&b| b as u8).collect()),
            };
            (name.clone(), dtype, t.shape.clone(), data)
        })
        .collect();
    // A tensor whose values do not fill its shape is refused, not written.
    let views = bytes
        .iter()
        .map(|(name, dtype, shape, data)| {
            safetensors::tensor::TensorView::new(*dtype, shape.clone(), data)
                .map(|view| (name.clone(), view))
                .map_err(|e| IoError::Write {
                    path: p.clone(),
                    reason: format!("tensor '{name}' of shape {shape:?}: {e}"),
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let serialized = safetensors::serialize(views, &None).map_err(|e| IoError::Write {
        path: p.clone(),
        reason: e.to_string(),
    })?;
    let tmp = path.with_extension("safetensors.tmp");
    std::fs::write(&tmp, serialized)
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| IoError::Write {
            path: p,
            reason: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_reads_back() {
        let dir = std::env::temp_dir().join(format!("ttc-io-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.safetensors");
        let mut tensors = BTreeMap::new();
        tensors.insert("a".to_owned(), Tensor::f32(vec![2], vec![1.5, -2.0]));
        tensors.insert("b".to_owned(), Tensor::i64(vec![1, 2], vec![7, -3]));
        tensors.insert("c".to_owned(), Tensor::bool(vec![2], vec![true, false]));
        write_safetensors(&path, &tensors).unwrap();
        assert_eq!(read_safetensors(&path).unwrap(), tensors);
        assert!(parse_safetensors(b"garbage", "g").is_err());
        // Values that do not fill the shape are an error, and the old file stays.
        let mut short = BTreeMap::new();
        short.insert(
            "s".to_owned(),
            Tensor {
                shape: vec![3],
                data: Data::F32(vec![1.0]),
            },
        );
        let err = write_safetensors(&path, &short).unwrap_err();
        assert!(err.to_string().contains("tensor 's' of shape [3]"), "{err}");
        assert_eq!(read_safetensors(&path).unwrap(), tensors);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
