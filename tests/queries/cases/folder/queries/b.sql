-- functions declared in a.sql are known here too
-- name: Loud :many
SELECT shout(body) AS body FROM notes;

-- name: NoteBody :one
SELECT body FROM notes WHERE id = ?;
