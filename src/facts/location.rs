//! Where a fact was read: a place in a file, kept after the file's text is gone.

use crate::source::{LineCol, SourceFile, Span};

/// A place in a file, resolved while the file's text is at hand.
///
/// Facts hold several each and outlive their file, so the numbers are kept
/// in 32 bits (files are far below 4 GiB: see `max-file-size`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: std::sync::Arc<str>,
    span: [u32; 2],
    start: [u32; 2],
    end: [u32; 2],
}

impl Location {
    pub fn new(file: &SourceFile, span: Span) -> Location {
        let start = file.line_col(span.start);
        let end = file.line_col(span.end);
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Location {
            file: file.path.clone(),
            span: [small(span.start), small(span.end)],
            start: [small(start.line), small(start.column)],
            end: [small(end.line), small(end.column)],
        }
    }

    pub fn span(&self) -> Span {
        Span::new(self.span[0] as usize, self.span[1] as usize)
    }

    pub fn start(&self) -> LineCol {
        LineCol {
            line: self.start[0] as usize,
            column: self.start[1] as usize,
        }
    }

    pub fn end(&self) -> LineCol {
        LineCol {
            line: self.end[0] as usize,
            column: self.end[1] as usize,
        }
    }
}
