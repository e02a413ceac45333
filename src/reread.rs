//! The text of linted files, read again when a finding of the project phase
//! needs a snippet.
//!
//! File tasks render their own findings with the text in hand and then drop
//! it, so memory grows with facts rather than with the size of the repository.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::source::SourceFile;

/// How far into a file we look for a NUL byte to call it binary.
pub const BINARY_SNIFF_LEN: usize = 8192;

/// How much text the project phase keeps for its snippets. Each cross-file
/// rule reports in file order, so without it a manifest with findings of five
/// rules is read and indexed five times. JSON and the other formats read no
/// text at all.
const KEPT_TEXT_BYTES: usize = 32 << 20;

pub struct Sources {
    paths: HashMap<String, PathBuf>,
    stdin: Option<Arc<SourceFile>>,
    /// Files read so far, while their text fits in `KEPT_TEXT_BYTES`.
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    files: HashMap<String, Arc<SourceFile>>,
    bytes: usize,
}

impl Sources {
    pub fn new(paths: HashMap<String, PathBuf>, stdin: Option<Arc<SourceFile>>) -> Sources {
        Sources {
            paths,
            stdin,
            kept: Mutex::new(Kept::default()),
        }
    }

    /// The text of `file` as its task saw it: lossy UTF-8, empty for a binary file.
    pub fn get(&self, file: &str) -> Option<Arc<SourceFile>> {
        if let Some(stdin) = self.stdin.as_ref().filter(|s| &*s.path == file) {
            return Some(stdin.clone());
        }
        if let Some(kept) = self.kept().files.get(file) {
            return Some(kept.clone());
        }
        let bytes = std::fs::read(self.paths.get(file)?).ok()?;
        let source = Arc::new(SourceFile::new(file, text_of(bytes)));
        let mut kept = self.kept();
        if kept.bytes + source.text.len() <= KEPT_TEXT_BYTES {
            kept.bytes += source.text.len();
            kept.files.insert(file.to_string(), source.clone());
        }
        Some(source)
    }

    fn kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        // Nothing is left half-written by a panic elsewhere: a plain insert.
        self.kept
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Decodes a file's bytes the way the file tasks do.
pub fn text_of(bytes: Vec<u8>) -> String {
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if sniff.contains(&0) {
        return String::new();
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    }
}
