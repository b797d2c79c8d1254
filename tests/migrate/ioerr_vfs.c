/* A shim VFS: each method forwards to the default VFS's file; writes,
 * truncates and syncs fail once the countdown is spent. */
#include "ioerr_vfs.h"

#include <string.h>

#include <sqlite3.h>

typedef struct shim_file {
    sqlite3_file base;
    sqlite3_file *real;   /* follows this struct in the same allocation */
} shim_file;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;
static long countdown = -1;
static bool fired;

void ioerr_vfs_arm(long writes)
{
    countdown = writes;
    fired = false;
}

bool ioerr_vfs_fired(void) { return fired; }

static bool fail_now(void)
{
    if (countdown < 0) return false;
    if (countdown == 0) {
        fired = true;
        return true;
    }
    countdown--;
    return false;
}

#define REAL(f) (((shim_file *)(f))->real)

static int x_close(sqlite3_file *f)
{
    int rc = REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
    return rc;
}
static int x_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xRead(REAL(f), b, n, o); }
static int x_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
    return fail_now() ? SQLITE_IOERR_WRITE : REAL(f)->pMethods->xWrite(REAL(f), b, n, o);
}
static int x_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    return fail_now() ? SQLITE_IOERR_TRUNCATE : REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int x_sync(sqlite3_file *f, int flags)
{
    return fail_now() ? SQLITE_IOERR_FSYNC : REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int x_size(sqlite3_file *f, sqlite3_int64 *s) { return REAL(f)->pMethods->xFileSize(REAL(f), s); }
static int x_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int x_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int x_reserved(sqlite3_file *f, int *r) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), r); }
static int x_fcntl(sqlite3_file *f, int op, void *a) { return REAL(f)->pMethods->xFileControl(REAL(f), op, a); }
static int x_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int x_devchar(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }

static const sqlite3_io_methods shim_methods = {
    1, x_close, x_read, x_write, x_truncate, x_sync, x_size, x_lock, x_unlock, x_reserved,
    x_fcntl, x_sector, x_devchar, NULL, NULL, NULL, NULL, NULL, NULL,
};

static int x_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
    (void)v;
    shim_file *s = (shim_file *)f;
    s->real = (sqlite3_file *)(s + 1);
    memset(s->real, 0, (size_t)real_vfs->szOsFile);
    int rc = real_vfs->xOpen(real_vfs, name, s->real, flags, out);
    s->base.pMethods = rc == SQLITE_OK ? &shim_methods : NULL;
    return rc;
}
static int x_delete(sqlite3_vfs *v, const char *n, int sync)
{
    (void)v;
    return fail_now() ? SQLITE_IOERR_DELETE : real_vfs->xDelete(real_vfs, n, sync);
}
static int x_access(sqlite3_vfs *v, const char *n, int fl, int *r) { (void)v; return real_vfs->xAccess(real_vfs, n, fl, r); }
static int x_full(sqlite3_vfs *v, const char *n, int sz, char *o) { (void)v; return real_vfs->xFullPathname(real_vfs, n, sz, o); }
static int x_random(sqlite3_vfs *v, int n, char *o) { (void)v; return real_vfs->xRandomness(real_vfs, n, o); }
static int x_sleep(sqlite3_vfs *v, int us) { (void)v; return real_vfs->xSleep(real_vfs, us); }
static int x_time(sqlite3_vfs *v, double *t) { (void)v; return real_vfs->xCurrentTime(real_vfs, t); }
static int x_lasterr(sqlite3_vfs *v, int n, char *o) { (void)v; return real_vfs->xGetLastError(real_vfs, n, o); }

int ioerr_vfs_register(void)
{
    if (real_vfs) return SQLITE_OK;
    real_vfs = sqlite3_vfs_find(NULL);
    if (!real_vfs) return SQLITE_ERROR;
    shim_vfs.iVersion = 1;
    shim_vfs.szOsFile = (int)sizeof(shim_file) + real_vfs->szOsFile;
    shim_vfs.mxPathname = real_vfs->mxPathname;
    shim_vfs.zName = "ioerr";
    shim_vfs.xOpen = x_open;
    shim_vfs.xDelete = x_delete;
    shim_vfs.xAccess = x_access;
    shim_vfs.xFullPathname = x_full;
    shim_vfs.xDlOpen = NULL;
    shim_vfs.xRandomness = x_random;
    shim_vfs.xSleep = x_sleep;
    shim_vfs.xCurrentTime = x_time;
    shim_vfs.xGetLastError = x_lasterr;
    return sqlite3_vfs_register(&shim_vfs, 0);
}
