/* Counts heap allocations of the whole process by interposing malloc and
 * friends on glibc's own entry points.  Only built for the benchmark binary
 * (never with sanitizers, which interpose malloc themselves). */
#include <stddef.h>
#include <stdint.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

uint64_t bench_allocs;

void *malloc(size_t n) { bench_allocs++; return __libc_malloc(n); }
void *calloc(size_t n, size_t m) { bench_allocs++; return __libc_calloc(n, m); }
void *realloc(void *p, size_t n) { bench_allocs++; return __libc_realloc(p, n); }
