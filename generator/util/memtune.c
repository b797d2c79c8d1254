/* memtune.c - why: a 1,000-table `generate` touches ~64 MiB in small
 * pieces, from two threads.  With glibc's defaults that is ~16,000 page
 * faults (the second thread's arena also grows a page at a time, one
 * mprotect each) and on a virtual machine the faults cost as much as a
 * third of the run.  The same process on one arena backed by 2 MiB pages
 * takes ~2,000 faults (bench/README.md, "Page faults").  These are the
 * settings glibc's tunables glibc.malloc.arena_max=1 and
 * glibc.malloc.hugetlb=1 give, made here because a tunable can only be set
 * in the environment before the process starts. */
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

#if defined(__GLIBC__) && defined(__linux__) && defined(M_ARENA_MAX) && defined(MADV_HUGEPAGE)
/* The heap is reserved this much at a time (address space, not memory:
 * a page costs only once it is touched). */
#define RESERVE ((size_t)256 << 20)
#define HUGE_PAGE ((uintptr_t)2 << 20)

void dg_memory_tune(void)
{
    if (!mallopt(M_ARENA_MAX, 1)) return;
    (void)mallopt(M_TOP_PAD, (int)RESERVE);
    (void)mallopt(M_TRIM_THRESHOLD, (int)(2 * RESERVE));
    (void)mallopt(M_MMAP_THRESHOLD, 64 << 20);   /* also stops its growth */
    /* A block larger than what is left of the heap makes malloc grow it
     * by RESERVE at once; that range is then marked for huge pages.  An
     * allocator that is not glibc's (a sanitizer's, valgrind's) leaves the
     * block outside the break's last RESERVE, and nothing is marked. */
    void *p = malloc((size_t)1 << 20);
    if (!p) return;
    uintptr_t brk = (uintptr_t)sbrk(0);
    uintptr_t lo = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    uintptr_t hi = brk & ~(HUGE_PAGE - 1);
    if ((uintptr_t)p < brk && brk - (uintptr_t)p <= RESERVE + ((size_t)4 << 20) && lo < hi)
        (void)madvise((void *)lo, (size_t)(hi - lo), MADV_HUGEPAGE);
    free(p);
}
#else
void dg_memory_tune(void)
{
}
#endif
