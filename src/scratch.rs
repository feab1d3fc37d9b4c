//! Working memory a pipeline keeps from one cleaning to the next.
//!
//! The per-line tables of a large document (line shapes, word counts,
//! main-content's features) run to tens of megabytes. Freed, glibc gives
//! blocks that large back to the system, and the next document asks for
//! them again: one page fault per page, which on a large document costs
//! more than the work done on it. Kept here instead, a run of large
//! documents reuses the same memory. A result gives its own tables (its
//! lines, their verdicts and the removals) back when it is dropped.

use std::any::Any;
use std::mem::size_of;
use std::sync::{Mutex, PoisonError};

/// Buffers under this many bytes are taken whatever their size against
/// the document: they cost little to hold.
const SMALL_BYTES: usize = 64 * 1024;

/// The buffers of one cleaning at a time.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Given back by the last cleaning, for this one to take.
    spare: Vec<Box<dyn Any + Send>>,
    /// Given back during this cleaning, or by results dropped since the
    /// last.
    given: Vec<Box<dyn Any + Send>>,
}

impl Scratch {
    /// An empty vector with the memory of one given back, if there is one
    /// and it has room for at most `max_len` values (or is small): a small
    /// document after a large one lets the large one's memory go.
    pub(crate) fn take<T: Send + 'static>(&mut self, max_len: usize) -> Vec<T> {
        for list in [&mut self.spare, &mut self.given] {
            if let Some(at) = list.iter().position(|buffer| buffer.is::<Vec<T>>()) {
                if let Ok(mut buffer) = list.swap_remove(at).downcast::<Vec<T>>() {
                    if buffer.capacity() > max_len
                        && buffer.capacity() * size_of::<T>() > SMALL_BYTES
                    {
                        return Vec::new();
                    }
                    // Tables come back whole (see `give_table`).
                    buffer.clear();
                    return *buffer;
                }
            }
        }
        Vec::new()
    }

    /// Keeps `buffer`'s memory for a later [`take`](Scratch::take).
    pub(crate) fn give<T: Send + 'static>(&mut self, mut buffer: Vec<T>) {
        if buffer.capacity() > 0 {
            buffer.clear();
            self.given.push(Box::new(buffer));
        }
    }

    /// An empty vector with room for exactly `len` values, or more, for a
    /// table a result takes with it (and gives back when dropped): with
    /// the memory of one given back only if it has room for at most
    /// twice as many, so that a small result kept does not hold a far
    /// larger document's memory.
    pub(crate) fn take_for_result<T: Send + 'static>(&mut self, len: usize) -> Vec<T> {
        let mut buffer = self.take(2 * len);
        buffer.reserve_exact(len);
        buffer
    }

    /// Keeps the memory of a dropped result's `buffer`, or of a buffer of
    /// its type given back already, whichever is larger: results dropped
    /// together, many at once, leave one set between cleanings.
    pub(crate) fn give_back<T: Send + 'static>(&mut self, mut buffer: Vec<T>) {
        buffer.clear();
        match self
            .given
            .iter_mut()
            .find_map(|b| b.downcast_mut::<Vec<T>>())
        {
            Some(kept) if kept.capacity() < buffer.capacity() => *kept = buffer,
            Some(_) => {}
            None => self.give(buffer),
        }
    }

    /// Keeps a table, a `Vec` whose type is known only to who made it;
    /// cleared when taken.
    pub(crate) fn give_table(&mut self, table: Box<dyn Any + Send>) {
        self.given.push(table);
    }

    /// What the next cleaning may take: the buffers this one gave back.
    /// Those it did not take from the last are let go.
    pub(crate) fn for_next(self) -> Scratch {
        Scratch {
            spare: self.given,
            given: Vec::new(),
        }
    }
}

/// One [`Scratch`] per cleaning running at once on a pipeline, and one
/// more for results dropped while every other is in use.
#[derive(Default)]
pub(crate) struct ScratchPool(Mutex<Vec<Scratch>>);

impl ScratchPool {
    pub(crate) fn take(&self) -> Scratch {
        self.lock().pop().unwrap_or_default()
    }

    pub(crate) fn give(&self, scratch: Scratch) {
        // Buffers let go are freed before the lock is taken.
        let next = scratch.for_next();
        self.lock().push(next);
    }

    /// Keeps the memory of a dropped result's tables (its lines, their
    /// verdicts and its removals), for the next cleaning to take: `give`
    /// hands them to [`Scratch::give_back`].
    pub(crate) fn give_back(&self, give: impl FnOnce(&mut Scratch)) {
        let mut pool = self.lock();
        match pool.last_mut() {
            Some(scratch) => give(scratch),
            None => {
                let mut scratch = Scratch::default();
                give(&mut scratch);
                pool.push(scratch);
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Scratch>> {
        // The lock is held only to push, pop or move buffers; a panic
        // elsewhere leaves the list whole.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_given_back_is_taken_again_empty() {
        let mut scratch = Scratch::default();
        let numbers: Vec<u32> = (0..1000).collect();
        let address = numbers.as_ptr();
        scratch.give(numbers);
        let mut scratch = scratch.for_next();
        assert!(scratch.take::<f32>(1000).is_empty(), "only the same type");
        let again: Vec<u32> = scratch.take(1000);
        assert!(again.is_empty());
        assert_eq!(again.as_ptr(), address);
        assert!(again.capacity() >= 1000);
        assert_eq!(scratch.take::<u32>(1000).capacity(), 0, "taken once");

        let table: Box<dyn Any + Send> = Box::new(vec![Some(1u8); 10]);
        scratch.give_table(table);
        let mut scratch = scratch.for_next();
        let table: Vec<Option<u8>> = scratch.take(10);
        assert!(table.is_empty() && table.capacity() >= 10, "cleared");
    }

    #[test]
    fn large_buffers_too_large_and_buffers_left_untaken_are_let_go() {
        let mut scratch = Scratch::default();
        scratch.give(Vec::<u64>::with_capacity(1 << 20));
        scratch.give(Vec::<u8>::with_capacity(100));
        let mut scratch = scratch.for_next();
        assert_eq!(scratch.take::<u64>(1000).capacity(), 0);
        assert_eq!(scratch.take::<u8>(10).capacity(), 100, "small");

        scratch.give(Vec::<u64>::with_capacity(1 << 20));
        let mut scratch = scratch.for_next();
        assert_eq!(scratch.take::<u64>(1 << 20).capacity(), 1 << 20);

        scratch.give(vec![1u16; 10]);
        let mut scratch = scratch.for_next().for_next();
        assert_eq!(scratch.take::<u16>(10).capacity(), 0);
    }

    /// However many results are dropped between two cleanings, the pool
    /// keeps one buffer of each type of theirs: the largest.
    #[test]
    fn results_dropped_together_leave_their_largest_buffer_of_each_type() {
        let pool = ScratchPool::default();
        for capacity in [300, 1000, 20, 700] {
            pool.give_back(|scratch| {
                scratch.give_back(vec![7u32; capacity]);
                scratch.give_back(Vec::<u8>::with_capacity(capacity));
            });
        }
        let mut scratch = pool.take();
        assert_eq!(scratch.given.len(), 2);
        let largest: Vec<u32> = scratch.take(1000);
        assert!(largest.is_empty());
        assert_eq!(largest.capacity(), 1000);
        assert_eq!(scratch.take::<u8>(1000).capacity(), 1000);
        assert_eq!(scratch.take::<u32>(1000).capacity(), 0, "one of each");
    }
}
