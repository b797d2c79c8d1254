/* randcheck.h - random CHECK constraints over t(a, b) made of the forms the
 * CHECK compiler compiles, for the differential test. */
#ifndef RANDCHECK_H
#define RANDCHECK_H

#include <stdint.h>

#include "diff_row.h"

/* Fills *dc with a random case (types of a and b, CHECK text); dc->check is
 * malloc'ed (the caller frees it), the other strings are static. */
void randcheck_case(uint64_t *rng, diff_case *dc);

#endif
