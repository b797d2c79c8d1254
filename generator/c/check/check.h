/* check.h - CHECK constraints compiled into C with SQLite's semantics.
 *
 * A compiled CHECK is a C expression of SQL's three-valued logic (1 true,
 * 0 false, -1 NULL; see dal_sql_and/or/not in dal_validate.h) that reads the
 * row struct through a pointer named by the caller.  It gives the verdict the
 * database gives for the same row as the generated insert binds it:
 * column affinity, comparison affinity, collations, NULL propagation, the
 * storage of NaN as NULL and of integral doubles as INTEGER in NUMERIC
 * columns.  What cannot be compiled exactly is refused with a reason (the
 * generated code lists it; the database still enforces it).
 *
 * Compiled forms: comparisons (= == != <> < <= > >= IS, IS NOT) between
 * columns, literals and the functions below; BETWEEN; IN / NOT IN (list);
 * IS [NOT] NULL, ISNULL, NOTNULL; IS [NOT] TRUE|FALSE; LIKE / GLOB with a
 * literal pattern (and a literal ESCAPE other than % and _); length(col);
 * typeof(col); trim(col) compared with ''; COLLATE BINARY|NOCASE|RTRIM;
 * AND, OR, NOT; a numeric column used as a truth value; literals folded by
 * SQLite itself (-5, 0x10, 1e3, TRUE).  A column the row leaves unset whose
 * DEFAULT is not NULL makes the CHECK stand aside (dg_check_c.guard). */
#ifndef DG_CHECK_H
#define DG_CHECK_H

#include <stdbool.h>

#include "c/cbind.h"
#include "model/model.h"

typedef struct dg_cfield {
    const char *cname;      /* member name in the row struct; NULL when none */
    const char *has_name;   /* has_ flag member, NULL when the field has none */
    dg_ckind    kind;       /* how the row struct holds it (cbind.h); value is
                               never read by a CHECK */
    const char *enum_type;  /* DG_CK_ENUM: the C enum type (for _to_string) */
    long        array;      /* DG_CK_TEXT held in a char[array] buffer (never
                               NULL; NULL only through has_name), 0 otherwise */
    const dg_pgtype *pg;    /* PostgreSQL: the field's binding (NULL on SQLite): its
                               domain's NOT NULL and varchar(n) length count, its
                               CHECKs are left to the server */
    bool        measure;    /* PostgreSQL: text bound as is from cname (dal_pg_bind_text):
                               the writes measure it once, for its UTF-8 rule and its bind */
    const char *format;     /* the @format its declared type implies (dg_cbind.format), NULL: none */
} dg_cfield;

/* C test that a DG_CK_TEXT field holds text that is safe to read: not NULL,
 * or for a char[N] buffer set (has_name) and NUL-terminated within it.
 * Caller frees. */
char *dg_cfield_text_present(const char *row, const dg_cfield *f);

typedef struct dg_check_c {
    char *cond;     /* three-valued C expression; NULL when not compiled */
    char *guard;    /* C condition required before evaluating cond (columns
                       with a non-NULL DEFAULT that the row leaves unset: the
                       database checks those), NULL when always evaluated */
    char *reason;   /* why the CHECK is not compiled; NULL when compiled */
    char *sql;      /* the expression on one line, as written */
    int   column;   /* the only column the CHECK reads, -1 when several/none */
    /* the columns `guard` and `cond` read, in order of appearance in
     * "(guard) && cond" (guard's first, in column order) */
    int  *reads;
    size_t nreads;
} dg_check_c;

/* Compiles `chk` of `t`.  fields[i] describes t->columns.items[i]; `row` is
 * the C expression of the row pointer (e.g. "row").  Always fills *out
 * (free with dg_check_c_free); returns 0 when compiled, 1 when refused. */
int  dg_check_compile(const dg_table *t, const dg_check *chk, const dg_cfield *fields,
                      const char *row, dg_check_c *out);
void dg_check_c_free(dg_check_c *c);

/* True when `chk` is an enum's CHECK: col IN ('a', ...) or col = 'a' OR
 * col = 'b' ... on a TEXT-affinity column with the BINARY collation, strings
 * only, no duplicates.  Sets *column and appends the values in order. */
bool dg_check_enum(const dg_table *t, const dg_check *chk, int *column, dg_strings *values);

typedef DG_VEC(long long) dg_llongs;

/* True when `chk` is `col IN (integers...)` on an INTEGER-affinity column
 * (what the header front end writes for a DAL_ENUM_AS_INT enum).  Sets
 * *column and appends the integers in order. */
bool dg_check_int_set(const dg_table *t, const dg_check *chk, int *column, dg_llongs *values);

/* C text helpers shared with the validator emitter. */
char *dg_c_string(const char *s);          /* a C string literal, "..." escaped */
char *dg_c_int(long long v);               /* an int64_t constant expression */
char *dg_c_double(double v);               /* a double constant (finite v) */
char *dg_sql_one_line(const char *sql);    /* whitespace runs -> one space, trimmed */

#endif
