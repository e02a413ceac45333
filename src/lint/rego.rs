//! The policies' part in a file task: the built-in policies on each
//! Kubernetes object, the user's policies on each document (or kept for
//! `--combine`), and their results reported where their `path` leads.

use crate::config::Config;
use crate::facts::{self, FileFacts};
use crate::finding::Draft;
use crate::rego::input::Step;
use crate::rego::{Borrowed, Policies, PolicySet, RegoResult};
use crate::rules::{self, Sink};
use crate::source::Span;
use crate::timings::{self, Phase};

/// A file task's access to the policies: evaluators borrowed on first use.
pub struct RegoRunner<'p> {
    policies: &'p Policies,
    builtin: Option<Borrowed<'p>>,
    user: Option<Borrowed<'p>>,
    /// The ids of the built-in policies the configuration switches off: they are not evaluated.
    builtin_off: Vec<&'static str>,
}

impl<'p> RegoRunner<'p> {
    pub fn new(policies: &'p Policies, config: &Config) -> Self {
        let builtin_off = rules::builtin_policy_rules()
            .iter()
            .filter(|meta| meta.configured(config).is_none())
            .map(|meta| meta.id)
            .collect();
        RegoRunner {
            policies,
            builtin: None,
            user: None,
            builtin_off,
        }
    }

    fn has_user_policies(&self) -> bool {
        self.policies.user.as_ref().is_some_and(|u| !u.is_empty())
    }

    fn combine(&self) -> bool {
        self.policies.combine
    }

    fn evaluate(
        set: &'p PolicySet,
        engine: &mut Option<Borrowed<'p>>,
        input: serde_json::Value,
    ) -> Vec<RegoResult> {
        let engine = engine.get_or_insert_with(|| set.borrow_evaluator());
        timings::measure(Phase::Rego, || set.evaluate(engine, input))
    }

    pub fn builtin(
        &mut self,
        kind: &str,
        is_workload: bool,
        input: impl FnOnce() -> regorus::Value,
    ) -> Vec<RegoResult> {
        // Every built-in policy switched off: not even the input is built.
        if self.builtin_off.len() == rules::builtin_policy_rules().len() {
            return Vec::new();
        }
        let set = self.policies.builtin_set();
        let engine = self.builtin.get_or_insert_with(|| set.borrow_evaluator());
        timings::measure(Phase::Rego, || {
            set.evaluate_object(engine, Some((kind, is_workload)), &self.builtin_off, input)
        })
    }

    fn user(&mut self, input: serde_json::Value) -> Vec<RegoResult> {
        match &self.policies.user {
            Some(set) => Self::evaluate(set, &mut self.user, input),
            None => Vec::new(),
        }
    }
}

/// Where a document given to the user's policies comes from.
pub struct UserInput {
    pub kind: facts::DocumentKind,
    /// The document's index in its YAML stream.
    pub index: usize,
    /// Where results without a `path` land.
    pub anchor: Span,
}

impl RegoRunner<'_> {
    /// Gives one document to the user's policies: kept for `--combine`,
    /// else evaluated now and reported where each result's `path` leads.
    pub fn user_document(
        &mut self,
        sink: &mut Sink,
        facts: &mut FileFacts,
        input: UserInput,
        contents: impl FnOnce() -> serde_json::Value,
        locate: impl Fn(&[Step]) -> Option<Span>,
    ) {
        if !self.has_user_policies() {
            return;
        }
        if self.combine() {
            facts.documents.push(facts::CombinedDocument {
                file: sink.file.path.to_string(),
                kind: input.kind,
                index: input.index,
                contents: contents(),
            });
        } else {
            let results = self.user(contents());
            report_rego(sink, results, locate, input.anchor);
        }
    }
}

/// Reports Rego results at the node their `path` names, else at `anchor`.
pub fn report_rego(
    sink: &mut Sink,
    results: Vec<RegoResult>,
    locate: impl Fn(&[Step]) -> Option<Span>,
    anchor: Span,
) {
    for result in results {
        let span = result.path.as_deref().and_then(&locate).unwrap_or(anchor);
        sink.report_as(
            result.id,
            result.severity,
            Draft {
                span,
                message: result.message,
                help: result.help.into(),
                label: None,
                related: Default::default(),
            },
            result.extra,
        );
    }
}
