/* Sanitizer builds: no interposition, no counts. */
#include <stdint.h>

uint64_t bench_allocs = UINT64_MAX;
