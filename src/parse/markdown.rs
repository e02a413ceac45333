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

/// Every fenced block (```` ``` ```` or `~~~`) of a Markdown text, in order.
/// Blocks inside block quotes are skipped: their lines carry `>` markers.
pub fn fenced_blocks(text: &str) -> Vec<FencedBlock> {
    let mut blocks = Vec::new();
    let mut open: Option<(char, usize, usize, String, usize)> = None; // (char, len, indent, tag, content start)
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let rest = &content[indent..];
        match &open {
            None => {
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
                open = Some((fence_char, fence_len, indent, tag, offset));
            }
            Some((fence_char, fence_len, _, tag, content_start)) => {
                let closes = fence(rest).is_some_and(|(c, len)| {
                    c == *fence_char && len >= *fence_len && rest[len..].trim().is_empty()
                });
                if closes {
                    blocks.push(FencedBlock {
                        tag: tag.clone(),
                        content: Span::new(*content_start, line_start),
                    });
                    open = None;
                }
            }
        }
    }
    // An unclosed fence runs to the end of the document.
    if let Some((_, _, _, tag, content_start)) = open {
        blocks.push(FencedBlock {
            tag,
            content: Span::new(content_start, text.len()),
        });
    }
    blocks
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
