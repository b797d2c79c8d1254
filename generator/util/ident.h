/* ident.h - identifiers made from SQL names, for every part that names
 * things in generated code (the query analyser's parameters and fields, the C
 * backend's rows and fields): pure string functions, no schema, no state.
 * c/names.h applies them to a whole schema with the collision rules. */
#ifndef DG_IDENT_H
#define DG_IDENT_H

#include <stdbool.h>

/* Results are malloc'ed, caller frees. */
char *dg_snake_case(const char *name);
/* A C identifier for a field or parameter named `name`: snake_case, `n`
 * before a leading digit (2fa -> n2fa), `_` after a C or C++ keyword, a
 * reserved identifier, a C library function generated code calls or a name
 * of libdal's or SQLite's namespace (default -> default_, dal_arena ->
 * dal_arena_). */
char *dg_c_field_ident(const char *name);
char *dg_singular(const char *snake);   /* singular of the last word */
bool  dg_c_reserved(const char *ident);
bool  dg_is_c_ident(const char *s);

#endif
