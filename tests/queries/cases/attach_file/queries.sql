CREATE TABLE notes (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL, body TEXT);

-- name: ItemNotes :many
SELECT i.name, n.body FROM baz.items AS i JOIN notes AS n ON n.item_id = i.id WHERE i.id = ?;
