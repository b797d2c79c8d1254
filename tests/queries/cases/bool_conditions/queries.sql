-- A parameter that is a whole condition is a bool; a stronger use (a
-- comparison with a column) still decides its type.

-- name: Open :many
SELECT id FROM task WHERE @include_done OR done_at IS NULL;

-- name: Ordered :many
SELECT id, title FROM task
ORDER BY CASE WHEN @by_priority THEN priority END DESC, iif(@newest_first, -id, id);

-- name: Negated :many
SELECT id FROM task WHERE NOT :hide_all;

-- name: Counted :one
SELECT count(*) FILTER (WHERE ?) AS picked FROM task;

-- name: Stronger :many
SELECT id FROM task WHERE @p OR priority = @p;

-- name: ComparedWithTrue :many
SELECT id FROM task WHERE sqlc.arg(urgent) = TRUE AND :archived IS NOT FALSE;
