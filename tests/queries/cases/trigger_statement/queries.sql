-- A trigger's body holds statements ending in ';': the query runs to the
-- body's END (CASE ... END nests inside it).

-- name: MakeTouchTrigger :exec
CREATE TRIGGER IF NOT EXISTS notes_touch AFTER UPDATE OF body ON notes BEGIN
  UPDATE notes SET updated_at = CASE WHEN NEW.updated_at IS NULL THEN datetime('now') ELSE NEW.updated_at END;
  INSERT INTO log (msg) VALUES ('touched; ' || NEW.id);
END;

-- name: MakeTempTrigger :exec
CREATE TEMP TRIGGER notes_gone AFTER DELETE ON notes BEGIN INSERT INTO log (msg) VALUES ('gone'); END

-- name: Log :many
SELECT msg FROM log WHERE msg LIKE ? || '%';
