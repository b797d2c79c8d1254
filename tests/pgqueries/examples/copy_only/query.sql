-- name: LoadReadings :copyfrom
INSERT INTO ingest.readings (sensor, taken_at, value) VALUES ($1, $2, $3);

-- name: LoadSensors :copyfrom
INSERT INTO ingest.readings (sensor, taken_at) VALUES ($1, $2);
