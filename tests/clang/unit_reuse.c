/* The view model of tables from annotated headers reuses the user's struct
 * (dg_view_clang_struct), and the emitter's functions then read and write
 * the user's fields. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "c/names.h"
#include "c/clang_struct.h"
#include "c/view_build.h"
#include "c/view_int.h"
#include "c/view_validators.h"
#include "frontend/sources.h"

typedef struct ctx {
    dg_schema *s;
    dg_names  *names;
    dg_vtables *vts;    /* owns names */
    json_t    *root;    /* the tables' JSON */
    char      *diag;
    size_t     diag_len;
    FILE      *diag_out;
    dg_diags   d;
    dg_view_opts opts;
} ctx;

static int setup(void **state)
{
    static ctx c;
    memset(&c, 0, sizeof c);
    dg_sources src = {0};
    dg_sources_add(&src, DG_SRC_HEADER, "reuse.h");
    dg_strings_push(&src.clang_args, "-I" DAL_INC);
    c.diag_out = open_memstream(&c.diag, &c.diag_len);
    int rc = dg_schema_load(&src, &c.s, &c.d);
    dg_sources_free(&src);
    assert_int_equal(rc, 0);
    c.opts.prefix = "app";
    c.opts.singularize = true;
    c.opts.out_dir = "gen";
    c.names = dg_names_build(c.s, &c.opts, &c.d);
    assert_non_null(c.names);
    c.vts = dg_xcalloc(1, sizeof *c.vts);
    c.vts->names = c.names;
    c.root = json_pack("{s:[]}", "tables");
    *state = &c;
    return 0;
}

static int teardown(void **state)
{
    ctx *c = *state;
    dg_diags_print(&c->d, c->diag_out);
    fclose(c->diag_out);
    free(c->diag);
    json_decref(c->root);
    dg_vtables_free(c->vts);
    dg_schema_free(c->s);
    return 0;
}

/* Builds the view of table `name` with the hook where the emitter needs it. */
static json_t *table_view(ctx *c, const char *name, int *reused)
{
    c->opts.out_dir = "gen";
    dg_schema_lookup lookup;
    dg_schema_lookup_init(&lookup, c->s);
    dg_vctx v = {&c->vts->arena, c->s, &c->opts, c->names, &c->vts->stmts, &lookup};
    const dg_table *t = dg_schema_table(c->s, name);
    assert_non_null(t);
    assert_int_equal(dg_view_build_table(&v, c->vts, t, &c->d), 0);
    dg_schema_lookup_free(&lookup);
    const dg_vtable *vt = &c->vts->items.items[c->vts->items.len - 1];
    *reused = vt->user_struct;
    json_t *tv = dg_vtable_to_json(vt, &c->vts->stmts, &c->vts->enums);
    json_array_append_new(json_object_get(c->root, "tables"), tv);
    return tv;
}

static json_t *field(json_t *tv, const char *column)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(tv, "fields"), i, f)
        if (!strcmp(json_string_value(json_object_get(f, "column")), column)) return f;
    fail_msg("no field for column %s", column);
    return NULL;
}

static bool any_call_contains(json_t *calls, const char *text)
{
    size_t i;
    json_t *c;
    json_array_foreach(calls, i, c)
        if (strstr(json_string_value(json_object_get(c, "call")), text)) return true;
    return false;
}

static void users_reuse_the_user_struct(void **state)
{
    ctx *c = *state;
    int reused = -1;
    json_t *tv = table_view(c, "users", &reused);
    assert_int_equal(reused, 1);
    assert_string_equal(json_string_value(json_object_get(tv, "user_struct")), "struct user");
    assert_string_equal(json_string_value(json_object_get(tv, "user_header")), "../reuse.h");
    assert_int_equal(c->vts->user_headers.len, 1);
    assert_string_equal(c->vts->user_headers.items[0], "../reuse.h");
    /* the C field of DAL_COLUMN("name") is the user's `display` */
    assert_string_equal(json_string_value(json_object_get(field(tv, "name"), "name")), "display");
    /* has_ flags: the companion of the nullable scalar only */
    assert_string_equal(json_string_value(json_object_get(field(tv, "age"), "has")), "has_age");
    assert_null(json_object_get(field(tv, "score"), "has"));   /* NOT NULL DEFAULT 0: no flag in struct user */
    assert_null(json_object_get(field(tv, "id"), "has"));
    /* the functions move the user's fields */
    json_t *insert = json_object_get(tv, "insert");
    assert_non_null(insert);
    assert_true(any_call_contains(json_object_get(insert, "binds"), "row->display"));
    assert_true(any_call_contains(json_object_get(insert, "binds"), "row->has_age"));
    assert_false(any_call_contains(json_object_get(insert, "binds"), "row->has_score"));
    assert_true(any_call_contains(json_object_get(tv, "reads"), "display"));
}

/* Fields of other C types than dalgen's move through conversions: the
 * reads and binds name the user's fields and the libdal converters. */
static void tags_convert_their_fields(void **state)
{
    ctx *c = *state;
    int reused = -1;
    json_t *tv = table_view(c, "tags", &reused);
    assert_int_equal(reused, 1);
    assert_string_equal(json_string_value(json_object_get(tv, "user_struct")), "struct tag");
    assert_string_equal(json_string_value(json_object_get(field(tv, "weight"), "conv")), "int s");
    assert_string_equal(json_string_value(json_object_get(field(tv, "label"), "conv")), "chars");
    assert_string_equal(json_string_value(json_object_get(field(tv, "ratio"), "conv")), "ptr double");
    assert_string_equal(json_string_value(json_object_get(field(tv, "shade"), "conv")), "enum app_shade");
    assert_string_equal(json_string_value(json_object_get(field(tv, "level"), "conv")), "int u");
    json_t *reads = json_object_get(tv, "reads");
    assert_true(any_call_contains(reads, "dal_read_int_sized(db, st, 1, \"tags.weight\", NULL, &out->weight, "
                                         "sizeof out->weight, true)"));
    assert_true(any_call_contains(reads, "dal_read_text_buf(db, st, 2, \"tags.label\", NULL, out->label, "
                                         "sizeof out->label)"));
    assert_true(any_call_contains(reads, "dal_read_double_ptr(db, st, 3, \"tags.ratio\", arena, &out->ratio)"));
    assert_true(any_call_contains(reads, "app_shade__read(db, st, 4, \"tags.shade\", NULL, &out->shade)"));
    json_t *binds = json_object_get(json_object_get(tv, "insert"), "binds");
    assert_true(any_call_contains(binds, "row->ratio != NULL, row->ratio ? *row->ratio : 0"));
    assert_true(any_call_contains(binds, "app_shade_to_string(row->shade)"));
    /* the user's enum gets a typedef and conversions, no enum of its own */
    json_t *e = json_array_get(json_object_get(tv, "enums"), 0);
    assert_non_null(e);
    assert_string_equal(json_string_value(json_object_get(e, "type")), "app_shade");
    assert_string_equal(json_string_value(json_object_get(e, "user")), "enum shade");
    /* the validator limits the buffer to 7 bytes, reading no byte past it */
    json_t *rules = json_object_get(json_object_get(tv, "validator"), "rules");
    bool bytes = false;
    size_t i;
    json_t *r;
    json_array_foreach(rules, i, r)
        bytes = bytes || !strcmp(json_string_value(json_object_get(r, "cond")),
                                 "memchr(row->label, '\\0', sizeof row->label) == NULL");
    assert_true(bytes);
    /* a text field with a CHECK (... IN (...)) stays text; the CHECK is compiled */
    assert_string_equal(json_string_value(json_object_get(field(tv, "kind"), "kind")), "text");
    bool check = false;
    json_array_foreach(rules, i, r)
        check = check || (!strcmp(json_string_value(json_object_get(r, "field")), "kind") &&
                          !strcmp(json_string_value(json_object_get(r, "code")), "DAL_RULE_CHECK"));
    assert_true(check);
    assert_int_equal(json_array_size(json_object_get(tv, "enums")), 1);   /* app_shade only */
}

static void widgets_keep_a_generated_struct(void **state)
{
    ctx *c = *state;
    int reused = -1;
    json_t *tv = table_view(c, "widgets", &reused);
    assert_int_equal(reused, 0);
    assert_null(json_object_get(tv, "user_struct"));
    dg_diags_print(&c->d, c->diag_out);
    fflush(c->diag_out);
    assert_non_null(strstr(c->diag, "reuse.h:30:17: warning: 'widgets' gets a generated struct instead of struct "
                                    "widget: column 'shade' cannot use the user's field (it is a pointer to an "
                                    "enum)\n"));
}

static void counters_leave_records_to_the_user(void **state)
{
    ctx *c = *state;
    int reused = -1;
    json_t *tv = table_view(c, "counters", &reused);
    assert_int_equal(reused, 1);
    assert_false(json_is_true(json_object_get(tv, "version")));
    json_t *update = json_object_get(tv, "update");
    assert_non_null(update);
    assert_int_equal(json_array_size(json_object_get(update, "prepare")), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(users_reuse_the_user_struct),
        cmocka_unit_test(tags_convert_their_fields),
        cmocka_unit_test(widgets_keep_a_generated_struct),
        cmocka_unit_test(counters_leave_records_to_the_user),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
