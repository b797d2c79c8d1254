-- A migration history as the newer side: its ALTER TABLE ... RENAME
-- statements count as @renamed_from (values and the serial's counter kept).
CREATE TABLE sessions (id serial PRIMARY KEY, token text NOT NULL, ip text);
CREATE TABLE notes (id int PRIMARY KEY, body text);
ALTER TABLE sessions RENAME TO user_sessions;
ALTER TABLE user_sessions RENAME COLUMN ip TO addr;
-- a new table takes the old name
CREATE TABLE sessions (id text PRIMARY KEY, data jsonb NOT NULL);
-- a column renamed, then its table: the column follows the table
ALTER TABLE notes RENAME COLUMN body TO text_;
ALTER TABLE notes RENAME TO memos;
