/* memtune.h - the C library allocator's settings for one short-lived,
 * allocation-heavy run of the generator. */
#ifndef DG_MEMTUNE_H
#define DG_MEMTUNE_H

/* Sets process-wide allocator options (glibc on Linux; elsewhere it does
 * nothing): heaps grown in large steps and not trimmed, backed by
 * transparent huge pages where the kernel offers them.  Call once, before
 * any thread starts.  Output does not depend on it. */
void dg_memory_tune(void);

/* The same for the calling thread's own malloc arena: call first thing in
 * a thread that allocates much. */
void dg_memory_tune_thread(void);

#endif
