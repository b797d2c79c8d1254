/* Enum columns read through named queries (cases/enums): a row field that
 * is a plain column reference holds the table's generated enum, read from
 * its text like the table's own reads; a nullable one sets its has_ flag;
 * an expression over the column stays text.  A parameter compared with or
 * written to an enum column is the enum (a nullable one by pointer, NULL
 * for SQL NULL); one compared with two columns, or typed by @param, is
 * text. */
#include "enums.h"
#include "e2e.h"

static int64_t add_ticket(dal_db *db, const char *title, enums_ticket_status status,
                          const enums_ticket_priority *priority, const int64_t *owner)
{
    int64_t id = 0;
    CHECK_RC(db, enums_add_ticket(db, title, status, priority, owner, &id), DAL_OK);
    return id;
}

static void one_row(dal_db *db, dal_arena *arena, int64_t open_id, int64_t held_id)
{
    enums_ticket_state_row r;
    CHECK_RC(db, enums_ticket_state(db, open_id, &r, arena), DAL_OK);
    CHECK(r.id == open_id && r.status == ENUMS_TICKET_STATUS_OPEN);
    CHECK(r.has_priority && r.priority == ENUMS_TICKET_PRIORITY_HIGH);
    CHECK_RC(db, enums_ticket_state(db, held_id, &r, arena), DAL_OK);
    CHECK(r.status == ENUMS_TICKET_STATUS_ON_HOLD && !r.has_priority);

    enums_status_texts_row t;
    CHECK_RC(db, enums_status_texts(db, held_id, &t, arena), DAL_OK);
    CHECK_STR(t.status, "on hold");
    CHECK_STR(t.status_text, "on hold");
}

static void many_rows(dal_db *db, dal_arena *arena)
{
    enums_tickets_by_status_iter it;
    memset(&it, 0, sizeof it);
    CHECK_RC(db, enums_tickets_by_status(db, ENUMS_TICKET_STATUS_CLOSED, &it), DAL_OK);
    enums_tickets_by_status_row r;
    CHECK(enums_tickets_by_status_next(&it, &r, arena) == DAL_ROW);
    CHECK(r.status == ENUMS_TICKET_STATUS_CLOSED);
    CHECK_STR(r.title, "fixed");
    CHECK_STR(r.owner, "ada");
    CHECK(enums_tickets_by_status_next(&it, &r, arena) == DAL_DONE);
    enums_tickets_by_status_iter_end(&it);

    /* ada has one ticket, bob none: his row's status is NULL */
    enums_people_with_tickets_iter pi;
    memset(&pi, 0, sizeof pi);
    CHECK_RC(db, enums_people_with_tickets(db, &pi), DAL_OK);
    enums_people_with_tickets_row p;
    CHECK(enums_people_with_tickets_next(&pi, &p, arena) == DAL_ROW);
    CHECK_STR(p.name, "ada");
    CHECK(p.has_ticket_status && p.ticket_status == ENUMS_TICKET_STATUS_CLOSED);
    CHECK(enums_people_with_tickets_next(&pi, &p, arena) == DAL_ROW);
    CHECK_STR(p.name, "bob");
    CHECK(!p.has_ticket_status);
    CHECK(enums_people_with_tickets_next(&pi, &p, arena) == DAL_DONE);
    enums_people_with_tickets_iter_end(&pi);
}

/* The only row of a :many query of ids (`word`, `status`: text). */
static int64_t only_id_matching(dal_db *db, const char *word)
{
    enums_match_title_or_status_iter it;
    memset(&it, 0, sizeof it);
    CHECK_RC(db, enums_match_title_or_status(db, word, &it), DAL_OK);
    int64_t id = 0, other = 0;   /* one result column: yielded as its C type */
    CHECK(enums_match_title_or_status_next(&it, &id) == DAL_ROW);
    CHECK(enums_match_title_or_status_next(&it, &other) == DAL_DONE);
    enums_match_title_or_status_iter_end(&it);
    return id;
}

static void enum_params(dal_db *db, dal_arena *arena, int64_t open_id, int64_t held_id)
{
    enums_ticket_priority low = ENUMS_TICKET_PRIORITY_LOW, high = ENUMS_TICKET_PRIORITY_HIGH;
    int64_t rows = 0;
    enums_ticket_state_row r;
    CHECK_RC(db, enums_set_priority(db, &low, held_id, &rows), DAL_OK);
    CHECK(rows == 1);
    CHECK_RC(db, enums_ticket_state(db, held_id, &r, arena), DAL_OK);
    CHECK(r.has_priority && r.priority == ENUMS_TICKET_PRIORITY_LOW);
    CHECK_RC(db, enums_set_priority(db, NULL, held_id, &rows), DAL_OK);
    CHECK_RC(db, enums_ticket_state(db, held_id, &r, arena), DAL_OK);
    CHECK(!r.has_priority);

    int64_t n = -1;
    CHECK_RC(db, enums_count_with_status(db, ENUMS_TICKET_STATUS_OPEN, ENUMS_TICKET_STATUS_CLOSED, NULL, &n), DAL_OK);
    CHECK(n == 2);
    CHECK_RC(db, enums_count_with_status(db, ENUMS_TICKET_STATUS_OPEN, ENUMS_TICKET_STATUS_CLOSED, &high, &n), DAL_OK);
    CHECK(n == 1);

    CHECK(only_id_matching(db, "crash") == open_id);
    CHECK(only_id_matching(db, "on hold") == held_id);

    enums_status_like_iter it;
    memset(&it, 0, sizeof it);
    CHECK_RC(db, enums_status_like(db, "LATER", "on hold", &it), DAL_OK);
    int64_t s = 0;
    CHECK(enums_status_like_next(&it, &s) == DAL_ROW && s == held_id);
    CHECK(enums_status_like_next(&it, &s) == DAL_DONE);
    enums_status_like_iter_end(&it);
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc - 1, argv + 1);
    dal_arena arena;
    dal_arena_init(&arena, NULL);
    int64_t ada = 0, bob = 0;
    CHECK_RC(db, enums_add_person(db, "ada", &ada), DAL_OK);
    CHECK_RC(db, enums_add_person(db, "bob", &bob), DAL_OK);
    enums_ticket_priority high = ENUMS_TICKET_PRIORITY_HIGH, low = ENUMS_TICKET_PRIORITY_LOW;
    int64_t open_id = add_ticket(db, "crash", ENUMS_TICKET_STATUS_OPEN, &high, NULL);
    int64_t held_id = add_ticket(db, "later", ENUMS_TICKET_STATUS_ON_HOLD, NULL, NULL);
    add_ticket(db, "fixed", ENUMS_TICKET_STATUS_CLOSED, &low, &ada);
    one_row(db, &arena, open_id, held_id);
    many_rows(db, &arena);
    enum_params(db, &arena, open_id, held_id);
    dal_arena_free(&arena);
    dal_close(db);
    puts("ok");
    return 0;
}
