-- The examples of docs/queries.md, "What dalgen types that sqlc's SQLite
-- engine leaves as `any`".

-- name: MaxN :one
SELECT max(n) FROM t;

-- name: MaxPerGroup :many
SELECT n, max(s) FROM t GROUP BY n;

-- name: Total :one
SELECT coalesce(sum(qty), 0) AS total FROM t;

-- name: Arithmetic :many
SELECT n * x AS v, n / 2 AS half FROM t;

-- name: Case :many
SELECT CASE WHEN n > 0 THEN 'pos' ELSE 'neg' END AS sign FROM t;

-- name: Dates :many
SELECT date(at) AS d, julianday(at) AS jd, unixepoch(at) AS ue FROM t;

-- name: Json :many
SELECT json_array_length(j) AS len, j -> '$.a' AS a FROM t;

-- name: CountSubquery :one
SELECT (SELECT count(*) FROM t) AS c;

-- name: SizedTypes :many
SELECT name, ok FROM t;

-- name: DollarAndAt :many
SELECT id FROM t WHERE name = $n OR kind = @n;

-- name: SubstrArg :many
SELECT id FROM t WHERE substr(name, ?, 2) = 'ab';

-- name: CoalesceArg :many
SELECT id FROM t WHERE coalesce(weight, ?) > 1;

-- name: Ranges :many
SELECT id FROM t WHERE ? < weight AND id BETWEEN ? AND ?;

-- name: AddQty :exec
UPDATE t SET qty = qty + ?;

-- name: Copy :exec
INSERT INTO a (email, name) SELECT email, ? FROM u;
