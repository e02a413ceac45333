//! The `--output` file of a lint run.

use std::io::{self, Write};
use std::path::PathBuf;

/// The `--output` file, created when the report first writes to it, so that a
/// run that stops early (a missing path) leaves no empty report behind.
pub struct ReportFile {
    path: PathBuf,
    file: Option<std::fs::File>,
}

impl ReportFile {
    pub fn new(path: PathBuf) -> Self {
        ReportFile { path, file: None }
    }

    fn file(&mut self) -> io::Result<&mut std::fs::File> {
        if self.file.is_none() {
            let error = |e: io::Error, what: &str| {
                io::Error::new(
                    e.kind(),
                    format!("cannot {what} {}: {e}", self.path.display()),
                )
            };
            if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| error(e, "create the folder of"))?;
            }
            self.file = Some(std::fs::File::create(&self.path).map_err(|e| error(e, "create"))?);
        }
        Ok(self.file.as_mut().expect("just opened"))
    }
}

impl Write for ReportFile {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.file()?.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file()?.flush()
    }
}
