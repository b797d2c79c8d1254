ALTER TABLE "person" RENAME TO "people";

CREATE TABLE person (id INTEGER PRIMARY KEY, people_id INTEGER REFERENCES people(id), role TEXT);
