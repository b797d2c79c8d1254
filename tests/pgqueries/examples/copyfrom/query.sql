-- name: CopyReadings :copyfrom
INSERT INTO readings (id, sensor, value, ok, note, small) VALUES ($1, $2, $3, $4, $5, $6);

-- name: CopyNamed :copyfrom
INSERT INTO readings (sensor, id, value, ok) VALUES (@sensor, @id, @value, @ok);

-- name: InsertReading :exec
INSERT INTO readings (id, sensor, value, ok, note, small) VALUES ($1, $2, $3, $4, $5, $6);

-- name: CountReadings :one
SELECT count(*) AS n, coalesce(sum(id), 0)::bigint AS id_sum, coalesce(sum(value), 0)::float8 AS value_sum,
       count(note) AS notes, coalesce(sum(small), 0)::bigint AS small_sum, count(*) FILTER (WHERE ok) AS oks
FROM readings;

-- name: GetReading :one
SELECT * FROM readings WHERE id = $1;

-- name: ClearReadings :exec
DELETE FROM readings;

-- name: SetNote :batchexec
UPDATE readings SET note = $2 WHERE id = $1;

-- name: AddReadings :batchexec
INSERT INTO readings (id, sensor, value, ok, small) VALUES (sqlc.arg(id), sqlc.arg(sensor), sqlc.arg(value), sqlc.arg(ok), sqlc.narg(small));

-- name: SetNote1 :exec
UPDATE readings SET note = $2 WHERE id = $1;
