//! Hostile inputs: whatever bytes a file holds, the run gives findings or a
//! `parse/*` finding, never a crash, a hang or an explosion of memory.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use deploylint::config::Config;
use deploylint::discover::Format;
use deploylint::lint::{self, Context};
use deploylint::rego::Policies;
use proptest::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

mod common;

const FORMATS: [Format; 7] = [
    Format::Yaml,
    Format::Json,
    Format::HelmValues,
    Format::Compose,
    Format::Hcl,
    Format::Dockerfile,
    Format::Markdown,
];

fn lint_all_formats(bytes: &[u8]) {
    let config = Config::default();
    let policies = Policies::builtin();
    let cx = Context {
        config: &config,
        policies: &policies,
    };
    for format in FORMATS {
        let report = lint::lint_bytes("input", bytes.to_vec(), format, true, cx);
        for finding in &report.findings {
            assert!(finding.start.line >= 1 && finding.start.column >= 1);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_in_any_format_give_findings_not_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        lint_all_formats(&bytes);
    }

    #[test]
    fn any_text_made_of_syntax_characters_is_handled(text in "[ \\t\\n:{}\\[\\]\\-#'\"&*!|>%@`=,\\\\a-z0-9<$]{0,600}") {
        lint_all_formats(text.as_bytes());
    }

    #[test]
    fn mutated_fixtures_are_handled(index in 0usize..64, position in any::<usize>(), byte in any::<u8>(), cut in any::<bool>()) {
        let fixtures = fixture_texts();
        let mut bytes = fixtures[index % fixtures.len()].clone();
        if !bytes.is_empty() {
            let at = position % bytes.len();
            if cut { bytes.truncate(at) } else { bytes[at] = byte }
        }
        lint_all_formats(&bytes);
    }
}

#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut count = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md")
            && path.file_stem().is_some_and(|s| s == "README")
        {
            continue;
        }
        lint_all_formats(&fs::read(&path).unwrap());
        count += 1;
    }
    assert!(count >= 5, "the regression inputs are missing");
}

fn fixture_texts() -> Vec<Vec<u8>> {
    let mut found = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(fs::read(path).unwrap());
            }
        }
    }
    found.sort();
    found
}

fn deploylint(dir: &Path) -> Command {
    let mut cmd = common::deploylint(dir);
    cmd.timeout(std::time::Duration::from_secs(120));
    cmd
}

fn rules(dir: &Path, args: &[&str]) -> Vec<String> {
    common::rules_of(&common::json_report(deploylint(dir).args(args)))
}

#[test]
fn deep_nesting_is_a_parse_finding_not_a_stack_overflow() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("deep.yaml"), "[".repeat(200_000)).unwrap();
    fs::write(
        dir.path().join("deep-block.yaml"),
        (0..1500)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect::<String>(),
    )
    .unwrap();
    fs::write(
        dir.path().join("deep.tf"),
        format!("a = {}", "[".repeat(200_000)),
    )
    .unwrap();
    fs::write(dir.path().join("deep.json"), "[".repeat(200_000)).unwrap();
    fs::write(
        dir.path().join("Dockerfile"),
        format!("FROM a:1\nCMD {}\n", "[".repeat(200_000)),
    )
    .unwrap();
    let found = rules(dir.path(), &["."]);
    // deep.json is not Kubernetes and does not parse: a walk skips it.
    assert_eq!(
        found.iter().filter(|r| r.as_str() == "parse/yaml").count(),
        2,
        "{found:?}"
    );
    assert!(found.contains(&"parse/hcl".to_string()), "{found:?}");
}

#[test]
fn alias_bombs_are_bounded() {
    let dir = TempDir::new().unwrap();
    let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        let prev = if level == 1 {
            "a".to_string()
        } else {
            format!("l{}", level - 1)
        };
        text.push_str(&format!(
            "l{level}: &l{level} [{}]\n",
            vec![format!("*{prev}"); 10].join(", ")
        ));
    }
    fs::write(dir.path().join("bomb.yaml"), text).unwrap();
    assert_eq!(rules(dir.path(), &["."]), ["parse/yaml"]);
}

#[test]
fn huge_lines_and_files_over_the_limit() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("line.yaml"),
        format!("key: {}\n", "a".repeat(20 * 1024 * 1024)),
    )
    .unwrap();
    // A 20 MB line is read when the limit allows it.
    assert_eq!(
        rules(dir.path(), &[".", "--max-file-size", "30000000"]),
        Vec::<String>::new()
    );
    let output = deploylint(dir.path())
        .args([".", "--max-file-size", "1000", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["findings"][0]["rule"], "parse/too-large");
    assert_eq!(report["findings"][0]["severity"], "info");
    assert_eq!(report["summary"]["skipped"], 1);
    assert_eq!(
        output.status.code(),
        Some(0),
        "an info note does not fail the run"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_fifos_do_not_hang() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
    std::os::unix::fs::symlink("missing-target", dir.path().join("dangling.yaml")).unwrap();
    let fifo = dir.path().join("pipe.yaml");
    let made = Process::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    fs::write(dir.path().join("sub/ok.yaml"), "a: 1\n").unwrap();
    deploylint(dir.path()).arg(".").assert().code(0);
    if made {
        deploylint(dir.path())
            .arg("sub")
            .arg("pipe.yaml")
            .assert()
            .code(0);
    }
}

#[test]
fn a_crash_in_one_file_is_reported_and_the_run_goes_on() {
    if !cfg!(debug_assertions) {
        return;
    }
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.yaml"), "a: 1\n").unwrap();
    fs::write(dir.path().join("b.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: []\n").unwrap();
    let output = deploylint(dir.path())
        .env("DEPLOYLINT_TEST_PANIC_ON", "a.yaml")
        .args([".", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    assert!(found.contains(&("a.yaml", "internal-error")), "{found:?}");
    assert!(
        found.contains(&("b.yaml", "k8s/host-namespace")),
        "{found:?}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn linted_files_are_never_written() {
    let dir = TempDir::new().unwrap();
    let files = [
        ("a.yaml", "a: [\n"),
        ("main.tf", "resource \"x\" \"y\" {}\n"),
        ("Dockerfile", "FROM a\n"),
    ];
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let before: Vec<_> = files
        .iter()
        .map(|(n, _)| {
            fs::metadata(dir.path().join(n))
                .unwrap()
                .modified()
                .unwrap()
        })
        .collect();
    deploylint(dir.path()).arg(".").assert().code(1);
    for ((name, text), modified) in files.iter().zip(before) {
        assert_eq!(fs::read_to_string(dir.path().join(name)).unwrap(), *text);
        assert_eq!(
            fs::metadata(dir.path().join(name))
                .unwrap()
                .modified()
                .unwrap(),
            modified
        );
    }
}

/// Escape sequences in a manifest never reach the terminal: shown as
/// `\x1b`, in snippets and messages, in the human and GitHub formats.
#[test]
fn a_manifest_cannot_write_escape_sequences_to_the_terminal() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"p\u{1b}[2J\"\nspec:\n  containers:\n    - name: \"c\u{1b}[31mred\u{9b}1A\"\n      image: \"nginx\u{1b}]0;title\u{7}\"\n",
    )
    .unwrap();
    for args in [
        vec!["--format", "human"],
        vec!["--format", "github"],
        vec!["--format", "human", "--color", "always"],
    ] {
        let output = deploylint(dir.path()).args(&args).output().unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        // Colours are the only escape sequences deploylint writes itself.
        let foreign: Vec<&str> = stdout
            .split('\u{1b}')
            .skip(1)
            .filter(|after| {
                !(after.starts_with('[')
                    && after[1..].find('m').is_some_and(|m| {
                        after[1..m + 1]
                            .chars()
                            .all(|c| c.is_ascii_digit() || c == ';')
                    }))
            })
            .collect();
        assert!(foreign.is_empty(), "{args:?} let through {foreign:?}");
        assert!(
            !stdout.contains('\u{9b}') && !stdout.contains('\u{7}'),
            "{args:?}"
        );
        assert!(
            stdout.contains("c\\x1b[31mred\\u{9b}1A"),
            "{args:?}: {stdout}"
        );
    }
}
