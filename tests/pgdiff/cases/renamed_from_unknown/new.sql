-- a misspelt @renamed_from: the column is added, the old one dropped
CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    login text -- @renamed_from handel
);
-- @renamed_from acount_events
CREATE TABLE account_events (id bigint PRIMARY KEY);
