/* temporal-visibility's generated repository on a real server: a row whose
 * jsonb search_attributes feeds 37 stored generated columns (one through a
 * PL/pgSQL function); insert writes the server's values back, get reads
 * them, unset attributes read as NULL.  argv[1]: the database's URI, the
 * schema loaded. */
#include <stdio.h>
#include <string.h>

#include "tv.h"
#include "../../pg/e2e_check.h"

static void check_generated(const tv_executions_visibility *r)
{
    CHECK(r->has_bool01 && r->bool01 && !r->has_bool02);
    CHECK(r->has_int01 && r->int01 == 42 && !r->has_int02);
    CHECK(r->keyword01 && !strcmp(r->keyword01, "k") && r->keyword02 == NULL);
    /* 2024-01-02T03:04:05Z through convert_ts() */
    CHECK(r->has_datetime01 && r->datetime01 == (dal_timestamp)1704164645 * 1000000);
    CHECK(r->double01 && !strcmp(r->double01, "1.50000") && r->double02 == NULL);
    CHECK(r->keywordlist01 && !strcmp(r->keywordlist01, "[\"a\", \"b\"]"));
    CHECK(r->text01 && !strcmp(r->text01, "'hello' 'world'"));
    CHECK(r->temporalchangeversion == NULL && !r->has_temporalschedulepaused);
}

int main(int argc, char **argv)
{
    dal_db *db = e2e_open(argc, argv);
    if (!db) return 1;
    dal_arena a;
    dal_arena_init(&a, NULL);
    tv_executions_visibility row, got;
    memset(&row, 0, sizeof row);
    row.namespace_id = "ns", row.run_id = "run-1";
    row.start_time = row.execution_time = (dal_timestamp)1700000000 * 1000000;
    row.workflow_id = "wf", row.workflow_type_name = "type", row.status = 1, row.encoding = "proto3";
    row.search_attributes = "{\"Bool01\": true, \"Int01\": 42, \"Keyword01\": \"k\", \"Datetime01\": \"2024-01-02T03:04:05Z\","
                            " \"Double01\": 1.5, \"KeywordList01\": [\"a\", \"b\"], \"Text01\": \"hello world\"}";
    CHECK(tv_executions_visibility_insert(db, &row, &a) == DAL_OK);
    check_generated(&row);
    CHECK(row.task_queue && !strcmp(row.task_queue, ""));
    char ns[65], run[65];
    snprintf(ns, sizeof ns, "%-64s", "ns"), snprintf(run, sizeof run, "%-64s", "run-1");
    CHECK(tv_executions_visibility_get(db, ns, run, &got, &a) == DAL_OK);
    check_generated(&got);
    CHECK(!strcmp(got.namespace_id, ns) && !got.has_close_time && got.memo.data == NULL);
    int64_t n = 0;
    CHECK(tv_executions_visibility_count(db, &n) == DAL_OK && n == 1);
    dal_arena_free(&a);
    dal_close(db);
    printf("%s\n", failures ? "FAIL" : "ok");
    return failures ? 1 : 0;
}
