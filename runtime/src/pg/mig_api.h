/* mig_api.h - the entry points of PostgreSQL's migration runner
 * (mig_run.c, mig_schema.c), and the one-line hook by which each call of
 * dal_migrate.h hands a PostgreSQL connection over to them. */
#ifndef DAL_PG_MIG_API_H
#define DAL_PG_MIG_API_H

#include "dal.h"
#include "dal_config.h"

#if DAL_HAVE_POSTGRESQL
int dal__pgm_apply(dal_db *db, const dal_migration *list, size_t n, const dal_migrate_options *opts,
                   size_t *napplied);
int dal__pgm_down(dal_db *db, const dal_migration *list, size_t n, size_t steps, const dal_migrate_options *opts);
int dal__pgm_status(dal_db *db, const dal_migration *list, size_t n, dal_migrate_state *out);
int dal__pgm_history(dal_db *db, dal_migrate_history_fn fn, void *ctx);
int dal__pgm_describe(dal_db *db, char **out);
int dal__pgm_migrate_describe(dal_db *db, const dal_migration *list, size_t n, int64_t upto, char **out);

#define DAL__PG_MIGRATE(db, call)                                                                  \
    do {                                                                                           \
        if ((db) && dal_engine(db) == DAL_ENGINE_POSTGRESQL) return call;                          \
    } while (0)
#else
#define DAL__PG_MIGRATE(db, call) ((void)0)
#endif

#endif
