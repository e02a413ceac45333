//! Where users run deploylint: the GitHub Action's shell steps with the
//! environment GitHub sets, the pre-commit hook definitions, GitLab's code
//! quality format. (`.ci/run` also runs the hooks for real with pre-commit.)

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use deploylint::parse::yaml;
use deploylint::source::SourceFile;
use serde_json::Value;
use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn binary_dir() -> PathBuf {
    assert_cmd::cargo::cargo_bin("deploylint")
        .parent()
        .unwrap()
        .to_path_buf()
}

fn path_with(dir: &Path) -> String {
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn workspace() -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("deploy")).unwrap();
    fs::write(
        dir.path().join("deploy/web.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: nginx\n",
    )
    .unwrap();
    dir
}

/// Runs the action's run step as GitHub would: inputs mapped to DEPLOYLINT_*,
/// GITHUB_ACTION_PATH and GITHUB_OUTPUT set, deploylint on PATH.
fn run_action(workspace: &Path, inputs: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let output_file = workspace.join("github-output.txt");
    let mut cmd = Command::new("bash");
    cmd.arg(root().join("scripts/action-run.sh"))
        .current_dir(workspace)
        .env("PATH", path_with(&binary_dir()))
        .env("GITHUB_ACTION_PATH", root())
        .env("GITHUB_WORKSPACE", workspace)
        .env("GITHUB_OUTPUT", &output_file)
        .env("GITHUB_ACTIONS", "true");
    for (name, value) in inputs {
        cmd.env(name, value);
    }
    let output = cmd.output().unwrap();
    let github_output = fs::read_to_string(&output_file).unwrap_or_default();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        github_output,
    )
}

#[test]
fn the_action_annotates_writes_sarif_and_fails_the_step() {
    let dir = workspace();
    let (code, stdout, outputs) = run_action(
        dir.path(),
        &[
            ("DEPLOYLINT_PATHS", "deploy"),
            ("DEPLOYLINT_FORMAT", "github"),
            ("DEPLOYLINT_FAIL_ON", "warning"),
            ("DEPLOYLINT_CONFIG", ""),
            ("DEPLOYLINT_POLICY", ""),
            ("DEPLOYLINT_SARIF_FILE", "reports/deploylint.sarif"),
        ],
    );
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("::error file=deploy/web.yaml,line=6"),
        "{stdout}"
    );
    assert_eq!(outputs.trim(), "exit-code=1");
    let sarif: Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("reports/deploylint.sarif")).unwrap(),
    )
    .unwrap();
    assert_eq!(sarif["runs"][0]["tool"]["driver"]["name"], "deploylint");
}

#[test]
fn the_action_passes_when_only_findings_below_fail_on_remain() {
    let dir = workspace();
    fs::write(dir.path().join("policy.rego"), "package main\nimport rego.v1\nwarn contains \"from the policy\" if input.kind == \"Pod\"\n").unwrap();
    fs::write(
        dir.path().join("strict.yaml"),
        "rules:\n  k8s/host-namespace: warning\n  k8s/run-as-non-root: warning\n",
    )
    .unwrap();
    let (code, stdout, outputs) = run_action(
        dir.path(),
        &[
            ("DEPLOYLINT_PATHS", "deploy/web.yaml"),
            ("DEPLOYLINT_FORMAT", "human"),
            ("DEPLOYLINT_FAIL_ON", "error"),
            ("DEPLOYLINT_CONFIG", "strict.yaml"),
            ("DEPLOYLINT_POLICY", "policy.rego"),
            ("DEPLOYLINT_SARIF_FILE", ""),
        ],
    );
    assert!(stdout.contains("from the policy"), "{stdout}");
    assert!(
        stdout.contains("warning[k8s/host-namespace]"),
        "the config applies: {stdout}"
    );
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(outputs.trim(), "exit-code=0");
}

/// Runs the install step as GitHub would, with `cargo` stubbed to log its calls.
struct Install {
    stubs: TempDir,
    log: PathBuf,
}

impl Install {
    fn new() -> Install {
        let stubs = TempDir::new().unwrap();
        let log = stubs.path().join("cargo.log");
        let cargo = stubs.path().join("cargo");
        fs::write(
            &cargo,
            format!("#!/bin/sh\necho \"$@\" >> {}\n", log.display()),
        )
        .unwrap();
        Command::new("chmod")
            .arg("+x")
            .arg(&cargo)
            .status()
            .unwrap();
        Install { stubs, log }
    }

    fn cargo_calls(&self) -> Vec<String> {
        fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn bin(&self) -> PathBuf {
        self.stubs.path().join("home/bin")
    }

    /// Runs the step with a PATH of the stubs, `extra_path` first, and `env`.
    fn run(&self, extra_path: Option<&Path>, env: &[(&str, &str)]) -> bool {
        let mut path = format!("{}:/usr/bin:/bin", self.stubs.path().display());
        if let Some(extra) = extra_path {
            path = format!("{}:{path}", extra.display());
        }
        let mut command = Command::new("bash");
        command
            .arg(root().join("scripts/action-install.sh"))
            .env("PATH", path)
            .env("GITHUB_ACTION_PATH", root())
            .env("CARGO_HOME", self.stubs.path().join("home"))
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64");
        for (key, value) in env {
            command.env(key, value);
        }
        command.status().unwrap().success()
    }
}

/// A release folder laid out as the release workflow publishes it, holding
/// this build's binary; `corrupt` spoils its checksum.
fn fake_release(version: &str, corrupt: bool) -> TempDir {
    let releases = TempDir::new().unwrap();
    let name = format!("deploylint-{version}-x86_64-unknown-linux-musl");
    let folder = releases.path().join(format!("v{version}"));
    fs::create_dir_all(folder.join(&name)).unwrap();
    fs::copy(
        binary_dir().join("deploylint"),
        folder.join(&name).join("deploylint"),
    )
    .unwrap();
    let archive = format!("{name}.tar.gz");
    let status = Command::new("tar")
        .args(["-czf", &archive, &name])
        .current_dir(&folder)
        .status()
        .unwrap();
    assert!(status.success());
    let sum = Command::new("sha256sum")
        .arg(&archive)
        .current_dir(&folder)
        .output()
        .unwrap();
    let mut sum = String::from_utf8(sum.stdout).unwrap();
    if corrupt {
        sum = format!("{}{}", "0".repeat(64), &sum[64..]);
    }
    fs::write(folder.join(format!("{archive}.sha256")), sum).unwrap();
    releases
}

#[test]
fn the_install_step_downloads_a_release_and_verifies_its_checksum() {
    let releases = fake_release("0.1.0", false);
    let url = format!("file://{}", releases.path().display());
    let install = Install::new();
    assert!(install.run(
        None,
        &[
            ("DEPLOYLINT_VERSION", "0.1.0"),
            ("DEPLOYLINT_RELEASES_URL", &url)
        ]
    ));
    let output = Command::new(install.bin().join("deploylint"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("0.1.0"));
    assert!(install.cargo_calls().is_empty(), "a release is not built");
    // The action used at its release tag downloads its own version.
    let tagged = Install::new();
    assert!(tagged.run(
        None,
        &[
            ("DEPLOYLINT_ACTION_REF", "v0.1.0"),
            ("DEPLOYLINT_RELEASES_URL", &url)
        ]
    ));
    assert!(tagged.bin().join("deploylint").is_file() && tagged.cargo_calls().is_empty());
    // A checksum that does not match stops the step.
    let spoiled = fake_release("0.1.0", true);
    let url = format!("file://{}", spoiled.path().display());
    let refused = Install::new();
    assert!(!refused.run(
        None,
        &[
            ("DEPLOYLINT_VERSION", "0.1.0"),
            ("DEPLOYLINT_RELEASES_URL", &url)
        ]
    ));
    assert!(!refused.bin().join("deploylint").exists());
}

#[test]
fn the_install_step_builds_an_unreleased_ref_and_keeps_a_build_of_the_same_source() {
    let install = Install::new();
    assert!(install.run(
        None,
        &[
            ("DEPLOYLINT_ACTION_REF", "main"),
            ("DEPLOYLINT_SOURCE_HASH", "abc123")
        ]
    ));
    assert_eq!(
        install.cargo_calls(),
        [format!("install --locked --path {}", root().display())]
    );
    // A cached binary stamped with this source's fingerprint is kept; one
    // built from another commit is rebuilt.
    let cached = TempDir::new().unwrap();
    fs::copy(
        binary_dir().join("deploylint"),
        cached.path().join("deploylint"),
    )
    .unwrap();
    let run_with = |stamp: &str, hash: &str| {
        fs::write(cached.path().join("deploylint.source"), stamp).unwrap();
        assert!(install.run(Some(cached.path()), &[("DEPLOYLINT_SOURCE_HASH", hash)]));
        install.cargo_calls().len()
    };
    assert_eq!(run_with("abc123", "abc123"), 1, "same source: kept");
    assert_eq!(run_with("abc123", "def456"), 2, "new source: rebuilt");
    let stamp = fs::read_to_string(install.bin().join("deploylint.source")).unwrap();
    assert_eq!(stamp, "def456", "the rebuilt binary is stamped");
}

#[test]
fn the_source_fingerprint_changes_with_the_source() {
    let fingerprint = |dir: &Path| {
        let output = Command::new("bash")
            .arg(root().join("scripts/action-source.sh"))
            .env("GITHUB_ACTION_PATH", dir)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let copy = TempDir::new().unwrap();
    for file in ["Cargo.toml", "Cargo.lock", "build.rs"] {
        fs::copy(root().join(file), copy.path().join(file)).unwrap();
    }
    fs::create_dir_all(copy.path().join("src")).unwrap();
    fs::write(copy.path().join("src/main.rs"), "fn main() {}\n").unwrap();
    let before = fingerprint(copy.path());
    assert!(
        before.starts_with("hash=") && before.trim().len() == 21,
        "{before}"
    );
    assert_eq!(fingerprint(copy.path()), before, "stable");
    fs::write(copy.path().join("src/main.rs"), "fn main() { }\n").unwrap();
    assert_ne!(
        fingerprint(copy.path()),
        before,
        "a change to the source changes it"
    );
}

fn load_yaml(path: &str) -> yaml::Node {
    let text = fs::read_to_string(root().join(path)).unwrap();
    let stream = yaml::parse(&SourceFile::new(path, text));
    assert!(stream.errors.is_empty(), "{path} parses");
    stream.documents.into_iter().next().unwrap()
}

#[test]
fn the_action_declares_the_documented_inputs_and_runs_the_tested_scripts() {
    let action = load_yaml("action.yml");
    let inputs: Vec<&str> = action
        .get("inputs")
        .unwrap()
        .entries()
        .iter()
        .map(|(k, _)| k.as_str().unwrap())
        .collect();
    assert_eq!(
        inputs,
        [
            "paths",
            "format",
            "fail-on",
            "config",
            "policy",
            "sarif-file",
            "version"
        ]
    );
    let runs = action.get("runs").unwrap();
    assert_eq!(runs.get("using").unwrap().as_str(), Some("composite"));
    let scripts: Vec<&str> = runs
        .get("steps")
        .unwrap()
        .items()
        .iter()
        .filter_map(|s| s.get("run").and_then(|r| r.as_str()))
        .collect();
    assert_eq!(
        scripts,
        [
            "\"$GITHUB_ACTION_PATH/scripts/action-source.sh\" >> \"$GITHUB_OUTPUT\"",
            "\"$GITHUB_ACTION_PATH/scripts/action-install.sh\"",
            "\"$GITHUB_ACTION_PATH/scripts/action-run.sh\""
        ]
    );
}

#[test]
fn the_pre_commit_hooks_select_the_files_deploylint_reads() {
    let hooks = load_yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.items();
    let by_id = |id: &str| {
        hooks
            .iter()
            .find(|h| h.get("id").and_then(|i| i.as_str()) == Some(id))
            .unwrap()
    };
    let changed = by_id("deploylint");
    // The hooks install the wheel (pyproject.toml), not a Rust build.
    assert_eq!(changed.get("language").unwrap().as_str(), Some("python"));
    assert_eq!(
        changed.get("entry").unwrap().as_str(),
        Some("deploylint --partial")
    );
    let files = regex::Regex::new(changed.get("files").unwrap().as_str().unwrap()).unwrap();
    for name in [
        "deploy/web.yaml",
        "a.yml",
        "x.json",
        "infra/main.tf",
        "prod.tfvars",
        "terragrunt.hcl",
        "Dockerfile",
        "app/Dockerfile.prod",
        "api.Dockerfile",
        "Containerfile",
    ] {
        assert!(files.is_match(name), "{name} should be linted");
    }
    for name in ["README.md", "src/main.rs", "Dockerfile-notes.txt"] {
        assert!(!files.is_match(name), "{name} should not be linted");
    }
    let whole = by_id("deploylint-repo");
    assert_eq!(whole.get("pass_filenames").unwrap().as_bool(), Some(false));
    assert_eq!(whole.get("entry").unwrap().as_str(), Some("deploylint ."));
}

#[test]
fn gitlab_code_quality_reports_have_the_required_fields() {
    let dir = workspace();
    let output = assert_cmd::Command::cargo_bin("deploylint")
        .unwrap()
        .current_dir(dir.path())
        .args(["--format", "gitlab"])
        .output()
        .unwrap();
    let issues: Value = serde_json::from_slice(&output.stdout).unwrap();
    let first = &issues[0];
    for field in ["description", "check_name", "fingerprint", "severity"] {
        assert!(first[field].is_string(), "{field}");
    }
    assert_eq!(first["location"]["path"], "deploy/web.yaml");
    assert!(first["location"]["lines"]["begin"].is_u64());
    let fingerprints: std::collections::HashSet<&str> = issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(
        fingerprints.len(),
        issues.as_array().unwrap().len(),
        "fingerprints are unique"
    );
}

#[test]
fn the_hook_package_pins_the_wheel_of_this_version() {
    let cargo = fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let version = cargo
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .unwrap();
    let hooks = fs::read_to_string(root().join("pyproject.toml")).unwrap();
    assert!(
        hooks.contains(&format!("dependencies = [\"deploylint=={version}\"]")),
        "pyproject.toml must pin deploylint=={version}"
    );
    assert!(hooks.contains(&format!("version = \"{version}\"")));
    let wheel = fs::read_to_string(root().join("python/pyproject.toml")).unwrap();
    assert!(
        wheel.contains("bindings = \"bin\"") && wheel.contains("manifest-path = \"../Cargo.toml\"")
    );
    // cargo binstall and the Action fetch the archives the release workflow makes.
    let release = fs::read_to_string(root().join(".github/workflows/release.yml")).unwrap();
    assert!(
        release.contains("deploylint-${VERSION}-${TARGET}"),
        "archive names"
    );
    assert!(
        cargo.contains("deploylint-{ version }-{ target }"),
        "binstall metadata"
    );
    let install = fs::read_to_string(root().join("scripts/action-install.sh")).unwrap();
    assert!(install.contains("name=\"deploylint-$wanted-$triple\""));
}

#[test]
fn the_container_image_passes_deploylints_own_dockerfile_rules() {
    let output = Command::new(binary_dir().join("deploylint"))
        .args(["--no-config", "--format", "json", "--fail-on", "info"])
        .arg(root().join("Dockerfile"))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["findings"], serde_json::json!([]), "{report:#}");
    assert_eq!(output.status.code(), Some(0));
}
