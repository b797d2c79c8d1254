CREATE TYPE kind AS ENUM ('a', 'b');
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE TABLE events (id bigint PRIMARY KEY, user_id bigint, k kind, note text);
