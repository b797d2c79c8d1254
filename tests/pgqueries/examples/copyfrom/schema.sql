-- :copyfrom (sqlc's CopyFrom): rows sent with binary COPY FROM STDIN.
CREATE TABLE readings (
    id      bigint PRIMARY KEY,
    sensor  text NOT NULL,
    value   double precision NOT NULL,
    ok      boolean NOT NULL,
    note    varchar(32),
    small   integer
);
