-- name: AddPerson :execlastid
INSERT INTO people (name) VALUES (?);

-- name: AddTicket :execlastid
INSERT INTO tickets (title, status, priority, owner_id) VALUES (?, ?, ?, ?);

-- name: TicketState :one
SELECT id, status, priority FROM tickets WHERE id = ?;

-- name: TicketsByStatus :many
SELECT t.id, t.title, t.status, p.name AS owner
FROM tickets t LEFT JOIN people p ON p.id = t.owner_id
WHERE t.status = ?
ORDER BY t.id;

-- The nullable side of an outer join: the enum gets a has_ flag.
-- name: PeopleWithTickets :many
SELECT p.name, t.status AS ticket_status
FROM people p LEFT JOIN tickets t ON t.owner_id = p.id
ORDER BY p.id, t.id;

-- An expression over the column is text, and so is a column typed by @result.
-- name: StatusTexts :one
-- @result status TEXT NOT NULL
SELECT status, status || '' AS status_text FROM tickets WHERE id = ?;

-- A parameter compared with or written to an enum column is the enum: a
-- nullable one by pointer (NULL writes NULL).
-- name: SetPriority :execrows
UPDATE tickets SET priority = ? WHERE id = ?;

-- name: CountWithStatus :one
SELECT count(*) AS n FROM tickets WHERE status IN (?, ?) AND (sqlc.narg(prio) IS NULL OR priority = sqlc.narg(prio));

-- Compared with two columns, with an expression, or typed by @param, it is text.
-- name: MatchTitleOrStatus :many
SELECT id FROM tickets WHERE status = sqlc.arg(word) OR title = sqlc.arg(word) ORDER BY id;

-- name: StatusLike :many
-- @param status TEXT
SELECT id FROM tickets WHERE lower(title) = lower(sqlc.arg(title)) AND status = sqlc.arg(status) ORDER BY id;
