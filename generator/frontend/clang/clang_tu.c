#include "frontend/clang/clang_tu.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fsutil.h"

char *dg_cx_take(CXString s)
{
    const char *c = clang_getCString(s);
    char *copy = dg_xstrdup(c ? c : "");
    clang_disposeString(s);
    return copy;
}

const char *dg_ctu_intern(dg_strings *files, const char *path)
{
    for (size_t i = 0; i < files->len; i++)
        if (!strcmp(files->items[i], path)) return files->items[i];
    dg_strings_push(files, path);
    return files->items[files->len - 1];
}

static char *if_has_headers(char *dir)
{
    char *probe = dg_xprintf("%s/dal_annotate.h", dir);
    bool ok = dg_is_file(probe);
    free(probe);
    if (ok) return dir;
    free(dir);
    return NULL;
}

/* The folder holding dal.h and dal_annotate.h: an installed dalgen's
 * bin/../include, else (dalgen run from its build tree) the source tree's
 * runtime/include, as the build configured it (not __FILE__: a compiler
 * cache with a base directory makes that relative).  NULL when neither
 * exists.  Caller frees. */
static char *own_include_dir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash = n > 0 ? (exe[n] = '\0', strrchr(exe, '/')) : NULL;
    if (slash) {
        *slash = '\0';
        char *dir = if_has_headers(dg_xprintf("%s/../include", exe));
        if (dir) return dir;
    }
    return if_has_headers(dg_xstrdup(DALGEN_SOURCE_INCLUDE_DIR));
}

static dg_loc loc_of(dg_strings *files, CXSourceLocation where)
{
    CXFile file;
    unsigned line, col;
    clang_getExpansionLocation(where, &file, &line, &col, NULL);
    dg_loc loc = {NULL, (int)line, (int)col};
    if (file) {
        char *name = dg_cx_take(clang_getFileName(file));
        loc.file = dg_ctu_intern(files, name);
        free(name);
    }
    return loc;
}

dg_loc dg_ctu_loc(dg_ctu *t, CXCursor c)
{
    return loc_of(t->files, clang_getCursorLocation(c));
}

int dg_ctu_in_system_header(CXCursor c)
{
    return clang_Location_isInSystemHeader(clang_getCursorLocation(c));
}

/* Passes clang's diagnostics on; returns the number of errors among them. */
static int pass_diagnostics(dg_ctu *t, dg_diags *d)
{
    int errors = 0;
    unsigned n = clang_getNumDiagnostics(t->tu);
    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic diag = clang_getDiagnostic(t->tu, i);
        enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(diag);
        dg_loc loc = loc_of(t->files, clang_getDiagnosticLocation(diag));
        char *msg = dg_cx_take(clang_getDiagnosticSpelling(diag));
        if (sev >= CXDiagnostic_Error) {
            dg_error(d, loc, "%s", msg);
            errors++;
        } else if (sev == CXDiagnostic_Warning) {
            dg_warning(d, loc, "%s", msg);
        }
        free(msg);
        clang_disposeDiagnostic(diag);
    }
    return errors;
}

int dg_ctu_parse(const char *header, const dg_strings *args, dg_strings *files, dg_ctu *out, dg_diags *d)
{
    memset(out, 0, sizeof *out);
    out->files = files;
    dg_loc hloc = {dg_ctu_intern(files, header), 0, 0};
    if (!dg_is_file(header)) {
        dg_error(d, hloc, "cannot read the header: no such file");
        return -1;
    }
    if (dg_clang_open(hloc, d) != 0) return -1;
    DG_VEC(const char *) argv = {0};
    char *own = own_include_dir();
    for (size_t i = 0; args && i < args->len; i++) DG_VEC_PUSH(&argv, args->items[i]);
    DG_VEC_PUSH(&argv, "-D__DALGEN__=1");
    if (own) {
        DG_VEC_PUSH(&argv, "-idirafter");
        DG_VEC_PUSH(&argv, own);
    }
    out->index = clang_createIndex(0, 0);
    enum CXErrorCode rc = clang_parseTranslationUnit2(
        out->index, header, argv.items, (int)argv.len, NULL, 0,
        CXTranslationUnit_SkipFunctionBodies, &out->tu);
    DG_VEC_FREE(&argv);
    free(own);
    int errors = 0;
    if (rc != CXError_Success || !out->tu) {
        dg_error(d, hloc, "libclang could not parse the header (error %d)", (int)rc);
        errors = 1;
    } else {
        errors = pass_diagnostics(out, d);
    }
    if (errors) {
        dg_ctu_dispose(out);
        return -1;
    }
    return 0;
}

void dg_ctu_dispose(dg_ctu *t)
{
    if (!t) return;
    if (t->tu) clang_disposeTranslationUnit(t->tu);
    if (t->index) clang_disposeIndex(t->index);
    t->tu = NULL;
    t->index = NULL;
}
