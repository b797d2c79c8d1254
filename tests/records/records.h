/* records.h - shared helpers of the records.* tests: fresh database files
 * with both schemas, and a clock the tests move by hand. */
#ifndef RECORDS_H
#define RECORDS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conv.h"
#include "rec.h"

#define OK(call) assert_int_equal((call), DAL_OK)

/* The injected clock: Unix milliseconds the test sets. */
extern int64_t rec_clock_ms;
int64_t rec_clock(void *ctx);

/* A fresh database file `name` in the build folder with both schemas and
 * the test clock (2026-11-22T06:16:17.123Z to start with). */
dal_db *rec_open(const char *name);
/* A second connection to the same file, with the same clock. */
dal_db *rec_reopen(const char *name);
int64_t rec_count_sql(dal_db *db, const char *sql);

#define REC_T0 INT64_C(1795328177123)   /* 2026-11-22T06:16:17.123Z */

int rec_run_version(void);

#endif
