//! The common case of the human format written directly: one underlined
//! span per line, on nearby lines of plain ASCII text, no colour.
//!
//! miette lays out any diagnostic, and pays for that generality
//! (bench/measured.md); nine findings in ten are this simple shape. The output is the same
//! byte for byte — a test renders every fixture finding both ways — and
//! anything else goes to miette.

use std::fmt::Write;

use crate::finding::Finding;
use crate::finding::Severity;
use crate::source::{SourceFile, Span};

/// Lines shown around the underlined one, as in the miette handler.
const CONTEXT_LINES: usize = 1;

/// Appends the body of `finding` (everything under its header line) to `out`
/// and returns true, or returns false and leaves `out` alone when the finding
/// needs miette's layout.
pub fn render(
    finding: &Finding,
    file: &SourceFile,
    width: usize,
    help: &str,
    out: &mut String,
) -> bool {
    let Some(snippet) = Snippet::of(finding, file) else {
        return false;
    };
    let icon = match finding.severity {
        Severity::Error => "×",
        Severity::Warning => "⚠",
        Severity::Info => "☞",
    };
    let text_width = width.saturating_sub(2);
    let initial = format!("  {icon} ");
    out.push_str(&wrap(&finding.message, text_width, &initial, "  │ "));
    out.push('\n');
    snippet.write(file, out);
    out.push_str(&wrap(help, text_width, "  help: ", "        "));
    out.push('\n');
    true
}

/// Word-wrapped like miette's handler with the options the human renderer
/// gives it: textwrap's first fit at ASCII spaces, breaking after hyphens
/// between letters or digits, and inside words longer than a line. Written
/// out for printable ASCII (textwrap measures every character's width and
/// spent a tenth of a human-format run doing it); other text goes to textwrap.
pub fn wrap(text: &str, width: usize, initial: &str, subsequent: &str) -> String {
    if !text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) || b == b'\n')
    {
        let options = textwrap::Options::new(width)
            .initial_indent(initial)
            .subsequent_indent(subsequent)
            .break_words(true)
            .word_separator(textwrap::WordSeparator::AsciiSpace);
        return textwrap::fill(text, options);
    }
    let widths = [
        width.saturating_sub(textwrap::core::display_width(initial)),
        width.saturating_sub(textwrap::core::display_width(subsequent)),
    ];
    let mut out = String::with_capacity(text.len() + 16);
    let mut indent = initial;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Each line of the text starts at the first line's width (only the
        // indentation changes), as in textwrap.
        if indent.is_empty() && line.len() < width {
            out.push_str(line.trim_end_matches(' '));
            indent = subsequent;
            continue;
        }
        // First fit keeps a line on one row exactly when all of it but its
        // trailing spaces fits (most help lines do).
        let trimmed = line.trim_end_matches(' ');
        if trimmed.len() <= widths[0] && !(line.is_empty() && initial.is_empty()) {
            out.push_str(indent);
            out.push_str(trimmed);
            indent = subsequent;
            continue;
        }
        let pieces = pieces(line, widths[1], !initial.is_empty());
        if pieces.is_empty() {
            // An empty line gets no indentation.
            indent = subsequent;
            continue;
        }
        let (mut start, mut from, mut used, mut row) = (0, 0, 0, 0);
        for (index, piece) in pieces.iter().enumerate() {
            if used + piece.word > widths[row.min(1)] && index > start {
                from += write_row(&mut out, indent, line, from, &pieces[start..index]);
                out.push('\n');
                indent = subsequent;
                (start, used, row) = (index, 0, row + 1);
            }
            used += piece.word + piece.space;
        }
        write_row(&mut out, indent, line, from, &pieces[start..]);
        indent = subsequent;
    }
    out
}

/// One unbreakable piece of a line: its length and the spaces after it.
struct Piece {
    word: usize,
    space: usize,
}

/// The line's words, split after inner hyphens and into pieces no longer
/// than `width`; after an empty piece when the first line is indented, which
/// lets the first word move to the second line when it only fits there.
fn pieces(line: &str, width: usize, indented: bool) -> Vec<Piece> {
    let mut pieces = Vec::new();
    if indented {
        pieces.push(Piece { word: 0, space: 0 });
    }
    let bytes = line.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let word_end = start + bytes[start..].iter().take_while(|b| **b != b' ').count();
        let end = word_end + bytes[word_end..].iter().take_while(|b| **b == b' ').count();
        let mut from = start;
        for at in start + 1..word_end.saturating_sub(1) {
            if bytes[at] == b'-'
                && bytes[at - 1].is_ascii_alphanumeric()
                && bytes[at + 1].is_ascii_alphanumeric()
            {
                push_broken(&mut pieces, at + 1 - from, 0, width);
                from = at + 1;
            }
        }
        push_broken(&mut pieces, word_end - from, end - word_end, width);
        start = end;
    }
    pieces
}

/// Pushes a word, cut into `width`-long pieces when longer than a line.
fn push_broken(pieces: &mut Vec<Piece>, mut word: usize, space: usize, width: usize) {
    if word > width {
        let chunk = width.max(1);
        while word > chunk {
            pieces.push(Piece {
                word: chunk,
                space: 0,
            });
            word -= chunk;
        }
    }
    pieces.push(Piece { word, space });
}

/// Writes one row of `line` (its pieces from byte `from`) and returns the
/// bytes it covered, trailing spaces included.
fn write_row(out: &mut String, indent: &str, line: &str, from: usize, pieces: &[Piece]) -> usize {
    let len: usize = pieces.iter().map(|p| p.word + p.space).sum();
    let trailing = pieces.last().map_or(0, |p| p.space);
    out.push_str(indent);
    out.push_str(&line[from..from + len - trailing]);
    len
}

/// One underlined span: its line, its columns, its label.
struct Underline<'f> {
    line: usize,
    /// Character columns (0-based) of the underline; the text is ASCII.
    from: usize,
    to: usize,
    label: Option<&'f str>,
}

impl<'f> Underline<'f> {
    fn of(span: Span, label: Option<&'f str>, file: &SourceFile) -> Option<Underline<'f>> {
        let (start, end) = (span.start, span.end);
        if start >= end || end > file.text.len() || label.is_some_and(|l| l.contains('\n')) {
            return None;
        }
        let line = file.line_of(start);
        let line_start = file.line_start(line);
        if end > file.line_end(line) {
            return None;
        }
        Some(Underline {
            line,
            from: start - line_start,
            to: end - line_start,
            label,
        })
    }

    fn write(&self, gutter: usize, out: &mut String) {
        let width = self.to - self.from;
        let _ = write!(out, " {:gutter$} · {:from$}", "", "", from = self.from);
        let Some(label) = self.label else {
            out.push_str(&"─".repeat(width));
            out.push('\n');
            return;
        };
        // The label hangs from the middle of the underline.
        let middle = width / 2;
        let _ = writeln!(
            out,
            "{}┬{}",
            "─".repeat(middle),
            "─".repeat(width - middle - 1)
        );
        let _ = writeln!(
            out,
            " {:gutter$} · {:indent$}╰── {label}",
            "",
            "",
            indent = self.from + middle
        );
    }
}

/// The lines to show and the underlines under them.
struct Snippet<'f> {
    /// By line, one per line.
    underlines: Vec<Underline<'f>>,
    /// The underline whose place the header names.
    primary: usize,
    first: usize,
    last: usize,
}

impl<'f> Snippet<'f> {
    fn of(finding: &'f Finding, file: &SourceFile) -> Option<Snippet<'f>> {
        let mut underlines = vec![Underline::of(finding.span, finding.label.as_deref(), file)?];
        for related in finding.related.iter().filter(|r| r.file == finding.file) {
            underlines.push(Underline::of(related.span, Some(&related.message), file)?);
        }
        let primary_line = underlines[0].line;
        underlines.sort_by_key(|u| u.line);
        // Spans sharing a line, or far enough apart for miette to show
        // them in separate windows, go to miette.
        if underlines
            .windows(2)
            .any(|w| w[1].line == w[0].line || w[1].line > w[0].line + 2)
        {
            return None;
        }
        let primary = underlines.iter().position(|u| u.line == primary_line)?;
        let top = underlines[0].line;
        let bottom = underlines[underlines.len() - 1].line;
        let first = top.saturating_sub(CONTEXT_LINES).max(1);
        let mut last = (bottom + CONTEXT_LINES).min(file.line_count());
        // An empty line after the last underlined one is not shown.
        if last > bottom && file.line_start(last) == file.line_end(last) {
            last -= 1;
        }
        let shown = &file.text[file.line_start(first)..file.line_end(last)];
        // Tabs, wide or zero-width characters and carriage returns change the
        // columns: those go to miette.
        let plain = |b: &u8| (b' '..=b'~').contains(b) || *b == b'\n';
        if !shown.as_bytes().iter().all(plain) {
            return None;
        }
        Some(Snippet {
            underlines,
            primary,
            first,
            last,
        })
    }

    fn write(&self, file: &SourceFile, out: &mut String) {
        let gutter = digits(self.last);
        let margin = " ".repeat(gutter + 2);
        let primary = &self.underlines[self.primary];
        let start = file.line_col(file.line_start(primary.line) + primary.from);
        let _ = writeln!(
            out,
            "{margin}╭─[{}:{}:{}]",
            file.path, start.line, start.column
        );
        let mut underlines = self.underlines.iter().peekable();
        for number in self.first..=self.last {
            let text = &file.text[file.line_start(number)..file.line_end(number)];
            let _ = writeln!(out, " {number:>gutter$} │ {text}");
            if let Some(underline) = underlines.next_if(|u| u.line == number) {
                underline.write(gutter, out);
            }
        }
        let _ = writeln!(out, "{margin}╰────");
    }
}

fn digits(mut n: usize) -> usize {
    let mut count = 1;
    while n >= 10 {
        n /= 10;
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_textwrap(text: &str, width: usize, initial: &str, subsequent: &str) -> String {
        let options = textwrap::Options::new(width)
            .initial_indent(initial)
            .subsequent_indent(subsequent)
            .break_words(true)
            .word_separator(textwrap::WordSeparator::AsciiSpace);
        textwrap::fill(text, options)
    }

    fn assert_wraps_like_textwrap(text: &str) {
        for width in 0..40 {
            for (initial, subsequent) in [
                ("  ⚠ ", "  │ "),
                ("  help: ", "        "),
                ("> ", ""),
                ("", "  "),
            ] {
                assert_eq!(
                    wrap(text, width, initial, subsequent),
                    by_textwrap(text, width, initial, subsequent),
                    "{text:?} at width {width} after {initial:?}"
                );
            }
        }
    }

    #[test]
    fn wraps_like_textwrap() {
        for text in [
            "",
            " ",
            "word",
            "two words",
            "  leading and trailing  ",
            "many    spaces   between",
            "a-b-c run-as-non-root --flag-x x- -x a--b 9-9",
            "averyveryveryverylongwordthatnevereverfits and more",
            "line one\nline two\n\nafter an empty line\n",
            "the pods of DaemonSet mount the service account token, which lets any process call the Kubernetes API",
            "note: the limit is here (fixtures/k8s/requests-exceed-limits/fires.yaml:12:7)",
        ] {
            assert_wraps_like_textwrap(text);
        }
    }

    #[test]
    fn wraps_generated_text_like_textwrap() {
        // Every short string over an alphabet of the cases that matter.
        let alphabet = [b'a', b'1', b' ', b'-', b'\n', b'.'];
        let mut seed = 0x2545_f491_u64;
        for _ in 0..3000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut bits = seed;
            for _ in 0..(bits % 32) {
                bits = bits.rotate_right(5) ^ 0x9e37_79b9;
                text.push(alphabet[(bits % alphabet.len() as u64) as usize] as char);
            }
            assert_wraps_like_textwrap(&text);
        }
    }

    #[test]
    fn other_text_is_left_to_textwrap() {
        assert_wraps_like_textwrap("café au lait, s'il vous plaît — merci");
        assert_wraps_like_textwrap("tab\there");
    }
}
