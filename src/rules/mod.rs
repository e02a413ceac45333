//! The rule registry. Each rule lives in its own file under a folder named for
//! its family, declares its metadata with [`declare_rule!`] and exposes one
//! check function over the view it needs.

use std::fmt;

use serde::Serialize;

pub mod k8s;
pub mod parse;
pub mod yaml;

mod sink;
pub use sink::{Draft, Sink};

use crate::model::k8s::{Object, Workload};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A rule's fixed, public description.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case id, `family/name`: users write it in configs and suppressions.
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// Markdown documentation taken from the rule's doc comment.
    pub docs: &'static str,
}

impl RuleMeta {
    /// The documentation with the one-space indent of `///` comments removed.
    pub fn documentation(&self) -> String {
        self.docs
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }
}

/// Declares a rule's metadata; the doc comment becomes what `deploylint explain` prints.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $name:ident = {
            id: $id:literal,
            severity: $severity:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $name: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            id: $id,
            severity: $crate::rules::Severity::$severity,
            summary: $summary,
            docs: concat!($($doc, "\n"),*),
        };
    };
}

/// How a rule is run.
pub enum Check {
    /// Once for each Kubernetes object.
    Object(fn(&Object, &mut Sink)),
    /// Once for each Kubernetes object that has a pod template.
    Workload(fn(&Workload, &mut Sink)),
    /// Reported by a front end while it parses.
    FrontEnd,
}

pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: Check,
}

/// Every built-in rule, in the order `deploylint rules` lists them.
pub static RULES: &[Rule] = &[
    Rule {
        meta: &k8s::run_as_non_root::RULE,
        check: Check::Workload(k8s::run_as_non_root::check),
    },
    Rule {
        meta: &k8s::liveness_probe::RULE,
        check: Check::Workload(k8s::liveness_probe::check),
    },
    Rule {
        meta: &k8s::readiness_probe::RULE,
        check: Check::Workload(k8s::readiness_probe::check),
    },
    Rule {
        meta: &k8s::cpu_requests::RULE,
        check: Check::Workload(k8s::cpu_requests::check),
    },
    Rule {
        meta: &k8s::memory_requests::RULE,
        check: Check::Workload(k8s::memory_requests::check),
    },
    Rule {
        meta: &k8s::memory_limits::RULE,
        check: Check::Workload(k8s::memory_limits::check),
    },
    Rule {
        meta: &k8s::cpu_limits::RULE,
        check: Check::Workload(k8s::cpu_limits::check),
    },
    Rule {
        meta: &k8s::requests_exceed_limits::RULE,
        check: Check::Workload(k8s::requests_exceed_limits::check),
    },
    Rule {
        meta: &k8s::privileged::RULE,
        check: Check::Workload(k8s::privileged::check),
    },
    Rule {
        meta: &k8s::privilege_escalation::RULE,
        check: Check::Workload(k8s::privilege_escalation::check),
    },
    Rule {
        meta: &k8s::host_namespace::RULE,
        check: Check::Workload(k8s::host_namespace::check),
    },
    Rule {
        meta: &k8s::latest_tag::RULE,
        check: Check::Workload(k8s::latest_tag::check),
    },
    Rule {
        meta: &yaml::duplicate_key::RULE,
        check: Check::FrontEnd,
    },
    Rule {
        meta: &parse::yaml::RULE,
        check: Check::FrontEnd,
    },
];

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.meta.id == id)
}

/// The known id closest to `id`, for "did you mean" hints.
pub fn closest_id(id: &str) -> Option<&'static str> {
    RULES
        .iter()
        .map(|rule| (edit_distance(id, rule.meta.id), rule.meta.id))
        .filter(|(distance, _)| *distance <= 3.max(id.len() / 4))
        .min()
        .map(|(_, id)| id)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.meta.id), "duplicate id {}", rule.meta.id);
            let (family, name) = rule.meta.id.split_once('/').expect("family/name");
            for part in [family, name] {
                assert!(
                    !part.is_empty()
                        && part
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "{} is not kebab-case",
                    rule.meta.id
                );
            }
        }
    }

    #[test]
    fn every_rule_documents_what_why_and_an_example() {
        for rule in RULES {
            let docs = rule.meta.documentation();
            for heading in ["### What it does", "### Why is this bad?", "### Example"] {
                assert!(docs.contains(heading), "{} lacks '{heading}'", rule.meta.id);
            }
        }
    }

    #[test]
    fn typos_get_a_suggestion() {
        assert_eq!(closest_id("k8s/latest-tags"), Some("k8s/latest-tag"));
        assert_eq!(closest_id("nonsense"), None);
    }
}
