/* id.c - OS randomness, UUIDv7 (RFC 9562) and nanoid. */
#define _GNU_SOURCE
#include "dal_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__) && defined(__GLIBC__) && \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 25))
#include <sys/random.h>
#define DAL_HAVE_GETRANDOM 1
#endif

static int urandom(unsigned char *buf, size_t n)
{
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    size_t got = 0;
    if (fd < 0) return -1;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += (size_t)r;
    }
    close(fd);
    return got == n ? 0 : -1;
}

static int os_random(unsigned char *buf, size_t n)
{
#ifdef DAL_HAVE_GETRANDOM
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(buf + got, n - got, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return urandom(buf + got, n - got);  /* ENOSYS: old kernel */
        got += (size_t)r;
    }
    return 0;
#else
    return urandom(buf, n);
#endif
}

int dal_random(dal_db *db, void *out, size_t n)
{
    unsigned char *p = out;
    while (n > 0) {
        size_t take;
        if (db->pool_left == 0) {
            if (os_random(db->pool, sizeof db->pool) != 0)
                return dal_error_set(db, DAL_ERROR, SQLITE_IOERR,
                                     "no randomness from the operating system: %s", strerror(errno));
            db->pool_left = sizeof db->pool;
        }
        take = n < db->pool_left ? n : db->pool_left;
        memcpy(p, db->pool + sizeof db->pool - db->pool_left, take);
        memset(db->pool + sizeof db->pool - db->pool_left, 0, take);
        db->pool_left -= take;
        p += take;
        n -= take;
    }
    return DAL_OK;
}

/* Now in ms and the sub-millisecond fraction in 1/4096 ms (RFC 9562 6.2
 * method 3), from one reading of the real clock; with an injected clock,
 * which has only milliseconds, the fraction is 0. */
static int64_t uuid_clock(const dal_db *db, unsigned *sub)
{
    struct timespec ts;
    *sub = 0;
    if (db->opts.clock) return db->opts.clock(db->opts.clock_ctx);
    clock_gettime(CLOCK_REALTIME, &ts);
    *sub = (unsigned)((ts.tv_nsec % 1000000) * 4096 / 1000000);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int dal_uuid7_buf(dal_db *db, char out[DAL_UUID_SIZE])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char b[16];
    unsigned sub;
    int64_t ms = uuid_clock(db, &sub);
    int rc, i, k = 0;
    /* Never go backwards: same or earlier time counts up from the last id,
     * carrying into the millisecond when the 12 bits run out. */
    if (ms < db->uuid_ms || (ms == db->uuid_ms && sub <= db->uuid_sub)) {
        ms = db->uuid_ms;
        sub = db->uuid_sub + 1;
        if (sub > 0xFFF) {
            ms++;
            sub = 0;
        }
    }
    db->uuid_ms = ms;
    db->uuid_sub = sub;
    if ((rc = dal_random(db, b + 8, 8)) != DAL_OK) return rc;
    for (i = 0; i < 6; i++) b[i] = (unsigned char)((uint64_t)ms >> (40 - 8 * i));
    b[6] = (unsigned char)(0x70 | (sub >> 8));
    b[7] = (unsigned char)(sub & 0xFF);
    b[8] = (unsigned char)(0x80 | (b[8] & 0x3F));
    for (i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out[k++] = '-';
        out[k++] = hex[b[i] >> 4];
        out[k++] = hex[b[i] & 15];
    }
    out[k] = '\0';
    return DAL_OK;
}

int dal_uuid7(dal_db *db, dal_arena *a, const char **out)
{
    char buf[DAL_UUID_SIZE];
    int rc;
    *out = NULL;
    if (!a) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_uuid7: no arena");
    if ((rc = dal_uuid7_buf(db, buf)) != DAL_OK) return rc;
    if (!(*out = dal_arena_strndup(a, buf, DAL_UUID_SIZE - 1))) return dal__oom(db);
    return DAL_OK;
}

int dal_nanoid_buf(dal_db *db, size_t n, char *out)
{
    /* 64 symbols: a byte masked to 6 bits picks one without bias. */
    static const char alphabet[] =
        "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";
    unsigned char r[64];
    size_t i = 0;
    int rc;
    while (i < n) {
        size_t take = n - i < sizeof r ? n - i : sizeof r, k;
        if ((rc = dal_random(db, r, take)) != DAL_OK) return rc;
        for (k = 0; k < take; k++) out[i++] = alphabet[r[k] & 63];
    }
    out[n] = '\0';
    return DAL_OK;
}

int dal_nanoid(dal_db *db, size_t n, dal_arena *a, const char **out)
{
    char *p;
    *out = NULL;
    if (!a) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_nanoid: no arena");
    if (n == 0 || n == SIZE_MAX) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_nanoid: bad length %lu", (unsigned long)n);
    if (!(p = dal_arena_alloc(a, n + 1))) return dal__oom(db);
    *out = p;
    return dal_nanoid_buf(db, n, p);
}
