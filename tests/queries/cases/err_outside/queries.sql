SELECT 1;
-- @param x INTEGER

-- name: Ok :one
SELECT 1 AS one;
