/* time.c - the connection's clock and ISO-8601 UTC text. */
#define _POSIX_C_SOURCE 200809L
#include "dal_internal.h"

#include <stdio.h>
#include <time.h>

static int64_t system_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t dal_now_ms(dal_db *db)
{
    return db->opts.clock ? db->opts.clock(db->opts.clock_ctx) : system_ms();
}

/* Days since 1970-01-01 to civil date (Howard Hinnant's algorithm): gmtime
 * is neither reentrant nor defined for every int64 on every libc. */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    int64_t era, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    yoe = z - era * 146097;
    yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
    doy = (z - era * 146097) - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

void dal_iso8601_format(int64_t unix_ms, char out[DAL_ISO8601_SIZE])
{
    int64_t days = unix_ms / 86400000, ms = unix_ms % 86400000, y;
    unsigned m, d;
    if (ms < 0) {
        ms += 86400000;
        days--;
    }
    civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999) y = y < 0 ? 0 : 9999;  /* keep the fixed width */
    snprintf(out, DAL_ISO8601_SIZE, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", (int)y, m, d,
             (int)(ms / 3600000), (int)(ms / 60000 % 60), (int)(ms / 1000 % 60), (int)(ms % 1000));
}

int dal_now_iso8601(dal_db *db, dal_arena *a, const char **out)
{
    char buf[DAL_ISO8601_SIZE];
    *out = NULL;
    if (!a) return dal_error_set(db, DAL_MISUSE, SQLITE_MISUSE, "dal_now_iso8601: no arena");
    dal_iso8601_format(dal_now_ms(db), buf);
    if (!(*out = dal_arena_strndup(a, buf, DAL_ISO8601_SIZE - 1))) return dal__oom(db);
    return DAL_OK;
}
