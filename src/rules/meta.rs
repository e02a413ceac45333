//! A rule's fixed, public description ([`RuleMeta`]), declared in its file
//! with [`declare_rule!`](crate::declare_rule).

use crate::config::Config;
use crate::finding::Severity;

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
    /// The rule's severity in this run, `None` when the configuration
    /// switches it off (see [`Config::severity_for`]).
    pub fn configured(&self, config: &Config) -> Option<Severity> {
        config.severity_for(self.id, self.severity)
    }

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
        $vis static $name: $crate::rules::meta::RuleMeta = $crate::rules::meta::RuleMeta {
            id: $id,
            severity: $crate::finding::Severity::$severity,
            summary: $summary,
            docs: concat!($($doc, "\n"),*),
        };
    };
}
