/* mfolder.h - a migrations folder: NNNN_name.up.sql / NNNN_name.down.sql
 * pairs plus dalgen.sum (a plain NNNN_name.sql, as sqlc and other tools
 * write them, is an up file without a down).
 *
 * Migrations are ordered by their number NNNN (the folder's name order).
 * Reading a folder never writes to it. */
#ifndef DG_MFOLDER_H
#define DG_MFOLDER_H

#include <stdbool.h>
#include <stdint.h>

#include "util/diag.h"
#include "util/vec.h"

typedef struct dg_migration {
    int64_t id;          /* NNNN */
    char   *name;        /* "NNNN_name" (file name without .up.sql) */
    char   *up_path;     /* "dir/NNNN_name.up.sql" */
    char   *down_path;   /* NULL when the folder has no down file */
    char   *up;          /* file contents (NUL-terminated) */
    char   *down;        /* NULL when no down file */
    char    checksum[65];/* SHA-256 (hex) of the up file, line endings normalised */
} dg_migration;

typedef struct dg_mfolder {
    char *dir;
    DG_VEC(dg_migration) items;   /* ascending id */
} dg_mfolder;

/* Reads every migration of `dir` (a folder that does not exist reads as
 * empty when `may_be_missing`).  Returns 0, or -1 after reporting through
 * `d` (bad file names, duplicate numbers, unreadable files). */
int  dg_mfolder_read(const char *dir, bool may_be_missing, dg_mfolder *out, dg_diags *d);
void dg_mfolder_free(dg_mfolder *f);   /* NULL-safe */

/* Number of the next migration (last id + 1, or 1). */
int64_t dg_mfolder_next_id(const dg_mfolder *f);

/* True when `name` is a migration file name (NNNN_name.up.sql, .down.sql, .sql). */
bool dg_mfolder_is_migration_file(const char *name);

#endif
