-- name: CopyAuthors :copyfrom
INSERT INTO authors (name, bio) VALUES ($1, $2);

-- name: CopyNamed :copyfrom
INSERT INTO public.authors (bio, name) VALUES (sqlc.narg(bio), sqlc.arg(name));

-- name: Rename :batchexec
UPDATE authors SET name = @name WHERE id = @id;
