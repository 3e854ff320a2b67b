//! The global allocator: mimalloc, asked the cheapest way a request allows.
//!
//! The `mimalloc` crate passes every request to mimalloc's aligned entry points. Those cost
//! about twice the plain ones per call (46 against some 20 instructions, by callgrind), and
//! mimalloc 3 serves some aligned sizes from a larger size class. Most of a build's requests
//! ask for an alignment that every block of the size already has, so they go to the plain
//! entry points, and only the others take the crate's aligned path.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys::{mi_free, mi_malloc, mi_realloc, mi_zalloc};
use mimalloc::MiMalloc;

/// The largest alignment that mimalloc gives every block whose size is a multiple of it:
/// size classes are multiples of 8 bytes up to 16 and of 16 above, and start aligned.
const PLAIN_ALIGNMENT: usize = 16;

pub struct Allocator;

/// Whether a plain allocation of `size` bytes is aligned enough for `align`.
fn plain_is_enough(size: usize, align: usize) -> bool {
    // Alignments are powers of two, so a mask tests the multiple without a division.
    align <= PLAIN_ALIGNMENT && size & (align - 1) == 0
}

// SAFETY: each method hands the request to mimalloc, which returns null or a block of at least
// the size asked, aligned as `plain_is_enough` relies on or as the aligned path guarantees;
// blocks from either path are freed by `mi_free`.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if plain_is_enough(layout.size(), layout.align()) {
            mi_malloc(layout.size()).cast()
        } else {
            MiMalloc.alloc(layout)
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if plain_is_enough(layout.size(), layout.align()) {
            mi_zalloc(layout.size()).cast()
        } else {
            MiMalloc.alloc_zeroed(layout)
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi_free(ptr.cast::<c_void>());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if plain_is_enough(new_size, layout.align()) {
            mi_realloc(ptr.cast::<c_void>(), new_size).cast()
        } else {
            MiMalloc.realloc(ptr, layout, new_size)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_block_is_aligned_as_asked_and_keeps_its_bytes() {
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 3, 8, 12, 16, 24, 40, 48, 100, 1000, 70_000] {
                let Ok(layout) = Layout::from_size_align(size, align) else {
                    continue;
                };
                // SAFETY: the layout has a non-zero size; each block is freed once.
                unsafe {
                    let block = Allocator.alloc(layout);
                    assert!(!block.is_null());
                    assert_eq!(block as usize % align, 0, "size {size}, align {align}");
                    block.write_bytes(0xab, size);
                    let grown = Allocator.realloc(block, layout, size * 3);
                    assert_eq!(grown as usize % align, 0, "grown {size}, align {align}");
                    assert!((0..size).all(|i| *grown.add(i) == 0xab));
                    Allocator.dealloc(grown, Layout::from_size_align(size * 3, align).unwrap());
                    let zeroed = Allocator.alloc_zeroed(layout);
                    assert_eq!(zeroed as usize % align, 0);
                    assert!((0..size).all(|i| *zeroed.add(i) == 0));
                    Allocator.dealloc(zeroed, layout);
                }
            }
        }
    }
}
