//! Text from linted files made safe to print on a terminal: control
//! characters (C0 but tab and newline, DEL, C1) are written as escapes
//! (`\x1b`, `\u{9b}`), so a hostile manifest cannot move the cursor, set the
//! window title or rewrite earlier output. The human and GitHub formats go
//! through here; JSON, SARIF and GitLab escape them as JSON does.

use std::borrow::Cow;
use std::sync::Arc;

use crate::finding::Finding;
use crate::source::{SourceFile, Span};

/// Whether `c`, followed by `next`, acts on a terminal. A carriage return
/// ending a CRLF line does nothing visible; a lone one rewrites the line.
fn is_control(c: char, next: Option<char>) -> bool {
    match c {
        '\n' | '\t' => false,
        '\r' => next != Some('\n'),
        c => c.is_control(),
    }
}

/// The characters of `text` with whether each is a control to escape.
fn classified(text: &str) -> impl Iterator<Item = (usize, char, bool)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (at, c) = chars.next()?;
        let next = chars.peek().map(|(_, n)| *n);
        Some((at, c, is_control(c, next)))
    })
}

fn has_control(text: &str) -> bool {
    classified(text).any(|(_, _, control)| control)
}

/// The escape a control character is shown as.
fn escape_of(c: char) -> String {
    match c as u32 {
        code @ 0..=0x7f => format!("\\x{code:02x}"),
        code => format!("\\u{{{code:x}}}"),
    }
}

/// `text` with its control characters escaped.
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !has_control(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (_, c, control) in classified(text) {
        match control {
            true => out.push_str(&escape_of(c)),
            false => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A file's text with its control characters escaped, and where each of
/// its original byte offsets landed.
pub struct SafeSource {
    pub file: Arc<SourceFile>,
    /// (original offset of a control character, bytes added before the next one).
    growth: Vec<(usize, usize)>,
}

impl SafeSource {
    /// `None` when the file holds no control character to escape.
    pub fn of(file: &SourceFile) -> Option<SafeSource> {
        if !has_control(&file.text) {
            return None;
        }
        let mut text = String::with_capacity(file.text.len() + 16);
        let mut growth = Vec::new();
        let mut added = 0;
        for (at, c, control) in classified(&file.text) {
            if control {
                let escape = escape_of(c);
                added += escape.len() - c.len_utf8();
                growth.push((at, added));
                text.push_str(&escape);
            } else {
                text.push(c);
            }
        }
        Some(SafeSource {
            file: Arc::new(SourceFile::new(file.path.clone(), text)),
            growth,
        })
    }

    /// Where the original byte `offset` is in the escaped text.
    pub fn map(&self, offset: usize) -> usize {
        let before = self.growth.partition_point(|(at, _)| *at < offset);
        offset + before.checked_sub(1).map_or(0, |i| self.growth[i].1)
    }

    fn map_span(&self, span: Span) -> Span {
        Span::new(self.map(span.start), self.map(span.end))
    }

    /// The finding with its spans moved into the escaped text.
    pub fn moved(&self, finding: &Finding) -> Finding {
        let mut moved = finding.clone();
        moved.span = self.map_span(finding.span);
        let related: Vec<_> = finding
            .related
            .iter()
            .map(|r| {
                let mut r = r.clone();
                if r.file == finding.file {
                    r.span = self.map_span(r.span);
                }
                r
            })
            .collect();
        moved.related = related.into();
        moved
    }
}

/// The finding with its texts escaped, when one holds a control character.
pub fn safe_finding(finding: &Finding) -> Cow<'_, Finding> {
    let texts = [
        Some(finding.message.as_str()),
        Some(&*finding.help),
        finding.object.as_deref(),
        finding.label.as_deref(),
        Some(&*finding.file),
    ];
    let related = finding
        .related
        .iter()
        .any(|r| escaped(&r.message) != r.message);
    if !related && !texts.iter().flatten().any(|t| has_control(t)) {
        return Cow::Borrowed(finding);
    }
    let mut safe = finding.clone();
    safe.message = escaped(&finding.message).into_owned();
    safe.help = escaped(&finding.help).into_owned().into();
    safe.object = finding.object.as_deref().map(|o| escaped(o).into_owned());
    safe.label = finding.label.as_deref().map(|l| escaped(l).into_owned());
    safe.file = escaped(&finding.file).into_owned().into();
    let related: Vec<_> = finding
        .related
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.message = escaped(&r.message).into_owned();
            r
        })
        .collect();
    safe.related = related.into();
    Cow::Owned(safe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_offsets_follow() {
        assert_eq!(escaped("a\u{1b}[2Jb\tc\n"), "a\\x1b[2Jb\tc\n");
        assert_eq!(escaped("\u{9b}31m\u{7f}"), "\\u{9b}31m\\x7f");
        assert_eq!(escaped("crlf\r\nlone\rcr"), "crlf\r\nlone\\x0dcr");
        assert!(matches!(escaped("plain"), Cow::Borrowed(_)));
        let file = SourceFile::new("f.yaml", "a: \u{1b}x\nb: \u{7}y\n");
        let safe = SafeSource::of(&file).unwrap();
        assert_eq!(&*safe.file.text, "a: \\x1bx\nb: \\x07y\n");
        let y = file.text.find('y').unwrap();
        assert_eq!(&safe.file.text[safe.map(y)..safe.map(y) + 1], "y");
        assert_eq!(safe.map(0), 0);
        assert!(SafeSource::of(&SourceFile::new("f", "clean\n")).is_none());
    }
}
