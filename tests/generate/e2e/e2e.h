/* e2e.h - shared helpers of the end-to-end tests of generated code: a fresh
 * database file per test and a counting allocator. */
#ifndef E2E_H
#define E2E_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "blog.h"
#include "tt.h"

/* Counts allocations made through libdal's pluggable allocator. */
typedef struct counter {
    size_t allocs;
    size_t live;
} counter;

void *e2e_alloc(void *ctx, size_t size);
void  e2e_free(void *ctx, void *ptr, size_t size);

/* Opens a fresh database file `name` in the build folder with both schemas
 * (blog and torture) applied; `opts` may be NULL. */
dal_db *e2e_open(const char *name, const dal_options *opts);
/* Opens the same file again (a second connection). */
dal_db *e2e_reopen(const char *name, const dal_options *opts);
void    e2e_exec(dal_db *db, const char *sql);

#define OK(call) assert_int_equal((call), DAL_OK)

/* Torture schema tests (test_e2e_torture.c). */
void torture_keywords_defaults_and_values(void **state);
void torture_without_rowid_composite_key_and_blobs(void **state);
void torture_generated_columns_and_finders(void **state);
void torture_no_primary_key(void **state);
void torture_fts5_insert_match_delete(void **state);
void torture_wide_table_and_view(void **state);
void torture_names_and_enums(void **state);
void torture_rowid_only_table(void **state);
void torture_partial_index_finders(void **state);

#endif
