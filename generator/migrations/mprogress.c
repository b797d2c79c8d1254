#include "migrations/mprogress.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sys/ioctl.h>
#include <unistd.h>


enum { TICK_MS = 250, HEAD_MAX = 100 };

struct dg_mprogress {
    FILE           *out;
    bool            tty, down;
    pthread_mutex_t mu;
    pthread_cond_t  wake;
    pthread_t       ticker;
    bool            ticking, stop;
    /* what runs now (under mu) */
    const dal_migration *m;       /* NULL: nothing (between migrations) */
    int             stmt, nstmts;
    char            head[HEAD_MAX * 5 + 16];   /* the statement, as shown (a character and a blank: 5 bytes) */
    int64_t         since;        /* when the statement started (monotonic ms) */
    bool            open;         /* a terminal line is drawn and not ended */
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

size_t dg_mprogress_first_token(const char *text, size_t off)
{
    for (;;) {
        while (text[off] == ' ' || text[off] == '\t' || text[off] == '\n' || text[off] == '\r') off++;
        if (text[off] == '-' && text[off + 1] == '-') {
            while (text[off] && text[off] != '\n') off++;
        } else if (text[off] == '/' && text[off + 1] == '*') {
            const char *end = strstr(text + off + 2, "*/");
            if (!end) return off;
            off = (size_t)(end + 2 - text);
        } else {
            return off;
        }
    }
}

/* How the statement is shown: "copying table t" for the INSERT ... SELECT
 * of a rebuild (its `-- copy rows of t` comment, what dalgen's planner
 * writes), else its text from the first token on, blanks and control
 * characters folded into one space, cut after HEAD_MAX characters (or
 * without its final `;`). */
static void head_of(const char *sql, char *out, size_t n)
{
    const char *copy = strstr(sql, "-- copy rows of ");
    size_t len = 0;
    if (copy) {
        copy += strlen("-- copy rows of ");
        snprintf(out, n, "copying table %.*s", (int)strcspn(copy, "\n"), copy);
        return;
    }
    const char *p = sql + dg_mprogress_first_token(sql, 0);
    int chars = 0;
    bool blank = false;
    for (; *p && len + 8 < n; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7f || c == ' ') {
            blank = true;
            continue;
        }
        if ((c & 0xC0) != 0x80 && chars++ == HEAD_MAX) break;
        if (blank && len) out[len++] = ' ';
        blank = false;
        out[len++] = (char)c;
    }
    if (*p) memcpy(out + len, " ...", 4), len += 4;
    else if (len && out[len - 1] == ';') len--;   /* the whole statement: its `;` says nothing */
    out[len] = '\0';
}

/* The terminal's width (80 when it does not say). */
static size_t columns(FILE *out)
{
    struct winsize w;
    if (ioctl(fileno(out), TIOCGWINSZ, &w) == 0 && w.ws_col > 10) return w.ws_col;
    return 80;
}

/* Redraws the terminal line (p->mu held): cut to the width, so that \r
 * returns to its start. */
static void draw(dg_mprogress *p)
{
    if (!p->m) return;
    char line[1024];
    int64_t ms = now_ms() - p->since;
    snprintf(line, sizeof line, "%s: statement %d of %d, %lld.%lld s: %s", p->m->name, p->stmt, p->nstmts,
             (long long)(ms / 1000), (long long)(ms % 1000 / 100), p->head);
    size_t max = columns(p->out) - 1, len = 0, chars = 0;
    for (; line[len] && chars <= max; len++)
        if (((unsigned char)line[len] & 0xC0) != 0x80 && ++chars > max) break;
    fprintf(p->out, "\r\033[K%.*s", (int)len, line);
    fflush(p->out);
    p->open = true;
}

static void *tick(void *arg)
{
    dg_mprogress *p = arg;
    pthread_mutex_lock(&p->mu);
    while (!p->stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += TICK_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
        int rc = pthread_cond_timedwait(&p->wake, &p->mu, &until);
        if (rc == ETIMEDOUT && !p->stop) draw(p);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

dg_mprogress *dg_mprogress_start(FILE *out, bool tty, bool down)
{
    dg_mprogress *p = calloc(1, sizeof *p);
    if (!p) abort();
    p->out = out;
    p->tty = tty;
    p->down = down;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->wake, NULL);
    p->ticking = tty && pthread_create(&p->ticker, NULL, tick, p) == 0;
    return p;
}

void dg_mprogress_statement(dg_mprogress *p, const dal_migration *m, int stmt, int nstmts, const char *sql)
{
    pthread_mutex_lock(&p->mu);
    if (p->m != m && !p->tty)
        fprintf(p->out, "%s: %s (%d statement%s)\n", m->name, p->down ? "reverting" : "applying", nstmts,
                nstmts == 1 ? "" : "s");
    p->m = m;
    p->stmt = stmt;
    p->nstmts = nstmts;
    p->since = now_ms();
    head_of(sql, p->head, sizeof p->head);
    if (p->tty) draw(p);
    fflush(p->out);
    pthread_mutex_unlock(&p->mu);
}

void dg_mprogress_done(dg_mprogress *p, const dal_migration *m, int64_t ms)
{
    pthread_mutex_lock(&p->mu);
    if (p->tty) fputs("\r\033[K", p->out);   /* the caller prints the migration's line */
    else fprintf(p->out, "%s: %s in %lld ms\n", m->name, p->down ? "reverted" : "applied", (long long)ms);
    fflush(p->out);
    p->m = NULL;
    p->open = false;
    pthread_mutex_unlock(&p->mu);
}

void dg_mprogress_stop(dg_mprogress *p)
{
    if (!p) return;
    pthread_mutex_lock(&p->mu);
    p->stop = true;
    pthread_cond_signal(&p->wake);
    pthread_mutex_unlock(&p->mu);
    if (p->ticking) pthread_join(p->ticker, NULL);
    if (p->open) fputc('\n', p->out);   /* a failure's message starts on its own line */
    fflush(p->out);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->mu);
    free(p);
}
