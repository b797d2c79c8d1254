-- name: AddPerson :one
INSERT INTO people (mail, rank, feeling, moods, spot)
VALUES (@mail, @rank, @feeling, @moods, @spot)
RETURNING id;

-- name: PeopleFeeling :many
SELECT id, mail, rank, feeling, moods, spot FROM people WHERE feeling = $1 ORDER BY id;

-- name: SpotOf :one
SELECT (spot).a AS a, spot, ROW(rank, mail)::pair AS made FROM people WHERE mail = @mail::email;

-- name: Everyone :many
SELECT * FROM people;

-- name: NextRank :one
SELECT $1 + 1 AS next_rank;
