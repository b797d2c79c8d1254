/* e2e.h - the little harness of the queries' end-to-end programs: open an
 * in-memory database, run schema files, and check results. */
#ifndef Q_E2E_H
#define Q_E2E_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dal.h>

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            exit(1);                                                                \
        }                                                                           \
    } while (0)

#define CHECK_RC(db, call, want)                                                            \
    do {                                                                                    \
        int rc_ = (call);                                                                   \
        if (rc_ != (want)) {                                                                \
            fprintf(stderr, "%s:%d: %s returned %s (%s), expected %s\n", __FILE__, __LINE__, \
                    #call, dal_rc_name(rc_), dal_errmsg(db), #want);                         \
            exit(1);                                                                        \
        }                                                                                   \
    } while (0)

#define CHECK_STR(a, b) CHECK((a) != NULL && strcmp((a), (b)) == 0)

/* Opens an in-memory database and runs every schema file given. */
static dal_db *e2e_open(int nfiles, char **files)
{
    dal_db *db = NULL;
    dal_options opts = DAL_OPTIONS_INIT;
    opts.no_wal = true;
    if (dal_open(&db, ":memory:", &opts) != DAL_OK) {
        fprintf(stderr, "open: %s\n", db ? dal_errmsg(db) : "out of memory");
        exit(1);
    }
    for (int i = 0; i < nfiles; i++) {
        FILE *f = fopen(files[i], "rb");
        if (!f) {
            perror(files[i]);
            exit(1);
        }
        static char buf[1 << 16];
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = 0;
        if (dal_exec(db, buf) != DAL_OK) {
            fprintf(stderr, "%s: %s\n", files[i], dal_errmsg(db));
            exit(1);
        }
    }
    return db;
}

#endif
