//! A policy's results read as findings' parts: the members of a rule's
//! value, each a string or an object whose `msg`, `id`, `severity`, `help`
//! and `path` deploylint reads (the rest is kept for the JSON report).

use serde_json::Value as Json;

use crate::finding::Severity;
use crate::rego::input;
use crate::rego::module::{PolicyModule, PolicyRule, RuleKind};

/// One result of one rule for one input.
#[derive(Debug, Clone)]
pub struct RegoResult {
    pub id: String,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    pub path: Option<Vec<input::Step>>,
    /// The result object's other fields, kept for the JSON report.
    pub extra: Option<Json>,
}

/// A result (a string, or an object with `msg`) as a finding's parts, with
/// the id and severity of the module that declares the id it names.
pub fn interpret(
    modules: &[PolicyModule],
    module: &PolicyModule,
    rule: &PolicyRule,
    result: &regorus::Value,
) -> RegoResult {
    let fields = match result {
        regorus::Value::Object(object) => Some(ResultFields::of(object)),
        _ => None,
    };
    let module = declaring(modules, module, fields.as_ref().and_then(ResultFields::id));
    let severity_text = rule
        .metadata
        .severity
        .as_deref()
        .or(module.package_metadata.severity.as_deref());
    let severity = severity_text
        .and_then(Severity::parse)
        .unwrap_or(match rule.kind {
            RuleKind::Deny => Severity::Error,
            RuleKind::Warn => Severity::Warning,
        });
    let default_help = || format!("see the rule {} in {}", rule.path, module.file);
    let Some(fields) = fields else {
        let message = match result {
            regorus::Value::String(text) => text.to_string(),
            other => json_text(other),
        };
        return RegoResult {
            id: default_id(module, rule),
            severity,
            message,
            help: default_help(),
            path: None,
            extra: None,
        };
    };
    RegoResult {
        id: fields
            .id()
            .map_or_else(|| default_id(module, rule), str::to_string),
        severity: fields
            .severity
            .and_then(Severity::parse)
            .unwrap_or(severity),
        message: fields
            .msg
            .or(fields.message)
            .map_or_else(|| json_text(result), str::to_string),
        help: fields.help.map_or_else(default_help, str::to_string),
        path: fields.path.and_then(input::steps),
        extra: (!fields.extra.is_empty()).then_some(Json::Object(fields.extra)),
    }
}

/// The module whose `custom.id` a result names (modules sharing a
/// package each declare their own id and severity), else `module`.
fn declaring<'a>(
    modules: &'a [PolicyModule],
    module: &'a PolicyModule,
    id: Option<&str>,
) -> &'a PolicyModule {
    id.and_then(|id| {
        modules
            .iter()
            .find(|m| m.package == module.package && m.package_metadata.id.as_deref() == Some(id))
    })
    .unwrap_or(module)
}

pub fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

pub fn flatten_strings(value: Option<&regorus::Value>) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(value: &regorus::Value, out: &mut Vec<String>) {
        match value {
            regorus::Value::String(s) => out.push(s.to_string()),
            regorus::Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            regorus::Value::Set(items) => items.iter_sorted().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    if let Some(value) = value {
        walk(value, &mut out);
    }
    out
}

/// conftest's exceptions name rules without their `deny_`/`violation_`/`warn_` prefix.
pub fn is_excepted(rule: &PolicyRule, exceptions: &[String]) -> bool {
    let suffix = ["deny_", "violation_", "warn_"]
        .iter()
        .find_map(|p| rule.name.strip_prefix(p))
        .unwrap_or("");
    exceptions
        .iter()
        .any(|e| e == &rule.name || (!suffix.is_empty() && e == suffix))
}

pub fn default_id(module: &PolicyModule, rule: &PolicyRule) -> String {
    rule.metadata
        .id
        .clone()
        .or_else(|| module.package_metadata.id.clone())
        .unwrap_or_else(|| format!("rego/{}/{}", module.package, rule.name))
}

/// The results a rule's value holds: the members of a set or an array; none
/// when the rule is undefined, `null` or `false`; else the value itself
/// (`deny := "..."`, `deny := true`).
pub fn results_in(value: &regorus::Value) -> Vec<&regorus::Value> {
    match value {
        regorus::Value::Set(items) => items.iter_sorted().collect(),
        regorus::Value::Array(items) => items.iter().collect(),
        regorus::Value::Undefined | regorus::Value::Null | regorus::Value::Bool(false) => {
            Vec::new()
        }
        other => vec![other],
    }
}

/// A value as compact JSON text.
fn json_text(value: &regorus::Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// What deploylint reads of a result object, found in one pass over its
/// fields (only string values count as text); any other field is kept for
/// the report as it is.
#[derive(Default)]
struct ResultFields<'v> {
    msg: Option<&'v str>,
    message: Option<&'v str>,
    rule: Option<&'v str>,
    id: Option<&'v str>,
    help: Option<&'v str>,
    severity: Option<&'v str>,
    path: Option<&'v regorus::Value>,
    extra: serde_json::Map<String, Json>,
}

impl<'v> ResultFields<'v> {
    fn of(object: &'v regorus::value::Object) -> ResultFields<'v> {
        let mut fields = ResultFields::default();
        for (key, value) in object.iter_sorted() {
            let text = match value {
                regorus::Value::String(text) => Some(&**text),
                _ => None,
            };
            let slot = match key {
                regorus::Value::String(name) => match &**name {
                    "msg" => &mut fields.msg,
                    "message" => &mut fields.message,
                    "rule" => &mut fields.rule,
                    "id" => &mut fields.id,
                    "help" => &mut fields.help,
                    "severity" => &mut fields.severity,
                    "path" => {
                        fields.path = Some(value);
                        continue;
                    }
                    name => {
                        fields.keep(name.to_string(), value);
                        continue;
                    }
                },
                other => {
                    fields.keep(json_text(other), value);
                    continue;
                }
            };
            *slot = text;
        }
        fields
    }

    fn keep(&mut self, key: String, value: &regorus::Value) {
        if let Ok(json) = serde_json::to_value(value) {
            self.extra.insert(key, json);
        }
    }

    /// The rule id the result names.
    fn id(&self) -> Option<&'v str> {
        self.rule.or(self.id)
    }
}
