/* template_builtin.h - the templates of templates/c/, compiled into dalgen
 * at build time by templates/embed.cmake (see generator/CMakeLists.txt). */
#ifndef DG_TEMPLATE_BUILTIN_H
#define DG_TEMPLATE_BUILTIN_H

#include <stddef.h>

typedef struct dg_builtin_template {
    const char *name;   /* file name without .tmpl */
    const char *text;
} dg_builtin_template;

extern const dg_builtin_template dg_builtin_templates[];
extern const size_t dg_builtin_template_count;

#endif
