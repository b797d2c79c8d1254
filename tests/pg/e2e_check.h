/* What every PostgreSQL e2e program (tests/pgqueries/e2e, tests/pgreal/e2e)
 * shares: a count of failed checks, CHECK, and the database of its one
 * argument.  Included once, by the program's .c file, after the generated
 * header. */
#ifndef E2E_CHECK_H
#define E2E_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#include <dal_pg.h>

static int failures;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                          \
        }                                                                        \
    } while (0)

/* The database of argv[1] (the program's only argument), or NULL after
 * saying why on stderr.  With PGT_UNNAMED set (the runs through PgBouncer,
 * as in tests/pgrt/pg_util.h), its statements are unnamed. */
static dal_db *e2e_open(int argc, char **argv)
{
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    if (getenv("PGT_UNNAMED")) o.pg_statements = DAL_PG_UNNAMED;
    if (argc == 2 && dal_open(&db, argv[1], &o) == DAL_OK) return db;
    fprintf(stderr, "%s: cannot open %s%s%s\n", argv[0], argc == 2 ? argv[1] : "(no URI)",
            db ? ": " : "", db ? dal_errmsg(db) : "");
    dal_close(db);
    return NULL;
}

#endif
