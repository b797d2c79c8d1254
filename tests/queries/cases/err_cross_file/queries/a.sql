-- A folder of query files: every *.sql in name order, other files ignored.
-- @function shout(TEXT) TEXT NOT NULL

-- name: GetNote :one
SELECT * FROM notes WHERE id = ?;
