/* pgrt.types: every type of design §3.6 through the server and back.
 * For each type two statements: "SELECT $1::T, ($1::T)::text" with the
 * binary parameter libdal encodes (the server's text says what it
 * understood), and "SELECT ($1::text)::T, ..." where the server parses
 * text and libdal decodes its binary answer.  NULL, limits, infinities,
 * NaN, empty arrays and a 1,000-digit numeric included. */
#include "pg_util.h"

#include <float.h>
#include <math.h>

static const struct { const char *name; Oid oid; } ty[] = {
    { "int2", DAL_PG_INT2 }, { "int4", DAL_PG_INT4 }, { "int8", DAL_PG_INT8 },
    { "float4", DAL_PG_FLOAT4 }, { "float8", DAL_PG_FLOAT8 }, { "bool", DAL_PG_BOOL },
    { "text", DAL_PG_TEXT }, { "varchar(20)", DAL_PG_VARCHAR }, { "char(3)", DAL_PG_BPCHAR },
    { "name", DAL_PG_NAME }, { "json", DAL_PG_JSON }, { "jsonb", DAL_PG_JSONB }, { "bytea", DAL_PG_BYTEA },
    { "uuid", DAL_PG_UUID }, { "timestamp", DAL_PG_TIMESTAMP }, { "timestamptz", DAL_PG_TIMESTAMPTZ },
    { "date", DAL_PG_DATE }, { "time", DAL_PG_TIME }, { "interval", DAL_PG_INTERVAL },
    { "numeric", DAL_PG_NUMERIC }, { "mood", 0 }, { "citext", 0 },
    { "int2[]", DAL_PG_INT2_ARRAY }, { "int4[]", DAL_PG_INT4_ARRAY }, { "int8[]", DAL_PG_INT8_ARRAY },
    { "float4[]", DAL_PG_FLOAT4_ARRAY }, { "float8[]", DAL_PG_FLOAT8_ARRAY }, { "bool[]", DAL_PG_BOOL_ARRAY },
    { "text[]", DAL_PG_TEXT_ARRAY }, { "varchar[]", DAL_PG_VARCHAR_ARRAY }, { "bytea[]", DAL_PG_BYTEA_ARRAY },
    { "uuid[]", DAL_PG_UUID_ARRAY }, { "timestamp[]", DAL_PG_TIMESTAMP_ARRAY },
    { "timestamptz[]", DAL_PG_TIMESTAMPTZ_ARRAY }, { "date[]", DAL_PG_DATE_ARRAY },
    { "numeric[]", DAL_PG_NUMERIC_ARRAY },
};
enum {
    INT2, INT4, INT8, FLOAT4, FLOAT8, BOOL, TEXT, VARCHAR, BPCHAR, NAME, JSON, JSONB, BYTEA, UUID, TS, TSTZ,
    DATE, TIME, INTERVAL, NUMERIC, MOOD, CITEXT, A_INT2, A_INT4, A_INT8, A_FLOAT4, A_FLOAT8, A_BOOL, A_TEXT, A_VARCHAR,
    A_BYTEA, A_UUID, A_TS, A_TSTZ, A_DATE, A_NUMERIC, NT
};
static char sql_text[2 * NT][160];
static const char *sql[2 * NT];
static unsigned slot;
static const dal_unit unit = { "types_test", 2 * NT, sql, &slot };
static Oid oids[NT];
static const Oid text_oid[1] = { DAL_PG_TEXT };

static dal_db *db;
static dal_arena arena;

/* Run the binary form of type t with p. */
static PGresult *bin(int t, dal_pg_params *p)
{
    PGresult *res = NULL;
    pgt_ok(db, dal_pg_exec(db, &unit, 2 * t, p, &res));
    assert_int_equal(PQntuples(res), 1);
    return res;
}

/* Run the text form of type t: the server parses s. */
static PGresult *txt(int t, const char *s)
{
    DAL_PG_PARAMS(p, db, 1, text_oid, NULL);
    PGresult *res = NULL;
    dal_pg_bind_text(&p, 1, s);
    pgt_ok(db, dal_pg_exec(db, &unit, 2 * t + 1, &p, &res));
    return res;
}

static void server_says(PGresult *res, const char *want)
{
    if (!want) assert_true(PQgetisnull(res, 0, 1));
    else assert_string_equal(PQgetvalue(res, 0, 1), want);
}

#define PARAMS(t) DAL_PG_PARAMS(p, db, 1, &oids[t], &arena)

static void integers(void **state)
{
    static const int64_t i8[] = { 0, 1, -1, INT64_MAX, INT64_MIN };
    static const char *const i8s[] = { "0", "1", "-1", "9223372036854775807", "-9223372036854775808" };
    size_t i;
    (void)state;
    for (i = 0; i < 5; i++) {
        PARAMS(INT8);
        PGresult *res;
        int64_t v;
        pgt_ok(db, dal_pg_bind_int64(&p, 1, i8[i]));
        res = bin(INT8, &p);
        server_says(res, i8s[i]);
        pgt_ok(db, dal_pg_read_int64(db, res, 0, 0, "v", &v));
        assert_true(v == i8[i]);
        PQclear(res);
    }
    {
        PARAMS(INT4);
        PGresult *res;
        int32_t v;
        dal_pg_bind_int32(&p, 1, INT32_MIN);
        res = bin(INT4, &p);
        server_says(res, "-2147483648");
        pgt_ok(db, dal_pg_read_int32(db, res, 0, 0, "v", &v));
        assert_int_equal(v, INT32_MIN);
        PQclear(res);
    }
    {
        PARAMS(INT2);
        PGresult *res;
        int16_t v;
        dal_pg_bind_int16(&p, 1, INT16_MAX);
        res = bin(INT2, &p);
        server_says(res, "32767");
        pgt_ok(db, dal_pg_read_int16(db, res, 0, 0, "v", &v));
        assert_int_equal(v, INT16_MAX);
        /* exact: an int2 column is not an int4 or int8: the result check
         * says so by type, a reader by width */
        {
            /* the columns: $1::int2 and its text */
            static const Oid int2[2] = { DAL_PG_INT2, DAL_PG_TEXT }, int8[2] = { DAL_PG_INT8, DAL_PG_TEXT },
                             text[2] = { DAL_PG_TEXT, DAL_PG_TEXT };
            pgt_ok(db, dal_pg_result_check(db, res, int2, 2));
            assert_int_equal(dal_pg_result_check(db, res, int8, 2), DAL_ERROR);
            assert_string_equal(dal_errmsg(db), "column \"int2\": expected bigint, found smallint");
            assert_string_equal(dal_sqlstate(db), "42804");
            assert_int_equal(dal_pg_result_check(db, res, text, 2), DAL_ERROR);
            assert_string_equal(dal_errmsg(db), "column \"int2\": expected text, found smallint");
            assert_int_equal(dal_pg_result_check(db, res, int2, 1), DAL_ERROR);
            assert_string_equal(dal_errmsg(db), "the statement returns 2 columns, expected 1");
        }
        assert_int_equal(dal_pg_read_int64(db, res, 0, 0, "v", (int64_t *)&arena), DAL_ERROR);
        assert_string_equal(dal_errmsg(db), "column \"v\": expected bigint, found a value of another width");
        PQclear(res);
    }
}

static void nulls(void **state)
{
    PARAMS(INT8);
    PGresult *res;
    int64_t v = 5;
    bool has = true;
    const char *s = "x";
    dal_int64_array arr = { (const int64_t *)&v, 1 };
    dal_blob b = { "x", 1 };
    (void)state;
    pgt_ok(db, dal_pg_bind_int64_null(&p, 1, false, 99));
    res = bin(INT8, &p);
    server_says(res, NULL);
    pgt_ok(db, dal_pg_read_int64_null(db, res, 0, 0, "v", &has, &v));
    assert_false(has);
    assert_int_equal(v, 0);
    assert_int_equal(dal_pg_read_int64(db, res, 0, 0, "v", &v), DAL_ERROR);
    assert_string_equal(dal_errmsg(db), "column \"v\": expected bigint, found NULL");
    PQclear(res);
    res = txt(TEXT, NULL);
    pgt_ok(db, dal_pg_read_text(db, res, 0, 0, "v", &arena, &s));
    assert_null(s);
    PQclear(res);
    res = txt(BYTEA, NULL);
    pgt_ok(db, dal_pg_read_blob(db, res, 0, 0, "v", &arena, &b));
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    PQclear(res);
    res = txt(A_INT8, NULL);
    pgt_ok(db, dal_pg_read_int64_array(db, res, 0, 0, "v", &arena, &arr));
    assert_null(arr.data);
    assert_int_equal(arr.len, 0);
    PQclear(res);
    res = txt(NUMERIC, NULL);
    pgt_ok(db, dal_pg_read_numeric(db, res, 0, 0, "v", &arena, &s));
    assert_null(s);
    PQclear(res);
    {
        PARAMS(UUID);
        dal_uuid u;
        memset(&u, 7, sizeof u);
        pgt_ok(db, dal_pg_bind_uuid_null(&p, 1, false, u));
        res = bin(UUID, &p);
        has = true;
        pgt_ok(db, dal_pg_read_uuid_null(db, res, 0, 0, "v", &has, &u));
        assert_false(has);
        assert_int_equal(u.b[0], 0);
        PQclear(res);
    }
}

static void floats_and_bools(void **state)
{
    static const double d[] = { 0.1, -0.0, DBL_MAX, DBL_MIN, 1e-310 };
    size_t i;
    PGresult *res;
    (void)state;
    for (i = 0; i < 5; i++) {
        PARAMS(FLOAT8);
        double v;
        dal_pg_bind_double(&p, 1, d[i]);
        res = bin(FLOAT8, &p);
        pgt_ok(db, dal_pg_read_double(db, res, 0, 0, "v", &v));
        assert_memory_equal(&v, &d[i], sizeof v);
        PQclear(res);
    }
    res = txt(FLOAT8, "NaN");
    {
        double v;
        pgt_ok(db, dal_pg_read_double(db, res, 0, 0, "v", &v));
        assert_true(isnan(v));
    }
    PQclear(res);
    res = txt(FLOAT8, "-Infinity");
    {
        double v;
        pgt_ok(db, dal_pg_read_double(db, res, 0, 0, "v", &v));
        assert_true(isinf(v) && v < 0);
    }
    PQclear(res);
    {
        PARAMS(FLOAT4);
        float v;
        dal_pg_bind_float(&p, 1, (float)INFINITY);
        res = bin(FLOAT4, &p);
        server_says(res, "Infinity");
        pgt_ok(db, dal_pg_read_float(db, res, 0, 0, "v", &v));
        assert_true(isinf(v));
        PQclear(res);
        res = txt(FLOAT4, "3.4028235e+38");
        pgt_ok(db, dal_pg_read_float(db, res, 0, 0, "v", &v));
        assert_true(v == FLT_MAX);
        PQclear(res);
    }
    {
        PARAMS(BOOL);
        bool v = false;
        dal_pg_bind_bool(&p, 1, true);
        res = bin(BOOL, &p);
        server_says(res, "true");
        pgt_ok(db, dal_pg_read_bool(db, res, 0, 0, "v", &v));
        assert_true(v);
        PQclear(res);
    }
}

static void texts(void **state)
{
    static const int kinds[] = { TEXT, VARCHAR, NAME, JSON, MOOD, CITEXT };
    static const char *const vals[] = { "h\xc3\xa9llo \xe2\x9c\x93", "", "dalgen", "{\"a\": [1, 2]}", "happy", "HeLLo" };
    size_t i, len;
    char *big;
    PGresult *res;
    const char *s, *ref;
    (void)state;
    for (i = 0; i < 6; i++) {
        PARAMS(kinds[i]);
        dal_pg_bind_text(&p, 1, vals[i]);
        res = bin(kinds[i], &p);
        server_says(res, vals[i]);
        {   /* text accepts its family and user types sent as text (enums, citext) */
            static const Oid as_text[2] = { DAL_PG_TEXT, DAL_PG_TEXT };
            pgt_ok(db, dal_pg_result_check(db, res, as_text, 2));
        }
        pgt_ok(db, dal_pg_read_text(db, res, 0, 0, "v", &arena, &s));
        assert_string_equal(s, vals[i]);
        pgt_ok(db, dal_pg_read_text_ref(db, res, 0, 0, "v", &ref, &len));
        assert_int_equal(len, strlen(vals[i]));
        PQclear(res);
    }
    res = txt(BPCHAR, "ab");
    pgt_ok(db, dal_pg_read_text(db, res, 0, 0, "v", &arena, &s));
    assert_string_equal(s, "ab ");                      /* char(3) pads */
    PQclear(res);
    big = malloc(100001);
    memset(big, 'x', 100000);
    big[100000] = '\0';
    {
        PARAMS(TEXT);
        dal_pg_bind_text(&p, 1, big);
        res = bin(TEXT, &p);
        pgt_ok(db, dal_pg_read_text(db, res, 0, 0, "v", &arena, &s));
        assert_string_equal(s, big);
        PQclear(res);
    }
    free(big);
    {
        PARAMS(JSONB);
        dal_pg_bind_jsonb(&p, 1, "{\"b\":1,   \"a\":[true]}");
        res = bin(JSONB, &p);
        server_says(res, "{\"a\": [true], \"b\": 1}");
        pgt_ok(db, dal_pg_read_jsonb(db, res, 0, 0, "v", &arena, &s));
        assert_string_equal(s, "{\"a\": [true], \"b\": 1}");
        {   /* jsonb is not text (its bytes start with a version byte) */
            static const Oid as_text[2] = { DAL_PG_TEXT, DAL_PG_TEXT }, as_jsonb[2] = { DAL_PG_JSONB, DAL_PG_TEXT };
            assert_int_equal(dal_pg_result_check(db, res, as_text, 2), DAL_ERROR);
            assert_string_equal(dal_errmsg(db), "column \"jsonb\": expected text, found jsonb");
            pgt_ok(db, dal_pg_result_check(db, res, as_jsonb, 2));
        }
        PQclear(res);
    }
}

static void blobs_and_uuids(void **state)
{
    static const unsigned char bytes[] = { 0, 1, 0xff, 0, 'z' };
    PGresult *res;
    dal_blob b;
    (void)state;
    {
        PARAMS(BYTEA);
        dal_blob in = { bytes, sizeof bytes };
        dal_pg_bind_blob(&p, 1, in);
        res = bin(BYTEA, &p);
        server_says(res, "\\x0001ff007a");
        pgt_ok(db, dal_pg_read_blob(db, res, 0, 0, "v", &arena, &b));
        assert_int_equal(b.len, sizeof bytes);
        assert_memory_equal(b.data, bytes, sizeof bytes);
        PQclear(res);
    }
    res = txt(BYTEA, "");
    pgt_ok(db, dal_pg_read_blob(db, res, 0, 0, "v", &arena, &b));
    assert_non_null(b.data);
    assert_int_equal(b.len, 0);
    PQclear(res);
    {
        PARAMS(UUID);
        dal_uuid u, back;
        char text[37];
        assert_int_equal(dal_uuid_parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", &u), DAL_OK);
        assert_int_equal(dal_uuid_parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", &u), DAL_INVALID);
        assert_int_equal(dal_uuid_parse("a0eebc999c0b-4ef8-bb6d-6bb9bd380a11", &u), DAL_INVALID);
        assert_int_equal(dal_uuid_parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", &u), DAL_OK);
        dal_pg_bind_uuid(&p, 1, u);
        res = bin(UUID, &p);
        server_says(res, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        pgt_ok(db, dal_pg_read_uuid(db, res, 0, 0, "v", &back));
        dal_uuid_format(&back, text);
        assert_string_equal(text, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        PQclear(res);
    }
}

static void times(void **state)
{
    static const struct { int t; const char *text; int64_t v; } cases[] = {
        { TS, "1970-01-01 00:00:00", 0 },
        { TS, "2000-01-01 00:00:00", INT64_C(946684800000000) },
        { TS, "1969-12-31 23:59:59.999999", -1 },
        { TS, "infinity", INT64_MAX },
        { TS, "-infinity", INT64_MIN },
        { TS, "4713-01-01 00:00:00 BC", INT64_C(-210863520000000000) },
        { TS, "294246-12-31 23:59:59.999999", 0 },  /* near dal_timestamp's end (value not checked) */
        { TSTZ, "2026-12-05 19:00:00.123456+00", INT64_C(1796497200123456) },
        { TSTZ, "infinity", INT64_MAX },
    };
    size_t i;
    PGresult *res;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        PARAMS(cases[i].t);
        dal_timestamp v;
        res = txt(cases[i].t, cases[i].text);
        pgt_ok(db, dal_pg_read_timestamp(db, res, 0, 0, "v", &v));
        if (i != 6) assert_true(v == cases[i].v);
        PQclear(res);
        dal_pg_bind_timestamp(&p, 1, v);                   /* and back */
        res = bin(cases[i].t, &p);
        server_says(res, cases[i].text);
        PQclear(res);
    }
    {
        static const struct { const char *text; int32_t v; } d[] = {
            { "1970-01-01", 0 }, { "2000-01-01", 10957 }, { "1969-12-31", -1 },
            { "infinity", INT32_MAX }, { "-infinity", INT32_MIN }, { "4714-11-24 BC", -2440588 },
            { "5874897-12-31", 0 },  /* PostgreSQL's last date (value not checked) */
        };
        for (i = 0; i < sizeof d / sizeof d[0]; i++) {
            PARAMS(DATE);
            dal_date v;
            res = txt(DATE, d[i].text);
            pgt_ok(db, dal_pg_read_date(db, res, 0, 0, "v", &v));
            if (i < 6) assert_int_equal(v, d[i].v);
            PQclear(res);
            dal_pg_bind_date(&p, 1, v);
            res = bin(DATE, &p);
            server_says(res, d[i].text);
            PQclear(res);
        }
    }
    {
        PARAMS(TIME);
        int64_t us;
        res = txt(TIME, "24:00:00");
        pgt_ok(db, dal_pg_read_time(db, res, 0, 0, "v", &us));
        assert_true(us == INT64_C(86400000000));
        PQclear(res);
        dal_pg_bind_time(&p, 1, INT64_C(86399999999));
        res = bin(TIME, &p);
        server_says(res, "23:59:59.999999");
        PQclear(res);
    }
    {
        PARAMS(INTERVAL);
        dal_interval iv;
        res = txt(INTERVAL, "1 year 2 mons -3 days 04:05:06.000007");
        pgt_ok(db, dal_pg_read_interval(db, res, 0, 0, "v", &iv));
        assert_int_equal(iv.months, 14);
        assert_int_equal(iv.days, -3);
        assert_true(iv.us == INT64_C(14706000007));
        PQclear(res);
        iv.us = -1;
        iv.days = 0;
        iv.months = -1;
        dal_pg_bind_interval(&p, 1, iv);
        res = bin(INTERVAL, &p);
        server_says(res, "-1 mons -00:00:00.000001");
        PQclear(res);
    }
}

/* text -> server -> libdal's decoder, and libdal's encoder -> server:
 * both must give the server's own text. */
static void numeric_both_ways(const char *in)
{
    PGresult *res = txt(NUMERIC, in);
    const char *mine;
    char want[4096];
    assert_false(PQgetisnull(res, 0, 1));
    snprintf(want, sizeof want, "%s", PQgetvalue(res, 0, 1));
    pgt_ok(db, dal_pg_read_numeric(db, res, 0, 0, "v", &arena, &mine));
    assert_string_equal(mine, want);
    PQclear(res);
    {
        PARAMS(NUMERIC);
        pgt_ok(db, dal_pg_bind_numeric(&p, 1, in));
        res = bin(NUMERIC, &p);
        server_says(res, want);
        PQclear(res);
    }
}

static void numerics(void **state)
{
    static const char *const cases[] = {
        "0", "-0", "0.000", "1.50", "-1.50", "10000", "9999", "99999999", "100000000", "0.0001", "-0.00001",
        "123456789012345678901234567890.000000000000000000001", "1e-3", "1.5E+10", "+7", "NaN", "Infinity",
        "-Infinity", "0.1000", "12345.6789", "1000000000000000000000000",
    };
    char big[1100];
    size_t i;
    int r;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) numeric_both_ways(cases[i]);
    /* 1,000 digits, 600 before the point */
    for (i = 0; i < 1001; i++) big[i] = (char)('1' + i % 9);
    big[600] = '.';
    big[1001] = '\0';
    numeric_both_ways(big);
    big[0] = '-';
    numeric_both_ways(big);
    /* random ones */
    srand(42);
    for (r = 0; r < 300; r++) {
        int n = rand() % 40 + 1, point = rand() % (n + 1), k = 0, j;
        if (rand() % 3 == 0) big[k++] = '-';
        for (j = 0; j < n; j++) {
            if (j == point && j > 0) big[k++] = '.';
            big[k++] = (char)('0' + (rand() % 4 == 0 ? 0 : rand() % 10));
        }
        big[k] = '\0';
        numeric_both_ways(big);
    }
    {
        PARAMS(NUMERIC);
        assert_int_equal(dal_pg_bind_numeric(&p, 1, "12a"), DAL_INVALID);
        assert_int_equal(dal_pg_bind_numeric(&p, 1, "."), DAL_INVALID);
        assert_int_equal(dal_pg_bind_numeric(&p, 1, "1..2"), DAL_INVALID);
        assert_int_equal(dal_pg_bind_numeric(&p, 1, "1e"), DAL_INVALID);
        assert_string_equal(dal_sqlstate(db), "22P02");
    }
}

static void arrays(void **state)
{
    static const int64_t i8[] = { 1, -1, INT64_MAX, INT64_MIN };
    static const char *const tx[] = { "a", NULL, "", "\xc3\xa9" };
    PGresult *res;
    (void)state;
    {
        PARAMS(A_INT8);
        dal_int64_array out;
        dal_pg_bind_int64_array(&p, 1, i8, 4);
        res = bin(A_INT8, &p);
        server_says(res, "{1,-1,9223372036854775807,-9223372036854775808}");
        pgt_ok(db, dal_pg_read_int64_array(db, res, 0, 0, "v", &arena, &out));
        assert_int_equal(out.len, 4);
        assert_memory_equal(out.data, i8, sizeof i8);
        PQclear(res);
    }
    {
        PARAMS(A_INT8);
        dal_int64_array out;
        dal_pg_bind_int64_array(&p, 1, NULL, 0);
        res = bin(A_INT8, &p);
        server_says(res, "{}");
        pgt_ok(db, dal_pg_read_int64_array(db, res, 0, 0, "v", &arena, &out));
        assert_int_equal(out.len, 0);
        assert_non_null(out.data);                          /* empty, not NULL */
        PQclear(res);
    }
    {
        PARAMS(A_TEXT);
        dal_text_array out;
        dal_pg_bind_text_array(&p, 1, tx, 4);
        res = bin(A_TEXT, &p);
        server_says(res, "{a,NULL,\"\",\xc3\xa9}");
        pgt_ok(db, dal_pg_read_text_array(db, res, 0, 0, "v", &arena, &out));
        assert_int_equal(out.len, 4);
        assert_string_equal(out.data[0], "a");
        assert_null(out.data[1]);
        assert_string_equal(out.data[2], "");
        assert_string_equal(out.data[3], "\xc3\xa9");
        PQclear(res);
    }
    {
        PARAMS(A_VARCHAR);                                  /* the pinned element type is varchar */
        dal_text_array out;
        dal_pg_bind_text_array(&p, 1, tx, 1);
        res = bin(A_VARCHAR, &p);
        server_says(res, "{a}");
        {   /* a text array's result type accepts its family, as the reader does */
            static const Oid as_text[2] = { DAL_PG_TEXT_ARRAY, DAL_PG_TEXT }, as_int[2] = { DAL_PG_INT4_ARRAY, DAL_PG_TEXT };
            pgt_ok(db, dal_pg_result_check(db, res, as_text, 2));
            assert_int_equal(dal_pg_result_check(db, res, as_int, 2), DAL_ERROR);
        }
        pgt_ok(db, dal_pg_read_text_array(db, res, 0, 0, "v", &arena, &out));
        assert_string_equal(out.data[0], "a");
        PQclear(res);
    }
    /* a NULL element has no C value in an int64 array */
    res = txt(A_INT8, "{1,NULL}");
    {
        dal_int64_array out;
        assert_int_equal(dal_pg_read_int64_array(db, res, 0, 0, "v", &arena, &out), DAL_ERROR);
        assert_non_null(strstr(dal_errmsg(db), "column \"v\": a NULL array element"));
    }
    PQclear(res);
    res = txt(A_INT8, "{{1,2},{3,4}}");
    {
        dal_int64_array out;
        assert_int_equal(dal_pg_read_int64_array(db, res, 0, 0, "v", &arena, &out), DAL_ERROR);
        assert_non_null(strstr(dal_errmsg(db), "2-dimensional"));
    }
    PQclear(res);
    res = txt(A_INT8, "[0:1]={5,6}");                     /* lower bound 0 reads the same */
    {
        dal_int64_array out;
        pgt_ok(db, dal_pg_read_int64_array(db, res, 0, 0, "v", &arena, &out));
        assert_int_equal(out.len, 2);
        assert_true(out.data[1] == 6);
    }
    PQclear(res);
}

static void more_arrays(void **state)
{
    static const int16_t i2[] = { INT16_MIN, 0 };
    static const int32_t i4[] = { INT32_MAX };
    static const float f4[] = { 1.5f, -0.0f };
    static const double f8[] = { 0.1, 1e300 };
    static const bool bo[] = { true, false, true };
    static const dal_timestamp ts[] = { 0, INT64_MAX };
    static const dal_date dt[] = { 0, INT32_MIN };
    static const char *const nu[] = { "1.50", NULL, "NaN" };
    dal_blob bl[2] = { { "ab", 2 }, { NULL, 0 } };
    dal_uuid uu[1];
    PGresult *res;
    (void)state;
    memset(uu, 0xab, sizeof uu);
#define ROUND(T, bind, val, n, reader, span, server) \
    do { \
        PARAMS(T); \
        span out; \
        pgt_ok(db, bind(&p, 1, val, n)); \
        res = bin(T, &p); \
        server_says(res, server); \
        pgt_ok(db, reader(db, res, 0, 0, "v", &arena, &out)); \
        assert_int_equal(out.len, n); \
        PQclear(res); \
    } while (0)
    ROUND(A_INT2, dal_pg_bind_int16_array, i2, 2, dal_pg_read_int16_array, dal_int16_array, "{-32768,0}");
    ROUND(A_INT4, dal_pg_bind_int32_array, i4, 1, dal_pg_read_int32_array, dal_int32_array, "{2147483647}");
    ROUND(A_FLOAT4, dal_pg_bind_float_array, f4, 2, dal_pg_read_float_array, dal_float_array, "{1.5,-0}");
    ROUND(A_FLOAT8, dal_pg_bind_double_array, f8, 2, dal_pg_read_double_array, dal_double_array, "{0.1,1e+300}");
    ROUND(A_BOOL, dal_pg_bind_bool_array, bo, 3, dal_pg_read_bool_array, dal_bool_array, "{t,f,t}");
    ROUND(A_TS, dal_pg_bind_timestamp_array, ts, 2, dal_pg_read_timestamp_array, dal_timestamp_array,
          "{\"1970-01-01 00:00:00\",infinity}");
    ROUND(A_TSTZ, dal_pg_bind_timestamp_array, ts, 2, dal_pg_read_timestamp_array, dal_timestamp_array,
          "{\"1970-01-01 00:00:00+00\",infinity}");
    ROUND(A_DATE, dal_pg_bind_date_array, dt, 2, dal_pg_read_date_array, dal_date_array, "{1970-01-01,-infinity}");
    ROUND(A_NUMERIC, dal_pg_bind_numeric_array, nu, 3, dal_pg_read_numeric_array, dal_text_array,
          "{1.50,NULL,NaN}");
    ROUND(A_BYTEA, dal_pg_bind_blob_array, bl, 2, dal_pg_read_blob_array, dal_blob_array, "{\"\\\\x6162\",NULL}");
    ROUND(A_UUID, dal_pg_bind_uuid_array, uu, 1, dal_pg_read_uuid_array, dal_uuid_array,
          "{abababab-abab-abab-abab-abababababab}");
#undef ROUND
    {
        dal_text_array out;
        res = txt(A_NUMERIC, "{1.50,NULL,NaN}");
        pgt_ok(db, dal_pg_read_numeric_array(db, res, 0, 0, "v", &arena, &out));
        assert_string_equal(out.data[0], "1.50");
        assert_null(out.data[1]);
        assert_string_equal(out.data[2], "NaN");
        PQclear(res);
    }
}

static int setup(void **state)
{
    PGconn *c;
    int t;
    (void)state;
    pgt_setup("types");
    c = pgt_raw();
    pgt_exec(c, "CREATE TYPE mood AS ENUM ('sad', 'happy'); CREATE EXTENSION citext");
    PQfinish(c);
    for (t = 0; t < NT; t++) {
        snprintf(sql_text[2 * t], sizeof sql_text[0], "SELECT $1::%s, ($1::%s)::text", ty[t].name, ty[t].name);
        snprintf(sql_text[2 * t + 1], sizeof sql_text[0], "SELECT ($1::text)::%s, (($1::text)::%s)::text", ty[t].name,
                 ty[t].name);
        sql[2 * t] = sql_text[2 * t];
        sql[2 * t + 1] = sql_text[2 * t + 1];
        oids[t] = ty[t].oid;
    }
    db = pgt_open();
    pgt_ok(db, dal_exec(db, "SET TimeZone = 'UTC'"));
    dal_arena_init(&arena, NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dal_arena_free(&arena);
    dal_close(db);
    return pgt_teardown();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(integers),
        cmocka_unit_test(nulls),
        cmocka_unit_test(floats_and_bools),
        cmocka_unit_test(texts),
        cmocka_unit_test(blobs_and_uuids),
        cmocka_unit_test(times),
        cmocka_unit_test(numerics),
        cmocka_unit_test(arrays),
        cmocka_unit_test(more_arrays),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
