/* ioerr_vfs.h - a test VFS over the default one that fails every write,
 * truncate and sync (SQLITE_IOERR) once a countdown reaches zero, like a
 * disk that dies in the middle of a migration.  Rollback-journal databases
 * only (no shared-memory methods). */
#ifndef MIG_IOERR_VFS_H
#define MIG_IOERR_VFS_H

#include <stdbool.h>

/* Registers the VFS "ioerr" (once). */
int  ioerr_vfs_register(void);
/* Writes allowed before failing; -1 = never fail. */
void ioerr_vfs_arm(long writes);
/* True when a write was refused since the last arm. */
bool ioerr_vfs_fired(void);

#endif
