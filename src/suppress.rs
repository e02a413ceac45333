//! Suppressions: the `deploylint.dev/ignore` annotation on a Kubernetes
//! object, `# deploylint-ignore` comments in the linted files, the baseline,
//! and [`Suppressors::why`], the one answer to "is this finding hidden?".
//!
//! A rule switched `off` in the configuration is not a suppression: its
//! severity is, `Config::severity_for` answers it, and its checks never run.

use std::collections::{HashMap, HashSet};

use crate::source::SourceFile;

pub const IGNORE_ANNOTATION: &str = "deploylint.dev/ignore";
const IGNORE_COMMENT: &str = "deploylint-ignore";

/// A set of rule ids, or every rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum IgnoreList {
    #[default]
    Nothing,
    All,
    Rules(Vec<String>),
}

impl IgnoreList {
    /// Parses `RULE[,RULE]...`; `all` or `*` mean every rule.
    pub fn parse(list: &str) -> IgnoreList {
        let rules: Vec<String> = list
            .split([',', ' '])
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect();
        if rules.iter().any(|r| r == "all" || r == "*") {
            IgnoreList::All
        } else if rules.is_empty() {
            IgnoreList::Nothing
        } else {
            IgnoreList::Rules(rules)
        }
    }

    pub fn covers(&self, rule: &str) -> bool {
        match self {
            IgnoreList::Nothing => false,
            IgnoreList::All => true,
            IgnoreList::Rules(rules) => rules.iter().any(|r| r == rule),
        }
    }

    fn merge(&mut self, other: IgnoreList) {
        *self = match (std::mem::take(self), other) {
            (IgnoreList::All, _) | (_, IgnoreList::All) => IgnoreList::All,
            (IgnoreList::Nothing, other) | (other, IgnoreList::Nothing) => other,
            (IgnoreList::Rules(mut a), IgnoreList::Rules(b)) => {
                a.extend(b);
                IgnoreList::Rules(a)
            }
        };
    }
}

/// Why a finding is not reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suppressed {
    /// The object's `deploylint.dev/ignore` annotation names the rule.
    Annotation,
    /// A `# deploylint-ignore` comment covers the finding's line.
    Comment,
    /// The baseline (`--baseline`) holds the finding's fingerprint.
    Baseline,
}

/// What may hide a finding: the annotation of the object it is about, the
/// comments of its file, the baseline. Each is optional.
#[derive(Debug, Default, Clone, Copy)]
pub struct Suppressors<'a> {
    pub annotation: Option<&'a IgnoreList>,
    pub comments: Option<&'a InlineSuppressions>,
    pub baseline: Option<&'a HashSet<String>>,
}

impl Suppressors<'_> {
    /// Whether a finding of `rule` starting at `line` is hidden, and by
    /// what. `fingerprint` is the finding's baseline fingerprint, once the
    /// findings of its file are known (the baseline is asked only then).
    pub fn why(&self, rule: &str, line: usize, fingerprint: Option<&str>) -> Option<Suppressed> {
        if self.annotation.is_some_and(|list| list.covers(rule)) {
            return Some(Suppressed::Annotation);
        }
        if self.comments.is_some_and(|c| c.covers(line, rule)) {
            return Some(Suppressed::Comment);
        }
        match (self.baseline, fingerprint) {
            (Some(known), Some(print)) if known.contains(print) => Some(Suppressed::Baseline),
            _ => None,
        }
    }
}

/// `# deploylint-ignore RULE[,RULE] -- reason` comments, by the line they silence:
/// their own line when they end a line of content, else the next line that is
/// not itself a comment.
#[derive(Debug, Default)]
pub struct InlineSuppressions {
    by_line: HashMap<usize, IgnoreList>,
}

impl InlineSuppressions {
    pub fn scan(file: &SourceFile) -> InlineSuppressions {
        let mut suppressions = InlineSuppressions::default();
        if !file.text.contains(IGNORE_COMMENT) {
            return suppressions;
        }
        let mut pending: Option<IgnoreList> = None;
        for line in 1..=file.line_count() {
            let text = file.line_text(line);
            let trimmed = text.trim_start();
            let is_comment_line = trimmed.starts_with('#') || trimmed.starts_with("//");
            let directive = parse_directive(text);
            if is_comment_line {
                if let Some(list) = directive {
                    pending.get_or_insert_with(IgnoreList::default).merge(list);
                }
                continue;
            }
            if trimmed.is_empty() {
                continue;
            }
            let mut list = pending.take().unwrap_or_default();
            if let Some(own) = directive {
                list.merge(own);
            }
            if list != IgnoreList::Nothing {
                suppressions.by_line.insert(line, list);
            }
        }
        suppressions
    }

    pub fn is_empty(&self) -> bool {
        self.by_line.is_empty()
    }

    pub fn covers(&self, line: usize, rule: &str) -> bool {
        self.by_line
            .get(&line)
            .is_some_and(|list| list.covers(rule))
    }
}

/// The rule list of a `# deploylint-ignore` comment on this line, if any.
fn parse_directive(line: &str) -> Option<IgnoreList> {
    let at = line.find(IGNORE_COMMENT)?;
    let before = line[..at].trim_end();
    if !(before.ends_with('#') || before.ends_with("//")) {
        return None;
    }
    let rest = &line[at + IGNORE_COMMENT.len()..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t', ':'])) {
        return None;
    }
    let rules = rest.trim_start_matches(':');
    let rules = rules.split("--").next().unwrap_or_default();
    match IgnoreList::parse(rules) {
        // A bare `# deploylint-ignore` silences every rule on its line.
        IgnoreList::Nothing => Some(IgnoreList::All),
        list => Some(list),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> InlineSuppressions {
        InlineSuppressions::scan(&SourceFile::new("t.yaml", text))
    }

    #[test]
    fn a_comment_line_silences_the_next_line_of_content() {
        let s = scan(
            "a: 1\n# deploylint-ignore k8s/latest-tag -- pinned elsewhere\n# other\nimage: x\n",
        );
        assert!(s.covers(4, "k8s/latest-tag"));
        assert!(!s.covers(4, "k8s/privileged"));
        assert!(!s.covers(1, "k8s/latest-tag"));
    }

    #[test]
    fn a_trailing_comment_silences_its_own_line() {
        let s = scan("image: x # deploylint-ignore k8s/latest-tag,k8s/privileged\nb: 2\n");
        assert!(s.covers(1, "k8s/privileged"));
        assert!(!s.covers(2, "k8s/privileged"));
    }

    #[test]
    fn hcl_line_comments_work_too() {
        let s = scan("  // deploylint-ignore tf/open-ingress -- public bastion\n  cidr_blocks = [\"0.0.0.0/0\"]\n");
        assert!(s.covers(2, "tf/open-ingress"));
    }

    #[test]
    fn words_that_merely_contain_the_marker_do_not_count() {
        let s = scan("a: deploylint-ignore k8s/latest-tag\n");
        assert!(!s.covers(1, "k8s/latest-tag"));
    }

    #[test]
    fn the_annotation_then_comments_then_the_baseline_answer() {
        let annotation = IgnoreList::parse("k8s/a");
        let comments = scan("x: 1 # deploylint-ignore k8s/b\n");
        let baseline = HashSet::from(["print".to_string()]);
        let by = Suppressors {
            annotation: Some(&annotation),
            comments: Some(&comments),
            baseline: Some(&baseline),
        };
        assert_eq!(by.why("k8s/a", 1, None), Some(Suppressed::Annotation));
        assert_eq!(by.why("k8s/b", 1, None), Some(Suppressed::Comment));
        assert_eq!(by.why("k8s/b", 2, None), None);
        assert_eq!(
            by.why("k8s/c", 2, Some("print")),
            Some(Suppressed::Baseline)
        );
        assert_eq!(by.why("k8s/c", 2, Some("other")), None);
        assert_eq!(Suppressors::default().why("k8s/a", 1, Some("print")), None);
    }

    #[test]
    fn annotation_lists_accept_all() {
        assert!(IgnoreList::parse("all").covers("anything"));
        assert!(IgnoreList::parse("k8s/a, k8s/b").covers("k8s/b"));
    }
}
