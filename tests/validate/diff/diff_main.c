/* validate_diff - the differential test of compiled CHECK constraints.
 *
 * For every case (diff_cases.h, then random CHECKs built by validate_diffgen
 * --random) it creates the table in an in-memory SQLite
 * database, generates values (boundaries, NULL, empty, Unicode, invalid
 * UTF-8, NaN and infinities, random), binds them as generated inserts do and
 * compares the database's verdict with the compiled CHECK's.  Every
 * disagreement is printed.
 * A row that leaves a column with a DEFAULT unset is the database's to judge
 * (the default on insert, the stored value on update): the validator may only
 * refuse it when the database refuses it too; such rows are counted apart.
 *   validate_diff [--per-case N] [--seed S]     (defaults: 2500, 1) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "diff_row.h"

static uint64_t rng_state;

static uint64_t rnd(void)
{
    /* xorshift64*: reproducible from the seed on every platform. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static unsigned below(unsigned n) { return (unsigned)(rnd() % n); }

static const char *pieces[] = {
    "a", "b", "c", "m", "x", "y", "z", "A", "B", "X", "Y", "k", "%", "_", " ", "  ", "!", "0", "1",
    "5", "9", "-", ".", "e", "[", "]", "*", "?", "^", "'", "\"", "\\",
    "\xc3\xa9", "\xc3\x89", "\xf0\x9f\x98\x80", "\xe2\x82\xac", "\xff", "\x80", "\xc3", "\xe2\x82",
    "\xed\xa0\x80", "\xc0\xaf", "draft", "Trailers", "root", "____",
    "{", "}", ":", ",", "\t", "\n", "\x01", "true", "null", "\\u0041",
};

/* Random text into buf (cap bytes); hints are mutated to land near them. */
static const char *gen_text(char *buf, size_t cap, const diff_case *dc)
{
    unsigned nh = 0;
    while (nh < 6 && dc->hints[nh]) nh++;
    unsigned r = below(100);
    buf[0] = '\0';
    if (r < 8) return NULL;
    if (r < 20 && nh) {
        snprintf(buf, cap, "%s", dc->hints[below(nh)]);
    } else if (r < 35 && nh) {
        snprintf(buf, cap, "%s", dc->hints[below(nh)]);
        for (char *p = buf; *p; p++)
            if (below(3) == 0 && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) *p ^= 0x20;
    } else if (r < 50 && nh) {
        const char *pre = below(2) ? pieces[below(sizeof pieces / sizeof *pieces)] : "";
        const char *post = below(2) ? pieces[below(sizeof pieces / sizeof *pieces)] : "";
        snprintf(buf, cap, "%s%s%s", pre, dc->hints[below(nh)], post);
    } else {
        unsigned n = below(12);
        size_t len = 0;
        for (unsigned i = 0; i < n; i++) {
            const char *p = pieces[below(sizeof pieces / sizeof *pieces)];
            size_t l = strlen(p);
            if (len + l + 1 > cap) break;
            memcpy(buf + len, p, l + 1);
            len += l;
        }
    }
    return buf;
}

static double hint_number(const diff_case *dc)
{
    unsigned nh = 0;
    while (nh < 6 && dc->hints[nh]) nh++;
    return nh ? strtod(dc->hints[below(nh)], NULL) : 0.0;
}

static int64_t gen_int(const diff_case *dc)
{
    static const int64_t edges[] = {INT64_MIN, INT64_MIN + 1, INT64_MAX, INT64_MAX - 1, 0, 1, -1,
                                    9007199254740992LL, 9007199254740993LL, -9007199254740993LL,
                                    99, 100, 999, 1000, -99, -100};
    unsigned r = below(100);
    if (r < 15) return edges[below(sizeof edges / sizeof *edges)];
    if (r < 55) {
        double h = hint_number(dc);
        if (h > -1e15 && h < 1e15) return (int64_t)h + (int64_t)below(5) - 2;
        return (int64_t)rnd();
    }
    if (r < 85) return (int64_t)below(331) - 30;
    return (int64_t)rnd();
}

static double gen_real(const diff_case *dc)
{
    static const double edges[] = {0.0, -0.0, 1.0, -1.0, 0.5, 1e-300, 9007199254740992.0, 9007199254740993.0,
                                   9223372036854775807.0, -9223372036854775808.0, 1.8446744073709552e19,
                                   1e300, -1e300, 4.5, 100.0, 1000.0};
    unsigned r = below(100);
    if (r < 3) return NAN;
    if (r < 5) return r == 3 ? INFINITY : -INFINITY;
    if (r < 20) return edges[below(sizeof edges / sizeof *edges)];
    if (r < 55) {
        static const double nudge[] = {0.0, 0.5, -0.5, 1.0, -1.0, 1e-9, -1e-9};
        return hint_number(dc) + nudge[below(7)];
    }
    if (r < 80) return (double)((int)below(2001) - 1000) / (below(2) ? 1.0 : 4.0);
    return (double)(int64_t)rnd() / (double)(1 + below(1000000));
}

/* Fills one column of the row. */
static void gen_column(const diff_case *dc, int kind, char col, diff_row *row, char *buf, size_t cap)
{
    bool *has = col == 'a' ? &row->has_a : &row->has_b;
    *has = kind != DK_NONE && below(100) >= 8;
    switch (kind) {
    case DK_INT: *(col == 'a' ? &row->ai : &row->bi) = gen_int(dc); break;
    case DK_BOOL: *(col == 'a' ? &row->ab : &row->bb) = below(2); break;
    case DK_REAL: *(col == 'a' ? &row->ar : &row->br) = gen_real(dc); break;
    case DK_TEXT:
        *(col == 'a' ? &row->at : &row->bt) = gen_text(buf, cap, dc);
        *has = (col == 'a' ? row->at : row->bt) != NULL;
        break;
    default: break;
    }
}

/* Binds one column the way generated code does (NaN included). */
static void bind_column(sqlite3_stmt *st, int param, int kind, char col, const diff_row *row)
{
    if (!(col == 'a' ? row->has_a : row->has_b)) {
        sqlite3_bind_null(st, param);
        return;
    }
    switch (kind) {
    case DK_INT: sqlite3_bind_int64(st, param, col == 'a' ? row->ai : row->bi); break;
    case DK_BOOL: sqlite3_bind_int(st, param, col == 'a' ? row->ab : row->bb); break;
    case DK_REAL: sqlite3_bind_double(st, param, col == 'a' ? row->ar : row->br); break;
    default: sqlite3_bind_text(st, param, col == 'a' ? row->at : row->bt, -1, SQLITE_STATIC); break;
    }
}

static void print_value(FILE *out, int kind, bool has, int64_t i, bool b, double r, const char *t)
{
    if (kind == DK_NONE) return;
    if (!has) { fputs("NULL", out); return; }
    switch (kind) {
    case DK_INT: fprintf(out, "%lld", (long long)i); break;
    case DK_BOOL: fprintf(out, "%d", b); break;
    case DK_REAL: fprintf(out, "%.17g", r); break;
    default:
        fputc('\'', out);
        for (const unsigned char *p = (const unsigned char *)t; *p; p++)
            if (*p < 0x20 || *p >= 0x7f) fprintf(out, "\\x%02x", *p);
            else fputc(*p, out);
        fputc('\'', out);
    }
}

/* Runs one case; returns the number of disagreements. */
static long run_case(sqlite3 *db, unsigned ci, long n, long *values, long *deferred)
{
    const diff_case *dc = &diff_all[ci];
    char sql[4096];
    snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS t; CREATE TABLE t(a %s%s%s, CHECK (%s));", dc->type_a,
             dc->type_b ? ", b " : "", dc->type_b ? dc->type_b : "", dc->check);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "case %u: %s: %s\n", ci, sql, sqlite3_errmsg(db));
        return 1;
    }
    /* A column with a DEFAULT that the row leaves unset is left out of the
     * INSERT, as generated inserts do. */
    bool a_default = strstr(dc->type_a, "DEFAULT") != NULL;
    bool a_required = dc->kind_a != DK_TEXT && strstr(dc->type_a, "NOT NULL") && !a_default;
    bool b_required = dc->type_b && dc->kind_b != DK_TEXT && strstr(dc->type_b, "NOT NULL") && !strstr(dc->type_b, "DEFAULT");
    sqlite3_stmt *ins = NULL, *ins_no_a = NULL;
    sqlite3_prepare_v2(db, dc->type_b ? "INSERT INTO t(a, b) VALUES (?1, ?2)" : "INSERT INTO t(a) VALUES (?1)", -1, &ins, NULL);
    sqlite3_prepare_v2(db, dc->type_b ? "INSERT INTO t(b) VALUES (?1)" : "INSERT INTO t DEFAULT VALUES", -1, &ins_no_a, NULL);
    long bad = 0;
    char abuf[128], bbuf[128];
    for (long k = 0; k < n; k++) {
        diff_row row;
        memset(&row, 0, sizeof row);
        gen_column(dc, dc->kind_a, 'a', &row, abuf, sizeof abuf);
        gen_column(dc, dc->kind_b, 'b', &row, bbuf, sizeof bbuf);
        /* A NOT NULL scalar without DEFAULT has no has_ flag: always set. */
        if (a_required) row.has_a = true;
        if (b_required) row.has_b = true;
        sqlite3_stmt *st = ins;
        if (a_default && !row.has_a) {
            st = ins_no_a;
            if (dc->type_b) bind_column(st, 1, dc->kind_b, 'b', &row);
        } else {
            bind_column(st, 1, dc->kind_a, 'a', &row);
            if (dc->type_b) bind_column(st, 2, dc->kind_b, 'b', &row);
        }
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        int xrc = sqlite3_extended_errcode(db);
        if (rc != SQLITE_DONE && xrc != SQLITE_CONSTRAINT_CHECK && xrc != SQLITE_CONSTRAINT_NOTNULL) {
            fprintf(stderr, "case %u: unexpected SQLite error %s\n", ci, sqlite3_errmsg(db));
            bad++;
            continue;
        }
        bool db_ok = rc == SQLITE_DONE;
        bool c_ok = diff_checks[ci](&row) != 0;
        if (a_default && !row.has_a) {
            (*deferred)++;
            if (!c_ok && db_ok) {
                if (bad < 20)
                    fprintf(stderr, "case %u CHECK (%s): the validator refused a row the database accepts "
                                    "with a DEFAULT\n", ci, dc->check);
                bad++;
            }
            continue;
        }
        (*values)++;
        if (db_ok != c_ok) {
            if (bad < 20) {
                fprintf(stderr, "DISAGREE case %u CHECK (%s): a=", ci, dc->check);
                print_value(stderr, dc->kind_a, row.has_a, row.ai, row.ab, row.ar, row.at);
                if (dc->type_b) {
                    fputs(" b=", stderr);
                    print_value(stderr, dc->kind_b, row.has_b, row.bi, row.bb, row.br, row.bt);
                }
                fprintf(stderr, ": sqlite %s, C %s\n", db_ok ? "accepts" : "rejects", c_ok ? "accepts" : "rejects");
            }
            bad++;
        }
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(ins_no_a);
    return bad;
}

int main(int argc, char **argv)
{
    long per_case = 2500;
    unsigned long long seed = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--per-case") == 0) per_case = strtol(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--seed") == 0) seed = strtoull(argv[i + 1], NULL, 10);
    }
    rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;
    sqlite3 *db = NULL;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 1;
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    long values = 0, deferred = 0, bad = 0;
    for (unsigned ci = 0; ci < diff_ncases; ci++) bad += run_case(db, ci, per_case, &values, &deferred);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(db);
    printf("validate_diff: %u cases, %ld values compared, %ld disagreements; %ld rows left to the "
           "database's DEFAULT (seed %llu)\n", diff_ncases, values, bad, deferred, seed);
    return bad == 0 && values + deferred >= per_case * (long)diff_ncases ? 0 : 1;
}
