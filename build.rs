//! Embeds the built-in Rego policies: every `rules/*.rego` file, its tests
//! (`*_test.rego`) apart, so that adding a policy is adding its file.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the rules/ folder of built-in policies")
        .map(|entry| entry.expect("a readable entry").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".rego"))
        .collect();
    names.sort();
    let (tests, policies): (Vec<&String>, Vec<&String>) =
        names.iter().partition(|name| name.ends_with("_test.rego"));
    let mut code = String::new();
    for (constant, files) in [("BUILTIN", &policies), ("BUILTIN_TESTS", &tests)] {
        writeln!(code, "pub const {constant}: &[(&str, &str)] = &[").unwrap();
        for name in files {
            let path = dir.join(name);
            writeln!(
                code,
                "    (\"rules/{name}\", include_str!({:?})),",
                path.display()
            )
            .unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("builtin_policies.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
