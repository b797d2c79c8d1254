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

void dg_keep_dbmate_up(char *text, size_t len)
{
    if (!strstr(text, "-- migrate:up")) return;
    bool keep = false;
    for (size_t ls = 0; ls < len;) {
        size_t le = ls;
        while (le < len && text[le] != '\n') le++;
        size_t a = ls;
        while (a < le && (text[a] == ' ' || text[a] == '\t')) a++;
        if (!strncmp(text + a, "-- migrate:up", 13)) keep = true;
        else if (!strncmp(text + a, "-- migrate:down", 15)) keep = false;
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
