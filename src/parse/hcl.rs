//! HCL front end: hcl-edit parses with byte spans; we fold its tree into a
//! small model with the spans rules and facts need, shifted to the file.

use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{self, BlockLabel, Structure};
use hcl_edit::template::Element;
use hcl_edit::Span as _;

use crate::source::Span;

#[derive(Debug, Clone, Default)]
pub struct Body {
    pub attributes: Vec<Attribute>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub ident: String,
    pub labels: Vec<String>,
    /// From the block's identifier to its last label: where findings about the block point.
    pub header: Span,
    pub span: Span,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub struct Attribute {
    pub key: String,
    pub key_span: Span,
    pub value: Expr,
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub span: Span,
    pub kind: ExprKind,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// A string with `${...}` interpolations or directives; `literal` joins its literal parts.
    Template {
        literal: String,
    },
    Array(Vec<Expr>),
    Object(Vec<(String, Span, Expr)>),
    /// Anything computed: a variable, traversal, function call, operation (as written).
    Computed(String),
}

#[derive(Debug, Clone)]
pub struct HclError {
    pub offset: usize,
    pub message: String,
}

impl Body {
    pub fn attribute(&self, key: &str) -> Option<&Attribute> {
        self.attributes.iter().rev().find(|a| a.key == key)
    }

    pub fn get(&self, key: &str) -> Option<&Expr> {
        self.attribute(key).map(|a| &a.value)
    }

    pub fn blocks_named<'a>(&'a self, ident: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.blocks.iter().filter(move |b| b.ident == ident)
    }
}

impl Block {
    /// `aws_db_instance.main` for a `resource "aws_db_instance" "main"` block.
    pub fn address(&self) -> String {
        match (self.ident.as_str(), self.labels.as_slice()) {
            ("resource", [kind, name]) => format!("{kind}.{name}"),
            ("data", [kind, name]) => format!("data.{kind}.{name}"),
            (ident, []) => ident.to_string(),
            (ident, labels) => format!("{ident}.{}", labels.join(".")),
        }
    }
}

impl Expr {
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match &self.kind {
            ExprKind::Bool(b) => Some(*b),
            ExprKind::String(s) if s == "true" => Some(true),
            ExprKind::String(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match &self.kind {
            ExprKind::Number(n) => Some(*n),
            ExprKind::String(s) => s.parse().ok(),
            _ => None,
        }
    }

    pub fn items(&self) -> &[Expr] {
        match &self.kind {
            ExprKind::Array(items) => items,
            _ => &[],
        }
    }

    /// True when the value is known when reading the file.
    pub fn is_literal(&self) -> bool {
        match &self.kind {
            ExprKind::Template { .. } | ExprKind::Computed(_) => false,
            ExprKind::Array(items) => items.iter().all(Expr::is_literal),
            ExprKind::Object(entries) => entries.iter().all(|(_, _, v)| v.is_literal()),
            _ => true,
        }
    }

    /// The entry `key` of an object expression.
    pub fn get(&self, key: &str) -> Option<&Expr> {
        match &self.kind {
            ExprKind::Object(entries) => entries
                .iter()
                .rev()
                .find(|(k, _, _)| k == key)
                .map(|(_, _, v)| v),
            _ => None,
        }
    }

    /// Converts to JSON; computed parts become `${...}` strings as conftest's HCL2 parser shows them.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.kind {
            ExprKind::Null => J::Null,
            ExprKind::Bool(b) => J::Bool(*b),
            ExprKind::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 9.0e15 {
                    J::from(*n as i64)
                } else {
                    serde_json::Number::from_f64(*n)
                        .map(J::Number)
                        .unwrap_or(J::Null)
                }
            }
            ExprKind::String(s) => J::String(s.clone()),
            ExprKind::Template { literal } => J::String(literal.clone()),
            ExprKind::Computed(raw) => J::String(format!("${{{raw}}}")),
            ExprKind::Array(items) => J::Array(items.iter().map(Expr::to_json).collect()),
            ExprKind::Object(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, _, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Deeper bracket nesting than this is rejected before parsing: the parser
/// recurses, and no Terraform needs it.
const MAX_DEPTH: usize = 256;

/// The offset where bracket nesting first goes deeper than `MAX_DEPTH`.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Parses HCL `text`, whose first byte is at `base` in its file.
pub fn parse(text: &str, base: usize) -> Result<Body, HclError> {
    if let Some(offset) = too_deep(text) {
        return Err(HclError {
            offset: base + offset,
            message: format!("brackets nest deeper than {MAX_DEPTH} levels"),
        });
    }
    let body = hcl_edit::parser::parse_body(text).map_err(|e| {
        let location = e.location();
        HclError {
            offset: base + location.offset().min(text.len()),
            message: e.message().to_string(),
        }
    })?;
    let converter = Converter { text, base };
    Ok(converter.body(&body))
}

struct Converter<'a> {
    text: &'a str,
    base: usize,
}

impl Converter<'_> {
    fn span(&self, range: Option<std::ops::Range<usize>>) -> Span {
        let range = range.unwrap_or(0..0);
        Span::new(self.base + range.start, self.base + range.end)
    }

    fn raw(&self, range: Option<std::ops::Range<usize>>) -> String {
        range
            .and_then(|r| self.text.get(r))
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    fn body(&self, body: &structure::Body) -> Body {
        let mut out = Body::default();
        for structure in body.iter() {
            match structure {
                Structure::Attribute(attr) => out.attributes.push(Attribute {
                    key: attr.key.as_str().to_string(),
                    key_span: self.span(attr.key.span()),
                    value: self.expr(&attr.value),
                }),
                Structure::Block(block) => {
                    let labels: Vec<String> = block
                        .labels
                        .iter()
                        .map(|l| match l {
                            BlockLabel::Ident(i) => i.as_str().to_string(),
                            BlockLabel::String(s) => s.as_str().to_string(),
                        })
                        .collect();
                    let ident_span = self.span(block.ident.span());
                    let header_end = block
                        .labels
                        .last()
                        .and_then(|l| l.span())
                        .map(|r| self.base + r.end)
                        .unwrap_or(ident_span.end);
                    out.blocks.push(Block {
                        ident: block.ident.as_str().to_string(),
                        labels,
                        header: Span::new(ident_span.start, header_end),
                        span: self.span(block.span()),
                        body: self.body(&block.body),
                    });
                }
            }
        }
        out
    }

    fn expr(&self, expr: &Expression) -> Expr {
        let span = self.span(expr.span());
        let kind = match expr {
            Expression::Null(_) => ExprKind::Null,
            Expression::Bool(b) => ExprKind::Bool(*b.value()),
            Expression::Number(n) => match n.as_f64() {
                Some(v) => ExprKind::Number(v),
                None => ExprKind::Computed(self.raw(expr.span())),
            },
            Expression::String(s) => ExprKind::String(s.value().to_string()),
            Expression::StringTemplate(t) => self.template(t.iter()),
            Expression::HeredocTemplate(h) => self.template(h.template.iter()),
            Expression::Array(array) => {
                ExprKind::Array(array.iter().map(|e| self.expr(e)).collect())
            }
            Expression::Object(object) => ExprKind::Object(
                object
                    .iter()
                    .map(|(key, value)| {
                        let (name, key_span) = match key {
                            ObjectKey::Ident(i) => (i.as_str().to_string(), self.span(i.span())),
                            ObjectKey::Expression(e) => {
                                let converted = self.expr(e);
                                let name = match &converted.kind {
                                    ExprKind::String(s) => s.clone(),
                                    _ => self.raw(e.span()),
                                };
                                (name, converted.span)
                            }
                        };
                        (name, key_span, self.expr(value.expr()))
                    })
                    .collect(),
            ),
            Expression::Parenthesis(p) => return self.expr(p.inner()),
            Expression::UnaryOp(op) => match (&op.expr, self.expr(&op.expr).kind) {
                (_, ExprKind::Number(n)) if self.raw(expr.span()).starts_with('-') => {
                    ExprKind::Number(-n)
                }
                _ => ExprKind::Computed(self.raw(expr.span())),
            },
            _ => ExprKind::Computed(self.raw(expr.span())),
        };
        Expr { span, kind }
    }

    fn template<'e>(&self, elements: impl Iterator<Item = &'e Element>) -> ExprKind {
        let mut literal = String::new();
        let mut computed = false;
        for element in elements {
            match element {
                Element::Literal(text) => literal.push_str(text.value()),
                _ => computed = true,
            }
        }
        if computed {
            ExprKind::Template { literal }
        } else {
            ExprKind::String(literal)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_attributes_and_spans() {
        let text = "resource \"aws_db_instance\" \"main\" {\n  storage_encrypted = false\n  port = 5432\n  cidr = [\"0.0.0.0/0\"]\n  name = \"db-${var.env}\"\n  pw = var.password\n  neg = -1\n}\n";
        let body = parse(text, 10).unwrap();
        let block = &body.blocks[0];
        assert_eq!(block.address(), "aws_db_instance.main");
        assert_eq!(
            &text[block.header.start - 10..block.header.end - 10],
            "resource \"aws_db_instance\" \"main\""
        );
        let attr = block.body.attribute("storage_encrypted").unwrap();
        assert_eq!(attr.value.as_bool(), Some(false));
        assert_eq!(
            &text[attr.value.span.start - 10..attr.value.span.end - 10],
            "false"
        );
        assert_eq!(block.body.get("port").unwrap().as_f64(), Some(5432.0));
        assert_eq!(
            block.body.get("cidr").unwrap().items()[0].as_str(),
            Some("0.0.0.0/0")
        );
        assert!(matches!(
            block.body.get("name").unwrap().kind,
            ExprKind::Template { .. }
        ));
        assert!(
            matches!(&block.body.get("pw").unwrap().kind, ExprKind::Computed(raw) if raw == "var.password")
        );
        assert_eq!(block.body.get("neg").unwrap().as_f64(), Some(-1.0));
    }

    #[test]
    fn errors_carry_an_offset() {
        let error = parse("a = {\n", 100).unwrap_err();
        assert!(error.offset >= 100);
    }
}
