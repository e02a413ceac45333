//! Helpers shared by the end-to-end tests: a well-made Deployment, the
//! binary, and reading its JSON report.

// Each test binary uses its own subset of these.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

pub const GOOD_DEPLOYMENT: &str = "\
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
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: web
          image: shop/web:2.3.0
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
";

pub fn with_image(image: &str) -> String {
    GOOD_DEPLOYMENT.replace("shop/web:2.3.0", image)
}

/// Writes `text` to `path` below `dir`, creating its folders.
pub fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// The binary, run in `dir` without colours.
pub fn deploylint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("deploylint").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// The report of `cmd` run with `--format json`.
pub fn json_report(cmd: &mut Command) -> Value {
    let output = cmd.arg("--format").arg("json").output().unwrap();
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// The rule of every finding of a JSON report, in order.
pub fn rules_of(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Whether an oracle may be missing: only outside CI.
pub fn oracle_missing(what: &str, why: &str) -> bool {
    if std::env::var("DEPLOYLINT_ORACLES").as_deref() == Ok("required") {
        panic!("{what} is required (DEPLOYLINT_ORACLES=required) but {why}");
    }
    eprintln!("skipped: {what} is not available here ({why}); .ci/run installs it");
    true
}

/// The files of `tests/corpus/NAME/`, sorted.
pub fn corpus(name: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name);
    let mut files: Vec<std::path::PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// A path's file name.
pub fn name_of(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}
