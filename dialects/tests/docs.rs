//! `docs/dialects/{ttir,ttnn}.md` are mlir-tblgen's documentation of the ODS definitions, as
//! the build generated it; this test keeps them current
//! (`TTC_BLESS=1 cargo test -p ttc-dialects --test docs` rewrites them).

use std::path::Path;

fn check(name: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../docs/dialects")
        .join(name);
    if std::env::var_os("TTC_BLESS").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "{} is stale: run `TTC_BLESS=1 cargo test -p ttc-dialects --test docs`",
        path.display()
    );
}

#[test]
fn dialect_docs_are_current() {
    check(
        "ttir.md",
        include_str!(concat!(env!("OUT_DIR"), "/Ttir.md")),
    );
    check(
        "ttnn.md",
        include_str!(concat!(env!("OUT_DIR"), "/Ttnn.md")),
    );
}
