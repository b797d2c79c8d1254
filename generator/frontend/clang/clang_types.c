#include "frontend/clang/clang_types.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "frontend/clang/clang_tu.h"

void dg_cmapped_free(dg_cmapped *m)
{
    dg_strings_free(&m->enum_names);
    DG_VEC_FREE(&m->enum_values);
    free(m->spelled);
    free(m->enum_spelled);
    m->spelled = m->enum_spelled = NULL;
}

static enum CXChildVisitResult enum_constant(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    dg_cmapped *m = data;
    if (clang_getCursorKind(c) == CXCursor_EnumConstantDecl) {
        DG_VEC_PUSH(&m->enum_names, dg_cx_take(clang_getCursorSpelling(c)));
        DG_VEC_PUSH(&m->enum_values, clang_getEnumConstantDeclValue(c));
    }
    return CXChildVisit_Continue;
}

/* Scalars: integers that fit SQLite's signed 64-bit INTEGER, bool, float and
 * double, enums.  Returns the SQL type or NULL (with *why set). */
static const char *scalar_type(CXType canon, bool enum_as_int, dg_cmapped *m, char **why)
{
    switch (canon.kind) {
    case CXType_Bool:
        m->is_bool = true;
        return "BOOLEAN";
    case CXType_SChar: case CXType_Short: case CXType_Int: case CXType_Long:
    case CXType_LongLong: case CXType_UChar: case CXType_UShort: case CXType_UInt:
        return "INTEGER";
    case CXType_Float: case CXType_Double:
        return "REAL";
    case CXType_ULong: case CXType_ULongLong:
        *why = dg_xstrdup("an unsigned 64-bit integer does not fit SQLite's signed 64-bit INTEGER");
        return NULL;
    case CXType_Char_S: case CXType_Char_U:
        *why = dg_xstrdup("plain char is neither text nor a number: use char[N] or const char * for TEXT, int8_t for INTEGER");
        return NULL;
    case CXType_Enum:
        m->is_enum = true;
        clang_visitChildren(clang_getTypeDeclaration(canon), enum_constant, m);
        if (m->enum_names.len == 0) {
            *why = dg_xstrdup("an enum without constants");
            return NULL;
        }
        return enum_as_int ? "INTEGER" : "TEXT";
    default:
        return NULL;
    }
}

static bool is_plain_char(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    return c.kind == CXType_Char_S || c.kind == CXType_Char_U;
}

/* The C type dalgen emits for a column of this SQL type when nothing says
 * otherwise; a field spelled differently is recorded with @c_type. */
static const char *default_spelling(const char *sql_type)
{
    if (!strcmp(sql_type, "INTEGER")) return "int64_t";
    if (!strcmp(sql_type, "BOOLEAN")) return "_Bool";
    if (!strcmp(sql_type, "REAL")) return "double";
    if (!strcmp(sql_type, "TEXT")) return "const char *";
    return "dal_blob";
}

static const char *map(CXType type, bool enum_as_int, dg_cmapped *m, char **why)
{
    CXType canon = clang_getCanonicalType(type);
    if (canon.kind == CXType_Pointer) {
        CXType pointee = clang_getPointeeType(canon);
        if (is_plain_char(pointee)) {
            m->kind = DG_CS_STRING;
            return "TEXT";
        }
        m->pointer = true;
        const char *t = scalar_type(clang_getCanonicalType(pointee), enum_as_int, m, why);
        if (m->is_enum) {
            CXType written = type.kind == CXType_Pointer ? clang_getPointeeType(type) : pointee;
            m->enum_spelled = dg_cx_take(clang_getTypeSpelling(written));
        }
        if (!t && !*why) *why = dg_xstrdup("only pointers to char (TEXT) and to scalars (a nullable column) map to columns");
        return t;
    }
    if (canon.kind == CXType_ConstantArray && is_plain_char(clang_getArrayElementType(canon))) {
        m->kind = DG_CS_ARRAY;
        m->max_bytes = clang_getArraySize(canon) - 1;
        return "TEXT";
    }
    if (canon.kind == CXType_Record) {
        char *name = dg_cx_take(clang_getCursorSpelling(clang_getTypeDeclaration(canon)));
        bool blob = !strcmp(name, "dal_blob");
        free(name);
        if (blob) {
            m->kind = DG_CS_BLOB;
            return "BLOB";
        }
        *why = dg_xstrdup("a struct is not a column (only dal_blob is)");
        return NULL;
    }
    const char *t = scalar_type(canon, enum_as_int, m, why);
    if (m->is_enum) m->enum_spelled = dg_cx_take(clang_getTypeSpelling(type));
    return t;
}

/* A typedef other than the <stdint.h>/<stdbool.h> names (`typedef short
 * level_t`), directly or as the pointee: @c_type then records the
 * canonical type ("short"), which the code emitter knows how to move. */
static bool user_typedef(CXType type)
{
    static const char *const std_names[] = {"int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t",
                                            "uint32_t", "uint64_t", "bool", NULL};
    if (type.kind == CXType_Pointer) type = clang_getPointeeType(type);
    if (type.kind == CXType_Elaborated) type = clang_Type_getNamedType(type);
    if (type.kind != CXType_Typedef) return false;
    char *name = dg_cx_take(clang_getTypedefName(type));
    bool std = false;
    for (int i = 0; std_names[i] && !std; i++) std = !strcmp(name, std_names[i]);
    free(name);
    return !std;
}

int dg_ctype_map(CXType type, bool enum_as_int, dg_cmapped *out, char **why)
{
    memset(out, 0, sizeof *out);
    out->max_bytes = -1;
    out->spelled = dg_cx_take(clang_getTypeSpelling(type));
    *why = NULL;
    out->sql_type = map(type, enum_as_int, out, why);
    if (!out->sql_type) {
        if (!*why) *why = dg_xstrdup("no SQLite column type for it");
        return -1;
    }
    if (!out->is_enum && out->kind != DG_CS_BLOB && user_typedef(type)) {
        free(out->spelled);
        out->spelled = dg_cx_take(clang_getTypeSpelling(clang_getCanonicalType(type)));
    }
    const char *spelled = out->spelled;
    out->default_c = !out->pointer && !out->is_enum && out->kind != DG_CS_ARRAY &&
                     (!strcmp(spelled, default_spelling(out->sql_type)) ||
                      (out->is_bool && !strcmp(spelled, "bool")));
    return 0;
}
