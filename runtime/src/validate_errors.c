/* validate_errors.c - dal_errors: the violations of one or more rows. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dal_validate.h"

void dal_errors_init(dal_errors *errs)
{
    errs->items = NULL;
    errs->count = errs->cap = errs->dropped = 0;
}

/* Each violation's strings live in one allocation that starts at `table`. */
static void violation_free(dal_violation *v)
{
    free((void *)v->table);
}

void dal_errors_clear(dal_errors *errs)
{
    if (!errs) return;
    for (size_t i = 0; i < errs->count; i++) violation_free(&errs->items[i]);
    errs->count = 0;
    errs->dropped = 0;
}

void dal_errors_free(dal_errors *errs)
{
    if (!errs) return;
    dal_errors_clear(errs);
    free(errs->items);
    dal_errors_init(errs);
}

size_t dal_errors_count(const dal_errors *errs)
{
    return errs ? errs->count : 0;
}

const dal_violation *dal_errors_get(const dal_errors *errs, size_t i)
{
    return errs && i < errs->count ? &errs->items[i] : NULL;
}

const dal_violation *dal_errors_find(const dal_errors *errs, const char *field, const char *rule)
{
    for (size_t i = 0; errs && i < errs->count; i++) {
        const dal_violation *v = &errs->items[i];
        if (strcmp(v->field, field ? field : "") == 0 && (!rule || strcmp(v->rule, rule) == 0))
            return v;
    }
    return NULL;
}

static int grow(dal_errors *errs)
{
    if (errs->count < errs->cap) return 0;
    size_t cap = errs->cap ? errs->cap * 2 : 8;
    dal_violation *items = realloc(errs->items, cap * sizeof *items);
    if (!items) return -1;
    errs->items = items;
    errs->cap = cap;
    return 0;
}

/* Builds "table\0field\0rule\0table.field: text\0" in one block. */
static char *pack(const char *table, const char *field, const char *rule,
                  const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return NULL;
    size_t lt = strlen(table), lf = strlen(field), lr = strlen(rule);
    size_t prefix = lt + (lf ? 1 + lf : 0) + 2;   /* "table.field: " */
    size_t size = lt + 1 + lf + 1 + lr + 1 + prefix + (size_t)n + 1;
    char *p = malloc(size);
    if (!p) return NULL;
    char *w = p;
    memcpy(w, table, lt + 1); w += lt + 1;
    memcpy(w, field, lf + 1); w += lf + 1;
    memcpy(w, rule, lr + 1);  w += lr + 1;
    memcpy(w, table, lt); w += lt;
    if (lf) { *w++ = '.'; memcpy(w, field, lf); w += lf; }
    *w++ = ':'; *w++ = ' ';
    vsnprintf(w, (size_t)n + 1, fmt, ap);
    return p;
}

int dal_errors_add(dal_errors *errs, const char *table, const char *field,
                   const char *rule, const char *fmt, ...)
{
    if (!errs) return 1;
    if (!table) table = "";
    if (!field) field = "";
    if (!rule) rule = "";
    va_list ap;
    va_start(ap, fmt);
    char *p = grow(errs) == 0 ? pack(table, field, rule, fmt, ap) : NULL;
    va_end(ap);
    if (!p) {
        errs->dropped++;
        return 1;
    }
    dal_violation *v = &errs->items[errs->count++];
    v->table = p;
    v->field = p + strlen(table) + 1;
    v->rule = v->field + strlen(field) + 1;
    v->message = v->rule + strlen(rule) + 1;
    return 1;
}
