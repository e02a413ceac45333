#![no_main]
use deploylint::parse::dockerfile;
use deploylint::rego::input::dockerfile_to_json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let parsed = dockerfile::parse(text, 0);
        for instruction in &parsed.instructions {
            let _ = instruction.words();
        }
        let _ = dockerfile_to_json(&parsed);
    }
});
