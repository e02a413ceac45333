//! The worker threads of a run: `--jobs N` gets a rayon pool of its own,
//! otherwise rayon's global pool serves; and [`overlapped`], which hands
//! work to them one item ahead of its consumer.

/// Where a run's parallel work goes.
pub struct Pool {
    own: Option<rayon::ThreadPool>,
}

impl Pool {
    /// A pool of `jobs` threads, or rayon's global pool when `None`.
    pub fn new(jobs: Option<usize>) -> Result<Pool, String> {
        let own = match jobs {
            None => None,
            Some(threads) => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads.max(1))
                    .build()
                    .map_err(|e| format!("cannot start {threads} worker threads: {e}"))?,
            ),
        };
        Ok(Pool { own })
    }

    /// How many threads work.
    pub fn workers(&self) -> usize {
        self.own
            .as_ref()
            .map_or_else(rayon::current_num_threads, |p| p.current_num_threads())
    }

    /// Runs `work` in this pool, so that its parallel iterators keep to it.
    pub fn install<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        match &self.own {
            Some(pool) => pool.install(work),
            None => work(),
        }
    }

    /// A scope on the current thread whose spawned work goes to this pool.
    pub fn in_place_scope<'s>(&self, op: impl FnOnce(&rayon::Scope<'s>)) {
        match &self.own {
            Some(pool) => pool.in_place_scope(op),
            None => rayon::in_place_scope(op),
        }
    }

    /// Runs `work` on a worker, without waiting for it.
    pub fn spawn(&self, work: impl FnOnce() + Send + 'static) {
        match &self.own {
            Some(pool) => pool.spawn(work),
            None => rayon::spawn(work),
        }
    }
}

/// Hands `work(item)` of each item to `receive`, in order. With more than
/// one worker, the next item's work runs on a worker while `receive` handles
/// the result before it: two results at most are held at once.
pub fn overlapped<T: Sync, R: Send>(
    pool: &Pool,
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut receive: impl FnMut(R),
) {
    // `work` may iterate in parallel itself: in the pool, not the global one.
    let work_in_pool = |item| pool.install(|| work(item));
    if pool.workers() < 2 {
        items.iter().map(work_in_pool).for_each(receive);
        return;
    }
    let mut ready = items.first().map(work_in_pool);
    for next in items.iter().skip(1).map(Some).chain([None]) {
        let Some(done) = ready.take() else { return };
        pool.in_place_scope(|scope| {
            if let Some(item) = next {
                scope.spawn(|_| ready = Some(work(item)));
            }
            receive(done);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::{overlapped, Pool};

    #[test]
    fn overlapped_work_runs_in_the_pool_and_is_received_in_order() {
        let items: Vec<u64> = (0..40).collect();
        for threads in [1, 2, 3] {
            let pool = Pool::new(Some(threads)).unwrap();
            let own = pool.own.as_ref().unwrap();
            let mut received = Vec::new();
            overlapped(
                &pool,
                &items,
                |&i| {
                    assert!(own.current_thread_index().is_some(), "work left the pool");
                    // Uneven work, so that a late item could overtake an early one.
                    std::thread::sleep(std::time::Duration::from_micros(i * 7 % 5 * 200));
                    i * i
                },
                |square| received.push(square),
            );
            let squares: Vec<u64> = items.iter().map(|i| i * i).collect();
            assert_eq!(received, squares, "{threads} threads");
        }
    }
}
