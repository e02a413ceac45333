//! Rego policies, evaluated with regorus: the built-in policies under
//! `rules/` (embedded in the binary) and the user's conftest-style policies.
//!
//! Policies are parsed and prepared once ([`load`], [`builtin`]); a set
//! ([`set`]) is checked and compiled once; each file task borrows an
//! evaluator ([`evaluator`]) and reads the results ([`result`]).

pub mod builtin;
pub mod evaluator;
pub mod input;
pub mod load;
pub mod module;
pub mod result;
pub mod set;
pub mod verify;

pub use builtin::{BUILTIN, BUILTIN_TESTS};
pub use evaluator::{Borrowed, Evaluator};
pub use load::{Policies, PolicyOptions};
pub use result::RegoResult;
pub use set::{PolicyError, PolicySet};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rego::builtin::builtin_set;

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
