/* validators_rules.h - the rules of one table's generated validator, built
 * from the schema model (NOT NULL, declared lengths, UTF-8, compiled CHECK
 * constraints, enums, annotations), independent of the view model's JSON. */
#ifndef DG_VALIDATORS_RULES_H
#define DG_VALIDATORS_RULES_H

#include "c/check/check.h"
#include "model/model.h"
#include "util/diag.h"

typedef struct dg_vrule {
    int   column;     /* index in the table, -1 for a rule on the whole row */
    char *code;       /* C name of the rule code: "DAL_RULE_NOT_NULL", ... */
    char *cond;       /* C condition that is true when the row violates the rule */
    char *cond_len;   /* the same with the text's length measured (len__[k]); NULL: cond */
    char *message;    /* text after "table.field: " */
    DG_VEC(int) reads;  /* the columns `cond` reads, in order of appearance */
} dg_vrule;

typedef struct dg_vpattern {
    char *name;       /* C name of the static dal_pattern */
    char *ere;        /* the POSIX ERE */
} dg_vpattern;

typedef struct dg_vskip {
    char *sql;        /* CHECK (...) on one line */
    char *reason;
} dg_vskip;

typedef struct dg_validator {
    DG_VEC(dg_vrule)    rules;
    DG_VEC(dg_vpattern) patterns;
    DG_VEC(dg_vskip)    skipped;   /* CHECK constraints left to the database */
    DG_VEC(int)         measured;  /* PostgreSQL: the columns whose text the writes measure
                                      once, len__[k] for measured.items[k] (dg_cfield.measure) */
    bool                pg;        /* PostgreSQL: the writes run the rules as one check */
} dg_validator;

/* Builds the validator of `t`.  fields[i] describes column i (enum columns
 * already have kind DG_CK_ENUM); enum_check[k] is true for the CHECK that
 * defines an enum (it becomes the enum rule); `cname` is the row struct's C
 * name (prefix of pattern names); `row` the row pointer's C name.  Returns
 * 0, or -1 after reporting bad annotations through `d`. */
int  dg_validator_build(const dg_table *t, const dg_cfield *fields, const bool *enum_check,
                        const char *cname, const char *row, dg_validator *out, dg_diags *d);
void dg_validator_free(dg_validator *v);

/* The n of VARCHAR(n), CHAR(n), NVARCHAR(n), NCHAR(n), CHARACTER(n),
 * VARYING CHARACTER(n), NATIVE CHARACTER(n); 0 when the type declares none. */
long dg_declared_length(const char *type);

#endif
