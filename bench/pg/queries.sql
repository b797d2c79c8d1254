-- name: UpdateScore :exec
UPDATE users SET score = $1 WHERE id = $2;

-- W6 (bench_pg write): the rows of W1 in one pipeline.
-- name: InsertUsers :batchexec
INSERT INTO users (email, name, age, score) VALUES ($1, $2, $3, $4);

-- W7 (bench_pg write): the rows of W1 in one binary COPY.
-- name: CopyUsers :copyfrom
INSERT INTO users (email, name, age, score) VALUES ($1, $2, $3, $4);
