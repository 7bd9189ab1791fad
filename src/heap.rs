//! The bytes the page's Rust code holds allocated right now, counted by a thin wrapper around the standard
//! allocator, so the page can say how much of its memory the engine takes (WebAssembly memory only grows, so
//! its size is the most ever held at once, not what is in use). Native builds (the app's tests) keep the
//! standard allocator uncounted.

#[cfg(target_arch = "wasm32")]
mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering};

    pub(super) static LIVE: AtomicUsize = AtomicUsize::new(0);

    struct Counting;

    // SAFETY: every call goes to the standard allocator unchanged; only a counter is kept beside it.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let ptr = unsafe { System.alloc(layout) };
            if !ptr.is_null() {
                LIVE.fetch_add(layout.size(), Ordering::Relaxed);
            }
            ptr
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            let ptr = unsafe { System.alloc_zeroed(layout) };
            if !ptr.is_null() {
                LIVE.fetch_add(layout.size(), Ordering::Relaxed);
            }
            ptr
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) };
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let moved = unsafe { System.realloc(ptr, layout, new_size) };
            if !moved.is_null() {
                LIVE.fetch_add(new_size, Ordering::Relaxed);
                LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            }
            moved
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;
}

/// Bytes allocated now (0 where not counted).
pub fn live() -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        counting::LIVE.load(std::sync::atomic::Ordering::Relaxed)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

/// Runs `work` and says the bytes it left allocated (negative when it freed more than it allocated). Nothing
/// else runs meanwhile (the page has one thread, and `work` does not wait), so the figure is `work`'s own.
pub fn kept_by<T>(work: impl FnOnce() -> T) -> (T, isize) {
    let before = live();
    let done = work();
    (done, live() as isize - before as isize)
}
