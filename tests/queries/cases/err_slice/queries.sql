-- name: SliceNotInIn :many
SELECT id FROM authors WHERE id = sqlc.slice(ids);

-- name: SliceWithOthers :many
SELECT id FROM authors WHERE id IN (1, sqlc.slice(ids));

-- name: EmbedMissing :many
SELECT sqlc.embed(books) FROM authors;

-- name: BadArgName :many
SELECT id FROM authors WHERE name = sqlc.arg('two words');

-- name: EmbedNullableSide :many
SELECT a.id, sqlc.embed(b) FROM authors a LEFT JOIN authors b ON b.id = a.id + 1;
