/* Annotated C headers: the libclang front end's model, applied as the SQL
 * that recreates it (so that the loader introspects it like any schema). */
#include <stdlib.h>

#include "frontend/clang_front.h"
#include "frontend/loader.h"
#include "model/schema_print.h"

int dg_apply_header(dg_loader *L, const char *path, const dg_strings *clang_args)
{
    dg_schema *h = dg_schema_new();
    if (dg_clang_load(path, clang_args, h, L->d) != 0) {
        dg_schema_free(h);
        return -1;
    }
    DG_VEC_PUSH(&L->headers, h);
    char *sql = dg_schema_to_sql(h);
    int rc = dg_apply_model_sql(L, path, sql);
    free(sql);
    return rc;
}
