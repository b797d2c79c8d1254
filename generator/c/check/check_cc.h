/* check_cc.h - state of one CHECK compilation (check_compile.c,
 * check_operand.c). */
#ifndef DG_CHECK_CC_H
#define DG_CHECK_CC_H

#include "dal_validate.h"
#include "c/check/check_int.h"

typedef enum dg_vclass { DG_CL_INT, DG_CL_REAL, DG_CL_TEXT } dg_vclass;

/* A value the CHECK reads. */
typedef struct dg_operand {
    bool          is_const;   /* a constant: k holds it */
    dg_const      k;
    dg_vclass     cls;        /* storage class of the value when not NULL */
    bool          numreal;    /* a double in a NUMERIC column (INTEGER when integral) */
    const char   *null_c;     /* C: nonzero when SQL NULL ("0": never, "1": always) */
    const char   *val_c;      /* C: the value (int64_t, double or const char *) */
    bool          has_aff;    /* a column: its affinity applies in comparisons */
    dg_affinity   aff;
    dal_collation coll;
    int           coll_rank;  /* 0 none, 1 a column's, 2 explicit COLLATE */
    bool          trimmed;    /* trim(col): only compared with '' */
    bool          numtext;    /* text in a column of numeric affinity: stored
                                 as a number when it looks like one, so only
                                 NULL tests and comparisons with text that is
                                 not a number are compiled */
} dg_operand;

typedef struct dg_cc {
    const dg_table  *t;
    const dg_cfield *f;
    const char      *row;
    const char      *text;    /* the CHECK expression (AST spans point into it) */
    sqlite3         *db;      /* folds constants */
    char            *reason;  /* the first refusal */
    dg_strings       pool;    /* every string built, freed at the end */
    bool            *used;    /* per column: read by the CHECK */
    /* the columns each built string reads, in order of appearance in it
     * (dg_cc_str inherits them from its %s arguments) */
    DG_VEC(struct dg_cc_reads { const char *s; DG_VEC(int) cols; }) reads;
    bool            *exact;   /* per column: unset reads as its DEFAULT (or
                                 NULL), no guard needed */
} dg_cc;

char *dg_cc_str(dg_cc *cx, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
char *dg_cc_keep(dg_cc *cx, char *s);
/* Records that the built string s (from dg_cc_str or dg_cc_keep) reads
 * column i; returns s. */
char *dg_cc_reads_column(dg_cc *cx, char *s, int i);
/* The columns the built string s reads, in order of appearance; NULL when
 * none (n set to 0). */
const int *dg_cc_reads_of(const dg_cc *cx, const char *s, size_t *n);
/* Records the first reason for not compiling; returns false. */
bool dg_cc_refuse(dg_cc *cx, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
bool dg_cc_operand(dg_cc *cx, const dg_expr *e, dg_operand *o);

#endif
