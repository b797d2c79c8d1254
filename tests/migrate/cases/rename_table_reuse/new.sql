-- @renamed_from person
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE person (id INTEGER PRIMARY KEY, people_id INTEGER REFERENCES people(id), role TEXT);
