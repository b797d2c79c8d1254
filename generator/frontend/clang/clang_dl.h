/* clang_dl.h - libclang, loaded when a command first needs it.
 *
 * dalgen does not link libclang: loading it (and LLVM) costs every command
 * ~0.07 s and ~60 MiB at start, and only --header and api-diff use it.
 * dg_clang_open() dlopens it once; until then no clang_* call may be made.
 * Every clang_* name used under frontend/clang/ is redirected here to a
 * function pointer of the same type (typeof of libclang's own declaration,
 * so no signature is written twice).
 *
 * Only files under frontend/clang/ include this, in place of
 * <clang-c/Index.h>. */
#ifndef DG_CLANG_DL_H
#define DG_CLANG_DL_H

#include <clang-c/Index.h>

#include "model/model.h"
#include "util/diag.h"

/* The libclang functions dalgen calls. */
#define DG_CLANG_FUNCS(X) \
    X(clang_Cursor_getArgument) X(clang_Cursor_getNumArguments) X(clang_Cursor_isAnonymous) \
    X(clang_Location_isFromMainFile) X(clang_Location_isInSystemHeader) X(clang_Type_getNamedType) \
    X(clang_createIndex) X(clang_disposeDiagnostic) X(clang_disposeIndex) X(clang_disposeString) \
    X(clang_disposeTranslationUnit) X(clang_getArrayElementType) X(clang_getArraySize) X(clang_getCString) \
    X(clang_getCanonicalType) X(clang_getCursorKind) X(clang_getCursorLocation) X(clang_getCursorSpelling) \
    X(clang_getCursorType) X(clang_getDiagnostic) X(clang_getDiagnosticLocation) \
    X(clang_getDiagnosticSeverity) X(clang_getDiagnosticSpelling) X(clang_getEnumConstantDeclValue) \
    X(clang_getExpansionLocation) X(clang_getFileName) X(clang_getNumDiagnostics) X(clang_getPointeeType) \
    X(clang_getResultType) X(clang_getTranslationUnitCursor) X(clang_getTypeDeclaration) \
    X(clang_getTypeSpelling) X(clang_getTypedefDeclUnderlyingType) X(clang_getTypedefName) \
    X(clang_isCursorDefinition) X(clang_isFunctionTypeVariadic) X(clang_parseTranslationUnit2) \
    X(clang_visitChildren)

#define DG_CLANG_FIELD(name) __typeof__(name) *name;
typedef struct dg_clang_api {
    DG_CLANG_FUNCS(DG_CLANG_FIELD)
} dg_clang_api;
#undef DG_CLANG_FIELD

/* Filled by dg_clang_open (process-wide: the library stays loaded). */
extern dg_clang_api dg_clang;

/* Loads libclang: $DALGEN_LIBCLANG when set, else the library found at
 * build time, then its soname.  Returns 0, or reports at
 * `at` why it could not (not installed, a symbol missing) and returns -1.
 * Loading twice is a no-op. */
int dg_clang_open(dg_loc at, dg_diags *d);

#ifndef DG_CLANG_DL_IMPL
#define DG_CLANG_REDIRECT(name) (*dg_clang.name)
#define clang_Cursor_getArgument DG_CLANG_REDIRECT(clang_Cursor_getArgument)
#define clang_Cursor_getNumArguments DG_CLANG_REDIRECT(clang_Cursor_getNumArguments)
#define clang_Cursor_isAnonymous DG_CLANG_REDIRECT(clang_Cursor_isAnonymous)
#define clang_Location_isFromMainFile DG_CLANG_REDIRECT(clang_Location_isFromMainFile)
#define clang_Location_isInSystemHeader DG_CLANG_REDIRECT(clang_Location_isInSystemHeader)
#define clang_Type_getNamedType DG_CLANG_REDIRECT(clang_Type_getNamedType)
#define clang_createIndex DG_CLANG_REDIRECT(clang_createIndex)
#define clang_disposeDiagnostic DG_CLANG_REDIRECT(clang_disposeDiagnostic)
#define clang_disposeIndex DG_CLANG_REDIRECT(clang_disposeIndex)
#define clang_disposeString DG_CLANG_REDIRECT(clang_disposeString)
#define clang_disposeTranslationUnit DG_CLANG_REDIRECT(clang_disposeTranslationUnit)
#define clang_getArrayElementType DG_CLANG_REDIRECT(clang_getArrayElementType)
#define clang_getArraySize DG_CLANG_REDIRECT(clang_getArraySize)
#define clang_getCString DG_CLANG_REDIRECT(clang_getCString)
#define clang_getCanonicalType DG_CLANG_REDIRECT(clang_getCanonicalType)
#define clang_getCursorKind DG_CLANG_REDIRECT(clang_getCursorKind)
#define clang_getCursorLocation DG_CLANG_REDIRECT(clang_getCursorLocation)
#define clang_getCursorSpelling DG_CLANG_REDIRECT(clang_getCursorSpelling)
#define clang_getCursorType DG_CLANG_REDIRECT(clang_getCursorType)
#define clang_getDiagnostic DG_CLANG_REDIRECT(clang_getDiagnostic)
#define clang_getDiagnosticLocation DG_CLANG_REDIRECT(clang_getDiagnosticLocation)
#define clang_getDiagnosticSeverity DG_CLANG_REDIRECT(clang_getDiagnosticSeverity)
#define clang_getDiagnosticSpelling DG_CLANG_REDIRECT(clang_getDiagnosticSpelling)
#define clang_getEnumConstantDeclValue DG_CLANG_REDIRECT(clang_getEnumConstantDeclValue)
#define clang_getExpansionLocation DG_CLANG_REDIRECT(clang_getExpansionLocation)
#define clang_getFileName DG_CLANG_REDIRECT(clang_getFileName)
#define clang_getNumDiagnostics DG_CLANG_REDIRECT(clang_getNumDiagnostics)
#define clang_getPointeeType DG_CLANG_REDIRECT(clang_getPointeeType)
#define clang_getResultType DG_CLANG_REDIRECT(clang_getResultType)
#define clang_getTranslationUnitCursor DG_CLANG_REDIRECT(clang_getTranslationUnitCursor)
#define clang_getTypeDeclaration DG_CLANG_REDIRECT(clang_getTypeDeclaration)
#define clang_getTypeSpelling DG_CLANG_REDIRECT(clang_getTypeSpelling)
#define clang_getTypedefDeclUnderlyingType DG_CLANG_REDIRECT(clang_getTypedefDeclUnderlyingType)
#define clang_getTypedefName DG_CLANG_REDIRECT(clang_getTypedefName)
#define clang_isCursorDefinition DG_CLANG_REDIRECT(clang_isCursorDefinition)
#define clang_isFunctionTypeVariadic DG_CLANG_REDIRECT(clang_isFunctionTypeVariadic)
#define clang_parseTranslationUnit2 DG_CLANG_REDIRECT(clang_parseTranslationUnit2)
#define clang_visitChildren DG_CLANG_REDIRECT(clang_visitChildren)
#endif

#endif
