/* test_agree.c - the generated PostgreSQL validator agrees with the server
 * (tests/pgvalid/golden, from schema.sql, on the cluster of tests/pg).
 *
 * Rows of table `rules` are drawn with a fixed seed from pools of edge
 * values: NULLs, strings of exactly n characters and one more (multibyte:
 * 2, 3 and 4-byte UTF-8), excess trailing spaces (PostgreSQL cuts them off),
 * other trailing blanks (tab, U+00A0), invalid UTF-8, enum labels and text
 * that is none (the C enum's UNKNOWN), JSON and not JSON.  Each row goes to
 * the server as text through libpq (unset columns with a DEFAULT left out,
 * as the generated insert's COALESCE does), and to pgv_rule_validate: a row
 * the validator refuses must be one the server refuses and the other way
 * round.  The CHECK rules_name_check is the server's alone: a row refused
 * only by it (SQLSTATE 23514) must pass the validator, and is not counted.
 * Every row also goes through the generated pgv_rule_insert (validation on):
 * DAL_INVALID exactly when the validator refuses, else what the server said.
 * Then `notes`' annotation rules, each with values that pass and fail. */
#include "../pgrt/pg_util.h"

#include "pgv.h"

#ifndef ROWS
#define ROWS 10000
#endif

static dal_db *db;
static PGconn *raw;
static dal_arena arena = DAL_ARENA_INIT;

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    char *buf = calloc(1, 1 << 16);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int group_setup(void **state)
{
    (void)state;
    pgt_setup("pgvalid");
    db = pgt_open();
    char *ddl = read_file(SCHEMA_SQL);
    pgt_ok(db, dal_exec(db, ddl));
    free(ddl);
    raw = pgt_raw();
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    dal_arena_free(&arena);
    PQfinish(raw);
    dal_close(db);
    return pgt_teardown();
}

/* ---- a fixed-seed generator of edge values ---- */

static uint64_t seed = 20261206;

static unsigned pick(unsigned n)
{
    seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
    return (unsigned)(seed % n);
}

/* Every value of one row lives in this pool. */
static char pool[1 << 16];
static size_t used;

static char *keep(const char *s, size_t n)
{
    if (used + n + 1 > sizeof pool) fail_msg("pool full");
    char *p = pool + used;
    memcpy(p, s, n);
    p[n] = '\0';
    used += n + 1;
    return p;
}

static const char *const glyphs[] = {"a", "Z", "\xc3\xa9" /* é */, "\xe6\x97\xa5" /* 日 */,
                                     "\xf0\x9f\x98\x80" /* 😀 */, " ", "-"};

/* k characters drawn from glyphs, then `tail` */
static char *chars(unsigned k, const char *tail)
{
    char buf[512];
    size_t n = 0;
    for (unsigned i = 0; i < k; i++) {
        const char *g = glyphs[pick(sizeof glyphs / sizeof *glyphs)];
        memcpy(buf + n, g, strlen(g));
        n += strlen(g);
    }
    memcpy(buf + n, tail, strlen(tail));
    n += strlen(tail);
    return keep(buf, n);
}

static const char *const bad_utf8[] = {"\xff", "ab\xc0\xaf", "\xed\xa0\x80", "x\xe6\x97", "\xf4\x90\x80\x80",
                                       "\x80z"};

/* Text for a column of at most n characters (0: unbounded, sizes as for 8);
 * nulls: whether NULL may come. */
static const char *text_value(unsigned n, bool nulls)
{
    unsigned m = n ? n : 8;
    switch (pick(12)) {
    case 0: return nulls ? NULL : "";
    case 1: return chars(pick(m + 3), "");
    case 2: return chars(m, "");                                 /* exactly n */
    case 3: return chars(m + 1, "");                             /* one more */
    case 4: return chars(m, pick(2) ? " " : "   ");              /* excess spaces: cut off */
    case 5: return chars(m > 0 ? m - 1 : 0, pick(2) ? " x" : "  ");
    case 6: return chars(m, pick(2) ? "\t" : "\xc2\xa0");        /* a blank that is no space */
    case 7: return chars(pick(m + 1), bad_utf8[pick(sizeof bad_utf8 / sizeof *bad_utf8)]);
    case 8: return "";
    case 9: return chars(m > 1 ? m - 1 : 0, "");
    case 10: return chars(pick(m + 1), "\xf0\x9f\x98\x80");
    default: return chars(pick(m + 1), " ");
    }
}

static const char *const labels[] = {"happy", "sad", "so-so", "\xc3\xbc" "n" "\xc3\xaf" "code", "angry", "", "Happy",
                                     "happy ", "SAD", "so_so"};

static const char *enum_value(bool nulls)
{
    unsigned k = pick(nulls ? 12 : 11);
    if (k >= 10) return k == 10 ? labels[pick(4)] : NULL;
    return labels[k];
}

static const char *const json_values[] = {
    "{}", "[1, 2, 3]", "\"s\"", "null", "true", "-0.5e10", "  {\"a\": [true, false, null]}  ", "1e400",
    "{\"\xc3\xa9\": \"\xe6\x97\xa5\"}", "\"\\u00e9\"", "{\"a\":1,\"a\":2}", "\"\\u0000\"", "\"\\ud800\"", "\"\\ud83d\\ude00\"",
    "{", "{'a': 1}", "NaN", "[1,]", "", "tru", "01", "\"\\x\"", "{\"a\" 1}", "[1] [2]", "-", ".5", "1e200000", "-1e-200000", "0e-200000", "0e200000", "1.0e-16383", "1.5e-16382", "100e131069", "100e131070",
    "0.001e131074", "0.001e131075", "-0.0e16384", "1e2147483647", "0e99999999999", "1E+3", "[1e131071, 1e-16383]", "[\"\\udbff\\udfff\"]", "\"\\udc00\"",
};

static const char *json_value(void)
{
    unsigned k = pick(sizeof json_values / sizeof *json_values + 2);
    if (k == sizeof json_values / sizeof *json_values) return NULL;
    if (k > sizeof json_values / sizeof *json_values) return bad_utf8[pick(sizeof bad_utf8 / sizeof *bad_utf8)];
    return json_values[k];
}

static const char *int_value(void)
{
    static const char *const ints[] = {"0", "1", "-1", "2147483647", "-2147483648", "42"};
    return pick(3) == 0 ? NULL : ints[pick(sizeof ints / sizeof *ints)];
}

/* ---- one row of `rules`, as text per column (NULL: SQL NULL) ---- */

enum { C_NAME, C_V5, C_V1, C_C3, C_D5, C_DD5, C_T3, C_RT, C_RI, C_NRI, C_M, C_MM, C_RM, C_DOC, C_META, C_JD, C_DEFD, NCOL };

static const struct { const char *name; bool has_default; } cols[NCOL] = {
    {"name", false}, {"v5", false}, {"v1", false}, {"c3", false}, {"d5", false}, {"dd5", false},
    {"t3", false},   {"rt", false}, {"ri", false}, {"n_ri", true}, {"m", false}, {"mm", false},
    {"rm", false},   {"doc", false}, {"meta", false}, {"jd", false}, {"defd", true},
};

static void draw(const char **v)
{
    used = 0;
    v[C_NAME] = pick(8) == 0 ? "forbidden" : text_value(0, true);
    v[C_V5] = text_value(5, true);
    v[C_V1] = text_value(1, true);
    v[C_C3] = text_value(3, true);
    v[C_D5] = text_value(5, true);
    v[C_DD5] = text_value(5, true);
    v[C_T3] = text_value(3, true);
    v[C_RT] = text_value(0, true);
    v[C_RI] = int_value();
    v[C_NRI] = int_value();
    v[C_M] = enum_value(true);
    v[C_MM] = enum_value(true);
    v[C_RM] = enum_value(true);
    v[C_DOC] = json_value();
    v[C_META] = json_value();
    v[C_JD] = json_value();
    v[C_DEFD] = text_value(2, true);
    /* most rows break one rule at most: redraw all but a few columns from valid values */
    if (pick(3) != 0) {
        unsigned keep_col = pick(NCOL);
        const char *ok[NCOL] = {"n", "abcd", "\xc3\xa9", "ab", "\xe6\x97\xa5\xe6\x97\xa5", "xy", "t3 ", "r",
                                "7", NULL, "happy", "sad", "so-so", "{\"k\": 1}", "[]", "2", "ok"};
        for (unsigned c = 0; c < NCOL; c++)
            if (c != keep_col) v[c] = ok[c];
    }
}

static void to_row(const char *const *v, pgv_rule *r)
{
    memset(r, 0, sizeof *r);
    r->name = v[C_NAME], r->v5 = v[C_V5], r->v1 = v[C_V1], r->c3 = v[C_C3], r->d5 = v[C_D5];
    r->dd5 = v[C_DD5], r->t3 = v[C_T3], r->rt = v[C_RT], r->doc = v[C_DOC], r->meta = v[C_META], r->jd = v[C_JD];
    r->defd = v[C_DEFD];
    r->has_ri = v[C_RI] != NULL, r->ri = v[C_RI] ? (int32_t)atol(v[C_RI]) : 0;
    r->has_n_ri = v[C_NRI] != NULL, r->n_ri = v[C_NRI] ? (int32_t)atol(v[C_NRI]) : 0;
    r->has_m = v[C_M] != NULL, r->m = pgv_mood_from_string(v[C_M]);
    r->mm = pgv_mood_from_string(v[C_MM]);   /* NULL: UNKNOWN, no value of the type */
    r->has_rm = v[C_RM] != NULL, r->rm = pgv_mood_from_string(v[C_RM]);
}

/* The server's verdict on the row sent as text: "" when inserted, else
 * its SQLSTATE (into state). */
static void server(const char *const *v, char *state, char *constraint)
{
    char sql[512] = "INSERT INTO rules (", vals[256] = "";
    const char *params[NCOL];
    int n = 0;
    for (int c = 0; c < NCOL; c++) {
        if (!v[c] && cols[c].has_default) continue;   /* the generated insert: COALESCE($n, DEFAULT) */
        params[n++] = v[c];
        snprintf(sql + strlen(sql), sizeof sql - strlen(sql), "%s%s", n > 1 ? ", " : "", cols[c].name);
        snprintf(vals + strlen(vals), sizeof vals - strlen(vals), "%s$%d", n > 1 ? ", " : "", n);
    }
    snprintf(sql + strlen(sql), sizeof sql - strlen(sql), ") VALUES (%s)", vals);
    PGresult *r = PQexecParams(raw, sql, n, NULL, params, NULL, NULL, 0);
    const char *s = PQresultStatus(r) == PGRES_COMMAND_OK ? "" : PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char *k = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
    snprintf(state, 6, "%s", s ? s : "?????");
    snprintf(constraint, 64, "%s", k ? k : "");
    PQclear(r);
}

static void show(const char *const *v)
{
    for (int c = 0; c < NCOL; c++) {
        fprintf(stderr, "  %s = ", cols[c].name);
        if (!v[c]) fprintf(stderr, "NULL\n");
        else {
            for (const unsigned char *p = (const unsigned char *)v[c]; *p; p++)
                fprintf(stderr, *p >= 0x20 && *p < 0x7f && *p != '\\' ? "%c" : "\\x%02x", *p);
            fprintf(stderr, "\n");
        }
    }
}

/* The writes run the validator's inline check (on the text lengths they
 * measure once for it and their binds): insert, update and upsert refuse
 * exactly the rows the validator refuses, with its first violation as the
 * message; a valid row reaches the server (update of a missing id:
 * DAL_NOTFOUND).  Returns the disagreements. */
static int writes_agree(int i, pgv_rule *row, bool valid, const char *const *v)
{
    char first[256] = "";
    int bad = 0;
    if (!valid) {
        dal_errors errs = DAL_ERRORS_INIT;
        (void)pgv_rule_validate(row, &errs);
        snprintf(first, sizeof first, "%s", dal_errors_get(&errs, 0)->message);
        dal_errors_free(&errs);
    }
    for (int w = 0; w < 3; w++) {
        int rc;
        if (w == 1) rc = (row->id = -1, pgv_rule_update(db, row, &arena));
        else if (valid) continue;   /* a valid insert or upsert writes (the insert is checked above) */
        else rc = w == 0 ? pgv_rule_insert(db, row, &arena) : pgv_rule_upsert(db, row, &arena);
        dal_arena_reset(&arena);
        bool ok = valid ? rc != DAL_INVALID && (w != 1 || rc == DAL_NOTFOUND)
                        : rc == DAL_INVALID && !strcmp(dal_errmsg(db), first);
        if (!ok) {
            bad++;
            fprintf(stderr, "row %d: generated %s gives %d (%s), the validator %s (%s)\n", i,
                    w == 0 ? "insert" : w == 1 ? "update" : "upsert", rc, dal_errmsg(db),
                    valid ? "accepts" : "refuses", first);
            show(v);
        }
    }
    return bad;
}

static void test_rules_agree(void **state)
{
    (void)state;
    int tried = 0, accepted = 0, refused = 0, check_only = 0, disagree = 0;
    int by_state[8] = {0};
    static const char *const states[8] = {"22001", "22P02", "22021", "23502", "22P05", "22003", "other", ""};
    for (int i = 0; i < ROWS; i++) {
        const char *v[NCOL];
        draw(v);
        pgv_rule row;
        to_row(v, &row);
        bool valid = pgv_rule_validate(&row, NULL) == DAL_OK;
        char sqlstate[6], constraint[64];
        server(v, sqlstate, constraint);
        tried++;
        if (!strcmp(sqlstate, "23514") && !strcmp(constraint, "rules_name_check")) {
            check_only++;   /* the CHECK is the server's: every rule the validator has held */
            if (!valid) disagree++, fprintf(stderr, "row %d: refused by the validator, only the CHECK on the server\n", i), show(v);
        } else {
            bool ok = sqlstate[0] == '\0';
            if (ok) accepted++;
            else refused++;
            int s = 0;
            while (s < 8 && strcmp(states[s], sqlstate)) s++;
            by_state[s == 8 ? 6 : s]++;
            if (ok != valid) {
                disagree++;
                dal_errors errs = DAL_ERRORS_INIT;
                (void)pgv_rule_validate(&row, &errs);
                const dal_violation *x = dal_errors_get(&errs, 0);
                fprintf(stderr, "row %d: server %s (%s), validator %s (%s)\n", i, ok ? "accepts" : "refuses",
                        sqlstate, valid ? "accepts" : "refuses", x ? x->message : "");
                dal_errors_free(&errs);
                show(v);
            }
        }
        /* the generated insert: the validator first, then the same verdict as the server's */
        int rc = pgv_rule_insert(db, &row, &arena);
        dal_arena_reset(&arena);
        int want = !valid ? DAL_INVALID : sqlstate[0] == '\0' ? DAL_OK : !strcmp(sqlstate, "23514") ? DAL_CONSTRAINT : -1;
        if (rc != want) {
            disagree++;
            fprintf(stderr, "row %d: generated insert gives %d (%s), expected %d\n", i, rc, dal_errmsg(db), want);
            show(v);
        }
        disagree += writes_agree(i, &row, valid, v);
    }
    printf("rules: %d rows tried (seed 20261206): %d accepted by both, %d refused by both, %d refused by the CHECK "
           "alone; %d disagreements\n", tried, accepted, refused, check_only, disagree);
    printf("  server refusals: 22001 %d, 22P02 %d, 22021 %d, 23502 %d, 22P05 %d, 22003 %d, other %d\n", by_state[0],
           by_state[1], by_state[2], by_state[3], by_state[4], by_state[5], by_state[6]);
    assert_int_equal(disagree, 0);
    assert_true(accepted > ROWS / 10 && refused > ROWS / 10 && check_only > 0);
    for (int s = 0; s < 4; s++) assert_true(by_state[s] > 0);   /* every kind of rule was hit */
}

/* ---- annotations: the validator's own rules (the server has none) ---- */

typedef struct case_ {
    const char *field;
    const char *text;   /* the value (numbers parsed from it) */
    bool ok;
} case_;

static void test_annotations(void **state)
{
    (void)state;
    static const case_ cases[] = {
        {"mail", "a@b.co", true},      {"mail", "a@b", false},          {"mail", "@b.co", false},
        {"site", "https://x.org/p?q", true}, {"site", "x.org", false},  {"site", "http://a b", false},
        {"ref", "123e4567-e89b-12d3-a456-426614174000", true},          {"ref", "123e4567e89b12d3a456426614174000", false},
        {"day", "2024-02-29", true},   {"day", "2023-02-29", false},    {"day", "2024-2-1", false},
        {"code", "AB12", true},        {"code", "ab12", false},         {"code", "AB", false},
        {"word", "\xc3\xa9\xc3\xa9", true}, {"word", "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5", true},
        {"word", "x", false},          {"word", "abcde", false},
        {"score", "1", true},          {"score", "0", false},           {"score", "-2147483648", false},
        {"small", "10", true},         {"small", "11", false},          {"small", "-32768", true},
        {"ratio", "0", true},          {"ratio", "-0.001", false},
        {"weight", "1.5", true},       {"weight", "1.5000001", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const case_ *c = &cases[i];
        pgv_note n;
        memset(&n, 0, sizeof n);
        const char *f = c->field;
        if (!strcmp(f, "mail")) n.mail = c->text;
        else if (!strcmp(f, "site")) n.site = c->text;
        else if (!strcmp(f, "ref")) n.ref = c->text;
        else if (!strcmp(f, "day")) n.day = c->text;
        else if (!strcmp(f, "code")) n.code = c->text;
        else if (!strcmp(f, "word")) n.word = c->text;
        else if (!strcmp(f, "score")) n.has_score = true, n.score = (int32_t)atol(c->text);
        else if (!strcmp(f, "small")) n.has_small = true, n.small = (int16_t)atoi(c->text);
        else if (!strcmp(f, "ratio")) n.has_ratio = true, n.ratio = strtof(c->text, NULL);
        else n.has_weight = true, n.weight = strtod(c->text, NULL);
        dal_errors errs = DAL_ERRORS_INIT;
        int rc = pgv_note_validate(&n, &errs);
        const dal_violation *x = dal_errors_get(&errs, 0);
        if ((rc == DAL_OK) != c->ok || (x && strcmp(x->field, f)))
            fail_msg("notes.%s = '%s': validator %s (%s)", f, c->text, rc == DAL_OK ? "accepts" : "refuses",
                     x ? x->message : "");
        dal_errors_free(&errs);
        /* the generated insert runs it first; a valid row is written */
        rc = pgv_note_insert(db, &n, &arena);
        assert_int_equal(rc, c->ok ? DAL_OK : DAL_INVALID);
        dal_arena_reset(&arena);
    }
    printf("notes: %zu annotation cases agree\n", sizeof cases / sizeof *cases);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_agree),
        cmocka_unit_test(test_annotations),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
