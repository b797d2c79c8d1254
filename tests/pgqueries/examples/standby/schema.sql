-- pgrt.standby (tests/pgrt/standby.sh): a table written on the primary and
-- read on a streaming standby.
CREATE TABLE notes (
  id bigint PRIMARY KEY,
  body text NOT NULL
);
