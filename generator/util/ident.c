/* ident.c - identifiers from SQL names: snake_case, the English singularizer
 * and the C reserved-word list (ident.h). */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/ident.h"

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Decodes one UTF-8 code point (invalid bytes decode as themselves). */
static unsigned long utf8_next(const unsigned char **s)
{
    const unsigned char *p = *s;
    unsigned long cp = *p;
    int n = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
    if (n) cp &= 0x3Fu >> n;
    p++;
    for (int i = 0; i < n && (*p & 0xC0) == 0x80; i++, p++) cp = (cp << 6) | (*p & 0x3F);
    *s = p;
    return cp;
}

char *dg_snake_case(const char *name)
{
    dg_buf b = DG_BUF_INIT;
    const unsigned char *s = (const unsigned char *)name;
    while (*s) {
        char c = (char)*s;
        if (*s >= 0x80) {
            unsigned long cp = utf8_next(&s);
            dg_buf_printf(&b, "_u%04lx_", cp);
            continue;
        }
        if (is_upper(c)) {
            char prev = s > (const unsigned char *)name ? (char)s[-1] : 0;
            char next = (char)s[1];
            if (is_lower(prev) || is_digit(prev) || (is_upper(prev) && is_lower(next)))
                dg_buf_putc(&b, '_');
            dg_buf_putc(&b, (char)(c - 'A' + 'a'));
        } else if (is_lower(c) || is_digit(c)) {
            dg_buf_putc(&b, c);
        } else {
            dg_buf_putc(&b, '_');
        }
        s++;
    }
    /* collapse and trim underscores */
    char *raw = dg_buf_steal(&b);
    dg_buf out = DG_BUF_INIT;
    for (const char *p = raw ? raw : ""; *p; p++) {
        if (*p == '_' && (out.len == 0 || out.data[out.len - 1] == '_')) continue;
        dg_buf_putc(&out, *p);
    }
    free(raw);
    while (out.len && out.data[out.len - 1] == '_') out.data[--out.len] = '\0';
    if (!out.len) dg_buf_puts(&out, "unnamed");
    return dg_buf_steal(&out);
}

/* Plural -> singular for irregular and unchanging words. */
static const char *const irregular[][2] = {
    {"people", "person"},   {"men", "man"},         {"women", "woman"},
    {"children", "child"},  {"mice", "mouse"},      {"geese", "goose"},
    {"teeth", "tooth"},     {"feet", "foot"},       {"criteria", "criterion"},
    {"indices", "index"},   {"matrices", "matrix"}, {"vertices", "vertex"},
    {"leaves", "leaf"},     {"wolves", "wolf"},     {"knives", "knife"},
    {"lives", "life"},      {"wives", "wife"},      {"halves", "half"},
    {"shelves", "shelf"},   {"quizzes", "quiz"},    {"analyses", "analysis"},
    {"theses", "thesis"},   {"crises", "crisis"},   {"axes", "axis"},
    {"oxen", "ox"},         {"movies", "movie"},    {"cookies", "cookie"},
    {"data", "data"},       {"media", "media"},     {"news", "news"},
    {"series", "series"},   {"species", "species"}, {"metadata", "metadata"},
    {"information", "information"}, {"equipment", "equipment"},
};

char *dg_c_field_ident(const char *name)
{
    char *s = dg_snake_case(name);
    if (s[0] >= '0' && s[0] <= '9') {
        char *p = dg_xprintf("n%s", s);
        free(s);
        s = p;
    }
    if (dg_c_reserved(s)) {
        char *p = dg_xprintf("%s_", s);
        free(s);
        s = p;
    }
    return s;
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

/* Singular of one lower-case word (malloc'ed). */
static char *singular_word(const char *w)
{
    size_t len = strlen(w);
    if (!strcmp(w, "fts")) return dg_xstrdup(w);   /* full-text search, not a plural: post_fts stays */
    for (size_t i = 0; i < sizeof irregular / sizeof irregular[0]; i++)
        if (!strcmp(w, irregular[i][0])) return dg_xstrdup(irregular[i][1]);
    if (len > 3 && ends_with(w, len, "ies"))
        return dg_xprintf("%.*sy", (int)(len - 3), w);
    if (ends_with(w, len, "sses") || ends_with(w, len, "shes") || ends_with(w, len, "ches") ||
        ends_with(w, len, "xes") || ends_with(w, len, "zzes"))
        return dg_xstrndup(w, len - 2);
    if (len > 1 && w[len - 1] == 's' && !ends_with(w, len, "ss") && !ends_with(w, len, "us") &&
        !ends_with(w, len, "is"))
        return dg_xstrndup(w, len - 1);
    return dg_xstrdup(w);
}

char *dg_singular(const char *snake)
{
    const char *last = strrchr(snake, '_');
    size_t head = last ? (size_t)(last - snake) + 1 : 0;
    char *word = singular_word(snake + head);
    char *out = dg_xprintf("%.*s%s", (int)head, snake, word);
    free(word);
    return out;
}

/* C (C89-C23) and C++ keywords, and identifiers the C library reserves or
 * defines as macros, that a field or parameter must not be named.  Each
 * list is sorted (strcmp order): dg_c_reserved runs per column and
 * searches them by halves. */
static const char *const reserved_words[] = {
    "alignas", "alignof", "and", "and_eq", "asm", "assert", "atomic_bool", "auto", "bitand",
    "bitor", "bool", "break", "case", "catch", "char", "char16_t", "char32_t", "char8_t",
    "class", "co_await", "co_return", "co_yield", "compl", "complex", "concept", "const",
    "const_cast", "consteval", "constexpr", "constinit", "continue", "decltype", "default",
    "delete", "do", "double", "dynamic_cast", "else", "enum", "errno", "explicit", "export",
    "extern", "false", "float", "for", "friend", "goto", "if", "imaginary", "inline", "int",
    "int16_t", "int32_t", "int64_t", "int8_t", "intmax_t", "intptr_t", "long", "main",
    "mutable", "namespace", "new", "noexcept", "noreturn", "not", "not_eq", "nullptr",
    "offsetof", "operator", "or", "or_eq", "private", "protected", "ptrdiff_t", "public",
    "register", "reinterpret_cast", "requires", "restrict", "return", "setjmp", "short",
    "signed", "size_t", "sizeof", "ssize_t", "static", "static_assert", "static_cast",
    "stderr", "stdin", "stdout", "struct", "switch", "template", "this", "thread_local",
    "throw", "true", "try", "typedef", "typeid", "typename", "typeof", "typeof_unqual",
    "uint16_t", "uint32_t", "uint64_t", "uint8_t", "uintmax_t", "uintptr_t", "union",
    "unsigned", "using", "va_arg", "va_end", "va_list", "va_start", "virtual", "void",
    "volatile", "wchar_t", "while", "xor", "xor_eq",
};
/* the parameters and locals of generated functions */
static const char *const reserved_locals[] = {"arena", "db", "it", "out", "patch", "rc", "row", "st"};
/* the C library functions generated code calls (a parameter named so hid them) */
static const char *const reserved_calls[] = {
    "calloc", "free", "malloc", "memcmp", "memcpy", "memmove", "memset", "realloc", "snprintf", "sprintf",
    "strcmp", "strlen", "strncmp",
};

/* Namespaces of the libraries generated code uses (types, functions,
 * macros): a parameter named dal_arena or sqlite3_stmt hid the type. */
static const char *const reserved_prefixes[] = {"dal_", "DAL_", "sqlite3", "SQLITE_"};

/* True when the sorted list[0, n) holds s. */
static bool sorted_has(const char *const *list, size_t n, const char *s)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s, list[mid]);
        if (!c) return true;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return false;
}

#define SORTED_HAS(list, s) sorted_has(list, sizeof list / sizeof list[0], s)

bool dg_c_reserved(const char *ident)
{
    if (SORTED_HAS(reserved_words, ident) || SORTED_HAS(reserved_locals, ident) || SORTED_HAS(reserved_calls, ident))
        return true;
    for (size_t i = 0; i < sizeof reserved_prefixes / sizeof reserved_prefixes[0]; i++)
        if (!strncmp(ident, reserved_prefixes[i], strlen(reserved_prefixes[i]))) return true;
    return ident[0] == '_';
}

bool dg_is_c_ident(const char *s)
{
    if (!s || !(is_lower(*s) || is_upper(*s) || *s == '_')) return false;
    for (; *s; s++)
        if (!(is_lower(*s) || is_upper(*s) || is_digit(*s) || *s == '_')) return false;
    return true;
}

const char *const dg_table_verbs[] = {
    "insert", "insert_many", "get", "update", "delete", "upsert", "count", "list", "next", "iter",
    "iter_end", "validate", "match", "patch", "update_patch", "row", NULL,
};
