-- name: CountLive :one
SELECT count(*) FROM history WHERE deleted_at IS NULL;

-- name: MaxTs :one
SELECT max(ts) FROM history WHERE session = $1;

-- name: BodyOf :one
SELECT body FROM history WHERE id = $1;

-- name: AddHistory :one
INSERT INTO history (session, ts, body, note, deleted_at)
VALUES ($1, $2, $3, $4, $5)
RETURNING id;

-- name: SoftDelete :execrows
UPDATE history SET deleted_at = now() WHERE session = $1 AND ts = $2;

-- name: Written :many
SELECT id, body FROM history WHERE session = $1 AND body IS NOT NULL ORDER BY id;

-- name: WrittenSince :many
SELECT id, body FROM history WHERE ts >= $1 AND body IS NOT NULL ORDER BY id;

-- name: Noted :many
SELECT id, note FROM history WHERE note = $1 ORDER BY id;

-- name: AllBodies :many
SELECT id, body FROM history ORDER BY id;

-- name: DeletedTimes :many
SELECT deleted_at FROM history WHERE deleted_at IS NOT NULL ORDER BY id;

-- name: SessionTimes :many
SELECT h.ts FROM sessions s LEFT JOIN history h ON h.session = s.id WHERE h.ts > $1 ORDER BY h.ts;

-- name: SessionLastTs :many
SELECT s.name, h.ts FROM sessions s LEFT JOIN history h ON h.session = s.id ORDER BY s.id, h.ts;

-- name: JoinedNotes :many
SELECT h.note FROM history h JOIN sessions s ON s.id = h.session AND h.note IS NOT NULL ORDER BY h.id;

-- name: AddSession :one
INSERT INTO sessions (name) VALUES ($1) RETURNING id;
