CREATE TABLE red (id INTEGER PRIMARY KEY, r TEXT NOT NULL);
CREATE TABLE blue (id INTEGER PRIMARY KEY, b TEXT NOT NULL);
-- the names a swap of red and blue would go through, taken by the schema
CREATE TABLE _dalgen_swap_red (id INTEGER PRIMARY KEY, v TEXT);
CREATE TABLE _dalgen_swap_blue (id INTEGER PRIMARY KEY, w TEXT);
CREATE INDEX _dalgen_swap_red_2 ON _dalgen_swap_blue(w);
