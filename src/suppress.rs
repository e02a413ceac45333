//! Suppressions: the `deploylint.dev/ignore` annotation on a Kubernetes
//! object, `# deploylint-ignore` comments in the linted files (and, in
//! Dockerfiles, hadolint's `# hadolint ignore=DL3008` and `# hadolint global
//! ignore=...`), the baseline, and [`Suppressors::why`], the one answer to
//! "is this finding hidden?".
//!
//! A rule switched `off` in the configuration is not a suppression: its
//! severity is, `Config::severity_for` answers it, and its checks never run.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use crate::source::{LineCol, SourceFile, Span};

pub const IGNORE_ANNOTATION: &str = "deploylint.dev/ignore";
const IGNORE_COMMENT: &str = "deploylint-ignore";
const HADOLINT_PRAGMA: &str = "hadolint";

/// The ids of the rules that do the work of a peer's check (`DL3008`):
/// how a `# hadolint ignore=` comment reaches deploylint's rules.
pub type PeerCodes = fn(&str) -> Vec<&'static str>;

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

/// One `# deploylint-ignore` comment: the line it silences, its rules, where
/// it is written, and which of its rules silenced something (`--report-unused-ignores`).
#[derive(Debug)]
pub struct Directive {
    /// The 1-based line it silences: its own when it ends a line of
    /// content, else the next line that is not a comment.
    pub line: usize,
    pub list: IgnoreList,
    /// Its rule list as written (the whole comment for a bare one), and
    /// where that starts and ends.
    pub span: Span,
    pub start: LineCol,
    pub end: LineCol,
    /// One flag per rule of `list`, or one for `All`.
    used: Vec<Cell<bool>>,
    /// A `# hadolint ignore=` comment: written for hadolint too, so it is
    /// never reported as unused.
    pub foreign: bool,
}

impl Directive {
    /// Marks and answers whether it silences `rule`.
    fn silences(&self, rule: &str) -> bool {
        match &self.list {
            IgnoreList::Nothing => false,
            IgnoreList::All => {
                self.used[0].set(true);
                true
            }
            IgnoreList::Rules(rules) => match rules.iter().position(|r| r == rule) {
                Some(index) => {
                    self.used[index].set(true);
                    true
                }
                None => false,
            },
        }
    }

    /// The rules it names that silenced nothing (`all` for a bare comment).
    pub fn unused(&self) -> Vec<&str> {
        if self.foreign {
            return Vec::new();
        }
        match &self.list {
            IgnoreList::Nothing => Vec::new(),
            IgnoreList::All => match self.used[0].get() {
                true => Vec::new(),
                false => vec!["all"],
            },
            IgnoreList::Rules(rules) => rules
                .iter()
                .zip(&self.used)
                .filter(|(_, used)| !used.get())
                .map(|(rule, _)| rule.as_str())
                .collect(),
        }
    }
}

/// A file's `# deploylint-ignore RULE[,RULE] -- reason` comments, by the
/// line they silence.
#[derive(Debug, Default)]
pub struct InlineSuppressions {
    directives: Vec<Directive>,
    /// Indexes into `directives`, by the line they silence.
    by_line: HashMap<usize, Vec<usize>>,
    /// Indexes into `directives` that silence every line (`# hadolint global ignore=`).
    everywhere: Vec<usize>,
}

/// A suppression comment found on a line, before it is placed.
struct Found {
    list: IgnoreList,
    span: Span,
    foreign: bool,
    global: bool,
}

impl InlineSuppressions {
    /// The suppression comments of `file`; `peer_codes` turns the codes of
    /// `# hadolint ignore=` comments into rule ids.
    pub fn scan(file: &SourceFile, peer_codes: PeerCodes) -> InlineSuppressions {
        let mut suppressions = InlineSuppressions::default();
        if !file.text.contains(IGNORE_COMMENT) && !file.text.contains(HADOLINT_PRAGMA) {
            return suppressions;
        }
        // Comment lines above a line of content wait for it.
        let mut pending: Vec<Found> = Vec::new();
        for line in 1..=file.line_count() {
            let text = file.line_text(line);
            let trimmed = text.trim_start();
            let is_comment_line = trimmed.starts_with('#') || trimmed.starts_with("//");
            let start = file.line_start(line);
            let found = parse_directive(text)
                .map(|(list, at, len)| Found {
                    list,
                    span: Span::new(start + at, start + at + len),
                    foreign: false,
                    global: false,
                })
                .or_else(|| {
                    let pragma = parse_hadolint(text)?;
                    let ids: Vec<String> = pragma
                        .codes
                        .iter()
                        .flat_map(|code| peer_codes(code))
                        .map(str::to_string)
                        .collect();
                    (!ids.is_empty()).then(|| Found {
                        list: IgnoreList::Rules(ids),
                        span: Span::new(start + pragma.at, start + pragma.at + pragma.len),
                        foreign: true,
                        global: pragma.global,
                    })
                });
            match found {
                Some(found) if found.global => suppressions.add(file, line, found),
                Some(found) if is_comment_line => pending.push(found),
                _ if is_comment_line || trimmed.is_empty() => {}
                found => {
                    for found in pending.drain(..).chain(found) {
                        suppressions.add(file, line, found);
                    }
                }
            }
        }
        suppressions
    }

    fn add(&mut self, file: &SourceFile, line: usize, found: Found) {
        let flags = match &found.list {
            IgnoreList::Rules(rules) => rules.len(),
            _ => 1,
        };
        let index = self.directives.len();
        if found.global {
            self.everywhere.push(index);
        } else {
            self.by_line.entry(line).or_default().push(index);
        }
        self.directives.push(Directive {
            line,
            list: found.list,
            span: found.span,
            start: file.line_col(found.span.start),
            end: file.line_col(found.span.end),
            used: (0..flags).map(|_| Cell::new(false)).collect(),
            foreign: found.foreign,
        });
    }

    /// Makes the comments that silence `lines.start()` silence every line
    /// of the range: a comment above a Dockerfile instruction covers all its
    /// continuation lines.
    pub fn widen(&mut self, lines: std::ops::RangeInclusive<usize>) {
        let Some(indexes) = self.by_line.get(lines.start()).cloned() else {
            return;
        };
        for line in lines.skip(1) {
            let entry = self.by_line.entry(line).or_default();
            for index in &indexes {
                if !entry.contains(index) {
                    entry.push(*index);
                }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// Whether a comment silences `rule` on `line`; the comment remembers it did.
    pub fn covers(&self, line: usize, rule: &str) -> bool {
        let on_line = self.by_line.get(&line).map_or(&[][..], Vec::as_slice);
        // Every comment on the line that names the rule counts as used.
        on_line
            .iter()
            .chain(&self.everywhere)
            .filter(|&&i| self.directives[i].silences(rule))
            .count()
            > 0
    }

    pub fn directives(&self) -> &[Directive] {
        &self.directives
    }
}

/// The rule list of a `# deploylint-ignore` comment on this line, if any,
/// with where it is written in the line (byte offset and length).
fn parse_directive(line: &str) -> Option<(IgnoreList, usize, usize)> {
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
    let written = rules.trim_end();
    let end = at
        + IGNORE_COMMENT.len()
        + (rest.len() - rest.trim_start_matches(':').len())
        + written.len();
    match IgnoreList::parse(rules) {
        // A bare `# deploylint-ignore` silences every rule on its line.
        IgnoreList::Nothing => Some((IgnoreList::All, at, IGNORE_COMMENT.len())),
        list => Some((list, at, end - at)),
    }
}

/// A `# hadolint ignore=DL3008,DL3009` comment: its codes, whether it is
/// `global`, and where its code list is written in the line.
struct HadolintPragma {
    global: bool,
    codes: Vec<String>,
    at: usize,
    len: usize,
}

/// Reads a hadolint pragma as hadolint does: a comment line, `hadolint`,
/// optionally `global`, then `ignore=` and a comma-separated code list
/// (spaces allowed around the commas); words after the list are a remark.
fn parse_hadolint(line: &str) -> Option<HadolintPragma> {
    let body = line.trim_start().strip_prefix('#')?.trim_start();
    let rest = body.strip_prefix(HADOLINT_PRAGMA)?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim_start();
    let (global, rest) = match rest.strip_prefix("global") {
        Some(after) if after.starts_with([' ', '\t']) => (true, after.trim_start()),
        _ => (false, rest),
    };
    let list = rest
        .strip_prefix("ignore")?
        .trim_start()
        .strip_prefix('=')?;
    let list = list.trim_start();
    let at = line.len() - list.len();
    let (codes, len) = code_list(list);
    (!codes.is_empty()).then_some(HadolintPragma {
        global,
        codes,
        at,
        len,
    })
}

/// `DL3008, DL3009 -- pinned by the base image` is `[DL3008, DL3009]` and
/// the length of `DL3008, DL3009`: a word not preceded by a comma ends the list.
fn code_list(text: &str) -> (Vec<String>, usize) {
    let is_code_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mut codes = Vec::new();
    let mut at = 0;
    loop {
        let rest = &text[at..];
        let skipped = rest.len() - rest.trim_start().len();
        let code_len = rest[skipped..]
            .find(|c: char| !is_code_char(c))
            .unwrap_or(rest.len() - skipped);
        if code_len == 0 {
            break;
        }
        codes.push(rest[skipped..skipped + code_len].to_string());
        at += skipped + code_len;
        let after = &text[at..];
        let comma = after.trim_start();
        match comma.strip_prefix(',') {
            Some(_) => at += after.len() - comma.len() + 1,
            None => break,
        }
    }
    (codes, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> InlineSuppressions {
        InlineSuppressions::scan(&SourceFile::new("t.yaml", text), peer_codes)
    }

    /// DL3008 and DL3015 as the registry maps them; other codes reach no rule.
    fn peer_codes(code: &str) -> Vec<&'static str> {
        match code {
            "DL3008" => vec!["docker/unpinned-packages"],
            "DL3015" => vec!["docker/no-install-recommends"],
            _ => Vec::new(),
        }
    }

    #[test]
    fn hadolint_comments_name_codes_with_spaces_and_remarks() {
        let s =
            scan("# hadolint ignore=DL3008, DL3015 pinned upstream\nRUN apt-get install -y curl\n");
        assert!(s.covers(2, "docker/unpinned-packages"));
        assert!(s.covers(2, "docker/no-install-recommends"));
        assert!(!s.covers(2, "docker/sudo"));
        assert!(s.directives().iter().all(|d| d.unused().is_empty()));
        assert_eq!(code_list("DL1 ,DL2 x,DL3").0, ["DL1", "DL2"]);
        assert!(parse_hadolint("# hadolint ignore=").is_none());
        assert!(parse_hadolint("# hadolintignore=DL3008").is_none());
    }

    #[test]
    fn a_hadolint_global_comment_covers_every_line_and_unknown_codes_nothing() {
        let s = scan("FROM debian:12\n# hadolint global ignore=DL3008\nRUN a\nRUN b\n# hadolint ignore=DL9999\nRUN c\n");
        assert!(s.covers(1, "docker/unpinned-packages"));
        assert!(s.covers(4, "docker/unpinned-packages"));
        assert_eq!(s.directives().len(), 1);
    }

    #[test]
    fn widening_makes_a_comment_cover_an_instructions_continuation_lines() {
        let mut s = scan("# deploylint-ignore docker/sudo\nRUN a \\\n  b\nRUN c\n");
        assert!(!s.covers(3, "docker/sudo"));
        s.widen(2..=3);
        assert!(s.covers(3, "docker/sudo"));
        assert!(!s.covers(4, "docker/sudo"));
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
