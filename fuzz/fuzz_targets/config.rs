#![no_main]
use deploylint::config::Config;
use deploylint::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Config::parse(SourceFile::new(".deploylint.yaml", text));
    }
});
