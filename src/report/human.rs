//! The human format: rustc-like diagnostics rendered by miette, then a summary line.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::config::ConfigError;
use crate::finding::Finding;
use crate::finding::Severity;
use crate::report::plain;
use crate::report::terminal::{self, SafeSource};
use crate::report::{Renderer, RulesSeen, SourceLookup, Summary};
use crate::source::SourceFile;

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// rustc-like diagnostics with snippets, then a summary line.
pub struct Human(pub Style);

impl Renderer for Human {
    fn batch(
        &self,
        findings: &[Finding],
        _prints: &[String],
        sources: &dyn SourceLookup,
    ) -> String {
        render_findings(findings, sources, self.0)
    }

    fn reads_sources(&self) -> bool {
        true
    }

    fn end(&self, summary: &Summary, _rules: &RulesSeen) -> String {
        summary_line(summary, self.0.color) + "\n"
    }
}

/// A mistake in `.deploylint.yaml`, shown like a finding at its place in the file.
pub fn render_config_error(error: &ConfigError, color: bool) -> String {
    let Some((source, span)) = error.source.clone().zip(error.span) else {
        return format!(
            "error[config]: {}: {}\n{}",
            error.path,
            error.message,
            error
                .help
                .as_deref()
                .map(|h| format!("  help: {h}\n"))
                .unwrap_or_default()
        );
    };
    let finding = Finding {
        rule: "config".into(),
        severity: Severity::Error,
        file: error.path.as_str().into(),
        span,
        start: source.line_col(span.start),
        end: source.line_col(span.end),
        object: Some(error.message.clone()),
        message: error.message.clone(),
        help: error
            .help
            .clone()
            .map_or("fix the configuration file".into(), Into::into),
        label: None,
        related: Default::default(),
        extra: None,
    };
    let sources = crate::reread::Sources::new(HashMap::new(), Some(source));
    render_findings(
        std::slice::from_ref(&finding),
        &sources,
        Style { color, width: 100 },
    )
}

/// miette's handler as the human format uses it (`plain` reproduces its layout).
fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(style.width)
        .with_context_lines(1)
        // Wrap at spaces: Unicode line breaking was the costliest part of
        // rendering (bench/measured.md), and messages break at spaces anyway.
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
}

fn render_findings(findings: &[Finding], sources: &dyn SourceLookup, style: Style) -> String {
    let handler = handler(style);
    let mut out = String::new();
    // Batches hold one file's findings: look its text up once, and escape
    // its control characters once when it has any.
    let mut source: Option<Arc<SourceFile>> = None;
    let mut escaped: Option<SafeSource> = None;
    for finding in findings {
        if source.as_ref().is_none_or(|s| *s.path != *finding.file) {
            source = sources.source(&finding.file);
            escaped = source.as_deref().and_then(SafeSource::of);
        }
        let (moved, source) = match &escaped {
            Some(safe) => (Some(safe.moved(finding)), Some(safe.file.clone())),
            None => (None, source.clone()),
        };
        let finding = terminal::safe_finding(moved.as_ref().unwrap_or(finding));
        let finding = finding.as_ref();
        if !style.color {
            if let Some(file) = &source {
                let mark = out.len();
                out.push_str(&header(finding, false));
                out.push('\n');
                if plain::render(finding, file, style.width, &help_text(finding), &mut out) {
                    out.push('\n');
                    continue;
                }
                out.truncate(mark);
            }
        }
        let diagnostic = FindingDiagnostic {
            finding,
            source: source.clone().map(IndexedSource),
        };
        let header = header(finding, style.color);
        out.push_str(&header);
        out.push('\n');
        if handler.render_report(&mut out, &diagnostic).is_err() {
            out.push_str(&format!("  {}\n", finding.message));
        }
        out.push('\n');
    }
    out
}

/// `error[k8s/run-as-non-root]: Deployment/shop/checkout` — the part rustc users scan for.
fn header(finding: &Finding, color: bool) -> String {
    let (name, code) = match finding.severity {
        Severity::Error => ("error", "31"),
        Severity::Warning => ("warning", "33"),
        Severity::Info => ("info", "36"),
    };
    let object = finding.object.as_deref().unwrap_or(&finding.file);
    if color {
        format!(
            "\x1b[1;{code}m{name}[{}]\x1b[0m\x1b[1m: {object}\x1b[0m",
            finding.rule
        )
    } else {
        format!("{name}[{}]: {object}", finding.rule)
    }
}

pub fn summary_line(summary: &Summary, color: bool) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let counts = format!(
        "{}, {}, {}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info")
    );
    let files = format!(
        "{}{}",
        plural(summary.files, "file"),
        if summary.skipped > 0 {
            format!(" ({} skipped)", summary.skipped)
        } else {
            String::new()
        }
    );
    let baselined = if summary.baselined > 0 {
        format!(", {} hidden by the baseline", summary.baselined)
    } else {
        String::new()
    };
    let line = match &summary.nothing_under {
        Some(paths) => format!(
            "0 files: nothing to lint under {paths}{} in {} ms",
            if summary.skipped > 0 {
                format!(" ({} skipped)", summary.skipped)
            } else {
                String::new()
            },
            summary.elapsed_ms
        ),
        None => format!(
            "{counts}{baselined} in {files} in {} ms",
            summary.elapsed_ms
        ),
    };
    if color {
        format!("\x1b[1m{line}\x1b[0m")
    } else {
        line
    }
}

/// The help line, with the related places in other files (the snippet
/// shows only this file).
fn help_text(finding: &Finding) -> String {
    let mut help = finding.help.to_string();
    for related in &finding.related {
        if related.file != finding.file {
            help.push_str(&format!(
                "\nnote: {} ({}:{}:{})",
                related.message, related.file, related.line, related.column
            ));
        }
    }
    help
}

struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: Option<IndexedSource>,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FindingDiagnostic")
            .field("rule", &self.finding.rule)
            .finish()
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(help_text(self.finding)))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let finding = self.finding;
        let primary = LabeledSpan::new_primary_with_span(
            finding.label.clone(),
            (finding.span.start, finding.span.len()),
        );
        let related = finding
            .related
            .iter()
            .filter(|r| r.file == finding.file)
            .map(|r| {
                LabeledSpan::new_with_span(Some(r.message.clone()), (r.span.start, r.span.len()))
            });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

/// A `SourceCode` that slices the few lines around a span through the file's
/// line index: miette's own scans from byte 0 for every label.
struct IndexedSource(Arc<SourceFile>);

impl SourceCode for IndexedSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let file = &self.0;
        let start = span.offset().min(file.text.len());
        let end = (start + span.len()).min(file.text.len());
        let first_line = file.line_of(start);
        let last_line = file.line_of(end.saturating_sub(1).max(start));
        let window_first = first_line.saturating_sub(context_lines_before).max(1);
        let window_last = (last_line + context_lines_after).min(file.line_count());
        let window_start = file.line_start(window_first);
        let window_end = file.line_end(window_last).max(window_start);
        let window = &file.text[window_start..window_end];
        let shifted = SourceSpan::new((start - window_start).into(), end - start);
        let inner = window.read_span(&shifted, context_lines_before, context_lines_after)?;
        let data: &'a [u8] = inner.data();
        let covered = SourceSpan::new(
            (inner.span().offset() + window_start).into(),
            inner.span().len(),
        );
        Ok(Box::new(MietteSpanContents::new_named(
            file.path.to_string(),
            data,
            covered,
            inner.line() + window_first - 1,
            file.line_col(start).column - 1,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::discover::{DiscoverOptions, Excludes};
    use crate::reread::Sources;
    use crate::run::{self, RunInput};
    use std::path::{Path, PathBuf};

    /// Every finding of `paths` with the files they are in.
    fn findings_of(paths: Vec<PathBuf>, cwd: &Path) -> (Vec<Finding>, Sources) {
        let input = RunInput {
            paths,
            stdin: None,
            excludes: Excludes::new(cwd, &[]).unwrap(),
            options: DiscoverOptions {
                markdown: true,
                parser: None,
            },
            jobs: Some(1),
            partial: false,
            policies: crate::rego::Policies::builtin(),
        };
        let handling = run::Handling {
            keep_findings: true,
            ..run::Handling::default()
        };
        let findings = run::run(input, &Config::default(), &handling, Vec::new())
            .unwrap()
            .findings;
        let files = findings
            .iter()
            .map(|f| (f.file.to_string(), cwd.join(&*f.file)))
            .collect();
        (findings, Sources::new(files, None))
    }

    /// Renders each finding through miette alone, the reference.
    fn by_miette(finding: &Finding, sources: &Sources, width: usize) -> String {
        let handler = handler(Style {
            color: false,
            width,
        });
        let diagnostic = FindingDiagnostic {
            finding,
            source: sources.source(&finding.file).map(IndexedSource),
        };
        let mut out = format!("{}\n", header(finding, false));
        handler.render_report(&mut out, &diagnostic).unwrap();
        out.push('\n');
        out
    }

    /// Returns which findings took the direct path.
    fn assert_same_as_miette(findings: &[Finding], sources: &Sources, width: usize) -> Vec<bool> {
        let style = Style {
            color: false,
            width,
        };
        let mut direct = Vec::new();
        for finding in findings {
            let file = sources.source(&finding.file).unwrap();
            let mut body = String::new();
            direct.push(plain::render(
                finding,
                &file,
                width,
                &help_text(finding),
                &mut body,
            ));
            let rendered = render_findings(std::slice::from_ref(finding), sources, style);
            assert_eq!(
                rendered,
                by_miette(finding, sources, width),
                "{}:{} {}",
                finding.file,
                finding.start.line,
                finding.rule
            );
        }
        direct
    }

    #[test]
    fn the_direct_rendering_matches_miette_on_every_fixture_finding() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let (findings, sources) = findings_of(vec![root.join("fixtures")], &root);
        assert!(findings.len() > 300, "{} findings", findings.len());
        let mut direct = 0;
        for width in [100, 60, 30] {
            direct = assert_same_as_miette(&findings, &sources, width)
                .into_iter()
                .filter(|d| *d)
                .count();
        }
        // Most findings take the direct path, and some do not.
        assert!(
            direct * 2 > findings.len(),
            "{direct} of {}",
            findings.len()
        );
        assert!(direct < findings.len());
    }

    #[test]
    fn the_direct_rendering_matches_miette_at_the_edges_of_a_file() {
        let dir = tempfile::tempdir().unwrap();
        // Line numbers cross 9 → 10 (the gutter widens), the span is on the
        // first and last lines, blank lines surround it, the file does not
        // end with a newline.
        let mut text = String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n\nspec:\n");
        text.push_str("  containers:\n\n  - name: c\n    image: nginx\n\n    securityContext:\n");
        text.push_str("      privileged: true");
        std::fs::write(dir.path().join("pod.yaml"), &text).unwrap();
        std::fs::write(dir.path().join("crlf.yaml"), text.replace('\n', "\r\n")).unwrap();
        std::fs::write(dir.path().join("tab.yaml"), "a:\tb\nkey: x\nkey: y\n").unwrap();
        // Labelled spans one, two and three lines apart (the last in two
        // windows), a one-character underline under a label.
        std::fs::write(
            dir.path().join("duplicates.yaml"),
            "a: 1\na: 2\nb: 1\nc: 0\nb: 2\nd: 1\nc: 0\ne: 0\ne: 0\nd: 2\nf: 0\n",
        )
        .unwrap();
        let limits = |requests: &str, between: &str| {
            format!(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: a:1\n    resources:\n      requests: {requests}\n{between}      limits: {{cpu: 1, memory: 1Gi}}\n"
            )
        };
        std::fs::write(
            dir.path().join("near.yaml"),
            limits("{cpu: 2, memory: 2Gi}", ""),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("apart.yaml"),
            limits("{cpu: 2, memory: 2Gi}", "      # the limits\n\n"),
        )
        .unwrap();
        let (findings, sources) = findings_of(vec![dir.path().to_path_buf()], dir.path());
        assert!(findings.len() > 10, "{} findings", findings.len());
        let direct = assert_same_as_miette(&findings, &sources, 80);
        let labelled = |file: &str, took_direct: bool| {
            findings
                .iter()
                .zip(&direct)
                .filter(|(f, d)| &*f.file == file && !f.related.is_empty() && **d == took_direct)
                .count()
        };
        assert_eq!(labelled("duplicates.yaml", true), 3);
        assert_eq!(labelled("duplicates.yaml", false), 2);
        assert_eq!(labelled("near.yaml", true), 2);
        assert_eq!(labelled("apart.yaml", false), 2);
    }
}
