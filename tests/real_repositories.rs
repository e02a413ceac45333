//! End-to-end tests of what real repositories hold: files with a byte-order
//! mark, YAML that kubectl accepts, streams with one broken document,
//! Dockerfiles whose `<<` is not a heredoc. Each was a false finding.

use tempfile::TempDir;

mod common;
use common::{deploylint, json_report, rules_of, write};

#[test]
fn a_byte_order_mark_is_not_part_of_any_format() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "Dockerfile",
        "\u{feff}FROM alpine:3.20\nUSER 1000\n",
    );
    write(
        dir.path(),
        "main.tf",
        "\u{feff}resource \"aws_db_instance\" \"d\" {\n  storage_encrypted = false\n}\n",
    );
    write(
        dir.path(),
        "pod.yaml",
        "\u{feff}apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n",
    );
    let report = json_report(deploylint(dir.path()).arg("--no-config"));
    let findings = report["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .all(|f| !f["rule"].as_str().unwrap().starts_with("parse/")),
        "{findings:#?}"
    );
    let at = |rule: &str| {
        let f = findings.iter().find(|f| f["rule"] == rule).unwrap();
        (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap())
    };
    // Columns count from the first real character.
    assert_eq!(at("tf/unencrypted-storage"), (2, 23));
    assert_eq!(at("k8s/latest-tag"), (8, 14));
}

#[test]
fn yaml_kubectl_accepts_is_linted_not_reported_as_broken() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:latest\n    args: [\n      \"--a\"\n    ]\n",
    );
    write(
        dir.path(),
        "crd.yaml",
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: foos.example.com\nspec:\n  versions:\n  - name: v1\n    schema:\n      openAPIV3Schema:\n        description: \"Foo is long enough\n        to wrap at the key's column\"\n        type: object\n",
    );
    let report = json_report(deploylint(dir.path()).arg("--no-config"));
    let rules = rules_of(&report);
    assert!(!rules.iter().any(|r| r == "parse/yaml"), "{rules:?}");
    assert!(rules.iter().any(|r| r == "k8s/latest-tag"), "{rules:?}");
}

#[test]
fn the_documents_after_a_broken_one_are_still_linted() {
    let dir = TempDir::new().unwrap();
    let pod = |name: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n")
    };
    write(
        dir.path(),
        "stream.yaml",
        &format!("{}---\nbroken: [\n---\n{}", pod("first"), pod("last")),
    );
    let report = json_report(deploylint(dir.path()).arg("--no-config"));
    let objects: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "k8s/latest-tag")
        .map(|f| f["object"].as_str().unwrap())
        .collect();
    assert_eq!(objects, ["Pod/default/first", "Pod/default/last"]);
    assert_eq!(
        rules_of(&report)
            .iter()
            .filter(|r| *r == "parse/yaml")
            .count(),
        1
    );
}

#[test]
fn text_that_only_looks_like_a_heredoc_does_not_swallow_the_file() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "Dockerfile",
        "FROM alpine:3.20\nRUN echo \"<<EOF is text\"\nRUN [\"sh\", \"-c\", \"cat <<END\"]\nCOPY <<app.conf /etc/app.conf\nkey=value\napp.conf\nUSER 1000\n",
    );
    let report = json_report(deploylint(dir.path()).arg("--no-config"));
    let rules = rules_of(&report);
    assert!(
        !rules
            .iter()
            .any(|r| r == "docker/root-user" || r == "parse/dockerfile"),
        "{rules:?}"
    );
}

#[test]
fn excludes_apply_whether_the_path_is_dot_omitted_a_subfolder_or_absolute() {
    let dir = TempDir::new().unwrap();
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n";
    write(dir.path(), "deploy/generated/a.yaml", pod);
    write(dir.path(), "deploy/kept/b.yaml", pod);
    let files = |report: serde_json::Value| -> Vec<String> {
        let mut files: Vec<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["file"].as_str().unwrap().to_string())
            .collect();
        files.dedup();
        files
    };
    let absolute = dir.path().to_str().unwrap().to_string();
    // Anchored, multi-segment, unanchored folder, and `**` patterns.
    for pattern in [
        "deploy/generated/",
        "/deploy/generated",
        "generated/",
        "**/generated/*.yaml",
    ] {
        for paths in [vec!["."], vec![], vec!["deploy"], vec![absolute.as_str()]] {
            let report = json_report(
                deploylint(dir.path())
                    .args(["--no-config", "--exclude", pattern])
                    .args(&paths),
            );
            let kept = files(report);
            assert_eq!(kept.len(), 1, "{pattern} with {paths:?}: {kept:?}");
            assert!(
                kept[0].ends_with("deploy/kept/b.yaml"),
                "{pattern} with {paths:?}: {kept:?}"
            );
        }
    }
    // A configuration's excludes are relative to its folder, wherever the run starts.
    write(
        dir.path(),
        ".deploylint.yaml",
        "exclude: [deploy/generated/]\n",
    );
    for (cwd, paths) in [
        (dir.path().to_path_buf(), vec!["."]),
        (dir.path().join("deploy"), vec![]),
        (dir.path().join("deploy"), vec![".."]),
    ] {
        let report = json_report(deploylint(&cwd).args(&paths));
        let kept = files(report);
        assert!(
            kept.iter().all(|f| f.ends_with("kept/b.yaml")) && !kept.is_empty(),
            "config run from {} with {paths:?}: {kept:?}",
            cwd.display()
        );
    }
}

#[test]
fn each_markdown_document_is_a_deployment_of_its_own() {
    let dir = TempDir::new().unwrap();
    let deployment = "```yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 3\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      tolerations:\n        - {key: gpu, operator: Exists, effect: NoSchedule}\n      containers:\n        - name: web\n          image: shop/web:1.0.0\n```\n";
    let budget = "```yaml\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: web}\n```\n";
    let pools = "```hcl\nresource \"aws_eks_node_group\" \"gpu\" {\n  node_group_name = \"gpu\"\n  taint {\n    key    = \"gpu\"\n    value  = \"true\"\n    effect = \"NO_SCHEDULE\"\n  }\n}\n```\n";
    write(dir.path(), "docs/app.md", &format!("# App\n\n{deployment}"));
    write(
        dir.path(),
        "docs/budget.md",
        &format!("# Budget\n\n{budget}\n{pools}"),
    );
    let report = json_report(deploylint(dir.path()).args(["--no-config", "--markdown", "."]));
    let rules = rules_of(&report);
    // The budget and the pool of another document do not count for the app.
    assert!(rules.iter().any(|r| r == "pdb/missing"), "{rules:?}");
    assert!(
        rules.iter().any(|r| r == "pdb/no-matching-workload"),
        "{rules:?}"
    );
    assert!(!rules.iter().any(|r| r.starts_with("sched/")), "{rules:?}");
}

#[test]
fn partial_runs_say_nothing_that_depends_on_files_not_given() {
    let dir = TempDir::new().unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for name in [
        "pdb/overlapping/fires.yaml",
        "pdb/blocks-eviction/fires.yaml",
    ] {
        std::fs::copy(fixture.join(name), dir.path().join(name.replace('/', "-"))).unwrap();
    }
    let whole = rules_of(&json_report(deploylint(dir.path()).arg("--no-config")));
    assert!(whole.iter().any(|r| r == "pdb/overlapping"), "{whole:?}");
    let partial = rules_of(&json_report(deploylint(dir.path()).args([
        "--no-config",
        "--partial",
        ".",
    ])));
    assert!(
        !partial.iter().any(|r| r == "pdb/overlapping"),
        "{partial:?}"
    );
    // A budget that allows no eviction whatever the workloads stays reported.
    let blocking = |rules: &[String]| rules.iter().filter(|r| *r == "pdb/blocks-eviction").count();
    assert!(
        blocking(&partial) > 0 && blocking(&partial) < blocking(&whole),
        "{partial:?}"
    );
}

#[test]
fn a_named_file_that_cannot_be_read_exits_two_and_nothing_to_lint_is_said() {
    let dir = TempDir::new().unwrap();
    // The kernel refuses to read this file at its start: a real read error.
    let output = deploylint(dir.path())
        .args(["--no-config", "/proc/self/mem"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot read /proc/self/mem"), "{stderr}");

    write(dir.path(), "README.txt", "nothing deploylint reads\n");
    let output = deploylint(dir.path()).arg("--no-config").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout.contains("0 files: nothing to lint under ."),
        "{stdout}"
    );
    let output = deploylint(dir.path())
        .args(["--no-config", "--format", "json", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("0 files: nothing to lint under ."),
        "{stderr}"
    );
}

#[test]
fn lockfiles_templates_and_source_files_are_not_linted_as_manifests() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "web/package-lock.json", "{\"name\": \"web\", \"packages\": {\"\": {\"integrity\": \"sha512-AKIAIOSFODNN7EXAMPLEAKIAIOSFODNN7EXAMPLE\"}}}\n");
    write(dir.path(), "deploy/app.tmpl.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Name }}\ndata:\n  {{- range .Items }}\n  {{ .Key }}: {{ .Value }}\n  {{- end }}\n");
    write(
        dir.path(),
        "tools/dockerfile.py",
        "import sys\n\ndef parse(text):\n    return text.splitlines()\n",
    );
    let report = json_report(deploylint(dir.path()).arg("--no-config"));
    assert!(rules_of(&report).is_empty(), "{report:#}");
    assert_eq!(report["summary"]["skipped"], 2, "{report:#}");
}
