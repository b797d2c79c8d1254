-- name: OrderedQuantity :one
SELECT coalesce(sum(quantity), 0) AS total FROM orders WHERE product_id = ?;

-- name: LargestOrder :one
SELECT max(quantity) FROM orders WHERE product_id = ?;

-- name: ProductName :one
SELECT name FROM product WHERE id = ?;

-- name: ProductNote :one
SELECT note FROM product WHERE id = ?;

-- name: StateOf :one
SELECT state FROM product WHERE id = ?;

-- name: ProductImage :one
SELECT image FROM product WHERE id = ?;

-- name: ProductPrice :one
SELECT price FROM product WHERE id = ?;

-- name: SkusFrom :many
SELECT sku FROM product WHERE sku >= ? ORDER BY sku;

-- name: NotesFrom :many
SELECT note FROM product WHERE sku >= ? ORDER BY sku;

-- name: Label :one
SELECT id, name, note FROM product WHERE sku = ?;

-- name: LabelsFrom :many
SELECT id, name, note FROM product WHERE sku >= ? ORDER BY sku;

-- name: LabelsOrdered :many
SELECT p.id, p.name, p.note FROM orders o JOIN product p ON p.id = o.product_id WHERE o.quantity >= ? ORDER BY p.id;

-- name: LabelsOuter :many
SELECT p.id, p.name, o.id AS note FROM product p LEFT JOIN orders o ON o.product_id = p.id;

-- name: AddProduct :execlastid
INSERT INTO product (sku, name, note, state, price, image) VALUES (?, ?, ?, ?, ?, ?);

-- name: FourParams :many
SELECT id FROM product WHERE sku >= ? AND name <> ? AND state = ? AND id > ? ORDER BY id;

-- name: Search :many
SELECT id, name, note FROM product
WHERE id IN (sqlc.slice(ids)) AND name LIKE @pattern AND (@state IS NULL OR state = @state)
  AND coalesce(price, 0) <= @max_price AND sku <> @skip
ORDER BY id;

-- name: SearchOne :one
SELECT id, name, note FROM product
WHERE id IN (sqlc.slice(ids)) AND name LIKE @pattern AND state = @state AND coalesce(price, 0) <= @max_price
  AND sku <> @skip
ORDER BY id LIMIT 1;

-- name: Retire :execresult
UPDATE product SET state = 'retired' WHERE sku LIKE ?;

-- name: AddOrder :execresult
INSERT INTO orders (product_id, quantity) VALUES (?, ?);
