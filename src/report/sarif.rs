//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.

use serde::Serialize;

use crate::finding::Finding;
use crate::finding::Severity;
use crate::report::{
    json_array_end, json_items, pretty_json, Renderer, RulesSeen, SourceLookup, Summary,
};
use crate::rules;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/deploylint/deploylint";

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
    #[serde(skip_serializing_if = "Properties::is_empty")]
    properties: Properties,
}

/// The standards a rule implements (as `tags`, which code scanning shows,
/// and whole, with their controls) and the peers' checks it covers.
#[derive(Serialize, Default)]
struct Properties {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    standards: Vec<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    covers: Vec<&'static str>,
}

impl Properties {
    fn of(meta: &rules::RuleMeta) -> Properties {
        let mut tags: Vec<String> = meta
            .standards
            .iter()
            .map(|s| s.split(':').next().unwrap_or(s).trim().to_string())
            .collect();
        tags.dedup();
        Properties {
            tags,
            standards: meta.standards.to_vec(),
            covers: meta.covers.to_vec(),
        }
    }

    fn is_empty(&self) -> bool {
        self.tags.is_empty() && self.standards.is_empty() && self.covers.is_empty()
    }
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
    /// Set for built-in rules, whose place in `rules` is fixed.
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
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
            properties: Properties::of(meta),
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
            properties: Properties::default(),
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

/// SARIF 2.1.0: one run, whose `tool` lists every built-in rule and then
/// the policy rules that reported something.
pub struct Sarif;

impl Renderer for Sarif {
    fn begin(&self) -> String {
        format!(
            "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"results\": ["
        )
    }

    fn batch(&self, findings: &[Finding], prints: &[String], _: &dyn SourceLookup) -> String {
        json_items(
            findings
                .iter()
                .zip(prints)
                .map(|(finding, fingerprint)| result(finding, fingerprint)),
            8,
        )
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn needs_fingerprints(&self) -> bool {
        true
    }

    fn end(&self, summary: &Summary, rules_seen: &RulesSeen) -> String {
        let mut descriptors: Vec<Descriptor> = rules::all()
            .iter()
            .map(|meta| descriptor(meta.id, meta.severity))
            .collect();
        descriptors.extend(
            rules_seen
                .iter()
                .filter(|(id, _)| rules::find(id).is_none())
                .map(|(id, seen)| descriptor(id, seen.severity)),
        );
        let tool = Tool {
            driver: Driver {
                name: "deploylint",
                version: env!("CARGO_PKG_VERSION"),
                semantic_version: env!("CARGO_PKG_VERSION"),
                information_uri: INFORMATION_URI,
                rules: descriptors,
            },
        };
        format!(
            "{},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"tool\": {}\n    }}\n  ]\n}}\n",
            json_array_end(summary.total(), 8),
            pretty_json(&tool, 6)
        )
    }
}

fn result(finding: &Finding, fingerprint: &str) -> SarifResult {
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
    SarifResult {
        rule_id: finding.rule.to_string(),
        rule_index: rules::all().iter().position(|meta| meta.id == finding.rule),
        level: level(finding.severity),
        message: Text {
            text: format!("{object}{}\nhelp: {}", finding.message, finding.help),
        },
        locations: vec![location(finding)],
        related_locations,
        partial_fingerprints: Fingerprints {
            deploylint: fingerprint.to_string(),
        },
    }
}
