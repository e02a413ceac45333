//! The regions of a file, each parsed as one language: the whole file, or
//! the fenced blocks of a Markdown document, whose findings then name the
//! block they come from (`block 3 (yaml) at line 120`).

use crate::finding::Related;
use crate::model::YamlRole;
use crate::parse::markdown;
use crate::rules::Sink;
use crate::source::Span;

/// The languages a region of a file can be parsed as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Yaml(YamlRole),
    Hcl,
    Dockerfile,
}

/// A part of a file read as one language.
pub struct Region {
    pub lang: Lang,
    pub span: Span,
    /// The fenced block it is, in a Markdown document: its number among the
    /// document's blocks (from 1) and its tag.
    pub block: Option<(usize, String)>,
}

impl Region {
    pub fn whole(lang: Lang, text: &str) -> Vec<Region> {
        vec![Region {
            lang,
            span: Span::new(0, text.len()),
            block: None,
        }]
    }

    /// The fenced blocks of a Markdown document that deploylint can read.
    pub fn markdown(text: &str) -> Vec<Region> {
        markdown::fenced_blocks(text)
            .into_iter()
            .enumerate()
            .filter_map(|(index, block)| {
                let lang = match block.tag.as_str() {
                    "yaml" | "yml" | "json" => Lang::Yaml(YamlRole::Plain),
                    "hcl" | "terraform" | "tf" | "tfvars" => Lang::Hcl,
                    "dockerfile" | "containerfile" => Lang::Dockerfile,
                    _ => return None,
                };
                Some(Region {
                    lang,
                    span: block.content,
                    block: Some((index + 1, block.tag)),
                })
            })
            .collect()
    }

    /// Names the block in the findings reported since `mark`: as their
    /// object when they have none, else as a related place.
    pub fn name_block(&self, sink: &mut Sink, mark: usize) {
        let Some((number, tag)) = &self.block else {
            return;
        };
        let file = sink.file;
        let line = file.line_col(self.span.start).line;
        let name = format!("block {number} ({tag}) at line {line}");
        // The block's first line: a label on it, not on the whole block.
        let first_line = file.text[self.span.start..self.span.end]
            .find('\n')
            .map_or(self.span.end, |n| self.span.start + n);
        let start = Span::new(self.span.start, first_line);
        let related = Related::new(file, start, format!("in fenced block {number} ({tag})"));
        for finding in sink.findings_since(mark) {
            match &finding.object {
                None => finding.object = Some(name.clone()),
                Some(_) => {
                    let mut places: Vec<Related> = finding.related.to_vec();
                    places.push(related.clone());
                    finding.related = places.into();
                }
            }
        }
    }
}
