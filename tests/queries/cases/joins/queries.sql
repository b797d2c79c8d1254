-- name: Inner :many
SELECT a.name, b.label FROM a JOIN b ON b.a_id = a.id;

-- name: Left :many
SELECT a.name, b.label, b.id AS bid FROM a LEFT JOIN b ON b.a_id = a.id;

-- name: Right :many
SELECT a.name, b.label FROM a RIGHT JOIN b ON b.a_id = a.id;

-- name: Full :many
SELECT a.name, b.label FROM a FULL OUTER JOIN b ON b.a_id = a.id;

-- name: Chain :many
SELECT a.name, b.label, c.note FROM a LEFT JOIN b ON b.a_id = a.id JOIN c ON c.b_id = b.id;

-- name: Nested :many
SELECT a.name, c.note FROM a LEFT JOIN (b JOIN c ON c.b_id = b.id) ON b.a_id = a.id;

-- name: StarLeft :many
SELECT * FROM a LEFT JOIN b ON b.a_id = a.id;

-- name: StarUsing :many
SELECT * FROM a JOIN b USING (k);

-- name: StarNatural :many
SELECT * FROM a NATURAL JOIN c;

-- name: TableStar :many
SELECT b.*, a.name FROM a JOIN b ON b.a_id = a.id;

-- name: WholeTableAliased :one
SELECT x.* FROM a AS x WHERE x.id = ?;

-- name: SubqueryInFrom :many
SELECT s.name, s.total FROM (SELECT a.name, count(b.id) AS total FROM a LEFT JOIN b ON b.a_id = a.id GROUP BY a.id) AS s;
