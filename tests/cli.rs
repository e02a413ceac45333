//! End-to-end tests of the binary: discovery, configuration, suppression,
//! output formats and exit codes.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{deploylint, json_report, rules_of, write};

const GOOD_DEPLOYMENT: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app.kubernetes.io/name: web
spec:
  template:
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
      containers:
        - name: web
          image: shop/web:2.3.0
          securityContext:
            allowPrivilegeEscalation: false
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
";

fn with_image(image: &str) -> String {
    GOOD_DEPLOYMENT.replace("shop/web:2.3.0", image)
}

#[test]
fn a_clean_repository_exits_zero() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "deploy/web.yaml", GOOD_DEPLOYMENT);
    deploylint(dir.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "0 errors, 0 warnings, 0 infos in 1 file",
        ));
}

#[test]
fn findings_at_or_above_fail_on_exit_one() {
    let dir = TempDir::new().unwrap();
    let info_only = GOOD_DEPLOYMENT.replace(
        "limits: {cpu: 500m, memory: 256Mi}",
        "limits: {memory: 256Mi}",
    );
    write(dir.path(), "web.yaml", &info_only);
    deploylint(dir.path()).assert().code(0);
    deploylint(dir.path())
        .args(["--fail-on", "info"])
        .assert()
        .code(1);
    write(dir.path(), "web.yaml", &with_image("nginx"));
    deploylint(dir.path()).assert().code(1);
    deploylint(dir.path())
        .args(["--fail-on", "error"])
        .assert()
        .code(0);
}

#[test]
fn json_output_follows_the_contract() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "deploy/web.yaml", &with_image("nginx:latest"));
    let report = json_report(deploylint(dir.path()).arg("deploy"));
    assert_eq!(report["version"], 1);
    let finding = &report["findings"][0];
    let keys: Vec<&str> = finding
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "rule",
            "severity",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "object",
            "message",
            "help",
            "related"
        ]
    );
    assert_eq!(finding["rule"], "k8s/latest-tag");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["file"], "deploy/web.yaml");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(16), Some(18))
    );
    assert_eq!(
        (finding["end_line"].as_u64(), finding["end_column"].as_u64()),
        (Some(16), Some(30))
    );
    assert_eq!(finding["object"], "Deployment/shop/web");
    let summary = report["summary"].as_object().unwrap();
    let keys: Vec<&str> = summary.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "files",
            "skipped",
            "errors",
            "warnings",
            "infos",
            "elapsed_ms"
        ]
    );
    assert_eq!(summary["files"], 1);
    assert_eq!(summary["warnings"], 1);
}

#[test]
fn human_output_reads_like_rustc() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "web.yaml", &with_image("nginx"));
    let output = deploylint(dir.path()).arg("web.yaml").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        !text.contains('\x1b'),
        "no colours when piped or with NO_COLOR"
    );
    let text = redact_elapsed(&text);
    insta::assert_snapshot!(text);
}

#[test]
fn colours_can_be_forced() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "web.yaml", &with_image("nginx"));
    deploylint(dir.path())
        .args(["--color", "always"])
        .assert()
        .stdout(predicate::str::contains("\x1b["));
}

fn redact_elapsed(text: &str) -> String {
    let re_start = text.rfind(" in ").unwrap();
    format!("{} in <elapsed> ms\n", &text[..re_start])
}

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
    // The List's items start on line 56.
    assert_eq!(report["findings"][1]["line"], 55 + 16);
}

#[test]
fn stdin_is_read_with_a_dash() {
    let dir = TempDir::new().unwrap();
    let report = json_report(
        deploylint(dir.path())
            .arg("-")
            .write_stdin(with_image("nginx")),
    );
    assert_eq!(report["findings"][0]["file"], "<stdin>");
    assert_eq!(rules_of(&report), ["k8s/latest-tag"]);
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
fn annotations_and_comments_suppress_findings() {
    let dir = TempDir::new().unwrap();
    let annotated = with_image("nginx").replace(
        "  namespace: shop\n",
        "  namespace: shop\n  annotations:\n    deploylint.dev/ignore: \"k8s/latest-tag\"\n",
    );
    write(dir.path(), "annotated.yaml", &annotated);
    let above = with_image("nginx").replace(
        "          image: nginx\n",
        "          # deploylint-ignore k8s/latest-tag -- tracked upstream\n          image: nginx\n",
    );
    write(dir.path(), "above.yaml", &above);
    let same_line = with_image("redis").replace(
        "image: redis\n",
        "image: redis # deploylint-ignore k8s/latest-tag\n",
    );
    write(dir.path(), "same-line.yaml", &same_line);
    let other_rule = with_image("nginx").replace(
        "image: nginx\n",
        "image: nginx # deploylint-ignore k8s/privileged\n",
    );
    write(dir.path(), "other-rule.yaml", &other_rule);
    let report = json_report(&mut deploylint(dir.path()));
    let files: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["other-rule.yaml"]);
}

#[test]
fn the_config_is_found_upward_and_applied() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        ".deploylint.yaml",
        "rules:\n  k8s/latest-tag: error\n  k8s/cpu-limits: off\nexclude:\n  - \"**/vendored/\"\nfail-on: error\n",
    );
    let no_cpu_limit = with_image("nginx").replace(
        "limits: {cpu: 500m, memory: 256Mi}",
        "limits: {memory: 256Mi}",
    );
    write(dir.path(), "apps/web/deploy.yaml", &no_cpu_limit);
    write(dir.path(), "apps/web/vendored/x.yaml", &with_image("nginx"));
    let sub = dir.path().join("apps/web");
    let report = json_report(deploylint(&sub).arg("."));
    assert_eq!(rules_of(&report), ["k8s/latest-tag"]);
    assert_eq!(report["findings"][0]["severity"], "error");
    deploylint(&sub).assert().code(1);
    // --no-config ignores it; --config picks another.
    let report = json_report(deploylint(&sub).arg("--no-config"));
    assert_eq!(rules_of(&report).len(), 3);
    write(dir.path(), "strict.yaml", "fail-on: info\n");
    deploylint(dir.path())
        .args(["--config", "strict.yaml", "apps/web/deploy.yaml"])
        .assert()
        .code(1);
}

#[test]
fn config_mistakes_exit_two_with_their_line() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "web.yaml", GOOD_DEPLOYMENT);
    write(
        dir.path(),
        ".deploylint.yaml",
        "rules:\n  k8s/latest-tags: off\n",
    );
    deploylint(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `k8s/latest-tags`"))
        .stderr(predicate::str::contains(".deploylint.yaml:2:3"))
        .stderr(predicate::str::contains("did you mean `k8s/latest-tag`"));
    write(
        dir.path(),
        ".deploylint.yaml",
        "rules: {k8s/latest-tag: loud}\n",
    );
    deploylint(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".deploylint.yaml:1:25"));
    write(dir.path(), ".deploylint.yaml", "rules: [\n");
    deploylint(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not valid YAML"));
    deploylint(dir.path())
        .args(["--config", "missing.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.yaml"));
}

#[test]
fn usage_mistakes_exit_two() {
    let dir = TempDir::new().unwrap();
    deploylint(dir.path())
        .arg("no-such-dir")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-dir"));
    deploylint(dir.path())
        .args(["--format", "xml"])
        .assert()
        .code(2);
    deploylint(dir.path())
        .args(["explain", "k8s/nope"])
        .assert()
        .code(2);
}

#[test]
fn rules_lists_every_rule_and_explain_prints_docs() {
    let dir = TempDir::new().unwrap();
    let output = deploylint(dir.path()).arg("rules").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    for rule in deploylint::rules::RULES {
        assert!(
            text.contains(rule.meta.id),
            "{} is not listed",
            rule.meta.id
        );
    }
    deploylint(dir.path())
        .args(["explain", "k8s/run-as-non-root"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("### What it does"))
        .stdout(predicate::str::contains("### Why is this bad?"))
        .stdout(predicate::str::contains("runAsNonRoot: true"));
    let json = deploylint(dir.path())
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        rules.as_array().unwrap().len(),
        deploylint::rules::all().len()
    );
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = |jobs: &str| {
        let mut report = json_report(deploylint(fixtures).args(["fixtures", "--jobs", jobs]));
        report["summary"]["elapsed_ms"] = Value::Null;
        serde_json::to_string(&report).unwrap()
    };
    let one = run("1");
    assert!(one.contains("k8s/run-as-non-root"));
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}

#[test]
fn the_readme_documents_every_rule() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for meta in deploylint::rules::all() {
        let row = format!("| `{}` | {} |", meta.id, meta.severity);
        assert!(readme.contains(&row), "README lacks the row {row}");
    }
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
            ("k8s/latest-tag".to_string(), 5 + 16),
            ("docker/latest-base-image".to_string(), 34),
            ("tf/unencrypted-storage".to_string(), 39),
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
fn the_parser_flag_reads_stdin_as_hcl_or_dockerfile() {
    let dir = TempDir::new().unwrap();
    let report = json_report(
        deploylint(dir.path())
            .args(["--parser", "dockerfile", "-"])
            .write_stdin("FROM ubuntu:latest\nUSER 1000\n"),
    );
    assert_eq!(rules_of(&report), ["docker/latest-base-image"]);
    let report = json_report(
        deploylint(dir.path())
            .args(["--parser", "hcl", "-"])
            .write_stdin("resource \"aws_db_instance\" \"d\" {\n  storage_encrypted = false\n}\n"),
    );
    assert_eq!(rules_of(&report), ["tf/unencrypted-storage"]);
}

#[test]
fn the_seed_architecture_document_shows_its_unused_toleration() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_95a138d65e190367.txt");
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

#[test]
fn project_findings_honour_comments_annotations_and_config() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "nodes.tf",
        "resource \"aws_eks_node_group\" \"gpu\" {\n  node_group_name = \"gpu\"\n  taint {\n    key = \"gpu\"\n    value = \"true\"\n    effect = \"NO_SCHEDULE\"\n  }\n}\n",
    );
    let app = |name: &str, extra: &str| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n{extra}spec:\n  replicas: 2\n  template:\n    metadata:\n      labels: {{app: {name}}}\n    spec:\n      containers:\n        - name: c\n          image: shop/c:1.0.0\n"
        )
    };
    write(dir.path(), "a.yaml", &app("a", ""));
    write(
        dir.path(),
        "b.yaml",
        &app(
            "b",
            "  annotations:\n    deploylint.dev/ignore: sched/unschedulable,pdb/missing\n",
        ),
    );
    write(
        dir.path(),
        "c.yaml",
        &app("c", "").replace(
            "  replicas: 2\n",
            "  replicas: 2 # deploylint-ignore pdb/missing\n",
        ),
    );
    let report = json_report(deploylint(dir.path()).args(["--fail-on", "error"]));
    let found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            let rule = f["rule"].as_str().unwrap();
            rule.starts_with("sched/") || rule.starts_with("pdb/")
        })
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // Cross-file findings come rule by rule, each rule's sorted by file.
    let expected: Vec<(String, String)> = [
        ("a.yaml", "sched/unschedulable"),
        ("c.yaml", "sched/unschedulable"),
        ("a.yaml", "pdb/missing"),
    ]
    .iter()
    .map(|(f, r)| (f.to_string(), r.to_string()))
    .collect();
    assert_eq!(found, expected);
    // The human report shows the snippet of a file whose only finding came from a project rule.
    let human = deploylint(dir.path()).arg("--no-config").output().unwrap();
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains("a.yaml:11:7"), "{text}");
    assert!(text.contains("nodes.tf:3:3"), "{text}");
}

#[test]
fn a_reader_that_goes_away_ends_the_run_quietly() {
    use std::io::Read;
    let dir = TempDir::new().unwrap();
    for i in 0..200 {
        write(
            dir.path(),
            &format!("app-{i}.yaml"),
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n",
        );
    }
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("deploylint"))
        .current_dir(dir.path())
        .args(["--no-config", "--color", "never"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read the first bytes, as `| head -c 100` would, then close the pipe.
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{:?}",
        output.status
    );
}
