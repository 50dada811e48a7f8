//! aten overloads that stay on the host, each with the reason.
//!
//! These are not failures: the pass leaves them in place with a remark, and the runtime runs
//! them in f32 on the host between device ops.

/// An overload that runs on the host, and why.
pub struct HostOp {
    /// The overload.
    pub op: &'static str,
    /// Why it cannot run on the device (yet).
    pub reason: &'static str,
}

/// The host fallbacks ttc knows about.
pub static HOST_OPS: &[HostOp] = &[
    HostOp {
        op: "aten.nonzero.default",
        reason: "data-dependent output shape",
    },
    HostOp {
        op: "aten.masked_scatter.default",
        reason: "data-dependent number of elements read",
    },
    HostOp {
        op: "aten._local_scalar_dense.default",
        reason: "reads a tensor element into a host number",
    },
    HostOp {
        op: "aten.sym_size.int",
        reason: "symbolic shape query",
    },
    HostOp {
        op: "aten.sym_numel.default",
        reason: "symbolic shape query",
    },
    HostOp {
        op: "aten.sym_stride.int",
        reason: "symbolic stride query",
    },
    HostOp {
        op: "aten.sym_storage_offset.default",
        reason: "symbolic storage query",
    },
    HostOp {
        op: "aten.sym_is_contiguous.default",
        reason: "symbolic storage query",
    },
    HostOp {
        op: "aten.resize_.default",
        reason: "in-place resize of a tensor's storage",
    },
    HostOp {
        op: "aten.as_strided.default",
        reason: "arbitrary strided view of storage; ttir tensors have no strides",
    },
    HostOp {
        op: "aten.diagonal.default",
        reason: "strided view of storage; ttir tensors have no strides",
    },
    HostOp {
        op: "aten.sort.default",
        reason: "no sort op in ttir yet",
    },
    HostOp {
        op: "aten.argsort.default",
        reason: "no sort op in ttir yet",
    },
    HostOp {
        op: "aten.topk.default",
        reason: "no sort op in ttir yet",
    },
    HostOp {
        op: "aten.randperm.default",
        reason: "random permutation needs a sort",
    },
    HostOp {
        op: "aten.index_put.default",
        reason: "scatter write; no scatter op in ttir yet",
    },
    HostOp {
        op: "aten.scatter.src",
        reason: "scatter write; no scatter op in ttir yet",
    },
    HostOp {
        op: "aten.scatter.value",
        reason: "scatter write; no scatter op in ttir yet",
    },
    HostOp {
        op: "aten.scatter_add.default",
        reason: "scatter write; no scatter op in ttir yet",
    },
    HostOp {
        op: "aten.scatter_reduce.two",
        reason: "scatter write; no scatter op in ttir yet",
    },
    HostOp {
        op: "aten.cumprod.default",
        reason: "no cumulative product in ttir",
    },
    HostOp {
        op: "aten.erfinv.default",
        reason: "no inverse error function in ttir",
    },
    HostOp {
        op: "aten._fft_r2c.default",
        reason: "complex FFT",
    },
    HostOp {
        op: "aten._fft_c2r.default",
        reason: "complex FFT",
    },
    HostOp {
        op: "aten._cdist_forward.default",
        reason: "pairwise distances are not decomposed yet",
    },
    HostOp {
        op: "aten._pdist_forward.default",
        reason: "pairwise distances are not decomposed yet",
    },
    HostOp {
        op: "aten._embedding_bag.default",
        reason: "bags with offsets are not decomposed yet",
    },
    HostOp {
        op: "aten.grid_sampler_2d.default",
        reason: "data-dependent sampling positions",
    },
    HostOp {
        op: "aten.col2im.default",
        reason: "overlapping patch accumulation needs a scatter",
    },
    HostOp {
        op: "aten.upsample_bilinear2d.vec",
        reason: "bilinear interpolation is not decomposed yet",
    },
    HostOp {
        op: "aten.reflection_pad1d.default",
        reason: "reflection padding is not decomposed yet",
    },
    HostOp {
        op: "aten.reflection_pad2d.default",
        reason: "reflection padding is not decomposed yet",
    },
    HostOp {
        op: "aten.reflection_pad3d.default",
        reason: "reflection padding is not decomposed yet",
    },
    HostOp {
        op: "aten.replication_pad2d.default",
        reason: "replication padding is not decomposed yet",
    },
    HostOp {
        op: "aten.replication_pad3d.default",
        reason: "replication padding is not decomposed yet",
    },
    HostOp {
        op: "aten.avg_pool1d.default",
        reason: "1-D pooling is not mapped to ttir yet",
    },
    HostOp {
        op: "aten.adaptive_avg_pool1d.default",
        reason: "1-D pooling is not mapped to ttir yet",
    },
    HostOp {
        op: "aten.avg_pool3d.default",
        reason: "3-D pooling has no ttir op",
    },
    HostOp {
        op: "aten._adaptive_avg_pool3d.default",
        reason: "3-D pooling has no ttir op",
    },
    HostOp {
        op: "aten.max_pool3d_with_indices.default",
        reason: "3-D pooling has no ttir op",
    },
    HostOp {
        op: "aten.avg_pool2d_backward.default",
        reason: "backward op not decomposed yet",
    },
    HostOp {
        op: "aten._adaptive_avg_pool2d_backward.default",
        reason: "backward op not decomposed yet",
    },
    HostOp {
        op: "aten.native_layer_norm_backward.default",
        reason: "backward op not decomposed yet",
    },
    HostOp {
        op: "aten.native_group_norm_backward.default",
        reason: "backward op not decomposed yet",
    },
    HostOp {
        op: "aten.embedding_dense_backward.default",
        reason: "needs a scatter-add",
    },
    HostOp {
        op: "aten._native_batch_norm_legit.no_stats",
        reason: "batch norm without running statistics buffers is not decomposed yet",
    },
    HostOp {
        op: "aten.atan2.out",
        reason: "out= variants write into a given tensor",
    },
];
