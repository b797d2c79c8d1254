-- Issue 16's query API on PostgreSQL (tests/pgqueries/e2e/api16.c): scalar
-- results, parameter structs, shared rows, flow nullability, finders from
-- a partial index and from an index's leftmost prefix, insert_many.
CREATE TABLE sessions (
  id   bigserial PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE history (
  id         bigserial PRIMARY KEY,
  session    bigint NOT NULL REFERENCES sessions (id),
  ts         bigint NOT NULL,
  body       text,
  note       text,
  deleted_at timestamptz
);

-- the soft-deleted rows are not in it: history_list_by_session_live
CREATE INDEX idx_live ON history (session, ts) WHERE deleted_at IS NULL;
-- every row, by session then time: history_list_by_session (ordered by ts)
CREATE INDEX history_session_ts ON history (session, ts);
