/* Embedded migrations (generate --migrations DIR): the view model behind
 * P_migrate(dal_db *) and P_schema_check(dal_db *), rendered by
 * templates/c/migrations_h.tmpl and migrations_c.tmpl. */
#include <stdlib.h>
#include <string.h>

#include <dal.h>

#include "analysis/diff/diff.h"
#include "frontend/schema_db.h"
#include "migrations/msource.h"
#include "migrations/sum.h"
#include "c/template.h"
#include "c/view_migrations.h"

/* dal_schema_describe of the schema being generated: what P_schema_check
 * compares a database against (the same libdal code on both sides). */
static char *describe(const dg_schema *s, sqlite3 *h, dg_diags *d)
{
    dal_db *db = NULL;
    char *desc = NULL, *out = NULL;
    bool owned = h == NULL;
    if (owned && dg_schema_open_db(s, &h, d) != 0) return NULL;
    if (dal_wrap(&db, h, NULL) == DAL_OK && dal_schema_describe(db, &desc) == DAL_OK) out = dg_xstrdup(desc);
    else {
        dg_loc loc = {NULL, 0, 0};
        dg_error(d, loc, "cannot describe the schema: %s", db ? dal_errmsg(db) : "out of memory");
    }
    sqlite3_free(desc);
    dal_close(db);
    if (owned) sqlite3_close(h);
    return out;
}

/* Warns when replaying the folder does not give the schema being generated. */
static void check_reaches(const dg_mfolder *f, const dg_schema *s, dg_diags *d)
{
    dg_diags quiet = DG_DIAGS_INIT;   /* the replay's own messages are not reported */
    dg_schema *replay = NULL;
    if (dg_load_folder_schema(f, &replay, &quiet) == 0) {
        dg_plan p;
        dg_diff_plan(replay, s, NULL, &p);
        if (p.stmts.len) {
            dg_loc loc = {f->dir, 1, 1};
            dg_warning(d, loc, "the migrations do not reach the schema (%zu statements differ): "
                       "run `dalgen migrate new NAME --dir %s` with this schema", p.stmts.len, f->dir);
        }
        dg_plan_free(&p);
    }
    dg_schema_free(replay);
    dg_diags_free(&quiet);
}

static void set_name(json_t *o, const char *key, const char *prefix, const char *suffix)
{
    char *v = dg_xprintf("%s%s", prefix, suffix);
    json_object_set_new(o, key, json_string(v));
    free(v);
}

static json_t *migration_json(const dg_migration *m, bool *long_sql)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer((json_int_t)m->id));
    json_object_set_new(o, "name", json_string(m->name));
    json_object_set_new(o, "up", json_string(m->up));
    json_object_set_new(o, "down", m->down ? json_string(m->down) : json_null());
    json_object_set_new(o, "checksum", json_string(m->checksum));
    if (strlen(m->up) > DG_TMPL_MAX_LITERAL || (m->down && strlen(m->down) > DG_TMPL_MAX_LITERAL))
        *long_sql = true;
    return o;
}

int dg_view_add_migrations(json_t *root, const char *dir, const dg_schema *s, sqlite3 *db,
                           const dg_view_opts *opts, dg_diags *d)
{
    if (!dir) {
        json_object_set_new(root, "migrations", json_array());
        return 0;
    }
    dg_mfolder f;
    if (dg_mfolder_read(dir, false, &f, d) != 0 || dg_sum_verify(&f, f.items.len == 0, d) != 0) {
        dg_mfolder_free(&f);
        return -1;
    }
    char *desc = describe(s, db, d);
    if (!desc) {
        dg_mfolder_free(&f);
        return -1;
    }
    check_reaches(&f, s, d);
    bool long_sql = strlen(desc) > DG_TMPL_MAX_LITERAL;
    json_t *items = json_array(), *m = json_object();
    for (size_t i = 0; i < f.items.len; i++)
        json_array_append_new(items, migration_json(&f.items.items[i], &long_sql));
    const char *p = opts->prefix;
    set_name(m, "migrate_fn", p, "_migrate");
    set_name(m, "check_fn", p, "_schema_check");
    set_name(m, "list", p, "__migrations");
    set_name(m, "schema", p, "__schema");
    json_object_set_new(m, "count", json_integer((json_int_t)f.items.len));
    json_object_set_new(m, "items", items);
    json_object_set_new(m, "description", json_string(desc));
    json_object_set_new(m, "long_sql", json_boolean(long_sql));
    json_object_set_new(root, "migrations", m);
    free(desc);
    dg_mfolder_free(&f);
    return 0;
}
