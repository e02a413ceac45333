//! `deploylint verify`: the `test_*` rules of Rego policies, like
//! `conftest verify`.

use std::path::PathBuf;

use crate::commands::exit::{EXIT_CLEAN, EXIT_FINDINGS};
use crate::commands::stdout::emit;
use crate::rego::{self, Policies, PolicyOptions};

pub fn run(policy: Vec<PathBuf>, data: Vec<PathBuf>, builtin: bool) -> Result<u8, String> {
    let set = if builtin {
        rego::verify::builtin_with_tests()
    } else {
        let required = !policy.is_empty();
        let dirs = if required {
            policy
        } else {
            vec![PathBuf::from("policy")]
        };
        let policies = Policies::load(&PolicyOptions {
            dirs,
            dirs_required: true,
            data,
            all_namespaces: true,
            ..PolicyOptions::default()
        })
        .map_err(|e| e.to_string())?;
        match policies.user {
            Some(set) => set,
            None => return Err("no policies to verify".into()),
        }
    };
    let outcomes = rego::verify::run_tests(&set);
    let mut text = String::new();
    for outcome in &outcomes {
        let status = if outcome.passed { "PASS" } else { "FAIL" };
        text.push_str(&format!("{status} {} ({})\n", outcome.test, outcome.file));
        if let Some(error) = &outcome.error {
            text.push_str(&format!(
                "     {}\n",
                error.lines().next().unwrap_or_default()
            ));
        }
    }
    let failed = outcomes.iter().filter(|o| !o.passed).count();
    text.push_str(&format!(
        "{} passed, {failed} failed\n",
        outcomes.len() - failed
    ));
    emit(&text)?;
    Ok(if failed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}
