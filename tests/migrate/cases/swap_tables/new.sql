-- @renamed_from red
CREATE TABLE blue (id INTEGER PRIMARY KEY, r TEXT NOT NULL);
-- @renamed_from blue
CREATE TABLE red (id INTEGER PRIMARY KEY, b TEXT NOT NULL);
CREATE TABLE child (id INTEGER PRIMARY KEY, red_id INTEGER REFERENCES blue(id));
CREATE INDEX red_r ON blue(r);
