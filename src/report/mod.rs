//! Renderers: one per output format. A run hands them the findings of one
//! file at a time, as files finish, so that neither the findings of a large
//! repository nor its text need to be held in memory at once.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
mod plain;
pub mod sarif;
pub mod statistics;
pub mod terminal;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::finding::Finding;
use crate::finding::Severity;
use crate::source::SourceFile;

/// Counts for the closing line and the JSON `summary`.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Summary {
    pub files: usize,
    pub skipped: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub elapsed_ms: u128,
    /// Findings hidden by `--baseline` (not part of the JSON contract).
    #[serde(skip)]
    pub baselined: usize,
    /// The paths given, when not one file was linted under them.
    #[serde(skip)]
    pub nothing_under: Option<String>,
}

impl Summary {
    pub fn count(&mut self, findings: &[Finding]) {
        for finding in findings {
            match finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// How many findings were reported.
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// The most severe finding reported, if any.
    pub fn worst(&self) -> Option<Severity> {
        if self.errors > 0 {
            Some(Severity::Error)
        } else if self.warnings > 0 {
            Some(Severity::Warning)
        } else if self.infos > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }
}

/// Where a renderer finds a file's text for a snippet.
pub trait SourceLookup {
    fn source(&self, file: &str) -> Option<Arc<SourceFile>>;
}

impl SourceLookup for crate::reread::Sources {
    fn source(&self, file: &str) -> Option<Arc<SourceFile>> {
        self.get(file)
    }
}

/// The one file a file task has in hand.
impl SourceLookup for Option<Arc<SourceFile>> {
    fn source(&self, file: &str) -> Option<Arc<SourceFile>> {
        self.as_ref().filter(|s| &*s.path == file).cloned()
    }
}

/// The rules that reported something in a run, with the severity of their first finding.
pub type RulesSeen = BTreeMap<String, RuleSeen>;

/// A rule that reported in this run: its severity here and how often.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleSeen {
    pub severity: Severity,
    pub count: usize,
}

/// One output format, written as a beginning, batches of findings, and an end.
///
/// Batches are rendered in the file tasks, in parallel; the run writes them in
/// file order, with `separator` between two non-empty ones.
pub trait Renderer: Send + Sync {
    /// What comes before the first finding.
    fn begin(&self) -> String {
        String::new()
    }

    /// The findings of one file, or of the project rules, sorted; `prints`
    /// holds their baseline fingerprints.
    fn batch(&self, findings: &[Finding], prints: &[String], sources: &dyn SourceLookup) -> String;

    /// Whether `batch` shows the text of files (the project phase then keeps
    /// every file's path to read it again).
    fn reads_sources(&self) -> bool {
        false
    }

    /// Whether `batch` reads the fingerprints (computing them costs a little per finding).
    fn needs_fingerprints(&self) -> bool {
        false
    }

    /// What goes between two non-empty batches.
    fn separator(&self) -> &'static str {
        ""
    }

    /// What comes after the last finding.
    fn end(&self, summary: &Summary, rules: &RulesSeen) -> String;
}

/// Pretty JSON for `value`, every line after the first indented by `indent` spaces,
/// so that pieces rendered apart join into one pretty document.
pub(crate) fn pretty_json(value: &impl Serialize, indent: usize) -> String {
    let mut out = Vec::new();
    write_pretty_json(&mut out, value, indent);
    String::from_utf8(out).expect("JSON is UTF-8")
}

fn write_pretty_json(out: &mut Vec<u8>, value: &impl Serialize, indent: usize) {
    let writer = Indented { out, indent };
    serde_json::to_writer_pretty(writer, value).expect("reports serialize");
}

/// Writes JSON with `indent` more spaces after each newline. JSON strings
/// hold no raw newline, so every newline is layout.
struct Indented<'a> {
    out: &'a mut Vec<u8>,
    indent: usize,
}

impl std::io::Write for Indented<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut rest = bytes;
        while let Some(newline) = rest.iter().position(|b| *b == b'\n') {
            self.out.extend_from_slice(&rest[..=newline]);
            self.out.resize(self.out.len() + self.indent, b' ');
            rest = &rest[newline + 1..];
        }
        self.out.extend_from_slice(rest);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Items of a pretty JSON array at `indent`, each on its own lines, joined by commas;
/// the run adds the commas between batches.
pub(crate) fn json_items<T: Serialize>(items: impl Iterator<Item = T>, indent: usize) -> String {
    let mut out = Vec::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'\n');
        out.resize(out.len() + indent, b' ');
        write_pretty_json(&mut out, &item, indent);
    }
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// The end of a pretty JSON array opened at `indent - 2` that held `count` items.
pub(crate) fn json_array_end(count: usize, indent: usize) -> String {
    if count == 0 {
        "]".into()
    } else {
        format!("\n{}]", " ".repeat(indent - 2))
    }
}
