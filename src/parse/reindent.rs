//! YAML that kubectl (go-yaml) and PyYAML accept but saphyr rejects for
//! indentation: a flow collection whose closing bracket sits at its key's
//! column (`args: [` ... `]`), and a quoted scalar whose continuation lines
//! sit at or left of its key (the controller-gen CRD description style).
//!
//! The same for a tab after a mapping's `:` (`key:<TAB>value`), which YAML
//! allows as separation and saphyr refuses.
//!
//! The parser is run again on a copy of the text in which the lines of that
//! one construct are indented one column past the key, or those tabs are
//! spaces: only spaces at the start of lines are added and tabs outside
//! values replaced, so lines keep their numbers, values keep their text
//! (flow and quoted content folds leading spaces away), and positions map
//! back by subtracting each line's added spaces ([`Shifts`]).

/// What makes a copy of the text parse where the original did not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    /// Indent the lines of the construct opening at `open` to `column`.
    Reindent { open: usize, column: usize },
    /// Write the tabs starting at `at` as spaces.
    TabsAsSpaces { at: usize },
}

/// Spaces added at the start of each line of a region, by 0-based line,
/// and the tabs written as spaces.
#[derive(Debug, Default, Clone)]
pub struct Shifts(Vec<u32>, Vec<usize>);

impl Shifts {
    pub fn is_empty(&self) -> bool {
        self.1.is_empty() && self.0.iter().all(|n| *n == 0)
    }

    /// Applies `fix` (offsets into `text`); false when it changes nothing.
    pub fn add(&mut self, text: &str, fix: Fix) -> bool {
        match fix {
            Fix::Reindent { open, column } => self.widen(text, open, column),
            Fix::TabsAsSpaces { at } => {
                let tabs = text.as_bytes()[at.min(text.len())..]
                    .iter()
                    .take_while(|b| **b == b'\t')
                    .count();
                let new: Vec<usize> = (at..at + tabs).filter(|i| !self.1.contains(i)).collect();
                self.1.extend(&new);
                !new.is_empty()
            }
        }
    }

    /// Spaces added to the 0-based `line`.
    pub fn of(&self, line: usize) -> usize {
        self.0.get(line).copied().unwrap_or(0) as usize
    }

    /// `text` with the added spaces, and its tabs written as spaces.
    pub fn apply(&self, text: &str) -> String {
        let mut text = text.to_string();
        for &at in &self.1 {
            // A tab and a space are one byte each: offsets do not move.
            text.replace_range(at..at + 1, " ");
        }
        let added: usize = self.0.iter().map(|n| *n as usize).sum();
        let mut out = String::with_capacity(text.len() + added);
        for (index, line) in text.split_inclusive('\n').enumerate() {
            out.extend(std::iter::repeat_n(' ', self.of(index)));
            out.push_str(line);
        }
        out
    }

    /// Indents every line after the one holding `open` up to the one holding
    /// the construct's closing delimiter to at least `min_column`. Returns
    /// false when nothing changed (the problem is not one of indentation).
    fn widen(&mut self, text: &str, open: usize, min_column: usize) -> bool {
        let Some(close) = closing_delimiter(text, open) else {
            return false;
        };
        let first = line_index(text, open) + 1;
        let last = line_index(text, close);
        let mut changed = false;
        for (index, line) in text
            .split_inclusive('\n')
            .enumerate()
            .take(last + 1)
            .skip(first)
        {
            let indent = line.len() - line.trim_start_matches(' ').len();
            if line.trim().is_empty() || indent + self.of(index) >= min_column {
                continue;
            }
            if self.0.len() <= index {
                self.0.resize(index + 1, 0);
            }
            self.0[index] = (min_column - indent) as u32;
            changed = true;
        }
        changed
    }
}

/// The 0-based line holding byte `offset`.
fn line_index(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// The byte offset of the delimiter that closes the quoted scalar or flow
/// collection opening at `open`.
fn closing_delimiter(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    match *bytes.get(open)? {
        quote @ (b'"' | b'\'') => quoted_end(bytes, open, quote),
        b'[' | b'{' => flow_end(bytes, open),
        _ => None,
    }
}

/// The closing quote of a scalar: `\"` escapes in double quotes, `''` in single.
fn quoted_end(bytes: &[u8], open: usize, quote: u8) -> Option<usize> {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The bracket that closes a flow collection, past nested ones, quoted
/// scalars and comments.
fn flow_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            quote @ (b'"' | b'\'') => i = quoted_end(bytes, i, quote)?,
            b'#' if i > 0 && bytes[i - 1].is_ascii_whitespace() => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flow_sequence_is_indented_to_its_closing_bracket() {
        let text = "  args: [\n    \"--a\",\n  ]\nnext: 1\n";
        let mut shifts = Shifts::default();
        assert!(shifts.widen(text, text.find('[').unwrap(), 3));
        assert_eq!(
            shifts.apply(text),
            "  args: [\n    \"--a\",\n   ]\nnext: 1\n"
        );
        assert!(
            !shifts.widen(text, text.find('[').unwrap(), 3),
            "no second change"
        );
    }

    #[test]
    fn a_quoted_scalar_is_indented_to_its_closing_quote() {
        let text = "a:\n  d: \"one \\\" [x\n  two\nthree\"\n  b: 1\n";
        let mut shifts = Shifts::default();
        assert!(shifts.widen(text, text.find('"').unwrap(), 3));
        assert_eq!(
            shifts.apply(text),
            "a:\n  d: \"one \\\" [x\n   two\n   three\"\n  b: 1\n"
        );
        assert_eq!(shifts.of(3), 3);
    }

    #[test]
    fn tabs_after_a_colon_become_spaces_in_place() {
        let text = "a:\t\tb\n";
        let mut shifts = Shifts::default();
        assert!(shifts.add(text, Fix::TabsAsSpaces { at: 2 }));
        assert_eq!(shifts.apply(text), "a:  b\n");
        assert!(!shifts.add(text, Fix::TabsAsSpaces { at: 2 }));
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_close() {
        let text = "k: [a, \"]\", 'it''s ]', # ]\n  b]\n";
        assert_eq!(closing_delimiter(text, 3), Some(text.rfind(']').unwrap()));
        assert_eq!(closing_delimiter("k: [a\n", 3), None);
    }
}
