//! Errors of the frontend: always with a file, line and column.

use std::fmt;

use crate::graph::Pos;

/// A problem in the graph text, at a position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontendError {
    /// The graph file's name as given by the user.
    pub file: String,
    /// Where the problem is.
    pub pos: Pos,
    /// What was expected and what was found.
    pub message: String,
}

impl FrontendError {
    /// An error at `pos` in `file`.
    pub fn at(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        FrontendError {
            file: file.to_owned(),
            pos,
            message: message.into(),
        }
    }
}

impl fmt::Display for FrontendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            self.file, self.pos.line, self.pos.col, self.message
        )
    }
}

impl std::error::Error for FrontendError {}
