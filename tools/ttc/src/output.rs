//! Writing results without surprises: a file is replaced only by a complete new version
//! (written to a temporary file beside it, then renamed), devices and pipes are written
//! directly, and `-` or no path means stdout.

use std::io::Write;
use std::path::Path;

/// Writes `text` to `path` (stdout for `None` or `-`).
pub fn write_output(path: Option<&Path>, text: &str) -> Result<(), String> {
    let Some(path) = path.filter(|p| *p != Path::new("-")) else {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(text.as_bytes())
            .and_then(|_| out.flush())
            .map_err(|e| format!("cannot write to stdout: {e}"));
    };
    if path.exists() && !path.is_file() {
        // A device or pipe such as /dev/null: write straight into it.
        return std::fs::write(path, text)
            .map_err(|e| format!("cannot write '{}': {e}", path.display()));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .ok_or_else(|| format!("'{}' is not a file path", path.display()))?;
    let tmp = dir.join(format!(".{}.ttc.tmp", file_name.to_string_lossy()));
    std::fs::write(&tmp, text).map_err(|e| format!("cannot write '{}': {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write '{}': {e}", path.display())
    })
}

/// Reads a UTF-8 text file, with messages that name the file.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read '{}': {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "'{}' is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}
