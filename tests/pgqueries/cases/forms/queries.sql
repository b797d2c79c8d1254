-- name: FromFunction :many
SELECT * FROM generate_series(1, 3) AS g(n);

-- name: StarUsing :many
SELECT * FROM a JOIN b USING (id);

-- name: Recursive :many
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r;

-- name: Lateral :many
SELECT a.*, x.* FROM a, LATERAL (SELECT 1 AS one, a.note AS n2) x;

-- name: Values :many
VALUES (1, 'x'), (2, NULL);

-- name: DeleteCte :many
WITH gone AS (DELETE FROM b WHERE a_id = @a_id RETURNING *) SELECT gone.id, gone.k FROM gone;

-- name: InsertSelect :execrows
INSERT INTO b (id, a_id, k) SELECT id, id, k FROM a WHERE note IS NULL;

-- name: Upsert :one
INSERT INTO a (id, k) VALUES (@id, @k) ON CONFLICT (id) DO UPDATE SET k = excluded.k RETURNING *;

-- name: Lock :exec
LOCK TABLE a IN SHARE MODE;

-- name: Untyped :one
SELECT $1 AS anything;

-- name: ViewEmbedless :many
SELECT av.*, b.k AS bk FROM av LEFT JOIN b ON b.a_id = av.id;

-- name: Exists :one
SELECT EXISTS (SELECT 1 FROM a WHERE k = @k) AS present, (SELECT max(id) FROM b) AS top;

-- name: Quoted :many
/* a block comment: ; and @x and sqlc.arg(y) are not code here */
SELECT "k" AS "Weird Name", 'it''s @not ; sqlc.arg(z)' AS lit, $$ @z $$ AS dollar FROM a WHERE k = @k -- trailing
;
-- name: FunctionWhere :many
SELECT a.id FROM a, jsonb_each($2::jsonb) AS j WHERE a.id = $1;
