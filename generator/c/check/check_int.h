/* check_int.h - private parts of the CHECK compiler (check_*.c). */
#ifndef DG_CHECK_INT_H
#define DG_CHECK_INT_H

#include <sqlite3.h>

#include "sql/sql_ast.h"
#include "c/check/check.h"

/* A constant as SQLite holds it. */
typedef struct dg_const {
    int       type;   /* SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT or SQLITE_NULL */
    long long i;
    double    r;
    char     *t;      /* owned */
} dg_const;

void dg_const_clear(dg_const *c);
/* Evaluates the constant expression `sql` with SQLite (so that -5, 0x1F,
 * 1e3, TRUE, 'a''b' mean exactly what they mean to the database).  Returns
 * 0, or -1 when it is not a scalar constant SQLite evaluates (blobs too). */
int dg_const_eval(sqlite3 *db, const char *sql, dg_const *out);
/* NUMERIC affinity as comparisons apply it: TEXT that looks like a number
 * becomes INTEGER or REAL, other values are unchanged.  These two replace
 * c->t without freeing the previous text (its owner frees it). */
int dg_const_numeric(sqlite3 *db, dg_const *c);
/* TEXT affinity: numbers become their SQLite text. */
int dg_const_text(sqlite3 *db, dg_const *c);

#endif
