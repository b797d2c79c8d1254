-- name: Cte :many
WITH top AS (SELECT id, name FROM nodes WHERE parent IS NULL)
SELECT * FROM top ORDER BY name;

-- name: Recursive :many
WITH RECURSIVE sub(id, depth) AS (
  SELECT id, 0 FROM nodes WHERE id = ?
  UNION ALL
  SELECT n.id, sub.depth + 1 FROM nodes n JOIN sub ON n.parent = sub.id
)
SELECT sub.id, sub.depth, nodes.name FROM sub JOIN nodes ON nodes.id = sub.id;

-- name: Union :many
SELECT name FROM nodes UNION SELECT name FROM tags;

-- name: UnionMixed :many
SELECT id, name FROM nodes UNION ALL SELECT NULL, name FROM tags;

-- name: ExceptIntersect :many
SELECT name FROM nodes EXCEPT SELECT name FROM tags INTERSECT SELECT name FROM nodes;

-- name: Values :many
VALUES (1, 'a'), (2, 'b');

-- name: CteInDelete :execrows
WITH old AS (SELECT id FROM nodes WHERE parent = ?)
DELETE FROM nodes WHERE id IN (SELECT id FROM old);
