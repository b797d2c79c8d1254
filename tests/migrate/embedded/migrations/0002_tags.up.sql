-- 0002_tags.up.sql: written by `dalgen migrate new`.
-- The runner applies it in one transaction with foreign keys off.

CREATE TABLE tags (id INTEGER PRIMARY KEY, note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE, tag TEXT NOT NULL);

ALTER TABLE "notes" ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;

CREATE INDEX tags_note ON tags(note_id);
