-- Every kind, and the star expansion that makes the SQL independent of
-- column order.

-- name: GetAuthor :one
SELECT * FROM authors WHERE id = ?;

/* name: ListAuthors :many */
SELECT * FROM authors ORDER BY name;

-- name: CreateAuthor :execlastid
INSERT INTO authors (name, bio) VALUES (?, ?);

-- name: DeleteAuthor :exec
DELETE FROM authors WHERE id = ?;

-- name: RenameAuthors :execrows
UPDATE authors SET name = :new_name WHERE name = :old_name;

-- name: CreateBookNoColumns :execlastid
INSERT INTO books VALUES (NULL, ?, ?, ?, ?, ?, ?);

-- name: BooksOf :many
SELECT b.title, a.name AS author, b.price
FROM books b JOIN authors a ON a.id = b.author_id
WHERE a.id = @author_id AND b.available = @available
ORDER BY b.title
LIMIT ? OFFSET ?;
