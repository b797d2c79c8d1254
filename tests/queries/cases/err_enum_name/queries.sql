-- name: ProductState :one
SELECT state FROM product WHERE id = ?;
