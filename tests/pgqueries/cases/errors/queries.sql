-- name: Unknown :one
SELECT sqlc.what(x) FROM authors;

-- name: SliceOutside :many
SELECT id FROM authors WHERE id = sqlc.slice(ids);

-- name: EmbedInside :many
SELECT coalesce(sqlc.embed(a)) FROM authors a;

-- name: EmbedNotTable :many
SELECT sqlc.embed(x) FROM authors a;

-- name: Syntax :one
SELECT id FROM authors WHERE;

-- name: Two :exec
DELETE FROM books; DELETE FROM authors;

-- name: NoColumn :one
SELECT nme FROM authors WHERE id = @id;

-- name: LastIdNoKey :execlastid
UPDATE authors SET bio = NULL;

-- name: ArgNoName :one
SELECT id FROM authors WHERE id = sqlc.arg(1 + 2);

-- name: OneNoRows :one
UPDATE authors SET bio = NULL WHERE id = @id;

-- name: AfterEdit :one
SELECT id FROM authors WHERE name = sqlc.arg(name) AND nosuch = sqlc.arg(x);

-- name: LastIdText :execlastid
INSERT INTO tagged (k) VALUES ('x');

-- name: LastIdReturning :execlastid
INSERT INTO books (author_id, title) VALUES (1, 't') RETURNING id;

-- name: SliceTwice :many
SELECT id FROM authors WHERE id IN (sqlc.slice(ids)) OR id = sqlc.arg(ids);

-- name: OnlyComment :exec
-- nothing here

-- name: MixedDollar :one
SELECT id FROM authors WHERE id = $1 AND name = @name;

-- name: MixedNamed :one
SELECT id FROM authors WHERE id = sqlc.arg(id) AND name = @name;

-- name: Utf8Syntax :one
SELECT 'héllo' AS g FROM authors WHERE;

-- name: Utf8Server :one
SELECT 'héllo' AS g, nosuch FROM authors;

-- name: EmbedNullable :many
SELECT sqlc.embed(a), sqlc.embed(b) FROM authors a LEFT JOIN books b ON b.author_id = a.id;

-- name: UntypedNamed :one
SELECT jsonb_build_object('k', @value) AS doc;

-- name: UntypedDollar :exec
UPDATE books SET title = title WHERE id = $1 AND jsonb_build_array($2) IS NOT NULL;
