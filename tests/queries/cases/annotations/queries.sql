-- @function score_of(TEXT, REAL) REAL NOT NULL
-- @function tags_of(TEXT, ...) TEXT

-- name: UseFunction :many
SELECT id, score_of(payload, ?) AS s, tags_of(payload, 'a', 'b') AS t FROM events;

-- name: ParamOverride :many
-- @param since INTEGER
-- @param maybe TEXT NULL
SELECT id FROM events WHERE id > :since AND (:maybe IS NULL OR payload = :maybe);

-- name: ResultOverride :one
-- @result v INTEGER
-- @result w TEXT
SELECT json_extract(payload, '$.v') AS v, NULL AS w FROM events WHERE id = ?;

-- name: PositionalByNumber :many
-- @param 1 TEXT
SELECT id FROM events WHERE ? IS NOT NULL;
