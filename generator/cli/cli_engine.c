/* cli_engine.c - which engine a command reads its schema with: --engine,
 * a postgres:// source, and the typing server's flags (cli.h). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int dg_cli_engine_flag(const char *cmd, dg_engine_flags *f, int argc, char **argv, int *i)
{
    static const char *const opts[] = {"--engine", "--pg-server", "--pg-run-as"};
    const char **slots[] = {&f->engine, &f->pg.server, &f->pg.run_as};
    for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
        bool missing = false;
        const char *v = dg_cli_opt(opts[k], argc, argv, i, &missing);
        if (missing) return dg_usage_error(cmd, "%s needs a value", opts[k]);
        if (!v) continue;
        *slots[k] = v;
        if (k > 0) f->pg_flags = true;
        return 0;
    }
    if (strcmp(argv[*i], "--allow-do") != 0) return -1;
    f->pg.allow_do = f->pg_flags = true;
    (*i)++;
    return 0;
}

/* The first source that only engine `want` reads, NULL when none. */
static const char *source_of(const dg_sources *src, dg_engine want)
{
    for (size_t i = 0; i < src->items.len; i++) {
        const dg_source *s = &src->items.items[i];
        dg_source_kind k = s->kind == DG_SRC_AUTO ? dg_source_detect(s->path) : s->kind;
        if (want == DG_ENGINE_POSTGRESQL && k == DG_SRC_PG_URI) return s->path;
        if (want == DG_ENGINE_SQLITE && (k == DG_SRC_DATABASE || k == DG_SRC_HEADER)) return s->path;
    }
    return NULL;
}

int dg_cli_engine_of(const char *cmd, dg_engine_flags *f, const dg_sources *src, dg_engine *out)
{
    const char *uri = source_of(src, DG_ENGINE_POSTGRESQL), *lite = source_of(src, DG_ENGINE_SQLITE);
    if (f->engine && strcmp(f->engine, "sqlite") != 0 && strcmp(f->engine, "postgresql") != 0)
        return dg_usage_error(cmd, "unknown engine '%s' (sqlite or postgresql)", f->engine);
    *out = (f->engine ? !strcmp(f->engine, "postgresql") : uri != NULL) ? DG_ENGINE_POSTGRESQL : DG_ENGINE_SQLITE;
    if (*out == DG_ENGINE_SQLITE && uri)
        return dg_usage_error(cmd, "'%s' is a PostgreSQL database, but the engine is sqlite", uri);
    if (*out == DG_ENGINE_POSTGRESQL && lite)
        return dg_usage_error(cmd, "'%s' is a SQLite source, but the engine is postgresql", lite);
    if (uri && src->items.len > 1)
        return dg_usage_error(cmd, "a PostgreSQL database (%s) must be the only schema source", uri);
    if (*out == DG_ENGINE_SQLITE && f->pg_flags)
        return dg_usage_error(cmd, "--pg-server, --pg-run-as and --allow-do need --engine postgresql");
    if (*out == DG_ENGINE_POSTGRESQL && !f->pg.server) {
        const char *env = getenv("DALGEN_PG_SERVER");
        if (env && *env) f->pg.server = env;
    }
    return DG_EXIT_OK;
}
