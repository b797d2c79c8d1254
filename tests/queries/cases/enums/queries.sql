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
