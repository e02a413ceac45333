//! Evaluators: one file task's means of running a policy set, on regorus'
//! virtual machine or its interpreter, borrowed from the set and given back.

use std::sync::Arc;

use regorus::rvm::program::Program;
use regorus::rvm::vm::RegoVM;
use regorus::Engine;

/// Evaluators not in use. Making one clones the interpreter and loads the
/// machine, which costs about as much as evaluating a few objects: file
/// tasks borrow them instead, one per worker at a time.
#[derive(Default)]
pub struct IdleEvaluators(std::sync::Mutex<Vec<Evaluator>>);

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

impl IdleEvaluators {
    /// An evaluator another file task gave back, else a new one from `make`.
    pub fn borrow(&self, make: impl FnOnce() -> Evaluator) -> Borrowed<'_> {
        let idle = self.0.lock().ok().and_then(|mut idle| idle.pop());
        Borrowed {
            evaluator: Some(idle.unwrap_or_else(make)),
            idle: self,
        }
    }
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

/// A virtual machine loaded with `program`, running against `data`.
pub fn load_machine(program: &Arc<Program>, data: &regorus::Value) -> Option<RegoVM> {
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
    pub(super) machine: Option<Box<RegoVM>>,
    pub(super) interpreter: Box<Engine>,
    /// The input, handed to the interpreter only if the machine fails.
    pub(super) pending: Option<regorus::Value>,
    pub(super) fallbacks: usize,
}

impl Evaluator {
    pub fn set_input(&mut self, input: regorus::Value) {
        match &mut self.machine {
            Some(vm) => {
                vm.set_input(input.clone());
                self.pending = Some(input);
            }
            None => self.interpreter.set_input(input),
        }
    }

    /// The value of the rule at `path` (`data.main.deny`).
    pub fn eval(&mut self, path: &str) -> Result<regorus::Value, String> {
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
