-- name: NotInsert :copyfrom
UPDATE authors SET name = $1;

-- name: NoColumns :copyfrom
INSERT INTO authors VALUES (DEFAULT, $1, $2);

-- name: TwoRows :copyfrom
INSERT INTO authors (name, bio) VALUES ($1, $2), ($3, $4);

-- name: Expression :copyfrom
INSERT INTO authors (name, bio) VALUES (upper($1), $2);

-- name: OutOfOrder :copyfrom
INSERT INTO authors (name, bio) VALUES ($2, $1);

-- name: Returning :copyfrom
INSERT INTO authors (name, bio) VALUES ($1, $2) RETURNING id;

-- name: Slice :copyfrom
INSERT INTO authors (name, bio) VALUES (sqlc.slice(names), $1);
