/* pg_word.c - see pg_word.h. */
#include <stdio.h>
#include <string.h>

#include <pg_query.h>

#include "util/pg_word.h"
#include "util/pq_dl.h"

static bool plain(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || *s == '_')) return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) return false;
    return true;
}

bool dg_pg_word_bare(const char *s)
{
    if (!plain(s)) return false;
    if (strlen(s) > 32) return true;   /* every keyword is shorter */
    dg_diags d = DG_DIAGS_INIT;
    dg_loc nowhere = {NULL, 0, 0};
    bool loaded = dg_pq_open(nowhere, &d) == 0;
    dg_diags_free(&d);
    if (!loaded) return false;
    char sql[256];
    snprintf(sql, sizeof sql, "CREATE TABLE %s.%s (%s int COLLATE %s, CONSTRAINT %s PRIMARY KEY (%s))", s, s, s, s, s, s);
    PgQueryParseResult r = pg_query_parse(sql);
    bool bare = r.error == NULL;
    pg_query_free_parse_result(r);
    return bare;
}
