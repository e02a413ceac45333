#![no_main]
use deploylint::parse::markdown;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        for block in markdown::fenced_blocks(text) {
            assert!(block.content.start <= block.content.end && block.content.end <= text.len());
            let _ = &text[block.content.start..block.content.end];
        }
    }
});
