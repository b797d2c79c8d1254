/* validators_base.c - what every rule builder of a validator uses: adding
 * a rule, and how a rule's condition refers to a field (validators_int.h). */
#include <stdlib.h>

#include "util/buf.h"
#include "c/validators_int.h"

void dg_vrule_add(dg_validator *v, int column, const char *code, char *cond, char *message)
{
    dg_vrule *r = DG_VEC_ADD(&v->rules);
    r->column = column;
    r->code = dg_xstrdup(code);
    r->cond = cond;
    r->message = message;
    if (column >= 0) DG_VEC_PUSH(&r->reads, column);   /* a column's rule reads that column */
}

/* "row->x" and, when the field may be unset, the C test that it is set. */
char *dg_cfield_ref(const char *row, const dg_cfield *f)
{
    return DG_XCAT(row, "->", f->cname);   /* per field of every table: no format */
}

char *dg_cfield_set(const char *row, const dg_cfield *f)
{
    if (f->has_name) return dg_xprintf("%s->%s", row, f->has_name);
    if (f->kind == DG_CK_TEXT && !f->array) return dg_xprintf("%s->%s != NULL", row, f->cname);
    if (f->kind == DG_CK_BLOB) return dg_xprintf("%s->%s.data != NULL", row, f->cname);
    return dg_xstrdup("1");
}
