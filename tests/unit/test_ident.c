/* C identifiers (util/ident.c): every reserved word is found (the lists are
 * searched by halves, so a word out of order would be missed), names that
 * are not reserved, and the field identifier of a column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "util/ident.h"

static const char *const reserved[] = {
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
    "arena", "db", "it", "out", "rc", "row", "st",
    "calloc", "free", "malloc", "memcmp", "memcpy", "memmove", "memset", "realloc", "snprintf", "sprintf",
    "strcmp", "strlen", "strncmp",
    /* prefixes and the leading underscore */
    "dal_arena", "DAL_OK", "sqlite3_stmt", "SQLITE_OK", "_x",
};

static void reserved_words(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        if (!dg_c_reserved(reserved[i])) fail_msg("'%s' is not reserved", reserved[i]);
    static const char *const free_names[] = {"", "a", "zz", "c1_integer", "case_", "chars", "id", "rows", "x_"};
    for (size_t i = 0; i < sizeof free_names / sizeof free_names[0]; i++)
        if (dg_c_reserved(free_names[i])) fail_msg("'%s' is reserved", free_names[i]);
}

static void field_idents(void **state)
{
    (void)state;
    char *a = dg_c_field_ident("Case"), *b = dg_c_field_ident("memcpy"), *c = dg_c_field_ident("c1_integer");
    assert_string_equal(a, "case_");
    assert_string_equal(b, "memcpy_");
    assert_string_equal(c, "c1_integer");
    free(a), free(b), free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reserved_words),
        cmocka_unit_test(field_idents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
