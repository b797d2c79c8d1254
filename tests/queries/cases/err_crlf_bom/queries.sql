-- A file with a byte order mark and CRLF line ends.

-- name: GetName :one
-- @param id INTEGER
SELECT name
FROM t
WHERE id = :id;

/* name: Missing :one */
SELECT nope FROM t;
