DROP TRIGGER "item_names_ins";

DROP TRIGGER "audit_touch";

DROP TRIGGER "items_ins";

DROP VIEW "item_names";

-- rebuild items: column name changed
CREATE TABLE "_dalgen_new_items" (id INTEGER PRIMARY KEY, name TEXT, updated INTEGER DEFAULT 0);

-- copy rows of items
INSERT INTO "_dalgen_new_items" ("id", "name", "updated")
  SELECT "id", "name", "updated" FROM "items";

DROP TABLE "items";

ALTER TABLE "_dalgen_new_items" RENAME TO "items";

CREATE VIEW item_names AS SELECT id, name FROM items;

CREATE TRIGGER items_ins AFTER INSERT ON items BEGIN INSERT INTO audit (item, what) VALUES (NEW.id, 'ins'); END;

CREATE TRIGGER audit_touch AFTER INSERT ON audit BEGIN UPDATE items SET updated = updated + 1 WHERE id = NEW.item; END;

CREATE TRIGGER item_names_ins INSTEAD OF INSERT ON item_names BEGIN INSERT INTO items (id, name) VALUES (NEW.id, NEW.name); END;
