//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.

use serde::Serialize;

use crate::baseline;
use crate::finding::Finding;
use crate::report::Report;
use crate::rules::{self, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/deploylint/deploylint";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    results: Vec<SarifResult>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: Fingerprints,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "deploylint/v1")]
    deploylint: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI: SARIF viewers resolve it against the repository root.
fn uri(file: &str) -> String {
    file.replace(' ', "%20")
}

fn descriptor(id: &str, default: Severity) -> Descriptor {
    match rules::find(id) {
        Some(meta) => Descriptor {
            id: meta.id.to_string(),
            name: meta.id.replace(['/', '-'], "_"),
            short_description: Text {
                text: meta.summary.to_string(),
            },
            full_description: Text {
                text: meta
                    .documentation()
                    .split("### Why is this bad?")
                    .next()
                    .unwrap_or_default()
                    .replace("### What it does", "")
                    .trim()
                    .to_string(),
            },
            help: Help {
                text: meta.documentation(),
                markdown: meta.documentation(),
            },
            default_configuration: Configuration {
                level: level(meta.severity),
            },
        },
        // A rule of the user's own policies.
        None => Descriptor {
            id: id.to_string(),
            name: id.replace(['/', '-', '.'], "_"),
            short_description: Text {
                text: format!("policy rule {id}"),
            },
            full_description: Text {
                text: format!("Reported by the Rego policy rule {id}."),
            },
            help: Help {
                text: format!("See the policy that defines {id}."),
                markdown: format!("See the policy that defines `{id}`."),
            },
            default_configuration: Configuration {
                level: level(default),
            },
        },
    }
}

fn location(finding: &Finding) -> Location {
    let empty = finding.start == finding.end;
    Location {
        id: None,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri(&finding.file),
            },
            region: Region {
                start_line: finding.start.line,
                start_column: finding.start.column,
                end_line: (!empty).then_some(finding.end.line),
                end_column: (!empty).then_some(finding.end.column),
            },
        },
        message: None,
    }
}

pub fn render(report: &Report) -> String {
    let mut descriptors: Vec<Descriptor> = Vec::new();
    let mut results = Vec::new();
    let prints = baseline::fingerprints(report.findings);
    for (finding, fingerprint) in report.findings.iter().zip(prints) {
        let rule_index = match descriptors.iter().position(|d| d.id == finding.rule) {
            Some(index) => index,
            None => {
                descriptors.push(descriptor(&finding.rule, finding.severity));
                descriptors.len() - 1
            }
        };
        let object = finding
            .object
            .as_deref()
            .map(|o| format!("{o}: "))
            .unwrap_or_default();
        let related_locations = finding
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| Location {
                id: Some(i + 1),
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri: uri(&r.file) },
                    region: Region {
                        start_line: r.line,
                        start_column: r.column,
                        end_line: None,
                        end_column: None,
                    },
                },
                message: Some(Text {
                    text: r.message.clone(),
                }),
            })
            .collect();
        results.push(SarifResult {
            rule_id: finding.rule.clone(),
            rule_index,
            level: level(finding.severity),
            message: Text {
                text: format!("{object}{}\nhelp: {}", finding.message, finding.help),
            },
            locations: vec![location(finding)],
            related_locations,
            partial_fingerprints: Fingerprints {
                deploylint: fingerprint,
            },
        });
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "deploylint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules: descriptors,
                },
            },
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    serde_json::to_string_pretty(&log).expect("SARIF serializes") + "\n"
}
