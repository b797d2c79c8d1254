/* validators_int.h - private helpers shared by validators_*.c. */
#ifndef DG_VALIDATORS_INT_H
#define DG_VALIDATORS_INT_H

#include "c/validators_rules.h"

/* Appends a rule; takes ownership of cond and message. */
void  dg_vrule_add(dg_validator *v, int column, const char *code, char *cond, char *message);
char *dg_cfield_ref(const char *row, const dg_cfield *f);   /* "row->x"; caller frees */
char *dg_cfield_set(const char *row, const dg_cfield *f);   /* C test that x is set; caller frees */

/* Rules of the column's -- @format/@pattern/@min/@max/@length annotations. */
int dg_validator_annotations(dg_validator *v, const dg_table *t, const dg_column *c, int i,
                             const dg_cfield *f, const char *cname, const char *row, dg_diags *d);

#endif
