//! `deploylint verify`: runs the `test_*` rules of policies, as `conftest verify` does.

use crate::rego::builtin::{builtin_set, BUILTIN_TESTS};
use crate::rego::module;
use crate::rego::set::PolicySet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestOutcome {
    pub file: String,
    /// `data.main.test_denies_root`
    pub test: String,
    pub passed: bool,
    /// Why it failed, when the engine said.
    pub error: Option<String>,
}

/// Runs every test of the user's policies (or of `set`, for the built-ins).
pub fn run_tests(set: &PolicySet) -> Vec<TestOutcome> {
    let mut engine = set.engine();
    let mut outcomes = Vec::new();
    for module in &set.modules {
        for test in &module.tests {
            let path = format!("data.{}.{test}", module.package);
            let (passed, error) = match engine.eval_rule(path.clone()) {
                Ok(value) => (value == regorus::Value::from(true), None),
                Err(e) => (false, Some(e.to_string())),
            };
            outcomes.push(TestOutcome {
                file: module.file.clone(),
                test: path,
                passed,
                error,
            });
        }
    }
    outcomes
}

/// The built-in policies with their tests, for checking the shipped rules.
pub fn builtin_with_tests() -> PolicySet {
    let mut set = builtin_set();
    for (name, text) in BUILTIN_TESTS {
        set.engine
            .add_policy(name.to_string(), text.to_string())
            .expect("built-in policy tests compile");
        set.modules.push(module::scan(name, text));
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_policies_pass_their_tests() {
        let outcomes = run_tests(&builtin_with_tests());
        assert!(outcomes.len() >= 6, "too few tests: {outcomes:?}");
        for outcome in outcomes {
            assert!(
                outcome.passed,
                "{} failed: {:?}",
                outcome.test, outcome.error
            );
        }
    }
}
