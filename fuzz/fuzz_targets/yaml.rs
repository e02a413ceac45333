#![no_main]
use deploylint::parse::yaml;
use deploylint::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let file = SourceFile::new("fuzz.yaml", text);
        let stream = yaml::parse(&file);
        for document in &stream.documents {
            let _ = document.to_json();
        }
    }
});
