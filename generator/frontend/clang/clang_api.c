/* clang_api.c - dg_api_load: the functions, structs, fields, enum
 * constants and typedefs a header declares, read with libclang. */
#include <stdlib.h>
#include <string.h>

#include "model/api.h"
#include "util/buf.h"
#include "frontend/clang/clang_tu.h"

typedef struct api_walk {
    dg_ctu *t;
    dg_api *api;
    char   *owner;   /* struct or enum being visited */
} api_walk;

static dg_api_item *add(api_walk *w, int kind, CXCursor c, const char *name, char *type, char *text)
{
    dg_api_item *it = DG_VEC_ADD(&w->api->items[kind]);
    it->owner = dg_xstrdup(w->owner);
    it->name = dg_xstrdup(name);
    it->type = type;
    it->text = text;
    it->loc = dg_ctu_loc(w->t, c);
    return it;
}

static bool seen(const dg_api_items *v, const char *owner, const char *name)
{
    for (size_t i = 0; i < v->len; i++)
        if (!strcmp(v->items[i].name, name) && !strcmp(v->items[i].owner ? v->items[i].owner : "", owner ? owner : ""))
            return true;
    return false;
}

/* "type name" with C's spacing for pointers ("char *s", not "char * s"). */
static void put_decl(dg_buf *b, const char *type, const char *name)
{
    size_t n = strlen(type);
    dg_buf_puts(b, type);
    if (name[0]) dg_buf_printf(b, "%s%s", n && type[n - 1] == '*' ? "" : " ", name);
}

static char *function_text(CXCursor c, const char *name)
{
    dg_buf b = DG_BUF_INIT;
    CXType ft = clang_getCursorType(c);
    char *res = dg_cx_take(clang_getTypeSpelling(clang_getResultType(ft)));
    put_decl(&b, res, name);
    free(res);
    dg_buf_putc(&b, '(');
    int n = clang_Cursor_getNumArguments(c);
    for (int i = 0; i < n; i++) {
        CXCursor arg = clang_Cursor_getArgument(c, (unsigned)i);
        char *ty = dg_cx_take(clang_getTypeSpelling(clang_getCursorType(arg)));
        char *an = dg_cx_take(clang_getCursorSpelling(arg));
        if (i) dg_buf_puts(&b, ", ");
        put_decl(&b, ty, an);
        free(ty);
        free(an);
    }
    if (clang_isFunctionTypeVariadic(ft)) dg_buf_puts(&b, n ? ", ..." : "...");
    else if (n == 0 && ft.kind == CXType_FunctionProto)
        dg_buf_puts(&b, "void");
    dg_buf_putc(&b, ')');
    return dg_buf_steal(&b);
}

static enum CXChildVisitResult member(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    api_walk *w = data;
    enum CXCursorKind k = clang_getCursorKind(c);
    char *name = dg_cx_take(clang_getCursorSpelling(c));
    if (k == CXCursor_FieldDecl && name[0]) {
        char *type = dg_cx_take(clang_getTypeSpelling(clang_getCursorType(c)));
        add(w, DG_API_FIELDS, c, name, type, dg_xprintf("%s.%s (%s)", w->owner, name, type));
    } else if (k == CXCursor_EnumConstantDecl && !seen(&w->api->items[DG_API_ENUM_VALUES], w->owner, name)) {
        long long v = clang_getEnumConstantDeclValue(c);
        add(w, DG_API_ENUM_VALUES, c, name, dg_xprintf("%lld", v), dg_xprintf("%s = %lld (%s)", name, v, w->owner));
    }
    free(name);
    return CXChildVisit_Continue;
}

/* "struct tag", "union tag", "enum tag", or the typedef name of an anonymous one. */
static char *record_name(CXCursor c, const char *keyword)
{
    char *name = dg_cx_take(clang_getCursorSpelling(c));
    if (!clang_Cursor_isAnonymous(c) && name[0] && !strchr(name, ' ')) {
        char *s = dg_xprintf("%s %s", keyword, name);
        free(name);
        return s;
    }
    free(name);
    return dg_cx_take(clang_getTypeSpelling(clang_getCursorType(c)));
}

static void record(api_walk *w, CXCursor c, enum CXCursorKind k)
{
    const char *kw = k == CXCursor_StructDecl ? "struct" : k == CXCursor_UnionDecl ? "union" : "enum";
    char *name = record_name(c, kw);
    bool dup = seen(&w->api->items[DG_API_STRUCTS], NULL, name);
    if (k != CXCursor_EnumDecl && !dup) add(w, DG_API_STRUCTS, c, name, dg_xstrdup(kw), dg_xstrdup(name));
    if (!dup) {
        w->owner = name;
        clang_visitChildren(c, member, w);
        w->owner = NULL;
    }
    free(name);
}

/* typedefs of records and enums are covered by their record. */
static void typedef_item(api_walk *w, CXCursor c)
{
    CXType under = clang_getTypedefDeclUnderlyingType(c);
    enum CXTypeKind k = clang_getCanonicalType(under).kind;
    if (k == CXType_Record || k == CXType_Enum) return;
    char *name = dg_cx_take(clang_getCursorSpelling(c));
    if (!seen(&w->api->items[DG_API_TYPEDEFS], NULL, name)) {
        char *type = dg_cx_take(clang_getTypeSpelling(under));
        dg_buf text = DG_BUF_INIT;
        dg_buf_puts(&text, "typedef ");
        put_decl(&text, type, name);
        add(w, DG_API_TYPEDEFS, c, name, type, dg_buf_steal(&text));
    }
    free(name);
}

static enum CXChildVisitResult top_level(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    api_walk *w = data;
    if (!clang_Location_isFromMainFile(clang_getCursorLocation(c))) return CXChildVisit_Continue;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_FunctionDecl) {
        char *name = dg_cx_take(clang_getCursorSpelling(c));
        if (!seen(&w->api->items[DG_API_FUNCTIONS], NULL, name))
            add(w, DG_API_FUNCTIONS, c, name, dg_cx_take(clang_getTypeSpelling(clang_getCursorType(c))),
                function_text(c, name));
        free(name);
    } else if ((k == CXCursor_StructDecl || k == CXCursor_UnionDecl || k == CXCursor_EnumDecl) &&
               clang_isCursorDefinition(c)) {
        record(w, c, k);
    } else if (k == CXCursor_TypedefDecl) {
        typedef_item(w, c);
    }
    return CXChildVisit_Continue;
}

int dg_api_load(const char *header, const dg_strings *clang_args, dg_api *out, dg_diags *d)
{
    memset(out, 0, sizeof *out);
    dg_ctu tu;
    if (dg_ctu_parse(header, clang_args, &out->files, &tu, d) != 0) return -1;
    api_walk w = {&tu, out, NULL};
    clang_visitChildren(clang_getTranslationUnitCursor(tu.tu), top_level, &w);
    dg_ctu_dispose(&tu);
    return 0;
}
