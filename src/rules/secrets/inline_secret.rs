//! `secrets/inline-secret`: a literal secret is committed in the repository.

use crate::declare_rule;
use crate::finding::{Draft, Related};
use crate::model::k8s::{Object, Workload};
use crate::model::secrets::{
    find_tokens, holds_secret, is_reference_or_placeholder, looks_like_file_name,
    may_contain_token, redact,
};
use crate::model::{YamlDocument, YamlRole};
use crate::parse::dockerfile::Dockerfile;
use crate::parse::hcl::{self, Expr, ExprKind};
use crate::parse::yaml::{Node, Style, Value};
use crate::rules::sink::Sink;
use crate::source::Span;
use crate::suppress::IgnoreList;

declare_rule! {
    /// ### What it does
    /// Finds literal secrets committed in any format deploylint reads.
    ///
    /// By name: a key, environment variable, attribute, `ENV` or `ARG` whose
    /// name means a secret (`password`, `passwd`, `secret`, `token`,
    /// `api_key`, `private_key`, `access_key`, `client_secret`,
    /// `credentials`, `basic_auth`... in any case and separator style) with a
    /// non-empty literal value. It looks at Kubernetes `env[].value`,
    /// ConfigMap `data`, every value of a Secret's `data` and `stringData`,
    /// Helm values and other YAML at any depth, compose `environment` (map
    /// and list forms), Terraform attributes and `variable` defaults, and
    /// Dockerfile `ENV` and `ARG` defaults.
    ///
    /// By shape, whatever the key: AWS access key ids, GitHub tokens, Slack
    /// tokens, Stripe live keys, private key blocks and Google API keys.
    ///
    /// Never flagged: empty values, references (`valueFrom`, `secretKeyRef`,
    /// `$(VAR)`, `${VAR}`, `{{ ... }}`, `var.x` and other HCL expressions),
    /// paths, obvious placeholders (`<...>`, `changeme`, `REPLACE_ME`, `xxx`,
    /// `***`), and names that are about a secret rather than one
    /// (`password_policy`, `token_ttl`, `secretName`, `existingSecret`,
    /// `passwordFile`). Messages show at most the first four characters of a
    /// secret and its length.
    ///
    /// ### Why is this bad?
    /// Everything in a repository is copied to every clone, fork, CI cache
    /// and backup, forever: a committed secret must be considered leaked and
    /// rotated. Reading it from a secret store keeps it out of history.
    ///
    /// ### Example
    /// ```yaml
    /// env:
    ///   - name: DB_PASSWORD
    ///     value: hunter2
    /// ```
    /// Use instead:
    /// ```yaml
    /// env:
    ///   - name: DB_PASSWORD
    ///     valueFrom:
    ///       secretKeyRef: {name: db, key: password}
    /// ```
    pub static RULE = {
        id: "secrets/inline-secret",
        severity: Error,
        summary: "a literal secret is committed in the repository",
    }
}

const HELP: &str = "remove it, rotate it (it is in the history now), and read it from a secret store at deploy time";

/// Collects findings of one check, each place at most once.
struct Found<'s, 'a> {
    sink: &'s mut Sink<'a>,
    seen: Vec<Span>,
}

impl<'s, 'a> Found<'s, 'a> {
    fn new(sink: &'s mut Sink<'a>) -> Self {
        Found {
            sink,
            seen: Vec::new(),
        }
    }

    /// Reports unless a finding already covers part of `span` (a token in a
    /// value already reported by its name).
    fn report(&mut self, span: Span, message: String, help: &'static str) {
        self.report_with(span, message, help, Vec::new());
    }

    fn report_with(
        &mut self,
        span: Span,
        message: String,
        help: &'static str,
        related: Vec<Related>,
    ) {
        let overlaps = self
            .seen
            .iter()
            .any(|s| s.start < span.end.max(span.start + 1) && span.start < s.end.max(s.start + 1));
        if !overlaps {
            self.seen.push(span);
            self.sink.report_draft(
                &RULE,
                Draft {
                    span,
                    message,
                    help: help.into(),
                    label: Some("literal secret".into()),
                    related: related.into(),
                },
            );
        }
    }

    /// Name-based: `name` holds the literal `value` at `span`.
    fn named(&mut self, name: &str, value: &str, span: Span) {
        if holds_secret(name, value) {
            self.report(
                span,
                format!(
                    "`{name}` holds a literal secret ({}) committed in the repository",
                    redact(value)
                ),
                HELP,
            );
        }
    }

    /// Shape-based: well-known tokens anywhere in `text`; `place` maps a
    /// token's range in `text` to the span to report.
    fn tokens(&mut self, text: &str, place: impl Fn(usize, usize) -> Span) {
        for token in find_tokens(text) {
            let found = &text[token.start..token.end];
            self.report(
                place(token.start, token.end),
                format!("this value contains {} ({})", token.kind, redact(found)),
                HELP,
            );
        }
    }
}

// ---- YAML ----

/// The scalar's text when it is a literal that could be a secret (not a boolean or null).
fn literal(node: &Node) -> Option<&str> {
    let scalar = node.as_scalar()?;
    if scalar.is_null() || node.as_bool().is_some() && scalar.style == Style::Plain {
        return None;
    }
    Some(&scalar.text)
}

/// Runs token detection on every scalar below `node`.
fn scan_tokens(node: &Node, found: &mut Found) {
    match &node.value {
        Value::Scalar(s) => found.tokens(&s.text, |_, _| node.span),
        Value::Seq(items) => items.iter().for_each(|item| scan_tokens(item, found)),
        Value::Map(entries) => entries.iter().for_each(|(_, v)| scan_tokens(v, found)),
    }
}

pub fn check_object(object: &Object, sink: &mut Sink) {
    let mut found = Found::new(sink);
    if let Some(workload) = Workload::from_object(object) {
        for container in workload.containers() {
            for env in container
                .node
                .get("env")
                .map(Node::items)
                .unwrap_or_default()
            {
                let (Some(name), Some(value)) =
                    (env.get("name").and_then(Node::as_str), env.get("value"))
                else {
                    continue;
                };
                if let Some(text) = literal(value) {
                    found.named(name, text, value.span);
                }
            }
        }
    }
    match object.kind {
        "ConfigMap" => {
            for (key, value) in object
                .node
                .get("data")
                .map(Node::entries)
                .unwrap_or_default()
            {
                if let (Some(name), Some(text)) = (key.as_str(), literal(value)) {
                    found.named(name, text, value.span);
                }
            }
        }
        "Secret" => report_secret_object(object, &mut found),
        _ => {}
    }
    if may_hold_token(object.node, &found) {
        scan_tokens(object.node, &mut found);
    }
}

/// A committed `Secret`: one finding for the object, at its first
/// committed value, with the other keys as related places.
fn report_secret_object(object: &Object, found: &mut Found) {
    let mut committed: Vec<(&str, &Node, String, bool)> = Vec::new();
    for (field, encoded) in [("stringData", false), ("data", true)] {
        for (key, value) in object
            .node
            .get(field)
            .map(Node::entries)
            .unwrap_or_default()
        {
            let (Some(name), Some(text)) = (key.as_str(), literal(value)) else {
                continue;
            };
            let plain = match encoded {
                true => decode_base64(text).unwrap_or_else(|| text.to_string()),
                false => text.to_string(),
            };
            // A key named like a file (`grafana.ini`) holds a configuration
            // file: committed only if the file holds a secret.
            let secret = match looks_like_file_name(name) {
                true => config_holds_secret(&plain),
                false => !is_reference_or_placeholder(&plain),
            };
            if secret {
                committed.push((name, value, plain, encoded));
            }
        }
    }
    committed.sort_by_key(|(_, value, ..)| value.span.start);
    let Some(((name, value, plain, _), others)) = committed.split_first() else {
        return;
    };
    let base64 = if committed.iter().any(|(_, _, _, encoded)| *encoded) {
        ": base64 is an encoding, not encryption"
    } else {
        ""
    };
    let message = match others {
        [] => format!(
            "Secret `{}` commits the value of `{name}` ({}){base64}",
            object.name,
            redact(plain)
        ),
        _ => format!(
            "Secret `{}` commits the values of {} keys (`{name}`, {}){base64}",
            object.name,
            committed.len(),
            others
                .iter()
                .map(|(other, ..)| format!("`{other}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let related = others
        .iter()
        .map(|(other, node, ..)| {
            Related::new(
                found.sink.file,
                node.span,
                format!("the value of `{other}`"),
            )
        })
        .collect();
    let help = match others {
        [] => "keep Secret values out of the repository: use SealedSecrets, External Secrets or SOPS, and rotate this one",
        _ => "keep Secret values out of the repository: use SealedSecrets, External Secrets or SOPS, and rotate these values",
    };
    found.report_with(value.span, message, help, related);
}

/// Whether a configuration file's text holds a secret: a `name: value` or
/// `name = value` line whose name means a secret, or a known token.
fn config_holds_secret(text: &str) -> bool {
    let unquote = |s: &str| {
        s.trim()
            .trim_end_matches(',')
            .trim_matches(['"', '\''])
            .to_string()
    };
    text.lines().any(|line| {
        line.split_once([':', '='])
            .is_some_and(|(name, value)| holds_secret(&unquote(name), &unquote(value)))
    }) || !find_tokens(text).is_empty()
}

/// Whether any scalar under `node` can hold a token: its raw text has a
/// token's prefix, or an escape sequence that could spell one.
fn may_hold_token(node: &Node, found: &Found) -> bool {
    let text = &found.sink.file.text;
    let raw = text
        .get(node.span.start..node.span.end)
        .unwrap_or(text.as_ref());
    raw.contains('\\') || may_contain_token(raw)
}

pub fn check_document(document: &YamlDocument, sink: &mut Sink) {
    if document.is_object {
        return;
    }
    let mut found = Found::new(sink);
    let mut path = KeyPath {
        keys: Vec::new(),
        compose: document.role == YamlRole::Compose
            || document.node.get("services").is_some_and(Node::is_map),
    };
    walk_yaml(document.node, &mut found, &mut path);
    if may_hold_token(document.node, &found) {
        scan_tokens(document.node, &mut found);
    }
}

/// Where a value sits in a document, as findings name it: `services.web`
/// in a compose file, the values path (`postgresql.auth.password`) elsewhere.
struct KeyPath {
    keys: Vec<String>,
    compose: bool,
}

impl KeyPath {
    fn object(&self, name: &str) -> String {
        match self.keys.as_slice() {
            [services, service, ..] if self.compose && services == "services" => {
                format!("services.{service}")
            }
            keys => keys
                .iter()
                .map(String::as_str)
                .chain([name])
                .collect::<Vec<_>>()
                .join("."),
        }
    }
}

fn walk_yaml(node: &Node, found: &mut Found, path: &mut KeyPath) {
    match &node.value {
        Value::Scalar(_) => {}
        Value::Seq(items) => items.iter().for_each(|item| walk_yaml(item, found, path)),
        Value::Map(entries) => {
            for (key, value) in entries {
                let Some(name) = key.as_str() else {
                    continue;
                };
                // A GitHub workflow's `permissions: {id-token: write}` grants, it holds nothing.
                if name == "permissions" {
                    continue;
                }
                found
                    .sink
                    .enter_object(path.object(name), IgnoreList::Nothing);
                if let Some(text) = literal(value) {
                    found.named(name, text, value.span);
                }
                if name == "environment" {
                    // Compose's list form: `- DB_PASSWORD=hunter2`.
                    for item in value.items() {
                        if let Some((var, text)) = item.as_str().and_then(|s| s.split_once('=')) {
                            found.named(var, text, item.span);
                        }
                    }
                }
                found.sink.leave_object();
                path.keys.push(name.to_string());
                walk_yaml(value, found, path);
                path.keys.pop();
            }
        }
    }
}

fn decode_base64(text: &str) -> Option<String> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
    {
        let value = ALPHABET.iter().position(|a| *a == c)? as u32;
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    String::from_utf8(out).ok()
}

// ---- HCL ----

pub fn check_hcl(body: &hcl::Body, sink: &mut Sink) {
    for block in &body.blocks {
        sink.enter_object(block.address(), IgnoreList::Nothing);
        let mut found = Found::new(sink);
        if block.ident == "variable" {
            if let (Some(name), Some(default)) = (block.labels.first(), block.body.get("default")) {
                if let ExprKind::String(text) = &default.kind {
                    found.named(name, text, default.span);
                }
            }
        }
        walk_hcl_body(&block.body, &mut found);
        sink.leave_object();
    }
    let mut found = Found::new(sink);
    for attribute in &body.attributes {
        walk_hcl_attribute(&attribute.key, &attribute.value, &mut found);
    }
}

fn walk_hcl_body(body: &hcl::Body, found: &mut Found) {
    for attribute in &body.attributes {
        walk_hcl_attribute(&attribute.key, &attribute.value, found);
    }
    for block in &body.blocks {
        walk_hcl_body(&block.body, found);
    }
}

fn walk_hcl_attribute(name: &str, value: &Expr, found: &mut Found) {
    if let ExprKind::String(text) = &value.kind {
        found.named(name, text, value.span);
    }
    walk_hcl_expr(value, found);
}

fn walk_hcl_expr(expr: &Expr, found: &mut Found) {
    match &expr.kind {
        ExprKind::String(text) | ExprKind::Template { literal: text } => {
            found.tokens(text, |_, _| expr.span)
        }
        ExprKind::Array(items) => items.iter().for_each(|item| walk_hcl_expr(item, found)),
        ExprKind::Object(entries) => {
            for (key, _, value) in entries {
                walk_hcl_attribute(key, value, found);
            }
        }
        _ => {}
    }
}

// ---- Dockerfile ----

pub fn check_dockerfile(dockerfile: &Dockerfile, sink: &mut Sink) {
    for instruction in &dockerfile.instructions {
        let stage = instruction.stage.and_then(|i| dockerfile.stages.get(i));
        if let Some(stage) = stage {
            sink.enter_object(stage.describe(), IgnoreList::Nothing);
        }
        let mut found = Found::new(sink);
        if matches!(instruction.keyword.as_str(), "ENV" | "ARG") {
            let words = instruction.words();
            let legacy = instruction.keyword == "ENV"
                && words.first().is_some_and(|w| !w.text.contains('='));
            if legacy {
                // `ENV NAME value with spaces`
                let name = &words[0];
                let value_start = instruction
                    .args
                    .find(&name.text)
                    .map(|i| i + name.text.len())
                    .unwrap_or(0);
                let value = instruction.args[value_start..].trim();
                if let Some(first) = words.get(1) {
                    let span = Span::new(first.span.start, instruction.whole_args_span().end);
                    found.named(&name.text, value, span);
                }
            } else {
                for word in &words {
                    if let Some((name, value)) = word.text.split_once('=') {
                        found.named(name, value, word.span);
                    }
                }
            }
        }
        found.tokens(&instruction.args, |start, end| {
            instruction.args_span(start, end)
        });
        for heredoc in &instruction.heredocs {
            let base = heredoc.body_span.start;
            found.tokens(&heredoc.body, |start, end| {
                Span::new(base + start, base + end)
            });
        }
        sink.leave_object();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes() {
        assert_eq!(decode_base64("aHVudGVyMg==").as_deref(), Some("hunter2"));
        assert_eq!(decode_base64("not base64!"), None);
    }
}
