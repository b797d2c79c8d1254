-- q1.sql without CountPostsByAuthor.
-- name: ListTitles :many
SELECT id, title FROM posts ORDER BY id;
