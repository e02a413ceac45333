//! Markdown front end: finds fenced code blocks, so the manifests, Terraform
//! and Dockerfiles that architecture documents embed can be linted in place.

use crate::source::Span;

/// A fenced code block: its info string's first word and where its content lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FencedBlock {
    /// Lower-cased language tag (`yaml`, `hcl`, `dockerfile`...), empty when untagged.
    pub tag: String,
    /// The content lines, from the line after the opening fence to the start of the closing one.
    pub content: Span,
}

/// Every fenced block (```` ``` ```` or `~~~`) of a Markdown text, in order,
/// as CommonMark reads them: a fence may be indented up to three columns
/// past the list item that holds it (four is an indented code block); a
/// closing fence likewise; and a block in a list item ends with the item,
/// closed or not. Blocks inside block quotes are skipped: their lines carry
/// `>` markers.
pub fn fenced_blocks(text: &str) -> Vec<FencedBlock> {
    let mut blocks = Vec::new();
    let mut lists = ListItems::default();
    let mut open: Option<Open> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let (indent, rest) = indentation(content);
        if let Some(fence) = &open {
            if rest.is_empty() || indent >= fence.container {
                if fence.closed_by(indent, rest) {
                    blocks.push(fence.block(line_start));
                    open = None;
                }
                continue;
            }
            // Less indented than its list item: the item, and the block, end here.
            blocks.push(fence.block(line_start));
            open = None;
        }
        if rest.is_empty() {
            continue;
        }
        let container = lists.container_of(indent, rest);
        if indent > container + 3 {
            continue;
        }
        let Some((fence_char, fence_len)) = fence(rest) else {
            continue;
        };
        let info = rest[fence_len..].trim();
        if fence_char == '`' && info.contains('`') {
            continue;
        }
        let tag = info
            .split(|c: char| c.is_whitespace() || c == ',' || c == '{' || c == '}')
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .trim_start_matches('.')
            .to_ascii_lowercase();
        open = Some(Open {
            fence_char,
            fence_len,
            container,
            tag,
            content_start: offset,
        });
    }
    // An unclosed fence runs to the end of the document.
    if let Some(fence) = open {
        blocks.push(fence.block(text.len()));
    }
    blocks
}

/// A fence being read.
struct Open {
    fence_char: char,
    fence_len: usize,
    /// The content column of the list item that holds it (0 at the top).
    container: usize,
    tag: String,
    content_start: usize,
}

impl Open {
    fn closed_by(&self, indent: usize, rest: &str) -> bool {
        indent <= self.container + 3
            && fence(rest).is_some_and(|(c, len)| {
                c == self.fence_char && len >= self.fence_len && rest[len..].trim().is_empty()
            })
    }

    fn block(&self, end: usize) -> FencedBlock {
        FencedBlock {
            tag: self.tag.clone(),
            content: Span::new(self.content_start, end),
        }
    }
}

/// The content columns of the list items open at a line.
#[derive(Default)]
struct ListItems(Vec<usize>);

impl ListItems {
    /// The content column of the list item a non-blank line belongs to, after
    /// closing the items it is not indented into and opening the one it starts.
    fn container_of(&mut self, indent: usize, rest: &str) -> usize {
        while self.0.last().is_some_and(|column| indent < *column) {
            self.0.pop();
        }
        let container = self.0.last().copied().unwrap_or(0);
        if indent <= container + 3 {
            if let Some(width) = list_marker(rest) {
                self.0.push(indent + width);
            }
        }
        container
    }
}

/// The width of a list item's marker and the spaces after it (`- `, `12. `).
fn list_marker(rest: &str) -> Option<usize> {
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let marker = match rest[digits..].chars().next()? {
        '-' | '*' | '+' if digits == 0 => 1,
        '.' | ')' if (1..=9).contains(&digits) => digits + 1,
        _ => return None,
    };
    let after = &rest[marker..];
    let spaces = after.len() - after.trim_start_matches(' ').len();
    match spaces {
        0 if !after.is_empty() => None,
        // A marker alone on its line, or followed by an indented code block.
        0 | 5.. => Some(marker + 1),
        n => Some(marker + n),
    }
}

/// A line's indentation in columns (a tab reaches the next multiple of
/// four), and the rest of it.
fn indentation(line: &str) -> (usize, &str) {
    let mut column = 0;
    for (at, c) in line.char_indices() {
        match c {
            ' ' => column += 1,
            '\t' => column += 4 - column % 4,
            _ => return (column, &line[at..]),
        }
    }
    (column, "")
}

/// The fence character and run length that open `rest`, if it is a fence.
fn fence(rest: &str) -> Option<(char, usize)> {
    let first = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = rest.chars().take_while(|c| *c == first).count();
    (len >= 3).then_some((first, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tagged_blocks_with_their_content_spans() {
        let text = "# Title\n\n```yaml\na: 1\n```\n\ntext\n\n~~~ Dockerfile\nFROM x\n~~~\n```\nplain\n```\n";
        let blocks = fenced_blocks(text);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].tag, "yaml");
        assert_eq!(
            &text[blocks[0].content.start..blocks[0].content.end],
            "a: 1\n"
        );
        assert_eq!(blocks[1].tag, "dockerfile");
        assert_eq!(
            &text[blocks[1].content.start..blocks[1].content.end],
            "FROM x\n"
        );
        assert_eq!(blocks[2].tag, "");
    }

    #[test]
    fn longer_fences_contain_shorter_ones_and_unclosed_blocks_run_to_the_end() {
        let text = "````markdown\n```yaml\na: 1\n```\n````\n```hcl\nx = 1\n";
        let blocks = fenced_blocks(text);
        assert_eq!(blocks[0].tag, "markdown");
        assert_eq!(blocks[1].tag, "hcl");
        assert_eq!(&text[blocks[1].content.start..], "x = 1\n");
    }

    fn blocks_of(text: &str) -> Vec<(String, &str)> {
        fenced_blocks(text)
            .into_iter()
            .map(|b| (b.tag, &text[b.content.start..b.content.end]))
            .collect()
    }

    /// The cases checked against markdown-it (CommonMark) in tests/oracles.rs.
    #[test]
    fn list_items_indented_code_and_closing_fences_as_commonmark_reads_them() {
        let yaml = |content: &'static str| ("yaml".to_string(), content);
        assert_eq!(
            blocks_of("1. Apply:\n   ```yaml\n   a: 1\n   ```\n2. next\n"),
            [yaml("   a: 1\n")]
        );
        assert_eq!(
            blocks_of("1. Apply:\n   ```yaml\n   a: 1\n```\n2. next\n"),
            [yaml("   a: 1\n"), (String::new(), "2. next\n")]
        );
        assert_eq!(
            blocks_of("- step:\n\n    ```yaml\n    a: 1\n    ```\n- next\n"),
            [yaml("    a: 1\n")]
        );
        assert_eq!(
            blocks_of("- step:\n  ```yaml\n  a: 1\n- next\n\n```hcl\nx = 1\n```\n"),
            [yaml("  a: 1\n"), ("hcl".to_string(), "x = 1\n")]
        );
        assert!(blocks_of("text\n\n    ```yaml\n    a: 1\n    ```\n").is_empty());
        assert_eq!(
            blocks_of("```yaml\na: 1\n     ```\nb: 2\n```\n"),
            [yaml("a: 1\n     ```\nb: 2\n")]
        );
        assert_eq!(
            blocks_of("```yaml\na: 1\n\t```\nb: 2\n```\n"),
            [yaml("a: 1\n\t```\nb: 2\n")]
        );
        assert_eq!(
            blocks_of("- a\n  - b\n    ```yaml\n    x: 1\n    ```\n"),
            [yaml("    x: 1\n")]
        );
    }

    #[test]
    fn indented_fences_in_lists_and_attribute_tags() {
        let text = "1. step\n   ```{.yaml}\n   a: 1\n   ```\n";
        let blocks = fenced_blocks(text);
        assert_eq!(blocks[0].tag, "yaml");
        assert_eq!(
            &text[blocks[0].content.start..blocks[0].content.end],
            "   a: 1\n"
        );
    }
}
