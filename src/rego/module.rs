//! What we read from a policy's source text ourselves: its package, the
//! rules deploylint evaluates (`deny`, `violation`, `warn` and their `_`
//! forms, `exception`, `test_*`), and `# METADATA` blocks, which the engine
//! parses but ignores.

use crate::parse::yaml::{self, Node};
use crate::source::SourceFile;

/// How a rule's results are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Deny,
    Warn,
}

#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub id: Option<String>,
    pub severity: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub summary: Option<String>,
    /// `custom.kinds`: the object kinds the policy applies to (`workloads`
    /// stands for every kind with a pod template); empty means every input.
    pub kinds: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct PolicyRule {
    /// `data.main.deny_privileged`
    pub path: String,
    /// `deny_privileged`
    pub name: String,
    pub kind: RuleKind,
    pub metadata: Metadata,
}

#[derive(Debug, Clone, Default)]
pub struct PolicyModule {
    /// The file it came from, as shown to users.
    pub file: String,
    /// `main`, `kubernetes.security`
    pub package: String,
    pub rules: Vec<PolicyRule>,
    pub tests: Vec<String>,
    pub has_exception: bool,
    /// Metadata written before the `package` line.
    pub package_metadata: Metadata,
}

/// The rule name a line starts with, if it is a rule head.
fn rule_head(line: &str) -> Option<&str> {
    if line.starts_with(char::is_whitespace) {
        return None;
    }
    let end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(line.len());
    let name = &line[..end];
    let rest = line[end..].trim_start();
    let is_head = rest.is_empty()
        || rest.starts_with('[')
        || rest.starts_with('{')
        || rest.starts_with(":=")
        || rest.starts_with('=')
        || rest.starts_with("contains ")
        || rest.starts_with("if ")
        || rest.starts_with("if{");
    (is_head && !name.is_empty()).then_some(name)
}

pub fn scan(file: &str, source: &str) -> PolicyModule {
    let mut module = PolicyModule {
        file: file.to_string(),
        ..PolicyModule::default()
    };
    let lines: Vec<&str> = source.lines().collect();
    let mut pending: Option<Metadata> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim() == "# METADATA" {
            let mut block = String::new();
            i += 1;
            while i < lines.len() && lines[i].trim_start().starts_with('#') {
                let text = lines[i].trim_start().trim_start_matches('#');
                block.push_str(text.strip_prefix(' ').unwrap_or(text));
                block.push('\n');
                i += 1;
            }
            pending = Some(parse_metadata(&block));
            continue;
        }
        if let Some(package) = line.strip_prefix("package ") {
            module.package = package.trim().to_string();
            module.package_metadata = pending.take().unwrap_or_default();
        } else if let Some(name) = rule_head(line) {
            let metadata = pending.take().unwrap_or_default();
            let kind = if name == "deny"
                || name == "violation"
                || name.starts_with("deny_")
                || name.starts_with("violation_")
            {
                Some(RuleKind::Deny)
            } else if name == "warn" || name.starts_with("warn_") {
                Some(RuleKind::Warn)
            } else {
                None
            };
            if let Some(kind) = kind {
                if !module.rules.iter().any(|r| r.name == name) {
                    module.rules.push(PolicyRule {
                        path: format!("data.{}.{name}", module.package),
                        name: name.to_string(),
                        kind,
                        metadata,
                    });
                }
            } else if name == "exception" {
                module.has_exception = true;
            } else if name.starts_with("test_") && !module.tests.iter().any(|t| t == name) {
                module.tests.push(name.to_string());
            }
        } else if !line.trim_start().starts_with('#') && !line.trim().is_empty() {
            pending = None;
        }
        i += 1;
    }
    module
}

fn parse_metadata(block: &str) -> Metadata {
    let file = SourceFile::new("METADATA", block);
    let stream = yaml::parse(&file);
    let Some(root) = stream.documents.first() else {
        return Metadata::default();
    };
    let text = |node: Option<&Node>| node.and_then(Node::as_str).map(str::to_string);
    let custom = root.get("custom");
    Metadata {
        id: text(custom.and_then(|c| c.get("id"))),
        severity: text(custom.and_then(|c| c.get("severity"))),
        summary: text(custom.and_then(|c| c.get("summary"))),
        kinds: custom
            .and_then(|c| c.get("kinds"))
            .map(|k| {
                k.items()
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        title: text(root.get("title")),
        description: text(root.get("description")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_rules_in_both_syntaxes_and_their_metadata() {
        let source = "# METADATA\n# title: Containers must not run as root\n# custom:\n#   id: SEC-001\n#   severity: warning\ndeny_root contains msg if {\n  input.x\n}\n\ndeny[msg] {\n  msg := \"x\"\n}\nwarn_labels[msg] { true }\nexception[rules] { rules := [\"root\"] }\ntest_root if { true }\nhelper := 1\n";
        let module = scan("p.rego", &format!("package main\n\n{source}"));
        assert_eq!(module.package, "main");
        let names: Vec<_> = module.rules.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["deny_root", "deny", "warn_labels"]);
        assert_eq!(module.rules[0].metadata.id.as_deref(), Some("SEC-001"));
        assert_eq!(
            module.rules[0].metadata.severity.as_deref(),
            Some("warning")
        );
        assert_eq!(module.rules[1].metadata.id, None);
        assert_eq!(module.rules[2].kind, RuleKind::Warn);
        assert!(module.has_exception);
        assert_eq!(module.tests, ["test_root"]);
    }
}
