//! End-to-end tests of what a run reads: walks, excludes, multi-document
//! streams, JSON, Helm templates, broken files and Markdown documents.

use std::fs;
use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{deploylint, json_report, rules_of, with_image, write, GOOD_DEPLOYMENT};

#[test]
fn multi_document_streams_and_lists_are_checked() {
    let dir = TempDir::new().unwrap();
    let list = format!(
        "apiVersion: v1\nkind: List\nitems:\n{}",
        with_image("nginx")
            .lines()
            .enumerate()
            .map(|(i, l)| format!("{}{l}\n", if i == 0 { "- " } else { "  " }))
            .collect::<String>()
    );
    write(
        dir.path(),
        "all.yaml",
        &format!("{GOOD_DEPLOYMENT}---\n{}---\n{list}", with_image("redis")),
    );
    let report = json_report(&mut deploylint(dir.path()));
    assert_eq!(rules_of(&report), ["k8s/latest-tag", "k8s/latest-tag"]);
    // The List's items start on line 62.
    assert_eq!(report["findings"][1]["line"], 61 + 17);
}

#[test]
fn json_files_are_read_as_yaml() {
    let dir = TempDir::new().unwrap();
    let pod = r#"{"apiVersion": "v1", "kind": "Pod",
      "metadata": {"name": "p", "labels": {"app.kubernetes.io/name": "p"}},
      "spec": {"automountServiceAccountToken": false, "hostPID": true, "containers": []}}"#;
    write(dir.path(), "pod.json", pod);
    // A JSON file that is not Kubernetes and does not parse (comments) is skipped in walks.
    write(dir.path(), "tsconfig.json", "{ \"a\": [1, 2 }\n");
    let report = json_report(&mut deploylint(dir.path()));
    assert_eq!(rules_of(&report), ["k8s/host-namespace"]);
    assert_eq!(report["summary"]["skipped"], 1);
}

#[test]
fn gitignore_default_excludes_and_exclude_globs_are_honoured() {
    let dir = TempDir::new().unwrap();
    let bad = with_image("nginx");
    write(dir.path(), ".gitignore", "generated/\n");
    write(dir.path(), "generated/a.yaml", &bad);
    write(dir.path(), "node_modules/pkg/b.yaml", &bad);
    write(dir.path(), ".terraform/c.yaml", &bad);
    write(dir.path(), "legacy/d.yaml", &bad);
    write(dir.path(), ".github/workflows/e.yaml", &bad);
    let report = json_report(deploylint(dir.path()).args(["--exclude", "legacy/"]));
    let files: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, [".github/workflows/e.yaml"]);
    // A file named explicitly is linted even when ignored.
    let report = json_report(deploylint(dir.path()).arg("generated/a.yaml"));
    assert_eq!(rules_of(&report), ["k8s/latest-tag"]);
}

#[test]
fn helm_chart_templates_are_skipped_not_errors() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "chart/Chart.yaml",
        "apiVersion: v2\nname: web\nversion: 0.1.0\n",
    );
    write(dir.path(), "chart/values.yaml", "replicas: 2\n");
    write(
        dir.path(),
        "chart/templates/deployment.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n",
    );
    let report = json_report(&mut deploylint(dir.path()));
    assert_eq!(rules_of(&report), Vec::<String>::new());
    assert_eq!(report["summary"]["skipped"], 1);
    assert_eq!(report["summary"]["files"], 2);
}

#[test]
fn a_broken_file_does_not_stop_the_others() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a-broken.yaml", "metadata: {name: [\n");
    write(dir.path(), "b-binary.yaml", "\0\0\0binary");
    write(dir.path(), "c-empty.yaml", "");
    write(dir.path(), "d-web.yaml", &with_image("nginx"));
    fs::write(dir.path().join("e-latin1.yaml"), b"a: caf\xe9\n").unwrap();
    let mut cmd = deploylint(dir.path());
    let report = json_report(&mut cmd);
    assert_eq!(
        rules_of(&report),
        ["parse/yaml", "parse/yaml", "k8s/latest-tag", "parse/yaml"]
    );
    assert_eq!(report["summary"]["files"], 5);
    deploylint(dir.path()).assert().code(1);
}

#[test]
fn every_format_is_found_in_a_walk() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "k8s/web.yaml", &with_image("nginx"));
    write(dir.path(), "infra/db.tf", "resource \"aws_db_instance\" \"db\" {\n  publicly_accessible = true\n  storage_encrypted = true\n}\n");
    write(
        dir.path(),
        "app/Dockerfile",
        "FROM python:3.12\nUSER root\n",
    );
    write(
        dir.path(),
        "compose.yaml",
        "services:\n  web:\n    image: shop/web:1.0\n    network_mode: host\n",
    );
    write(
        dir.path(),
        "chart/Chart.yaml",
        "apiVersion: v2\nname: c\nversion: 1.0.0\n",
    );
    write(
        dir.path(),
        "chart/values.yaml",
        "db:\n  password: chart-pass-1\n",
    );
    write(dir.path(), "docs/design.md", "```yaml\nkind: Pod\n```\n");
    let report = json_report(&mut deploylint(dir.path()));
    assert_eq!(
        rules_of(&report),
        [
            "docker/root-user",
            "secrets/inline-secret",
            "compose/host-network",
            "tf/public-database",
            "k8s/latest-tag"
        ]
    );
    assert_eq!(
        report["summary"]["files"], 6,
        "Markdown is read only with --markdown"
    );
    let report = json_report(deploylint(dir.path()).arg("--markdown"));
    assert_eq!(report["summary"]["files"], 7);
}

#[test]
fn markdown_blocks_are_linted_at_the_documents_lines() {
    let dir = TempDir::new().unwrap();
    let doc = format!(
        "# Design\n\nSome prose.\n\n```yaml\n{}```\n\n```dockerfile\nFROM node\nUSER node\n```\n\n```hcl\nresource \"aws_ebs_volume\" \"v\" {{\n  size = 10\n}}\n```\n",
        with_image("nginx")
    );
    write(dir.path(), "design.txt", &doc);
    write(dir.path(), "design.md", &doc);
    // A .md file named explicitly is read as Markdown; other names need --parser.
    let report = json_report(deploylint(dir.path()).arg("design.md"));
    let findings = report["findings"].as_array().unwrap();
    let places: Vec<(String, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("k8s/latest-tag".to_string(), 5 + 17),
            ("docker/latest-base-image".to_string(), 37),
            ("tf/unencrypted-storage".to_string(), 42),
        ]
    );
    assert_eq!(findings[1]["column"], 6);
    let report = json_report(deploylint(dir.path()).args(["--parser", "markdown", "design.txt"]));
    assert_eq!(report["findings"].as_array().unwrap().len(), 3);
    // Through standard input too.
    let report = json_report(
        deploylint(dir.path())
            .args(["--parser", "markdown", "-"])
            .write_stdin(doc),
    );
    assert_eq!(report["findings"].as_array().unwrap().len(), 3);
}

#[test]
fn an_architecture_document_shows_its_unused_toleration() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs/platform-architecture.md");
    let report = json_report(
        deploylint(Path::new(env!("CARGO_MANIFEST_DIR")))
            .args(["--parser", "markdown"])
            .arg(&seed),
    );
    let unused: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "sched/unused-toleration")
        .collect();
    assert_eq!(unused.len(), 1);
    assert!(unused[0]["message"]
        .as_str()
        .unwrap()
        .contains("application=true:NoSchedule"));
}
