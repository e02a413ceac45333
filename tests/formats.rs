//! The integration formats end to end: SARIF (validated against the official
//! schema), GitHub workflow commands, `--output`, baselines and `--partial`.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{deploylint, write};

/// A small repository with per-file, cross-file and Rego findings.
fn repository() -> TempDir {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "infra/nodes.tf",
        "resource \"aws_eks_node_group\" \"gpu\" {\n  node_group_name = \"gpu\"\n  taint {\n    key    = \"gpu\"\n    value  = \"true\"\n    effect = \"NO_SCHEDULE\"\n  }\n}\n",
    );
    write(
        dir.path(),
        "deploy/web.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 3\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: \"nginx:latest\"\n",
    );
    write(
        dir.path(),
        "policy/org.rego",
        "package main\nimport rego.v1\nwarn contains {\"msg\": \"50% of teams, done: check, please\", \"rule\": \"ORG-7\"} if input.kind == \"Deployment\"\n",
    );
    dir
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let dir = repository();
    let output = deploylint(dir.path())
        .args(["--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let schema_text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-2.1.0.json"),
    )
    .unwrap();
    // The schema's `run.language` pattern ends in `]?$`, an unescaped `]` that
    // ECMAScript reads as a literal and Rust's regex rejects: escape that one
    // character so the pattern means what it means in the schema's own dialect.
    let schema_text = schema_text.replace("[a-zA-Z]{2}]?$", "[a-zA-Z]{2}\\\\]?$");
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::draft4::options()
        .should_validate_formats(false)
        .build(&schema)
        .expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject what the schema forbids.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::String("fatal".into());
    assert!(validator.iter_errors(&broken).next().is_some());

    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "deploylint");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // Standards are tags, as code scanning shows them, and whole with the peers' checks.
    let privileged = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "k8s/privileged");
    if let Some(privileged) = privileged {
        let properties = &privileged["properties"];
        assert!(properties["tags"]
            .as_array()
            .unwrap()
            .contains(&Value::from("pss-baseline")));
        assert!(properties["covers"]
            .as_array()
            .unwrap()
            .contains(&Value::from("checkov: CKV_K8S_16")));
    }
    let results = run["results"].as_array().unwrap();
    for result in results {
        let id = result["ruleId"].as_str().unwrap();
        assert!(rules.contains(&id), "{id} is described");
        // Built-in rules sit at a fixed index; policy rules are found by id.
        match result["ruleIndex"].as_u64() {
            Some(index) => assert_eq!(rules[index as usize], id),
            None => assert!(deploylint::rules::find(id).is_none(), "{id} has an index"),
        }
        assert!(result["partialFingerprints"]["deploylint/v1"].is_string());
        let location = &result["locations"][0]["physicalLocation"];
        assert!(!location["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .starts_with('/'));
    }
    let unschedulable = results
        .iter()
        .find(|r| r["ruleId"] == "sched/unschedulable")
        .unwrap();
    assert_eq!(
        unschedulable["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "infra/nodes.tf"
    );
    let latest = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "k8s/latest-tag")
        .unwrap();
    assert_eq!(latest["defaultConfiguration"]["level"], "warning");
    assert!(latest["help"]["markdown"]
        .as_str()
        .unwrap()
        .contains("### Why is this bad?"));
    assert!(rules.contains(&"ORG-7"));
}

#[test]
fn github_format_prints_escaped_workflow_commands() {
    let dir = repository();
    let output = deploylint(dir.path())
        .args(["--format", "github"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let latest = text
        .lines()
        .find(|l| l.contains("title=k8s/latest-tag"))
        .unwrap();
    assert!(
        latest.starts_with("::warning file=deploy/web.yaml,line=14,col=18,endLine=14,endColumn=32,title=k8s/latest-tag::"),
        "{latest}"
    );
    assert!(
        latest.contains("%0Ahelp: "),
        "newlines are escaped: {latest}"
    );
    let org = text.lines().find(|l| l.contains("title=ORG-7")).unwrap();
    assert!(org.contains("50%25 of teams, done: check, please"), "{org}");
    let sched = text
        .lines()
        .find(|l| l.contains("sched/unschedulable"))
        .unwrap();
    assert!(sched.starts_with("::error "));
    assert!(
        text.lines().any(|l| l.starts_with("::notice ")),
        "info findings are notices"
    );
}

#[test]
fn output_writes_a_second_format_to_a_file() {
    let dir = repository();
    // The report's folder is created when needed.
    deploylint(dir.path())
        .args([
            "--format",
            "human",
            "--output-format",
            "sarif",
            "--output",
            "out/deploylint.sarif",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[sched/unschedulable]"));
    let sarif: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("out/deploylint.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    // With --output alone the report goes to the file only.
    let output = deploylint(dir.path())
        .args(["--format", "json", "--output", "report.json"])
        .output()
        .unwrap();
    assert!(output.stdout.is_empty());
    let report: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(report["version"], 1);
    // A run that cannot start leaves no report behind.
    deploylint(dir.path())
        .args(["missing-folder", "--output", "failed.json"])
        .assert()
        .code(2);
    assert!(!dir.path().join("failed.json").exists());
}

#[test]
fn every_format_is_complete_when_written_file_by_file() {
    let dir = repository();
    for extra in ["a.yaml", "b.yaml", "c.yaml"] {
        write(
            dir.path(),
            &format!("more/{extra}"),
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n",
        );
    }
    for format in ["json", "sarif", "gitlab"] {
        let output = deploylint(dir.path())
            .args(["--format", format])
            .output()
            .unwrap();
        let parsed: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{format} is not one JSON document: {e}"));
        let count = match format {
            "json" => parsed["findings"].as_array().unwrap().len(),
            "sarif" => parsed["runs"][0]["results"].as_array().unwrap().len(),
            _ => parsed.as_array().unwrap().len(),
        };
        assert!(count > 10, "{format}: {count} findings");
    }
    let empty = TempDir::new().unwrap();
    for format in ["json", "sarif", "gitlab"] {
        let output = deploylint(empty.path())
            .args(["--format", format])
            .output()
            .unwrap();
        let parsed: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert!(parsed.is_object() || parsed.as_array().is_some_and(Vec::is_empty));
    }
}

fn rules_of(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<String>) {
    let output = deploylint(dir)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    (output.status.code(), rules)
}

#[test]
fn a_baseline_hides_known_findings_even_when_lines_move() {
    let dir = repository();
    let (code, all) = rules_of(dir.path(), &["--write-baseline", "baseline.json"]);
    // Writing the baseline was what was asked: done, whatever it records.
    assert_eq!(code, Some(0));
    assert!(all.len() >= 5);
    assert_eq!(
        rules_of(dir.path(), &["--baseline", "baseline.json"]),
        (Some(0), Vec::new())
    );
    // Lines move and an unrelated edit happens: still nothing new.
    let path = dir.path().join("deploy/web.yaml");
    let moved = format!(
        "# moved down\n\n{}",
        fs::read_to_string(&path)
            .unwrap()
            .replace("replicas: 3", "replicas: 4")
    );
    fs::write(&path, &moved).unwrap();
    assert_eq!(
        rules_of(dir.path(), &["--baseline", "baseline.json"]),
        (Some(0), Vec::new())
    );
    // A new finding fails the run, and only it is shown.
    fs::write(
        &path,
        moved.replace(
            "      containers:\n",
            "      hostNetwork: true\n      containers:\n",
        ),
    )
    .unwrap();
    assert_eq!(
        rules_of(dir.path(), &["--baseline", "baseline.json"]),
        (Some(1), vec!["k8s/host-namespace".to_string()])
    );
    let human = deploylint(dir.path())
        .args(["--baseline", "baseline.json"])
        .output()
        .unwrap();
    assert!(String::from_utf8(human.stdout)
        .unwrap()
        .contains("hidden by the baseline"));
    write(
        dir.path(),
        "broken.json",
        "{\"version\": 1, \"findings\": [}",
    );
    deploylint(dir.path())
        .args(["--baseline", "broken.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.json:1:"));
}

#[test]
fn partial_runs_do_not_invent_cross_file_findings() {
    let dir = repository();
    let (_, full) = rules_of(dir.path(), &["deploy/web.yaml", "infra/nodes.tf"]);
    assert!(full.contains(&"pdb/missing".to_string()));
    assert!(full.contains(&"sched/unschedulable".to_string()));
    let (_, partial) = rules_of(
        dir.path(),
        &["--partial", "deploy/web.yaml", "infra/nodes.tf"],
    );
    for rule in ["pdb/missing", "sched/unschedulable"] {
        assert!(
            !partial.contains(&rule.to_string()),
            "{rule} depends on files not given"
        );
    }
    assert!(partial.contains(&"k8s/latest-tag".to_string()));
}
