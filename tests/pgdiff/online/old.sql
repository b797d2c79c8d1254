CREATE TYPE kind AS ENUM ('a', 'b');
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE TABLE events (id bigint PRIMARY KEY, user_id bigint, k kind, note text);
CREATE INDEX users_email ON users (email);
CREATE INDEX events_note_and_id_an_index_whose_name_takes_all_sixty_three_by ON events (note, id);
CREATE INDEX "events ON ""k""" ON events (k);
