//! Suppressions that name no rule: `deploylint/unknown-rule-in-ignore`
//! for `# deploylint-ignore` comments and `deploylint.dev/ignore`
//! annotations, with the closest id deploylint has.

use crate::model::k8s::Object;
use crate::rules::deploylint::unknown_rule_in_ignore::RULE;
use crate::rules::{self, Sink};
use crate::source::Span;
use crate::suppress::{IgnoreList, IGNORE_ANNOTATION};

/// The ids of `list` in one of deploylint's families that no rule has
/// (ids in other families may be the user's policies').
fn unknown(list: &IgnoreList) -> Vec<&str> {
    match list {
        IgnoreList::Rules(ids) => ids
            .iter()
            .map(String::as_str)
            .filter(|id| rules::find(id).is_none() && rules::is_builtin_family(id))
            .collect(),
        _ => Vec::new(),
    }
}

fn report(id: &str, span: Span, sink: &mut Sink) {
    let help = match rules::closest_id(id) {
        Some(near) => format!("did you mean `{near}`? `deploylint rules` lists the rule ids"),
        None => "`deploylint rules` lists the rule ids".into(),
    };
    sink.report(
        &RULE,
        span,
        format!("`{id}` names no rule, so this suppression silences nothing"),
        help,
    );
}

/// The file's `# deploylint-ignore` comments.
pub fn check_comments(sink: &mut Sink) {
    let found: Vec<(String, Span)> = sink
        .comments()
        .directives()
        .iter()
        .flat_map(|d| {
            unknown(&d.list)
                .into_iter()
                .map(|id| (id.to_string(), d.span))
        })
        .collect();
    for (id, span) in found {
        report(&id, span, sink);
    }
}

/// An object's `deploylint.dev/ignore` annotation; the sink is inside the object.
pub fn check_annotation(object: &Object, sink: &mut Sink) {
    let Some(value) = object
        .node
        .path(&["metadata", "annotations", IGNORE_ANNOTATION])
    else {
        return;
    };
    let list = value.as_str().map(IgnoreList::parse).unwrap_or_default();
    for id in unknown(&list) {
        report(id, value.span, sink);
    }
}
