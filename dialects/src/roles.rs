//! What a function argument is to the model: the `ttc.role` argument attribute.
//!
//! The importer sets it from what the trace says (torch.export names parameters `p_*`, buffers
//! `b_*`, lifted constants `c_*`) or from a model's `meta.json`; a user writing IR sets it by
//! hand: `%arg0: tensor<...> {ttc.role = "parameter"}`. Arguments without it are inputs.
//! Parameters, buffers and constants do not change between runs, so everything computed only
//! from them may be computed once (`ttnn-const-eval`).

use std::fmt;

/// The argument attribute holding the role.
pub const ATTR: &str = "ttc.role";

/// The role of a function argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArgRole {
    /// Data that changes per call (the default).
    Input,
    /// A trained weight.
    Parameter,
    /// A module buffer (running statistics, position ids, ...).
    Buffer,
    /// A constant lifted out of the graph.
    Constant,
}

impl ArgRole {
    /// Every role.
    pub const ALL: &'static [ArgRole] = &[
        ArgRole::Input,
        ArgRole::Parameter,
        ArgRole::Buffer,
        ArgRole::Constant,
    ];

    /// The spelling in IR.
    pub fn as_str(self) -> &'static str {
        match self {
            ArgRole::Input => "input",
            ArgRole::Parameter => "parameter",
            ArgRole::Buffer => "buffer",
            ArgRole::Constant => "constant",
        }
    }

    /// Parses the IR spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|r| r.as_str() == text)
    }

    /// Whether the value is the same on every call.
    pub fn is_constant(self) -> bool {
        !matches!(self, ArgRole::Input)
    }

    /// The role torch.export's placeholder naming implies (`p_`, `b_`, `c_` prefixes).
    pub fn from_export_name(name: &str) -> Option<Self> {
        if name.starts_with("p_") {
            Some(ArgRole::Parameter)
        } else if name.starts_with("b_") {
            Some(ArgRole::Buffer)
        } else if name.starts_with("c_") {
            Some(ArgRole::Constant)
        } else {
            None
        }
    }
}

impl fmt::Display for ArgRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
