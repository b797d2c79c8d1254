/* memtune.h - the C library allocator's settings for one short-lived,
 * allocation-heavy run of the generator. */
#ifndef DG_MEMTUNE_H
#define DG_MEMTUNE_H

/* Sets process-wide allocator options (glibc on Linux; elsewhere it does
 * nothing): one malloc arena for every thread, a heap grown in large
 * steps and never trimmed, backed by transparent huge pages where the
 * kernel offers them.  Call once, before any thread starts.  Output does
 * not depend on it. */
void dg_memory_tune(void);

#endif
