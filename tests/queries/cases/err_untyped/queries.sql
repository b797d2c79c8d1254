-- name: UntypedParam :many
SELECT id FROM authors WHERE ? IS NULL;

-- name: UntypedNamedParam :many
SELECT id, :what AS w FROM authors;

-- name: UntypedResult :one
SELECT NULL AS nil, json_each.key FROM authors, json_each(authors.bio);

-- name: UnknownFunctionResult :one
SELECT fts5_source_id() AS opt;
