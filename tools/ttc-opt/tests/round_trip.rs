//! Every lit input that is not a negative test round-trips through `ttc-opt`: printing the
//! parsed module, parsing that and printing again gives identical bytes, and the generic form
//! parses back to the same module.
//!
//! A file is negative when its RUN lines expect failure (`not ttc-opt`) or check diagnostics
//! (`--verify-diagnostics`), or when such a RUN line elsewhere names it as an input.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn lit_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lit-tests")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "Output") {
                files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "mlir" || e == "test") {
            out.push(path);
        }
    }
}

fn run_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| l.split_once("RUN:").map(|(_, r)| r.trim()))
        .collect()
}

fn is_negative_line(line: &str) -> bool {
    line.contains("not ttc-opt") || line.contains("--verify-diagnostics")
}

fn ttc_opt(args: &[&str], input: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_ttc-opt"))
        .args(args)
        .arg(input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ttc-opt {args:?} {} failed:\n{}",
        input.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_positive_lit_input_round_trips() {
    let mut all = Vec::new();
    files(&lit_root(), &mut all);
    let mut negative_inputs: HashSet<String> = HashSet::new();
    for f in &all {
        let text = std::fs::read_to_string(f).unwrap();
        for line in run_lines(&text).into_iter().filter(|l| is_negative_line(l)) {
            for token in line.split_whitespace().filter(|t| t.contains("Inputs/")) {
                negative_inputs.insert(token.rsplit('/').next().unwrap().to_owned());
            }
        }
    }

    let scratch = std::env::temp_dir().join(format!("ttc-round-trip-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let mut checked = 0;
    for f in all
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "mlir"))
    {
        let text = std::fs::read_to_string(f).unwrap();
        let runs = run_lines(&text);
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let is_input = f.parent().is_some_and(|p| p.ends_with("Inputs"));
        if runs.iter().any(|l| is_negative_line(l)) || (is_input && negative_inputs.contains(&name))
        {
            continue;
        }
        let split =
            runs.iter().any(|l| l.contains("--split-input-file")) || text.contains("\n// -----\n");
        let flags: Vec<&str> = if split {
            vec!["--split-input-file"]
        } else {
            vec![]
        };

        let first = ttc_opt(&flags, f);
        let printed = scratch.join(format!("{checked}-printed.mlir"));
        std::fs::write(&printed, &first).unwrap();
        let second = ttc_opt(&flags, &printed);
        assert_eq!(
            first,
            second,
            "print -> parse -> print changed {}",
            f.display()
        );

        let mut generic_flags = flags.clone();
        generic_flags.push("--mlir-print-op-generic");
        let generic = ttc_opt(&generic_flags, f);
        let generic_path = scratch.join(format!("{checked}-generic.mlir"));
        std::fs::write(&generic_path, &generic).unwrap();
        assert_eq!(
            ttc_opt(&flags, &generic_path),
            first,
            "generic form of {} parses differently",
            f.display()
        );
        checked += 1;
    }
    std::fs::remove_dir_all(&scratch).ok();
    assert!(checked >= 5, "only {checked} lit inputs were checked");
}
