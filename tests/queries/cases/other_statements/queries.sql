-- name: Vacuum :exec
VACUUM;

-- name: SetVersion :exec
PRAGMA user_version = 7;

-- name: UserVersion :one
-- @result user_version INTEGER NOT NULL
PRAGMA user_version;

-- name: MakeIndex :exec
CREATE INDEX IF NOT EXISTS kv_v ON kv(v);
