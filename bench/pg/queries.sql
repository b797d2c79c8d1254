-- name: UpdateScore :exec
UPDATE users SET score = $1 WHERE id = $2;
