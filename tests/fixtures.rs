//! Every rule's fixtures under `fixtures/<family>/<rule>/`: entries named
//! `fires*` must produce that rule, entries named `silent*` must not, and the
//! exact findings of every fixture are pinned by snapshots. An entry is a
//! file, or a folder linted as one run (for rules across files, such as
//! Terraform node pools against manifests); a folder may hold its own
//! `.deploylint.yaml`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use deploylint::config::Config;
use deploylint::discover::{display_path, DiscoverOptions, Excludes};
use deploylint::finding::Finding;
use deploylint::rules;
use deploylint::run::{self, RunInput};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `fires*` and `silent*` entries of a rule's fixture folder.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| is_firing(path) || is_silent(path))
        .collect();
    found.sort();
    found
}

fn lint(path: &Path) -> Vec<Finding> {
    let config_path = path.join(".deploylint.yaml");
    let config = if config_path.is_file() {
        Config::load(&config_path, display_path(&config_path, &root())).unwrap()
    } else {
        Config::default()
    };
    let input = RunInput {
        paths: vec![path.to_path_buf()],
        stdin: None,
        excludes: Excludes::new(&root(), &[]).unwrap(),
        options: DiscoverOptions {
            markdown: true,
            parser: None,
        },
        jobs: Some(1),
        partial: false,
        policies: deploylint::rego::Policies::builtin(),
    };
    let handling = run::Handling {
        keep_findings: true,
        report_unused_ignores: true,
        ..run::Handling::default()
    };
    let mut findings = run::run(input, &config, &handling, Vec::new())
        .unwrap()
        .findings;
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

fn name_of(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

fn is_firing(path: &Path) -> bool {
    name_of(path).starts_with("fires")
}

fn is_silent(path: &Path) -> bool {
    name_of(path).starts_with("silent")
}

fn rule_dir(id: &str) -> PathBuf {
    root().join("fixtures").join(id)
}

#[test]
fn every_rule_has_firing_and_silent_fixtures() {
    for meta in rules::all() {
        let dir = rule_dir(meta.id);
        assert!(
            dir.is_dir(),
            "{} has no fixtures folder {}",
            meta.id,
            dir.display()
        );
        let found = entries(&dir);
        assert!(
            found.iter().any(|f| is_firing(f)),
            "{} has no fires* fixture",
            meta.id
        );
        assert!(
            found.iter().any(|f| is_silent(f)),
            "{} has no silent* fixture",
            meta.id
        );
    }
}

/// `cargo xtask new-rule` writes placeholders that say so; none may stay.
#[test]
fn no_fixture_is_still_a_placeholder() {
    for meta in rules::all() {
        for entry in entries(&rule_dir(meta.id)) {
            let text = std::fs::read_to_string(&entry).unwrap_or_default();
            assert!(
                !text.contains("deploylint-new-rule:"),
                "{} is still the placeholder `cargo xtask new-rule` wrote: replace it with a real input",
                entry.display()
            );
        }
    }
}

#[test]
fn firing_fixtures_fire_and_silent_fixtures_stay_silent() {
    for meta in rules::all() {
        let id = meta.id;
        for entry in entries(&rule_dir(id)) {
            let hits = lint(&entry).into_iter().filter(|f| f.rule == id).count();
            if is_firing(&entry) {
                assert!(hits > 0, "{} should report {id}", entry.display());
            } else {
                assert_eq!(hits, 0, "{} must not report {id}", entry.display());
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
            "{}:{}:{}-{}:{} {} {} [{}]\n    {}\n    help: {}",
            f.file,
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
                "    related {}:{}:{}: {}",
                related.file, related.line, related.column, related.message
            )
            .unwrap();
        }
    }
    out
}

/// Pins each fixture's findings for its own rule, so a change to one rule's
/// wording touches only that rule's snapshots.
#[test]
fn fixture_findings_are_pinned() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/fixtures");
    settings.bind(|| {
        for meta in rules::all() {
            let id = meta.id;
            for entry in entries(&rule_dir(id)) {
                let mut findings = lint(&entry);
                findings.retain(|f| f.rule == id);
                let name = format!("{}__{}", id.replace('/', "__"), name_of(&entry));
                insta::assert_snapshot!(name, describe(&findings));
            }
        }
    });
}
