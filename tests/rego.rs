//! User Rego policies end to end: both syntaxes, exceptions, data, `path`
//! locations, METADATA ids, every input format, `--combine`, `verify`, and
//! broken policies.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{deploylint, write};

/// Findings of `--format json`, without the built-in rules' (which are tested elsewhere).
fn policy_findings(cmd: &mut Command) -> Vec<Value> {
    let output = cmd.args(["--format", "json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            let rule = f["rule"].as_str().unwrap();
            !deploylint::rules::all().iter().any(|m| m.id == rule)
        })
        .cloned()
        .collect()
}

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: docker.io/library/nginx:1.27
          securityContext:
            privileged: true
";

const V1_POLICY: &str = r#"package main

import rego.v1

deny contains result if {
	some i, container in input.spec.template.spec.containers
	not startswith(container.image, "registry.internal/")
	result := {
		"msg": sprintf("image %s is not from the internal registry", [container.image]),
		"path": ["spec", "template", "spec", "containers", i, "image"],
		"rule": "ORG-001",
		"team": "platform",
	}
}

warn contains msg if {
	input.kind == "Deployment"
	not input.spec.replicas
	msg := "replicas is not set"
}
"#;

const V0_POLICY: &str = r#"package main

# METADATA
# custom:
#   id: ORG-002
#   severity: warning
deny_privileged[msg] {
	c := input.spec.template.spec.containers[_]
	c.securityContext.privileged
	msg := sprintf("container %s is privileged", [c.name])
}

exception[rules] {
	input.metadata.name == "allowed"
	rules := ["privileged"]
}
"#;

#[test]
fn policies_in_both_syntaxes_report_with_paths_ids_and_extra_fields() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "policy/v1.rego", V1_POLICY);
    write(dir.path(), "policy/legacy.rego", V0_POLICY);
    write(dir.path(), "deploy/web.yaml", DEPLOYMENT);
    let findings = policy_findings(deploylint(dir.path()).arg("deploy"));
    let summary: Vec<(String, String, u64, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("ORG-002".to_string(), "warning".to_string(), 1, 1),
            ("rego/main/warn".to_string(), "warning".to_string(), 1, 1),
            ("ORG-001".to_string(), "error".to_string(), 11, 18),
        ]
    );
    let org = &findings[2];
    assert_eq!(org["extra"]["team"], "platform");
    assert_eq!(org["object"], "Deployment/shop/web");
    // The exception silences the legacy rule for the object it names.
    write(
        dir.path(),
        "deploy/web.yaml",
        &DEPLOYMENT.replace("name: web\n  namespace", "name: allowed\n  namespace"),
    );
    let findings = policy_findings(deploylint(dir.path()).arg("deploy"));
    assert!(findings.iter().all(|f| f["rule"] != "ORG-002"));
}

/// Complete rules report their value; an undefined, `false` or `null` one reports nothing.
const COMPLETE_RULES: &str = r#"package main

import rego.v1

deny_replicas := "replicas must be set" if not input.spec.replicas

deny_never := "never" if input.kind == "Nope"

warn_off := false

warn_nothing := null

warn_score := {"msg": "score is low", "severity": "info", "score": 3, "path": ["metadata", "name"]}
"#;

#[test]
fn complete_rules_report_their_value_and_undefined_ones_nothing() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "policy/complete.rego", COMPLETE_RULES);
    write(dir.path(), "deploy/web.yaml", DEPLOYMENT);
    let findings = policy_findings(deploylint(dir.path()).arg("deploy"));
    let summary: Vec<(&str, &str, &str, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "rego/main/deny_replicas",
                "error",
                "replicas must be set",
                1
            ),
            ("rego/main/warn_score", "info", "score is low", 4),
        ]
    );
    assert_eq!(findings[1]["extra"], serde_json::json!({"score": 3}));
}

#[test]
fn policy_findings_are_configurable_and_suppressible() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "policy/v1.rego", V1_POLICY);
    write(dir.path(), ".deploylint.yaml", "rules:\n  ORG-001: off\n");
    write(
        dir.path(),
        "web.yaml",
        &DEPLOYMENT.replace("apps/v1\n", "apps/v1 # deploylint-ignore rego/main/warn\n"),
    );
    let findings = policy_findings(deploylint(dir.path()).arg("web.yaml"));
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn namespaces_select_packages() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "policy/main.rego", V1_POLICY);
    write(
        dir.path(),
        "policy/k8s.rego",
        "package kubernetes.naming\nimport rego.v1\ndeny contains \"names must be short\" if count(input.metadata.name) > 2\n",
    );
    write(dir.path(), "web.yaml", DEPLOYMENT);
    let rules = |args: &[&str]| -> Vec<String> {
        let mut cmd = deploylint(dir.path());
        cmd.arg("web.yaml").args(args);
        policy_findings(&mut cmd)
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(rules(&[]), ["rego/main/warn", "ORG-001"]);
    assert_eq!(
        rules(&["--namespace", "kubernetes.naming"]),
        ["rego/kubernetes.naming/deny"]
    );
    assert_eq!(rules(&["--all-namespaces"]).len(), 3);
}

#[test]
fn data_documents_are_available_to_policies() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "rules/registries.rego",
        "package main\nimport rego.v1\nallowed(image) if {\n  some r in data.allowed_registries\n  startswith(image, r)\n}\ndeny contains msg if {\n  some c in input.spec.template.spec.containers\n  not allowed(c.image)\n  msg := \"registry not allowed\"\n}\n",
    );
    write(
        dir.path(),
        "data/registries.yaml",
        "allowed_registries:\n  - docker.io/library/\n",
    );
    write(dir.path(), "web.yaml", DEPLOYMENT);
    let findings = policy_findings(deploylint(dir.path()).args(["web.yaml", "--policy", "rules"]));
    assert_eq!(findings.len(), 1, "without data every registry is refused");
    let findings = policy_findings(
        deploylint(dir.path()).args(["web.yaml", "--policy", "rules", "--data", "data"]),
    );
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn terraform_and_dockerfiles_take_conftests_shapes() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "policy/infra.rego",
        r#"package main
import rego.v1
deny contains {"msg": "buckets must be private", "path": ["resource", "aws_s3_bucket", name, 0, "acl"]} if {
	some name, buckets in input.resource.aws_s3_bucket
	buckets[0].acl == "public-read"
}
deny contains {"msg": "do not use latest", "path": [i]} if {
	some i, instruction in input
	instruction.Cmd == "from"
	endswith(instruction.Value[0], ":latest")
}
"#,
    );
    write(dir.path(), "main.tf", "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n  acl    = \"public-read\"\n}\n");
    write(
        dir.path(),
        "Dockerfile",
        "FROM alpine:3.20 AS base\nFROM ubuntu:latest\nUSER 1000\n",
    );
    let findings = policy_findings(deploylint(dir.path()).args(["main.tf", "Dockerfile"]));
    let places: Vec<(String, u64, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("Dockerfile".to_string(), 2, 1),
            ("main.tf".to_string(), 3, 12)
        ]
    );
}

#[test]
fn combine_gives_every_document_as_one_input() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "policy/combine.rego",
        r#"package main
import rego.v1
deny contains {"msg": sprintf("Deployment %s has no Service", [doc.contents.metadata.name]), "path": [i, "contents", "metadata", "name"]} if {
	some i, doc in input
	doc.contents.kind == "Deployment"
	not service_for(doc.contents.metadata.name)
}
service_for(name) if {
	some doc in input
	doc.contents.kind == "Service"
	doc.contents.metadata.name == name
}
"#,
    );
    write(dir.path(), "a/web.yaml", DEPLOYMENT);
    write(
        dir.path(),
        "b/api.yaml",
        &DEPLOYMENT.replace("name: web\n  namespace", "name: api\n  namespace"),
    );
    write(
        dir.path(),
        "c/svc.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n",
    );
    let findings = policy_findings(deploylint(dir.path()).args([".", "--combine"]));
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["file"], "a/web.yaml");
    assert_eq!(
        (findings[0]["line"].as_u64(), findings[0]["column"].as_u64()),
        (Some(4), Some(9))
    );
    // Without --combine each document is its own input, which this policy does not expect.
    assert!(policy_findings(deploylint(dir.path()).arg(".")).is_empty());
}

#[test]
fn verify_runs_policy_tests() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "policy/v1.rego", V1_POLICY);
    write(
        dir.path(),
        "policy/v1_test.rego",
        "package main\nimport rego.v1\ntest_internal_images_pass if {\n  count(deny) == 0 with input as {\"spec\": {\"template\": {\"spec\": {\"containers\": [{\"image\": \"registry.internal/web:1\"}]}}}}\n}\n",
    );
    deploylint(dir.path())
        .arg("verify")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "PASS data.main.test_internal_images_pass",
        ))
        .stdout(predicate::str::contains("1 passed, 0 failed"));
    write(
        dir.path(),
        "policy/failing_test.rego",
        "package main\nimport rego.v1\ntest_wrong if {\n  count(deny) == 5 with input as {}\n}\n",
    );
    deploylint(dir.path())
        .args(["verify", "--policy", "policy"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL data.main.test_wrong"))
        .stdout(predicate::str::contains("1 passed, 1 failed"));
    deploylint(dir.path())
        .args(["verify", "--builtin"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 failed"));
}

#[test]
fn broken_policies_and_data_exit_two_with_the_place() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "web.yaml", DEPLOYMENT);
    write(
        dir.path(),
        "bad/syntax.rego",
        "package main\nimport rego.v1\ndeny contains msg if {\n  msg := \n}\n",
    );
    deploylint(dir.path())
        .args(["web.yaml", "--policy", "bad"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("syntax.rego"))
        .stderr(predicate::str::contains("syntax.rego:4:7"));
    write(dir.path(), "builtin/unknown.rego", "package main\nimport rego.v1\ndeny contains msg if {\n  msg := no.such_builtin(input)\n}\n");
    deploylint(dir.path())
        .args(["web.yaml", "--policy", "builtin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown.rego"));
    deploylint(dir.path())
        .args(["web.yaml", "--policy", "missing"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing"));
    write(dir.path(), "good/p.rego", V1_POLICY);
    write(dir.path(), "data/bad.yaml", "a: [\n");
    deploylint(dir.path())
        .args(["web.yaml", "--policy", "good", "--data", "data/bad.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("data/bad.yaml:2:1"));
    // A rule id in the configuration that nothing defines is a configuration error.
    write(dir.path(), ".deploylint.yaml", "rules:\n  ORG-404: off\n");
    deploylint(dir.path())
        .arg("web.yaml")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `ORG-404`"));
}

const DATA_POLICY: &str = r#"package main

import rego.v1

deny contains msg if {
	some c in input.spec.template.spec.containers
	some registry in data.registries.blocked
	startswith(c.image, registry)
	msg := sprintf("%s comes from the blocked registry %s", [c.name, registry])
}

violation contains {"msg": "no owner label", "details": {"kind": input.kind}} if {
	input.metadata
	not input.metadata.labels.owner
}
"#;

/// User policies run on regorus' virtual machine; it must give exactly what
/// the interpreter gives, on every document of every fixture.
#[test]
fn the_virtual_machine_agrees_with_the_interpreter() {
    use deploylint::rego::{Policies, PolicyOptions};
    let bench_policy =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/policy/main.rego"))
            .unwrap();
    let mut inputs: Vec<Value> = fixture_documents()
        .iter()
        .map(|(_, document)| document.to_json())
        .collect();
    inputs.push(serde_yaml_like(DEPLOYMENT));
    assert!(inputs.len() > 100, "{} inputs", inputs.len());
    for (name, policy) in [
        ("v1", V1_POLICY),
        ("v0", V0_POLICY),
        ("bench", bench_policy.as_str()),
        ("data", DATA_POLICY),
    ] {
        let dir = TempDir::new().unwrap();
        write(dir.path(), "policy/p.rego", policy);
        write(
            dir.path(),
            "data.json",
            r#"{"registries": {"blocked": ["docker.io/", "nginx"]}}"#,
        );
        let policies = Policies::load(&PolicyOptions {
            dirs: vec![dir.path().join("policy")],
            dirs_required: true,
            data: vec![dir.path().join("data.json")],
            ..PolicyOptions::default()
        })
        .unwrap();
        let machine = policies.user.as_ref().unwrap();
        assert!(machine.runs_on_machine(), "{name} compiles for the machine");
        let interpreter = machine.interpreted();
        let (mut on_machine, mut interpreted) = (machine.evaluator(), interpreter.evaluator());
        let mut reported = 0;
        for input in &inputs {
            let a = machine.evaluate(&mut on_machine, input.clone());
            let b = interpreter.evaluate(&mut interpreted, input.clone());
            let describe = |results: &[deploylint::rego::RegoResult]| {
                let mut lines: Vec<String> = results.iter().map(|r| format!("{r:?}")).collect();
                lines.sort();
                lines
            };
            assert_eq!(describe(&a), describe(&b), "{name} on {input}");
            reported += a.len();
        }
        assert!(
            reported > 0,
            "{name} reported nothing: the comparison proves little"
        );
        assert_eq!(
            on_machine.fallbacks(),
            0,
            "{name} fell back to the interpreter"
        );
    }
}

/// Every YAML document of every fixture, with its file.
fn fixture_documents() -> Vec<(std::path::PathBuf, deploylint::parse::yaml::Node)> {
    let mut documents = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                let text = fs::read_to_string(&path).unwrap_or_default();
                let file = deploylint::source::SourceFile::new("f.yaml", text);
                for document in deploylint::parse::yaml::parse(&file).documents {
                    documents.push((path.clone(), document));
                }
            }
        }
    }
    documents
}

/// The built-in policies get only the fields they read
/// (`BUILTIN_READS`); on every fixture object they must report exactly what
/// they report on the whole object.
#[test]
fn the_built_in_policies_give_the_same_results_on_the_kept_input() {
    use deploylint::rego::input::{yaml_to_value, yaml_to_value_kept, BUILTIN_READS};
    let policies = deploylint::rego::Policies::builtin();
    let set = policies.builtin_set();
    let mut engine = set.evaluator();
    let (mut objects, mut reported) = (0, 0);
    for (path, document) in fixture_documents() {
        if document.get("kind").is_none() {
            continue;
        }
        let whole = set.evaluate_object(&mut engine, None, &[], || yaml_to_value(&document));
        let kept = set.evaluate_object(&mut engine, None, &[], || {
            yaml_to_value_kept(&document, &BUILTIN_READS)
        });
        assert_eq!(
            format!("{whole:?}"),
            format!("{kept:?}"),
            "{}",
            path.display()
        );
        objects += 1;
        reported += whole.len();
    }
    assert!(
        objects > 100 && reported > 20,
        "{objects} objects, {reported} results"
    );
}

fn serde_yaml_like(text: &str) -> Value {
    let file = deploylint::source::SourceFile::new("d.yaml", text);
    deploylint::parse::yaml::parse(&file).documents[0].to_json()
}
