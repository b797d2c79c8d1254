/* Clear failures at the edges, each produced for real: a missing folder, a
 * read-only folder, a file that is not a database, a database locked by
 * another process, a full database. */
#include "rt_util.h"

#include <sys/stat.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[256];

static int setup(void **state)
{
    (void)state;
    rt_tmpdir(dir, sizeof dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    chmod(dir, 0700);
    rt_rmdir(dir);
    return 0;
}

static void missing_folder_is_named(void **state)
{
    char path[400], folder[300];
    dal_db *db = NULL;
    (void)state;
    snprintf(folder, sizeof folder, "%s/no/such", dir);
    snprintf(path, sizeof path, "%s/app.db", folder);
    assert_int_equal(dal_open(&db, path, NULL), DAL_ERROR);
    assert_non_null(db);
    assert_int_equal(dal_errcode(db), SQLITE_CANTOPEN);
    assert_non_null(strstr(dal_errmsg(db), folder));
    assert_non_null(strstr(dal_errmsg(db), "does not exist"));
    assert_int_equal(access(folder, F_OK), -1);  /* nothing was created */
    dal_close(db);
}

static void create_dirs_makes_the_folder(void **state)
{
    char path[400];
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    struct stat sb;
    (void)state;
    o.create_dirs = true;
    snprintf(path, sizeof path, "%s/a/b/c/app.db", dir);
    assert_int_equal(dal_open(&db, path, &o), DAL_OK);
    assert_int_equal(dal_exec(db, "CREATE TABLE t(x)"), DAL_OK);
    dal_close(db);
    assert_int_equal(stat(path, &sb), 0);
    assert_true(sb.st_size > 0);
}

static void a_file_is_not_a_folder(void **state)
{
    char file[300], path[400];
    dal_db *db = NULL;
    FILE *f;
    (void)state;
    snprintf(file, sizeof file, "%s/plain", dir);
    assert_non_null(f = fopen(file, "w"));
    fclose(f);
    snprintf(path, sizeof path, "%s/app.db", file);
    assert_int_equal(dal_open(&db, path, NULL), DAL_ERROR);
    assert_non_null(strstr(dal_errmsg(db), "is not a folder"));
    dal_close(db);
}

static void not_a_database(void **state)
{
    char path[400];
    dal_db *db = NULL;
    FILE *f;
    int i;
    (void)state;
    snprintf(path, sizeof path, "%s/notes.db", dir);
    assert_non_null(f = fopen(path, "w"));
    for (i = 0; i < 100; i++) fputs("these are notes, not a database\n", f);
    fclose(f);
    assert_int_equal(dal_open(&db, path, NULL), DAL_ERROR);
    assert_int_equal(dal_errcode(db), SQLITE_NOTADB);
    assert_non_null(strstr(dal_errmsg(db), path));
    assert_non_null(strstr(dal_errmsg(db), "file is not a database"));
    dal_close(db);
}

static void read_only_option_does_not_create(void **state)
{
    char path[400];
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    (void)state;
    o.read_only = true;
    snprintf(path, sizeof path, "%s/absent.db", dir);
    assert_int_equal(dal_open(&db, path, &o), DAL_ERROR);
    assert_int_equal(dal_errcode(db) & 0xff, SQLITE_CANTOPEN);
    assert_non_null(strstr(dal_errmsg(db), path));
    assert_int_equal(access(path, F_OK), -1);
    dal_close(db);
}

/* Runs fn in a child process that has no right to write (root drops to
 * nobody, since root writes anywhere); returns what the child reported. */
static void as_unprivileged(void (*fn)(int fd, const char *arg), const char *arg, char *out, size_t size)
{
    int fds[2], status = 0;
    pid_t pid;
    ssize_t n;
    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(3);
        fn(fds[1], arg);
        _exit(0);
    }
    close(fds[1]);
    n = read(fds[0], out, size - 1);
    out[n > 0 ? n : 0] = '\0';
    close(fds[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static void report_open(int fd, const char *path, const dal_options *o)
{
    dal_db *db = NULL;
    char msg[1200];
    int rc = dal_open(&db, path, o);
    int len = snprintf(msg, sizeof msg, "%d|%d|%s", rc, dal_errcode(db), dal_errmsg(db));
    if (write(fd, msg, (size_t)len) != len) _exit(4);
    dal_close(db);
}

static void open_for_writing(int fd, const char *path) { report_open(fd, path, NULL); }

static void open_read_only(int fd, const char *path)
{
    dal_options o = DAL_OPTIONS_INIT;
    o.read_only = true;
    report_open(fd, path, &o);
}

static void read_only_folder(void **state)
{
    char ro[300], fresh[400], existing[400], got[1300], want[64];
    dal_db *db = NULL;
    dal_options o = DAL_OPTIONS_INIT;
    (void)state;
    o.no_wal = true;  /* WAL would need -wal/-shm files next to it */
    snprintf(ro, sizeof ro, "%s/ro", dir);
    assert_int_equal(mkdir(ro, 0755), 0);
    snprintf(existing, sizeof existing, "%s/data.db", ro);
    assert_int_equal(dal_open(&db, existing, &o), DAL_OK);
    assert_int_equal(dal_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1)"), DAL_OK);
    dal_close(db);
    assert_int_equal(chmod(existing, 0444), 0);
    assert_int_equal(chmod(ro, 0555), 0);
    assert_int_equal(chmod(dir, 0755), 0);

    /* a new database cannot be created there */
    snprintf(fresh, sizeof fresh, "%s/new.db", ro);
    as_unprivileged(open_for_writing, fresh, got, sizeof got);
    snprintf(want, sizeof want, "%d|%d|", DAL_ERROR, SQLITE_CANTOPEN);
    assert_true(strncmp(got, want, strlen(want)) == 0);
    assert_non_null(strstr(got, fresh));
    assert_non_null(strstr(got, "Permission denied"));

    /* an existing one cannot be opened for writing ... */
    as_unprivileged(open_for_writing, existing, got, sizeof got);
    snprintf(want, sizeof want, "%d|%d|", DAL_ERROR, SQLITE_READONLY);
    assert_true(strncmp(got, want, strlen(want)) == 0);
    assert_non_null(strstr(got, "read-only"));
    /* ... but opens with the read_only option */
    as_unprivileged(open_read_only, existing, got, sizeof got);
    snprintf(want, sizeof want, "%d|0|", DAL_OK);
    assert_true(strncmp(got, want, strlen(want)) == 0);
}

/* The clock libdal measures its wait with (a wall clock may step). */
static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A second process holds the write lock until told to stop. */
static pid_t hold_lock(const char *path, const char *lock_sql, int *release_fd)
{
    int ready[2], go[2];
    char c;
    pid_t pid;
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(go), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        sqlite3 *h = NULL;
        close(ready[0]);
        close(go[1]);
        if (sqlite3_open(path, &h) != SQLITE_OK ||
            sqlite3_exec(h, lock_sql, NULL, NULL, NULL) != SQLITE_OK)
            _exit(1);
        if (write(ready[1], "L", 1) != 1) _exit(2);
        if (read(go[0], &c, 1) < 0) _exit(3);
        sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
        sqlite3_close(h);
        _exit(0);
    }
    close(ready[1]);
    close(go[0]);
    assert_int_equal(read(ready[0], &c, 1), 1);
    close(ready[0]);
    *release_fd = go[1];
    return pid;
}

static void locked_by_another_process(void **state)
{
    char path[400];
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    int release_fd, status = 0;
    long long waited = 0;
    const char *w;
    int64_t t0, took;
    pid_t pid;
    (void)state;
    snprintf(path, sizeof path, "%s/locked.db", dir);
    assert_int_equal(dal_open(&db, path, NULL), DAL_OK);
    assert_int_equal(dal_exec(db, "CREATE TABLE t(x)"), DAL_OK);
    dal_close(db);
    db = NULL;

    pid = hold_lock(path, "BEGIN IMMEDIATE; INSERT INTO t VALUES (2)", &release_fd);
    o.busy_timeout_ms = 300;
    assert_int_equal(dal_open(&db, path, &o), DAL_OK);
    t0 = now_ms();
    assert_int_equal(dal_begin(db), DAL_BUSY);
    took = now_ms() - t0;
    assert_int_equal(dal_errcode(db), SQLITE_BUSY);
    assert_non_null(strstr(dal_errmsg(db), "database is locked"));
    assert_non_null(w = strstr(dal_errmsg(db), "waited "));
    waited = strtoll(w + 7, NULL, 10);
    assert_true(waited >= 300);
    assert_true(took + 1 >= 300);   /* both ends are whole milliseconds */
    assert_true(waited <= took + 5);
    assert_int_equal(dal_txn_depth(db), 0);

    /* once the other process commits, the same connection proceeds */
    assert_int_equal(write(release_fd, "G", 1), 1);
    close(release_fd);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(dal_begin(db), DAL_OK);
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (3)"), DAL_OK);
    assert_int_equal(dal_commit(db), DAL_OK);
    assert_int_equal(rt_int(dal_sqlite(db), "SELECT count(*) FROM t"), 2);
    dal_close(db);
}

static void zero_timeout_reports_no_wait(void **state)
{
    char path[400];
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    int release_fd, status = 0;
    pid_t pid;
    (void)state;
    snprintf(path, sizeof path, "%s/locked0.db", dir);
    assert_int_equal(dal_open(&db, path, NULL), DAL_OK);
    assert_int_equal(dal_exec(db, "CREATE TABLE t(x)"), DAL_OK);
    dal_close(db);
    db = NULL;
    pid = hold_lock(path, "BEGIN IMMEDIATE; INSERT INTO t VALUES (2)", &release_fd);
    o.busy_timeout_ms = 0;
    assert_int_equal(dal_open(&db, path, &o), DAL_OK);
    assert_int_equal(dal_exec(db, "INSERT INTO t VALUES (9)"), DAL_BUSY);
    assert_non_null(strstr(dal_errmsg(db), "did not wait"));
    assert_int_equal(write(release_fd, "G", 1), 1);
    close(release_fd);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    dal_close(db);
}

/* Without WAL an exclusive lock blocks readers too: dal_open itself waits,
 * then reports DAL_BUSY. */
static void exclusive_lock_blocks_open(void **state)
{
    char path[400];
    dal_options o = DAL_OPTIONS_INIT;
    dal_db *db = NULL;
    int release_fd, status = 0;
    const char *w;
    pid_t pid;
    (void)state;
    o.no_wal = true;
    snprintf(path, sizeof path, "%s/excl.db", dir);
    assert_int_equal(dal_open(&db, path, &o), DAL_OK);
    assert_int_equal(dal_exec(db, "CREATE TABLE t(x)"), DAL_OK);
    dal_close(db);
    db = NULL;
    pid = hold_lock(path, "BEGIN EXCLUSIVE; INSERT INTO t VALUES (2)", &release_fd);
    o.busy_timeout_ms = 150;
    assert_int_equal(dal_open(&db, path, &o), DAL_BUSY);
    assert_int_equal(dal_errcode(db), SQLITE_BUSY);
    assert_non_null(strstr(dal_errmsg(db), "cannot open"));
    assert_non_null(w = strstr(dal_errmsg(db), "database is locked (waited "));
    assert_true(strtoll(w + 27, NULL, 10) >= 150);
    dal_close(db);
    assert_int_equal(write(release_fd, "G", 1), 1);
    close(release_fd);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* A wrapped connection keeps the program's busy handling: SQLite's message. */
static void wrapped_connection_reports_sqlites_busy_message(void **state)
{
    char path[400];
    dal_db *db = NULL;
    sqlite3 *h = NULL;
    int release_fd, status = 0;
    pid_t pid;
    (void)state;
    snprintf(path, sizeof path, "%s/wrapped.db", dir);
    assert_int_equal(dal_open(&db, path, NULL), DAL_OK);
    assert_int_equal(dal_exec(db, "CREATE TABLE t(x)"), DAL_OK);
    dal_close(db);
    db = NULL;
    pid = hold_lock(path, "BEGIN IMMEDIATE; INSERT INTO t VALUES (2)", &release_fd);
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(dal_wrap(&db, h, NULL), DAL_OK);
    assert_int_equal(dal_begin(db), DAL_BUSY);
    assert_string_equal(dal_errmsg(db), "database is locked");
    dal_close(db);
    sqlite3_close(h);
    assert_int_equal(write(release_fd, "G", 1), 1);
    close(release_fd);
    assert_int_equal(waitpid(pid, &status, 0), pid);
}

static void full_database(void **state)
{
    char path[400];
    dal_db *db = NULL;
    int i, rc = DAL_OK;
    (void)state;
    snprintf(path, sizeof path, "%s/full.db", dir);
    assert_int_equal(dal_open(&db, path, NULL), DAL_OK);
    assert_int_equal(dal_exec(db, "CREATE TABLE t(b BLOB)"), DAL_OK);
    assert_int_equal(rt_int(dal_sqlite(db), "PRAGMA max_page_count = 16"), 16);
    assert_int_equal(dal_begin(db), DAL_OK);
    for (i = 0; i < 100 && rc == DAL_OK; i++)
        rc = dal_exec(db, "INSERT INTO t VALUES (randomblob(4000))");
    assert_int_equal(rc, DAL_ERROR);
    assert_int_equal(dal_errcode(db), SQLITE_FULL);
    assert_string_equal(dal_errmsg(db), "database or disk is full");
    assert_int_equal(dal_rollback(db), DAL_OK);
    assert_int_equal(dal_txn_depth(db), 0);
    assert_int_equal(rt_int(dal_sqlite(db), "SELECT count(*) FROM t"), 0);
    dal_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(missing_folder_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(create_dirs_makes_the_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(a_file_is_not_a_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(not_a_database, setup, teardown),
        cmocka_unit_test_setup_teardown(read_only_option_does_not_create, setup, teardown),
        cmocka_unit_test_setup_teardown(read_only_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(locked_by_another_process, setup, teardown),
        cmocka_unit_test_setup_teardown(zero_timeout_reports_no_wait, setup, teardown),
        cmocka_unit_test_setup_teardown(exclusive_lock_blocks_open, setup, teardown),
        cmocka_unit_test_setup_teardown(wrapped_connection_reports_sqlites_busy_message, setup, teardown),
        cmocka_unit_test_setup_teardown(full_database, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
