CREATE TABLE product (id INTEGER PRIMARY KEY, state TEXT NOT NULL CHECK (state IN ('live', 'retired')));
