//! `--format json`: the versioned contract in ARCHITECTURE.md.

use crate::finding::Finding;
use crate::report::{json_array_end, pretty_json, Renderer, RulesSeen, SourceLookup, Summary};

/// One finding as pretty JSON at `indent`, written field by field: serde's
/// pretty printer, through the indenting writer, was a tenth of the run
/// (the test below holds the two to the same bytes).
fn write_finding(out: &mut String, f: &Finding, indent: usize) {
    let field = indent + 2;
    let key = |out: &mut String, name: &str| {
        out.push_str(",\n");
        pad(out, field);
        out.push('"');
        out.push_str(name);
        out.push_str("\": ");
    };
    out.push_str("{\n");
    pad(out, field);
    out.push_str("\"rule\": ");
    push_json_string(out, &f.rule);
    key(out, "severity");
    push_json_string(out, f.severity.as_str());
    key(out, "file");
    push_json_string(out, &f.file);
    let mut number = itoa::Buffer::new();
    for (name, value) in [
        ("line", f.start.line),
        ("column", f.start.column),
        ("end_line", f.end.line),
        ("end_column", f.end.column),
    ] {
        key(out, name);
        out.push_str(number.format(value));
    }
    key(out, "object");
    match &f.object {
        Some(object) => push_json_string(out, object),
        None => out.push_str("null"),
    }
    key(out, "message");
    push_json_string(out, &f.message);
    key(out, "help");
    push_json_string(out, &f.help);
    key(out, "related");
    if f.related.is_empty() {
        out.push_str("[]");
    } else {
        out.push_str(&pretty_json(&f.related, field));
    }
    if let Some(extra) = &f.extra {
        key(out, "extra");
        out.push_str(&pretty_json(extra, field));
    }
    out.push('\n');
    pad(out, indent);
    out.push('}');
}

/// `width` spaces: one copy rather than a push a character.
fn pad(out: &mut String, width: usize) {
    const SPACES: &str = "                                ";
    let mut left = width;
    while left > 0 {
        let take = left.min(SPACES.len());
        out.push_str(&SPACES[..take]);
        left -= take;
    }
}

/// `text` as a JSON string, escaped as serde_json escapes it.
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    let mut rest = text;
    while let Some(at) = first_to_escape(rest.as_bytes()) {
        out.push_str(&rest[..at]);
        match rest.as_bytes()[at] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            control => {
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(control >> 4)]));
                out.push(char::from(HEX[usize::from(control & 0xf)]));
            }
        }
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The first byte JSON must escape (a quote, a backslash, a control
/// character), eight bytes at a time: most strings have none, and a byte
/// at a time was most of the time spent writing a report.
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let needs_escape = |b: &u8| *b < 0x20 || *b == b'"' || *b == b'\\';
    let has_zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Bytes of 0x80 and above (UTF-8) never count as below 0x20.
        let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0;
        if below_space
            || has_zero_byte(word ^ (ONES * u64::from(b'"')))
            || has_zero_byte(word ^ (ONES * u64::from(b'\\')))
        {
            // The word tricks may flag a chunk on a borrow, never miss one:
            // the exact place is found byte by byte.
            if let Some(at) = chunk.iter().position(needs_escape) {
                return Some(offset + at);
            }
        }
        offset += 8;
    }
    let at = chunks.remainder().iter().position(needs_escape)?;
    Some(offset + at)
}

/// `{"version": 1, "findings": [...], "summary": {...}}`, pretty-printed.
pub struct Json;

impl Renderer for Json {
    fn begin(&self) -> String {
        "{\n  \"version\": 1,\n  \"findings\": [".into()
    }

    fn batch(&self, findings: &[Finding], _prints: &[String], _: &dyn SourceLookup) -> String {
        let mut out = String::with_capacity(findings.len() * 640);
        for (i, finding) in findings.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('\n');
            pad(&mut out, 4);
            write_finding(&mut out, finding, 4);
        }
        out
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn end(&self, summary: &Summary, _rules: &RulesSeen) -> String {
        format!(
            "{},\n  \"summary\": {}\n}}\n",
            json_array_end(summary.total(), 4),
            pretty_json(summary, 2)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Related;
    use crate::finding::Severity;
    use crate::report::json_items;
    use crate::source::{LineCol, Span};
    use serde::Serialize;

    /// The finding as serde writes it: the reference.
    #[derive(Serialize)]
    struct SerdeFinding<'a> {
        rule: &'a str,
        severity: Severity,
        file: &'a str,
        line: usize,
        column: usize,
        end_line: usize,
        end_column: usize,
        object: Option<&'a str>,
        message: &'a str,
        help: &'a str,
        related: &'a [Related],
        #[serde(skip_serializing_if = "Option::is_none")]
        extra: Option<&'a serde_json::Value>,
    }

    fn by_serde(f: &Finding) -> SerdeFinding<'_> {
        SerdeFinding {
            rule: &f.rule,
            severity: f.severity,
            file: &f.file,
            line: f.start.line,
            column: f.start.column,
            end_line: f.end.line,
            end_column: f.end.column,
            object: f.object.as_deref(),
            message: &f.message,
            help: &f.help,
            related: &f.related,
            extra: f.extra.as_ref(),
        }
    }

    fn finding(text: &str, object: Option<&str>, related: usize, extra: bool) -> Finding {
        let at = |line| LineCol { line, column: 3 };
        Finding {
            rule: format!("rego/{text}").into(),
            severity: Severity::Warning,
            file: format!("dir/{text}.yaml").into(),
            span: Span::new(0, 1),
            start: at(1),
            end: at(12_345),
            object: object.map(String::from),
            message: format!("message {text}"),
            help: text.to_string().into(),
            label: None,
            related: (0..related)
                .map(|i| Related {
                    file: format!("other{i}.yaml").into(),
                    span: Span::new(0, 0),
                    line: i,
                    column: 7,
                    message: text.to_string(),
                })
                .collect::<Vec<_>>()
                .into(),
            extra: extra.then(|| serde_json::json!({"a": [1, {"b": text}], "c": null})),
        }
    }

    #[test]
    fn the_escape_scan_finds_the_first_byte_to_escape() {
        let filler = [
            b'a', 0xc3, 0xa9, b'!', b'#', b' ', b'[', b']', 0x7f, 0x21, 0x5b, 0x5d,
        ];
        for special in [b'"', b'\\', b'\n', 0u8, 0x1f] {
            for len in 0..24 {
                let clean: Vec<u8> = (0..len).map(|i| filler[i % filler.len()]).collect();
                assert_eq!(first_to_escape(&clean), None, "{clean:?}");
                for at in 0..len {
                    let mut bytes = clean.clone();
                    bytes[at] = special;
                    if at + 1 < len {
                        bytes[at + 1] = b'"';
                    }
                    assert_eq!(first_to_escape(&bytes), Some(at), "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn findings_are_written_as_serde_writes_them() {
        let mut strange: String = (0u8..0x20).map(char::from).collect();
        strange.push_str("\"quoted\" back\\slash \u{7f} é 漢字 🦀 </script>");
        let findings = vec![
            finding("plain", Some("Deployment/shop/web"), 0, false),
            finding(&strange, None, 2, true),
            finding("", Some(""), 1, false),
        ];
        let written = Json.batch(
            &findings,
            &[],
            &crate::reread::Sources::new(Default::default(), None),
        );
        let expected = json_items(findings.iter().map(by_serde), 4);
        assert_eq!(written, expected);
        // Each control character took its own escape.
        assert!(written.contains("\\u0000\\u0001"));
        assert!(written.contains("\\b\\t\\n\\u000b\\f\\r"));
    }
}
