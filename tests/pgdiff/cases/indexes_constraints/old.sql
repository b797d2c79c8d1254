CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE rooms (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE bookings (id int PRIMARY KEY, room int REFERENCES rooms(id), during tsrange, note text, qty int CHECK (qty > 0),
  EXCLUDE USING gist (room WITH =, during WITH &&));
CREATE INDEX bookings_note ON bookings (note) WHERE note IS NOT NULL;
CREATE TABLE legacy (id int);
