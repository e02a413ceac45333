//! End-to-end tests of what silences a finding: annotations, comments and
//! the configuration, for per-file and cross-file rules alike.

use predicates::prelude::*;
use tempfile::TempDir;

mod common;
use common::{deploylint, json_report, rules_of, with_image, write, GOOD_DEPLOYMENT};

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
fn the_configuration_of_the_linted_repository_is_used_from_anywhere() {
    let elsewhere = TempDir::new().unwrap();
    let repo = TempDir::new().unwrap();
    write(
        repo.path(),
        ".deploylint.yaml",
        "rules:\n  k8s/latest-tag: off\n",
    );
    write(repo.path(), "deploy/web.yaml", &with_image("nginx:latest"));
    let rules = |args: &[&str]| {
        let report = json_report(deploylint(elsewhere.path()).args(args));
        rules_of(&report)
    };
    let root = repo.path().to_str().unwrap().to_string();
    let file = repo
        .path()
        .join("deploy/web.yaml")
        .to_str()
        .unwrap()
        .to_string();
    for args in [vec![root.as_str()], vec![file.as_str()]] {
        assert!(
            !rules(&args).iter().any(|r| r == "k8s/latest-tag"),
            "{args:?}"
        );
    }
    assert!(rules(&[&root, "--no-config"])
        .iter()
        .any(|r| r == "k8s/latest-tag"));
}

#[test]
fn hadolint_comments_and_configuration_are_honoured() {
    let dir = TempDir::new().unwrap();
    let dockerfile = "\
FROM debian:12.7
# hadolint global ignore=DL3015
# hadolint ignore=DL3009, DL3008 -- pinned by the snapshot mirror
RUN apt-get update \\
    && apt-get install -y \\
       curl
RUN apt-get install -y wget
USER 10001
";
    write(dir.path(), "Dockerfile", dockerfile);
    let found = |dir: &std::path::Path| {
        let report = json_report(&mut deploylint(dir));
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{}:{}:{}",
                    f["rule"].as_str().unwrap(),
                    f["line"],
                    f["severity"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    // The comment covers the whole RUN (the package is on line 6); the global
    // comment covers both RUNs; the second RUN's package is reported.
    assert_eq!(found(dir.path()), ["docker/unpinned-packages:7:warning"]);
    write(
        dir.path(),
        ".hadolint.yaml",
        "ignored: [DL3008]\noverride:\n  error: [DL3009]\ntrustedRegistries: [registry.example.com]\n",
    );
    write(dir.path(), "Dockerfile", "FROM debian:12.7\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER 10001\n");
    assert_eq!(
        found(dir.path()),
        [
            "docker/untrusted-registry:1:error",
            "docker/apt-lists:2:error"
        ]
    );
    // What .deploylint.yaml's rules: says wins.
    write(
        dir.path(),
        ".deploylint.yaml",
        "rules: {docker/apt-lists: info}\n",
    );
    assert_eq!(
        found(dir.path()),
        [
            "docker/untrusted-registry:1:error",
            "docker/apt-lists:2:info"
        ]
    );
}

#[test]
fn a_broken_hadolint_configuration_is_an_error_at_its_line() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "Dockerfile", "FROM debian:12.7\nUSER 10001\n");
    write(
        dir.path(),
        ".hadolint.yaml",
        "ignored:\n  - DL3008\n bad: [\n",
    );
    deploylint(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".hadolint.yaml:"));
}
