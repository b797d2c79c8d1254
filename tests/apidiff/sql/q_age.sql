-- A query that v2_drop_column.sql breaks.
-- name: ListAges :many
SELECT id, age FROM users ORDER BY id;
