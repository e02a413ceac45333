//! `yaml/duplicate-key`: a key appears twice in one mapping.

use crate::declare_rule;
use crate::finding::Draft;
use crate::finding::Related;
use crate::parse::yaml::DuplicateKey;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports a key written twice in one YAML mapping, at the second one.
    ///
    /// ### Why is this bad?
    /// Tools disagree about duplicates: Kubernetes' decoder silently keeps
    /// the last value, `kubectl apply` may reject the file, and a reviewer
    /// reads the first. A duplicated `env` or `resources` block usually means
    /// a merge went wrong and one of the two settings is silently lost.
    ///
    /// ### Example
    /// ```yaml
    /// resources:
    ///   limits: {memory: 512Mi}
    ///   limits: {memory: 1Gi}
    /// ```
    /// Use instead: keep one `limits` key.
    pub static RULE = {
        id: "yaml/duplicate-key",
        severity: Warning,
        summary: "a key appears twice in one mapping",
    }
}

pub fn report(duplicate: &DuplicateKey, sink: &mut Sink) {
    let first = sink.file.line_col(duplicate.first.start);
    let related = vec![Related::new(
        sink.file,
        duplicate.first,
        "first written here",
    )];
    sink.report_draft(
        &RULE,
        Draft {
            span: duplicate.second,
            message: format!(
                "key `{}` is already set on line {}: only this later value takes effect",
                duplicate.key, first.line
            ),
            help: "remove one of the two keys, or merge their values".into(),
            label: Some("duplicate key".into()),
            related: related.into(),
        },
    );
}
