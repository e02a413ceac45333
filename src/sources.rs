//! The text of linted files, read again when a finding of the project phase
//! needs a snippet or its file's `# deploylint-ignore` comments.
//!
//! File tasks render their own findings with the text in hand and then drop
//! it, so memory grows with facts rather than with the size of the repository.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::source::SourceFile;

/// How far into a file we look for a NUL byte to call it binary.
pub const BINARY_SNIFF_LEN: usize = 8192;

pub struct Sources {
    paths: HashMap<String, PathBuf>,
    stdin: Option<Arc<SourceFile>>,
    /// The last file read: findings come sorted by file.
    last: RefCell<Option<Arc<SourceFile>>>,
}

impl Sources {
    pub fn new(paths: HashMap<String, PathBuf>, stdin: Option<Arc<SourceFile>>) -> Sources {
        Sources {
            paths,
            stdin,
            last: RefCell::new(None),
        }
    }

    /// The text of `file` as its task saw it: lossy UTF-8, empty for a binary file.
    pub fn get(&self, file: &str) -> Option<Arc<SourceFile>> {
        if let Some(stdin) = self.stdin.as_ref().filter(|s| &*s.path == file) {
            return Some(stdin.clone());
        }
        if let Some(last) = self.last.borrow().as_ref().filter(|s| &*s.path == file) {
            return Some(last.clone());
        }
        let bytes = std::fs::read(self.paths.get(file)?).ok()?;
        let source = Arc::new(SourceFile::new(file, text_of(bytes)));
        *self.last.borrow_mut() = Some(source.clone());
        Some(source)
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
