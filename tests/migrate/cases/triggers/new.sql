CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', updated INTEGER DEFAULT 0);
CREATE TABLE audit (id INTEGER PRIMARY KEY, item INTEGER, what TEXT);
CREATE TRIGGER items_ins AFTER INSERT ON items BEGIN INSERT INTO audit (item, what) VALUES (NEW.id, 'ins'); END;
CREATE TRIGGER audit_touch AFTER INSERT ON audit BEGIN UPDATE items SET updated = updated + 1 WHERE id = NEW.item; END;
CREATE VIEW item_names AS SELECT id, name FROM items;
CREATE TRIGGER item_names_ins INSTEAD OF INSERT ON item_names BEGIN INSERT INTO items (id, name) VALUES (NEW.id, NEW.name); END;
