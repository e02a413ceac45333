//! The built-in policies: every `rules/*.rego` file, embedded at build time
//! by `build.rs` (their `*_test.rego` tests apart), and the set they make.

use regorus::Engine;

use crate::rego::module;
use crate::rego::set::PolicySet;

include!(concat!(env!("OUT_DIR"), "/builtin_policies.rs"));

/// The built-in policies, checked and compiled for the virtual machine.
pub fn builtin_set() -> PolicySet {
    let mut engine = Engine::new();
    let mut modules = Vec::new();
    for (name, text) in BUILTIN {
        engine
            .add_policy(name.to_string(), text.to_string())
            .expect("built-in policies compile (tested)");
        modules.push(module::scan(name, text));
    }
    let mut set = PolicySet::new(engine, modules);
    set.dry_run().expect("built-in policies evaluate (tested)");
    set.compile_for_machine();
    assert!(
        set.runs_on_machine(),
        "built-in policies compile for the virtual machine (tested)"
    );
    set
}
