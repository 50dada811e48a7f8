//! Checks on the lowering tables of `ttir-legalize-aten`:
//! - every lowering has a lit test (its overload appears in `lit-tests/passes/ttir-legalize-aten/`);
//! - every overload with a lowering or a host reason has a schema, so its arguments can be read;
//! - `docs/aten-coverage.md` is the current output of the coverage generator
//!   (`TTC_BLESS=1 cargo test -p ttc-passes --test legalize_tables` rewrites it).

use std::path::Path;

use ttc_dialects::aten::SchemaTable;
use ttc_passes::legalize_aten::{coverage, lowerings};

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

#[test]
fn every_lowering_has_a_lit_test() {
    let dir = repo().join("lit-tests/passes/ttir-legalize-aten");
    let mut text = String::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    let mut missing: Vec<&str> = lowerings()
        .keys()
        .copied()
        .filter(|op| !text.contains(&format!("\"{op}\"")))
        .collect();
    missing.sort_unstable();
    assert!(
        missing.is_empty(),
        "lowerings without a lit test in {}: {missing:?}",
        dir.display()
    );
}

#[test]
fn every_lowering_has_a_schema() {
    let table = SchemaTable::builtin();
    let mut missing: Vec<&str> = lowerings()
        .keys()
        .copied()
        .filter(|op| table.get(op).is_none())
        .collect();
    missing.sort_unstable();
    assert!(
        missing.is_empty(),
        "lowerings whose overload has no schema: {missing:?}"
    );
}

#[test]
fn coverage_doc_is_current() {
    let path = repo().join("docs/aten-coverage.md");
    let generated = coverage::markdown();
    if std::env::var_os("TTC_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "{} is stale: run `TTC_BLESS=1 cargo test -p ttc-passes --test legalize_tables`",
        path.display()
    );
}
