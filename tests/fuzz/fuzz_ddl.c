/* fuzz_ddl.c - the DDL front end: any text loaded as a schema file
 * (SQLite's parse, dalgen's tokenizer, annotations, introspection), then
 * printed as the schema JSON and planned from the empty schema. */
#include "fuzz.h"

#include <stdlib.h>

#include "analysis/diff/diff.h"
#include "frontend/sources.h"
#include "model/schema_print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dg_diags d = {0};
    dg_schema *s = NULL;
    if (dg_schema_load_text("fuzz.sql", (const char *)data, size, &s, &d) == 0 && s) {
        dg_schema *empty = dg_schema_new();
        dg_plan p;
        dg_diff_plan(empty, s, NULL, &p);
        free(dg_plan_sql(&p, NULL));
        dg_plan_free(&p);
        dg_schema_free(empty);
        free(dg_schema_to_json(s));
    }
    dg_schema_free(s);
    dg_diags_free(&d);
    return 0;
}
