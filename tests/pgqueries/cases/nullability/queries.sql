-- name: LeftJoin :many
SELECT u.name, p.title, p.score FROM users u LEFT JOIN posts p ON p.user_id = u.id;

-- name: RightJoin :many
SELECT p.title, t.label FROM posts p RIGHT JOIN tags t ON t.post_id = p.id;

-- name: FullJoin :many
SELECT u.name, p.title FROM users u FULL JOIN posts p ON p.user_id = u.id AND p.score > 6;

-- name: NestedJoin :many
SELECT u.name, t.label FROM users u LEFT JOIN (posts p JOIN tags t ON t.post_id = p.id) ON p.user_id = u.id;

-- name: ChainAfterLeft :many
SELECT u.name, p.title, t.label FROM users u LEFT JOIN posts p ON p.user_id = u.id JOIN tags t ON t.post_id = p.id
UNION ALL
SELECT u.name, p.title, t.label FROM users u LEFT JOIN posts p ON p.user_id = u.id LEFT JOIN tags t ON t.post_id = p.id;

-- name: JoinedSubquery :many
SELECT u.name, s.n, s.best FROM users u
LEFT JOIN (SELECT user_id, count(*) AS n, max(score) AS best FROM posts GROUP BY user_id) s ON s.user_id = u.id;

-- name: JoinedCte :many
WITH c AS (SELECT user_id, count(*) AS n FROM posts GROUP BY user_id)
SELECT u.name, c.n, c.user_id FROM users u LEFT JOIN c ON c.user_id = u.id;

-- name: ThroughView :many
SELECT name, title, score FROM user_posts;

-- name: ViewStar :many
SELECT * FROM user_posts;

-- name: StarLeft :many
SELECT * FROM users u LEFT JOIN posts p ON p.user_id = u.id;

-- name: EmbedLeft :many
SELECT sqlc.embed(u), p.title FROM users u LEFT JOIN posts p ON p.user_id = u.id;

-- name: LateralLeft :many
SELECT u.name, l.title FROM users u LEFT JOIN LATERAL (SELECT title FROM posts WHERE user_id = u.id) l ON true;

-- name: ScalarSubquery :many
SELECT u.name, (SELECT title FROM posts WHERE user_id = u.id ORDER BY id LIMIT 1) AS first FROM users u;

-- name: Aggregates :one
SELECT count(*) AS n, max(score) AS best, sum(score) AS total FROM posts WHERE score > 1000;

-- name: Coalesced :many
SELECT u.name, coalesce(p.title, '') AS title, p.score + 1 AS next FROM users u LEFT JOIN posts p ON p.user_id = u.id;

-- name: CaseNoElse :many
SELECT CASE WHEN id > 1 THEN 'big' END AS size, CASE WHEN id > 1 THEN 'big' ELSE 'small' END AS size2 FROM users;

-- name: UnionNull :many
SELECT name FROM users UNION ALL SELECT NULL;

-- name: DomainLeft :many
SELECT p.title, t.label FROM posts p LEFT JOIN tags t ON t.post_id = p.id;

-- name: ResultOverride :many
-- @result title TEXT NOT NULL
SELECT u.name, p.title FROM users u LEFT JOIN posts p ON p.user_id = u.id WHERE p.id IS NOT NULL;

-- name: FilteredLeft :many
SELECT u.name, p.title, p.score, t.label FROM users u LEFT JOIN posts p ON p.user_id = u.id
LEFT JOIN tags t ON t.post_id = p.id WHERE p.score > 0;

-- name: FilteredIsNotNull :many
SELECT p.title, t.label, t.post_id FROM posts p LEFT JOIN tags t ON t.post_id = p.id WHERE t.post_id IS NOT NULL;

-- name: FilteredOr :many
SELECT u.name, p.title FROM users u LEFT JOIN posts p ON p.user_id = u.id WHERE p.score > 5 OR u.id = 2;

-- name: InnerAfterLeft :many
SELECT u.name, p.title, t.label FROM users u LEFT JOIN posts p ON p.user_id = u.id JOIN tags t ON t.post_id = p.id;

-- name: InnerInsideLeft :many
SELECT u.name, p.title, t.label FROM users u LEFT JOIN (posts p JOIN tags t ON t.post_id = p.id) ON p.user_id = u.id;

-- name: SubqueryCounts :many
SELECT u.name, (SELECT count(*) FROM posts WHERE user_id = u.id) AS posts,
       (SELECT count(*) FROM posts WHERE user_id = u.id GROUP BY user_id) AS grouped,
       (SELECT max(score) FROM posts WHERE user_id = u.id) AS best
FROM users u;
