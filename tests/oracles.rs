//! deploylint against the real tools, on corpora of tricky inputs
//! (`tests/corpus/`): what kubectl (go-yaml) or PyYAML accepts as YAML, and
//! what BuildKit's parser accepts as a Dockerfile, deploylint never
//! rejects; Dockerfiles also split into the same instructions and heredocs;
//! Markdown documents hold the fenced blocks CommonMark finds.
//! Files named `invalid-*` are rejected by every oracle, and by deploylint.
//!
//! The oracles are Python packages (`pyyaml`, `dockerfile`, `markdown-it-py`)
//! and kubectl.
//! `.ci/run` installs them and sets `DEPLOYLINT_ORACLES=required` and
//! `DEPLOYLINT_PYTHON`; elsewhere a missing oracle skips its test with the
//! reason printed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use deploylint::parse::{dockerfile, yaml};
use deploylint::source::SourceFile;
use serde_json::Value;

mod common;
use common::{corpus, name_of, oracle_missing};

/// Runs a Python oracle script over `files`; `None` when Python or its
/// package is missing.
fn python_oracle(script: &str, module: &str, files: &[PathBuf]) -> Option<BTreeMap<String, Value>> {
    let python = std::env::var("DEPLOYLINT_PYTHON").unwrap_or_else(|_| "python3".into());
    let has_module = Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_module {
        oracle_missing(
            &format!("the Python package `{module}`"),
            &format!("`{python} -c 'import {module}'` failed"),
        );
        return None;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/oracles")
        .join(script);
    let output = Command::new(&python)
        .arg(script)
        .args(files)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let verdicts: BTreeMap<String, Value> = serde_json::from_slice(&output.stdout).unwrap();
    Some(
        verdicts
            .into_iter()
            .map(|(path, verdict)| (name_of(Path::new(&path)), verdict))
            .collect(),
    )
}

/// Whether `kubectl kustomize` reads the file as a resource.
fn kubectl_accepts(file: &Path) -> bool {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(file, dir.path().join("resource.yaml")).unwrap();
    std::fs::write(
        dir.path().join("kustomization.yaml"),
        "resources:\n- resource.yaml\n",
    )
    .unwrap();
    Command::new("kubectl")
        .arg("kustomize")
        .arg(dir.path())
        .output()
        .unwrap()
        .status
        .success()
}

fn deploylint_accepts_yaml(file: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).unwrap();
    let stream = yaml::parse(&SourceFile::new(name_of(file), text));
    match stream.errors.first() {
        None => Ok(()),
        Some(error) => Err(format!("{} at byte {}", error.message, error.offset)),
    }
}

#[test]
fn yaml_that_kubectl_or_pyyaml_accepts_is_never_rejected() {
    let files = corpus("yaml");
    assert!(files.len() >= 50, "the corpus holds {} files", files.len());
    let Some(pyyaml) = python_oracle("pyyaml_accepts.py", "yaml", &files) else {
        return;
    };
    let kubectl = Command::new("kubectl")
        .arg("version")
        .arg("--client")
        .output();
    if kubectl.is_err() && oracle_missing("kubectl", "it is not on PATH") {
        return;
    }
    let mut problems = Vec::new();
    for file in &files {
        let name = name_of(file);
        let by_pyyaml = pyyaml[&name] == Value::Bool(true);
        let by_kubectl = kubectl_accepts(file);
        let ours = deploylint_accepts_yaml(file);
        if name.starts_with("invalid-") {
            if by_pyyaml || by_kubectl || ours.is_ok() {
                problems.push(format!(
                    "{name}: meant to be invalid, but accepted by pyyaml {by_pyyaml}, kubectl {by_kubectl}, deploylint {}",
                    ours.is_ok()
                ));
            }
        } else if let Some(error) = ours.as_ref().err().filter(|_| by_pyyaml || by_kubectl) {
            problems.push(format!(
                "{name}: accepted by {} but deploylint says {error}",
                if by_kubectl { "kubectl" } else { "PyYAML" }
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn dockerfiles_that_buildkit_parses_are_read_into_the_same_instructions() {
    let files = corpus("dockerfile");
    assert!(files.len() >= 50, "the corpus holds {} files", files.len());
    let Some(buildkit) = python_oracle("dockerfile_parse.py", "dockerfile", &files) else {
        return;
    };
    let mut problems = Vec::new();
    for file in &files {
        let name = name_of(file);
        let text = std::fs::read_to_string(file).unwrap();
        let source = SourceFile::new(name.as_str(), text);
        let parsed = dockerfile::parse(&source.text, 0);
        let verdict = &buildkit[&name];
        let ours_ok = parsed.errors.is_empty();
        if verdict["ok"] != Value::Bool(true) {
            if ours_ok {
                problems.push(format!(
                    "{name}: BuildKit rejects it ({}) but deploylint accepts it",
                    verdict["error"]
                ));
            }
            continue;
        }
        if !ours_ok {
            problems.push(format!(
                "{name}: BuildKit parses it but deploylint says {:?}",
                parsed.errors
            ));
            continue;
        }
        let ours: Vec<Value> = parsed
            .instructions
            .iter()
            .map(|i| {
                let heredocs: Vec<&str> = i.heredocs.iter().map(|h| h.delimiter.as_str()).collect();
                match i.keyword.as_str() {
                    "ONBUILD" => serde_json::json!([i.keyword, null]),
                    _ => serde_json::json!([i.keyword, heredocs]),
                }
            })
            .collect();
        if Value::Array(ours.clone()) != verdict["instructions"] {
            problems.push(format!(
                "{name}: BuildKit reads {} but deploylint reads {}",
                verdict["instructions"],
                Value::Array(ours)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Text compared line by line without its indentation: CommonMark strips
/// the fence's indentation from its content, deploylint keeps the file's.
fn unindented(text: &str) -> String {
    text.lines()
        .map(|l| format!("{}\n", l.trim_start()))
        .collect()
}

#[test]
fn markdown_fences_are_the_ones_commonmark_reads() {
    let files = corpus("markdown");
    let Some(commonmark) = python_oracle("markdown_fences.py", "markdown_it", &files) else {
        return;
    };
    let mut problems = Vec::new();
    for file in &files {
        let name = name_of(file);
        let text = std::fs::read_to_string(file).unwrap();
        let ours: Vec<(String, String)> = deploylint::parse::markdown::fenced_blocks(&text)
            .into_iter()
            .map(|b| (b.tag, unindented(&text[b.content.start..b.content.end])))
            .collect();
        let theirs: Vec<(String, String)> = commonmark[&name]
            .as_array()
            .unwrap()
            .iter()
            .map(|block| {
                let tag = block[0].as_str().unwrap().trim_matches(['{', '}', '.']);
                (
                    tag.to_ascii_lowercase(),
                    unindented(block[1].as_str().unwrap()),
                )
            })
            .collect();
        if ours != theirs {
            problems.push(format!(
                "{name}: CommonMark reads {theirs:?}, deploylint {ours:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
