CREATE TABLE notes (body TEXT, rank INTEGER);
