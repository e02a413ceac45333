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
    /// The peers' checks this rule does the work of, as `tool: CODE`
    /// (`hadolint: DL3008`): `explain DL3008` finds the rule, and a
    /// `.hadolint.yaml` or `# hadolint ignore=DL3008` reaches it.
    pub covers: &'static [&'static str],
    /// The standards it implements, with the control (`pss-baseline:
    /// Capabilities`, `cis-k8s: 5.2.8`, `nsa`): `--select pss-baseline` selects it.
    pub standards: &'static [&'static str],
    /// Runs only when asked for by id (`rules: {ID: info}`, `--select ID`):
    /// a check many teams would not want (`k8s/run-as-group-root`).
    pub off_by_default: bool,
}

impl RuleMeta {
    /// The rule's severity in this run, `None` when the configuration
    /// switches it off (see [`Config::severity_for`]).
    pub fn configured(&self, config: &Config) -> Option<Severity> {
        if self.off_by_default && !config.asks_for(self.id) {
            return None;
        }
        config.severity_for(self.id, self.severity)
    }

    /// Whether this rule does the work of a peer's check `code` (`DL3008`,
    /// or `hadolint:DL3008`), compared without regard to case.
    pub fn covers_code(&self, code: &str) -> bool {
        let code = code.trim();
        let wanted = code.rsplit(':').next().unwrap_or(code).trim();
        self.covers.iter().any(|peer| {
            let (tool, own) = peer.split_once(':').unwrap_or(("", peer));
            own.trim().eq_ignore_ascii_case(wanted)
                && code
                    .split_once(':')
                    .is_none_or(|(t, _)| t.trim().eq_ignore_ascii_case(tool.trim()))
        })
    }

    /// Whether the rule implements `standard` (`pss-baseline`, `cis-k8s`);
    /// `pss-restricted` includes every baseline control, as the standard does.
    pub fn implements(&self, standard: &str) -> bool {
        let named = |wanted: &str| {
            self.standards.iter().any(|s| {
                s.split(':')
                    .next()
                    .unwrap_or(s)
                    .trim()
                    .eq_ignore_ascii_case(wanted)
            })
        };
        named(standard) || standard.eq_ignore_ascii_case("pss-restricted") && named("pss-baseline")
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
            summary: $summary:literal
            $(, covers: [$($cover:literal),* $(,)?])?
            $(, standards: [$($standard:literal),* $(,)?])?
            $(, off_by_default: $off:literal)? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $name: $crate::rules::meta::RuleMeta = $crate::rules::meta::RuleMeta {
            id: $id,
            severity: $crate::finding::Severity::$severity,
            summary: $summary,
            docs: concat!($($doc, "\n"),*),
            covers: &[$($($cover),*)?],
            standards: &[$($($standard),*)?],
            off_by_default: false $(|| $off)?,
        };
    };
}
