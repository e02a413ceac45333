//! Every rule's fixtures: files under `fixtures/<family>/<rule>/` named
//! `fires*` must produce that rule, files named `silent*` must not, and the
//! exact findings of every fixture are pinned by snapshots.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use deploylint::config::Config;
use deploylint::discover::{classify, Format};
use deploylint::finding::Finding;
use deploylint::lint;
use deploylint::rules::RULES;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

fn lint_fixture(path: &Path) -> Vec<Finding> {
    let bytes = std::fs::read(path).unwrap();
    let display = path
        .strip_prefix(root())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let format = classify(path, true).unwrap_or(Format::Yaml);
    let mut findings = lint::lint_bytes(&display, bytes, format, true, &Config::default()).findings;
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

fn is_firing(path: &Path) -> bool {
    path.file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("fires")
}

fn is_silent(path: &Path) -> bool {
    path.file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("silent")
}

#[test]
fn every_rule_has_firing_and_silent_fixtures() {
    for rule in RULES {
        let dir = root().join("fixtures").join(rule.meta.id);
        assert!(
            dir.is_dir(),
            "{} has no fixtures folder {}",
            rule.meta.id,
            dir.display()
        );
        let files = fixture_files(&dir);
        assert!(
            files.iter().any(|f| is_firing(f)),
            "{} has no fires* fixture",
            rule.meta.id
        );
        assert!(
            files.iter().any(|f| is_silent(f)),
            "{} has no silent* fixture",
            rule.meta.id
        );
    }
}

#[test]
fn firing_fixtures_fire_and_silent_fixtures_stay_silent() {
    for rule in RULES {
        let id = rule.meta.id;
        for file in fixture_files(&root().join("fixtures").join(id)) {
            let hits = lint_fixture(&file)
                .into_iter()
                .filter(|f| f.rule == id)
                .count();
            if is_firing(&file) {
                assert!(hits > 0, "{} should report {id}", file.display());
            } else if is_silent(&file) {
                assert_eq!(hits, 0, "{} must not report {id}", file.display());
            }
        }
    }
}

/// One line per finding, with everything a user sees but the snippet.
fn describe(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        writeln!(
            out,
            "{}:{}-{}:{} {} {} [{}]\n    {}\n    help: {}",
            f.start.line,
            f.start.column,
            f.end.line,
            f.end.column,
            f.severity,
            f.rule,
            f.object.as_deref().unwrap_or("-"),
            f.message,
            f.help
        )
        .unwrap();
        for related in &f.related {
            writeln!(
                out,
                "    related {}:{}: {}",
                related.line, related.column, related.message
            )
            .unwrap();
        }
    }
    out
}

/// The rule a fixture belongs to, from its folder: `fixtures/k8s/latest-tag/x.yaml` → `k8s/latest-tag`.
fn rule_of(path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root().join("fixtures")).ok()?;
    let parts: Vec<_> = relative.iter().map(|p| p.to_string_lossy()).collect();
    (parts.len() == 3).then(|| format!("{}/{}", parts[0], parts[1]))
}

/// Pins each fixture's findings for its own rule, so a change to one rule's
/// wording touches only that rule's snapshots.
#[test]
fn fixture_findings_are_pinned() {
    insta::glob!(
        "../fixtures",
        "**/*.{yaml,yml,json,tf,tfvars,hcl,md,Dockerfile}",
        |path| {
            let mut findings = lint_fixture(path);
            if let Some(rule) = rule_of(path) {
                findings.retain(|f| f.rule == rule);
            }
            insta::assert_snapshot!(describe(&findings));
        }
    );
}
