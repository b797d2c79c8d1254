/* sqlc's ondeck example (SQLite, a migrations-style schema folder) through
 * dalgen: a renamed table, a column added after the others, count(*). */
#include "ondeck.h"
#include "e2e.h"

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc - 1, argv + 1);
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    CHECK_RC(db, ondeck_create_city(db, "San Francisco", "san-francisco"), DAL_OK);
    CHECK_RC(db, ondeck_create_city(db, "Berlin", "berlin"), DAL_OK);
    ondeck_city c;
    CHECK_RC(db, ondeck_get_city(db, "berlin", &c, &arena), DAL_OK);
    CHECK_STR(c.name, "Berlin");
    CHECK_RC(db, ondeck_update_city_name(db, "Berlin, Germany", "berlin"), DAL_OK);

    int64_t id = 0;
    int64_t rows = 0;
    /* seven parameters: a params struct (fields left out are NULL / 0) */
    CHECK_RC(db, ondeck_create_venue(db, &(ondeck_create_venue_params){
                                         .slug = "the-fillmore", .name = "The Fillmore", .city = "san-francisco",
                                         .spotify_playlist = "spotify:uri", .status = ONDECK_VENUE_STATUS_OPEN,
                                         .tags = "rock,jazz"},
                                     &rows, &id), DAL_OK);
    CHECK(id == 1 && rows == 1);   /* :execresult: rows affected and the last id */
    CHECK_RC(db, ondeck_create_venue(db, &(ondeck_create_venue_params){
                                         .slug = "the-chapel", .name = "The Chapel", .city = "san-francisco",
                                         .spotify_playlist = "spotify:uri2", .status = ONDECK_VENUE_STATUS_CLOSED,
                                         .statuses = "open,closed"},
                                     NULL, &id), DAL_OK);
    CHECK_RC(db, ondeck_create_venue(db, &(ondeck_create_venue_params){
                                         .slug = "berghain", .name = "Berghain", .city = "berlin",
                                         .spotify_playlist = "spotify:uri3", .status = ONDECK_VENUE_STATUS_OPEN},
                                     NULL, &id), DAL_OK);
    ondeck_venue v;
    CHECK_RC(db, ondeck_get_venue(db, "the-fillmore", "san-francisco", &v, &arena), DAL_OK);
    CHECK_STR(v.name, "The Fillmore");
    CHECK_STR(v.tags, "rock,jazz");
    CHECK(v.statuses == NULL && v.songkick_id == NULL);
    CHECK(v.created_at != NULL && strlen(v.created_at) == 19);
    CHECK_RC(db, ondeck_update_venue_name(db, "The Fillmore SF", "the-fillmore"), DAL_OK);

    ondeck_list_venues_iter it;
    memset(&it, 0, sizeof it);
    CHECK_RC(db, ondeck_list_venues(db, "san-francisco", &it), DAL_OK);
    const char *names[] = {"The Chapel", "The Fillmore SF"};
    int n = 0;
    while (ondeck_list_venues_next(&it, &v, &arena) == DAL_ROW) {
        CHECK(n < 2);
        CHECK_STR(v.name, names[n]);
        n++;
    }
    ondeck_list_venues_iter_end(&it);
    CHECK(n == 2);

    ondeck_venue_count_by_city_iter ct;
    memset(&ct, 0, sizeof ct);
    CHECK_RC(db, ondeck_venue_count_by_city(db, &ct), DAL_OK);
    ondeck_venue_count_by_city_row r;
    CHECK(ondeck_venue_count_by_city_next(&ct, &r, &arena) == DAL_ROW);
    CHECK_STR(r.city, "berlin");
    CHECK(r.count == 1);
    CHECK(ondeck_venue_count_by_city_next(&ct, &r, &arena) == DAL_ROW);
    CHECK_STR(r.city, "san-francisco");
    CHECK(r.count == 2);
    CHECK(ondeck_venue_count_by_city_next(&ct, &r, &arena) == DAL_DONE);
    ondeck_venue_count_by_city_iter_end(&ct);

    CHECK_RC(db, ondeck_delete_venue(db, "the-chapel", "the-chapel"), DAL_OK);
    CHECK_RC(db, ondeck_get_venue(db, "the-chapel", "san-francisco", &v, &arena), DAL_NOTFOUND);

    ondeck_list_cities_iter ci;
    memset(&ci, 0, sizeof ci);
    CHECK_RC(db, ondeck_list_cities(db, &ci), DAL_OK);
    CHECK(ondeck_list_cities_next(&ci, &c, &arena) == DAL_ROW);
    CHECK_STR(c.name, "Berlin, Germany");
    ondeck_list_cities_iter_end(&ci);
    dal_arena_free(&arena);
    dal_close(db);
    puts("ok");
    return 0;
}
