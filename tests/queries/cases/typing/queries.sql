-- name: Aggregates :one
SELECT count(*), count(m) AS cm, sum(n) AS sn, sum(x) AS sx, total(n) AS tn,
       avg(n) AS an, min(s) AS mins, max(n) AS maxn, group_concat(s) AS gs
FROM t;

-- name: GroupedAggregates :many
SELECT n, sum(n) AS sn, max(s) AS maxs, min(u) AS minu, count(*) AS c
FROM t GROUP BY n;

-- name: Scalars :one
SELECT coalesce(m, 0) AS c1, coalesce(m, u) AS c2, ifnull(u, 'none') AS c3, nullif(n, 0) AS c4,
       CAST(s AS INTEGER) AS c5, CAST(m AS REAL) AS c6, n + 1 AS c7, n * x AS c8, m - 1 AS c9,
       n / 2 AS c10, n / m AS c11, s || 'x' AS c12, -n AS c13, n > 1 AS c14, s IS NULL AS c15,
       max(n, m) AS c16, abs(x) AS c17, round(x) AS c18, n % 3 AS c19, ~n AS c20, NOT flag AS c21
FROM t WHERE id = 1;

-- name: Strings :one
SELECT lower(s) AS a, upper(u) AS b, length(s) AS c, substr(s, 1, 2) AS d, replace(s, 'a', 'b') AS e,
       trim(u) AS f, instr(s, 'x') AS g, printf('%d', n) AS h, hex(b) AS i, typeof(any_v) AS k,
       s LIKE 'a%' AS l, quote(u) AS m2
FROM t WHERE id = 1;

-- name: Json :one
SELECT json_extract(j, '$.a') AS a, j ->> '$.b' AS b, j -> '$.c' AS c, json_array(n, s) AS d,
       json_object('k', n) AS e, json_valid(j) AS f, json_type(j) AS g, json_array_length(j) AS h
FROM t WHERE id = 1;

-- name: Dates :one
SELECT date(at) AS a, datetime('now') AS b, julianday(at) AS c, unixepoch(at) AS d,
       strftime('%Y', at) AS e, CURRENT_TIMESTAMP AS f
FROM t WHERE id = 1;

-- name: Cases :one
SELECT CASE WHEN n > 0 THEN 'pos' ELSE 'neg' END AS a,
       CASE WHEN n > 0 THEN 'pos' END AS b,
       CASE n WHEN 1 THEN x WHEN 2 THEN n ELSE 0 END AS c,
       CASE WHEN n > 0 THEN s ELSE n END AS d,
       iif(n > 0, s, u) AS e
FROM t WHERE id = 1;

-- name: Subqueries :one
SELECT (SELECT max(n) FROM t) AS a,
       EXISTS (SELECT 1 FROM t WHERE m IS NULL) AS b,
       n IN (SELECT m FROM t) AS c,
       (SELECT count(*) FROM t) AS d
FROM t WHERE id = 1;

-- name: Windows :many
SELECT id, row_number() OVER w AS rn, rank() OVER w AS r, lag(s) OVER w AS prev,
       sum(n) OVER (PARTITION BY flag ORDER BY id) AS running, percent_rank() OVER w AS pr
FROM t WINDOW w AS (ORDER BY id);

-- name: Literals :one
SELECT 1 AS i, 2.5 AS r, 'x' AS s, X'00' AS b, TRUE AS t;

-- name: StoredTypes :one
SELECT flag, price, at, any_v, b, rowid FROM t WHERE id = 1;
