#include "frontend/sources.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fsutil.h"

void dg_sources_add(dg_sources *s, dg_source_kind kind, const char *path)
{
    dg_source *src = DG_VEC_ADD(&s->items);
    src->kind = kind;
    src->path = dg_xstrdup(path);
}

void dg_sources_add_text(dg_sources *s, const char *name, const char *text, size_t len)
{
    dg_source *src = DG_VEC_ADD(&s->items);
    src->kind = DG_SRC_SQL_TEXT;
    src->path = dg_xstrdup(name);
    src->text = dg_xstrndup(text, len);
    src->len = len;
}

void dg_sources_free(dg_sources *s)
{
    for (size_t i = 0; i < s->items.len; i++) {
        free(s->items.items[i].path);
        free(s->items.items[i].text);
    }
    DG_VEC_FREE(&s->items);
    dg_strings_free(&s->clang_args);
}

dg_source_kind dg_source_detect(const char *path)
{
    if (!strcmp(path, "empty") && !dg_is_file(path) && !dg_is_dir(path)) return DG_SRC_EMPTY;
    if (!strncmp(path, "postgres://", 11) || !strncmp(path, "postgresql://", 13)) return DG_SRC_PG_URI;
    if (dg_is_dir(path)) return DG_SRC_SQL_DIR;
    if (dg_is_sqlite_file(path)) return DG_SRC_DATABASE;
    if (dg_has_suffix(path, ".h") || dg_has_suffix(path, ".hpp")) return DG_SRC_HEADER;
    return DG_SRC_SQL_FILE;
}

/* The up and down marker lines of the migration tools whose files hold both
 * directions: dbmate, goose, sql-migrate. */
static const struct { const char *up, *down; } MARKERS[] = {
    {"-- migrate:up", "-- migrate:down"},
    {"-- +goose up", "-- +goose down"},
    {"-- +migrate up", "-- +migrate down"},
};

/* Whether the line at p starts with marker m (ASCII case ignored: goose
 * takes `Up` and `up`). */
static bool marker_at(const char *p, const char *end, const char *m)
{
    size_t n = strlen(m);
    if ((size_t)(end - p) < n) return false;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != m[i]) return false;
    }
    return true;
}

/* The tool whose up marker starts one of the lines of text, or -1. */
static int marker_kind(const char *text, size_t len)
{
    for (size_t ls = 0; ls < len;) {
        size_t le = ls;
        while (le < len && text[le] != '\n') le++;
        size_t a = ls;
        while (a < le && (text[a] == ' ' || text[a] == '\t')) a++;
        for (size_t k = 0; k < sizeof MARKERS / sizeof MARKERS[0]; k++)
            if (marker_at(text + a, text + le, MARKERS[k].up)) return (int)k;
        ls = le + 1;
    }
    return -1;
}

void dg_keep_up_part(char *text, size_t len)
{
    int k = marker_kind(text, len);
    if (k < 0) return;
    bool keep = false;
    for (size_t ls = 0; ls < len;) {
        size_t le = ls;
        while (le < len && text[le] != '\n') le++;
        size_t a = ls;
        while (a < le && (text[a] == ' ' || text[a] == '\t')) a++;
        if (marker_at(text + a, text + le, MARKERS[k].up)) keep = true;
        else if (marker_at(text + a, text + le, MARKERS[k].down)) keep = false;
        if (!keep)
            for (size_t i = ls; i < le; i++) text[i] = ' ';
        ls = le + 1;
    }
}

bool dg_sources_only_empty(const dg_sources *s)
{
    for (size_t i = 0; i < s->items.len; i++) {
        const dg_source *src = &s->items.items[i];
        dg_source_kind k = src->kind == DG_SRC_AUTO ? dg_source_detect(src->path) : src->kind;
        if (k != DG_SRC_EMPTY) return false;
    }
    return true;
}
