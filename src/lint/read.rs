//! Reading a file for its task: through a buffer each worker keeps, and
//! never more than the size limit.

/// The file's bytes, or its size when that is over `limit`.
///
/// Read through a buffer each worker keeps, then copied out at their exact
/// size: asking every file's size first is a system call per file (a
/// twentieth of a run over a thousand small named files), and a buffer that
/// starts empty would be read into in small steps. Only a file that fills
/// the first read is asked its size, so that one over the limit is skipped
/// unread.
pub fn read_within(
    path: &std::path::Path,
    limit: u64,
    stream: bool,
) -> std::io::Result<Result<Vec<u8>, u64>> {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    /// A worker does not hold on to more than this after an unusually large file.
    const KEEP: usize = 1024 * 1024;
    let mut file = match stream {
        true => open_stream(path)?,
        false => std::fs::File::open(path)?,
    };
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        let outcome = read_into(&mut file, buffer, limit);
        if buffer.capacity() > KEEP {
            *buffer = Vec::new();
        }
        outcome
    })
}

/// Opens a FIFO without waiting for a writer: one with a writer (process
/// substitution) is then read to its end; one nobody writes to reads as
/// empty rather than hanging the run.
fn open_stream(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::OpenOptionsExt;
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)?;
        // SAFETY: F_GETFL/F_SETFL on a descriptor this function owns.
        unsafe {
            let flags = libc::fcntl(file.as_raw_fd(), libc::F_GETFL);
            if flags >= 0 {
                libc::fcntl(file.as_raw_fd(), libc::F_SETFL, flags & !libc::O_NONBLOCK);
            }
        }
        Ok(file)
    }
    #[cfg(not(target_os = "linux"))]
    std::fs::File::open(path)
}

fn read_into(
    file: &mut std::fs::File,
    buffer: &mut Vec<u8>,
    limit: u64,
) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read;
    /// Room for almost every manifest in one `read`.
    const FIRST_READ: u64 = 64 * 1024;
    let over_limit = limit.saturating_add(1);
    let first = FIRST_READ.min(over_limit);
    buffer.reserve(first as usize);
    file.take(first).read_to_end(buffer)?;
    let size = |file: &std::fs::File, read: usize| file.metadata().map_or(read as u64, |m| m.len());
    if buffer.len() as u64 == first && first < over_limit {
        let expected = size(file, buffer.len());
        if expected > limit {
            return Ok(Err(expected));
        }
        file.take(over_limit - first).read_to_end(buffer)?;
    }
    if buffer.len() as u64 > limit {
        return Ok(Err(size(file, buffer.len())));
    }
    Ok(Ok(buffer.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::read_within;

    #[test]
    fn files_are_read_whole_or_reported_by_size_past_the_first_read() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small.yaml");
        let large = dir.path().join("large.yaml");
        std::fs::write(&small, b"a: 1\n").unwrap();
        std::fs::write(&large, vec![b'#'; 200_000]).unwrap();
        assert_eq!(
            read_within(&small, 1_000, false).unwrap(),
            Ok(b"a: 1\n".to_vec())
        );
        assert_eq!(read_within(&small, 3, false).unwrap(), Err(5));
        assert_eq!(
            read_within(&large, 1_000_000, false)
                .unwrap()
                .unwrap()
                .len(),
            200_000
        );
        assert_eq!(
            read_within(&large, 200_000, false).unwrap().unwrap().len(),
            200_000
        );
        assert_eq!(read_within(&large, 199_999, false).unwrap(), Err(200_000));
        assert_eq!(read_within(&large, 1_000, false).unwrap(), Err(200_000));
    }
}
