-- name: ProductBySku :one
SELECT * FROM products WHERE sku = ?;

-- name: OrderedQuantity :one
SELECT coalesce(sum(quantity), 0) AS total FROM orders WHERE product_id = ?;
