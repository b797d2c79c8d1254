/* Types moved as text through named queries: inet and int4range
 * parameters written $n::T, results read through ::text, enum arrays both
 * ways (inet::text keeps the mask: "10.0.0.1/32").  argv[1]: the database's URI, its schema loaded. */
#include <stdio.h>
#include <string.h>

#include "casts.h"
#include "../../pg/e2e_check.h"

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc, argv);
    if (!db) return 1;
    dal_arena a;
    dal_arena_init(&a, NULL);
    static const char *const happy[] = {"happy"}, *const sad_ok[] = {"sad", "ok"};
    dal_text_array m1 = {happy, 1}, m2 = {sad_ok, 2};
    casts_host h;
    int rc = casts_add_host(db, "10.0.0.1", "[80,90)", m1, &h, &a);
    if (rc != DAL_OK) fprintf(stderr, "add: %s\n", dal_errmsg(db));
    CHECK(rc == DAL_OK && !strcmp(h.addr, "10.0.0.1/32") && h.ports && !strcmp(h.ports, "[80,90)"));
    CHECK(h.moods.len == 1 && !strcmp(h.moods.data[0], "happy"));
    CHECK(casts_add_host(db, "192.168.1.7", NULL, m2, &h, &a) == DAL_OK && h.ports == NULL);

    casts_hosts_in_iter it;
    casts_hosts_in_row r;
    int n = 0;
    rc = casts_hosts_in(db, "10.0.0.0/8", &it);
    CHECK(rc == DAL_OK);
    if (rc == DAL_OK) {
        while ((rc = casts_hosts_in_next(&it, &r, &a)) == DAL_ROW) {
            CHECK(!strcmp(r.addr, "10.0.0.1/32"));
            n++;
        }
        casts_hosts_in_iter_end(&it);
    }
    CHECK(rc == DAL_DONE && n == 1);

    casts_hosts_feeling_iter f;
    static const char *const ok[] = {"ok"};
    dal_text_array m3 = {ok, 1};
    n = 0;
    rc = casts_hosts_feeling(db, m3, &f);
    if (rc != DAL_OK) fprintf(stderr, "feeling: %s\n", dal_errmsg(db));
    CHECK(rc == DAL_OK);
    if (rc == DAL_OK) {
        while ((rc = casts_hosts_feeling_next(&f, &h, &a)) == DAL_ROW) {
            CHECK(!strcmp(h.addr, "192.168.1.7/32") && h.moods.len == 2);
            n++;
        }
        casts_hosts_feeling_iter_end(&f);
    }
    CHECK(rc == DAL_DONE && n == 1);
    dal_arena_free(&a);
    dal_close(db);
    printf("%s\n", failures ? "FAIL" : "ok");
    return failures ? 1 : 0;
}
