//! Fingerprints that identify a finding across commits, and baselines built
//! from them: `--write-baseline` records today's findings, `--baseline`
//! hides exactly those, so only new findings fail a run.
//!
//! A fingerprint is the rule, the file, the object and the message with its
//! numbers blanked, not the line: moving code or editing unrelated lines
//! keeps it. Identical findings are told apart by their order.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::suppress::Suppressors;

/// FNV-1a, 64 bits: stable across platforms and releases, unlike `DefaultHasher`.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0u8)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The message with every run of digits replaced by `#`, so that a changed
/// replica count or a line number inside the message does not matter.
fn normalise(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut in_digits = false;
    for c in message.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            out.push(c);
            in_digits = false;
        }
    }
    out
}

/// Fingerprints of `findings`, in order; the n-th identical finding gets `:n`.
pub fn fingerprints(findings: &[Finding]) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let message = normalise(&f.message);
            let hash = fnv1a(&[
                &f.rule,
                &f.file,
                f.object.as_deref().unwrap_or(""),
                &message,
            ]);
            let count = seen.entry(hash).or_insert(0);
            *count += 1;
            format!("{hash:016x}:{count}")
        })
        .collect()
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub rule: String,
    pub file: String,
    #[serde(default)]
    pub object: Option<String>,
    pub message: String,
}

/// The baseline entries of findings whose fingerprints are `prints`.
pub fn entries(findings: &[Finding], prints: &[String]) -> Vec<BaselineEntry> {
    findings
        .iter()
        .zip(prints)
        .map(|(f, fingerprint)| BaselineEntry {
            fingerprint: fingerprint.clone(),
            rule: f.rule.to_string(),
            file: f.file.to_string(),
            object: f.object.clone(),
            message: f.message.clone(),
        })
        .collect()
}

pub fn write(path: &Path, findings: Vec<BaselineEntry>) -> Result<(), String> {
    let baseline = Baseline {
        version: 1,
        findings,
    };
    let text = serde_json::to_string_pretty(&baseline).expect("the baseline serializes") + "\n";
    std::fs::write(path, text)
        .map_err(|e| format!("cannot write the baseline {}: {e}", path.display()))
}

pub fn read(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
    let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
        format!(
            "the baseline {}:{}:{} is not valid: {e}; write a new one with --write-baseline",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    if baseline.version != 1 {
        return Err(format!(
            "the baseline {} has version {}; this deploylint reads version 1",
            path.display(),
            baseline.version
        ));
    }
    Ok(baseline)
}

impl Baseline {
    /// The fingerprints it records.
    pub fn known(&self) -> HashSet<String> {
        self.findings
            .iter()
            .map(|e| e.fingerprint.clone())
            .collect()
    }
}

/// Removes the findings whose fingerprint is `known`, with their fingerprints;
/// returns how many were removed.
pub fn hide(
    known: &HashSet<String>,
    findings: &mut Vec<Finding>,
    prints: &mut Vec<String>,
) -> usize {
    let before = findings.len();
    let by = Suppressors {
        baseline: Some(known),
        ..Suppressors::default()
    };
    let keep: Vec<bool> = findings
        .iter()
        .zip(prints.iter())
        .map(|(f, print)| by.why(&f.rule, f.start.line, Some(print)).is_none())
        .collect();
    let mut flags = keep.iter();
    findings.retain(|_| *flags.next().unwrap_or(&true));
    let mut flags = keep.iter();
    prints.retain(|_| *flags.next().unwrap_or(&true));
    before - findings.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use crate::source::{LineCol, Span};

    fn finding(line: usize, message: &str) -> Finding {
        Finding {
            rule: "k8s/latest-tag".into(),
            severity: Severity::Warning,
            file: "a.yaml".into(),
            span: Span::new(0, 1),
            start: LineCol { line, column: 1 },
            end: LineCol { line, column: 2 },
            object: Some("Deployment/shop/web".into()),
            message: message.into(),
            help: "".into(),
            label: None,
            related: Default::default(),
            extra: None,
        }
    }

    #[test]
    fn fingerprints_ignore_lines_and_numbers_but_not_words() {
        let a = fingerprints(&[finding(3, "image nginx, seen on line 3")]);
        let b = fingerprints(&[finding(40, "image nginx, seen on line 40")]);
        let c = fingerprints(&[finding(3, "image redis, seen on line 3")]);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn identical_findings_are_counted() {
        let prints = fingerprints(&[finding(1, "x"), finding(2, "x")]);
        assert_ne!(prints[0], prints[1]);
        assert!(prints[1].ends_with(":2"));
    }

    #[test]
    fn a_baseline_hides_exactly_what_it_recorded() {
        let old = vec![finding(1, "x")];
        let baseline = Baseline {
            version: 1,
            findings: fingerprints(&old)
                .into_iter()
                .map(|fingerprint| BaselineEntry {
                    fingerprint,
                    rule: String::new(),
                    file: String::new(),
                    object: None,
                    message: String::new(),
                })
                .collect(),
        };
        let mut now = vec![finding(5, "x"), finding(6, "x"), finding(7, "y")];
        let mut prints = fingerprints(&now);
        let original = prints.clone();
        assert_eq!(hide(&baseline.known(), &mut now, &mut prints), 1);
        assert_eq!(now.len(), 2);
        assert_eq!(now[0].start.line, 6, "the first x was recorded");
        assert_eq!(prints, original[1..]);
    }
}
