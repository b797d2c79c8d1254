-- A parameter tested for NULL may be NULL: an optional filter.

-- name: Since :many
SELECT id FROM ev WHERE @since IS NULL OR at >= @since;

-- name: NotNullForms :many
SELECT id FROM ev WHERE (:lo ISNULL OR at >= :lo) AND (:hi NOTNULL AND at <= :hi OR :hi IS NOT NULL);

-- name: NullFirst :many
SELECT id FROM ev WHERE NULL IS ?1 OR score > ?1;

-- name: NoTest :many
SELECT id FROM ev WHERE at >= ?;
