//! A policy set: loaded modules and the engine prepared with them,
//! checked once on an empty input, compiled for the virtual machine when it
//! can take them, and evaluated on one input at a time.

use std::sync::Arc;

use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::program::Program;
use regorus::Engine;
use serde_json::Value as Json;

use crate::finding::Severity;
use crate::rego::evaluator::{load_machine, Borrowed, Evaluator, IdleEvaluators};
use crate::rego::module::PolicyModule;
use crate::rego::result::{
    default_id, first_line, flatten_strings, interpret, is_excepted, results_in, RegoResult,
};

/// A policy, data file or folder that cannot be used; the run stops with status 2.
#[derive(Debug)]
pub struct PolicyError {
    pub message: String,
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A loaded set of modules and the engine prepared with them.
#[derive(Clone)]
pub struct PolicySet {
    pub(super) engine: Engine,
    /// The modules whose rules run.
    pub modules: Vec<PolicyModule>,
    /// The set compiled for regorus' virtual machine, which runs a policy
    /// faster than the interpreter (bench/measured.md), with the data
    /// document it runs against. `None` keeps the interpreter (`verify` needs it for `with`).
    pub(super) program: Option<(Arc<Program>, regorus::Value)>,
    /// Evaluators file tasks have given back, for the next ones to borrow.
    pub(super) idle: IdleEvaluators,
}

impl PolicySet {
    /// A set of `modules` added to `engine`, not yet checked or compiled.
    pub fn new(engine: Engine, modules: Vec<PolicyModule>) -> PolicySet {
        PolicySet {
            engine,
            modules,
            program: None,
            idle: IdleEvaluators::default(),
        }
    }

    /// Evaluates every rule once on an empty input, so that an unknown builtin
    /// or a type error stops the run now rather than for each file. This also
    /// prepares the engine, so that the clones workers take start prepared.
    pub fn dry_run(&mut self) -> Result<(), PolicyError> {
        let engine = &mut self.engine;
        engine.set_input(regorus::Value::new_object());
        for module in &self.modules {
            for rule in &module.rules {
                engine
                    .eval_rule(rule.path.clone())
                    .map_err(|e| PolicyError {
                        message: format!(
                            "the policy {} fails to evaluate {}:\n{e}",
                            module.file, rule.path
                        ),
                    })?;
            }
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.modules.iter().all(|m| m.rules.is_empty())
    }

    /// An interpreter of its own, sharing the prepared policies.
    pub fn engine(&self) -> Engine {
        self.engine.clone()
    }

    /// A file task's evaluator: a virtual machine loaded with the compiled
    /// program when there is one, else an interpreter.
    pub fn evaluator(&self) -> Evaluator {
        let machine = self
            .program
            .as_ref()
            .and_then(|(program, data)| load_machine(program, data))
            .map(Box::new);
        Evaluator {
            machine,
            interpreter: Box::new(self.engine.clone()),
            pending: None,
            fallbacks: 0,
        }
    }

    /// An evaluator another file task gave back, else a new one.
    pub fn borrow_evaluator(&self) -> Borrowed<'_> {
        self.idle.borrow(|| self.evaluator())
    }

    /// Whether the policies run on the virtual machine.
    pub fn runs_on_machine(&self) -> bool {
        self.program.is_some()
    }

    /// The same policies, always on the interpreter (to compare the two engines).
    pub fn interpreted(&self) -> PolicySet {
        PolicySet {
            program: None,
            ..self.clone()
        }
    }

    /// Compiles every rule (and exception) for the virtual machine. The set
    /// keeps the interpreter alone when the machine cannot take its policies
    /// or fails the dry run on an empty input.
    pub fn compile_for_machine(&mut self) {
        let entries = self.entry_points();
        let Some(first) = entries.first() else {
            return;
        };
        let entry: regorus::Rc<str> = first.as_str().into();
        let Ok(compiled) = self.engine.compile_with_entrypoint(&entry) else {
            return;
        };
        let paths: Vec<&str> = entries.iter().map(String::as_str).collect();
        let Ok(program) = Compiler::compile_from_policy(&compiled, &paths) else {
            return;
        };
        let data = self.engine.get_data();
        let Some(mut vm) = load_machine(&program, &data) else {
            return;
        };
        vm.set_input(regorus::Value::new_object());
        if paths
            .iter()
            .all(|path| vm.execute_entry_point_by_name(path).is_ok())
        {
            self.program = Some((program, data));
        }
    }

    /// The rules evaluations go through: every rule and exception.
    fn entry_points(&self) -> Vec<String> {
        let mut entries: Vec<String> = Vec::new();
        for module in &self.modules {
            let exception = module
                .has_exception
                .then(|| format!("data.{}.exception", module.package));
            for path in module.rules.iter().map(|r| r.path.clone()).chain(exception) {
                if !entries.contains(&path) {
                    entries.push(path);
                }
            }
        }
        entries
    }

    /// Every result of every rule for one input.
    pub fn evaluate(&self, engine: &mut Evaluator, input: Json) -> Vec<RegoResult> {
        self.evaluate_object(engine, None, &[], || regorus::Value::from(input))
    }

    /// Every result for one Kubernetes object (`kind`, and whether it has a pod
    /// template), or any input when `object` is `None`. Modules whose
    /// `custom.kinds` exclude the object, or whose `custom.id` is in `off`,
    /// are skipped, and the input is only built when some module applies.
    pub fn evaluate_object(
        &self,
        engine: &mut Evaluator,
        object: Option<(&str, bool)>,
        off: &[&str],
        input: impl FnOnce() -> regorus::Value,
    ) -> Vec<RegoResult> {
        let applies = |module: &PolicyModule| {
            let kinds = &module.package_metadata.kinds;
            !module.rules.is_empty()
                && !module
                    .package_metadata
                    .id
                    .as_deref()
                    .is_some_and(|id| off.contains(&id))
                && match object {
                    Some((kind, is_workload)) if !kinds.is_empty() => kinds
                        .iter()
                        .any(|k| k == kind || (k == "workloads" && is_workload)),
                    _ => true,
                }
        };
        if !self.modules.iter().any(applies) {
            return Vec::new();
        }
        engine.set_input(input());
        let mut results = Vec::new();
        // Modules may share a package (conftest's often do): evaluate each rule once.
        let mut evaluated: Vec<&str> = Vec::new();
        for module in &self.modules {
            if !applies(module) {
                continue;
            }
            let exceptions = if module.has_exception {
                let value = engine
                    .eval(&format!("data.{}.exception", module.package))
                    .ok();
                flatten_strings(value.as_ref())
            } else {
                Vec::new()
            };
            for rule in &module.rules {
                if is_excepted(rule, &exceptions) || evaluated.contains(&rule.path.as_str()) {
                    continue;
                }
                evaluated.push(&rule.path);
                match engine.eval(&rule.path) {
                    Ok(value) => results.extend(
                        results_in(&value)
                            .into_iter()
                            .map(|item| interpret(&self.modules, module, rule, item)),
                    ),
                    Err(error) => results.push(RegoResult {
                        id: default_id(module, rule),
                        severity: Severity::Error,
                        message: format!(
                            "the policy failed on this input: {}",
                            first_line(&error.to_string())
                        ),
                        help: format!("fix the rule {} in {}", rule.path, module.file),
                        path: None,
                        extra: None,
                    }),
                }
            }
        }
        results
    }
}
