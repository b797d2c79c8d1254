/* cbind_int.h - private to cbind*.c: the PostgreSQL bind and read
 * expressions (cbind_pg.c), which dg_cbind_bind_at / dg_cbind_read call
 * for a binding with pg.call set. */
#ifndef DG_CBIND_INT_H
#define DG_CBIND_INT_H

#include "c/cbind.h"

char *dg_cbind__bind_pg(const dg_cbind *f, const char *idx, const char *src, const char *st);
char *dg_cbind__read_pg(const dg_cbind *f, int col, const char *dst);

#endif
