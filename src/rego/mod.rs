//! Rego policies, evaluated with regorus: the built-in policies under
//! `rules/` (embedded in the binary) and the user's conftest-style policies.
//!
//! Policies are parsed and prepared once; each worker evaluates with a clone
//! of the prepared engine, which shares its compiled state.

pub mod input;
pub mod module;
pub mod verify;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::program::Program;
use regorus::rvm::vm::RegoVM;
use regorus::Engine;
use serde_json::Value as Json;

use crate::finding::Severity;
use crate::parse::yaml;
use crate::source::SourceFile;
use module::{PolicyModule, PolicyRule, RuleKind};

/// The built-in policies, embedded at build time.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "rules/recommended_labels.rego",
        include_str!("../../rules/recommended_labels.rego"),
    ),
    (
        "rules/mutable_image_pull_policy.rego",
        include_str!("../../rules/mutable_image_pull_policy.rego"),
    ),
    (
        "rules/service_account_token.rego",
        include_str!("../../rules/service_account_token.rego"),
    ),
];

/// The built-in policies' tests, run by `cargo test` and `deploylint verify --builtin`.
pub const BUILTIN_TESTS: &[(&str, &str)] = &[
    (
        "rules/recommended_labels_test.rego",
        include_str!("../../rules/recommended_labels_test.rego"),
    ),
    (
        "rules/mutable_image_pull_policy_test.rego",
        include_str!("../../rules/mutable_image_pull_policy_test.rego"),
    ),
    (
        "rules/service_account_token_test.rego",
        include_str!("../../rules/service_account_token_test.rego"),
    ),
];

/// Where the user's policies come from.
#[derive(Debug, Clone, Default)]
pub struct PolicyOptions {
    pub dirs: Vec<PathBuf>,
    /// The folders were asked for (`--policy`, `policies:`): a missing one is an error.
    pub dirs_required: bool,
    pub data: Vec<PathBuf>,
    /// Packages whose rules run (default `main`).
    pub namespaces: Vec<String>,
    pub all_namespaces: bool,
    /// Evaluate every document of the run as one input.
    pub combine: bool,
}

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
    engine: Engine,
    /// The modules whose rules run.
    pub modules: Vec<PolicyModule>,
    /// The set compiled for regorus' virtual machine, which runs a policy in
    /// about 40% of the interpreter's time, with the data document it runs
    /// against. `None` keeps the interpreter (`verify` needs it for `with`).
    program: Option<(Arc<Program>, regorus::Value)>,
    /// Evaluators file tasks have given back, for the next ones to borrow.
    idle: IdleEvaluators,
}

/// Evaluators not in use. Making one clones the interpreter and loads the
/// machine, which costs about as much as evaluating a few objects: file
/// tasks borrow them instead, one per worker at a time.
#[derive(Default)]
struct IdleEvaluators(std::sync::Mutex<Vec<Evaluator>>);

impl Clone for IdleEvaluators {
    /// A copy of a set makes its own evaluators (`interpreted` changes how they run).
    fn clone(&self) -> Self {
        IdleEvaluators::default()
    }
}

/// An evaluator borrowed from its set, given back when dropped.
pub struct Borrowed<'s> {
    evaluator: Option<Evaluator>,
    idle: &'s IdleEvaluators,
}

impl std::ops::Deref for Borrowed<'_> {
    type Target = Evaluator;
    fn deref(&self) -> &Evaluator {
        self.evaluator.as_ref().expect("present until dropped")
    }
}

impl std::ops::DerefMut for Borrowed<'_> {
    fn deref_mut(&mut self) -> &mut Evaluator {
        self.evaluator.as_mut().expect("present until dropped")
    }
}

impl Drop for Borrowed<'_> {
    fn drop(&mut self) {
        if let (Some(evaluator), Ok(mut idle)) = (self.evaluator.take(), self.idle.0.lock()) {
            idle.push(evaluator);
        }
    }
}

/// Everything Rego in one run.
#[derive(Clone)]
pub struct Policies {
    /// Prepared on first use: a run over Dockerfiles or Terraform alone never
    /// pays for compiling the Kubernetes policies.
    builtin: std::sync::OnceLock<PolicySet>,
    pub user: Option<PolicySet>,
    pub combine: bool,
}

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

impl Policies {
    /// The built-in policies, prepared the first time they are needed.
    pub fn builtin_set(&self) -> &PolicySet {
        self.builtin.get_or_init(builtin_set)
    }

    /// The built-in policies alone.
    pub fn builtin() -> Policies {
        Policies {
            builtin: std::sync::OnceLock::new(),
            user: None,
            combine: false,
        }
    }

    /// Built-ins plus the user's policies and data.
    pub fn load(options: &PolicyOptions) -> Result<Policies, PolicyError> {
        let mut policies = Policies::builtin();
        policies.combine = options.combine;
        let mut files = Vec::new();
        for dir in &options.dirs {
            if !dir.exists() {
                if options.dirs_required {
                    return Err(PolicyError {
                        message: format!("the policy folder `{}` does not exist", dir.display()),
                    });
                }
                continue;
            }
            collect_rego_files(dir, &mut files)?;
        }
        if files.is_empty() {
            if options.dirs_required {
                return Err(PolicyError {
                    message: format!(
                        "no .rego files in {}",
                        options
                            .dirs
                            .iter()
                            .map(|d| format!("`{}`", d.display()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
            return Ok(policies);
        }
        let mut engine = Engine::new();
        let mut modules = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).map_err(|e| PolicyError {
                message: format!("cannot read {}: {e}", file.display()),
            })?;
            let name = file.display().to_string();
            add_module(&mut engine, &name, &text)?;
            modules.push(module::scan(&name, &text));
        }
        for path in &options.data {
            load_data(&mut engine, path)?;
        }
        let wanted = |package: &str| {
            options.all_namespaces
                || if options.namespaces.is_empty() {
                    package == "main"
                } else {
                    options.namespaces.iter().any(|n| n == package)
                }
        };
        // Modules of other namespaces keep their tests (for `verify`) but run no rules.
        for module in &mut modules {
            if !wanted(&module.package) {
                module.rules.clear();
            }
        }
        let mut set = PolicySet {
            engine,
            modules,
            program: None,
            idle: IdleEvaluators::default(),
        };
        set.dry_run()?;
        set.compile_for_machine();
        policies.user = Some(set);
        Ok(policies)
    }
}

fn builtin_set() -> PolicySet {
    let mut engine = Engine::new();
    let mut modules = Vec::new();
    for (name, text) in BUILTIN {
        engine
            .add_policy(name.to_string(), text.to_string())
            .expect("built-in policies compile (tested)");
        modules.push(module::scan(name, text));
    }
    let mut set = PolicySet {
        engine,
        modules,
        program: None,
        idle: IdleEvaluators::default(),
    };
    set.dry_run().expect("built-in policies evaluate (tested)");
    set.compile_for_machine();
    assert!(
        set.runs_on_machine(),
        "built-in policies compile for the virtual machine (tested)"
    );
    set
}

/// Adds a module in Rego v1 syntax, or else in the legacy syntax (`deny[msg] { ... }`).
fn add_module(engine: &mut Engine, name: &str, text: &str) -> Result<(), PolicyError> {
    let v1 = engine.add_policy(name.to_string(), text.to_string());
    let Err(v1_error) = v1 else {
        return Ok(());
    };
    engine.set_rego_v0(true);
    let v0 = engine.add_policy(name.to_string(), text.to_string());
    engine.set_rego_v0(false);
    match v0 {
        Ok(_) => Ok(()),
        Err(v0_error) => {
            // Report the error of the syntax the module seems to be written in.
            let looks_v1 = text.contains("import rego.v1")
                || text.contains(" if ")
                || text.contains(" contains ");
            let error = if looks_v1 { v1_error } else { v0_error };
            Err(PolicyError {
                message: format!("the policy {name} does not compile:\n{error}"),
            })
        }
    }
}

fn collect_rego_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), PolicyError> {
    if dir.is_file() {
        files.push(dir.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| PolicyError {
            message: format!("cannot read the policy folder {}: {e}", dir.display()),
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_rego_files(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "rego") {
            files.push(path);
        }
    }
    Ok(())
}

/// `--data`: JSON or YAML documents merged under `data`.
fn load_data(engine: &mut Engine, path: &Path) -> Result<(), PolicyError> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| PolicyError {
                message: format!("cannot read the data folder {}: {e}", path.display()),
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_dir()
                    || p.extension()
                        .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
            })
            .collect();
        entries.sort();
        for entry in entries {
            load_data(engine, &entry)?;
        }
        return Ok(());
    }
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| PolicyError {
        message: format!("cannot read the data file {display}: {e}"),
    })?;
    let file = SourceFile::new(display.clone(), text);
    let stream = yaml::parse(&file);
    if let Some(error) = &stream.error {
        let at = file.line_col(error.offset);
        return Err(PolicyError {
            message: format!(
                "the data file {display}:{}:{} does not parse: {}",
                at.line, at.column, error.message
            ),
        });
    }
    for document in &stream.documents {
        if document.is_null() {
            continue;
        }
        if !document.is_map() {
            let at = file.line_col(document.span.start);
            return Err(PolicyError {
                message: format!(
                    "the data file {display}:{}:{} must hold a mapping",
                    at.line, at.column
                ),
            });
        }
        engine
            .add_data(regorus::Value::from(document.to_json()))
            .map_err(|e| PolicyError {
                message: format!("the data file {display} conflicts with earlier data: {e}"),
            })?;
    }
    Ok(())
}

impl PolicySet {
    /// Evaluates every rule once on an empty input, so that an unknown builtin
    /// or a type error stops the run now rather than for each file. This also
    /// prepares the engine, so that the clones workers take start prepared.
    fn dry_run(&mut self) -> Result<(), PolicyError> {
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

    /// The module whose `custom.id` a result names (modules sharing a
    /// package each declare their own id and severity), else `module`.
    fn declaring<'a>(&'a self, module: &'a PolicyModule, id: Option<&str>) -> &'a PolicyModule {
        id.and_then(|id| {
            self.modules.iter().find(|m| {
                m.package == module.package && m.package_metadata.id.as_deref() == Some(id)
            })
        })
        .unwrap_or(module)
    }

    /// A result (a string, or an object with `msg`) as a finding's parts, with
    /// the id and severity of the module that declares the id it names.
    fn interpret(
        &self,
        module: &PolicyModule,
        rule: &PolicyRule,
        result: &regorus::Value,
    ) -> RegoResult {
        let fields = match result {
            regorus::Value::Object(object) => Some(ResultFields::of(object)),
            _ => None,
        };
        let module = self.declaring(module, fields.as_ref().and_then(ResultFields::id));
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
        let idle = self.idle.0.lock().ok().and_then(|mut idle| idle.pop());
        Borrowed {
            evaluator: Some(idle.unwrap_or_else(|| self.evaluator())),
            idle: &self.idle,
        }
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
    fn compile_for_machine(&mut self) {
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
                            .map(|item| self.interpret(module, rule, item)),
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

/// A virtual machine loaded with `program`, running against `data`.
fn load_machine(program: &Arc<Program>, data: &regorus::Value) -> Option<RegoVM> {
    let mut vm = RegoVM::new();
    vm.load_program(program.clone());
    // The default budget (25,000 instructions) is for untrusted policies; the
    // interpreter has none, and a large pod spec needs more.
    vm.set_max_instructions(usize::MAX);
    vm.set_data(data.clone()).ok()?;
    Some(vm)
}

/// Evaluates a set's rules for one input at a time: on the virtual machine
/// when the set compiled for it, else (or should the machine fail on an
/// input) on the interpreter.
pub struct Evaluator {
    machine: Option<Box<RegoVM>>,
    interpreter: Box<Engine>,
    /// The input, handed to the interpreter only if the machine fails.
    pending: Option<regorus::Value>,
    fallbacks: usize,
}

impl Evaluator {
    fn set_input(&mut self, input: regorus::Value) {
        match &mut self.machine {
            Some(vm) => {
                vm.set_input(input.clone());
                self.pending = Some(input);
            }
            None => self.interpreter.set_input(input),
        }
    }

    /// The value of the rule at `path` (`data.main.deny`).
    fn eval(&mut self, path: &str) -> Result<regorus::Value, String> {
        if let Some(vm) = &mut self.machine {
            if let Ok(value) = vm.execute_entry_point_by_name(path) {
                return Ok(value);
            }
            self.fallbacks += 1;
            if let Some(input) = self.pending.take() {
                self.interpreter.set_input(input);
            }
        }
        self.interpreter
            .eval_rule(path.to_string())
            .map_err(|e| e.to_string())
    }

    /// How many evaluations the machine handed to the interpreter.
    pub fn fallbacks(&self) -> usize {
        self.fallbacks
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

fn flatten_strings(value: Option<&regorus::Value>) -> Vec<String> {
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
fn is_excepted(rule: &PolicyRule, exceptions: &[String]) -> bool {
    let suffix = ["deny_", "violation_", "warn_"]
        .iter()
        .find_map(|p| rule.name.strip_prefix(p))
        .unwrap_or("");
    exceptions
        .iter()
        .any(|e| e == &rule.name || (!suffix.is_empty() && e == suffix))
}

fn default_id(module: &PolicyModule, rule: &PolicyRule) -> String {
    rule.metadata
        .id
        .clone()
        .or_else(|| module.package_metadata.id.clone())
        .unwrap_or_else(|| format!("rego/{}/{}", module.package, rule.name))
}

/// The results a rule's value holds: the members of a set or an array; none
/// when the rule is undefined, `null` or `false`; else the value itself
/// (`deny := "..."`, `deny := true`).
fn results_in(value: &regorus::Value) -> Vec<&regorus::Value> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_policies_load_and_declare_ids() {
        let set = builtin_set();
        let with_rules: Vec<_> = set.modules.iter().filter(|m| !m.rules.is_empty()).collect();
        assert_eq!(with_rules.len(), BUILTIN.len(), "every built-in has rules");
        for module in with_rules {
            assert!(
                module.package_metadata.id.is_some(),
                "{} has no custom.id",
                module.file
            );
        }
    }

    #[test]
    fn a_builtin_policy_switched_off_is_not_evaluated() {
        let set = builtin_set();
        let mut engine = set.evaluator();
        let unlabelled = || {
            regorus::Value::from(serde_json::json!({
                "apiVersion": "v1",
                "kind": "Service",
                "metadata": {"name": "web"},
            }))
        };
        let ids = |results: Vec<RegoResult>| results.into_iter().map(|r| r.id).collect::<Vec<_>>();
        let service = Some(("Service", false));
        assert_eq!(
            ids(set.evaluate_object(&mut engine, service, &[], unlabelled)),
            ["k8s/recommended-labels"]
        );
        let mut built = false;
        let off = set.evaluate_object(&mut engine, service, &["k8s/recommended-labels"], || {
            built = true;
            unlabelled()
        });
        assert!(off.is_empty());
        assert!(!built, "no input is built when no policy applies");
    }
}
