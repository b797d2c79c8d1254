CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE rooms (id int PRIMARY KEY, code text, floor int NOT NULL DEFAULT 0, UNIQUE (code, floor));
CREATE TABLE bookings (id int PRIMARY KEY, room int REFERENCES rooms(id) ON DELETE CASCADE, during tsrange, note text, qty int CHECK (qty >= 0),
  EXCLUDE USING gist (room WITH =, during WITH &&));
CREATE INDEX bookings_note ON bookings (lower(note)) INCLUDE (qty) WHERE note IS NOT NULL;
CREATE UNIQUE INDEX bookings_room_id ON bookings (room, id);
