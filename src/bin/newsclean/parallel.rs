//! Work on every core that keeps the input's order and bounds memory, and
//! the flag that stops it when the user interrupts.

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::thread;

/// Runs `work` on every item `next` yields, on `threads` worker threads, and
/// hands the results to `sink` in the order of the items.
///
/// `next` runs on a thread of its own and reads ahead; `sink` runs on the
/// calling thread. At most `window` items are between `next` and `sink` at
/// any time (a credit is taken for each item read and given back when its
/// result is sunk), so memory is bounded by the window whatever the size of
/// the input, even when one slow item holds back the results after it.
///
/// The run ends when `next` yields `None`; at the first error of `next`,
/// which is returned once every item read before it has been sunk; at the
/// first error of `sink`, which is returned at once; or when `stop` is set,
/// with `Ok` and without sinking anything more, as soon as the workers have
/// finished the items they hold.
pub fn ordered_map<I, O, E>(
    threads: usize,
    window: usize,
    stop: &AtomicBool,
    mut next: impl FnMut() -> Result<Option<I>, E> + Send,
    work: impl Fn(I) -> O + Sync,
    mut sink: impl FnMut(O) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    O: Send,
    E: Send,
{
    let window = window.max(1);
    let (credit_tx, credit_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        // Cannot block or fail: the channel holds `window` and its receiver lives.
        let _ = credit_tx.send(());
    }
    // Never full: no more jobs than credits are ever out.
    let (job_tx, job_rx) = mpsc::sync_channel::<(u64, I)>(window);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(u64, O)>();
    let failed = &AtomicBool::new(false);

    thread::scope(|scope| {
        let reader = scope.spawn(move || -> Result<(), E> {
            let mut seq = 0;
            while credit_rx.recv().is_ok()
                && !stop.load(Ordering::Relaxed)
                && !failed.load(Ordering::Relaxed)
            {
                let Some(item) = next()? else { break };
                if job_tx.send((seq, item)).is_err() {
                    break;
                }
                seq += 1;
            }
            drop(job_tx);
            Ok(())
        });
        for _ in 0..threads.max(1) {
            let done_tx = done_tx.clone();
            let (job_rx, work) = (&job_rx, &work);
            scope.spawn(move || {
                loop {
                    let job = job_rx.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok((seq, item)) = job else { break };
                    if done_tx.send((seq, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);

        let mut sunk = Ok(());
        let mut pending = BTreeMap::new();
        let mut expected = 0u64;
        'results: for (seq, out) in &done_rx {
            pending.insert(seq, out);
            while let Some(out) = pending.remove(&expected) {
                if stop.load(Ordering::Relaxed) {
                    break 'results;
                }
                if let Err(error) = sink(out) {
                    sunk = Err(error);
                    failed.store(true, Ordering::Relaxed);
                    break 'results;
                }
                expected += 1;
                let _ = credit_tx.send(());
            }
        }
        // Unblocks the reader and the workers when the run ends early.
        drop(credit_tx);
        drop(done_rx);
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        sunk.and(read)
    })
}

/// The worker threads to use: `requested`, or one per core.
pub fn threads(requested: Option<usize>) -> usize {
    requested.unwrap_or_else(|| thread::available_parallelism().map_or(1, usize::from))
}

/// A flag set by the first interrupt (Ctrl-C) or termination signal, so that
/// a run can stop between two items and clean up after itself; a second one
/// ends the process at once.
pub fn interrupt_flag() -> io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::flag;

    let interrupted = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        // Registered first, so it sees the flag as it was before this signal.
        flag::register_conditional_shutdown(signal, 130, Arc::clone(&interrupted))?;
        flag::register(signal, Arc::clone(&interrupted))?;
    }
    Ok(interrupted)
}

/// The exit status of a run ended by an interrupt, as shells report it.
pub const INTERRUPTED: u8 = 130;

#[cfg(test)]
mod tests {
    use super::*;

    use std::sync::atomic::AtomicUsize;
    use std::time::Duration;

    fn run(
        items: u64,
        threads: usize,
        window: usize,
        work: impl Fn(u64) -> u64 + Sync,
    ) -> (Vec<u64>, usize) {
        let in_flight = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        let mut next_item = 0;
        let mut seen = Vec::new();
        let result: Result<(), ()> = ordered_map(
            threads,
            window,
            &AtomicBool::new(false),
            || {
                if next_item == items {
                    return Ok(None);
                }
                next_item += 1;
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                Ok(Some(next_item - 1))
            },
            &work,
            |out| {
                in_flight.fetch_sub(1, Ordering::SeqCst);
                seen.push(out);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        (seen, peak.into_inner())
    }

    #[test]
    fn results_come_in_input_order_with_at_most_window_items_in_flight() {
        // Early items are the slowest, so later ones finish first and wait.
        let (seen, peak) = run(200, 3, 5, |i| {
            if i % 7 == 0 {
                thread::sleep(Duration::from_millis(2));
            }
            i * 10
        });
        assert_eq!(seen, (0..200).map(|i| i * 10).collect::<Vec<_>>());
        assert!(peak <= 5, "{peak} items in flight with a window of 5");
    }

    #[test]
    fn no_items_and_one_thread_work() {
        assert_eq!(run(0, 2, 4, |i| i).0, Vec::<u64>::new());
        assert_eq!(run(50, 1, 1, |i| i + 1).0, (1..=50).collect::<Vec<_>>());
    }

    #[test]
    fn a_reader_error_comes_after_every_item_before_it() {
        let mut next_item = 0;
        let mut seen = Vec::new();
        let result = ordered_map(
            2,
            4,
            &AtomicBool::new(false),
            || {
                next_item += 1;
                if next_item > 30 {
                    Err("read failed")
                } else {
                    Ok(Some(next_item))
                }
            },
            |i| i,
            |i| {
                seen.push(i);
                Ok(())
            },
        );
        assert_eq!(result, Err("read failed"));
        assert_eq!(seen, (1..=30).collect::<Vec<_>>());
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let mut seen = Vec::new();
        let mut read = 0u64;
        let result = ordered_map(
            2,
            4,
            &AtomicBool::new(false),
            || {
                read += 1;
                Ok(Some(read))
            },
            |i| i,
            |i| {
                if i == 10 {
                    return Err(i);
                }
                seen.push(i);
                Ok(())
            },
        );
        assert_eq!(result, Err(10));
        assert_eq!(seen, (1..10).collect::<Vec<_>>());
    }

    #[test]
    fn setting_stop_ends_the_run_at_once() {
        let stop = AtomicBool::new(false);
        let mut read = 0u64;
        let mut seen = Vec::new();
        let result: Result<(), ()> = ordered_map(
            2,
            3,
            &stop,
            || {
                read += 1;
                Ok(Some(read))
            },
            |i| i,
            |i| {
                if i == 20 {
                    stop.store(true, Ordering::Relaxed);
                }
                seen.push(i);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(seen, (1..=20).collect::<Vec<_>>());
        assert!(read <= 23, "{read} items read with a window of 3");
    }
}
