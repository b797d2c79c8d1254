/* diff_cases.h - the CHECK constraints of the differential test: every form
 * the CHECK compiler compiles, on every field kind it reads, and NOT NULL.
 * Each case is a table t(a, b) with one CHECK; type_a is written
 * "TYPE [COLLATE X] [NOT NULL] [DEFAULT v]"; `hints` are values worth trying
 * near. */
#ifndef DIFF_CASES_H
#define DIFF_CASES_H

enum { DK_NONE = 0, DK_INT, DK_BOOL, DK_REAL, DK_TEXT };

typedef struct diff_case {
    const char *type_a;     /* declared type (and COLLATE / DEFAULT) of a */
    int         kind_a;
    const char *type_b;     /* NULL: no column b */
    int         kind_b;
    const char *check;
    const char *hints[6];
} diff_case;

static const diff_case diff_cases[] = {
    {"INTEGER", DK_INT, NULL, 0, "a >= 0", {"0"}},
    {"INTEGER", DK_INT, NULL, 0, "a BETWEEN 1 AND 10", {"1", "10"}},
    {"INT", DK_INT, NULL, 0, "a NOT BETWEEN -5 AND 5", {"-5", "5"}},
    {"INTEGER", DK_INT, NULL, 0, "a IN (1, 2, 3)", {"1", "3"}},
    {"INTEGER", DK_INT, NULL, 0, "a NOT IN (1, 2, NULL)", {"1", "2"}},
    {"INTEGER", DK_INT, NULL, 0, "a IN (1, '2', '3x', 4.5, ' 7 ')", {"2", "4", "7"}},
    {"INTEGER", DK_INT, NULL, 0, "a > '5'", {"5"}},
    {"INTEGER", DK_INT, NULL, 0, "a < 'abc' AND a <> ''", {"0"}},
    {"INTEGER", DK_INT, NULL, 0, "a <> 2.5 AND a >= -2.5", {"2", "3", "-2", "-3"}},
    {"INTEGER", DK_INT, NULL, 0, "a > -9223372036854775808 AND a < 9223372036854775807", {"0"}},
    {"INTEGER", DK_INT, NULL, 0, "a > 9007199254740992.0 OR a < -9.2233720368547758e18", {"9007199254740992"}},
    {"INTEGER", DK_INT, NULL, 0, "length(a) <= 3", {"999", "-99", "1000"}},
    {"INTEGER", DK_INT, NULL, 0, "typeof(a) = 'integer'", {"0"}},
    {"INTEGER", DK_INT, NULL, 0, "a IS NOT NULL", {"0"}},
    {"INTEGER", DK_INT, NULL, 0, "a IS 5", {"5"}},
    {"INTEGER", DK_INT, NULL, 0, "a IS NOT 5", {"5"}},
    {"INTEGER", DK_INT, NULL, 0, "NOT (a = 3 OR a == 4)", {"3", "4"}},
    {"INTEGER", DK_INT, NULL, 0, "a", {"0", "1"}},
    {"INTEGER", DK_INT, NULL, 0, "a = 0x10 OR a = -(5) OR a = +7", {"16", "-5", "7"}},
    {"INTEGER", DK_INT, NULL, 0, "a IN ()", {"0"}},
    {"INTEGER", DK_INT, NULL, 0, "a NOT IN ()", {"0"}},
    {"INTEGER", DK_INT, NULL, 0, "a > NULL OR a = 1", {"1"}},
    {"INTEGER DEFAULT 5", DK_INT, NULL, 0, "a > 0", {"0", "5"}},
    {"INTEGER", DK_INT, "INTEGER", DK_INT, "a != b", {"1", "2"}},
    {"INTEGER", DK_INT, "INTEGER", DK_INT, "(a == 1 AND b IS NOT NULL) OR (a > 1 AND b IS NULL)", {"1", "2"}},
    {"INTEGER", DK_INT, "INTEGER", DK_INT, "a IS b OR a < b", {"1", "2"}},
    {"BOOLEAN", DK_BOOL, NULL, 0, "a IN (0, 1)", {"0", "1"}},
    {"BOOLEAN", DK_BOOL, NULL, 0, "NOT a", {"0", "1"}},
    {"REAL", DK_REAL, NULL, 0, "a > 0.5", {"0.5"}},
    {"REAL", DK_REAL, NULL, 0, "a BETWEEN 0 AND 100", {"0", "100"}},
    {"DOUBLE", DK_REAL, NULL, 0, "a = 3 OR a = '4.5'", {"3", "4.5"}},
    {"REAL", DK_REAL, NULL, 0, "typeof(a) = 'real'", {"1"}},
    {"FLOAT", DK_REAL, NULL, 0, "a IS NULL OR a <> 0", {"1"}},
    {"DECIMAL(5,2)", DK_REAL, NULL, 0, "typeof(a) = 'integer'", {"1", "1.5"}},
    {"DECIMAL(5,2)", DK_REAL, NULL, 0, "a >= 1.5 AND a < 1e3", {"1.5", "1000"}},
    {"NUMERIC", DK_REAL, NULL, 0, "a < 9223372036854775807", {"9.2233720368547758e18"}},
    {"REAL", DK_REAL, NULL, 0, "a", {"0"}},
    {"REAL", DK_REAL, "INTEGER", DK_INT, "a > b", {"1", "1.5"}},
    {"REAL", DK_REAL, NULL, 0, "a IN ('1.5', 2, 'x')", {"1.5", "2"}},
    {"REAL", DK_REAL, NULL, 0, "a < 'abc'", {"1"}},
    {"TEXT", DK_TEXT, NULL, 0, "a <> ''", {"", " "}},
    {"TEXT", DK_TEXT, NULL, 0, "trim(a) <> ''", {"", " "}},
    {"TEXT", DK_TEXT, NULL, 0, "trim(a) = ''", {"", "  "}},
    {"TEXT", DK_TEXT, NULL, 0, "length(a) BETWEEN 2 AND 5", {"ab", "\xc3\xa9\xc3\xa9"}},
    {"VARCHAR(12)", DK_TEXT, NULL, 0, "length(a) == 4", {"abcd", "\xf0\x9f\x98\x80xyz"}},
    {"TEXT", DK_TEXT, NULL, 0, "a IN ('draft', 'published', 'archived')", {"draft", "published", "archived"}},
    {"TEXT", DK_TEXT, NULL, 0, "a NOT IN ('x', 'y')", {"x", "y"}},
    {"VARCHAR(100)", DK_TEXT, NULL, 0,
     "a is null or a like '%Trailers%' or a like '%Deleted Scenes%' or a LIKE 'abc_'",
     {"Trailers", "Deleted Scenes", "abc"}},
    {"TEXT", DK_TEXT, NULL, 0, "a NOT LIKE 'a%'", {"a", "A"}},
    {"TEXT", DK_TEXT, NULL, 0, "a LIKE 'x!%%' ESCAPE '!'", {"x%", "x"}},
    {"TEXT", DK_TEXT, NULL, 0, "a LIKE '\xc3\xa9%' ESCAPE '\xc3\xa9'", {"\xc3\xa9", "%"}},
    {"TEXT", DK_TEXT, NULL, 0, "a LIKE NULL OR a = 'k'", {"k"}},
    {"TEXT", DK_TEXT, NULL, 0, "a GLOB '[a-c]*'", {"a", "B"}},
    {"TEXT", DK_TEXT, NULL, 0, "a NOT GLOB '*[0-9]'", {"a1"}},
    {"TEXT", DK_TEXT, NULL, 0, "a GLOB '?\xc3\xa9*' OR a GLOB '[^x]'", {"a\xc3\xa9", "x"}},
    {"TEXT", DK_TEXT, NULL, 0, "a > 5", {"5", "50", "4"}},
    {"TEXT", DK_TEXT, NULL, 0, "a = 1.0 OR a = 10", {"1.0", "10", "1"}},
    {"TEXT", DK_TEXT, NULL, 0, "a >= 'b' AND a < 'm'", {"b", "m"}},
    {"TEXT COLLATE NOCASE", DK_TEXT, NULL, 0, "a = 'abc'", {"ABC", "abc"}},
    {"TEXT COLLATE RTRIM", DK_TEXT, NULL, 0, "a = 'abc' OR a < 'b '", {"abc  ", "b"}},
    {"TEXT", DK_TEXT, NULL, 0, "a COLLATE NOCASE IN ('x', 'Y')", {"X", "y"}},
    {"TEXT", DK_TEXT, NULL, 0, "a = 'abc' COLLATE NOCASE", {"ABC"}},
    {"TEXT", DK_TEXT, NULL, 0, "typeof(a) = 'text' AND typeof(a) <> 'null'", {"x"}},
    {"TEXT", DK_TEXT, NULL, 0, "a IS 'x' OR a IS NOT 'y'", {"x", "y"}},
    {"TEXT", DK_TEXT, "INTEGER", DK_INT, "a == \"root________\" OR b IS NOT NULL", {"root________"}},
    {"TEXT", DK_TEXT, "TEXT", DK_TEXT, "a < b", {"a", "b"}},
    {"TEXT COLLATE NOCASE", DK_TEXT, "TEXT", DK_TEXT, "a = b AND b = a", {"a", "A"}},
    {"TEXT DEFAULT 'x'", DK_TEXT, NULL, 0, "a <> 'bad'", {"bad", "x"}},
    {"REAL NOT NULL", DK_REAL, NULL, 0, "a > 0", {"0"}},
    {"DECIMAL(5,2) NOT NULL DEFAULT 1", DK_REAL, NULL, 0, "a >= 0", {"0"}},
    {"INTEGER NOT NULL", DK_INT, NULL, 0, "a <> 7", {"7"}},
    {"INTEGER NOT NULL DEFAULT 3", DK_INT, "TEXT NOT NULL", DK_TEXT, "a > length(b)", {"3", "abc"}},
    {"TEXT NOT NULL", DK_TEXT, NULL, 0, "a <> ''", {""}},
    {"TEXT NOT NULL DEFAULT 'x'", DK_TEXT, NULL, 0, "length(a) < 4", {"abcd", "x"}},
};

#define DIFF_NCASES (sizeof diff_cases / sizeof diff_cases[0])

#endif
