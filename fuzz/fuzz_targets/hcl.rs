#![no_main]
use deploylint::parse::hcl;
use deploylint::rego::input::hcl_to_json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(body) = hcl::parse(text, 0) {
            let _ = hcl_to_json(&body);
        }
    }
});
