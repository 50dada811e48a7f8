//! `--verify-diagnostics`: check the diagnostics of a run against `expected-*` annotations in
//! the input, as `mlir-opt` does.
//!
//! An annotation is a comment `// expected-<severity>[@<where>] {{<text>}}` where severity is
//! `error`, `warning`, `remark` or `note`, and `<where>` is `+N` / `-N` (relative line), `N`
//! (absolute line), `above` or `below` (the nearest line that is not itself an annotation).
//! Without `@`, the annotation's own line is meant. A diagnostic matches an annotation with the
//! same severity and line whose text is contained in the diagnostic's message. Every annotation
//! must be matched and every diagnostic expected.

use ttc_dialects::diag::{Diagnostic, Severity, SourcePos};

/// One `expected-*` annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expectation {
    /// Expected severity.
    pub severity: Severity,
    /// 1-based line the diagnostic must point at.
    pub line: usize,
    /// Text the message must contain.
    pub text: String,
    /// Where the annotation itself is (for "was not produced" reports).
    pub at: SourcePos,
}

/// Reads the annotations of `source` (line numbers as in `source`), or a problem with one.
pub fn parse_expectations(source: &str, file: &str) -> Result<Vec<Expectation>, Diagnostic> {
    let lines: Vec<&str> = source.lines().collect();
    let is_annotation = |l: &str| {
        l.contains("expected-error")
            || l.contains("expected-warning")
            || l.contains("expected-remark")
            || l.contains("expected-note")
    };
    let mut out = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let mut rest = *line;
        let mut offset = 0;
        while let Some(found) = rest.find("expected-") {
            let col = offset + found + 1;
            let after = &rest[found + "expected-".len()..];
            let (severity, after) = if let Some(a) = after.strip_prefix("error") {
                (Severity::Error, a)
            } else if let Some(a) = after.strip_prefix("warning") {
                (Severity::Warning, a)
            } else if let Some(a) = after.strip_prefix("remark") {
                (Severity::Remark, a)
            } else if let Some(a) = after.strip_prefix("note") {
                (Severity::Note, a)
            } else {
                offset += found + 1;
                rest = &rest[found + 1..];
                continue;
            };
            let at = SourcePos {
                file: file.to_owned(),
                line: index + 1,
                col,
            };
            let bad = |message: String| Diagnostic {
                severity: Severity::Error,
                pos: Some(at.clone()),
                message,
                notes: vec![],
            };
            let (target, after) = match after.trim_start().strip_prefix('@') {
                None => (index + 1, after),
                Some(spec) => {
                    let end = spec
                        .find(|c: char| c.is_whitespace() || c == '{')
                        .unwrap_or(spec.len());
                    let (designator, tail) = spec.split_at(end);
                    let target = match designator {
                        "above" => (0..index)
                            .rev()
                            .find(|&i| !is_annotation(lines[i]))
                            .map(|i| i + 1),
                        "below" => (index + 1..lines.len())
                            .find(|&i| !is_annotation(lines[i]))
                            .map(|i| i + 1),
                        d if d.starts_with('+') => {
                            d[1..].parse::<usize>().ok().map(|n| index + 1 + n)
                        }
                        d if d.starts_with('-') => d[1..]
                            .parse::<usize>()
                            .ok()
                            .and_then(|n| (index + 1).checked_sub(n)),
                        d => d.parse::<usize>().ok(),
                    };
                    match target {
                        Some(t) if t >= 1 => (t, tail),
                        _ => {
                            return Err(bad(format!(
                                "invalid line designator '@{designator}' in expected-{}",
                                severity.as_str()
                            )));
                        }
                    }
                }
            };
            let after = after.trim_start();
            let Some(body) = after.strip_prefix("{{") else {
                return Err(bad(format!(
                    "expected '{{{{' after expected-{}",
                    severity.as_str()
                )));
            };
            let Some(end) = body.find("}}") else {
                return Err(bad(format!(
                    "expected '}}}}' to close expected-{}",
                    severity.as_str()
                )));
            };
            out.push(Expectation {
                severity,
                line: target,
                text: body[..end].to_owned(),
                at,
            });
            let consumed = line.len() - body[end + 2..].len();
            offset = consumed;
            rest = &line[consumed..];
        }
    }
    Ok(out)
}

/// Matches `diagnostics` against `expectations`; returns the failures as diagnostics.
pub fn check(
    expectations: &[Expectation],
    diagnostics: &[Diagnostic],
    file: &str,
) -> Vec<Diagnostic> {
    let mut matched = vec![false; expectations.len()];
    let mut failures = Vec::new();
    let mut flat = Vec::new();
    for d in diagnostics {
        flat.push(d.clone());
        for n in &d.notes {
            // MLIR attaches the failing op to verifier errors; that note is never expected.
            if !n.message.starts_with("see current operation:") {
                flat.push(n.clone());
            }
        }
    }
    for d in &flat {
        let hit = d.pos.as_ref().filter(|p| p.file == file).and_then(|p| {
            expectations.iter().enumerate().position(|(i, e)| {
                !matched[i]
                    && e.severity == d.severity
                    && e.line == p.line
                    && d.message.contains(&e.text)
            })
        });
        match hit {
            Some(i) => matched[i] = true,
            None => failures.push(Diagnostic {
                severity: Severity::Error,
                pos: d.pos.clone(),
                message: format!("unexpected {}: {}", d.severity.as_str(), d.message),
                notes: vec![],
            }),
        }
    }
    for (e, done) in expectations.iter().zip(matched) {
        if !done {
            failures.push(Diagnostic {
                severity: Severity::Error,
                pos: Some(e.at.clone()),
                message: format!(
                    "expected {} \"{}\" was not produced",
                    e.severity.as_str(),
                    e.text
                ),
                notes: vec![],
            });
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(severity: Severity, line: usize, message: &str) -> Diagnostic {
        Diagnostic {
            severity,
            pos: Some(SourcePos {
                file: "f".into(),
                line,
                col: 1,
            }),
            message: message.into(),
            notes: vec![],
        }
    }

    #[test]
    fn designators() {
        let src = "a\n// expected-error@+1 {{one}}\nb\n// expected-remark @below {{two}}\n// expected-note@-3 {{three}}\nc\nd // expected-warning {{four}}\n// expected-error@above {{five}}\n";
        let e = parse_expectations(src, "f").unwrap();
        let lines: Vec<(Severity, usize, &str)> = e
            .iter()
            .map(|e| (e.severity, e.line, e.text.as_str()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (Severity::Error, 3, "one"),
                (Severity::Remark, 6, "two"),
                (Severity::Note, 2, "three"),
                (Severity::Warning, 7, "four"),
                (Severity::Error, 6, "five"),
            ]
        );
    }

    #[test]
    fn malformed_annotations_are_reported() {
        assert!(parse_expectations("// expected-error {{x", "f").is_err());
        assert!(parse_expectations("// expected-error@zz {{x}}", "f").is_err());
        assert!(parse_expectations("// expected-error x", "f").is_err());
    }

    #[test]
    fn matching_and_failures() {
        let src = "x\n// expected-error@-1 {{bad shape}}\n// expected-error@-2 {{never}}\n";
        let e = parse_expectations(src, "f").unwrap();
        let failures = check(
            &e,
            &[
                diag(Severity::Error, 1, "'ttir.add' op bad shape here"),
                diag(Severity::Warning, 1, "w"),
            ],
            "f",
        );
        let messages: Vec<&str> = failures.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "unexpected warning: w",
                "expected error \"never\" was not produced"
            ]
        );
    }
}
