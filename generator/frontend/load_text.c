/* dg_schema_load_text: one DDL text held in memory loaded on its own, as
 * dg_schema_load loads a single SQL source.  The libclang front end loads
 * the DDL it writes for a header with it; being below load.c (which applies
 * headers) it keeps header loading free of a call circle. */
#include "frontend/loader.h"
#include "frontend/sources.h"

int dg_schema_load_text(const char *name, const char *text, size_t len, dg_schema **out, dg_diags *d)
{
    *out = NULL;
    dg_schema *s = dg_schema_new();
    dg_loader L;
    int rc = dg_loader_open(&L, s, d);
    if (rc == 0) rc = dg_apply_sql_text(&L, name, text, len);
    if (rc == 0) {
        rc = dg_introspect(&L);
        if (dg_check_schema(&L) != 0) rc = -1;   /* report every broken view and trigger */
    }
    dg_loader_close(&L);
    if (rc != 0) {
        dg_schema_free(s);
        return -1;
    }
    *out = s;
    return 0;
}
