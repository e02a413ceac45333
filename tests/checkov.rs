//! The Kubernetes rules that cover a checkov check (`checkov: CKV_K8S_16`
//! in `explain`), side by side with checkov 3.3.30 on each rule's own
//! fixtures: every object checkov fails for a covered check must be
//! reported by that rule, and every object the rule reports must fail in
//! checkov — except the disagreements listed, with their reason, in
//! `tests/oracles/checkov-disagreements.txt`, each of whose reasons the
//! README explains. A listed disagreement that no longer happens fails too.
//!
//! checkov comes from PyPI, installed by `.ci/run` beside
//! `DEPLOYLINT_PYTHON`; elsewhere the test is skipped with the reason printed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use deploylint::config::Config;
use deploylint::discover::{DiscoverOptions, Excludes};
use deploylint::rules;
use deploylint::run::{self, RunInput};
use serde_json::Value;

mod common;
use common::oracle_missing;

const VERSION: &str = "3.3.30";

/// What a tool says: the fixture (`k8s/host-port/fires.yaml`), the object
/// (`namespace/name`; checkov's kinds differ for pods it derives), the rule.
type Verdict = (String, String, &'static str);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The checkov checks each rule covers.
fn covered() -> BTreeMap<&'static str, Vec<&'static str>> {
    rules::all()
        .iter()
        .map(|meta| {
            let checks = meta
                .covers
                .iter()
                .filter_map(|c| c.strip_prefix("checkov: "))
                .collect::<Vec<_>>();
            (meta.id, checks)
        })
        .filter(|(_, checks)| !checks.is_empty())
        .collect()
}

/// The YAML fixtures of a rule's own folder, relative to `fixtures/`.
fn fixtures_of(id: &str) -> Vec<String> {
    let dir = root().join("fixtures").join(id);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| format!("{id}/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    files
}

fn checkov() -> Option<PathBuf> {
    let beside_python = std::env::var("DEPLOYLINT_PYTHON")
        .ok()
        .and_then(|python| Some(Path::new(&python).parent()?.join("checkov")));
    for candidate in beside_python.into_iter().chain([PathBuf::from("checkov")]) {
        let Ok(output) = Command::new(&candidate).arg("--version").output() else {
            continue;
        };
        let version = String::from_utf8_lossy(&output.stdout);
        if version.trim() == VERSION {
            return Some(candidate);
        }
        eprintln!("{} is {version}, not {VERSION}", candidate.display());
    }
    oracle_missing(
        &format!("checkov {VERSION}"),
        &format!("`pip install checkov=={VERSION}` has not been run"),
    );
    None
}

/// `Deployment.shop.web` (or a pod checkov derives, `Pod.shop.web.app-web`)
/// as `shop/web`.
fn object_of_resource(resource: &str) -> String {
    let mut parts = resource.splitn(3, '.');
    let (_kind, namespace, name) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let name = name.split(".app-").next().unwrap_or(name);
    format!("{namespace}/{name}")
}

/// `Deployment/shop/web` as `shop/web`; cluster-scoped `ClusterRole/x` as
/// `default/x`, as checkov names it.
fn object_of_id(id: &str) -> String {
    let parts: Vec<&str> = id.splitn(3, '/').collect();
    match parts[..] {
        [_, namespace, name] => format!("{namespace}/{name}"),
        [_, name] => format!("default/{name}"),
        _ => id.to_string(),
    }
}

fn checkov_verdicts(
    checkov: &Path,
    covered: &BTreeMap<&'static str, Vec<&'static str>>,
) -> BTreeSet<Verdict> {
    let checks: Vec<&str> = covered.values().flatten().copied().collect();
    let mut command = Command::new(checkov);
    command.current_dir(root().join("fixtures")).args([
        "--framework",
        "kubernetes",
        "-o",
        "json",
        "--quiet",
        "--compact",
        "--skip-download",
        "--check",
        &checks.join(","),
    ]);
    for id in covered.keys() {
        for file in fixtures_of(id) {
            command.args(["-f", &file]);
        }
    }
    let output = command.output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "checkov's report is not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let reports = match report {
        Value::Array(reports) => reports,
        single => vec![single],
    };
    let mut verdicts = BTreeSet::new();
    for report in reports {
        for failed in report["results"]["failed_checks"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let file = failed["file_path"]
                .as_str()
                .unwrap()
                .trim_start_matches('/');
            let check = failed["check_id"].as_str().unwrap();
            let object = object_of_resource(failed["resource"].as_str().unwrap());
            for (id, checks) in covered {
                // Each rule is compared on its own fixtures only.
                if checks.contains(&check) && file.starts_with(&format!("{id}/")) {
                    verdicts.insert((file.to_string(), object.clone(), *id));
                }
            }
        }
    }
    verdicts
}

fn deploylint_verdicts(covered: &BTreeMap<&'static str, Vec<&'static str>>) -> BTreeSet<Verdict> {
    let mut verdicts = BTreeSet::new();
    for id in covered.keys() {
        let input = RunInput {
            paths: fixtures_of(id)
                .iter()
                .map(|f| root().join("fixtures").join(f))
                .collect(),
            stdin: None,
            excludes: Excludes::new(&root(), &[]).unwrap(),
            options: DiscoverOptions {
                markdown: false,
                parser: None,
            },
            jobs: None,
            partial: false,
            policies: deploylint::rego::Policies::builtin(),
        };
        let handling = run::Handling {
            keep_findings: true,
            ..run::Handling::default()
        };
        let report = run::run(input, &Config::default(), &handling, Vec::new()).unwrap();
        for finding in report.findings.iter().filter(|f| &*f.rule == *id) {
            let file = Path::new(&*finding.file);
            let name = file.file_name().unwrap().to_string_lossy();
            let object = finding
                .object
                .as_deref()
                .map(object_of_id)
                .unwrap_or_default();
            verdicts.insert((format!("{id}/{name}"), object, *id));
        }
    }
    verdicts
}

/// A listed disagreement: (file, object, rule), the one tool that reports it, why.
type Listed = ((String, String, String), String, String);

fn listed_disagreements() -> Vec<Listed> {
    let path = root().join("tests/oracles/checkov-disagreements.txt");
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [file, object, rule, only, reason] = fields[..] else {
                panic!(
                    "{}: `{line}` is not `file object rule only reason`",
                    path.display()
                );
            };
            assert!(matches!(only, "deploylint" | "checkov"), "`{line}`");
            (
                (file.into(), object.into(), rule.into()),
                only.into(),
                reason.into(),
            )
        })
        .collect()
}

#[test]
fn deploylint_agrees_with_checkov_where_their_checks_mean_the_same() {
    let covered = covered();
    assert!(
        covered.len() >= 10,
        "{} rules cover checkov checks",
        covered.len()
    );
    let Some(checkov) = checkov() else {
        return;
    };
    let theirs = checkov_verdicts(&checkov, &covered);
    let ours = deploylint_verdicts(&covered);
    let as_text = |set: &BTreeSet<Verdict>, other: &BTreeSet<Verdict>, who: &str| {
        set.difference(other)
            .map(|(f, o, r)| format!("{f} {o} {r} {who}"))
            .collect::<BTreeSet<String>>()
    };
    let found: BTreeSet<String> = as_text(&ours, &theirs, "deploylint")
        .into_iter()
        .chain(as_text(&theirs, &ours, "checkov"))
        .collect();
    let listed: BTreeSet<String> = listed_disagreements()
        .into_iter()
        .map(|((f, o, r), who, _)| format!("{f} {o} {r} {who}"))
        .collect();
    let unexplained: Vec<&String> = found.difference(&listed).collect();
    let stale: Vec<&String> = listed.difference(&found).collect();
    assert!(
        unexplained.is_empty() && stale.is_empty(),
        "unexplained disagreements with checkov (fix the rule, or list them with a reason):\n{unexplained:#?}\nlisted disagreements that no longer happen:\n{stale:#?}"
    );
    for id in covered.keys() {
        assert!(
            ours.intersection(&theirs).any(|(_, _, rule)| rule == id),
            "no fixture of {id} has both tools report it"
        );
    }
}

#[test]
fn every_reason_for_disagreeing_with_checkov_is_explained_in_the_readme() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for (_, _, reason) in listed_disagreements() {
        assert!(
            readme.contains(&format!("| `{reason}` |")),
            "README.md does not explain the reason `{reason}`"
        );
    }
}
