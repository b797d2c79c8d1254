-- name: Vacuum :exec
VACUUM;

-- name: SetVersion :exec
PRAGMA user_version = 7;

-- name: UserVersion :one
-- @result user_version INTEGER NOT NULL
PRAGMA user_version;

-- name: MakeIndex :exec
CREATE INDEX IF NOT EXISTS kv_v ON kv(v);

-- name: Columns :many
-- a pragma function: dalgen knows its columns; @result still overrides them
-- @result cid INTEGER NOT NULL
-- @result name TEXT NOT NULL
-- @result type TEXT NOT NULL
-- @result notnull BOOLEAN NOT NULL
-- @result dflt_value TEXT
-- @result pk INTEGER NOT NULL
SELECT * FROM pragma_table_info('kv');

-- name: PageStats :many
-- a table-valued function dalgen does not know: * stays, @result types it
-- @result name TEXT NOT NULL
-- @result pageno INTEGER NOT NULL
SELECT * FROM dbstat('main') LIMIT 0;

-- name: Attach :exec
-- @param path TEXT
ATTACH DATABASE :path AS aux;
