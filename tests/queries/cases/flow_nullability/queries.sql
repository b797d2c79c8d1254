-- Flow nullability: a condition every result row passes keeps a column
-- from being NULL.

-- name: WithBio :many
SELECT id, bio FROM authors WHERE bio IS NOT NULL;

-- name: ByBio :many
SELECT id, bio FROM authors WHERE bio = ? AND rating > 2;

-- name: NotIsNull :many
SELECT bio FROM authors WHERE NOT (bio IS NULL) AND rating NOTNULL;

-- name: ScoredBooks :many
SELECT a.id, b.title, b.score FROM authors a LEFT JOIN books b ON b.author_id = a.id WHERE b.score > 3;

-- name: InnerOn :many
SELECT a.bio, b.title FROM authors a JOIN books b ON b.title = a.bio;

-- name: InAndLike :many
SELECT bio, rating FROM authors WHERE rating IN (1, 2, 3) AND bio LIKE 'a%';

-- name: WholeRow :one
SELECT * FROM authors WHERE bio IS NOT NULL AND id = ?;

-- Stays nullable: under OR, in a LEFT JOIN's ON, or an IS NULL test.

-- name: EitherOr :many
SELECT id, bio FROM authors WHERE bio IS NOT NULL OR rating > 0;

-- name: LeftOn :many
SELECT a.id, b.score FROM authors a LEFT JOIN books b ON b.author_id = a.id AND b.score > 3;

-- name: IsNullTest :many
SELECT id, bio FROM authors WHERE bio IS NULL;
