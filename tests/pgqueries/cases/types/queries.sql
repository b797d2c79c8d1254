-- name: Insert :execlastid
INSERT INTO every (i2, i4, f4, f8, b, n, t, vc, ch, by, u, tz, ts, d, tm, iv, j, jb, ia, ta, m, ma, p, pa, s, ip)
VALUES (@i2, @i4, @f4, @f8, @b, @n, @t, @vc, @ch, @by, @u, @tz, @ts, @d, @tm, @iv, @j, @jb, @ia, @ta, @m, @ma, @p, @pa,
        @s, @ip);

-- name: All :many
SELECT * FROM every ORDER BY id;

-- name: Expressions :one
SELECT $1 + 1 AS plus, $2::text AS txt, n * 2 AS twice, tz - interval '1 day' AS before, ia[1] AS first,
       jb ->> 'k' AS k, m::text AS label, p + 1 AS next
FROM every WHERE id = $3;

-- name: BySlices :many
SELECT id FROM every WHERE m IN (sqlc.slice(moods)) AND p IN (sqlc.slice(ps));

-- name: ByUuids :many
SELECT id FROM every WHERE u = ANY(@uuids::uuid[]) AND (@since::timestamptz IS NULL OR tz > @since);
