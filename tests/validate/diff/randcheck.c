/* randcheck.c - random CHECK constraints for the differential test: nested
 * AND/OR/NOT over comparisons, BETWEEN, IN, LIKE/GLOB, NULL tests, length(),
 * typeof(), trim() and COLLATE, with literals of every kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "randcheck.h"
#include "util/buf.h"

static unsigned pick(uint64_t *s, unsigned n)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return (unsigned)((*s * 2685821657736338717ULL) >> 33) % n;
}

#define PICK(s, arr) (arr)[pick((s), sizeof(arr) / sizeof *(arr))]

static const struct { const char *type; int kind; } types[] = {
    {"INTEGER", DK_INT}, {"INTEGER", DK_INT}, {"REAL", DK_REAL}, {"NUMERIC", DK_REAL}, {"TEXT", DK_TEXT},
    {"TEXT", DK_TEXT}, {"TEXT COLLATE NOCASE", DK_TEXT}, {"VARCHAR(8) COLLATE RTRIM", DK_TEXT},
    {"BOOLEAN", DK_BOOL}, {"INTEGER NOT NULL DEFAULT 2", DK_INT}, {"TEXT DEFAULT 'a'", DK_TEXT},
    {"DATE", DK_TEXT}, {"DATETIME COLLATE NOCASE", DK_TEXT},
};

static const char *const literals[] = {
    "0", "1", "2", "-1", "3", "10", "2.5", "-0.5", "1e3", "0x10", "-(4)", "''", "'a'", "'A'", "'abc'",
    "'5'", "'2.0'", "' 3'", "'\xc3\xa9'", "'integer'", "'real'", "'text'", "'null'", "NULL", "TRUE", "FALSE",
    "9223372036854775807", "-9223372036854775808", "1e19", "'a '",
};

static const char *const patterns[] = {
    "'%a%'", "'a_'", "'_'", "'%'", "'A%'", "'%\xc3\xa9'", "'5%'", "''",
};

static const char *const globs[] = {"'[a-c]*'", "'*5'", "'?'", "'*[0-9]*'", "'\xc3\xa9*'", "'[^a]*'", "'A*'"};

static const char *const cmp_ops[] = {"=", "==", "!=", "<>", "<", "<=", ">", ">=", "IS", "IS NOT",
                                      "IS DISTINCT FROM", "IS NOT DISTINCT FROM"};

static const char *column(uint64_t *s) { return pick(s, 2) ? "a" : "b"; }

/* A value: a column, a function of one, a COLLATE, or a literal. */
static void value(uint64_t *s, dg_buf *b)
{
    unsigned r = pick(s, 100);
    if (r < 45) dg_buf_puts(b, column(s));
    else if (r < 55) dg_buf_printf(b, "length(%s)", column(s));
    else if (r < 62) dg_buf_printf(b, "typeof(%s)", column(s));
    else if (r < 67) {
        static const char *const colls[] = {"NOCASE", "BINARY", "RTRIM"};
        dg_buf_printf(b, "%s COLLATE %s", column(s), PICK(s, colls));
    }
    else dg_buf_puts(b, PICK(s, literals));
}

static void predicate(uint64_t *s, dg_buf *b, int depth)
{
    unsigned r = pick(s, 100);
    if (depth > 0 && r < 14) {
        dg_buf_putc(b, '(');
        predicate(s, b, depth - 1);
        dg_buf_puts(b, pick(s, 2) ? " AND " : " OR ");
        predicate(s, b, depth - 1);
        dg_buf_putc(b, ')');
    } else if (depth > 0 && r < 20) {
        dg_buf_puts(b, "NOT (");
        predicate(s, b, depth - 1);
        dg_buf_putc(b, ')');
    } else if (r < 50) {
        value(s, b);
        dg_buf_printf(b, " %s ", PICK(s, cmp_ops));
        value(s, b);
    } else if (r < 58) {
        dg_buf_printf(b, "%s %sBETWEEN %s AND %s", column(s), pick(s, 3) ? "" : "NOT ", PICK(s, literals),
                      PICK(s, literals));
    } else if (r < 70) {
        dg_buf_printf(b, "%s %sIN (", column(s), pick(s, 3) ? "" : "NOT ");
        unsigned n = pick(s, 4);
        for (unsigned i = 0; i < n; i++) dg_buf_printf(b, "%s%s", i ? ", " : "", PICK(s, literals));
        dg_buf_putc(b, ')');
    } else if (r < 78) {
        dg_buf_printf(b, "%s %sLIKE %s", column(s), pick(s, 3) ? "" : "NOT ", PICK(s, patterns));
        if (!pick(s, 5)) dg_buf_puts(b, " ESCAPE '%'");
    } else if (r < 84) {
        dg_buf_printf(b, "%s %sGLOB %s", column(s), pick(s, 3) ? "" : "NOT ", PICK(s, globs));
    } else if (r < 91) {
        static const char *const tests[] = {" IS NULL", " IS NOT NULL", " ISNULL", " NOTNULL", " NOT NULL"};
        value(s, b);
        dg_buf_puts(b, PICK(s, tests));
    } else if (r < 93) {
        dg_buf_printf(b, "trim(%s) %s ''", column(s), pick(s, 2) ? "<>" : "=");
    } else if (r < 96) {
        static const char *const truths[] = {" IS TRUE", " IS FALSE", " IS NOT TRUE", " IS NOT FALSE"};
        if (depth > 0 && pick(s, 2)) {
            dg_buf_putc(b, '(');
            predicate(s, b, depth - 1);
            dg_buf_putc(b, ')');
        } else {
            dg_buf_puts(b, column(s));
        }
        dg_buf_puts(b, PICK(s, truths));
    } else {
        dg_buf_puts(b, column(s));   /* a truth value */
    }
}

void randcheck_case(uint64_t *rng, diff_case *dc)
{
    static const char *const hints[] = {"a", "abc", "5", "2.5", "10", "\xc3\xa9"};
    memset(dc, 0, sizeof *dc);
    unsigned ta = pick(rng, sizeof types / sizeof *types), tb = pick(rng, sizeof types / sizeof *types);
    dc->type_a = types[ta].type;
    dc->kind_a = types[ta].kind;
    dc->type_b = strstr(types[tb].type, "DEFAULT") ? "INTEGER" : types[tb].type;
    dc->kind_b = strstr(types[tb].type, "DEFAULT") ? DK_INT : types[tb].kind;
    dg_buf b = DG_BUF_INIT;
    predicate(rng, &b, 3);
    dc->check = dg_buf_steal(&b);
    for (int i = 0; i < 6; i++) dc->hints[i] = hints[i];
}
