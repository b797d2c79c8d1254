-- name: FromView :many
SELECT * FROM named WHERE name <> ?;

-- name: ViewColumns :many
SELECT id, boss_name FROM named;
