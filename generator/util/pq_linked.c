/* pq_linked.c - dg_pq_open (pq_dl.h) where libpq and libpg_query are
 * linked: they are loaded with the program, nothing to do. */
#include "util/pq_dl.h"

int dg_pq_open(dg_loc at, dg_diags *d)
{
    (void)at, (void)d;
    return 0;
}
