/* migrate.crash: kill -9 a process in the middle of applying migrations,
 * many times, at random moments; after each kill the database must be at a
 * whole version (its schema exactly that version's), pass integrity_check
 * and foreign_key_check, and hold every row.
 *
 *   mig_test_crash [KILLS [SEED [ROWS [DALGEN]]]]   default 60 kills, seed 1, 3000 rows
 * Journal modes alternate between WAL and rollback journal; with DALGEN,
 * half the kills hit a `dalgen migrate apply` process, the others a process
 * calling dal_migrate_apply.  Then the disk dies after n writes (a test
 * VFS), for growing n, and 4 processes migrate at once. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <dal.h>
#include <sqlite3.h>

#include "harness.h"
#include "ioerr_vfs.h"
#include "util/buf.h"
#include "migrations/mfolder.h"
#include "migrations/sum.h"
#include "util/fsutil.h"

#define NV 4
static const char *const versions[NV] = {
    "CREATE TABLE big (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT, n INTEGER);\n"
    "CREATE TABLE child (id INTEGER PRIMARY KEY, big_id INTEGER REFERENCES big(id) ON DELETE CASCADE, w TEXT);\n"
    "CREATE INDEX child_big ON child(big_id);\n",
    "CREATE TABLE big (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT, n INTEGER NOT NULL DEFAULT 0, note TEXT DEFAULT 'x');\n"
    "CREATE TABLE child (id INTEGER PRIMARY KEY, big_id INTEGER REFERENCES big(id) ON DELETE CASCADE, w TEXT);\n"
    "CREATE INDEX child_big ON child(big_id);\n",
    "CREATE TABLE big (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT, n INTEGER NOT NULL DEFAULT 0, note TEXT DEFAULT 'x');\n"
    "CREATE TABLE child (id INTEGER PRIMARY KEY, big_id INTEGER REFERENCES big(id) ON DELETE CASCADE, w TEXT NOT NULL DEFAULT '');\n"
    "CREATE INDEX child_big ON child(big_id);\nCREATE INDEX big_v ON big(v);\n",
    "CREATE TABLE big (id INTEGER PRIMARY KEY AUTOINCREMENT, value TEXT, -- @renamed_from v\n"
    "  n INTEGER NOT NULL DEFAULT 0, note TEXT DEFAULT 'x') STRICT;\n"
    "CREATE TABLE child (id INTEGER PRIMARY KEY, big_id INTEGER REFERENCES big(id) ON DELETE CASCADE, w TEXT NOT NULL DEFAULT '');\n"
    "CREATE INDEX child_big ON child(big_id);\nCREATE INDEX big_v ON big(value);\n",
};

static dal_migration list[NV];
static char sums[NV][65];
static char *expected[NV + 1];
static char names[NV][16];

static char *plan_sql(const char *a_sql, const char *b_sql)
{
    dg_schema *a = a_sql ? mh_load_text(a_sql) : dg_schema_new(), *b = mh_load_text(b_sql);
    if (!a || !b) {
        fprintf(stderr, "schema does not load\n");
        exit(1);
    }
    dg_plan p;
    dg_diff_plan(a, b, NULL, &p);
    char *sql = dg_plan_sql(&p, NULL);
    dg_plan_free(&p);
    dg_schema_free(a);
    dg_schema_free(b);
    return sql;
}

static int open_db(const char *path, bool wal, dal_db **db)
{
    dal_options o = DAL_OPTIONS_INIT;
    o.no_wal = !wal;
    return dal_open(db, path, &o);
}

static void copy_file(const char *from, const char *to)
{
    char *data = NULL;
    size_t len;
    if (dg_read_file(from, &data, &len) != 0) exit(1);
    unlink(to);
    char *wal = dg_xprintf("%s-wal", to), *jr = dg_xprintf("%s-journal", to), *shm = dg_xprintf("%s-shm", to);
    unlink(wal); unlink(jr); unlink(shm);
    free(wal); free(jr); free(shm);
    FILE *f = fopen(to, "wb");
    if (!f || fwrite(data, 1, len, f) != len) exit(1);
    fclose(f);
    free(data);
}

static long long now_us(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

/* Base database: version 1 with rows, in the given journal mode. */
static void make_base(const char *path, bool wal, int rows)
{
    dal_db *db = NULL;
    unlink(path);
    if (open_db(path, wal, &db) != DAL_OK || dal_migrate_apply(db, list, NV, &(dal_migrate_options){
            DAL_MIGRATE_OPTIONS_VERSION, 1, 0, NULL, NULL, NULL}, NULL) != DAL_OK) {
        fprintf(stderr, "base: %s\n", dal_errmsg(db));
        exit(1);
    }
    dal_exec(db, "BEGIN");
    for (int i = 1; i <= rows; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "INSERT INTO big (v, n) VALUES ('value %d', %d); INSERT INTO child (big_id, w) VALUES (%d, NULL);",
                 i, i, i);
        dal_exec(db, sql);
    }
    dal_exec(db, "DELETE FROM big WHERE id = (SELECT max(id) FROM big)");   /* seq > max(id) */
    dal_exec(db, "COMMIT");
    if (wal) dal_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    dal_close(db);
}

static long long query_int(sqlite3 *h, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* 0 when the database is whole; prints what is wrong otherwise. */
static int inspect(const char *path, int rows, int *version)
{
    dal_db *db = NULL;
    int bad = 0;
    if (dal_open(&db, path, NULL) != DAL_OK) {
        fprintf(stderr, "reopen: %s\n", dal_errmsg(db));
        dal_close(db);
        return 1;
    }
    sqlite3 *h = dal_sqlite(db);
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL);
    if (sqlite3_step(st) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st, 0), "ok")) {
        fprintf(stderr, "integrity_check failed\n");
        bad++;
    }
    sqlite3_finalize(st);
    if (query_int(h, "SELECT count(*) FROM pragma_foreign_key_check") != 0) {
        fprintf(stderr, "foreign_key_check reports violations\n");
        bad++;
    }
    *version = (int)query_int(h, "SELECT max(id) FROM _dal_migrations");
    char *desc = NULL;
    if (*version < 1 || *version > NV || dal_schema_describe(db, &desc) != DAL_OK ||
        strcmp(desc, expected[*version]) != 0) {
        fprintf(stderr, "schema is not the one of version %d:\n%s\n", *version, desc ? desc : "?");
        bad++;
    }
    sqlite3_free(desc);
    if (query_int(h, "SELECT count(*) FROM big") != rows - 1 || query_int(h, "SELECT count(*) FROM child") != rows - 1 ||
        query_int(h, "SELECT sum(n) FROM big") != (long long)(rows - 1) * rows / 2 ||
        query_int(h, "SELECT seq FROM sqlite_sequence WHERE name = 'big'") != rows) {
        fprintf(stderr, "rows lost at version %d: big %lld, child %lld, sum %lld, seq %lld\n", *version,
                query_int(h, "SELECT count(*) FROM big"), query_int(h, "SELECT count(*) FROM child"),
                query_int(h, "SELECT sum(n) FROM big"), query_int(h, "SELECT seq FROM sqlite_sequence WHERE name = 'big'"));
        bad++;
    }
    dal_close(db);
    return bad;
}

/* The migrations as a folder with its dalgen.sum, for `dalgen migrate apply`. */
static char *write_folder(void)
{
    char *dir = dg_xprintf("%s/migrations", mh_tmpdir());
    dg_mkdirs(dir);
    for (int i = 0; i < NV; i++) {
        char *p = dg_xprintf("%s/%s.up.sql", dir, names[i]);
        FILE *f = fopen(p, "wb");
        if (!f || fputs(list[i].up, f) < 0 || fclose(f) != 0) exit(1);
        free(p);
    }
    dg_diags d = DG_DIAGS_INIT;
    dg_mfolder mf;
    int failed = dg_mfolder_read(dir, false, &mf, &d) != 0 || dg_sum_write(&mf, &d) != 0;
    dg_diags_print(&d, stderr);
    if (failed) exit(1);
    dg_mfolder_free(&mf);
    return dir;
}

/* The disk fails (every write, truncate and sync after the n-th is an I/O
 * error) for n = 0, 1, 2, ... until the migrations no longer hit it; after
 * each failure the database, reopened normally, must be whole. */
static int ioerr_phase(const char *base, const char *work, int rows, int *injections)
{
    int bad = 0;
    if (ioerr_vfs_register() != SQLITE_OK) return 1;
    int seen[NV + 1] = {0};
    for (long n = 0; n < 100000; n += 1 + n / 32) {
        copy_file(base, work);
        sqlite3 *h = NULL;
        dal_db *db = NULL;
        sqlite3_open_v2(work, &h, SQLITE_OPEN_READWRITE, "ioerr");
        int rc = dal_wrap(&db, h, NULL);
        ioerr_vfs_arm(n);
        if (rc == DAL_OK) rc = dal_migrate_apply(db, list, NV, NULL, NULL);
        bool fired = ioerr_vfs_fired();
        ioerr_vfs_arm(-1);
        dal_close(db);
        sqlite3_close(h);
        int version = 0;
        if (inspect(work, rows, &version) != 0) {
            fprintf(stderr, "I/O error after %ld writes broke the database\n", n);
            bad++;
        }
        if (!fired) {   /* every write succeeded: the run must have finished */
            if (rc != DAL_OK || version != NV) bad++;
            break;
        }
        (*injections)++;
        if (version >= 0 && version <= NV) seen[version]++;
    }
    printf("%d I/O error injections: %s; versions left:", *injections, bad ? "FAILED" : "database whole every time");
    for (int v = 1; v <= NV; v++) printf(" v%d=%d", v, seen[v]);
    printf("\n");
    return bad;
}

/* Several processes migrate the same database at once: each migration runs
 * exactly once, nobody fails, and the result is whole. */
static int concurrent(const char *base, const char *work, int rows, int procs)
{
    copy_file(base, work);
    pid_t pids[16];
    for (int i = 0; i < procs; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            dal_db *db = NULL;
            int rc = open_db(work, false, &db);
            if (rc == DAL_OK) rc = dal_migrate_apply(db, list, NV, NULL, NULL);
            if (rc != DAL_OK) fprintf(stderr, "concurrent runner: %s\n", dal_errmsg(db));
            dal_close(db);
            _exit(rc == DAL_OK ? 0 : 3);
        }
    }
    int bad = 0, version = 0;
    for (int i = 0; i < procs; i++) {
        int status = 0;
        waitpid(pids[i], &status, 0);
        bad += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    }
    bad += inspect(work, rows, &version);
    if (version != NV) bad++;
    sqlite3 *h = NULL;
    sqlite3_open(work, &h);
    if (query_int(h, "SELECT count(*) FROM _dal_migrations") != NV) bad++;
    sqlite3_close(h);
    printf("%d processes migrating at once: %s\n", procs, bad ? "FAILED" : "each migration ran once");
    return bad;
}

int main(int argc, char **argv)
{
    int kills = argc > 1 ? atoi(argv[1]) : 60;
    unsigned seed = argc > 2 ? (unsigned)atoi(argv[2]) : 1;
    int rows = argc > 3 ? atoi(argv[3]) : 3000;
    srand(seed);
    for (int i = 0; i < NV; i++) {
        snprintf(names[i], sizeof names[i], "%04d_v%d", i + 1, i + 1);
        char *up = plan_sql(i ? versions[i - 1] : NULL, versions[i]);
        dg_sha256_hex_normalized(up, strlen(up), sums[i]);   /* as dalgen computes it */
        list[i] = (dal_migration){i + 1, names[i], up, NULL, sums[i]};
    }
    char *base[2], *work = dg_xprintf("%s/work.db", mh_tmpdir());
    long long full_us[2];
    for (int w = 0; w < 2; w++) {
        base[w] = dg_xprintf("%s/base%d.db", mh_tmpdir(), w);
        make_base(base[w], w == 1, rows);
        copy_file(base[w], work);
        dal_db *db = NULL;
        long long t0 = now_us();
        open_db(work, w == 1, &db);
        for (int v = 1; v <= NV; v++) {   /* the schema of each version, from the runner itself */
            dal_migrate_options o = DAL_MIGRATE_OPTIONS_INIT;
            o.target = v;
            if (dal_migrate_apply(db, list, NV, &o, NULL) != DAL_OK) {
                fprintf(stderr, "full run: %s\n", dal_errmsg(db));
                return 1;
            }
            if (w == 0) dal_schema_describe(db, &expected[v]);
        }
        full_us[w] = now_us() - t0;
        dal_close(db);
    }
    const char *dalgen = argc > 4 ? argv[4] : NULL;
    char *folder = write_folder();
    long long cli_us[2] = {0, 0};
    for (int w = 0; dalgen && w < 2; w++) {   /* how long a whole `dalgen migrate apply` takes */
        copy_file(base[w], work);
        char *cmd = dg_xprintf("'%s' migrate apply --db '%s' --dir '%s' >/dev/null", dalgen, work, folder);
        long long t0 = now_us();
        if (system(cmd) != 0) {
            fprintf(stderr, "dalgen migrate apply failed\n");
            return 1;
        }
        cli_us[w] = now_us() - t0;
        free(cmd);
    }
    int lost = 0, midway = 0, by_version[NV + 1] = {0};
    for (int k = 0; k < kills; k++) {
        int w = k % 2;
        bool cli = dalgen && k % 4 >= 2;   /* half the kills hit the dalgen process */
        copy_file(base[w], work);
        pid_t pid = fork();
        if (pid == 0 && cli) {
            int null = open("/dev/null", O_WRONLY);
            dup2(null, 1);
            execl(dalgen, "dalgen", "migrate", "apply", "--db", work, "--dir", folder, (char *)NULL);
            _exit(4);
        }
        if (pid == 0) {
            dal_db *db = NULL;
            open_db(work, w == 1, &db);
            int rc = dal_migrate_apply(db, list, NV, NULL, NULL);
            _exit(rc == DAL_OK ? 0 : 3);
        }
        long long span = cli ? cli_us[w] : full_us[w];
        long long wait = rand() % (span * 12 / 10 + 1);
        struct timespec ts = {(time_t)(wait / 1000000), (long)(wait % 1000000) * 1000};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        if (WIFSIGNALED(status)) midway++;
        else if (WEXITSTATUS(status) != 0) {
            fprintf(stderr, "kill %d: the runner failed on its own\n", k);
            lost++;
            continue;
        }
        int version = 0;
        if (inspect(work, rows, &version) != 0) {
            fprintf(stderr, "kill %d (%s) broke the database\n", k, w ? "wal" : "rollback journal");
            lost++;
        } else {
            by_version[version]++;
        }
    }
    lost += concurrent(base[0], work, rows, 4);
    int injections = 0;
    lost += ioerr_phase(base[0], work, rows, &injections);
    printf("%d kills (%d during the run), %d left a broken database or lost rows; versions seen:", kills, midway, lost);
    for (int v = 1; v <= NV; v++) printf(" v%d=%d", v, by_version[v]);
    printf("\n");
    for (int i = 0; i < NV; i++) free((char *)list[i].up);
    for (int v = 1; v <= NV; v++) sqlite3_free(expected[v]);
    free(base[0]); free(base[1]); free(work); free(folder);
    return lost ? 1 : 0;
}
