/* pg_cluster.c - `--pg-server auto`: a private PostgreSQL cluster for one
 * run (pg_int.h).  initdb into a new folder under $TMPDIR, postgres on a
 * unix socket there (no TCP, fsync off), as --pg-run-as (default nobody)
 * when dalgen runs as root, since PostgreSQL refuses root.
 *
 * Cleanup is a watchdog process, not a signal handler: forked before the
 * cluster exists, it waits for the end of a pipe whose other end only this
 * process holds; when this process ends, however it ends (exit, SIGINT,
 * SIGTERM, even SIGKILL or a crash), the kernel closes that end and the
 * watchdog stops the server and removes the folder.  It ignores the
 * terminal's signals (its own session) and uses only async-signal-safe
 * calls after fork. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fsutil.h"
#include "frontend/pg/pg_int.h"

struct dg_pg_cluster {
    char *dir;         /* the temporary folder: data/, the socket, log */
    char *bindir;
    char *conninfo;
    char *pg_ctl;      /* bindir/pg_ctl */
    char *data;        /* dir/data */
    char *log;         /* dir/log: initdb's and the server's output */
    uid_t uid;         /* who runs the server */
    gid_t gid;
    bool  drop;        /* running as root: the server's processes switch to uid/gid */
    pid_t watchdog;
    int   pipe_w;      /* its pipe; closing it starts the cleanup */
};

/* PostgreSQL's binaries: pg_config --bindir, else the newest
 * /usr/lib/postgresql/N/bin. Caller frees; NULL when none has initdb. */
static char *find_bindir(void)
{
    char line[4096] = "";
    FILE *p = popen("pg_config --bindir 2>/dev/null", "r");
    if (p) {
        if (!fgets(line, sizeof line, p)) line[0] = '\0';
        pclose(p);
    }
    line[strcspn(line, "\n")] = '\0';
    char *path = dg_xprintf("%s/initdb", line);
    bool ok = line[0] && access(path, X_OK) == 0;
    free(path);
    if (ok) return dg_xstrdup(line);
    int best = -1;
    DIR *dir = opendir("/usr/lib/postgresql");
    for (struct dirent *e; dir && (e = readdir(dir));) {
        int v = atoi(e->d_name);
        char *init = dg_xprintf("/usr/lib/postgresql/%s/bin/initdb", e->d_name);
        if (v > best && access(init, X_OK) == 0) best = v;
        free(init);
    }
    if (dir) closedir(dir);
    return best < 0 ? NULL : dg_xprintf("/usr/lib/postgresql/%d/bin", best);
}

/* In a forked child: become the server's user (root only), stdin from
 * /dev/null, stdout and stderr to `log` (or /dev/null), then exec. */
static void exec_child(const dg_pg_cluster *k, char *const argv[], const char *log)
{
    if (k->drop && (setgroups(0, NULL) != 0 || setgid(k->gid) != 0 || setuid(k->uid) != 0)) _exit(126);
    /* opened as that user: the server appends to the log later */
    int in = open("/dev/null", O_RDONLY), out = open(log ? log : "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (in >= 0) dup2(in, 0);
    if (out >= 0) dup2(out, 1), dup2(out, 2);
    execv(argv[0], argv);
    _exit(127);
}

/* Runs argv to its end; its exit status, or -1. */
static int run(const dg_pg_cluster *k, char *const argv[], const char *log)
{
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) exec_child(k, argv, log);
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The watchdog's life: wait for EOF, stop the server, remove the folder. */
static void watchdog(const dg_pg_cluster *k, int fd_r)
{
    setsid();
    signal(SIGINT, SIG_IGN), signal(SIGTERM, SIG_IGN), signal(SIGHUP, SIG_IGN);
    int null = open("/dev/null", O_RDWR);   /* let go of the caller's stdout (a pipe someone reads) */
    if (null >= 0) dup2(null, 0), dup2(null, 1), dup2(null, 2);
    for (char c;;) {
        ssize_t n = read(fd_r, &c, 1);
        if (n == 0 || (n < 0 && errno != EINTR)) break;
    }
    char *stop[] = {k->pg_ctl, "-D", k->data, "-m", "immediate", "-w", "stop", NULL};
    run(k, stop, NULL);
    dg_pg_cluster drop = *k;
    drop.drop = false;   /* root removes what nobody made */
    char *rm[] = {"/bin/rm", "-rf", k->dir, NULL};
    run(&drop, rm, NULL);
    _exit(0);
}

/* Forks the watchdog; 0, or -1. */
static int start_watchdog(dg_pg_cluster *k)
{
    int fds[2];
    if (pipe(fds) != 0) return -1;
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);   /* initdb, pg_ctl and postgres must not hold it */
    k->watchdog = fork();
    if (k->watchdog < 0) {
        close(fds[0]), close(fds[1]);
        return -1;
    }
    if (k->watchdog == 0) {
        close(fds[1]);
        watchdog(k, fds[0]);
    }
    close(fds[0]);
    k->pipe_w = fds[1];
    return 0;
}

/* Who the server runs as: this process, or --pg-run-as as root. */
static int server_user(dg_pg_cluster *k, const char *run_as, dg_diags *d)
{
    k->uid = getuid(), k->gid = getgid();
    if (geteuid() != 0) return 0;
    const char *user = run_as && *run_as ? run_as : "nobody";
    struct passwd *pw = getpwnam(user);
    if (!pw || pw->pw_uid == 0) {
        dg_error(d, (dg_loc){NULL, 0, 0}, "--pg-server auto as root needs --pg-run-as USER, a user that is not "
                                          "root (PostgreSQL refuses root): '%s' %s", user,
                 pw ? "is root" : "does not exist");
        return -1;
    }
    k->uid = pw->pw_uid, k->gid = pw->pw_gid, k->drop = true;
    return 0;
}

/* The folder, owned by the server's user. */
static int make_dir(dg_pg_cluster *k, dg_diags *d)
{
    const char *t = getenv("TMPDIR");
    char *tmpl = dg_xprintf("%s/dalgen-pg-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpl)) {
        dg_error(d, (dg_loc){NULL, 0, 0}, "cannot create a folder for --pg-server auto (%s): %s", tmpl,
                 strerror(errno));
        free(tmpl);
        return -1;
    }
    k->dir = tmpl;
    k->data = dg_xprintf("%s/data", tmpl);
    k->log = dg_xprintf("%s/log", tmpl);
    if (k->drop && chown(tmpl, k->uid, k->gid) != 0) return -1;
    return 0;
}

/* The last lines of the log, for a message. */
static void report_log(const dg_pg_cluster *k, const char *what, dg_diags *d)
{
    char *text = NULL;
    size_t len = 0;
    if (dg_read_file(k->log, &text, &len) != 0) text = dg_xstrdup("");
    while (len > 0 && text[len - 1] == '\n') text[--len] = '\0';
    const char *tail = text + len;
    for (int lines = 0; tail > text && lines < 3; tail--)
        if (tail[-1] == '\n' && ++lines == 3) break;
    dg_error(d, (dg_loc){NULL, 0, 0}, "--pg-server auto: %s failed: %s", what, *tail ? tail : "(no output)");
    free(text);
}

static int init_and_start(dg_pg_cluster *k, dg_diags *d)
{
    char *initdb = dg_xprintf("%s/initdb", k->bindir);
    char *init[] = {initdb, "-D", k->data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8",
                    "--no-locale", NULL};
    int rc = run(k, init, k->log);
    free(initdb);
    if (rc != 0) return report_log(k, "initdb", d), -1;
    char *o = dg_xprintf("-k %s -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                         "-c full_page_writes=off -c max_locks_per_transaction=1024", k->dir);
    char *start[] = {k->pg_ctl, "-D", k->data, "-l", k->log, "-w", "-t", "60", "-o", o, "start", NULL};
    rc = run(k, start, NULL);
    free(o);
    if (rc != 0) return report_log(k, "starting postgres", d), -1;
    k->conninfo = dg_xprintf("host=%s port=5432 user=postgres dbname=postgres", k->dir);
    return 0;
}

dg_pg_cluster *dg_pg_cluster_start(const char *run_as, dg_diags *d)
{
    dg_pg_cluster *k = dg_xcalloc(1, sizeof *k);
    k->pipe_w = -1;
    k->bindir = find_bindir();
    if (!k->bindir) {
        dg_error(d, (dg_loc){NULL, 0, 0}, "--pg-server auto: no PostgreSQL server binaries (initdb) found "
                                          "through pg_config --bindir or /usr/lib/postgresql/*/bin");
        dg_pg_cluster_stop(k);
        return NULL;
    }
    k->pg_ctl = dg_xprintf("%s/pg_ctl", k->bindir);
    if (server_user(k, run_as, d) != 0 || make_dir(k, d) != 0) {
        dg_pg_cluster_stop(k);
        return NULL;
    }
    if (start_watchdog(k) != 0) {
        dg_error(d, (dg_loc){NULL, 0, 0}, "--pg-server auto: cannot fork: %s", strerror(errno));
        dg_pg_cluster_stop(k);
        return NULL;
    }
    if (init_and_start(k, d) != 0) {
        dg_pg_cluster_stop(k);
        return NULL;
    }
    return k;
}

const char *dg_pg_cluster_conninfo(const dg_pg_cluster *k)
{
    return k->conninfo;
}

void dg_pg_cluster_stop(dg_pg_cluster *k)
{
    if (!k) return;
    if (k->pipe_w >= 0) {
        close(k->pipe_w);   /* the watchdog stops the server and removes the folder */
        while (waitpid(k->watchdog, NULL, 0) < 0 && errno == EINTR) continue;
    } else if (k->dir) {
        rmdir(k->dir);
    }
    free(k->dir), free(k->bindir), free(k->conninfo), free(k->pg_ctl), free(k->data), free(k->log);
    free(k);
}
