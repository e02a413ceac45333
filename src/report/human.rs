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
use crate::report::{Renderer, RulesSeen, SourceLookup, Summary};
use crate::rules::Severity;
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
        file: error.path.clone(),
        span,
        start: source.line_col(span.start),
        end: source.line_col(span.end),
        object: Some(error.message.clone()),
        message: error.message.clone(),
        help: error
            .help
            .clone()
            .unwrap_or_else(|| "fix the configuration file".into()),
        label: None,
        related: Vec::new(),
        extra: None,
    };
    let sources = crate::sources::Sources::new(HashMap::new(), Some(source));
    render_findings(
        std::slice::from_ref(&finding),
        &sources,
        Style { color, width: 100 },
    )
}

fn render_findings(findings: &[Finding], sources: &dyn SourceLookup, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(style.width)
        .with_context_lines(1)
        // Wrap at spaces: Unicode line breaking took half of the rendering
        // time, and messages break at spaces anyway.
        .with_word_separator(textwrap::WordSeparator::AsciiSpace);
    let mut out = String::new();
    for finding in findings {
        let source = sources.source(&finding.file);
        let diagnostic = FindingDiagnostic {
            finding,
            source: source.map(IndexedSource),
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
    let line = format!(
        "{counts}{baselined} in {files} in {} ms",
        summary.elapsed_ms
    );
    if color {
        format!("\x1b[1m{line}\x1b[0m")
    } else {
        line
    }
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
        let mut help = self.finding.help.clone();
        for related in &self.finding.related {
            if related.file != self.finding.file {
                help.push_str(&format!(
                    "\nnote: {} ({}:{}:{})",
                    related.message, related.file, related.line, related.column
                ));
            }
        }
        Some(Box::new(help))
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
