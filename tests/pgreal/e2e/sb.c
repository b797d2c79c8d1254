/* simplebank's sqlc query file (tests/pgreal/simplebank/query) run against a
 * real server: a transfer as the project's Go code makes it (two entries,
 * two balance updates under FOR NO KEY UPDATE in one transaction), the
 * paged lists, UpdateUser's sqlc.narg COALESCE, @-parameters, a uuid
 * key, and a foreign key violation naming its constraint.
 * argv[1]: the database's URI, the schema loaded. */
#include <stdio.h>
#include <string.h>

#include "sb.h"
#include "../../pg/e2e_check.h"

static void users(dal_db *db, dal_arena *a)
{
    sb_user u;
    CHECK(sb_create_user(db, "alice", "h1", "Alice A", "alice@example.com", &u, a) == DAL_OK);
    CHECK(!strcmp(u.role, "depositor") && !u.is_email_verified && u.created_at > 0);
    CHECK(sb_create_user(db, "bob", "h2", "Bob B", "bob@example.com", &u, a) == DAL_OK);
    /* sqlc.narg: NULL keeps the column, a value replaces it */
    CHECK(sb_update_user(db, NULL, "Alice Liddell", NULL, "alice", &u, a) == DAL_OK);
    CHECK(!strcmp(u.full_name, "Alice Liddell") && !strcmp(u.hashed_password, "h1") && !strcmp(u.email, "alice@example.com"));
    CHECK(sb_update_user(db, NULL, NULL, NULL, "nobody", &u, a) == DAL_NOTFOUND);
    CHECK(sb_get_user(db, "alice", &u, a) == DAL_OK && !strcmp(u.full_name, "Alice Liddell"));
    CHECK(sb_create_user(db, "carol", "h3", "Carol", "bob@example.com", &u, a) == DAL_CONSTRAINT);
    CHECK(!strcmp(dal_error_field(db, DAL_ERRF_CONSTRAINT), "users_email_key"));
}

/* store.go's TransferTx: one transaction, the smaller id locked first */
static int transfer(dal_db *db, int64_t from, int64_t to, int64_t amount, dal_arena *a)
{
    sb_transfer t;
    sb_entry e;
    sb_account acc;
    int rc = dal_begin(db);
    if (rc != DAL_OK) return rc;
    if ((rc = sb_create_transfer(db, from, to, amount, &t, a)) == DAL_OK &&
        (rc = sb_create_entry(db, from, -amount, &e, a)) == DAL_OK &&
        (rc = sb_create_entry(db, to, amount, &e, a)) == DAL_OK &&
        (rc = sb_get_account_for_update(db, from < to ? from : to, &acc, a)) == DAL_OK &&
        (rc = sb_add_account_balance(db, from < to ? -amount : amount, from < to ? from : to, &acc, a)) == DAL_OK &&
        (rc = sb_add_account_balance(db, from < to ? amount : -amount, from < to ? to : from, &acc, a)) == DAL_OK)
        return dal_commit(db);
    dal_rollback(db);
    return rc;
}

static void accounts(dal_db *db, dal_arena *a)
{
    sb_account x, y, got;
    CHECK(sb_create_account(db, "alice", 100, "USD", &x, a) == DAL_OK && x.id > 0 && x.balance == 100);
    CHECK(sb_create_account(db, "bob", 50, "USD", &y, a) == DAL_OK && y.id == x.id + 1);
    CHECK(sb_create_account(db, "alice", 1, "USD", &got, a) == DAL_CONSTRAINT);
    for (int i = 0; i < 5; i++) CHECK(transfer(db, i % 2 ? y.id : x.id, i % 2 ? x.id : y.id, 10, a) == DAL_OK);
    CHECK(sb_get_account(db, x.id, &got, a) == DAL_OK && got.balance == 90);
    CHECK(sb_get_account(db, y.id, &got, a) == DAL_OK && got.balance == 60);
    CHECK(sb_update_account(db, x.id, 1000, &got, a) == DAL_OK && got.balance == 1000);

    sb_list_transfers_iter it;
    sb_transfer t;
    int n = 0, rc;
    int64_t last = 0;
    CHECK(sb_list_transfers(db, x.id, x.id, 3, 1, &it) == DAL_OK);
    while ((rc = sb_list_transfers_next(&it, &t, a)) == DAL_ROW) {
        CHECK(t.id > last);
        last = t.id, n++;
    }
    sb_list_transfers_iter_end(&it);
    CHECK(rc == DAL_DONE && n == 3);

    sb_list_entries_iter ei;
    sb_entry e;
    int64_t sum = 0;
    n = 0;
    CHECK(sb_list_entries(db, y.id, 10, 0, &ei) == DAL_OK);
    while ((rc = sb_list_entries_next(&ei, &e, a)) == DAL_ROW) sum += e.amount, n++;
    sb_list_entries_iter_end(&ei);
    CHECK(rc == DAL_DONE && n == 5 && sum == 10);

    sb_list_accounts_iter ai;
    n = 0;
    CHECK(sb_list_accounts(db, "alice", 10, 0, &ai) == DAL_OK);
    while ((rc = sb_list_accounts_next(&ai, &got, a)) == DAL_ROW) {
        CHECK(!strcmp(got.owner, "alice"));
        n++;
    }
    sb_list_accounts_iter_end(&ai);
    CHECK(rc == DAL_DONE && n == 1);

    /* entries reference the account */
    CHECK(sb_delete_account(db, x.id) == DAL_CONSTRAINT);
    CHECK(!strcmp(dal_error_field(db, DAL_ERRF_CONSTRAINT), "entries_account_id_fkey"));
    CHECK(sb_create_account(db, "bob", 0, "EUR", &got, a) == DAL_OK);
    CHECK(sb_delete_account(db, got.id) == DAL_OK);
    CHECK(sb_get_account(db, got.id, &got, a) == DAL_NOTFOUND);
}

static void sessions_and_emails(dal_db *db, dal_arena *a)
{
    dal_uuid id;
    CHECK(dal_uuid_parse("6f9619ff-8b86-d011-b42d-00c04fc964ff", &id) == DAL_OK);
    sb_session s, got;
    dal_timestamp in_a_day = (dal_timestamp)1900000000 * 1000000;
    const sb_create_session_params sp = {.id = id, .username = "alice", .refresh_token = "tok",
                                         .user_agent = "curl", .client_ip = "127.0.0.1",
                                         .is_blocked = false, .expires_at = in_a_day};
    CHECK(sb_create_session(db, &sp, &s, a) == DAL_OK);
    CHECK(sb_get_session(db, id, &got, a) == DAL_OK && !memcmp(got.id.b, id.b, 16) && got.expires_at == in_a_day);
    CHECK(!strcmp(got.refresh_token, "tok") && !got.is_blocked);

    sb_verify_email v, used;
    CHECK(sb_create_verify_email(db, "bob", "bob@example.com", "s3cret", &v, a) == DAL_OK);
    CHECK(!v.is_used && v.expired_at > v.created_at);
    CHECK(sb_update_verify_email(db, v.id, "wrong", &used, a) == DAL_NOTFOUND);
    CHECK(sb_update_verify_email(db, v.id, "s3cret", &used, a) == DAL_OK && used.is_used);
    CHECK(sb_update_verify_email(db, v.id, "s3cret", &used, a) == DAL_NOTFOUND);
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc, argv);
    if (!db) return 1;
    dal_arena a;
    dal_arena_init(&a, NULL);
    users(db, &a);
    accounts(db, &a);
    sessions_and_emails(db, &a);
    dal_arena_free(&a);
    dal_close(db);
    printf("%s\n", failures ? "FAIL" : "ok");
    return failures ? 1 : 0;
}
