//! End-to-end tests of the command line: exit codes, output formats,
//! standard input, flags and subcommands.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{deploylint, json_report, rules_of, with_image, write, GOOD_DEPLOYMENT};

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
        (Some(17), Some(18))
    );
    assert_eq!(
        (finding["end_line"].as_u64(), finding["end_column"].as_u64()),
        (Some(17), Some(30))
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
    let unpinned = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "docker/unpinned-packages")
        .unwrap();
    assert!(unpinned["covers"]
        .as_array()
        .unwrap()
        .contains(&Value::from("hadolint: DL3008")));
    // A hadolint code explains the rules that do its work.
    deploylint(dir.path())
        .args(["explain", "DL3008"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("# docker/unpinned-packages"))
        .stdout(predicate::str::contains("hadolint: DL3008"));
    deploylint(dir.path())
        .args(["explain", "DL9999"])
        .assert()
        .code(2);
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
        let row = match meta.off_by_default {
            true => format!("| `{}` | off ({}) |", meta.id, meta.severity),
            false => format!("| `{}` | {} |", meta.id, meta.severity),
        };
        assert!(readme.contains(&row), "README lacks the row {row}");
    }
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

#[test]
fn the_readme_options_table_lists_every_flag() {
    use clap::CommandFactory;
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table = readme
        .split("## Options")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap();
    let command = deploylint::cli::Cli::command();
    let missing: Vec<String> = command
        .get_arguments()
        .filter(|arg| !arg.is_hide_set())
        .filter_map(|arg| arg.get_long())
        .filter(|long| !matches!(*long, "help" | "version"))
        .filter(|long| {
            !table.contains(&format!("`--{long}")) && !table.contains(&format!(", --{long}"))
        })
        .map(|long| format!("--{long}"))
        .collect();
    assert!(
        missing.is_empty(),
        "the README's options table lacks {missing:?}"
    );
}

#[test]
fn select_ignore_statistics_quiet_and_concise() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let dir = fixtures.join("k8s/privileged");
    let rules = |args: &[&str]| {
        let report = json_report(deploylint(&dir).arg("--no-config").args(args));
        let mut rules = rules_of(&report);
        rules.dedup();
        rules
    };
    assert_eq!(rules(&["--select", "k8s/privileged"]), ["k8s/privileged"]);
    let without = rules(&[
        "--select",
        "k8s",
        "--ignore",
        "k8s/privileged,k8s/recommended-labels",
    ]);
    assert!(!without
        .iter()
        .any(|r| r == "k8s/privileged" || r == "k8s/recommended-labels"));
    assert!(without.iter().all(|r| r.starts_with("k8s/")) && !without.is_empty());
    deploylint(&dir)
        .args(["--select", "k8s/privileges"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `k8s/privileged`"));

    let output = deploylint(&dir)
        .args(["--no-config", "--statistics"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let first = stdout.lines().next().unwrap();
    assert!(
        first
            .split_whitespace()
            .next()
            .unwrap()
            .parse::<usize>()
            .is_ok(),
        "{stdout}"
    );
    assert!(
        stdout.contains("k8s/privileged") && !stdout.contains("╭─"),
        "{stdout}"
    );

    let output = deploylint(&dir)
        .args(["--no-config", "--quiet"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("error[k8s/privileged]") && !stdout.contains("warning["),
        "{stdout}"
    );
    assert!(
        stdout.contains("warnings"),
        "the summary still counts them: {stdout}"
    );
    assert_eq!(output.status.code(), Some(1));

    let output = deploylint(&dir)
        .args(["--no-config", "--format", "concise"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let line = stdout
        .lines()
        .find(|l| l.contains("[k8s/privileged]"))
        .unwrap();
    assert!(
        line.starts_with("fires.yaml:") || line.contains(".yaml:"),
        "{line}"
    );
    assert!(line.contains(": error[k8s/privileged] "), "{line}");
}

#[test]
fn an_empty_run_can_fail_and_rules_lists_only_its_formats() {
    let dir = TempDir::new().unwrap();
    deploylint(dir.path()).arg("--no-config").assert().code(0);
    deploylint(dir.path())
        .args(["--no-config", "--error-on-empty"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("nothing to lint"));
    deploylint(dir.path())
        .args(["rules", "--format", "sarif"])
        .assert()
        .code(2);
}

#[cfg(unix)]
#[test]
fn process_substitution_and_dev_stdin_are_read_like_standard_input() {
    let dir = TempDir::new().unwrap();
    let pod = with_image("nginx:latest");
    write(dir.path(), "pod.yaml", &pod);
    let binary = assert_cmd::cargo::cargo_bin("deploylint");
    for command in [
        format!(
            "{} --no-config --format json <(cat pod.yaml)",
            binary.display()
        ),
        format!(
            "cat pod.yaml | {} --no-config --format json /dev/stdin",
            binary.display()
        ),
    ] {
        let output = std::process::Command::new("bash")
            .args(["-c", &command])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(rules_of(&report), ["k8s/latest-tag"], "{command}");
    }
    // Empty standard input is nothing to lint.
    deploylint(dir.path())
        .args(["--no-config", "--error-on-empty", "-"])
        .write_stdin("")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("nothing to lint under <stdin>"));
}

#[test]
fn init_writes_a_configuration_and_completions_and_the_manual_are_printed() {
    let dir = TempDir::new().unwrap();
    deploylint(dir.path()).arg("init").assert().code(0);
    let written = fs::read_to_string(dir.path().join(".deploylint.yaml")).unwrap();
    assert!(written.contains("# k8s/privileged:"));
    // The starter configuration is used as it is, and init does not overwrite it.
    write(dir.path(), "pod.yaml", &with_image("nginx:latest"));
    deploylint(dir.path()).assert().code(1);
    deploylint(dir.path()).arg("init").assert().code(2);
    deploylint(dir.path())
        .args(["init", "--force"])
        .assert()
        .code(0);
    for shell in ["bash", "zsh", "fish"] {
        deploylint(dir.path())
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("deploylint"));
    }
    deploylint(dir.path())
        .arg("manpage")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(".TH deploylint 1"));
}

#[test]
fn standards_select_rules_and_rules_off_by_default_run_only_when_asked() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let dir = fixtures.join("k8s/run-as-group-root/silent-off-by-default");
    let rules = |dir: &Path, args: &[&str]| {
        let mut rules = rules_of(&json_report(deploylint(dir).args(args)));
        rules.sort();
        rules.dedup();
        rules
    };
    // Off by default; on when asked for by id, not by family or standard.
    let all = rules(&dir, &["--no-config"]);
    assert!(!all.iter().any(|r| r == "k8s/run-as-group-root"));
    assert!(!rules(&dir, &["--no-config", "--select", "k8s"])
        .iter()
        .any(|r| r == "k8s/run-as-group-root"));
    assert_eq!(
        rules(&dir, &["--no-config", "--select", "k8s/run-as-group-root"]),
        ["k8s/run-as-group-root"]
    );
    // A standard selects its rules; restricted includes baseline.
    let baseline = rules(&dir, &["--no-config", "--select", "pss-baseline"]);
    assert!(!baseline.is_empty());
    for rule in &baseline {
        let meta = deploylint::rules::find(rule).unwrap();
        assert!(meta.implements("pss-baseline"), "{rule}");
    }
    let restricted = rules(&dir, &["--no-config", "--select", "pss-restricted"]);
    assert!(restricted.iter().any(|r| r == "k8s/seccomp"));
    assert!(restricted.iter().any(|r| r == "k8s/drop-capabilities"));
    // The configuration's select: and ignore: do the same.
    let configured = TempDir::new().unwrap();
    write(
        configured.path(),
        "pod.yaml",
        &std::fs::read_to_string(dir.join("pod.yaml")).unwrap(),
    );
    write(
        configured.path(),
        ".deploylint.yaml",
        "select: [pss-restricted]\nignore: [k8s/seccomp]\n",
    );
    let chosen = rules(configured.path(), &[]);
    assert!(chosen.iter().any(|r| r == "k8s/drop-capabilities"));
    assert!(!chosen
        .iter()
        .any(|r| r == "k8s/seccomp" || r == "k8s/latest-tag"));
    // --select replaces the configuration's select:.
    assert_eq!(
        rules(configured.path(), &["--select", "k8s/drop-capabilities"]),
        ["k8s/drop-capabilities"]
    );
    let listed = deploylint(&dir)
        .args(["rules", "--standard", "pss-restricted"])
        .output()
        .unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert!(listed.contains("k8s/seccomp") && listed.contains("k8s/privileged"));
    assert!(!listed.contains("k8s/latest-tag"));
    deploylint(&dir)
        .args(["rules", "--standard", "iso-9001"])
        .assert()
        .code(2);
}
