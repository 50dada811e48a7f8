//! `--split-input-file`: cut a file at `// -----` lines into independent chunks.
//!
//! Each chunk is padded with the newlines that precede it, so line numbers in diagnostics and
//! `expected-error` annotations are those of the original file.

/// The line that separates chunks.
pub const MARKER: &str = "// -----";

/// One chunk: its text (padded to keep line numbers) and the 0-based line it starts on.
#[derive(Debug, PartialEq, Eq)]
pub struct Chunk {
    /// The chunk's text, preceded by one newline per line before it.
    pub text: String,
    /// 0-based index of the chunk's first line in the file.
    pub first_line: usize,
}

/// Splits `source` at lines that are exactly the marker (surrounding whitespace ignored).
pub fn split(source: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut current = String::new();
    for (i, line) in source.lines().enumerate() {
        if line.trim() == MARKER {
            chunks.push(Chunk {
                text: padded(start, &current),
                first_line: start,
            });
            current.clear();
            start = i + 1;
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    chunks.push(Chunk {
        text: padded(start, &current),
        first_line: start,
    });
    chunks
}

fn padded(first_line: usize, text: &str) -> String {
    let mut out = "\n".repeat(first_line);
    out.push_str(text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_line_numbers() {
        let chunks = split("a\nb\n// -----\nc\n  // -----  \nd\n");
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[0].text, "a\nb\n");
        assert_eq!(chunks[1].text, "\n\n\nc\n");
        assert_eq!(chunks[2].text.lines().nth(5), Some("d"));
        assert_eq!(chunks[2].first_line, 5);
    }

    #[test]
    fn no_marker_is_one_chunk() {
        assert_eq!(split("x\n").len(), 1);
    }
}
