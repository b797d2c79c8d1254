/* memtune.c - why: a 1,000-table `generate` touches ~64 MiB in small
 * pieces, from two threads.  With glibc's defaults that is ~16,000 page
 * faults (a thread's malloc arena also grows a page at a time, one mprotect
 * each), and on a virtual machine the faults cost as much as a third of the
 * run.  The same work on heaps reserved in large steps and backed by 2 MiB
 * pages takes ~1,800 faults (bench/README.md, "Page faults").  glibc's
 * tunable glibc.malloc.hugetlb=1 does part of this, but a tunable can only
 * be set in the environment before the process starts.  One arena for all
 * threads (glibc.malloc.arena_max=1) faults least, but threads that
 * allocate at once then wait for each other (diff's two loads: 0.28 s
 * against 0.21 s), so each thread keeps its arena and reserves it. */
#undef _POSIX_C_SOURCE
#define _DEFAULT_SOURCE 1
#include "util/memtune.h"

#include <stdint.h>
#include <stdlib.h>

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#if defined(__GLIBC__) && defined(__linux__) && defined(M_TOP_PAD) && defined(MADV_HUGEPAGE)
/* The main heap is reserved this much at a time (address space, not
 * memory: a page costs only once it is touched); a thread's arena, whose
 * heaps glibc caps at 64 MiB, this much at its start. */
#define RESERVE ((size_t)256 << 20)
#define THREAD_RESERVE ((size_t)48 << 20)
#define HUGE_PAGE ((uintptr_t)2 << 20)

/* Grows the calling thread's malloc heap by `size` at once (a block that
 * large, freed; the heap is not trimmed) and advises the heap from the
 * block to its end for huge pages, when heap_end finds the block in
 * glibc's heap (not so under another allocator: a sanitizer's,
 * valgrind's). */
static void reserve(size_t size, uintptr_t (*heap_end)(void *))
{
    void *p = malloc(size);
    if (!p) return;
    uintptr_t end = heap_end(p);
    uintptr_t lo = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    uintptr_t hi = end & ~(HUGE_PAGE - 1);
    if (end && lo < hi) (void)madvise((void *)lo, (size_t)(hi - lo), MADV_HUGEPAGE);
    free(p);
}

/* The main heap's break, when p lies in the last RESERVE below it. */
static uintptr_t main_heap_end(void *p)
{
    uintptr_t brk = (uintptr_t)sbrk(0);
    return (uintptr_t)p < brk && brk - (uintptr_t)p <= RESERVE + ((size_t)4 << 20) ? brk : 0;
}

/* A thread arena's heap is one mapping aligned to its 64 MiB cap; p's
 * block must lie in it. */
static uintptr_t thread_heap_end(void *p)
{
    uintptr_t base = (uintptr_t)p & ~(((uintptr_t)64 << 20) - 1);
    return (uintptr_t)p - base + THREAD_RESERVE <= ((uintptr_t)64 << 20) ? base + ((uintptr_t)64 << 20) : 0;
}

void dg_memory_tune(void)
{
    if (!mallopt(M_TOP_PAD, (int)RESERVE)) return;
    (void)mallopt(M_TRIM_THRESHOLD, (int)(2 * RESERVE));
    (void)mallopt(M_MMAP_THRESHOLD, 64 << 20);   /* also stops its growth */
    reserve((size_t)1 << 20, main_heap_end);
}

void dg_memory_tune_thread(void)
{
    reserve(THREAD_RESERVE, thread_heap_end);
}
#else
void dg_memory_tune(void)
{
}

void dg_memory_tune_thread(void)
{
}
#endif
