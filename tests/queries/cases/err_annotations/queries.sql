-- @function twice(INTEGER) INTEGER
-- @function twice(TEXT) TEXT
-- @function broken INTEGER
-- @function badtype(WHATEVER) INTEGER

-- name: Params :many
-- @param missing INTEGER
-- @param id STRANGE
-- @result nope TEXT
SELECT id FROM authors WHERE id = ?;
