-- Embeds of tables whose struct is models.h's own: the reads convert to
-- the struct's field types (pointers, narrow integers, buffers, enums).

-- name: ReadingWithCode :one
SELECT sqlc.embed(readings), length(code) AS code_len FROM readings WHERE id = ?;

-- name: AuthorsByMood :many
SELECT sqlc.embed(authors) FROM authors WHERE mood = ? ORDER BY id;
