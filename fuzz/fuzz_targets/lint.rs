#![no_main]
//! The whole per-file pipeline, Rego result mapping included, on every format.
use std::sync::OnceLock;

use deploylint::config::Config;
use deploylint::discover::Format;
use deploylint::lint::{self, Context};
use deploylint::rego::Policies;
use libfuzzer_sys::fuzz_target;

fn policies() -> &'static Policies {
    static POLICIES: OnceLock<Policies> = OnceLock::new();
    POLICIES.get_or_init(Policies::builtin)
}

fuzz_target!(|data: &[u8]| {
    let config = Config::default();
    let cx = Context {
        config: &config,
        policies: policies(),
    };
    for format in [Format::Yaml, Format::Hcl, Format::Dockerfile, Format::Markdown, Format::Compose] {
        let _ = lint::lint_bytes("fuzz", data.to_vec(), format, true, cx);
    }
});
