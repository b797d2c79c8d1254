CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, legacy TEXT, age INTEGER);
CREATE INDEX users_legacy ON users(legacy);
