/* dalgen migrate new NAME --dir DIR <schema source...> [--allow-destructive] [--allow CODE,...]
 *                    [--engine postgresql [--pg-server URL|auto] [--online]]
 * dalgen migrate hash --dir DIR
 * dalgen migrate apply|status|down|reset|baseline --db DB --dir DIR [--to N | --steps K]
 *                [--baseline N] [--backup FILE] [--yes]
 *                [--lock-wait MS] [--lock-timeout MS] [--statement-timeout MS]   (PostgreSQL) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/diff/diff.h"
#include "migrations/mrun.h"
#include "migrations/msource.h"
#include "migrations/sum.h"
#include "sql/sqltok.h"
#include "util/fsutil.h"
#include "cli/cli.h"
#include "cli/cmd_diff_pg.h"

static bool valid_name(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

/* How the runner applies a migration of the engine, as its files say it. */
static const char *runner_note(dg_engine e)
{
    return e == DG_ENGINE_POSTGRESQL ? "-- The runner applies it in one transaction (no-transaction sections aside).\n"
                                     : "-- The runner applies it in one transaction with foreign keys off.\n";
}

/* A "-- WARNING: ..." line per lint of `p` with `code`. */
static void warnings(dg_buf *b, const dg_plan *p, const char *code)
{
    for (size_t i = 0; i < p->lints.len; i++)
        if (!strcmp(p->lints.items[i].code, code)) {
            char *msg = dg_sql_comment_text(p->lints.items[i].message);
            dg_buf_printf(b, "-- WARNING: %s.\n", msg);
            free(msg);
        }
}

/* The header of a migration file: what wrote it, how it runs, and what may
 * fail or not come back (the down file says what the up loses). */
static char *file_header(const char *file, const char *what, const dg_plan *p, const dg_plan *up, dg_engine e)
{
    dg_buf b = DG_BUF_INIT;
    dg_buf_printf(&b, "-- %s: written by `dalgen migrate new`%s.\n%s", file, what, runner_note(e));
    if (up) warnings(&b, up, DG_LINT_DOWN_DATA_LOSS);
    warnings(&b, p, DG_LINT_DATA_DEPENDENT);
    dg_buf_putc(&b, '\n');
    return dg_buf_steal(&b);
}

/* dalgen.sum of folder `f` with migration `m` added (shallow: nothing of
 * `f` or `m` is copied or freed). Caller frees. */
static char *sum_with(const dg_mfolder *f, const dg_migration *m)
{
    dg_mfolder nf = {f->dir, {0}};
    for (size_t i = 0; i < f->items.len; i++) DG_VEC_PUSH(&nf.items, f->items.items[i]);
    DG_VEC_PUSH(&nf.items, *m);
    char *text = dg_sum_render(&nf);
    DG_VEC_FREE(&nf.items);
    return text;
}

/* Writes NNNN_name.up.sql, .down.sql and the refreshed dalgen.sum as one
 * unit (dg_write_files): when one cannot be written, none is. */
static int write_migration(const dg_mfolder *f, const char *name, const dg_plan *up, const dg_plan *down,
                           dg_engine e, dg_diags *d)
{
    long long id = (long long)dg_mfolder_next_id(f);
    char *base = dg_xprintf("%04lld_%s", id, name);
    char *up_path = dg_xprintf("%s/%s.up.sql", f->dir, base), *down_path = dg_xprintf("%s/%s.down.sql", f->dir, base);
    char *ufile = dg_xprintf("%s.up.sql", base), *dfile = dg_xprintf("%s.down.sql", base);
    char *uh = file_header(ufile, "", up, NULL, e), *dh = file_header(dfile, "; reverts the up migration", down, up, e);
    char *us = dg_plan_sql(up, uh), *ds = dg_plan_sql(down, dh);
    dg_migration m = {.id = id, .name = base, .up_path = up_path, .down_path = down_path, .up = us, .down = ds};
    dg_sha256_hex_normalized(us, strlen(us), m.checksum);
    char *sum = sum_with(f, &m), *sum_path = dg_xprintf("%s/%s", f->dir, DG_SUM_FILE);
    dg_file_out files[] = {{up_path, us, strlen(us), NULL}, {down_path, ds, strlen(ds), NULL},
                           {sum_path, sum, strlen(sum), NULL}};
    size_t bad = 0;
    char *made = dg_missing_root(f->dir);   /* removed again if the write fails */
    int rc = dg_mkdirs(f->dir);
    if (rc != 0) dg_error(d, (dg_loc){f->dir, 0, 0}, "cannot create the folder: %s", strerror(errno));
    else if ((rc = dg_write_files(files, 3, &bad)) != 0)
        dg_error(d, (dg_loc){files[bad].path, 0, 0}, "cannot write: %s", strerror(errno));
    if (rc == 0) printf("%s\n%s\n", up_path, down_path);
    else if (made) dg_rmdirs_empty(f->dir, made);
    free(made);
    free(base); free(up_path); free(down_path); free(uh); free(ufile); free(dfile); free(dh); free(us); free(ds);
    free(sum); free(sum_path);
    return rc;
}

/* migrate new on SQLite: the folder's schema (replayed in SQLite) to the sources'. */
static int migrate_new_sqlite(const char *name, const char *dir, const dg_sources *src, const dg_lint_allow *allow,
                              dg_diags *d)
{
    dg_mfolder f;
    dg_schema *from = NULL, *to = NULL;
    int rc = DG_EXIT_INPUT;
    if (dg_mfolder_read(dir, true, &f, d) == 0 && dg_sum_verify(&f, f.items.len == 0, d) == 0 &&
        dg_load_folder_schema(&f, &from, d) == 0 && dg_schema_load(src, &to, d) == 0) {
        dg_plan up, down;
        dg_diff_opts fw = {false}, bw = {true};
        dg_diff_plan(from, to, &fw, &up);
        dg_diff_plan(to, from, &bw, &down);
        if (!dg_plan_refused(&up, allow)) dg_plan_verify(from, to, &fw, &up, &down);   /* nothing written unless it applies */
        dg_diags_print(d, stderr);   /* the loads' warnings come before the lints */
        dg_plan_print_lints(&up, allow, stderr);
        if (dg_plan_refused(&up, allow)) rc = DG_EXIT_INPUT;
        else if (!up.stmts.len) {
            fprintf(stderr, "dalgen migrate: %s is already at the schema; nothing written\n", dir);
            rc = DG_EXIT_OK;
        } else if (write_migration(&f, name, &up, &down, DG_ENGINE_SQLITE, d) == 0) {
            rc = DG_EXIT_OK;
        }
        dg_plan_free(&up);
        dg_plan_free(&down);
    }
    dg_schema_free(from);
    dg_schema_free(to);
    dg_mfolder_free(&f);
    return rc;
}

/* migrate new on PostgreSQL: the folder's up files replayed by the typing
 * server to the sources', planned and verified as `diff --engine
 * postgresql` does (nothing is written unless both plans reach their schemas). */
static int migrate_new_pg(const char *name, const char *dir, const dg_sources *src, const dg_lint_allow *allow,
                          const dg_pg_opts *pg, bool online, dg_diags *d)
{
    dg_mfolder f;
    if (dg_mfolder_read(dir, true, &f, d) != 0 || dg_sum_verify(&f, f.items.len == 0, d) != 0) {
        dg_mfolder_free(&f);
        return DG_EXIT_INPUT;
    }
    dg_sources old = {0};
    dg_sources_add(&old, f.items.len ? DG_SRC_SQL_DIR : DG_SRC_EMPTY, f.items.len ? dir : "empty");
    dg_diff_pg_args a = {&old, src, false, false, online, allow, pg};
    dg_pg_planned p;
    int rc = dg_pg_plan_verified(&a, &p, d);
    if (rc == DG_EXIT_OK && !p.up.stmts.len)
        fprintf(stderr, "dalgen migrate: %s is already at the schema; nothing written\n", dir);
    else if (rc == DG_EXIT_OK && write_migration(&f, name, &p.up, &p.down, DG_ENGINE_POSTGRESQL, d) != 0)
        rc = DG_EXIT_INPUT;
    dg_pg_planned_free(&p);
    dg_sources_free(&old);
    dg_mfolder_free(&f);
    return rc;
}

static int migrate_new(int argc, char **argv, dg_diags *d)
{
    if (argc < 1 || argv[0][0] == '-') return dg_usage_error("migrate", "new needs a NAME");
    const char *name = argv[0], *dir = NULL;
    bool missing = false;
    dg_lint_allow allow = {0};
    dg_sources src = {0};
    dg_engine_flags eng = {0};
    dg_engine engine = DG_ENGINE_SQLITE;
    bool online = false;
    int rc = DG_EXIT_OK;
    if (!valid_name(name)) return dg_usage_error("migrate", "NAME may hold only letters, digits and _");
    for (int i = 1; i < argc && rc == DG_EXIT_OK;) {
        int e = dg_cli_engine_flag("migrate", &eng, argc, argv, &i);
        if (e == DG_EXIT_USAGE) rc = e;
        if (e >= 0) continue;
        if (!strcmp(argv[i], "--online")) {
            online = true, i++;
            continue;
        }
        const char *v = dg_cli_opt("--dir", argc, argv, &i, &missing);
        const char *al = v || missing ? NULL : dg_cli_opt("--allow", argc, argv, &i, &missing);
        if (missing) rc = dg_usage_error("migrate", "%s needs a value", argv[i]);
        else if (v) dir = v;
        else if (al) rc = dg_cli_allow("migrate", &allow, al);
        else if (!strcmp(argv[i], "--allow-destructive")) allow.all = true, i++;
        else {
            int t = dg_cli_take_source("migrate", argc, argv, &i, &src);
            if (t < 0) rc = DG_EXIT_USAGE;
            else if (t == 0) rc = dg_usage_error("migrate", "unexpected argument '%s'", argv[i]);
        }
    }
    if (rc == DG_EXIT_OK && (!dir || !src.items.len))
        rc = dg_usage_error("migrate", "new needs --dir DIR and a schema source");
    if (rc == DG_EXIT_OK) rc = dg_cli_engine_of("migrate", &eng, &src, &engine);
    if (rc == DG_EXIT_OK && online && engine != DG_ENGINE_POSTGRESQL)
        rc = dg_usage_error("migrate", "--online plans PostgreSQL migrations (--engine postgresql)");
    if (rc == DG_EXIT_OK && engine == DG_ENGINE_POSTGRESQL) rc = migrate_new_pg(name, dir, &src, &allow, &eng.pg, online, d);
    else if (rc == DG_EXIT_OK) rc = migrate_new_sqlite(name, dir, &src, &allow, d);
    dg_sources_free(&src);
    dg_lint_allow_free(&allow);
    return rc;
}

static int migrate_hash(int argc, char **argv, dg_diags *d)
{
    const char *dir = NULL;
    bool missing = false;
    for (int i = 0; i < argc;) {
        const char *v = dg_cli_opt("--dir", argc, argv, &i, &missing);
        if (missing) return dg_usage_error("migrate", "--dir needs a value");
        if (!v) return dg_usage_error("migrate", "unexpected argument '%s'", argv[i]);
        dir = v;
    }
    if (!dir) return dg_usage_error("migrate", "hash needs --dir DIR");
    dg_mfolder f;
    int rc = dg_mfolder_read(dir, false, &f, d) == 0 && dg_sum_write(&f, d) == 0 ? DG_EXIT_OK : DG_EXIT_INPUT;
    dg_mfolder_free(&f);
    return rc;
}

static int parse_int(const char *opt, const char *v, int64_t *out)
{
    char *end;
    long long n = strtoll(v, &end, 10);
    if (!*v || *end || n < 0) return dg_usage_error("migrate", "%s needs a non-negative number", opt);
    *out = n;
    return 0;
}

static int parse_ms(const char *opt, const char *v, int *out)
{
    int64_t n = 0;
    if (parse_int(opt, v, &n)) return DG_EXIT_USAGE;
    if (n > 2147483647) return dg_usage_error("migrate", "%s: at most 2147483647 ms", opt);
    *out = (int)n;
    return 0;
}

static int run_opt(dg_run_args *a, size_t k, const char *v)
{
    switch (k) {
    case 0: a->db = v; return 0;
    case 1: a->dir = v; return 0;
    case 2: return parse_int("--to", v, &a->to);
    case 3: return parse_int("--steps", v, &a->steps);
    case 4: return parse_int("--baseline", v, &a->baseline);
    case 5: a->backup = v; return 0;
    case 6: return parse_ms("--lock-wait", v, &a->lock_wait_ms);
    case 7: return parse_ms("--lock-timeout", v, &a->lock_timeout_ms);
    default: return parse_ms("--statement-timeout", v, &a->statement_timeout_ms);
    }
}

/* What each subcommand takes beyond --db and --dir. */
static int run_check(const char *what, const dg_run_args *a)
{
    if (!a->db || !a->dir) return dg_usage_error("migrate", "%s needs --db DB and --dir DIR", what);
    if (a->to >= 0 && a->steps >= 0) return dg_usage_error("migrate", "--to and --steps exclude each other");
    if (!strcmp(what, "baseline") && a->to < 0) return dg_usage_error("migrate", "baseline needs --to N");
    if (!strcmp(what, "reset") && (a->to >= 0 || a->steps >= 0))
        return dg_usage_error("migrate", "reset reverts everything: --to and --steps do not apply");
    return 0;
}

static int migrate_run(const char *what, int argc, char **argv, dg_diags *d)
{
    dg_run_args a = {NULL, NULL, -1, -1, 0, NULL, isatty(2) == 1, false, isatty(0) == 1, -1, 0, 0};
    bool missing = false;
    enum { NOPTS = 9 };
    for (int i = 0; i < argc;) {
        static const char *const opts[NOPTS] = {"--db", "--dir", "--to", "--steps", "--baseline", "--backup",
                                                "--lock-wait", "--lock-timeout", "--statement-timeout"};
        const char *v = NULL;
        size_t k = 0;
        if (!strcmp(argv[i], "--yes")) {
            a.yes = true, i++;
            continue;
        }
        for (; k < NOPTS && !v && !missing; k++) v = dg_cli_opt(opts[k], argc, argv, &i, &missing);
        if (missing) return dg_usage_error("migrate", "%s needs a value", opts[k - 1]);
        if (!v) return dg_usage_error("migrate", "unexpected argument '%s'", argv[i]);
        if (run_opt(&a, k - 1, v)) return DG_EXIT_USAGE;
    }
    if (run_check(what, &a)) return DG_EXIT_USAGE;
    return dg_migrate_run(what, &a, d) == 0 ? DG_EXIT_OK : DG_EXIT_INPUT;
}

int cmd_migrate(int argc, char **argv, dg_diags *d)
{
    if (argc < 1)
        return dg_usage_error("migrate", "needs a subcommand: new, hash, apply, status, down, reset or baseline");
    const char *sub = argv[0];
    if (!strcmp(sub, "new")) return migrate_new(argc - 1, argv + 1, d);
    if (!strcmp(sub, "hash")) return migrate_hash(argc - 1, argv + 1, d);
    if (!strcmp(sub, "apply") || !strcmp(sub, "status") || !strcmp(sub, "down") || !strcmp(sub, "reset") ||
        !strcmp(sub, "baseline"))
        return migrate_run(sub, argc - 1, argv + 1, d);
    return dg_usage_error("migrate", "unknown subcommand '%s'", sub);
}
