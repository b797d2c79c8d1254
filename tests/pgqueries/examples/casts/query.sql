-- name: AddHost :one
INSERT INTO hosts (addr, ports, moods) VALUES (@addr, @ports, @moods) RETURNING *;

-- name: HostsIn :many
SELECT id, addr, ports FROM hosts WHERE addr << @net ORDER BY id;

-- name: HostsFeeling :many
SELECT * FROM hosts WHERE moods && @moods ORDER BY id;
