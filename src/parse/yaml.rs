//! YAML front end: saphyr-parser events folded into a tree whose every node,
//! key included, carries a byte span into the file.
//!
//! We build our own tree instead of saphyr's `MarkedYaml` because a linter
//! needs what a loader throws away: duplicate keys (with both positions),
//! byte offsets rather than character indices, and a bound on alias
//! expansion that turns a "billion laughs" file into a finding.

use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle};

use crate::parse::reindent::{Fix, Shifts};
use crate::source::{SourceFile, Span};

/// The most nodes that alias expansion may add to one file before we give up on it.
const ALIAS_EXPANSION_BUDGET: usize = 200_000;

/// Deeper nesting than this is rejected: no manifest needs it, and the tree
/// (and dropping it) must not exhaust the stack.
const MAX_DEPTH: usize = 512;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    pub text: String,
    pub style: Style,
    /// A tag such as `!!str` or `!Ref`, as written.
    pub tag: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    Block,
}

/// Two equal keys in one mapping.
#[derive(Debug, Clone)]
pub struct DuplicateKey {
    pub key: String,
    pub first: Span,
    pub second: Span,
}

#[derive(Debug, Clone)]
pub struct YamlError {
    pub offset: usize,
    pub message: String,
}

/// Everything one YAML stream gave: the documents that were complete, the
/// duplicate keys seen on the way, and the errors that stopped a document.
#[derive(Debug, Default)]
pub struct YamlStream {
    pub documents: Vec<Node>,
    pub duplicates: Vec<DuplicateKey>,
    /// Each error ends its document; the documents after the next `---`
    /// are read all the same.
    pub errors: Vec<YamlError>,
}

/// The most times one stretch of a stream is parsed again with a construct
/// re-indented (see `reindent`): each time fixes one construct.
const MAX_REINDENTS: usize = 256;

pub fn parse(file: &SourceFile) -> YamlStream {
    parse_region(file, Span::new(0, file.text.len()))
}

/// Parses the part of `file` in `region` (a fenced block of a Markdown file),
/// with spans into the whole file. `region` starts at the start of a line.
/// After an error, parsing starts again at the next document.
pub fn parse_region(file: &SourceFile, region: Span) -> YamlStream {
    let mut stream = YamlStream::default();
    let mut start = region.start;
    loop {
        let part = parse_leniently(file, Span::new(start, region.end));
        // The failing document starts after the last complete one.
        let failed_from = part
            .documents
            .last()
            .map_or(start, |d| d.span.end.max(start));
        stream.documents.extend(part.documents);
        stream.duplicates.extend(part.duplicates);
        let Some(error) = part.errors.into_iter().next() else {
            return stream;
        };
        stream.errors.push(error);
        match next_document(&file.text[..region.end], failed_from) {
            Some(next) if next > start => start = next,
            _ => return stream,
        }
    }
}

/// Where the document after the one that starts at `from` begins: the next
/// `---` line after the document's first content (a `---` before it is the
/// document's own start).
fn next_document(text: &str, from: usize) -> Option<usize> {
    let mut at = from;
    let mut content_seen = false;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |n| at + n + 1);
        let line = &text[at..end];
        let is_marker =
            line.starts_with("---") && line[3..].chars().next().is_none_or(|c| c.is_whitespace());
        if is_marker && content_seen && at > from {
            return Some(at);
        }
        let trimmed = line.trim();
        content_seen |= is_marker || !(trimmed.is_empty() || trimmed.starts_with('#'));
        at = end;
    }
    None
}

/// One stretch of a stream up to its first error, parsed again with a
/// construct re-indented while the error is one kubectl would not make.
fn parse_leniently(file: &SourceFile, region: Span) -> YamlStream {
    let text = &file.text[region.start..region.end];
    let mut shifts = Shifts::default();
    let mut copy = String::new();
    for _ in 0..MAX_REINDENTS {
        let source = if shifts.is_empty() { text } else { &copy };
        let (stream, fix) = parse_once(file, region, source, &shifts);
        match fix {
            Some(fix) if shifts.add(text, fix) => copy = shifts.apply(text),
            _ => return stream,
        }
    }
    parse_once(file, region, &copy, &shifts).0
}

/// Parses `source` (the region's text, perhaps re-indented by `shifts`) up
/// to its first error; with the error, the construct to re-indent when the
/// error is one of indentation: its opening offset and the column it needs.
fn parse_once(
    file: &SourceFile,
    region: Span,
    source: &str,
    shifts: &Shifts,
) -> (YamlStream, Option<Fix>) {
    let ascii = shifts.is_empty() && source.is_ascii();
    let mut builder = TreeBuilder::new(file, region, ascii, shifts);
    let mut parser = Parser::new_from_str(source);
    let mut fix = None;
    loop {
        match parser.next() {
            None => break,
            Some(Ok((event, span))) => {
                let span = builder.span(span.start, span.end);
                if let Err(error) = builder.on_event(event, span) {
                    builder.stream.errors.push(error);
                    break;
                }
            }
            Some(Err(error)) => {
                let offset = builder.offset(error.marker());
                fix = builder.reindentable(error.info(), offset);
                builder.stream.errors.push(YamlError {
                    offset,
                    message: error.info().to_string(),
                });
                break;
            }
        }
    }
    (builder.stream, fix)
}

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        pending_key: Option<Node>,
        /// Built once a mapping grows large, so duplicate checks stay linear.
        index: Option<HashMap<String, Span>>,
    },
}

impl Frame {
    fn start(&self) -> usize {
        match self {
            Frame::Seq { start, .. } | Frame::Map { start, .. } => *start,
        }
    }
}

struct TreeBuilder<'a> {
    file: &'a SourceFile,
    /// Spaces added at the start of the parsed text's lines.
    shifts: &'a Shifts,
    /// Where the parsed text starts in the file, in bytes and in lines (1-based).
    base: usize,
    base_line: usize,
    end: usize,
    ascii: bool,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    expanded: usize,
    stream: YamlStream,
}

impl<'a> TreeBuilder<'a> {
    fn new(file: &'a SourceFile, region: Span, ascii: bool, shifts: &'a Shifts) -> Self {
        TreeBuilder {
            file,
            shifts,
            base: region.start,
            base_line: file.line_of(region.start),
            end: region.end,
            ascii,
            stack: Vec::new(),
            anchors: HashMap::new(),
            expanded: 0,
            stream: YamlStream::default(),
        }
    }

    /// saphyr counts characters; everything downstream (miette, slicing) wants bytes.
    fn offset(&self, marker: &Marker) -> usize {
        if self.ascii {
            (self.base + marker.index()).min(self.end)
        } else {
            let line = marker.line().saturating_sub(1);
            let column = marker.col().saturating_sub(self.shifts.of(line));
            self.file
                .offset_of(self.base_line + line, column)
                .min(self.end)
        }
    }

    /// For an error that go-yaml would not make, what makes a copy parse:
    /// tabs after a `:` as spaces, or the construct to re-indent (the
    /// offset of its opening quote or bracket, and the column its lines
    /// need: one past the key or dash that holds it). Offsets are the
    /// region's.
    fn reindentable(&self, message: &str, offset: usize) -> Option<Fix> {
        if message == "':' must be followed by a valid YAML whitespace" {
            // The error points past the tabs that follow the `:`.
            let bytes = self.file.text.as_bytes();
            let mut at = offset.min(bytes.len());
            while at > self.base && bytes[at - 1] == b'\t' {
                at -= 1;
            }
            return (at < offset && at > self.base && bytes[at - 1] == b':')
                .then(|| Fix::TabsAsSpaces { at: at - self.base });
        }
        let is_flow =
            |start: usize| matches!(self.file.text.as_bytes().get(start), Some(b'[' | b'{'));
        let open = match message {
            "invalid indentation in quoted scalar" => offset,
            "invalid indentation" | "invalid indentation in flow construct" => self
                .stack
                .iter()
                .rev()
                .map(Frame::start)
                .find(|s| is_flow(*s))?,
            _ => return None,
        };
        let holder = self.stack.iter().rev().find(|f| !is_flow(f.start()))?;
        let at = match holder {
            Frame::Map { pending_key, .. } => pending_key.as_ref()?.span.start,
            Frame::Seq { start, .. } => *start,
        };
        let column = self.file.line_col(at).column;
        Some(Fix::Reindent {
            open: open - self.base,
            column,
        })
    }

    fn span(&self, start: Marker, end: Marker) -> Span {
        Span::new(self.offset(&start), self.offset(&end))
    }

    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlError> {
        match event {
            Event::Nothing | Event::StreamStart | Event::StreamEnd => {}
            Event::DocumentStart(_) | Event::DocumentEnd => self.stack.clear(),
            Event::Scalar(text, style, anchor, tag) => {
                let node = Node {
                    span,
                    value: Value::Scalar(Scalar {
                        text: text.into_owned(),
                        style: match style {
                            ScalarStyle::Plain => Style::Plain,
                            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Style::Quoted,
                            _ => Style::Block,
                        },
                        tag: tag.map(|t| format!("{}{}", t.handle, t.suffix)),
                    }),
                };
                self.complete(node, anchor);
            }
            Event::Alias(anchor) => {
                let Some(target) = self.anchors.get(&anchor) else {
                    return Err(YamlError {
                        offset: span.start,
                        message: "alias to an unknown anchor".into(),
                    });
                };
                self.expanded += target.count_nodes();
                if self.expanded > ALIAS_EXPANSION_BUDGET {
                    return Err(YamlError {
                        offset: span.start,
                        message: format!(
                            "aliases expand to more than {ALIAS_EXPANSION_BUDGET} nodes; \
                             the file is not checked further"
                        ),
                    });
                }
                let mut node = target.clone();
                node.span = span;
                self.complete(node, 0);
            }
            Event::SequenceStart(..) | Event::MappingStart(..) if self.stack.len() >= MAX_DEPTH => {
                return Err(YamlError {
                    offset: span.start,
                    message: format!("nesting deeper than {MAX_DEPTH} levels"),
                });
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Frame::Seq {
                start: span.start,
                anchor,
                items: Vec::new(),
            }),
            Event::MappingStart(anchor, _) => self.stack.push(Frame::Map {
                start: span.start,
                anchor,
                entries: Vec::new(),
                pending_key: None,
                index: None,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq {
                        start,
                        anchor,
                        items,
                    }) => (
                        Node {
                            span: Span::new(start, self.end_of(start, span, &items)),
                            value: Value::Seq(items),
                        },
                        anchor,
                    ),
                    Some(Frame::Map {
                        start,
                        anchor,
                        entries,
                        ..
                    }) => {
                        // A flow mapping ends at its `}`; a block mapping at its last value.
                        let last = entries.last().map(|(_, v)| v.span.end);
                        let end = if self.file.text.as_bytes().get(start) == Some(&b'{') {
                            span.end
                        } else {
                            last.unwrap_or(span.end)
                        };
                        (
                            Node {
                                span: Span::new(start, end.max(start)),
                                value: Value::Map(entries),
                            },
                            anchor,
                        )
                    }
                    None => return Ok(()),
                };
                self.complete(node, anchor);
            }
        }
        Ok(())
    }

    fn end_of(&self, start: usize, end_event: Span, items: &[Node]) -> usize {
        // A flow sequence ends at its `]`; a block sequence at its last item.
        if self.file.text.as_bytes().get(start) == Some(&b'[') {
            end_event.end
        } else {
            items.last().map(|n| n.span.end).unwrap_or(end_event.end)
        }
    }

    fn complete(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.stream.documents.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending_key,
                index,
                ..
            }) => match pending_key.take() {
                None => {
                    if let Some(first) = find_equal_key(entries, index, &node) {
                        self.stream.duplicates.push(DuplicateKey {
                            key: node.as_str().unwrap_or_default().to_string(),
                            first,
                            second: node.span,
                        });
                    }
                    *pending_key = Some(node);
                }
                Some(key) => {
                    if entries.len() >= 16 {
                        let index = index.get_or_insert_with(|| {
                            entries
                                .iter()
                                .filter_map(|(k, _)| Some((k.as_str()?.to_string(), k.span)))
                                .collect()
                        });
                        if let Some(text) = key.as_str() {
                            index.entry(text.to_string()).or_insert(key.span);
                        }
                    }
                    entries.push((key, node));
                }
            },
        }
    }
}

fn find_equal_key(
    entries: &[(Node, Node)],
    index: &Option<HashMap<String, Span>>,
    key: &Node,
) -> Option<Span> {
    let text = key.scalar_key()?;
    if text == "<<" {
        return None;
    }
    match index {
        Some(index) => index.get(text).copied(),
        None => entries
            .iter()
            .find(|(k, _)| k.scalar_key() == Some(text))
            .map(|(k, _)| k.span),
    }
}

impl Node {
    fn count_nodes(&self) -> usize {
        match &self.value {
            Value::Scalar(_) => 1,
            Value::Seq(items) => 1 + items.iter().map(Node::count_nodes).sum::<usize>(),
            Value::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.count_nodes() + v.count_nodes())
                    .sum::<usize>()
            }
        }
    }

    fn scalar_key(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s) => Some(&s.text),
            _ => None,
        }
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar's text, unless it is a null.
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar()
            .filter(|s| !s.is_null())
            .map(|s| s.text.as_str())
    }

    /// A boolean as Kubernetes reads it: YAML 1.1, so `yes`/`on` count too, but
    /// a quoted `"true"` is a string.
    pub fn as_bool(&self) -> Option<bool> {
        let scalar = self.as_scalar()?;
        if scalar.style != Style::Plain {
            return None;
        }
        match scalar.text.as_str() {
            "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" => {
                Some(true)
            }
            "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n"
            | "N" => Some(false),
            _ => None,
        }
    }

    /// A plain integer scalar (decimal, `0x` hex or `0o` octal).
    pub fn as_i64(&self) -> Option<i64> {
        let scalar = self.as_scalar()?;
        if scalar.style != Style::Plain {
            return None;
        }
        let text = scalar.text.replace('_', "");
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(&text)),
        };
        let value = if let Some(hex) = digits.strip_prefix("0x") {
            i64::from_str_radix(hex, 16).ok()?
        } else if let Some(oct) = digits.strip_prefix("0o") {
            i64::from_str_radix(oct, 8).ok()?
        } else {
            digits.parse::<i64>().ok()?
        };
        Some(if negative { -value } else { value })
    }

    pub fn is_null(&self) -> bool {
        self.as_scalar().is_some_and(Scalar::is_null)
    }

    pub fn entries(&self) -> &[(Node, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn is_map(&self) -> bool {
        matches!(self.value, Value::Map(_))
    }

    /// The key and value of `key` in this mapping: the last one written, as
    /// Kubernetes' decoder keeps, falling back to `<<` merge keys.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        let entries = self.entries();
        // One pass finds the key and notes merge keys: most lookups are of
        // fields that are not there, and most mappings merge nothing.
        let mut merges = false;
        for (k, v) in entries.iter().rev() {
            match k.as_scalar().map(|s| s.text.as_str()) {
                // A null key (`~`) names no field.
                Some(text) if text == key && k.as_str().is_some() => return Some((k, v)),
                Some("<<") => merges = true,
                _ => {}
            }
        }
        if !merges {
            return None;
        }
        entries
            .iter()
            .filter(|(k, _)| k.as_str() == Some("<<"))
            .flat_map(|(_, v)| match &v.value {
                Value::Seq(items) => items.iter().collect::<Vec<_>>(),
                _ => vec![v],
            })
            .find_map(|source| source.entry(key))
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// Follows a path of mapping keys.
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    /// Converts the node to JSON under the YAML 1.2 core schema.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Scalar(s) => s.to_json(),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| {
                        let key = match k.to_json() {
                            J::String(s) => s,
                            other => other.to_string(),
                        };
                        (key, v.to_json())
                    })
                    .collect(),
            ),
        }
    }
}

impl Scalar {
    pub fn is_null(&self) -> bool {
        self.style == Style::Plain
            && self.tag.is_none()
            && matches!(self.text.as_str(), "" | "~" | "null" | "Null" | "NULL")
    }

    /// The scalar's value under the YAML 1.2 core schema.
    pub fn typed(&self) -> Typed<'_> {
        if self.style != Style::Plain || self.tag.as_deref() == Some("tag:yaml.org,2002:str") {
            return Typed::Str(&self.text);
        }
        if self.is_null() {
            return Typed::Null;
        }
        match self.text.as_str() {
            "true" | "True" | "TRUE" => return Typed::Bool(true),
            "false" | "False" | "FALSE" => return Typed::Bool(false),
            _ => {}
        }
        if let Ok(i) = self.text.parse::<i64>() {
            return Typed::Int(i);
        }
        let looks_numeric = self
            .text
            .trim_start_matches(['-', '+'])
            .starts_with(|c: char| c.is_ascii_digit() || c == '.');
        if looks_numeric {
            if let Ok(n) = self.text.parse::<f64>() {
                if n.is_finite() {
                    return Typed::Float(n);
                }
            }
        }
        Typed::Str(&self.text)
    }

    fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self.typed() {
            Typed::Str(text) => J::String(text.to_string()),
            Typed::Null => J::Null,
            Typed::Bool(b) => J::Bool(b),
            Typed::Int(i) => J::from(i),
            Typed::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
        }
    }
}

/// A scalar's value: a string unless the core schema reads it otherwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Typed<'a> {
    Str(&'a str),
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> YamlStream {
        parse(&SourceFile::new("t.yaml", text))
    }

    #[test]
    fn keys_and_values_carry_byte_spans() {
        let text = "a:\n  é: [1, 2]\n  b: hello\n";
        let stream = parse_str(text);
        let doc = &stream.documents[0];
        let (key, value) = doc.path(&["a"]).unwrap().entry("b").unwrap();
        assert_eq!(&text[key.span.start..key.span.end], "b");
        assert_eq!(&text[value.span.start..value.span.end], "hello");
        let flow = doc.path(&["a", "é"]).unwrap();
        assert_eq!(&text[flow.span.start..flow.span.end], "[1, 2]");
    }

    #[test]
    fn every_document_of_a_stream_is_kept() {
        let stream = parse_str("a: 1\n---\nb: 2\n---\n");
        assert_eq!(stream.documents.len(), 3);
        assert!(stream.documents[2].is_null());
    }

    #[test]
    fn duplicate_keys_are_reported_with_both_positions() {
        let text = "a: 1\nb: 2\na: 3\n";
        let stream = parse_str(text);
        let dup = &stream.duplicates[0];
        assert_eq!((dup.first.start, dup.second.start), (0, 10));
        // The last value wins, as in Kubernetes' decoder.
        assert_eq!(stream.documents[0].get("a").unwrap().as_i64(), Some(3));
    }

    #[test]
    fn duplicates_are_found_in_large_mappings_too() {
        let mut text: String = (0..40).map(|i| format!("k{i}: v\n")).collect();
        text.push_str("k3: again\n");
        assert_eq!(parse_str(&text).duplicates.len(), 1);
    }

    #[test]
    fn a_closing_bracket_at_the_keys_column_is_accepted_as_kubectl_does() {
        let text =
            "spec:\n  - name: c\n    args: [\n      \"--a\",\n      \"--b\"\n    ]\n    image: x\n";
        let stream = parse_str(text);
        assert!(stream.errors.is_empty(), "{:?}", stream.errors);
        let item = &stream.documents[0].get("spec").unwrap().items()[0];
        assert_eq!(
            item.to_json(),
            serde_json::json!({"name": "c", "args": ["--a", "--b"], "image": "x"})
        );
        // Positions are those of the file as written.
        let image = item.get("image").unwrap();
        assert_eq!(&text[image.span.start..image.span.end], "x");
        let args = item.get("args").unwrap();
        assert_eq!(
            &text[args.span.start..args.span.end],
            "[\n      \"--a\",\n      \"--b\"\n    ]"
        );
    }

    #[test]
    fn quoted_continuation_lines_at_the_keys_column_are_accepted() {
        let text = "a:\n  description: \"first line\n  continued\nat column zero\"\n  b: 1\n";
        let stream = parse_str(text);
        assert!(stream.errors.is_empty(), "{:?}", stream.errors);
        let a = stream.documents[0].get("a").unwrap();
        assert_eq!(
            a.to_json(),
            serde_json::json!({"description": "first line continued at column zero", "b": 1})
        );
        let b = a.get("b").unwrap();
        assert_eq!(&text[b.span.start..b.span.end], "1");
    }

    #[test]
    fn the_documents_after_a_broken_one_are_still_read() {
        let text = "a: 1\n---\nb: [\n---\nc: 3\n---\nd: : :\n---\ne: 5\n";
        let stream = parse_str(text);
        let keys: Vec<String> = stream
            .documents
            .iter()
            .flat_map(|d| {
                d.entries()
                    .iter()
                    .map(|(k, _)| k.as_str().unwrap().to_string())
            })
            .collect();
        assert_eq!(keys, ["a", "c", "e"]);
        assert_eq!(stream.errors.len(), 2);
    }

    #[test]
    fn documents_before_a_syntax_error_survive() {
        let stream = parse_str("a: 1\n---\nb: [\n");
        assert_eq!(stream.documents.len(), 1);
        assert!(!stream.errors.is_empty());
    }

    #[test]
    fn alias_bombs_are_cut_off() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..10 {
            let prev = level - 1;
            text.push_str(&format!(
                "l{level}: &l{level} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n",
                p = if prev == 0 { "a".to_string() } else { format!("l{prev}") }
            ));
        }
        let error = parse_str(&text)
            .errors
            .into_iter()
            .next()
            .expect("expansion must be bounded");
        assert!(error.message.contains("aliases expand"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        let error = parse_str(&text)
            .errors
            .into_iter()
            .next()
            .expect("too deep");
        // saphyr-parser's own limit or ours, whichever comes first.
        assert!(
            error.message.contains("nesting") || error.message.contains("recursion limit"),
            "{}",
            error.message
        );
    }

    #[test]
    fn merge_keys_are_followed() {
        let stream = parse_str("base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n");
        let derived = stream.documents[0].get("derived").unwrap();
        assert_eq!(derived.get("x").unwrap().as_i64(), Some(1));
    }

    #[test]
    fn kubernetes_booleans_follow_yaml_1_1() {
        let doc = &parse_str("a: yes\nb: 'true'\nc: off\n").documents[0];
        assert_eq!(doc.get("a").unwrap().as_bool(), Some(true));
        assert_eq!(doc.get("b").unwrap().as_bool(), None);
        assert_eq!(doc.get("c").unwrap().as_bool(), Some(false));
    }
}
