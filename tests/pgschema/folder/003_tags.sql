-- A goose file (as hatchet's and many sqlc projects' migrations are):
-- only the part after `-- +goose Up` counts.
-- +goose Up
CREATE TABLE tags (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
-- +goose StatementBegin
CREATE FUNCTION tag_count() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  RETURN (SELECT count(*) FROM tags);
END;
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION tag_count();
DROP TABLE tags;
