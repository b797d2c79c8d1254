CREATE TYPE kind AS ENUM ('a', 'b', 'c');
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL DEFAULT '');
CREATE TABLE events (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), k kind, note text CHECK (note <> 'x'));
CREATE INDEX events_user ON events (user_id) WHERE k <> 'a';
CREATE TABLE audit (id bigint PRIMARY KEY, what text);
CREATE INDEX audit_what ON audit (what);
CREATE INDEX users_email ON users (lower(email)) WHERE email <> '';
CREATE UNIQUE INDEX events_note_and_id_an_index_whose_name_takes_all_sixty_three_by ON events (id, note);
CREATE INDEX "events ON ""k""" ON events (k, id);
